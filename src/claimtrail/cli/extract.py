"""``claimtrail extract`` (claims straight from files, no store) and ``claimtrail claims``
(claims in the store)."""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
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
from claimtrail.models import KINDS, Claim, Document, IngestProblem

TABLE_COLUMNS = ["doc", "quote", "low", "high", "qualifier", "unit", "kind", "subject", "source",
                 "time", "place"]
CSV_COLUMNS = ["doc", "sentence", "low", "high", "qualifier", "unit", "kind", "subject",
               "source", "source_mention", "source_via", "time_text", "time_start", "time_end",
               "place", "span_start", "span_end", "quote", "derived", "derived_from"]


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: config).")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False),
              help="CSV of per-document metadata (publication dates resolve relative times).")
@click.option("--derived/--no-derived", default=False, show_default=True,
              help="Also print figures the text implies but does not print "
                   "(one-third of 5,000 casualties -> ~1,667 killed), marked derived=true.")
@click.option("--processes", "-j", type=int, default=1, show_default=True,
              help="Parser processes.")
def extract(paths: tuple[str, ...], fmt: str, model: str | None, manifest: str | None,
            derived: bool, processes: int) -> None:
    """Print every quantitative claim of the articles at PATH... (no store).

    JSONL lines are the claims export contract (docs/claims.md). Derived claims are off
    by default here (the text does not print them); the store always keeps them.
    Exit status 2 when some inputs or documents failed (one stderr line each).
    """
    from claimtrail.extract import iter_claims, load_nlp

    nlp = load_nlp(model)
    problems = 0

    def documents() -> Iterator[Document]:
        nonlocal problems
        for item in _read(list(paths), manifest):
            if isinstance(item, IngestProblem):
                problems += 1
                click.echo(f"skipped: {item}", err=True)
                continue
            yield item

    from claimtrail.export import csv_cell

    rows: list[dict[str, Any]] = []
    writer = csv.DictWriter(sys.stdout, CSV_COLUMNS) if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    for result in iter_claims(documents(), nlp, n_process=processes, with_derived=derived):
        if result.note is not None:
            click.echo(f"note: {result.document.input or result.document.id}: {result.note}",
                       err=True)
        if result.problem is not None:
            problems += 1
            click.echo(f"skipped: {result.problem}", err=True)
            continue
        for claim in result.claims:
            if fmt == "jsonl":
                click.echo(json.dumps(claim.to_contract(), ensure_ascii=False))
            elif writer is not None:
                # the cells a spreadsheet would run as formulas are defused, as in export
                writer.writerow({k: csv_cell(k, v) for k, v in _flat(claim).items()})
            else:
                rows.append(_table_row(claim))
    if fmt == "table":
        print_table(rows, TABLE_COLUMNS, title="claims")
    if problems:
        sys.exit(2)


def _read(paths: list[str], manifest: str | None) -> Iterator[Document | IngestProblem]:
    from claimtrail.ingest import iter_documents

    yield from iter_documents(paths, manifest=manifest)


def _flat(claim: Claim) -> dict[str, Any]:
    c = claim.to_contract()
    src = claim.source
    time = claim.time
    return {
        "doc": c["doc"], "sentence": c["sentence"], "low": c["value"]["low"],
        "high": c["value"]["high"], "qualifier": c["value"]["qualifier"], "unit": c["unit"],
        "kind": c["kind"], "subject": c["subject"], "source": src.name if src else None,
        "source_mention": src.mention if src else None, "source_via": src.via if src else None,
        "time_text": time.text if time else None, "time_start": time.start if time else None,
        "time_end": time.end if time else None, "place": c["place"],
        "span_start": claim.span[0] if claim.span else None,
        "span_end": claim.span[1] if claim.span else None, "quote": c["quote"],
        "derived": c["derived"], "derived_from": c["derived_from"],
    }


def _table_row(claim: Claim) -> dict[str, Any]:
    flat = _flat(claim)
    flat["time"] = flat["time_text"]
    return flat


@main.command()
@db_option
@click.option("--doc", "doc_id", default=None, help="Only this document's claims.")
@click.option("--kind", default=None, type=click.Choice(KINDS),
              help="Only claims of this kind.")
@click.option("--source", default=None, help="Only claims credited to this source (any of its names).")
@click.option("--limit", type=int, default=None, help="At most this many claims.")
@json_option
@listing_options
def claims(db_path: str, doc_id: str | None, kind: str | None, source: str | None,
           limit: int | None, as_json: bool) -> None:
    """List the claims in the store."""
    from claimtrail.cli.ingest import open_store
    from claimtrail.store.claims import list_claims

    conn = open_store(db_path)
    try:
        found = list_claims(conn, doc=doc_id, kind=kind, source=source, limit=limit)
    finally:
        conn.close()
    if as_json:
        print_json(found)
        return
    from claimtrail.reconcile.wording import claim_value_words

    rows = [{**c, "low": c["value"]["low"], "high": c["value"]["high"],
             "qualifier": c["value"]["qualifier"], "value": claim_value_words(c),
             "source": (c["source"] or {}).get("name"),
             "time": (c["time"] or {}).get("text")} for c in found]
    # 80 columns: the figure in words, what it counts, who said it, where it is
    print_table(rows, ["id", "value", *TABLE_COLUMNS], title="claims",
                narrow=["id", "value", "kind", "source", "doc"])
