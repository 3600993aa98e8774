"""``claimtrail ingest``, ``docs``, ``doc``, ``search`` and ``log``.

Exit status of ``ingest``: 0 when every input was read and stored, 2 when some inputs
failed (each is reported on one stderr line and in ``claimtrail log --errors``; the
others are stored), 1 on an error that stopped the run.
"""
from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from claimtrail.cli import main
from claimtrail.cli.common import (
    db_option,
    json_option,
    listing_options,
    print_json,
    print_table,
)
from claimtrail.config import ENGINE, ENGINES
from claimtrail.errors import ClaimtrailError
from claimtrail.store.connection import Connection
from claimtrail.unicode_repair import repair_name

EXIT_SOME_INPUTS_FAILED = 2


def open_store(db_path: str, *, must_exist: bool = True) -> Connection:
    """Connect to the store; read commands refuse to create an empty one by accident."""
    from claimtrail.store import connect
    from claimtrail.store.connection import store_exists

    if must_exist and not store_exists(db_path):
        raise ClaimtrailError(f"no store at {db_path}", code="no_store",
                              hint=f"run claimtrail ingest PATH_OR_URL... --db {db_path} first, "
                                   "or point --db (or CLAIMTRAIL_DB) at an existing store")
    return connect(db_path)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@db_option
@click.option("--manifest", type=click.Path(dir_okay=False),
              help="CSV of per-document metadata (id, published, outlet, ...).")
@click.option("--no-extract", is_flag=True,
              help="Skip claim extraction (stories are still assigned); the next ingest "
                   "without this flag extracts what is pending.")
@click.option("--no-stories", is_flag=True, envvar="CLAIMTRAIL_NO_STORIES",
              help="Skip story assignment; the next ingest without this flag assigns what "
                   "is pending.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="Where the per-document work (hashing, claims, story features) runs: "
                   "this process, or Spark (pip install 'claimtrail[spark]').")
@click.option("--spark-master", metavar="URL", default=None,
              help=f"Spark master for --engine spark (default {ENGINE.spark_master}, or "
                   "CLAIMTRAIL_SPARK_MASTER); e.g. spark://host:7077.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Write documents, claims, aliases, copies and the log as Parquet files "
                   "in this folder instead of a store (no stories).")
@json_option
def ingest(inputs: tuple[str, ...], db_path: str, manifest: str | None, no_extract: bool,
           no_stories: bool, engine: str, spark_master: str | None, out_dir: str | None,
           as_json: bool) -> None:
    """Read articles into the store: files, folders, JSON/JSONL, feeds, WARC, URLs.

    Exact copies are stored once (their ids kept as aliases), near-copies are linked,
    and claims are extracted. Running the same command again adds nothing new; after an
    interruption it completes what is missing.

    Exit status: 0 all inputs stored, 2 some inputs failed (see: claimtrail log --errors;
    also click's code for a malformed command line), 1 the run stopped on an error.
    """
    from claimtrail.engine import make_engine
    from claimtrail.pipeline import ingest as run_ingest

    if manifest and not Path(manifest).is_file():
        # Stop before storing: documents stored without their manifest dates would be
        # skipped (as already stored) when the command is rerun with the right path.
        raise ClaimtrailError(f"no manifest at {manifest}", code="bad_input",
                              hint="check the --manifest path (a CSV with an id column)")
    if spark_master and engine != "spark":
        raise ClaimtrailError("--spark-master needs --engine spark", code="bad_input")
    target = db_path
    runner = make_engine(engine, spark_master=spark_master)   # before any store is made
    try:
        with _output_store(db_path, out_dir) as conn:
            report = run_ingest(conn, list(inputs), manifest=manifest,
                                progress=sys.stderr.isatty(), extract=not no_extract,
                                stories=not (no_stories or out_dir), engine=runner)
            if out_dir:
                from claimtrail.engine.parquet import write_parquet

                write_parquet(conn, Path(out_dir))
                target = out_dir
    finally:
        runner.close()
    if as_json:
        print_json({**report.to_dict(), ("out" if out_dir else "db"): target})
    else:
        click.echo(f"{target}: {report.summary()}")
        if report.added + report.duplicates + report.skipped + report.empty == 0:
            from claimtrail.ingest.detect import SUPPORTED_HINT

            click.echo(repair_name("nothing readable was found in " + " ".join(inputs))
                       + f" ({SUPPORTED_HINT})", err=True)
        if not report.ok:
            where = f"{out_dir}/ingest_log.parquet" if out_dir else \
                f"claimtrail log --errors --db {db_path}"
            click.echo(f"{report.failed} input(s) failed: see {where}", err=True)
    if not report.ok:
        sys.exit(EXIT_SOME_INPUTS_FAILED)


@contextmanager
def _output_store(db_path: str, out_dir: str | None) -> Iterator[Connection]:
    """The store to write: ``db_path``, or for ``--out`` a scratch store (removed after)
    through which deduplication runs exactly as it does into a real one."""
    if out_dir is None:
        conn = open_store(db_path, must_exist=False)
        try:
            yield conn
        finally:
            conn.close()
        return
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".claimtrail-scratch-", dir=out_dir) as scratch:
        conn = open_store(str(Path(scratch) / "scratch.db"), must_exist=False)
        try:
            yield conn
        finally:
            conn.close()


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="At most this many documents.")
@json_option
@listing_options
def docs(db_path: str, limit: int | None, as_json: bool) -> None:
    """List the stored documents, oldest first."""
    from claimtrail.store import documents as store

    conn = open_store(db_path)
    rows = store.list_documents(conn, limit=limit)
    if as_json:
        print_json([{k: r[k] for k in (*store.LISTING_FIELDS, "copy_of", "aliases", "language")}
                    for r in rows])
        return
    print_table([{**r, "title": _short(r["title"], 70)} for r in rows],
                ["id", "published", "outlet", "title", "copies", "copy_of", "aliases"],
                title=f"{len(rows)} documents")


@main.command()
@click.argument("doc_id", metavar="ID")
@db_option
@json_option
def doc(doc_id: str, db_path: str, as_json: bool) -> None:
    """Show one document: metadata, copies, aliases and clean text."""
    from claimtrail.store import documents as store

    conn = open_store(db_path)
    found = store.get_document(conn, doc_id)
    if as_json:
        print_json(found)
        return
    for key in ("id", "title", "outlet", "url", "published", "published_from", "language",
                "origin", "author", "input", "format", "ingested_at"):
        if found.get(key):
            click.echo(f"{key}: {found[key]}")
    for link in found["copy_of"]:
        click.echo(f"copy of: {link['id']} ({link['method']}, {_similarity(link)})")
    for link in found["copied_by"]:
        click.echo(f"copied by: {link['id']} ({link['method']}, {_similarity(link)})")
    for alias in found["aliases"]:
        click.echo(f"exact copy also seen as: {alias['alias']}")
    click.echo("")
    click.echo(found["text"])


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--raw", is_flag=True,
              help="Pass QUERY to the search engine as is: SQLite FTS5 (phrases, OR, NEAR, "
                   "title:word) or PostgreSQL websearch (phrases, or, -word).")
@json_option
@listing_options
def search(query: str, db_path: str, limit: int, raw: bool, as_json: bool) -> None:
    """Full-text search of titles and texts, best match first, with snippets.

    Every word must appear (any form: 'casualty' finds 'casualties'); end a word with *
    for a prefix. Use --raw for the engine's own syntax (FTS5, or PostgreSQL websearch).
    """
    from claimtrail.store import documents as store

    conn = open_store(db_path)
    hits = store.search_documents(conn, query, limit=limit, raw=raw)
    if as_json:
        print_json(hits)
        return
    if not hits:
        click.echo(f"no document matches {query!r}", err=True)
        return
    print_table([{**h, "title": _short(h["title"], 50), "snippet": _short(h["snippet"], 400)}
                 for h in hits], ["id", "published", "title", "snippet"],
                title=f"{len(hits)} documents matching {query!r}")


@main.command(name="log")
@db_option
@click.option("--errors", "errors_only", is_flag=True, help="Only the inputs that failed.")
@click.option("--run", "run_id", type=int, default=None, help="Only this ingest run.")
@click.option("--runs", "show_runs", is_flag=True, help="List the ingest runs instead.")
@click.option("--limit", type=click.IntRange(min=0), default=None)
@json_option
@listing_options
def log_command(db_path: str, errors_only: bool, run_id: int | None, show_runs: bool,
                limit: int | None, as_json: bool) -> None:
    """The ingest log: what each input became (ok, copy, duplicate, skipped, error)."""
    from claimtrail.store import documents as store

    conn = open_store(db_path)
    if show_runs:
        runs = store.ingest_runs(conn, limit=limit)
        if as_json:
            print_json(runs)
        else:
            print_table([{**r, "inputs": _short(" ".join(r["inputs"]), 50)} for r in runs],
                        ["id", "started_at", "finished_at", "added", "copies", "duplicates",
                         "skipped", "failed", "inputs"], title="ingest runs")
        return
    rows = store.ingest_log(conn, errors_only=errors_only, run_id=run_id, limit=limit)
    if as_json:
        print_json(rows)
        return
    print_table(rows, ["run_id", "at", "status", "stage", "input", "document_id", "reason"],
                title="ingest log" + (" (errors)" if errors_only else ""))


def _short(text: str | None, width: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _similarity(link: dict[str, Any]) -> str:
    sim = link.get("similarity")
    return "similarity unknown" if sim is None else f"similarity {sim:.2f}"
