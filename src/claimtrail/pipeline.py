"""The ingest pipeline: inputs -> clean documents -> deduplicated store -> claims, stories.

Documents stream from ``claimtrail.ingest.iter_documents`` and each one is committed in
its own transaction together with its log row, its MinHash signature and its copy
links. So a run killed midway loses nothing it committed, and running the same command
again skips what is stored and completes the rest, without duplicates.

After the documents, two hooks filled by other packages run over what is pending:

* claim extraction, ``claimtrail.extract.extract_and_store(conn, document_ids)``, for
  every stored document not yet in the ``extractions`` table;
* story assignment, ``claimtrail.stories.assign_stories(conn, document_ids)``, for the
  documents added by runs whose stories were not assigned yet.

A hook whose module (or function) does not exist yet is skipped; any error raised by an
existing hook surfaces.
"""
from __future__ import annotations

import importlib
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimtrail.config import DEDUP, DedupSettings
from claimtrail.errors import ClaimtrailError
from claimtrail.ingest import dedup
from claimtrail.models import Document, IngestProblem
from claimtrail.store import atomic
from claimtrail.store import documents as store
from claimtrail.unicode_repair import repair_name

EXTRACT_HOOK = ("claimtrail.extract", "extract_and_store")
STORIES_HOOK = ("claimtrail.stories", "assign_stories")
HOOK_CHUNK = 50          # documents per hook call: progress moves, memory stays flat

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
    extracted: int | None = None           # documents sent to extraction; None = hook absent/off
    assigned_to_stories: int | None = None  # documents sent to story assignment; None = absent
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
            "seconds": round(self.seconds, 3),
        }


def ingest(conn: sqlite3.Connection, inputs: Sequence[str], *, manifest: str | None = None,
           progress: bool = False, extract: bool = True, stories: bool = True,
           on_problem: ProblemHandler | None = None,
           settings: DedupSettings = DEDUP) -> IngestReport:
    """Read ``inputs`` (files, folders, URLs) into the store; see the module docstring."""
    from claimtrail.ingest import count_inputs, iter_documents

    inputs = [str(i) for i in inputs]
    with _progress_bar(progress) as bar:
        read_step = None
        if bar is not None:
            # Reading runs ahead of storing (the reader learns furniture over a window
            # of documents), so each gets its own bar.
            reading = bar.add_task("reading", total=_safe_count(count_inputs, inputs))
            read_step = lambda _input: bar.advance(reading)  # noqa: E731
        items = iter_documents(inputs, manifest=manifest, progress=read_step)
        return ingest_items(conn, items, inputs=inputs, extract=extract, stories=stories,
                            on_problem=on_problem, settings=settings, bar=bar)


def ingest_items(conn: sqlite3.Connection, items: Iterable[Document | IngestProblem], *,
                 inputs: Sequence[str] = (), extract: bool = True, stories: bool = True,
                 on_problem: ProblemHandler | None = None, settings: DedupSettings = DEDUP,
                 bar: Any = None) -> IngestReport:
    """Store a stream of documents and problems (what ``ingest`` does after reading).

    Useful on its own for documents made in code; ``bar`` is a rich Progress or None.
    """
    started = time.perf_counter()
    report_problem = on_problem or _printer(bar)
    with atomic(conn):
        run_id = store.start_run(conn, inputs)
    report = IngestReport(run_id=run_id, inputs=list(inputs))
    index = dedup.NearDuplicateIndex.from_store(conn, settings)
    storing = bar.add_task("storing", total=None) if bar is not None else None
    for item in items:
        if isinstance(item, IngestProblem):
            _record_problem(conn, report, item, report_problem)
        else:
            _store_one(conn, report, item, index, settings, report_problem)
        if bar is not None:
            bar.advance(storing)
    with atomic(conn):
        store.update_run(conn, run_id, _counts(report), finished=True)
    run_hooks(conn, report, extract=extract, stories=stories, bar=bar)
    report.seconds = time.perf_counter() - started
    return report


# --- one document ----------------------------------------------------------------------

def _store_one(conn: sqlite3.Connection, report: IngestReport, doc: Document,
               index: dedup.NearDuplicateIndex, settings: DedupSettings,
               report_problem: ProblemHandler) -> None:
    where = doc.input or doc.id
    normalised = dedup.normalise_text(doc.text or "")
    if not normalised:
        _record_problem(conn, report, IngestProblem(where, "no words left in the text after "
                        "cleaning: nothing to store", stage="clean"), report_problem)
        return
    content_hash = dedup.content_hash(doc.text, normalised=normalised)
    # Cheap paths first: a re-run (id stored) or an exact copy needs no signature.
    if store.stored_as(conn, doc.id) is not None:
        with atomic(conn):
            _skip(conn, report, doc, content_hash)
        return
    sig = None
    if store.document_for_hash(conn, content_hash) is None:
        sig = dedup.signature(doc.text, settings, normalised=normalised)
    try:
        with atomic(conn):
            status, sig = _insert(conn, report, doc, content_hash, sig, index, settings)
    except (sqlite3.IntegrityError, sqlite3.DataError, ValueError, TypeError) as exc:
        _record_problem(conn, report, IngestProblem(where, f"could not store {doc.id!r}: {exc}",
                                                    stage="store"), report_problem)
        return
    except sqlite3.OperationalError as exc:
        raise ClaimtrailError(f"writing to the store failed: {exc}", input=where,
                              hint="free disk space or stop other writers, then rerun the same "
                                   "command: what was stored is kept and resumes") from exc
    # The index changes only once committed, so a rollback leaves no ghost in it.
    if status in ("ok", "copy") and sig is not None:
        index.add(doc.id, sig)
    elif status.startswith("replaced:"):
        index.rename(status.removeprefix("replaced:"), doc.id)


def _skip(conn: sqlite3.Connection, report: IngestReport, doc: Document,
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


def _insert(conn: sqlite3.Connection, report: IngestReport, doc: Document, content_hash: str,
            sig: Any, index: dedup.NearDuplicateIndex, settings: DedupSettings
            ) -> tuple[str, Any]:
    """Store ``doc`` (or its alias) inside the caller's transaction.

    Returns the log status and the document's signature (None when none was needed).
    """
    where = doc.input or doc.id
    if store.stored_as(conn, doc.id) is not None:      # stored meanwhile by another writer
        _skip(conn, report, doc, content_hash)
        return "skipped", sig
    same = store.document_for_hash(conn, content_hash)
    if same is not None and dedup.copy_direction((doc.id, doc.published), same) == \
            (same[0], doc.id) and not store.has_derived_data(conn, same[0]):
        # This exact copy was published before the stored one, so it is the original:
        # it takes the stored one's place and the stored id becomes its alias.
        store.take_over(conn, same[0], doc, content_hash)
        store.log_event(conn, report.run_id, where, stage="store", status="ok",
                        document_id=doc.id, reason=f"exact copy of {same[0]}, published "
                        f"earlier: stored in its place ({same[0]} kept as an alias)")
        report.duplicates += 1
        report.added_ids = [doc.id if i == same[0] else i for i in report.added_ids]
        store.update_run(conn, report.run_id, _counts(report))
        return f"replaced:{same[0]}", sig
    if same is not None:
        store.add_alias(conn, doc.id, same[0], input=where, published=doc.published)
        store.log_event(conn, report.run_id, where, stage="store", status="duplicate",
                        document_id=same[0], reason=f"exact copy of {same[0]}")
        report.duplicates += 1
        store.update_run(conn, report.run_id, _counts(report))
        return "duplicate", sig
    if sig is None:   # the exact copy seen before the transaction is gone (another writer)
        sig = dedup.signature(doc.text, settings)
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
    return status, sig


def _record_problem(conn: sqlite3.Connection, report: IngestReport, problem: IngestProblem,
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


# --- hooks -------------------------------------------------------------------------------

def optional_hook(module: str, name: str) -> Callable[..., Any] | None:
    """``module.name`` if that module exists and defines it; None if the module is absent.

    Only a ModuleNotFoundError for ``module`` itself means absent: a missing dependency
    inside an existing module is a real error and is raised.
    """
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    hook = getattr(mod, name, None)
    return hook if callable(hook) else None


def run_hooks(conn: sqlite3.Connection, report: IngestReport, *, extract: bool = True,
              stories: bool = True, bar: Any = None) -> None:
    """Claim extraction, then story assignment, over whatever is pending in the store."""
    # Hook point 1: claim extraction (claimtrail.extract).
    extract_and_store = optional_hook(*EXTRACT_HOOK) if extract else None
    if extract_and_store is not None:
        pending = store.documents_pending_extraction(conn)
        report.extracted = 0
        for chunk in _progress_chunks(bar, "extracting claims", pending):
            with _hook_errors("claim extraction", report):
                extract_and_store(conn, chunk)
            report.extracted += len(chunk)
    # Hook point 2: story assignment (claimtrail.stories).
    assign_stories = optional_hook(*STORIES_HOOK) if stories else None
    if assign_stories is not None:
        runs, pending = store.documents_pending_stories(conn)
        if pending:
            task = bar.add_task("assigning stories", total=None) if bar is not None else None
            with _hook_errors("story assignment", report):
                assign_stories(conn, pending)
            if task is not None:
                bar.update(task, total=len(pending), completed=len(pending))
        with atomic(conn):
            store.mark_stories_done(conn, runs)
        report.assigned_to_stories = len(pending)


class HookError(ClaimtrailError):
    """A stage after storing failed; the documents are committed and the stage resumes."""

    code = "hook_failed"


@contextmanager
def _hook_errors(stage: str, report: IngestReport) -> Iterator[None]:
    """Surface a failing hook as one actionable error (the original stays as __cause__)."""
    try:
        yield
    except ClaimtrailError:
        raise
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        raise HookError(
            f"{stage} failed after {report.added} new document(s) were stored: "
            f"{type(exc).__name__}: {exc} (at {Path(frame.filename).name}:{frame.lineno})",
            hint=f"the documents are safe; fix the cause and rerun the same command to redo "
                 f"the {stage} still pending") from exc


def _progress_chunks(bar: Any, label: str, ids: list[str]) -> Iterator[list[str]]:
    task = bar.add_task(label, total=len(ids)) if bar is not None and ids else None
    for start in range(0, len(ids), HOOK_CHUNK):
        chunk = ids[start:start + HOOK_CHUNK]
        yield chunk
        if task is not None:
            bar.advance(task, len(chunk))


# --- terminal output -----------------------------------------------------------------------

@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn)

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
