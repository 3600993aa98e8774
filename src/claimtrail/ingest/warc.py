"""WARC and WARC.GZ archives: each HTML response record becomes a raw item.

The id is the record's target URI. Records read before a damaged or truncated part
are kept, and the damage is reported once.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from claimtrail.ingest.items import RawItem
from claimtrail.ingest.metadata import normalise_date, outlet_from_url
from claimtrail.ingest.streams import CHUNK, GZIP_MAGIC, CheckedStream, open_checked
from claimtrail.models import IngestProblem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(source: str | bytes, input_: str, path: str | None, max_record_bytes: int,
              ) -> Iterator[RawItem | IngestProblem]:
    """Raw items of a WARC file (a path, streamed) or of WARC bytes (a download).

    warcio stops quietly at a cut, so a cut is recognised by ``CheckedStream``: a gzip
    stream that ends mid-member, or data that does not end on the record delimiter.
    The record the cut falls in is dropped, not kept half-read.
    """
    if isinstance(source, bytes):
        raw: BinaryIO = io.BytesIO(source)
        stream = CheckedStream(raw, gzipped=source[:2] == GZIP_MAGIC)
        reader: BinaryIO = io.BufferedReader(stream, buffer_size=CHUNK)
    else:
        reader, stream = open_checked(source)
    seen = [0]
    errors: list[str] = []
    pending: RawItem | None = None
    reported = 0
    try:
        for item in _records(reader, input_, path, max_record_bytes, seen, errors):
            if isinstance(item, RawItem):
                if pending is not None:
                    yield pending
                pending = item
            else:
                reported += 1
                yield item
    finally:
        reader.close()
    cut = stream.damage or (errors[0] if errors else None) or (
        None if stream.tail.endswith(b"\r\n\r\n") or not stream.produced
        else "it ends in the middle of a record")
    kept = pending is not None and not (cut and pending.extra["warc_record"] == seen[0])
    if kept:
        yield pending  # type: ignore[misc]
    if pending is None and not reported and (seen[0] <= 1 or not cut):
        # Nothing usable came out: say why, once.
        yield IngestProblem(input_, "not a WARC archive, or one without HTML pages "
                                    f"({seen[0]} record{'' if seen[0] == 1 else 's'} read"
                                    + (f"; {cut}" if cut else "") + ")", "parse")
    elif cut:
        yield IngestProblem(input_, f"WARC archive is truncated or damaged: {cut}; the "
                                    f"{max(seen[0] - 1, 0)} records before it were read",
                            "read")


def _records(reader: BinaryIO, input_: str, path: str | None, max_bytes: int,
             seen_counter: list[int], errors: list[str]) -> Iterator[RawItem | IngestProblem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seen = 0
    try:
        for record in ArchiveIterator(reader, arc2warc=True):
            seen += 1
            seen_counter[0] = seen
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if not uri:
                yield IngestProblem(f"{input_}#{seen}", "response record without "
                                    "WARC-Target-URI", "parse")
                continue
            http = record.http_headers
            status = http.get_statuscode() if http is not None else None
            if status and not status.startswith("2"):
                continue   # redirects and errors carry no article
            media, charset = _media_type(http.get_header("Content-Type") if http else None)
            if media and not media.startswith(_HTML_TYPES):
                continue   # images, scripts, style sheets
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield IngestProblem(uri, f"WARC record over the {max_bytes:,}-byte cap", "read")
                continue
            if not media and b"<html" not in body[:4096].lower():
                continue
            capture = normalise_date(record.rec_headers.get_header("WARC-Date"))
            yield RawItem(
                id=uri, body=_decode(body, charset), input=input_, format="warc",
                is_html=True, url=uri, outlet=outlet_from_url(uri), path=path,
                fallback_published=capture, fallback_published_from="warc",
                extra={"warc_record": seen, "warc_date": capture},
            )
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        # Reported once by read_warc, together with any cut in the stream.
        errors.append(str(exc).strip().splitlines()[0] if str(exc).strip()
                      else type(exc).__name__)


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    """Hand trafilatura text; fall back to our detector when the header lies."""
    from claimtrail.ingest.decode import ReadError, decode_text

    try:
        return decode_text(body, hint=charset, sniff_html=True)
    except ReadError:
        return body.decode("utf-8", "replace")
