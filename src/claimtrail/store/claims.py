"""Claims and sources in the store (schema: migrations/0002_claims.sql, 0005_source_keys.sql).

Writing is per document and atomic: a document's claims, the sources they credit, the
mentions of those sources and its ``extractions`` row are replaced together, so a
repeated or interrupted extraction leaves each document either fully extracted by the
current extractor or not at all.

The store does not know how claims are found: the extractor passes its version and the
function that keys a source name (``name_key``), and results that look like
``ExtractedDocument``.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from claimtrail.models import Claim, Document, IngestProblem, Source
from claimtrail.store.connection import Connection, Row, utc_now

_CHUNK = 500          # SQLite host-parameter budget per IN (...) query
NameKey = Callable[[str], str]


class ExtractedDocument(Protocol):
    """One document's extraction: its claims, or the problem that stopped it."""

    document: Document
    claims: list[Claim]
    problem: IngestProblem | None


def load_documents(conn: Connection, ids: Sequence[str]) -> Iterator[Document]:
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


def already_extracted(conn: Connection, ids: Iterable[str], extractor: str) -> set[str]:
    """Which of ``ids`` the extractor version ``extractor`` has already done."""
    ids = list(ids)
    done: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        done.update(r[0] for r in conn.execute(
            f"SELECT document_id FROM extractions WHERE extractor = ? AND document_id IN ({marks})",
            [extractor, *chunk]))
    return done


def store_claims(conn: Connection, result: ExtractedDocument, *, extractor: str,
                 name_key: NameKey) -> int:
    """Replace the claims of ``result.document`` with ``result.claims`` (one transaction).
    A failed document is logged in ``ingest_log`` (stage extract) and marked done with no
    claims, so that an ingest does not retry it forever; ``claimtrail log`` shows it."""
    doc_id = result.document.id
    with conn.atomic():
        conn.execute("DELETE FROM claims WHERE document_id = ?", (doc_id,))
        for seq, claim in enumerate(result.claims):
            source_id = upsert_source(conn, claim.source, name_key) if claim.source else None
            _insert_claim(conn, doc_id, seq, claim, source_id)
        if result.note is not None:
            conn.execute(
                "INSERT INTO ingest_log(input, stage, status, reason, document_id, at)"
                " VALUES (?, 'extract', 'cut', ?, ?, ?)",
                (result.document.input or doc_id, result.note, doc_id, utc_now()))
        if result.problem is not None:
            conn.execute(
                "INSERT INTO ingest_log(input, stage, status, reason, document_id, at)"
                " VALUES (?, 'extract', 'error', ?, ?, ?)",
                (result.problem.input, result.problem.reason, doc_id, utc_now()))
        conn.execute(
            "INSERT INTO extractions(document_id, extractor, n_claims, extracted_at)"
            " VALUES (?, ?, ?, ?)"
            " ON CONFLICT(document_id) DO UPDATE SET extractor = excluded.extractor,"
            " n_claims = excluded.n_claims, extracted_at = excluded.extracted_at",
            (doc_id, extractor, len(result.claims), utc_now()))
    return len(result.claims)


def upsert_source(conn: Connection, source: Source, name_key: NameKey) -> int:
    """The id of the canonical source ``source.name`` (created if new); its mention is
    recorded too. A name whose key (``name_key``) is already stored under another
    spelling ("UK officials" for "U.K. officials") resolves to that source."""
    row = conn.execute("SELECT id, type FROM sources WHERE name = ?", (source.name,)).fetchone()
    key = name_key(source.name) or None
    if row is None and key:
        _backfill_name_keys(conn, name_key)
        row = conn.execute("SELECT id, type FROM sources WHERE name_key = ? ORDER BY id"
                           " LIMIT 1", (key,)).fetchone()
    if row is None:
        row = conn.execute("INSERT INTO sources(name, type, name_key) VALUES (?, ?, ?)"
                           " RETURNING id", (source.name, source.type, key)).fetchone()
        source_id = int(row[0])
    else:
        source_id = int(row["id"])
        if row["type"] is None and source.type:
            conn.execute("UPDATE sources SET type = ? WHERE id = ?", (source.type, source_id))
    for mention in sorted({m for m in (source.name, source.mention) if m}):
        conn.execute("INSERT INTO source_mentions(source_id, mention) VALUES (?, ?)"
                     " ON CONFLICT (source_id, mention) DO NOTHING", (source_id, mention))
    return source_id


def _backfill_name_keys(conn: Connection, name_key: NameKey) -> None:
    """Key the sources stored before migration 0005 (their name_key is NULL)."""
    rows = conn.execute("SELECT id, name FROM sources WHERE name_key IS NULL").fetchall()
    if rows:
        conn.executemany("UPDATE sources SET name_key = ? WHERE id = ?",
                         [(name_key(r["name"]) or "", r["id"]) for r in rows])


def _insert_claim(conn: Connection, doc_id: str, seq: int, claim: Claim,
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


def list_claims(conn: Connection, *, doc: str | None = None, kind: str | None = None,
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


def row_to_contract(row: Row) -> dict[str, Any]:
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
