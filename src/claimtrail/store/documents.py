"""Documents, their exact and near copies, MinHash signatures, ingest runs and the log.

Plain functions over a connection from ``claimtrail.store.connect``. Writers do not open
transactions themselves: the caller (the ingest pipeline) wraps one document's rows in a
single ``atomic()`` block, so a document, its copy links, its signature and its log row
are committed together or not at all.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from claimtrail.errors import BadInput, NotFound
from claimtrail.models import Document
from claimtrail.unicode_repair import repair_name, repair_text

# The fields every listing carries (``claimtrail docs --json``).
LISTING_FIELDS = ("id", "title", "outlet", "url", "published", "origin", "copies", "text")

_COPIES_OF = "(SELECT count(*) FROM copies c WHERE c.copy_of = d.id)"
_ALIASES_OF = "(SELECT count(*) FROM document_aliases a WHERE a.document_id = d.id)"
_COPY_OF = ("(SELECT c.copy_of FROM copies c WHERE c.document_id = d.id"
            " ORDER BY c.similarity DESC LIMIT 1)")


# --- writing ---------------------------------------------------------------------------

def add_document(conn: sqlite3.Connection, doc: Document, content_hash: str) -> None:
    """Insert one document (the FTS index follows through the schema's triggers)."""
    conn.execute(
        "INSERT INTO documents (id, title, outlet, url, published, published_from, language,"
        " origin, author, text, content_hash, input, format, extra)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc.id, doc.title, doc.outlet, doc.url, doc.published, doc.published_from,
         doc.language, doc.origin, doc.author, doc.text, content_hash, doc.input or doc.id,
         doc.format or "", json.dumps(doc.extra or {}, ensure_ascii=False, default=str)),
    )


def add_alias(conn: sqlite3.Connection, alias: str, document_id: str, *,
              input: str | None = None, published: str | None = None) -> None:
    """Record that ``alias`` carried exactly the text stored as ``document_id``."""
    conn.execute("INSERT OR IGNORE INTO document_aliases (alias, document_id, input, published)"
                 " VALUES (?, ?, ?, ?)", (alias, document_id, input, published))


def add_copy(conn: sqlite3.Connection, document_id: str, copy_of: str,
             similarity: float | None, method: str) -> None:
    """Link ``document_id`` (the later, the copy) to ``copy_of`` (the earlier, the original)."""
    conn.execute("INSERT OR REPLACE INTO copies (document_id, copy_of, similarity, method)"
                 " VALUES (?, ?, ?, ?)", (document_id, copy_of, similarity, method))


def save_minhash(conn: sqlite3.Connection, document_id: str, num_perm: int,
                 signature: bytes) -> None:
    conn.execute("INSERT OR REPLACE INTO minhashes (document_id, num_perm, signature)"
                 " VALUES (?, ?, ?)", (document_id, num_perm, signature))


def start_run(conn: sqlite3.Connection, inputs: Sequence[str]) -> int:
    cur = conn.execute("INSERT INTO ingest_runs (inputs) VALUES (?)",
                       (json.dumps([repair_name(i) for i in inputs], ensure_ascii=False),))
    return int(cur.lastrowid)  # type: ignore[arg-type]


def update_run(conn: sqlite3.Connection, run_id: int, counts: Mapping[str, int] | None = None,
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
        sets.append("finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
    if sets:
        conn.execute(f"UPDATE ingest_runs SET {', '.join(sets)} WHERE id = ?", (*values, run_id))


def log_event(conn: sqlite3.Connection, run_id: int | None, input: str, *, stage: str,
              status: str, reason: str | None = None, document_id: str | None = None) -> None:
    # the log row of a bad input must always be writable, whatever its name holds
    conn.execute("INSERT INTO ingest_log (run_id, input, stage, status, reason, document_id)"
                 " VALUES (?, ?, ?, ?, ?, ?)",
                 (run_id, repair_name(input), stage, status,
                  None if reason is None else repair_text(reason),
                  None if document_id is None else repair_name(document_id)))


# Tables of this module that point at documents(id); anything else that does (claims,
# stories...) is derived from the document and pins its id.
_OWN_REFERENCES = {("document_aliases", "document_id"), ("copies", "document_id"),
                   ("copies", "copy_of"), ("minhashes", "document_id")}


def references_to_documents(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, column) of every foreign key to documents(id), whoever's migration made it."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    refs = []
    for table in tables:
        for fk in conn.execute(f"PRAGMA foreign_key_list('{table}')"):
            if fk["table"] == "documents":
                refs.append((table, fk["from"]))
    return refs


# What the per-document step (claimtrail.engine.document) computed from the document's
# own text alone: when an exact copy published earlier takes the document's place, these
# are dropped and the copy's own stored instead (the ids of stories and user decisions
# still pin a document).
PER_DOCUMENT_DATA = ("claims", "extractions", "story_features")


def has_derived_data(conn: sqlite3.Connection, doc_id: str, *,
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


def drop_per_document_data(conn: sqlite3.Connection, doc_id: str) -> None:
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


def take_over(conn: sqlite3.Connection, stored_id: str, doc: Document,
              content_hash: str) -> None:
    """Store ``doc`` in place of its exact copy ``stored_id``, which becomes an alias.

    For an exact copy that was published earlier than the one stored: the earlier is the
    original. Only valid while no other stage refers to ``stored_id`` (see
    ``has_derived_data``); copy links, the signature and log rows follow the new id.
    """
    old = conn.execute("SELECT input, published FROM documents WHERE id = ?",
                       (stored_id,)).fetchone()
    conn.execute("PRAGMA defer_foreign_keys = ON")   # children are re-pointed just below
    conn.execute(
        "UPDATE documents SET id = ?, title = ?, outlet = ?, url = ?, published = ?,"
        " published_from = ?, language = ?, origin = ?, author = ?, text = ?,"
        " content_hash = ?, input = ?, format = ?, extra = ?,"
        " ingested_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
        (doc.id, doc.title, doc.outlet, doc.url, doc.published, doc.published_from,
         doc.language, doc.origin, doc.author, doc.text, content_hash, doc.input or doc.id,
         doc.format or "", json.dumps(doc.extra or {}, ensure_ascii=False, default=str),
         stored_id))
    for table, column in (("document_aliases", "document_id"), ("copies", "document_id"),
                          ("copies", "copy_of"), ("minhashes", "document_id"),
                          ("ingest_log", "document_id")):
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (doc.id, stored_id))
    add_alias(conn, stored_id, doc.id, input=old["input"], published=old["published"])


# --- lookups used while ingesting -------------------------------------------------------

def document_for_hash(conn: sqlite3.Connection, content_hash: str) -> tuple[str, str | None] | None:
    """(id, published) of the stored document with this normalised content, if any."""
    row = conn.execute("SELECT id, published FROM documents WHERE content_hash = ?",
                       (content_hash,)).fetchone()
    return (row[0], row[1]) if row else None


def stored_as(conn: sqlite3.Connection, doc_id: str) -> tuple[str, str] | None:
    """(stored id, content hash) if ``doc_id`` is a stored document or an alias of one."""
    row = conn.execute("SELECT id, content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        row = conn.execute("SELECT d.id, d.content_hash FROM document_aliases a"
                           " JOIN documents d ON d.id = a.document_id WHERE a.alias = ?",
                           (doc_id,)).fetchone()
    return (row[0], row[1]) if row else None


def published_of(conn: sqlite3.Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT published FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return row[0] if row else None


def iter_minhashes(conn: sqlite3.Connection, *,
                   after: int = 0) -> Iterator[tuple[int, str, int, bytes]]:
    """(rowid, document id, num_perm, signature) of the signatures stored after ``after``."""
    yield from conn.execute("SELECT rowid, document_id, num_perm, signature FROM minhashes"
                            " WHERE rowid > ? ORDER BY rowid", (after,))


def documents_without_minhash(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM minhashes)"
        " ORDER BY rowid")]


def texts(conn: sqlite3.Connection, ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    for doc_id in ids:
        row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None:
            yield doc_id, row[0]


def documents_pending_extraction(conn: sqlite3.Connection) -> list[str]:
    """Stored documents that have not been through claim extraction yet, in ingest order."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM extractions)"
        " ORDER BY rowid")]


def documents_pending_stories(conn: sqlite3.Connection) -> tuple[list[int], list[str]]:
    """(run ids, document ids) of documents added by runs whose stories were not assigned.

    Runs killed before assigning stories stay pending, so the next ingest catches up.
    """
    runs = [r[0] for r in conn.execute("SELECT id FROM ingest_runs WHERE stories_done = 0")]
    if not runs:
        return [], []
    marks = ",".join("?" * len(runs))
    ids = [r[0] for r in conn.execute(
        f"SELECT DISTINCT l.document_id FROM ingest_log l JOIN documents d ON d.id = l.document_id"
        f" WHERE l.run_id IN ({marks}) AND l.status IN ('ok', 'copy') ORDER BY d.rowid", runs)]
    return runs, ids


def mark_stories_done(conn: sqlite3.Connection, run_ids: Sequence[int]) -> None:
    conn.executemany("UPDATE ingest_runs SET stories_done = 1 WHERE id = ?",
                     [(r,) for r in run_ids])


# --- reading ------------------------------------------------------------------------------

def count_documents(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """How many documents, exact-copy aliases, copy links and signatures the store holds."""
    one = lambda sql: int(conn.execute(sql).fetchone()[0])  # noqa: E731
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "aliases": one("SELECT count(*) FROM document_aliases"),
        "copy_links": one("SELECT count(*) FROM copies"),
        "minhashes": one("SELECT count(*) FROM minhashes"),
    }


def list_documents(conn: sqlite3.Connection, *, limit: int | None = None,
                   offset: int = 0) -> list[dict[str, Any]]:
    """Documents in publication order (unknown dates last), with their copy counts."""
    rows = conn.execute(
        f"SELECT d.id, d.title, d.outlet, d.url, d.published, d.origin, {_COPIES_OF} AS copies,"
        f" {_COPY_OF} AS copy_of, {_ALIASES_OF} AS aliases, d.language, d.text"
        f" FROM documents d ORDER BY d.published IS NULL, d.published, d.id"
        f" LIMIT ? OFFSET ?", (-1 if limit is None else limit, offset))
    return [dict(r) for r in rows]


def get_document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any]:
    """One document with everything known about it; an alias resolves to its document."""
    found = stored_as(conn, doc_id)
    if found is None:
        raise NotFound(f"no document {doc_id!r} in the store", input=doc_id,
                       hint="list the ids with: claimtrail docs")
    row = conn.execute(
        f"SELECT d.*, {_COPIES_OF} AS n_copies FROM documents d WHERE d.id = ?",
        (found[0],)).fetchone()
    doc = dict(row)
    doc["extra"] = json.loads(doc.get("extra") or "{}")
    doc["copies"] = doc.pop("n_copies")
    doc["aliases"] = [dict(r) for r in conn.execute(
        "SELECT alias, input, published, seen_at FROM document_aliases WHERE document_id = ?"
        " ORDER BY seen_at, alias", (found[0],))]
    doc["copy_of"] = [dict(r) for r in conn.execute(
        "SELECT copy_of AS id, similarity, method FROM copies WHERE document_id = ?"
        " ORDER BY similarity DESC, copy_of", (found[0],))]
    doc["copied_by"] = [dict(r) for r in conn.execute(
        "SELECT document_id AS id, similarity, method FROM copies WHERE copy_of = ?"
        " ORDER BY similarity DESC, document_id", (found[0],))]
    if found[0] != doc_id:
        doc["requested_alias"] = doc_id
    return doc


_FTS_WORD = re.compile(r"\S+")


def fts_query(text: str) -> str:
    """Turn the user's words into a safe FTS5 query: every word a quoted literal, all required.

    Quotes, parentheses, colons, hyphens and the words AND/OR/NOT/NEAR lose their FTS
    meaning, so any input searches rather than crashing; a trailing ``*`` stays a prefix.
    """
    terms = []
    for word in _FTS_WORD.findall(text.replace("\x00", " ")):  # FTS5 ends strings at NUL
        prefix = word.endswith("*") and len(word.rstrip("*")) > 0
        core = word.rstrip("*") if prefix else word
        if not any(ch.isalnum() for ch in core):   # punctuation alone indexes no token
            continue
        terms.append('"' + core.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms)


def search_documents(conn: sqlite3.Connection, query: str, *, limit: int = 20,
                     raw: bool = False, mark: tuple[str, str] = ("«", "»"),
                     ) -> list[dict[str, Any]]:
    """Documents matching ``query``, best first (bm25, title weighted double), with snippets.

    ``raw=True`` passes the query to FTS5 untouched (phrases, OR, NEAR, column filters).
    """
    match = query.replace("\x00", " ").strip() if raw else fts_query(query)
    if not match:
        raise BadInput("the search query has no words", input=query,
                       hint="give at least one word to look for")
    try:
        rows = conn.execute(
            "SELECT d.id, d.title, d.outlet, d.url, d.published, d.origin,"
            f" {_COPIES_OF} AS copies,"
            " snippet(documents_fts, -1, ?, ?, '…', 16) AS snippet,"
            " bm25(documents_fts, 2.0, 1.0) AS rank"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (mark[0], mark[1], match, limit)).fetchall()
    except sqlite3.OperationalError as exc:
        if not raw:
            raise
        raise BadInput(f"invalid FTS5 query: {exc}", input=query,
                       hint="fix the FTS5 syntax, or drop --raw to search the words as typed"
                       ) from exc
    # rank is SQLite's bm25(): lower is better; tiny when every document has the words.
    return [dict(r) for r in rows]


def ingest_log(conn: sqlite3.Connection, *, errors_only: bool = False,
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
           + " ORDER BY id DESC LIMIT ?")
    return [dict(r) for r in conn.execute(sql, (*args, -1 if limit is None else limit))]


def ingest_runs(conn: sqlite3.Connection, *, limit: int | None = None) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT * FROM ingest_runs ORDER BY id DESC LIMIT ?",
                        (-1 if limit is None else limit,))
    out = []
    for r in rows:
        run = dict(r)
        run["inputs"] = json.loads(run["inputs"])
        out.append(run)
    return out
