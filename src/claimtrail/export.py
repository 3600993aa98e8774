"""Export a story: one self-contained HTML file, or its claims as CSV / Parquet, or JSON.

The dossier's content comes from ``claimtrail.web.dossier``, as the app's page does; this
module imports no page, route or app.

- ``html``: a single file to email. It carries no script at all (the timeline charts are
  SVG drawn server-side), its CSS is inline, its CSP forbids every fetch, and all text is
  escaped by Jinja2's autoescape.
- ``csv`` / ``parquet``: one row per claim, the docs/claims.md fields flattened, plus the
  variable, origin, copies, independent origins and flags.
- ``json``: the story ledger of docs/ledger.md.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from claimtrail import __version__
from claimtrail.errors import BadInput
from claimtrail.store.connection import Connection
from claimtrail.web.dossier import dossier_context, sentence_parts
from claimtrail.web.queries import PipelineStories, document_summaries
from claimtrail.web.render import STATIC, as_of, environment
from claimtrail.web.svgchart import timeline_svg

FORMATS: dict[str, tuple[str, str]] = {
    "html": ("text/html; charset=utf-8", "one self-contained HTML file"),
    "csv": ("text/csv; charset=utf-8", "one row per claim"),
    "json": ("application/json", "the story ledger"),
    "parquet": ("application/vnd.apache.parquet", "one row per claim"),
}

COLUMNS: tuple[str, ...] = (
    "story_id", "variable", "variable_subject", "variable_kind", "claim_id", "doc",
    "doc_title", "doc_outlet", "doc_published", "sentence", "quote", "value_low", "value_high",
    "qualifier", "unit", "kind", "subject", "source_name", "source_mention", "source_via",
    "source_type", "time_start", "time_end", "time_text", "as_of", "place", "span_start",
    "span_end", "derived", "derived_from", "origin_id", "origin_claimant", "origin_first_doc",
    "copies", "independent_origins", "flags",
)
LIST_COLUMNS = ("copies", "flags")
FLOAT_COLUMNS = ("value_low", "value_high")
INT_COLUMNS = ("story_id", "claim_id", "span_start", "span_end", "independent_origins")
BOOL_COLUMNS = ("derived",)


def claim_rows(ledger: dict[str, Any], documents: dict[str, dict[str, Any]] | None = None
               ) -> list[dict[str, Any]]:
    """The ledger flattened: one dict per claim with the COLUMNS keys."""
    documents = documents or {}
    story_id = ledger["story"]["id"]
    rows = []
    for var in ledger.get("variables", []):
        for c in var.get("claims", []):
            value = c.get("value") or {}
            source = c.get("source") or {}
            time = c.get("time") or {}
            origin = c.get("origin") or {}
            span = c.get("span") or [None, None]
            doc = documents.get(c.get("doc")) or {}
            rows.append({
                "story_id": story_id, "variable": var.get("id"),
                "variable_subject": var.get("subject"), "variable_kind": var.get("kind"),
                "claim_id": c.get("id"), "doc": c.get("doc"), "doc_title": doc.get("title"),
                "doc_outlet": doc.get("outlet"), "doc_published": doc.get("published"),
                "sentence": c.get("sentence"), "quote": c.get("quote"),
                "value_low": value.get("low"), "value_high": value.get("high"),
                "qualifier": value.get("qualifier"), "unit": c.get("unit"),
                "kind": c.get("kind"), "subject": c.get("subject"),
                "source_name": source.get("name"), "source_mention": source.get("mention"),
                "source_via": source.get("via"), "source_type": source.get("type"),
                "time_start": time.get("start"), "time_end": time.get("end"),
                "time_text": time.get("text"), "as_of": as_of(c), "place": c.get("place"),
                "span_start": span[0], "span_end": span[1],
                "derived": bool(c.get("derived")), "derived_from": c.get("derived_from"),
                "origin_id": origin.get("id"), "origin_claimant": origin.get("claimant"),
                "origin_first_doc": origin.get("first_doc"),
                "copies": [str(x) for x in c.get("copies") or []],
                "independent_origins": c.get("independent_origins"),
                "flags": [str(x) for x in c.get("flags") or []],
            })
    return rows


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(key: str, value: Any) -> Any:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe
    (OWASP's CSV-injection advice); numbers are left alone."""
    if value is None:
        return ""
    if key in LIST_COLUMNS:
        value = ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


_csv_cell = csv_cell


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(k, row.get(k)) for k in COLUMNS})
    return buf.getvalue().encode("utf-8")


def to_parquet(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def column_type(name: str) -> pa.DataType:
        if name in LIST_COLUMNS:
            return pa.list_(pa.string())
        if name in FLOAT_COLUMNS:
            return pa.float64()
        if name in INT_COLUMNS:
            return pa.int64()
        if name in BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    schema = pa.schema([(name, column_type(name)) for name in COLUMNS],
                       metadata={"producer": f"claimtrail {__version__}"})
    columns = {name: [_coerce(name, row.get(name)) for row in rows] for name in COLUMNS}
    table = pa.table(columns, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def _coerce(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in FLOAT_COLUMNS:
        return float(value)
    if name in INT_COLUMNS:
        return int(value)
    if name not in LIST_COLUMNS and name not in BOOL_COLUMNS and not isinstance(value, str):
        return str(value)
    return value


def to_html(conn: Connection | None, ledger: dict[str, Any],
            documents: dict[str, dict[str, Any]]) -> bytes:
    from markupsafe import Markup

    context = dossier_context(ledger, documents, table_rows=None)
    for v in context["variables"]:
        for panel in v["panels"]:
            # Our own SVG: every article string in it went through html.escape.
            panel["svg"] = Markup(timeline_svg(panel["var"], documents, panel=panel["panel"],
                                               height=150 if v["small"] else 260))
    css = (STATIC / "claimtrail.css").read_text(encoding="utf-8")
    doc_anchors = {doc_id: f"article-{i}" for i, doc_id in enumerate(sorted(documents), 1)}
    def export_href(claim: dict[str, Any]) -> str:
        return "#" + doc_anchors.get(claim.get("doc") or "", "")

    html = environment().get_template("export.html").render(
        css=Markup(css), version=__version__, sentence_parts=sentence_parts,
        doc_anchors=doc_anchors, export_href=export_href, **context)
    return html.encode("utf-8")


def export_bytes(conn: Connection, ledger: dict[str, Any], fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise BadInput(f"unknown export format {fmt!r}", hint="use html, csv, json or parquet")
    if fmt == "json":
        return json.dumps(ledger, ensure_ascii=False, indent=2).encode("utf-8")
    doc_ids = {d["id"] for d in ledger["story"].get("documents", [])}
    doc_ids |= {c.get("doc") for v in ledger.get("variables", []) for c in v.get("claims", [])}
    documents = document_summaries(conn, (d for d in doc_ids if d))
    for d in ledger["story"].get("documents", []):
        documents.setdefault(d["id"], d)
    if fmt == "html":
        return to_html(conn, ledger, documents)
    rows = claim_rows(ledger, documents)
    return to_csv(rows) if fmt == "csv" else to_parquet(rows)


def export_story(conn: Connection, story_id: int, fmt: str,
                 out: str | Path | None = None, *, provider: Any = None) -> bytes:
    """Build story ``story_id``'s export; write it to ``out`` when given."""
    from claimtrail.errors import NotFound

    ledger = (provider or PipelineStories()).ledger(conn, story_id)
    if ledger is None:
        raise NotFound(f"no story {story_id}", hint="`claimtrail stories` lists the stories")
    body = export_bytes(conn, ledger, fmt)
    if out is not None:
        Path(out).write_bytes(body)
    return body
