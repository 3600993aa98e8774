"""``claimtrail ingest --out DIR``: what an ingest stored, as Parquet files.

The run goes through a scratch store first, so that deduplication (exact copies, their
aliases, near-copy links) works exactly as it does into a real store; its tables are
then written here, one file each:

* ``documents.parquet``: id, content hash, metadata and clean text;
* ``claims.parquet``: the claims contract of docs/claims.md (value, source and time as
  structs), with ``doc`` the stored document's id;
* ``aliases.parquet``: the ids of exact copies and the document each one is;
* ``copies.parquet``: near-copy links (copy, original, similarity, method);
* ``ingest_log.parquet``: what each input became, errors included.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from claimtrail.store.connection import Connection, Row

_DOCUMENT_COLUMNS = ("id", "content_hash", "title", "outlet", "url", "published",
                     "published_from", "language", "origin", "author", "input", "format",
                     "extra", "text")


def write_parquet(conn: Connection, out_dir: Path) -> dict[str, int]:
    """Write the tables; returns {file name: rows}."""
    from claimtrail.store.claims import list_claims

    out_dir.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[dict[str, Any]]] = {
        "documents": [_document(r) for r in conn.execute(
            f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents ORDER BY rowid")],
        "claims": list_claims(conn),
        "aliases": _rows(conn, "SELECT alias, document_id, input, published"
                               " FROM document_aliases ORDER BY alias"),
        "copies": _rows(conn, "SELECT document_id AS copy, copy_of AS original, similarity,"
                              " method FROM copies ORDER BY document_id, copy_of"),
        "ingest_log": _rows(conn, "SELECT input, stage, status, reason, document_id"
                                  " FROM ingest_log ORDER BY id"),
    }
    written = {}
    for name, rows in tables.items():
        path = out_dir / f"{name}.parquet"
        _write(rows, path, name)
        written[path.name] = len(rows)
    return written


def _document(row: Row) -> dict[str, Any]:
    found = dict(row)
    found["extra"] = json.dumps(json.loads(found["extra"] or "{}"), ensure_ascii=False,
                                sort_keys=True)
    return found


def _rows(conn: Connection, sql: str) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql)]


_SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "documents": [(c, "string") for c in _DOCUMENT_COLUMNS],
    "aliases": [("alias", "string"), ("document_id", "string"), ("input", "string"),
                ("published", "string")],
    "copies": [("copy", "string"), ("original", "string"), ("similarity", "float64"),
               ("method", "string")],
    "ingest_log": [("input", "string"), ("stage", "string"), ("status", "string"),
                   ("reason", "string"), ("document_id", "string")],
}


def _write(rows: list[dict[str, Any]], path: Path, name: str) -> None:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    if name == "claims":
        table = pa.Table.from_pylist(rows, schema=_claims_schema(pa))
    else:
        schema = pa.schema([(column, getattr(pa, kind)()) for column, kind in _SCHEMAS[name]])
        table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)


def _claims_schema(pa: Any) -> Any:
    """Fixed, so that an empty or all-null column still has its type."""
    value = pa.struct([("low", pa.float64()), ("high", pa.float64()),
                       ("qualifier", pa.string())])
    source = pa.struct([("name", pa.string()), ("mention", pa.string()), ("via", pa.string()),
                        ("type", pa.string())])
    time = pa.struct([("start", pa.string()), ("end", pa.string()), ("text", pa.string())])
    return pa.schema([
        ("id", pa.int64()), ("doc", pa.string()), ("sentence", pa.string()), ("value", value),
        ("unit", pa.string()), ("kind", pa.string()), ("subject", pa.string()),
        ("source", source), ("time", time), ("place", pa.string()),
        ("span", pa.list_(pa.int64())), ("quote", pa.string()), ("derived", pa.bool_()),
        ("derived_from", pa.string())])
