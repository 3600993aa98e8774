"""SQL for stories, their members, the user's decisions and clustering features.

Everything that touches tables of migration 0003 goes through here, so the clustering
and the CLI never write SQL of their own.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from claimtrail.errors import NotFound
from claimtrail.store.connection import Connection, Row, utc_now


@dataclass
class StoryFeatures:
    document_id: str
    terms: dict[str, float]
    entities: dict[str, float]
    vector: np.ndarray | None
    sentences: list[list[int]]          # per long sentence: its shingle hashes
    day: int | None = None              # publication day (ordinal), None when unknown
    credit: str | None = None           # the original source it credits (copies.credit_line)
    credit_explicit: bool = False       # an "Original Source:" line, not a dateline


@dataclass
class DocumentRow:
    id: str
    title: str | None
    text: str
    outlet: str | None
    published: str | None
    origin: str | None
    rowid: int


# --- documents -------------------------------------------------------------------

def load_documents(conn: Connection, ids: list[str] | None = None) -> list[DocumentRow]:
    """Documents in published order (unknown dates last), then ingest order."""
    sql = ("SELECT rowid, id, title, text, outlet, published, origin FROM documents")
    params: list[Any] = []
    if ids is not None:
        if not ids:
            return []
        rows: list[Row] = []
        for chunk in _id_chunks(conn, ids):
            where, chunk_params = _id_in(conn, "id", chunk)
            rows += conn.execute(sql + f" WHERE {where}", chunk_params).fetchall()
    else:
        rows = conn.execute(sql, params).fetchall()
    docs = [DocumentRow(id=r["id"], title=r["title"], text=r["text"], outlet=r["outlet"],
                        published=r["published"], origin=r["origin"], rowid=r["rowid"])
            for r in rows]
    docs.sort(key=document_order_key)
    return docs


def document_order_key(doc: DocumentRow) -> tuple[int, str, int]:
    return (doc.published is None, doc.published or "", doc.rowid)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _id_chunks(conn: Connection, ids: list[str]) -> list[list[str]]:
    """SQLite takes at most so many parameters: 500 ids a statement; PostgreSQL takes
    them all as one array (one round trip, a short statement)."""
    if conn.dialect == "postgresql":
        return [ids] if ids else []
    return _chunks(ids, 500)


def _id_in(conn: Connection, column: str, chunk: list[str]) -> tuple[str, list[Any]]:
    if conn.dialect == "postgresql":
        return f"{column} = ANY(?)", [chunk]
    return f"{column} IN ({','.join('?' * len(chunk))})", list(chunk)


# --- features --------------------------------------------------------------------

def save_features(conn: Connection, feats: StoryFeatures) -> None:
    blob = feats.vector.astype(np.float32).tobytes() if feats.vector is not None else None
    conn.execute(
        "INSERT INTO story_features(document_id, terms, entities, vector, sentences, day,"
        " credit, credit_explicit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (document_id) DO UPDATE SET"
        " terms = excluded.terms, entities = excluded.entities, vector = excluded.vector,"
        " sentences = excluded.sentences, day = excluded.day, credit = excluded.credit,"
        " credit_explicit = excluded.credit_explicit",
        (feats.document_id, json.dumps(feats.terms), json.dumps(feats.entities), blob,
         json.dumps(feats.sentences), feats.day, feats.credit, int(feats.credit_explicit)))


def load_features(conn: Connection, ids: list[str] | None = None,
                  with_sentences: bool = True) -> dict[str, StoryFeatures]:
    """Stored features of ``ids`` (all when None: a pass over the store, for rebuilds
    and benchmarks only)."""
    columns = ("document_id, terms, entities, vector, day, credit, credit_explicit"
               + (", sentences" * with_sentences))
    if ids is None:
        rows = conn.execute(f"SELECT {columns} FROM story_features").fetchall()
    else:
        rows = []
        for chunk in _id_chunks(conn, list(ids)):
            where, chunk_params = _id_in(conn, "document_id", chunk)
            rows += conn.execute(f"SELECT {columns} FROM story_features WHERE {where}",
                                 chunk_params).fetchall()
    out: dict[str, StoryFeatures] = {}
    for r in rows:
        vec = np.frombuffer(r["vector"], dtype=np.float32) if r["vector"] else None
        out[r["document_id"]] = StoryFeatures(
            document_id=r["document_id"], terms=json.loads(r["terms"]),
            entities=json.loads(r["entities"]), vector=vec,
            sentences=json.loads(r["sentences"]) if with_sentences else [], day=r["day"],
            credit=r["credit"], credit_explicit=bool(r["credit_explicit"]))
    return out


def feature_days(conn: Connection, ids: list[str]) -> dict[str, int | None]:
    """{document id: its features' publication day} for those of ``ids`` with features."""
    out: dict[str, int | None] = {}
    for chunk in _id_chunks(conn, list(ids)):
        where, params = _id_in(conn, "document_id", chunk)
        out.update((r[0], None if r[1] is None else int(r[1])) for r in conn.execute(
            f"SELECT document_id, day FROM story_features WHERE {where}", params))
    return out


# --- stories and members ---------------------------------------------------------

def create_story(conn: Connection, title: str | None = None,
                 title_source: str = "auto") -> int:
    # max + 1, as SQLite gives an INTEGER PRIMARY KEY: the same story ids on every store
    now = utc_now()
    row = conn.execute(
        "INSERT INTO stories(id, title, title_source, created_at, updated_at)"
        " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM stories), ?, ?, ?, ?) RETURNING id",
        (title, title_source, now, now)).fetchone()
    return int(row[0])


def set_member(conn: Connection, document_id: str, story_id: int,
               score: float | None, method: str = "auto") -> None:
    conn.execute(
        "INSERT INTO story_members(document_id, story_id, score, method, day, assigned_at)"
        " VALUES (?, ?, ?, ?, (SELECT day FROM story_features WHERE document_id = ?), ?)"
        " ON CONFLICT(document_id) DO UPDATE SET story_id=excluded.story_id,"
        " score=excluded.score, method=excluded.method, day=excluded.day,"
        " assigned_at=excluded.assigned_at",
        (document_id, story_id, score, method, document_id, utc_now()))


def memberships(conn: Connection) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT document_id, story_id FROM story_members")}


def story_documents(conn: Connection, story_id: int) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT m.document_id FROM story_members m JOIN documents d ON d.id = m.document_id"
        " WHERE m.story_id = ? ORDER BY d.published IS NULL, d.published, d.rowid",
        (story_id,))]


def get_story(conn: Connection, story_id: int) -> Row:
    row: Row | None = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise NotFound(f"no story {story_id}", hint="list them with `claimtrail stories`")
    return row


def set_title(conn: Connection, story_id: int, title: str | None,
              title_source: str = "auto") -> None:
    conn.execute("UPDATE stories SET title = ?, title_source = ?, updated_at = ? WHERE id = ?",
                 (title, title_source, utc_now(), story_id))


def touch(conn: Connection, story_id: int) -> None:
    conn.execute("UPDATE stories SET updated_at = ? WHERE id = ?", (utc_now(), story_id))


def delete_empty_stories(conn: Connection) -> None:
    conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_members)")


def list_stories(conn: Connection) -> list[dict[str, Any]]:
    """Every story with its size and date span, largest first."""
    rows = conn.execute(
        "SELECT s.id, s.title, s.title_source, COUNT(m.document_id) AS size,"
        " MIN(substr(d.published, 1, 10)) AS start, MAX(substr(d.published, 1, 10)) AS end"
        " FROM stories s JOIN story_members m ON m.story_id = s.id"
        " JOIN documents d ON d.id = m.document_id"
        " GROUP BY s.id, s.title, s.title_source ORDER BY size DESC, start, s.id").fetchall()
    return [dict(r) for r in rows]


# --- decisions -------------------------------------------------------------------

def record_decision(conn: Connection, action: str, story_id: int,
                    payload: dict[str, Any]) -> int:
    row = conn.execute("INSERT INTO story_decisions(action, story_id, payload, at)"
                       " VALUES (?, ?, ?, ?) RETURNING id",
                       (action, story_id, json.dumps(payload), utc_now())).fetchone()
    return int(row[0])


def decisions(conn: Connection) -> list[dict[str, Any]]:
    return [{"id": r["id"], "action": r["action"], "story_id": r["story_id"],
             "payload": json.loads(r["payload"]), "at": r["at"]}
            for r in conn.execute("SELECT * FROM story_decisions ORDER BY id")]
