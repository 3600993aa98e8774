"""JSON and JSON Lines dumps: records with common field names become raw items.

A JSON file may be a list of records or an object holding one (``{"articles": [...]}``);
a JSON Lines file has one record per line, and a malformed line is reported as
``file:line N: reason`` while the good lines are kept.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimtrail.ingest.decode import ReadError, decode_text
from claimtrail.ingest.items import RawItem
from claimtrail.ingest.metadata import normalise_date, outlet_from_url
from claimtrail.ingest.streams import close, open_checked
from claimtrail.models import IngestProblem

# Field names in the order they are tried (case-insensitive).
TEXT_FIELDS = ("text", "body", "content", "article", "maintext", "article_text",
               "articlebody", "full_text", "fulltext", "description", "summary")
HTML_FIELDS = ("html", "raw_html", "rawhtml", "page", "source_html")
URL_FIELDS = ("url", "link", "href", "source_url", "canonical_url", "uri")
TITLE_FIELDS = ("title", "headline", "name")
DATE_FIELDS = ("date", "published", "pubdate", "published_at", "datepublished",
               "date_publish", "publish_date", "publication_date", "created_at", "timestamp")
AUTHOR_FIELDS = ("author", "authors", "byline", "creator")
OUTLET_FIELDS = ("source", "outlet", "site_name", "sitename", "publisher", "source_domain",
                 "domain", "site")
LANGUAGE_FIELDS = ("language", "lang", "locale")
ID_FIELDS = ("id", "_id", "doc_id", "guid", "uuid")
# Holders of a record list inside a JSON object.
LIST_FIELDS = ("articles", "items", "records", "documents", "docs", "data", "results",
               "entries", "posts", "hits", "rows")


def read_json(text: str, container: str, input_: str, path: str | None,
              ) -> Iterator[RawItem | IngestProblem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":   # one object per line, despite the .json name
            yield from read_jsonl(text, container, input_, path, fmt="json")
            return
        yield IngestProblem(input_, f"invalid JSON at line {exc.lineno}: {_json_error(exc)}",
                            "parse")
        return
    except RecursionError:
        yield IngestProblem(input_, TOO_DEEP, "parse")
        return
    records = _find_records(data)
    if records is None:
        yield IngestProblem(input_, "JSON holds no list of records (expected a list, or an "
                                    f"object with one of: {', '.join(LIST_FIELDS)})", "parse")
        return
    if not records:
        yield IngestProblem(input_, "JSON holds an empty list of records", "parse")
    for n, record in enumerate(records, start=1):
        yield _record_item(record, n, container, input_, path, "json", where=f"record {n}")


def read_jsonl(text: str, container: str, input_: str, path: str | None,
               fmt: str = "jsonl") -> Iterator[RawItem | IngestProblem]:
    """Records of JSON Lines already in memory (a .json file that holds JSON Lines)."""
    yield from read_jsonl_lines(text.splitlines(), container, input_, path,
                                max_line_bytes=None, fmt=fmt)


def read_jsonl_file(path: Path, input_: str, max_line_bytes: int,
                    ) -> Iterator[RawItem | IngestProblem]:
    """Records of a JSON Lines file (optionally gzipped), streamed line by line.

    Dumps are often far bigger than the single-file cap, so the cap applies per line.
    A gzip stream cut short keeps the lines before the cut and reports the cut once.
    """
    try:
        reader, stream = open_checked(str(path))
    except OSError as exc:
        yield IngestProblem(input_, f"cannot open: {exc.strerror or exc}", "read")
        return
    try:
        def lines() -> Iterator[bytes]:
            while True:
                line = reader.readline(max_line_bytes + 1)
                if not line:
                    return
                if stream.damage and not line.endswith(b"\n"):
                    return          # the line the cut fell in: reported below, as the cut
                yield line

        produced = 0
        for item in read_jsonl_lines(lines(), path.name, input_, str(path), max_line_bytes):
            produced += 1
            yield item
    finally:
        close(reader, stream)
    if produced == 0 and not stream.damage:
        yield IngestProblem(input_, "empty file (no JSON lines)", "read")
    if stream.damage:
        yield IngestProblem(input_, f"{stream.damage}; the lines before it were read", "read")


def read_jsonl_lines(lines: Iterable[bytes | str], container: str, input_: str,
                     path: str | None, max_line_bytes: int | None, fmt: str = "jsonl",
                     ) -> Iterator[RawItem | IngestProblem]:
    n = 0
    for lineno, raw in enumerate(lines, start=1):
        where = f"{input_}:line {lineno}"
        if max_line_bytes is not None and len(raw) > max_line_bytes:
            yield IngestProblem(where, f"line is over the {max_line_bytes:,}-byte cap", "read")
            if isinstance(raw, bytes) and not raw.endswith(b"\n"):
                return   # the rest of the over-long line would be read as more lines
            continue
        try:
            line = raw if isinstance(raw, str) else _decode_line(raw, first=lineno == 1)
        except ReadError as exc:
            yield IngestProblem(where, exc.reason, "read")
            continue
        if not line.strip():
            continue
        n += 1
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield IngestProblem(where, f"malformed JSON line: {_json_error(exc)}", "parse")
            continue
        except RecursionError:
            yield IngestProblem(where, TOO_DEEP, "parse")
            continue
        yield _record_item(record, n, container, input_, path, fmt, where=f"line {lineno}")


# json.loads recurses once per level of nesting: a hostile '[[[[...' dump overflows it
TOO_DEEP = "JSON nested too deeply to read (over Python's recursion limit)"


def _json_error(exc: json.JSONDecodeError) -> str:
    """"Expecting value at column 3" (json's own messages sometimes end in "at")."""
    joiner = " " if exc.msg.endswith(" at") else " at "
    return f"{exc.msg}{joiner}column {exc.colno}"


def _decode_line(raw: bytes, first: bool) -> str:
    try:
        return raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        return decode_text(raw)


def _find_records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    lowered = {k.lower(): v for k, v in data.items() if isinstance(k, str)}
    for key in LIST_FIELDS:
        if isinstance(lowered.get(key), list):
            return lowered[key]
    lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    if len(lists) == 1:
        return lists[0]
    if _pick(lowered, TEXT_FIELDS + HTML_FIELDS) is not None:
        return [data]   # a single record
    values = list(data.values())
    if values and all(isinstance(v, dict) for v in values):
        # Records keyed by their id or URL: {"https://...": {"text": ...}, ...}
        return [{"_key": key, **value} for key, value in data.items()]
    return None


def _record_item(record: Any, n: int, container: str, input_: str, path: str | None,
                 fmt: str, where: str) -> RawItem | IngestProblem:
    if not isinstance(record, dict):
        return IngestProblem(f"{input_}:{where}",
                             f"record is a {type(record).__name__}, not an object", "parse")
    fields = {k.lower(): v for k, v in record.items() if isinstance(k, str)}
    text = _pick(fields, TEXT_FIELDS)
    html = _pick(fields, HTML_FIELDS)
    if text is None and html is None:
        return IngestProblem(f"{input_}:{where}",
                             "record has no text (looked for " + ", ".join(TEXT_FIELDS[:5])
                             + ", html, raw_html)", "parse")
    url = _pick(fields, URL_FIELDS)
    outlet = _pick(fields, OUTLET_FIELDS) or outlet_from_url(url)
    raw_date = _pick(fields, DATE_FIELDS, allow_numbers=True)
    published = normalise_date(raw_date)
    own_id = _pick(fields, ID_FIELDS, allow_numbers=True)
    key = fields.get("_key")
    if url is None and isinstance(key, str) and key.lower().startswith(("http://", "https://")):
        url = key
    doc_id = url or f"{container}#{n}"
    body = text if text is not None else html
    return RawItem(
        id=doc_id, body=body or "", input=input_, format=fmt,
        is_html=text is None, title=_pick(fields, TITLE_FIELDS), url=url, outlet=outlet,
        author=_pick(fields, AUTHOR_FIELDS), published=published,
        published_from="metadata" if published else None,
        language=_pick(fields, LANGUAGE_FIELDS), path=path,
        extra={"record": n, **({"record_id": own_id} if own_id is not None else {}),
               **({"record_key": key} if isinstance(key, str) and key != url else {})},
    )


def _pick(fields: dict[str, Any], names: tuple[str, ...],
          allow_numbers: bool = False) -> Any:
    """The first non-empty value among ``names``; lists of strings are joined."""
    for name in names:
        value = fields.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if allow_numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return ", ".join(v.strip() for v in value if v.strip()) or None
        if isinstance(value, dict):
            inner = value.get("name") or value.get("text") or value.get("value")
            if isinstance(inner, str) and inner.strip():
                return inner.strip()
    return None
