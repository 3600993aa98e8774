"""Documents, their exact and near copies, MinHash signatures, ingest runs and the log.

Plain functions over a connection from ``claimtrail.store.connect``. Writers do not open
transactions themselves: the caller (the ingest pipeline) wraps one document's rows in a
single ``atomic()`` block, so a document, its copy links, its signature and its log row
are committed together or not at all.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from claimtrail.errors import NotFound
from claimtrail.models import Document
from claimtrail.store import search
from claimtrail.store.connection import Connection, utc_now
from claimtrail.unicode_repair import repair_name, repair_text

# The fields every listing carries (``claimtrail docs --json``).
LISTING_FIELDS = ("id", "title", "outlet", "url", "published", "origin", "copies", "text")

_COPIES_OF = "(SELECT count(*) FROM copies c WHERE c.copy_of = d.id)"
_ALIASES_OF = "(SELECT count(*) FROM document_aliases a WHERE a.document_id = d.id)"
_COPY_OF = ("(SELECT c.copy_of FROM copies c WHERE c.document_id = d.id"
            " ORDER BY c.similarity DESC NULLS LAST, c.copy_of LIMIT 1)")
DOCUMENT_COLUMNS = ("id", "title", "outlet", "url", "published", "published_from", "language",
                    "origin", "author", "text", "content_hash", "input", "format", "extra",
                    "ingested_at")


_NO_LIMIT = 2**63 - 1   # SQLite's LIMIT -1 means none, PostgreSQL's is an error


def _limit(limit: int | None) -> str:
    """A LIMIT clause both databases read the same (an OFFSET needs one on SQLite)."""
    return f" LIMIT {_NO_LIMIT if limit is None else int(limit)}"


# --- writing ---------------------------------------------------------------------------

def add_document(conn: Connection, doc: Document, content_hash: str) -> None:
    """Insert one document (the FTS index follows through the schema's triggers)."""
    conn.execute(
        "INSERT INTO documents (id, title, outlet, url, published, published_from, language,"
        " origin, author, text, content_hash, input, format, extra)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc.id, doc.title, doc.outlet, doc.url, doc.published, doc.published_from,
         doc.language, doc.origin, doc.author, doc.text, content_hash, doc.input or doc.id,
         doc.format or "", json.dumps(doc.extra or {}, ensure_ascii=False, default=str)),
    )


def add_alias(conn: Connection, alias: str, document_id: str, *,
              input: str | None = None, published: str | None = None) -> None:
    """Record that ``alias`` carried exactly the text stored as ``document_id``."""
    conn.execute("INSERT INTO document_aliases (alias, document_id, input, published, seen_at)"
                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT (alias) DO NOTHING",
                 (alias, document_id, input, published, utc_now()))


def add_copy(conn: Connection, document_id: str, copy_of: str,
             similarity: float | None, method: str) -> None:
    """Link ``document_id`` (the later, the copy) to ``copy_of`` (the earlier, the original)."""
    conn.execute("INSERT INTO copies (document_id, copy_of, similarity, method)"
                 " VALUES (?, ?, ?, ?) ON CONFLICT (document_id, copy_of, method)"
                 " DO UPDATE SET similarity = excluded.similarity",
                 (document_id, copy_of, similarity, method))


def save_minhash(conn: Connection, document_id: str, num_perm: int,
                 signature: bytes) -> None:
    conn.execute("INSERT INTO minhashes (document_id, num_perm, signature) VALUES (?, ?, ?)"
                 " ON CONFLICT (document_id) DO UPDATE SET num_perm = excluded.num_perm,"
                 " signature = excluded.signature", (document_id, num_perm, signature))


def start_run(conn: Connection, inputs: Sequence[str]) -> int:
    row = conn.execute("INSERT INTO ingest_runs (inputs, started_at) VALUES (?, ?) RETURNING id",
                       (json.dumps([repair_name(i) for i in inputs], ensure_ascii=False),
                        utc_now())).fetchone()
    return int(row[0])


def update_run(conn: Connection, run_id: int, counts: Mapping[str, int] | None = None,
               *, finished: bool = False) -> None:
    """Store a run's running totals (and mark it finished), so a killed run still tells."""
    counts = dict(counts or {})
    allowed = {"added", "duplicates", "failed", "copies", "skipped"}
    unknown = set(counts) - allowed
    if unknown:
        raise ValueError(f"unknown ingest_runs counters: {sorted(unknown)}")
    sets = [f"{name} = ?" for name in counts]
    values: list[Any] = list(counts.values())
    if finished:
        sets.append("finished_at = ?")
        values.append(utc_now())
    if sets:
        conn.execute(f"UPDATE ingest_runs SET {', '.join(sets)} WHERE id = ?", (*values, run_id))


def log_event(conn: Connection, run_id: int | None, input: str, *, stage: str,
              status: str, reason: str | None = None, document_id: str | None = None) -> None:
    # the log row of a bad input must always be writable, whatever its name holds
    conn.execute("INSERT INTO ingest_log (run_id, input, stage, status, reason, document_id, at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (run_id, repair_name(input), stage, status,
                  None if reason is None else repair_text(reason),
                  None if document_id is None else repair_name(document_id), utc_now()))


# Tables of this module that point at documents(id); anything else that does (claims,
# stories...) is derived from the document and pins its id.
_OWN_REFERENCES = {("document_aliases", "document_id"), ("copies", "document_id"),
                   ("copies", "copy_of"), ("minhashes", "document_id")}


def references_to_documents(conn: Connection) -> list[tuple[str, str]]:
    """(table, column) of every foreign key to documents(id), whoever's migration made it."""
    return [(table, column) for table in conn.tables()
            for column, target, key in conn.foreign_keys(table)
            if (target, key) == ("documents", "id")]


# What the per-document step (claimtrail.engine.document) computed from the document's
# own text alone: when an exact copy published earlier takes the document's place, these
# are dropped and the copy's own stored instead (the ids of stories and user decisions
# still pin a document).
PER_DOCUMENT_DATA = ("claims", "extractions", "story_features")


def has_derived_data(conn: Connection, doc_id: str, *,
                     ignore: Sequence[str] = ()) -> bool:
    """True when another stage (claims, stories...) already refers to this document;
    tables named in ``ignore`` do not count."""
    for table, column in references_to_documents(conn):
        if (table, column) in _OWN_REFERENCES or table in ignore:
            continue
        if conn.execute(f'SELECT 1 FROM "{table}" WHERE "{column}" = ? LIMIT 1',
                        (doc_id,)).fetchone():
            return True
    return False


def drop_per_document_data(conn: Connection, doc_id: str) -> None:
    """Delete what ``PER_DOCUMENT_DATA`` holds for ``doc_id``, and the sources only its
    claims credited (inside the caller's transaction)."""
    sources = [r[0] for r in conn.execute(
        "SELECT DISTINCT source_id FROM claims WHERE document_id = ? AND source_id IS NOT NULL",
        (doc_id,))]
    for table in PER_DOCUMENT_DATA:
        conn.execute(f'DELETE FROM "{table}" WHERE document_id = ?', (doc_id,))
    conn.executemany("DELETE FROM sources WHERE id = ? AND NOT EXISTS"
                     " (SELECT 1 FROM claims WHERE source_id = ?)",
                     [(source, source) for source in sources])


def take_over(conn: Connection, stored_id: str, doc: Document,
              content_hash: str) -> None:
    """Store ``doc`` in place of its exact copy ``stored_id``, which becomes an alias.

    For an exact copy that was published earlier than the one stored: the earlier is the
    original. Only valid while no other stage refers to ``stored_id`` (see
    ``has_derived_data``); copy links, the signature and log rows follow the new id.
    """
    old = conn.execute("SELECT input, published FROM documents WHERE id = ?",
                       (stored_id,)).fetchone()
    conn.defer_foreign_keys()   # children are re-pointed just below
    conn.execute(
        "UPDATE documents SET id = ?, title = ?, outlet = ?, url = ?, published = ?,"
        " published_from = ?, language = ?, origin = ?, author = ?, text = ?,"
        " content_hash = ?, input = ?, format = ?, extra = ?,"
        " ingested_at = ? WHERE id = ?",
        (doc.id, doc.title, doc.outlet, doc.url, doc.published, doc.published_from,
         doc.language, doc.origin, doc.author, doc.text, content_hash, doc.input or doc.id,
         doc.format or "", json.dumps(doc.extra or {}, ensure_ascii=False, default=str),
         utc_now(), stored_id))
    for table, column in (("document_aliases", "document_id"), ("copies", "document_id"),
                          ("copies", "copy_of"), ("minhashes", "document_id"),
                          ("ingest_log", "document_id")):
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (doc.id, stored_id))
    add_alias(conn, stored_id, doc.id, input=old["input"], published=old["published"])


# --- lookups used while ingesting -------------------------------------------------------

def document_for_hash(conn: Connection, content_hash: str) -> tuple[str, str | None] | None:
    """(id, published) of the stored document with this normalised content, if any."""
    row = conn.execute("SELECT id, published FROM documents WHERE content_hash = ?",
                       (content_hash,)).fetchone()
    return (row[0], row[1]) if row else None


def stored_as(conn: Connection, doc_id: str) -> tuple[str, str] | None:
    """(stored id, content hash) if ``doc_id`` is a stored document or an alias of one."""
    # one query, not two: on a database server each query is a round trip
    row = conn.execute("SELECT id, content_hash, 0 AS alias FROM documents WHERE id = ?"
                       " UNION ALL SELECT d.id, d.content_hash, 1 AS alias FROM document_aliases a"
                       " JOIN documents d ON d.id = a.document_id WHERE a.alias = ?"
                       " ORDER BY alias LIMIT 1", (doc_id, doc_id)).fetchone()
    return (row[0], row[1]) if row else None


def published_of(conn: Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT published FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return row[0] if row else None


def iter_minhashes(conn: Connection, *,
                   after: int = 0) -> Iterator[tuple[int, str, int, bytes]]:
    """(rowid, document id, num_perm, signature) of the signatures stored after ``after``."""
    yield from conn.execute("SELECT rowid, document_id, num_perm, signature FROM minhashes"
                            " WHERE rowid > ? ORDER BY rowid", (after,))


def documents_without_minhash(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM minhashes)"
        " ORDER BY rowid")]


def texts(conn: Connection, ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    for doc_id in ids:
        row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None:
            yield doc_id, row[0]


def documents_pending_extraction(conn: Connection) -> list[str]:
    """Stored documents that have not been through claim extraction yet, in ingest order."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM extractions)"
        " ORDER BY rowid")]


def documents_pending_stories(conn: Connection) -> tuple[list[int], list[str]]:
    """(run ids, document ids) of documents added by runs whose stories were not assigned.

    Runs killed before assigning stories stay pending, so the next ingest catches up.
    """
    runs = [r[0] for r in conn.execute("SELECT id FROM ingest_runs WHERE stories_done = 0")]
    if not runs:
        return [], []
    marks = ",".join("?" * len(runs))
    ids = [r[0] for r in conn.execute(
        f"SELECT l.document_id FROM ingest_log l JOIN documents d ON d.id = l.document_id"
        f" WHERE l.run_id IN ({marks}) AND l.status IN ('ok', 'copy')"
        f" GROUP BY l.document_id ORDER BY min(d.rowid)", runs)]
    return runs, ids


def mark_stories_done(conn: Connection, run_ids: Sequence[int]) -> None:
    conn.executemany("UPDATE ingest_runs SET stories_done = 1 WHERE id = ?",
                     [(r,) for r in run_ids])


# --- reading ------------------------------------------------------------------------------

def count_documents(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def stats(conn: Connection) -> dict[str, int]:
    """How many documents, exact-copy aliases, copy links and signatures the store holds."""
    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "documents": one("SELECT count(*) FROM documents"),
        "aliases": one("SELECT count(*) FROM document_aliases"),
        "copy_links": one("SELECT count(*) FROM copies"),
        "minhashes": one("SELECT count(*) FROM minhashes"),
    }


def list_documents(conn: Connection, *, limit: int | None = None,
                   offset: int = 0) -> list[dict[str, Any]]:
    """Documents in publication order (unknown dates last), with their copy counts."""
    rows = conn.execute(
        f"SELECT d.id, d.title, d.outlet, d.url, d.published, d.origin, {_COPIES_OF} AS copies,"
        f" {_COPY_OF} AS copy_of, {_ALIASES_OF} AS aliases, d.language, d.text"
        f" FROM documents d ORDER BY d.published IS NULL, d.published, d.id"
        f"{_limit(limit)} OFFSET ?", (offset,))
    return [dict(r) for r in rows]


def get_document(conn: Connection, doc_id: str) -> dict[str, Any]:
    """One document with everything known about it; an alias resolves to its document."""
    found = stored_as(conn, doc_id)
    if found is None:
        raise NotFound(f"no document {doc_id!r} in the store", input=doc_id,
                       hint="list the ids with: claimtrail docs")
    row = conn.execute(
        f"SELECT {', '.join('d.' + c for c in DOCUMENT_COLUMNS)}, {_COPIES_OF} AS n_copies"
        " FROM documents d WHERE d.id = ?",
        (found[0],)).fetchone()
    doc = dict(row)
    doc["extra"] = json.loads(doc.get("extra") or "{}")
    doc["copies"] = doc.pop("n_copies")
    doc["aliases"] = [dict(r) for r in conn.execute(
        "SELECT alias, input, published, seen_at FROM document_aliases WHERE document_id = ?"
        " ORDER BY seen_at, alias", (found[0],))]
    doc["copy_of"] = [dict(r) for r in conn.execute(
        "SELECT copy_of AS id, similarity, method FROM copies WHERE document_id = ?"
        " ORDER BY similarity DESC NULLS LAST, copy_of", (found[0],))]
    doc["copied_by"] = [dict(r) for r in conn.execute(
        "SELECT document_id AS id, similarity, method FROM copies WHERE copy_of = ?"
        " ORDER BY similarity DESC NULLS LAST, document_id", (found[0],))]
    if found[0] != doc_id:
        doc["requested_alias"] = doc_id
    return doc


def search_documents(conn: Connection, query: str, *, limit: int = 20,
                     raw: bool = False, mark: tuple[str, str] = ("«", "»"),
                     ) -> list[dict[str, Any]]:
    """Documents matching ``query``, best first (title weighted double), with snippets.

    ``raw=True`` passes the query to the database's own syntax (FTS5 on SQLite,
    websearch on PostgreSQL); see ``claimtrail.store.search``.
    """
    return search.search(conn, query, limit=limit, raw=raw, snippet=search.Snippet(mark=mark))


def ingest_log(conn: Connection, *, errors_only: bool = False,
               run_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """The ingest log, newest first."""
    where, args = [], []
    if errors_only:
        where.append("status = 'error'")
    if run_id is not None:
        where.append("run_id = ?")
        args.append(run_id)
    sql = ("SELECT id, run_id, at, input, stage, status, reason, document_id FROM ingest_log"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY id DESC" + _limit(limit))
    return [dict(r) for r in conn.execute(sql, args)]


def ingest_runs(conn: Connection, *, limit: int | None = None) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT * FROM ingest_runs ORDER BY id DESC" + _limit(limit))
    out = []
    for r in rows:
        run = dict(r)
        run["inputs"] = json.loads(run["inputs"])
        out.append(run)
    return out
