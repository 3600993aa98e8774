"""Inputs to clean ``Document`` objects: read, extract, learn the batch's furniture, clean.

Furniture is learnt from lines that recur across the documents of a batch, so cleaning
needs a look at many documents first. Items are read into a window (``WINDOW`` items),
the window's lines are counted, then the window is cleaned and yielded; the counts
carry over, so later windows benefit from earlier ones and memory stays bounded on
big piles.

Everything before the counting depends on one input alone (``read_source``: read,
repair, extract the text, normalise it, take the lines the counter learns), so an
engine may run it elsewhere (``Engine.read``; Spark: in its partitions) and hand the
results back in input order; counting, cleaning, ids and the manifest run here.
"""
from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimtrail.config import FETCH, INGEST, FetchSettings, IngestSettings
from claimtrail.ingest.clean import clean_text, normalise_text
from claimtrail.ingest.decode import ReadError
from claimtrail.ingest.detect import SUPPORTED_HINT, expand
from claimtrail.ingest.fetch import Fetched
from claimtrail.ingest.furniture import LineCounter, line_profile
from claimtrail.ingest.html import HtmlResult, extract_html, fragment_to_text
from claimtrail.ingest.items import RawItem
from claimtrail.ingest.metadata import (
    Manifest,
    clean_site_name,
    from_file_name,
    guess_language,
    outlet_from_url,
)
from claimtrail.ingest.readers import read_fetched, read_file
from claimtrail.models import Document, IngestProblem
from claimtrail.unicode_repair import needs_repair, repair_name, repair_text, repair_value

WINDOW = 2000

_TEXT_FORMATS = {"txt", "url", "json", "jsonl"}


@dataclass
class Prepared:
    """One raw item after the per-input work: ``text`` is its extracted text, already
    normalised (``clean.normalise_text``), ``profile`` what the furniture counter
    learns from it (``furniture.line_profile``); the item's body is dropped."""

    item: RawItem
    text: str
    html: HtmlResult | None
    profile: tuple[str, frozenset[str]] | None


@dataclass(frozen=True)
class Source:
    """One input as the readers take it: a file path, or a page the driver fetched.

    Plain data, so that an engine can read sources on other processes (Spark
    executors): a path is read where the task runs; a URL is fetched by the driver
    (one client, its connection reuse and limits) and only its bytes travel.
    """

    input: str
    path: str | None = None
    page: Fetched | None = None
    problem: IngestProblem | None = None     # the input failed before reading (a fetch)


# What reading one source yields, in order: prepared items (text extracted, not yet
# cleaned) and problems.
Entry = Prepared | IngestProblem
# Reads sources, in order: one list of entries per source (an engine's ``read``).
Reader = Callable[[Iterable[Source], IngestSettings], Iterator[list[Entry]]]


def iter_documents(inputs: Iterable[str], *, manifest: str | None = None,
                   fetch: FetchSettings = FETCH, settings: IngestSettings = INGEST,
                   progress: Callable[[str], None] | None = None,
                   window: int = WINDOW, reader: Reader | None = None
                   ) -> Iterator[Document | IngestProblem]:
    """Clean documents, and one ``IngestProblem`` per bad input; never raises for input.

    Two passes. Reading (``read_source``: file bytes, decoding, feed/JSON/WARC parsing,
    HTML main text, unicode repair, text normalisation and the lines the furniture
    counter needs) depends on each input alone, so ``reader`` may run it anywhere
    (default: here, one source after another; ``SparkEngine.read``: in Spark tasks);
    its results come back in input order. Learning the furniture across a window of
    documents, cleaning against it, unique ids and the manifest are sequential and run
    here.
    """
    meta: Manifest | None = None
    if manifest:
        try:
            meta = Manifest.load(manifest)
        except ReadError as exc:
            yield IngestProblem(manifest, f"{exc.reason}; going on without the manifest",
                                "read")
    counter = LineCounter(settings.furniture_max_words)
    ids: dict[str, str] = {}
    buffer: list[Entry] = []
    sources = _sources(inputs, fetch)
    pending: deque[Source] = deque()

    def feed() -> Iterator[Source]:
        for source in sources:
            pending.append(source)      # the reader reads a source before its results
            yield source

    read = (reader or read_sources)(feed(), settings)
    try:
        for entries in read:
            source = pending.popleft()
            for entry in entries:
                if isinstance(entry, Prepared) and entry.profile is not None:
                    counter.add_profile(*entry.profile)
                buffer.append(entry)
            if not source.input:        # an empty folder's problem: not an input read
                continue
            if progress is not None:
                progress(source.input)
            if len(buffer) >= window:
                yield from _flush(buffer, counter, meta, settings, ids)
                buffer = []
        yield from _flush(buffer, counter, meta, settings, ids)
    finally:
        close = getattr(read, "close", None)
        if close is not None:
            close()             # the reader's jobs and threads, before the fetch client
        sources.close()


def _sources(inputs: Iterable[str], fetch: FetchSettings) -> Generator[Source, None, None]:
    """The sources of ``inputs``, folders walked, URLs fetched (here, in order)."""
    client = None
    try:
        for input_, path in _expand_each(inputs):
            if path is None and input_ is None:
                continue
            if input_ is None:     # a folder with nothing in it to read
                yield Source("", problem=IngestProblem(
                    str(path), f"no files in this folder (hidden files are skipped; "
                               f"{SUPPORTED_HINT})", "read"))
                continue
            if path is not None:
                yield Source(input_, str(path))
                continue
            if client is None:
                from claimtrail.ingest.fetch import make_client

                client = make_client(fetch)
            yield _fetched(input_, fetch, client)
    finally:
        if client is not None:
            client.close()


def _fetched(url: str, settings: FetchSettings, client: object) -> Source:
    from claimtrail.ingest.fetch import fetch as get

    try:
        return Source(url, page=get(url, settings=settings, client=client))  # type: ignore[arg-type]
    except ReadError as exc:
        return Source(url, problem=IngestProblem(url, exc.reason, exc.stage))
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop the batch
        return Source(url, problem=_unreadable(url, exc))


def read_sources(sources: Iterable[Source], settings: IngestSettings = INGEST
                 ) -> Iterator[list[Entry]]:
    """``read_source`` for each source, in order (the default reader; Spark runs it in
    each partition)."""
    for source in sources:
        yield read_source(source, settings)


def read_source(source: Source, settings: IngestSettings = INGEST) -> list[Entry]:
    """Everything done to one input that depends on it alone: its raw items read,
    repaired and their text extracted and normalised, or its problems."""
    if source.problem is not None:
        return [_repaired_problem(source.problem)]
    entries: list[Entry] = []
    for item in _read_one(source, settings):
        if isinstance(item, IngestProblem):
            entries.append(_repaired_problem(item))
            continue
        entries.append(_prepare(_repaired_item(item), settings))
    return entries


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


def _read_one(source: Source, settings: IngestSettings) -> Iterator[RawItem | IngestProblem]:
    try:
        if source.page is not None:
            yield from read_fetched(source.input, source.page, settings)
        else:
            assert source.path is not None
            yield from read_file(Path(source.path), source.input, settings)
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop the batch
        yield _unreadable(source.input, exc)


def _unreadable(input_: str, exc: Exception) -> IngestProblem:
    return IngestProblem(input_, f"could not be read ({type(exc).__name__}: {exc}); "
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


def _prepare(item: RawItem, settings: IngestSettings = INGEST) -> Prepared | IngestProblem:
    try:
        html = None
        if item.is_html:
            html = extract_html(item.body, url=item.url)
            text = html.text
        elif item.is_fragment:
            text = fragment_to_text(item.body)
        else:
            text = item.body
        profile = line_profile(text, settings.furniture_max_words)
        return Prepared(dataclasses.replace(item, body=""), normalise_text(text), html,
                        profile)
    except Exception as exc:  # noqa: BLE001 - a page that breaks the extractor is one problem
        return IngestProblem(_where(item), f"text extraction failed ({type(exc).__name__}: {exc})",
                             "parse")


def _flush(buffer: list[Prepared | IngestProblem], counter: LineCounter,
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


def _document(prepared: Prepared, counter: LineCounter, meta: Manifest | None,
              settings: IngestSettings, ids: dict[str, str]) -> Document | IngestProblem:
    item, html = prepared.item, prepared.html
    known_title = item.title or (html.title if html else None)
    cleaned = clean_text(prepared.text, counter=counter, settings=settings, normalised=True,
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
