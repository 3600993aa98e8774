"""Claims and sources in the store (schema: migrations/0002_claims.sql).

Writing is per document and atomic: a document's claims, the sources they credit, the
mentions of those sources and its ``extractions`` row are replaced together, so a
repeated or interrupted extraction leaves each document either fully extracted by the
current extractor or not at all.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from claimtrail.extract.lexicon import normalise_name
from claimtrail.models import Claim, Document, Source
from claimtrail.store.db import atomic

if TYPE_CHECKING:
    from claimtrail.extract.pipeline import DocResult

_CHUNK = 500          # SQLite host-parameter budget per IN (...) query


def load_documents(conn: sqlite3.Connection, ids: Sequence[str]) -> Iterator[Document]:
    """The stored documents ``ids``, in the order given (unknown ids are skipped)."""
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = {r["id"]: r for r in conn.execute(
            f"SELECT id, text, title, outlet, url, published, published_from, language, origin,"
            f" author, input, format, extra FROM documents WHERE id IN ({marks})", chunk)}
        for doc_id in chunk:
            row = rows.get(doc_id)
            if row is None:
                continue
            extra = json.loads(row["extra"] or "{}")
            yield Document(
                id=row["id"], text=row["text"], title=row["title"], outlet=row["outlet"],
                url=row["url"], published=row["published"], published_from=row["published_from"],
                language=row["language"], origin=row["origin"], author=row["author"],
                input=row["input"], format=row["format"], extra=extra)


def already_extracted(conn: sqlite3.Connection, ids: Iterable[str],
                      extractor: str | None = None) -> set[str]:
    """Which of ``ids`` the current extractor (or ``extractor``) has already done."""
    from claimtrail.extract.pipeline import EXTRACTOR_VERSION

    version = extractor or EXTRACTOR_VERSION
    ids = list(ids)
    done: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        done.update(r[0] for r in conn.execute(
            f"SELECT document_id FROM extractions WHERE extractor = ? AND document_id IN ({marks})",
            [version, *chunk]))
    return done


def store_claims(conn: sqlite3.Connection, result: DocResult) -> int:
    """Replace the claims of ``result.document`` with ``result.claims`` (one transaction).
    A failed document is logged in ``ingest_log`` (stage extract) and marked done with no
    claims, so that an ingest does not retry it forever; ``claimtrail log`` shows it."""
    from claimtrail.extract.pipeline import EXTRACTOR_VERSION

    doc_id = result.document.id
    with atomic(conn):
        conn.execute("DELETE FROM claims WHERE document_id = ?", (doc_id,))
        for seq, claim in enumerate(result.claims):
            source_id = upsert_source(conn, claim.source) if claim.source else None
            _insert_claim(conn, doc_id, seq, claim, source_id)
        if result.note is not None:
            conn.execute(
                "INSERT INTO ingest_log(input, stage, status, reason, document_id)"
                " VALUES (?, 'extract', 'cut', ?, ?)",
                (result.document.input or doc_id, result.note, doc_id))
        if result.problem is not None:
            conn.execute(
                "INSERT INTO ingest_log(input, stage, status, reason, document_id)"
                " VALUES (?, 'extract', 'error', ?, ?)",
                (result.problem.input, result.problem.reason, doc_id))
        conn.execute(
            "INSERT INTO extractions(document_id, extractor, n_claims) VALUES (?, ?, ?)"
            " ON CONFLICT(document_id) DO UPDATE SET extractor = excluded.extractor,"
            " n_claims = excluded.n_claims,"
            " extracted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            (doc_id, EXTRACTOR_VERSION, len(result.claims)))
    return len(result.claims)


def upsert_source(conn: sqlite3.Connection, source: Source) -> int:
    """The id of the canonical source ``source.name`` (created if new); its mention is
    recorded too."""
    row = conn.execute("SELECT id, type FROM sources WHERE name = ?", (source.name,)).fetchone()
    if row is None:
        # a spelling of a source already stored ("UK officials" for "U.K. officials"):
        # the same key as the lookup of data/sources.json
        key = normalise_name(source.name)
        conn.create_function("ct_name_key", 1, normalise_name, deterministic=True)
        row = conn.execute("SELECT id, type FROM sources WHERE ct_name_key(name) = ? ORDER BY id"
                           " LIMIT 1", (key,)).fetchone() if key else None
    if row is None:
        cur = conn.execute("INSERT INTO sources(name, type) VALUES (?, ?)",
                           (source.name, source.type))
        source_id = int(cur.lastrowid or 0)
    else:
        source_id = int(row["id"])
        if row["type"] is None and source.type:
            conn.execute("UPDATE sources SET type = ? WHERE id = ?", (source.type, source_id))
    for mention in {source.name, source.mention}:
        if mention:
            conn.execute("INSERT OR IGNORE INTO source_mentions(source_id, mention) VALUES (?, ?)",
                         (source_id, mention))
    return source_id


def _insert_claim(conn: sqlite3.Connection, doc_id: str, seq: int, claim: Claim,
                  source_id: int | None) -> None:
    span = claim.span or (None, None)
    sent = claim.sentence_span or (None, None)
    time = claim.time
    conn.execute(
        "INSERT INTO claims(document_id, seq, sentence, sentence_start, sentence_end,"
        " span_start, span_end, quote, low, high, qualifier, unit, kind, subject, source_id,"
        " source_mention, source_via, time_text, time_start, time_end, place, derived,"
        " derived_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (doc_id, seq, claim.sentence, sent[0], sent[1], span[0], span[1], claim.quote,
         claim.value.low, claim.value.high, claim.value.qualifier, claim.unit, claim.kind,
         claim.subject, source_id, claim.source.mention if claim.source else None,
         claim.source.via if claim.source else None, time.text if time else None,
         time.start if time else None, time.end if time else None, claim.place,
         int(claim.derived), claim.derived_from))


_SELECT = (
    "SELECT c.*, s.name AS source_name, s.type AS source_type FROM claims c"
    " LEFT JOIN sources s ON s.id = c.source_id")


def list_claims(conn: sqlite3.Connection, *, doc: str | None = None, kind: str | None = None,
                source: str | None = None, limit: int | None = None,
                include_derived: bool = True) -> list[dict[str, Any]]:
    """Stored claims in the export contract shape, plus ``id``; filters combine."""
    where: list[str] = []
    params: list[Any] = []
    if doc:
        where.append("c.document_id = ?")
        params.append(doc)
    if kind:
        where.append("c.kind = ?")
        params.append(kind)
    if source:
        where.append("(lower(s.name) = lower(?) OR c.source_id IN (SELECT source_id FROM"
                     " source_mentions WHERE lower(mention) = lower(?)))")
        params += [source, source]
    if not include_derived:
        where.append("c.derived = 0")
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + \
        " ORDER BY c.document_id, c.seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [row_to_contract(r) for r in conn.execute(sql, params)]


def row_to_contract(row: sqlite3.Row) -> dict[str, Any]:
    """A claims row (joined with its source) as the export contract plus ``id``."""
    source = None
    if row["source_name"] is not None:
        source = {k: v for k, v in (("name", row["source_name"]), ("mention", row["source_mention"]),
                                    ("via", row["source_via"]), ("type", row["source_type"]))
                  if v is not None}
    time = None
    if row["time_text"] is not None or row["time_start"] is not None:
        time = {"start": row["time_start"], "end": row["time_end"], "text": row["time_text"]}
    return {
        "id": row["id"], "doc": row["document_id"], "sentence": row["sentence"],
        "value": {"low": _num(row["low"]), "high": _num(row["high"]), "qualifier": row["qualifier"]},
        "unit": row["unit"], "kind": row["kind"], "subject": row["subject"], "source": source,
        "time": time, "place": row["place"],
        "span": [row["span_start"], row["span_end"]] if row["span_start"] is not None else None,
        "quote": row["quote"], "derived": bool(row["derived"]), "derived_from": row["derived_from"],
    }


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x
