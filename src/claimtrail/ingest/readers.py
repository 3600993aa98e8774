"""One input (a file or a URL) to raw items, whatever its format.

Every failure becomes an ``IngestProblem`` naming the input and the reason; nothing
here raises for a bad input.
"""
from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import httpx

from claimtrail.config import FETCH, INGEST, FetchSettings, IngestSettings
from claimtrail.ingest.decode import (
    ReadError,
    TruncatedInput,
    decode_text,
    looks_binary,
    maybe_gunzip,
    read_bytes,
)
from claimtrail.ingest.detect import SUPPORTED_HINT, format_by_extension, sniff, suffixes
from claimtrail.ingest.feeds import read_feed
from claimtrail.ingest.fetch import Fetched, fetch
from claimtrail.ingest.items import RawItem
from claimtrail.ingest.metadata import outlet_from_url
from claimtrail.ingest.records import read_json, read_jsonl_file, read_jsonl_lines
from claimtrail.ingest.warc import read_warc
from claimtrail.models import IngestProblem

RawStream = Iterator[RawItem | IngestProblem]


def read_file(path: Path, input_: str, settings: IngestSettings = INGEST) -> RawStream:
    """Raw items of one local file."""
    if not path.exists():
        reason = "no such file or folder"
        if path.is_symlink():
            reason = "a symbolic link that loops or points to nothing"
        yield IngestProblem(input_, reason, "read")
        return
    if path.is_dir():
        if path.is_symlink():
            yield IngestProblem(input_, "a link to a folder inside a folder: not followed "
                                        "(links can loop); give it as an input of its own "
                                        "to read it", "read")
            return
        try:
            os.listdir(path)
            reason = "folder vanished or changed while it was read"
        except OSError as exc:
            reason = f"cannot list this folder: {exc.strerror or exc}"
        yield IngestProblem(input_, reason, "read")
        return
    if not path.is_file():
        yield IngestProblem(input_, "not a regular file (a device, socket or pipe)", "read")
        return
    fmt = format_by_extension(path)
    if fmt == "unsupported":
        yield IngestProblem(input_, f"unsupported file type {suffixes(path)[0]} "
                                    f"(skipped; {SUPPORTED_HINT})", "read")
        return
    try:
        if fmt == "warc" or (fmt is None and _is_warc_file(path)):
            # Streamed: archives are often far bigger than the single-file cap.
            yield from read_warc(str(path), input_, str(path), settings.max_file_bytes)
            return
        if fmt == "jsonl":
            yield from read_jsonl_file(path, input_, settings.max_file_bytes)
            return
        raw = read_bytes(path, settings.max_file_bytes)
        try:
            data = maybe_gunzip(raw, settings.max_file_bytes)
        except TruncatedInput as exc:
            # A cut page or dump is still partly readable: read it, and say so.
            yield IngestProblem(input_, exc.reason + "; read what was there", "read")
            data = exc.data
        if fmt is None:
            fmt = sniff(data[:4096])
            if fmt is None and looks_binary(data):
                yield IngestProblem(input_, f"unsupported file type "
                                            f"{suffixes(path)[0] or '(no extension)'}: binary "
                                            f"content (skipped; {SUPPORTED_HINT})", "read")
                return
            fmt = fmt or "txt"
        if fmt == "warc":
            yield from read_warc(data, input_, str(path), settings.max_file_bytes)
            return
        yield from read_content(data, fmt, container=path.name, input_=input_,
                                path=str(path), doc_id=path.name)
    except ReadError as exc:
        yield IngestProblem(input_, exc.reason, exc.stage)


def _is_warc_file(path: Path) -> bool:
    """Sniff an extension-less or .gz file for a WARC header."""
    from claimtrail.ingest.streams import close, open_checked

    try:
        reader, stream = open_checked(str(path))
    except OSError:
        return False
    try:
        return reader.read(5) == b"WARC/"
    finally:
        close(reader, stream)


def read_content(data: bytes, fmt: str, *, container: str, input_: str,
                 path: str | None, doc_id: str, url: str | None = None,
                 charset: str | None = None, source_format: str | None = None) -> RawStream:
    """Raw items of decompressed content whose format is known."""
    if fmt == "feed":
        yield from read_feed(data, container, input_, path, base_url=url)
        return
    if fmt == "warc":
        yield from read_warc(data, input_, path, INGEST.max_file_bytes)
        return
    if fmt == "jsonl":
        yield from read_jsonl_lines(io.BytesIO(data).readlines(), container, input_, path,
                                    INGEST.max_file_bytes)
        return
    text = decode_text(data, hint=charset, sniff_html=fmt == "html")
    if not text.strip():
        yield IngestProblem(input_, "empty file (no text)" if url is None
                            else "empty response (no text)", "read")
        return
    if fmt == "json":
        yield from read_json(text, container, input_, path)
    else:
        yield RawItem(id=doc_id, body=text, input=input_, format=source_format or fmt,
                      is_html=fmt == "html", url=url, outlet=outlet_from_url(url),
                      path=path)


# Media types a server may use for each format.
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/feed+json")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_JSON_TYPES = ("application/json",)
_JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")


def read_url(url: str, fetch_settings: FetchSettings = FETCH,
             client: httpx.Client | None = None,
             settings: IngestSettings = INGEST) -> RawStream:
    """Raw items of one fetched URL: a page, a feed, a JSON dump or a WARC."""
    try:
        page = fetch(url, settings=fetch_settings, client=client)
    except ReadError as exc:
        yield IngestProblem(url, exc.reason, exc.stage)
        return
    yield from read_fetched(url, page, settings)


def read_fetched(url: str, page: Fetched, settings: IngestSettings = INGEST) -> RawStream:
    """Raw items of a fetched page (``fetch``): a page, a feed, a JSON dump or a WARC."""
    try:
        fmt = _format_of_response(page.content_type, page.url, page.content)
        if fmt == "unsupported":
            yield IngestProblem(url, f"unsupported content type {page.content_type or '?'} "
                                     f"({SUPPORTED_HINT})", "fetch")
            return
        data = page.content
        if fmt == "warc":
            yield from read_warc(data, url, None, settings.max_file_bytes)
            return
        data = maybe_gunzip(data, settings.max_file_bytes)
        yield from read_content(data, fmt, container=url, input_=url, path=None,
                                doc_id=url, url=page.url,
                                charset=page.charset,
                                source_format="url" if fmt in ("html", "txt") else None)
    except ReadError as exc:
        yield IngestProblem(url, exc.reason, exc.stage)


def _format_of_response(media: str, final_url: str, content: bytes) -> str:
    if media.startswith(_FEED_TYPES):
        return "feed"
    if media.startswith(_JSONL_TYPES):
        return "jsonl"
    if media.startswith(_JSON_TYPES):
        return sniff(content[:4096]) or "json"
    if media == "application/warc":
        return "warc"
    # Servers label feeds text/xml and HTML text/plain often enough: sniff those.
    head = content[:4096]
    sniffed = sniff(head)
    if media.startswith(_HTML_TYPES):
        return "feed" if sniffed == "feed" else "html"
    if media in ("text/xml", "application/xml", "text/plain", "", "application/octet-stream") \
            or media.startswith("text/"):
        if sniffed:
            return sniffed
        if looks_binary(head):
            return "unsupported"
        return "txt"
    return "unsupported"
