"""Inputs to clean ``Document`` objects: read, extract, learn the batch's furniture, clean.

Furniture is learnt from lines that recur across the documents of a batch, so cleaning
needs a look at many documents first. Items are read into a window (``WINDOW`` items),
the window's lines are counted, then the window is cleaned and yielded; the counts
carry over, so later windows benefit from earlier ones and memory stays bounded on
big piles.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimtrail.config import FETCH, INGEST, FetchSettings, IngestSettings
from claimtrail.ingest.clean import clean_text
from claimtrail.ingest.decode import ReadError
from claimtrail.ingest.detect import SUPPORTED_HINT, expand
from claimtrail.ingest.furniture import LineCounter
from claimtrail.ingest.html import HtmlResult, extract_html, fragment_to_text
from claimtrail.ingest.items import RawItem
from claimtrail.ingest.metadata import (
    Manifest,
    clean_site_name,
    from_file_name,
    guess_language,
    outlet_from_url,
)
from claimtrail.ingest.readers import read_file, read_url
from claimtrail.models import Document, IngestProblem
from claimtrail.unicode_repair import needs_repair, repair_name, repair_text, repair_value

WINDOW = 2000

_TEXT_FORMATS = {"txt", "url", "json", "jsonl"}


@dataclass
class _Prepared:
    item: RawItem
    text: str
    html: HtmlResult | None


def iter_documents(inputs: Iterable[str], *, manifest: str | None = None,
                   fetch: FetchSettings = FETCH, settings: IngestSettings = INGEST,
                   progress: Callable[[str], None] | None = None,
                   window: int = WINDOW) -> Iterator[Document | IngestProblem]:
    """Clean documents, and one ``IngestProblem`` per bad input; never raises for input."""
    meta: Manifest | None = None
    if manifest:
        try:
            meta = Manifest.load(manifest)
        except ReadError as exc:
            yield IngestProblem(manifest, f"{exc.reason}; going on without the manifest",
                                "read")
    counter = LineCounter(settings.furniture_max_words)
    ids: dict[str, str] = {}
    buffer: list[_Prepared | IngestProblem] = []
    client = None
    try:
        for input_, path in _expand_each(inputs):
            if path is None and input_ is None:
                continue
            if input_ is None:     # a folder with nothing in it to read
                buffer.append(IngestProblem(str(path), "no files in this folder (hidden "
                                            f"files are skipped; {SUPPORTED_HINT})", "read"))
                continue
            if path is None and client is None:
                from claimtrail.ingest.fetch import make_client

                client = make_client(fetch)
            for item in _read_one(input_, path, fetch, settings, client):
                if isinstance(item, IngestProblem):
                    buffer.append(_repaired_problem(item))
                    continue
                item = _repaired_item(item)
                prepared = _prepare(item)
                if isinstance(prepared, IngestProblem):
                    buffer.append(prepared)
                    continue
                counter.add(prepared.text)
                buffer.append(prepared)
            if progress is not None:
                progress(input_)
            if len(buffer) >= window:
                yield from _flush(buffer, counter, meta, settings, ids)
                buffer = []
        yield from _flush(buffer, counter, meta, settings, ids)
    finally:
        if client is not None:
            client.close()


def _expand_each(inputs: Iterable[str]) -> Iterator[tuple[str | None, Path | None]]:
    """``expand`` per input, plus (None, folder) for a folder that holds no file."""
    for given in inputs:
        found = False
        for input_, path in expand([given]):
            found = True
            yield input_, path
        if not found:
            yield None, Path(str(given))


def count_inputs(inputs: Iterable[str]) -> int:
    """How many files and URLs the inputs name (folders walked): a progress-bar total."""
    return sum(1 for _ in expand(inputs))


def _read_one(input_: str, path: Path | None, fetch: FetchSettings, settings: IngestSettings,
              client: object) -> Iterator[RawItem | IngestProblem]:
    try:
        if path is None:
            yield from read_url(input_, fetch, client, settings)  # type: ignore[arg-type]
        else:
            yield from read_file(path, input_, settings)
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop the batch
        yield IngestProblem(input_, f"could not be read ({type(exc).__name__}: {exc}); "
                                    "please report this input", "read")


_NAME_FIELDS = ("id", "input", "path")
_TEXT_FIELDS = ("body", "title", "url", "outlet", "author", "published", "published_from",
                "language", "fallback_published", "fallback_published_from")


def _repaired_item(item: RawItem) -> RawItem:
    """Lone surrogates and NUL out of every field (see claimtrail.unicode_repair); a
    repaired body is noted in the document's extra fields."""
    changes: dict[str, Any] = {}
    for name in _NAME_FIELDS:
        value = getattr(item, name)
        if needs_repair(value):
            changes[name] = repair_name(value)
    for name in _TEXT_FIELDS:
        value = getattr(item, name)
        if needs_repair(value):
            changes[name] = repair_text(value)
    if item.extra:
        changes["extra"] = repair_value(item.extra)
    if "body" in changes:
        changes.setdefault("extra", dict(item.extra))["text_repaired"] = (
            "lone surrogates replaced by U+FFFD, NUL characters removed")
    return dataclasses.replace(item, **changes) if changes else item


def _repaired_problem(problem: IngestProblem) -> IngestProblem:
    if needs_repair(problem.input) or needs_repair(problem.reason):
        return dataclasses.replace(problem, input=repair_name(problem.input),
                                   reason=repair_text(problem.reason))
    return problem


def _prepare(item: RawItem) -> _Prepared | IngestProblem:
    try:
        if item.is_html:
            html = extract_html(item.body, url=item.url)
            return _Prepared(item, html.text, html)
        if item.is_fragment:
            return _Prepared(item, fragment_to_text(item.body), None)
        return _Prepared(item, item.body, None)
    except Exception as exc:  # noqa: BLE001 - a page that breaks the extractor is one problem
        return IngestProblem(_where(item), f"text extraction failed ({type(exc).__name__}: {exc})",
                             "parse")


def _flush(buffer: list[_Prepared | IngestProblem], counter: LineCounter,
           meta: Manifest | None, settings: IngestSettings,
           ids: dict[str, str]) -> Iterator[Document | IngestProblem]:
    for entry in buffer:
        if isinstance(entry, IngestProblem):
            yield entry
            continue
        try:
            yield _document(entry, counter, meta, settings, ids)
        except Exception as exc:  # noqa: BLE001
            yield IngestProblem(_where(entry.item), f"cleaning failed ({type(exc).__name__}: "
                                               f"{exc})", "clean")


def _document(prepared: _Prepared, counter: LineCounter, meta: Manifest | None,
              settings: IngestSettings, ids: dict[str, str]) -> Document | IngestProblem:
    item, html = prepared.item, prepared.html
    known_title = item.title or (html.title if html else None)
    cleaned = clean_text(prepared.text, counter=counter, settings=settings,
                         detect_title=known_title is None and item.format in _TEXT_FORMATS,
                         known_title=known_title)
    if len(cleaned.text) < max(1, settings.min_text_chars):
        reason = ("no article text found in the page" if item.is_html or item.is_fragment
                  else "no article text left after removing web furniture")
        # nothing to store is not a failure: a re-run over the same pages exits 0
        return IngestProblem(_where(item), reason, "clean", skipped=True)
    doc_id = _unique_id(item, ids)
    doc = Document(id=doc_id, text=cleaned.text, title=known_title or cleaned.title,
                   url=item.url or (html.url if html else None), origin=cleaned.origin,
                   author=item.author or (html.author if html else None) or cleaned.author,
                   input=item.input, format=item.format, extra=dict(item.extra))
    doc.outlet = item.outlet or clean_site_name(html.sitename if html else None) \
        or outlet_from_url(doc.url)
    names = from_file_name(Path(item.path).name) if item.path and item.format == "txt" \
        else None
    _set_date(doc, item, html, names)
    doc.language = _language(item.language or (html.language if html else None)) \
        or (names.language if names else None) or guess_language(cleaned.text)
    if names and names.country:
        doc.extra["country"] = names.country
    if names and names.article_hash:
        doc.extra["article_hash"] = names.article_hash
    if html is not None and html.method != "precision":
        doc.extra["extraction"] = html.method
    if meta is not None:
        _apply_manifest(doc, meta.lookup(doc.id, item.path))
    return doc


def _where(item: RawItem) -> str:
    """How a problem names an item: the path as given, plus ``#n`` inside a container."""
    name = Path(item.input).name
    if item.id == name:
        return item.input
    if item.id.startswith(f"{name}#"):
        return item.input + item.id[len(name):]
    return item.id


def _set_date(doc: Document, item: RawItem, html: HtmlResult | None, names: object) -> None:
    candidates = (
        (item.published, item.published_from),
        (html.published if html else None, "html"),
        (getattr(names, "published", None), "filename"),
        (item.fallback_published, item.fallback_published_from),
    )
    for value, source in candidates:
        if value:
            doc.published, doc.published_from = value, source
            return


def _apply_manifest(doc: Document, row: dict[str, str]) -> None:
    """The user's manifest is explicit, so it wins over anything guessed."""
    from claimtrail.ingest.metadata import normalise_date

    if row.get("published"):
        published = normalise_date(row["published"])
        if published:
            doc.published, doc.published_from = published, "manifest"
    for key in ("title", "outlet", "url"):
        if row.get(key):
            setattr(doc, key, row[key])
    if row.get("language"):
        doc.language = _language(row["language"])


def _language(code: str | None) -> str | None:
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None


def _unique_id(item: RawItem, ids: dict[str, str]) -> str:
    """The file name; the path as given when two files in one batch share a name."""
    key = item.path or item.input
    owner = ids.setdefault(item.id, key)
    if owner == key or item.path is None:
        return item.id
    return item.input if item.id == Path(item.input).name else f"{item.input}#{item.id}"
