"""WARC and WARC.GZ archives: each HTML response record becomes a raw item.

The id is the record's target URI. Records read before a damaged or truncated part
are kept, and the damage is reported once.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from claimtrail.ingest.items import RawItem
from claimtrail.ingest.metadata import normalise_date, outlet_from_url
from claimtrail.models import IngestProblem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(data: bytes, input_: str, path: str | None, max_bytes: int,
              damage: str | None = None) -> Iterator[RawItem | IngestProblem]:
    """Raw items of an (already decompressed) WARC.

    ``damage`` says why ``data`` is only a prefix (a truncated gzip). warcio stops
    quietly at a cut, so a cut is also recognised by the data not ending on the
    record delimiter; the record it cuts is dropped, not kept half-read.
    """
    half_record = not data.endswith(b"\r\n\r\n")
    pending: RawItem | None = None
    for item in _records(data, input_, path, max_bytes):
        if isinstance(item, RawItem):
            if pending is not None:
                yield pending
            pending = item
        else:
            yield item
    if pending is not None and not half_record:
        yield pending
    if (damage or half_record) and data.strip():
        yield IngestProblem(input_, "WARC archive is truncated: " + (damage or "it ends "
                            "in the middle of a record") + "; the records before the cut "
                            "were kept", "read")


def _records(data: bytes, input_: str, path: str | None, max_bytes: int,
             ) -> Iterator[RawItem | IngestProblem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seen = 0
    kept = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data), arc2warc=True):
            seen += 1
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
            kept += 1
            capture = normalise_date(record.rec_headers.get_header("WARC-Date"))
            yield RawItem(
                id=uri, body=_decode(body, charset), input=input_, format="warc",
                is_html=True, url=uri, outlet=outlet_from_url(uri), path=path,
                fallback_published=capture, fallback_published_from="warc",
                extra={"warc_record": seen, "warc_date": capture},
            )
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        yield IngestProblem(input_, f"WARC archive damaged or truncated after {seen} records "
                                    f"({kept} pages kept): {str(exc).strip() or type(exc).__name__}",
                            "read")
        return
    if seen == 0:
        yield IngestProblem(input_, "no WARC records found (not a WARC file?)", "parse")


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
