"""Bytes to text: gzip, binary detection and encoding detection.

Every failure raises ``ReadError`` with a reason a user can act on; the readers turn
it into one ``IngestProblem`` and the batch goes on.
"""
from __future__ import annotations

import codecs
import re
import zlib
from pathlib import Path


class ReadError(Exception):
    """An input that cannot be read; ``str(exc)`` is the one-line reason."""

    def __init__(self, reason: str, stage: str = "read") -> None:
        super().__init__(reason)
        self.reason = reason
        self.stage = stage


class TruncatedInput(ReadError):
    """A compressed or archived input cut short: ``data`` holds what came before."""

    def __init__(self, reason: str, data: bytes) -> None:
        super().__init__(reason)
        self.data = data


GZIP_MAGIC = b"\x1f\x8b"

# Bytes that never occur in text files. NUL is the classic tell; the other C0 controls
# (minus tab, newline, form feed, carriage return, escape) also mean binary when common.
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13, 27})
_CONTROL_RE = re.compile(b"[" + re.escape(_CONTROL_BYTES) + b"]")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over ``max_bytes`` before reading them."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise ReadError(f"file is {size:,} bytes, over the {max_bytes:,}-byte cap "
                        "(raise IngestSettings.max_file_bytes to read it)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data; a truncated stream raises ``TruncatedInput`` with the prefix.

    Decompression is incremental so that a gzip bomb stops at ``max_bytes``.
    """
    out = bytearray()
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    pending = data
    try:
        while pending:
            out += decomp.decompress(pending, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise ReadError(f"decompresses to over {max_bytes:,} bytes (size cap)")
            if decomp.unconsumed_tail:
                pending = decomp.unconsumed_tail
                continue
            if decomp.eof and decomp.unused_data.startswith(GZIP_MAGIC):
                # Concatenated gzip members (valid gzip): continue with the next one.
                pending = decomp.unused_data
                decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
                continue
            break
    except zlib.error as exc:
        raise TruncatedInput(f"corrupt gzip data after {len(out):,} bytes: {exc}",
                             bytes(out)) from exc
    if not decomp.eof:
        raise TruncatedInput(f"gzip stream is truncated after {len(out):,} bytes "
                             "(the download or copy was cut short)", bytes(out))
    return bytes(out)


def maybe_gunzip(data: bytes, max_bytes: int) -> bytes:
    return gunzip(data, max_bytes) if data[:2] == GZIP_MAGIC else data


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False  # UTF-16 text is full of NULs, but has a BOM
    if b"\x00" in head:
        return True
    return len(_CONTROL_RE.findall(head)) > max(8, len(head) // 100)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""",
                           re.IGNORECASE)


def decode_text(data: bytes, *, hint: str | None = None, sniff_html: bool = False) -> str:
    """Decode bytes to text: BOMs, then the hint, utf-8, an HTML meta charset, then detection.

    Raises ``ReadError`` for binary data and for bytes no encoding explains.
    """
    if not data.strip():
        return ""
    if looks_binary(data):
        raise ReadError("binary content (NUL or control bytes), not text: "
                        "pass text, HTML, JSON, a feed or a WARC file")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(f"starts with a {codec} byte-order mark but is not valid "
                                f"{codec} at byte {exc.start}") from exc
    # Valid UTF-8 with non-ASCII bytes is almost never anything else, while servers often
    # declare latin-1 for UTF-8 pages; so UTF-8 first, then what the source declares.
    candidates = ["utf-8"]
    if hint:
        candidates.append(hint)
    if sniff_html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", "replace"))
    for codec in candidates:
        try:
            return data.decode(_normal_codec(codec))
        except (UnicodeDecodeError, LookupError):
            continue
    mixed = _mostly_utf8(data)
    return mixed if mixed is not None else _detect(data)


_ESCAPED = re.compile("[\udc80-\udcff]+")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
# A few stray bytes in otherwise plain ASCII (a pasted windows-1252 quote) are read as
# windows-1252 rather than sent to charset detection, which guesses badly on so little.
_STRAY_BYTES = 8


def _mostly_utf8(data: bytes) -> str | None:
    """Mixed encodings: UTF-8 text with some bytes that are not (a windows-1252 quote
    pasted in, a lone surrogate written by a broken encoder). The valid UTF-8 is kept
    and each run of other bytes is read as windows-1252; None when the data shows no
    UTF-8 at all (then it is a legacy encoding for charset detection)."""
    text = data.decode("utf-8", "surrogateescape")
    runs = _ESCAPED.findall(text)
    if not _NON_ASCII.search(text) and sum(len(r) for r in runs) > _STRAY_BYTES:
        return None
    return _ESCAPED.sub(lambda m: m.group().encode("utf-8", "surrogateescape")
                        .decode("cp1252", "replace"), text)


def _normal_codec(name: str) -> str:
    # Browsers read "iso-8859-1" and "ascii" labels as windows-1252 (WHATWG encoding
    # standard); doing the same avoids mojibake for curly quotes on old pages.
    lowered = name.strip().lower()
    if lowered in {"iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii"}:
        return "cp1252"
    return lowered


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ReadError("unknown text encoding (not UTF-8/UTF-16 and charset detection "
                        "found no match): convert the file to UTF-8")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(f"unknown text encoding (detected {best.encoding}, which does not "
                        "decode the whole file): convert the file to UTF-8") from exc
