"""The ingest pipeline: inputs -> clean documents -> per-document step -> store -> stories.

Documents stream from ``claimtrail.ingest.iter_documents`` in batches to an engine
(``claimtrail.engine``: this process, or Spark), which runs the per-document step on
each: content hash, MinHash signature, claims and story features. The results come back
in input order and are written here, on the driver, one document per transaction: the
document with its log row, signature and copy links, its claims and its features. So a
run killed midway loses nothing it committed, and running the same command again skips
what is stored and completes the rest, without duplicates.

Deduplication against the store happens here, in input order, whatever the engine: an
exact copy (same content hash) of a stored document becomes its alias (or, published
earlier, takes its place), a near-copy is linked through the MinHash index. Then:

* documents stored without claims (an earlier run killed, or ``--no-extract``) go
  through the per-document step again and get them;
* story assignment (``claimtrail.stories.assign_stories``) places the documents added by
  runs whose stories were not assigned yet.
"""
from __future__ import annotations

import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimtrail.config import DEDUP, ENGINE, DedupSettings
from claimtrail.engine import Engine, LocalEngine, ProcessedDocument, Steps
from claimtrail.errors import ClaimtrailError
from claimtrail.ingest import dedup
from claimtrail.models import Document, IngestProblem
from claimtrail.store import atomic
from claimtrail.store import documents as store
from claimtrail.store.connection import Connection
from claimtrail.store.errors import DataError, IntegrityError, OperationalError
from claimtrail.unicode_repair import repair_name

if TYPE_CHECKING:
    from claimtrail.extract.sources import SourceNames

ProblemHandler = Callable[[IngestProblem], None]


@dataclass
class IngestReport:
    """What one ingest run did. ``ok`` is False when any input failed."""

    run_id: int
    inputs: list[str]
    added: int = 0           # new documents stored (near-copies included)
    copies: int = 0          # of those, linked to a stored near-duplicate
    duplicates: int = 0      # exact copies: not stored again, their id kept as an alias
    skipped: int = 0         # already in the store (a re-run)
    empty: int = 0           # no article text (furniture only): logged 'skipped', not failed
    failed: int = 0          # bad inputs, logged with status 'error'
    added_ids: list[str] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    extracted: int | None = None           # documents whose claims were stored; None = off
    assigned_to_stories: int | None = None  # documents sent to story assignment; None = off
    engine: str = "local"                  # where the per-document step ran
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        parts = [f"{self.added} added"
                 + (f" ({self.copies} linked as near-copies)" if self.copies else ""),
                 f"{self.duplicates} exact duplicate{'s' * (self.duplicates != 1)}",
                 f"{self.skipped} already stored"]
        if self.empty:
            parts.append(f"{self.empty} skipped (no article text)")
        parts.append(f"{self.failed} failed")
        if self.extracted is not None:
            parts.append(f"{self.extracted} extracted")
        return ", ".join(parts) + f" in {self.seconds:.2f}s"

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "inputs": self.inputs, "ok": self.ok,
            "added": self.added, "copies": self.copies, "duplicates": self.duplicates,
            "skipped": self.skipped, "empty": self.empty, "failed": self.failed,
            "added_ids": self.added_ids,
            "problems": [{"input": p.input, "stage": p.stage, "reason": p.reason}
                         for p in self.problems],
            "extracted": self.extracted, "assigned_to_stories": self.assigned_to_stories,
            "engine": self.engine,
            "seconds": round(self.seconds, 3),
        }


def ingest(conn: Connection, inputs: Sequence[str], *, manifest: str | None = None,
           progress: bool = False, extract: bool = True, stories: bool = True,
           on_problem: ProblemHandler | None = None,
           settings: DedupSettings = DEDUP, engine: Engine | None = None) -> IngestReport:
    """Read ``inputs`` (files, folders, URLs) into the store; see the module docstring."""
    from claimtrail.ingest import count_inputs, iter_documents

    inputs = [str(i) for i in inputs]
    engine = engine or LocalEngine()
    with _progress_bar(progress) as bar:
        read_step = None
        if bar is not None:
            # Reading runs ahead of storing (the reader learns furniture over a window
            # of documents), so each gets its own bar.
            reading = bar.add_task("reading", total=_safe_count(count_inputs, inputs))
            read_step = lambda _input: bar.advance(reading)  # noqa: E731
        # Reading each input (and extracting its text) runs on the engine too.
        items = iter_documents(inputs, manifest=manifest, progress=read_step,
                               reader=engine.read)
        return ingest_items(conn, items, inputs=inputs, extract=extract, stories=stories,
                            on_problem=on_problem, settings=settings, bar=bar, engine=engine)


def ingest_items(conn: Connection, items: Iterable[Document | IngestProblem], *,
                 inputs: Sequence[str] = (), extract: bool = True, stories: bool = True,
                 on_problem: ProblemHandler | None = None, settings: DedupSettings = DEDUP,
                 bar: Any = None, engine: Engine | None = None) -> IngestReport:
    """Store a stream of documents and problems (what ``ingest`` does after reading).

    Useful on its own for documents made in code; ``bar`` is a rich Progress or None;
    ``engine`` runs the per-document step (default: this process).
    """
    from claimtrail.extract.sources import SourceNames

    started = time.perf_counter()
    engine = engine or LocalEngine()
    report_problem = on_problem or _printer(bar)
    with atomic(conn):
        run_id = store.start_run(conn, inputs)
    report = IngestReport(run_id=run_id, inputs=list(inputs), engine=engine.name,
                          extracted=0 if extract else None)
    writer = _Writer(conn, report, dedup.NearDuplicateIndex.from_store(conn, settings),
                     settings, SourceNames(), report_problem)
    steps = Steps(extract=extract, features=stories, dedup=settings)
    storing = bar.add_task("storing", total=None) if bar is not None else None
    sent: deque[list[tuple[Document | IngestProblem, bool]]] = deque()

    def to_engine() -> Iterator[list[Document]]:
        for batch in _batches(items, ENGINE.batch_docs):
            # A re-run: documents whose id is stored skip the per-document step.
            marked = [(item, isinstance(item, Document) and store.stored_as(conn, item.id)
                       is None) for item in batch]
            sent.append(marked)
            yield [item for item, send in marked if send]  # type: ignore[misc]

    with _stage_errors("the per-document step", report):
        for results in engine.process(to_engine(), steps):
            processed = iter(results)
            for item, send in sent.popleft():
                if isinstance(item, IngestProblem):
                    writer.problem(item)
                elif send:
                    writer.store(next(processed))
                else:
                    writer.stored_already(item)
                if bar is not None:
                    bar.advance(storing)
    with atomic(conn):
        store.update_run(conn, run_id, _counts(report), finished=True)
    if extract:
        _catch_up_extraction(writer, engine, steps, bar)
    if stories:
        _assign_stories(conn, report, bar)
    report.seconds = time.perf_counter() - started
    return report


def _batches(items: Iterable[Document | IngestProblem], size: int
             ) -> Iterator[list[Document | IngestProblem]]:
    """Consecutive items, ``size`` documents a batch (problems ride along in place)."""
    batch: list[Document | IngestProblem] = []
    documents = 0
    for item in items:
        batch.append(item)
        documents += isinstance(item, Document)
        if documents >= size:
            yield batch
            batch, documents = [], 0
    if batch:
        yield batch


# --- one document ----------------------------------------------------------------------

@dataclass
class _Writer:
    """Writes per-document results to the store, in input order (the driver's side)."""

    conn: Connection
    report: IngestReport
    index: dedup.NearDuplicateIndex
    settings: DedupSettings
    names: SourceNames             # one spelling per source name across the run
    report_problem: ProblemHandler

    def problem(self, problem: IngestProblem) -> None:
        _record_problem(self.conn, self.report, problem, self.report_problem)

    def stored_already(self, doc: Document) -> None:
        normalised = dedup.normalise_text(doc.text or "")
        if not normalised:
            self.problem(_no_words(doc))
            return
        with atomic(self.conn):
            _skip(self.conn, self.report, doc, dedup.content_hash(doc.text,
                                                                  normalised=normalised))

    def store(self, processed: ProcessedDocument) -> None:
        conn, report, doc = self.conn, self.report, processed.document
        where = doc.input or doc.id
        if processed.content_hash is None or processed.signature is None:
            self.problem(_no_words(doc))
            return
        sig = dedup.signature_from_bytes(processed.signature)
        try:
            with atomic(conn):
                status = _insert(conn, report, doc, processed.content_hash, sig, self.index,
                                 self.settings)
                if status in ("ok", "copy") or status.startswith("replaced:"):
                    self.derived(processed)
        except (IntegrityError, DataError, ValueError, TypeError) as exc:
            self.problem(IngestProblem(where, f"could not store {doc.id!r}: {exc}",
                                       stage="store"))
            return
        except OperationalError as exc:
            raise ClaimtrailError(f"writing to the store failed: {exc}", input=where,
                                  hint="free disk space or stop other writers, then rerun the "
                                       "same command: what was stored is kept and resumes"
                                  ) from exc
        # The index changes only once committed, so a rollback leaves no ghost in it.
        if status in ("ok", "copy"):
            self.index.add(doc.id, sig)
        elif status.startswith("replaced:"):
            self.index.rename(status.removeprefix("replaced:"), doc.id)

    def derived(self, processed: ProcessedDocument) -> None:
        """The document's claims and story features (inside its transaction)."""
        from claimtrail.extract.lexicon import normalise_name
        from claimtrail.extract.pipeline import EXTRACTOR_VERSION
        from claimtrail.store.claims import store_claims
        from claimtrail.store.stories import save_features

        if processed.claims is not None:
            for claim in processed.claims.claims:
                self.names.apply(claim.source)
            store_claims(self.conn, processed.claims, extractor=EXTRACTOR_VERSION,
                         name_key=normalise_name)
            if self.report.extracted is not None:
                self.report.extracted += 1
        if processed.features is not None:
            save_features(self.conn, processed.features)


def _no_words(doc: Document) -> IngestProblem:
    return IngestProblem(doc.input or doc.id, "no words left in the text after cleaning: "
                         "nothing to store", stage="clean")


def _skip(conn: Connection, report: IngestReport, doc: Document,
          content_hash: str) -> None:
    stored_id, stored_hash = store.stored_as(conn, doc.id) or (doc.id, content_hash)
    report.skipped += 1
    if stored_hash != content_hash:
        # The same id now carries other text (an edited file, a changed page): keep what
        # claims were extracted from, and say so.
        store.log_event(conn, report.run_id, doc.input or doc.id, stage="store",
                        status="skipped", document_id=stored_id,
                        reason=f"{doc.id!r} is already stored with different text; kept the "
                               "stored version (use a new store to re-read it)")
    store.update_run(conn, report.run_id, _counts(report))


def _insert(conn: Connection, report: IngestReport, doc: Document, content_hash: str,
            sig: Any, index: dedup.NearDuplicateIndex, settings: DedupSettings) -> str:
    """Store ``doc`` (or its alias) inside the caller's transaction; returns the log
    status (``replaced:OLD_ID`` when it took the place of an exact copy)."""
    where = doc.input or doc.id
    if store.stored_as(conn, doc.id) is not None:      # stored meanwhile by another writer
        _skip(conn, report, doc, content_hash)
        return "skipped"
    same = store.document_for_hash(conn, content_hash)
    if same is not None and dedup.copy_direction((doc.id, doc.published), same) == \
            (same[0], doc.id) and not store.has_derived_data(
                conn, same[0], ignore=store.PER_DOCUMENT_DATA):
        # This exact copy was published before the stored one, so it is the original:
        # it takes the stored one's place and the stored id becomes its alias. What was
        # computed from the stored text alone (claims, features) gives way to its own.
        store.drop_per_document_data(conn, same[0])
        store.take_over(conn, same[0], doc, content_hash)
        store.log_event(conn, report.run_id, where, stage="store", status="ok",
                        document_id=doc.id, reason=f"exact copy of {same[0]}, published "
                        f"earlier: stored in its place ({same[0]} kept as an alias)")
        report.duplicates += 1
        report.added_ids = [doc.id if i == same[0] else i for i in report.added_ids]
        store.update_run(conn, report.run_id, _counts(report))
        return f"replaced:{same[0]}"
    if same is not None:
        store.add_alias(conn, doc.id, same[0], input=where, published=doc.published)
        store.log_event(conn, report.run_id, where, stage="store", status="duplicate",
                        document_id=same[0], reason=f"exact copy of {same[0]}")
        report.duplicates += 1
        store.update_run(conn, report.run_id, _counts(report))
        return "duplicate"
    store.add_document(conn, doc, content_hash)
    store.save_minhash(conn, doc.id, settings.num_perm, dedup.signature_to_bytes(sig))
    index.catch_up(conn)        # documents another ingest stored meanwhile
    notes = []
    for match in index.matches(sig):
        found = store.stored_as(conn, match.document_id)   # an id may have become an alias
        if found is None or found[0] == doc.id:
            continue
        other = found[0]
        copy, original = dedup.copy_direction((doc.id, doc.published),
                                              (other, store.published_of(conn, other)))
        store.add_copy(conn, copy, original, match.similarity, "minhash")
        role = "copy of" if copy == doc.id else "original of"
        notes.append(f"{role} {other} ({match.similarity:.2f})")
    status = "copy" if notes else "ok"
    store.log_event(conn, report.run_id, where, stage="store", status=status,
                    document_id=doc.id,
                    reason=("near-duplicate: " + "; ".join(notes)) if notes else None)
    report.added += 1
    report.copies += bool(notes)
    report.added_ids.append(doc.id)
    store.update_run(conn, report.run_id, _counts(report))
    return status


def _record_problem(conn: Connection, report: IngestReport, problem: IngestProblem,
                    report_problem: ProblemHandler) -> None:
    with atomic(conn):
        store.log_event(conn, report.run_id, problem.input, stage=problem.stage or "read",
                        status="skipped" if problem.skipped else "error",
                        reason=problem.reason)
        if problem.skipped:
            report.empty += 1
        else:
            report.failed += 1
        store.update_run(conn, report.run_id, _counts(report))
    if not problem.skipped:
        report.problems.append(problem)
    report_problem(problem)


def _counts(report: IngestReport) -> dict[str, int]:
    return {"added": report.added, "duplicates": report.duplicates, "failed": report.failed,
            "copies": report.copies, "skipped": report.skipped + report.empty}


# --- after the documents ----------------------------------------------------------------

def _catch_up_extraction(writer: _Writer, engine: Engine, steps: Steps, bar: Any) -> None:
    """Claims for stored documents that have none (a killed run, ``--no-extract``)."""
    from claimtrail.store.claims import load_documents

    conn = writer.conn
    pending = store.documents_pending_extraction(conn)
    if not pending:
        return
    task = bar.add_task("extracting claims", total=len(pending)) if bar is not None else None
    batches = (list(load_documents(conn, pending[i:i + ENGINE.batch_docs]))
               for i in range(0, len(pending), ENGINE.batch_docs))
    with _stage_errors("claim extraction", writer.report):
        for results in engine.process(batches, steps):
            for processed in results:
                with atomic(conn):
                    writer.derived(processed)
                if task is not None:
                    bar.advance(task)


def _assign_stories(conn: Connection, report: IngestReport, bar: Any) -> None:
    """Place the documents of runs whose stories were not assigned yet."""
    from claimtrail import stories

    runs, pending = store.documents_pending_stories(conn)
    if pending:
        task = bar.add_task("assigning stories", total=None) if bar is not None else None
        with _stage_errors("story assignment", report):
            stories.assign_stories(conn, pending)
        if task is not None:
            bar.update(task, total=len(pending), completed=len(pending))
    with atomic(conn):
        store.mark_stories_done(conn, runs)
    report.assigned_to_stories = len(pending)


class StageError(ClaimtrailError):
    """A stage after storing failed; the documents are committed and the stage resumes."""

    code = "stage_failed"


@contextmanager
def _stage_errors(stage: str, report: IngestReport) -> Iterator[None]:
    """Surface a failing stage as one actionable error (the original stays as __cause__)."""
    try:
        yield
    except ClaimtrailError:
        raise
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        raise StageError(
            f"{stage} failed after {report.added} new document(s) were stored: "
            f"{type(exc).__name__}: {exc} (at {Path(frame.filename).name}:{frame.lineno})",
            hint=f"the documents are safe; fix the cause and rerun the same command to redo "
                 f"the {stage} still pending") from exc


# --- terminal output -----------------------------------------------------------------------

@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        yield bar


def _printer(bar: Any) -> ProblemHandler:
    """One line per problem on stderr (above the progress bar when there is one);
    an input with nothing to store is 'skipped', not an error."""
    def report(problem: IngestProblem) -> None:
        label = "skipped" if problem.skipped else "error"
        line = repair_name(f"{label}: {problem.input}: {problem.reason}")
        if bar is not None:
            bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)
    return report


def _safe_count(count: Callable[[list[str]], int], inputs: list[str]) -> int | None:
    try:
        return int(count(inputs))
    except Exception:  # noqa: BLE001 - only sizes the progress bar; reading reports problems
        return None
