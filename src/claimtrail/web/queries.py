"""Every read the dossier, the API and the exports make, in one place.

Documents, claims, sources, search and the ingest log are read straight from the
store's tables (0001, 0002). Stories and their ledgers belong to the stories engineer:
they are reached only through a ``StoryProvider`` so the web layer never knows how a
story is assembled. ``PipelineStories`` calls ``claimtrail.reconcile.build_ledger`` and
the stories tables; ``FixtureStories`` serves hand-written ledgers (tests, demos).
"""
from __future__ import annotations

import gzip
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from claimtrail.errors import NotFound
from claimtrail.models import _num
from claimtrail.store import search
from claimtrail.store.connection import Connection, Row, change_stamp

MAX_PAGE = 500          # the largest page any list endpoint returns
MAX_ID = 2**63 - 1      # SQLite's INTEGER range: larger ids cannot exist


def clean(text: str | None) -> str | None:
    """Query text as SQLite can bind it: no lone surrogates, no NULs."""
    if text is None:
        return None
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
# zlib level 6 for cached bodies and GZipMiddleware: the big bench story's 5.5 MB
# ledger to 92 KB in 19 ms (level 9: 87 KB, 23 ms; its text is replicated, so real
# stories compress less).
GZIP_LEVEL = 6


# --- claims --------------------------------------------------------------------------
CLAIM_COLUMNS = (
    "c.id, c.document_id, c.seq, c.sentence, c.sentence_start, c.sentence_end, "
    "c.span_start, c.span_end, c.quote, c.low, c.high, c.qualifier, c.unit, c.kind, "
    "c.subject, c.source_id, s.name AS source_name, s.type AS source_type, "
    "c.source_mention, c.source_via, c.time_text, c.time_start, c.time_end, c.place, "
    "c.derived, c.derived_from"
)
CLAIM_FROM = "claims c LEFT JOIN sources s ON s.id = c.source_id"


def claim_from_row(row: Row) -> dict[str, Any]:
    """A claims row as the export contract of docs/claims.md, plus ``id``."""
    source = None
    if row["source_name"] is not None:
        source = {k: v for k, v in (("name", row["source_name"]),
                                     ("mention", row["source_mention"]),
                                     ("via", row["source_via"]),
                                     ("type", row["source_type"])) if v is not None}
    time = None
    if row["time_text"] is not None or row["time_start"] is not None or row["time_end"] is not None:
        time = {"start": row["time_start"], "end": row["time_end"], "text": row["time_text"]}
    span = None
    if row["span_start"] is not None and row["span_end"] is not None:
        span = [row["span_start"], row["span_end"]]
    sentence_span = None
    if row["sentence_start"] is not None and row["sentence_end"] is not None:
        sentence_span = [row["sentence_start"], row["sentence_end"]]
    return {
        "id": row["id"],
        "doc": row["document_id"],
        "sentence": row["sentence"],
        "value": {"low": _num(row["low"]), "high": _num(row["high"]),
                  "qualifier": row["qualifier"]},
        "unit": row["unit"],
        "kind": row["kind"],
        "subject": row["subject"],
        "source": source,
        "time": time,
        "place": row["place"],
        "span": span,
        "sentence_span": sentence_span,
        "quote": row["quote"],
        "derived": bool(row["derived"]),
        "derived_from": row["derived_from"],
    }


@dataclass
class ClaimFilter:
    """The filters of /api/claims; every one optional, all combined with AND."""

    kind: str | None = None
    qualifier: str | None = None
    source: str | None = None           # canonical source name, exact
    doc: str | None = None
    subject: str | None = None          # case-insensitive substring
    place: str | None = None            # case-insensitive substring
    min_value: float | None = None      # claims whose interval reaches at least this
    max_value: float | None = None      # claims whose interval starts at most at this
    since: str | None = None            # as-of (time_end, else time_start) >= since
    until: str | None = None
    doc_ids: list[str] | None = field(default=None)   # restrict to a story's documents

    def where(self, json_values: str = "json_each(?)") -> tuple[str, list[Any]]:
        clauses: list[str] = []
        args: list[Any] = []
        for column, value in (("c.kind", self.kind), ("c.qualifier", self.qualifier),
                              ("s.name", self.source), ("c.document_id", self.doc)):
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value)
        for column, value in (("c.subject", self.subject), ("c.place", self.place)):
            if value:
                clauses.append(f"lower({column}) LIKE lower(?) ESCAPE '\\'")
                args.append(f"%{_like_escape(value)}%")
        if self.min_value is not None:
            clauses.append("(c.high IS NULL OR c.high >= ?)")
            args.append(self.min_value)
        if self.max_value is not None:
            clauses.append("(c.low IS NULL OR c.low <= ?)")
            args.append(self.max_value)
        if self.since:
            clauses.append("coalesce(c.time_end, c.time_start) >= ?")
            args.append(self.since)
        if self.until:
            clauses.append("coalesce(c.time_start, c.time_end) <= ?")
            args.append(self.until)
        if self.doc_ids is not None:
            clauses.append(f"c.document_id IN (SELECT value FROM {json_values})")
            args.append(json.dumps(self.doc_ids))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_claims(conn: Connection, flt: ClaimFilter, *, limit: int = 100,
                offset: int = 0, after_id: int | None = None
                ) -> tuple[int, list[dict[str, Any]]]:
    """A page of the filtered claims and how many match in all. By document and
    position, skipping ``offset``; or, with ``after_id`` (keyset paging), by id from
    the first id above it: a deep page is then a seek on the primary key, where an
    OFFSET reads and drops every row before it."""
    where, args = flt.where(conn.json_values)
    total = conn.execute(f"SELECT count(*) FROM {CLAIM_FROM}{where}", args).fetchone()[0]
    if after_id is None:
        order = "ORDER BY c.document_id, c.seq"
    else:
        where = (where + " AND" if where else " WHERE") + " c.id > ?"
        args = [*args, after_id]
        order = "ORDER BY c.id"
    rows = conn.execute(f"SELECT {CLAIM_COLUMNS} FROM {CLAIM_FROM}{where} {order} "
                        "LIMIT ? OFFSET ?", [*args, min(limit, MAX_PAGE), offset]).fetchall()
    return total, [claim_from_row(r) for r in rows]


def get_claim(conn: Connection, claim_id: int) -> dict[str, Any] | None:
    row = conn.execute(f"SELECT {CLAIM_COLUMNS} FROM {CLAIM_FROM} WHERE c.id = ?",
                       (claim_id,)).fetchone()
    return claim_from_row(row) if row else None


def document_claims(conn: Connection, doc_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(f"SELECT {CLAIM_COLUMNS} FROM {CLAIM_FROM} WHERE c.document_id = ? "
                        "ORDER BY c.seq", (doc_id,)).fetchall()
    return [claim_from_row(r) for r in rows]


# --- documents -----------------------------------------------------------------------
DOCUMENT_FIELDS = ("id", "title", "outlet", "url", "published", "published_from", "language",
                   "origin", "author", "input", "format", "ingested_at")


def get_document(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(f"SELECT {', '.join(DOCUMENT_FIELDS)}, text FROM documents WHERE id = ?",
                       (doc_id,)).fetchone()
    if row is None:
        alias = conn.execute("SELECT document_id FROM document_aliases WHERE alias = ?",
                             (doc_id,)).fetchone()
        if alias is None:
            return None
        return get_document(conn, alias[0])
    doc = {k: row[k] for k in DOCUMENT_FIELDS}
    doc["text"] = row["text"]
    doc["aliases"] = [r[0] for r in conn.execute(
        "SELECT alias FROM document_aliases WHERE document_id = ? ORDER BY alias", (doc_id,))]
    doc["copy_of"] = [dict(r) for r in conn.execute(
        "SELECT copy_of AS id, similarity, method FROM copies WHERE document_id = ? "
        "ORDER BY copy_of", (doc_id,))]
    doc["copies"] = [dict(r) for r in conn.execute(
        "SELECT document_id AS id, similarity, method FROM copies WHERE copy_of = ? "
        "ORDER BY document_id", (doc_id,))]
    return doc


def document_summaries(conn: Connection, doc_ids: Iterable[str]) -> dict[str, dict]:
    ids = list(doc_ids)
    rows = conn.execute("SELECT id, title, outlet, published, url, substr(text, 1, 400) AS lead "
                        "FROM documents "
                        f"WHERE id IN (SELECT value FROM {conn.json_values})", (json.dumps(ids),))
    return {r["id"]: dict(r) for r in rows}


# --- sources -------------------------------------------------------------------------
AS_OF_SQL = "substr(coalesce(c.time_end, c.time_start, d.published), 1, 10)"

def list_sources(conn: Connection, *, limit: int = 200,
                 offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Who claimed what: each canonical source with its claim counts by kind."""
    total = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
    rows = conn.execute(
        "SELECT s.id, s.name, s.type, count(c.id) AS n_claims, "
        "count(DISTINCT c.document_id) AS n_documents, "
        # the figures' dates as the ledger reads them (as-of: the figure's own time,
        # else its report's date), not the span of a "last year" a figure looks back on
        f"min({AS_OF_SQL}) AS first, max({AS_OF_SQL}) AS last "
        "FROM sources s LEFT JOIN claims c ON c.source_id = s.id "
        "LEFT JOIN documents d ON d.id = c.document_id "
        "GROUP BY s.id ORDER BY n_claims DESC, s.name LIMIT ? OFFSET ?",
        (min(limit, MAX_PAGE), offset)).fetchall()
    out = [dict(r) for r in rows]
    by_id = {s["id"]: s for s in out}
    for s in out:
        s["kinds"] = {}
        s["mentions"] = []
    if by_id:
        ids = json.dumps(list(by_id))
        for r in conn.execute("SELECT source_id, kind, count(*) FROM claims WHERE source_id IN "
                              f"(SELECT CAST(value AS BIGINT) FROM {conn.json_values})"
                              " GROUP BY source_id, kind", (ids,)):
            by_id[r[0]]["kinds"][r[1]] = r[2]
        for r in conn.execute("SELECT source_id, mention FROM source_mentions WHERE source_id "
                              f"IN (SELECT CAST(value AS BIGINT) FROM {conn.json_values})"
                              " ORDER BY mention", (ids,)):
            by_id[r[0]]["mentions"].append(r[1])
    return total, out


def get_source(conn: Connection, source_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT id, name, type FROM sources WHERE id = ?", (source_id,)).fetchone()
    if row is None:
        return None
    src = dict(row)
    src["mentions"] = [r[0] for r in conn.execute(
        "SELECT mention FROM source_mentions WHERE source_id = ? ORDER BY mention", (source_id,))]
    return src


# --- search --------------------------------------------------------------------------
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"   # never in clean text; split on them to escape


def search_documents(conn: Connection, q: str, *, limit: int = 20,
                     offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """The dossier's search: the user's words (at most 32), each a literal, all required."""
    query = " ".join(re.findall(r"\w+", q)[:32])
    if not query:
        return 0, []
    total = search.count(conn, query)
    rows = search.search(conn, query, limit=min(limit, MAX_PAGE), offset=offset,
                         snippet=search.Snippet(mark=(_MARK_OPEN, _MARK_CLOSE), tokens=24,
                                                ellipsis=" … ", body_only=True),
                         title_weight=1.0)
    leads = document_summaries(conn, [r["id"] for r in rows])
    results = []
    for r in rows:
        parts = split_snippet(r["snippet"] or "")
        results.append({"id": r["id"], "title": r["title"], "lead": leads[r["id"]]["lead"],
                        "outlet": r["outlet"],
                        "published": r["published"], "rank": round(r["rank"], 4),
                        "snippet": "".join(text for text, _ in parts),
                        "snippet_parts": [{"text": t, "match": m} for t, m in parts]})
    return total, results


def split_snippet(snippet: str) -> list[tuple[str, bool]]:
    """FTS5 snippet with our control-character markers -> (text, is_match) pieces."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(re.split(f"[{_MARK_OPEN}{_MARK_CLOSE}]", snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts


# --- ingest log ----------------------------------------------------------------------
def ingest_log(conn: Connection, *, status: str | None = None, limit: int = 100,
               offset: int = 0) -> tuple[int, list[dict[str, Any]], dict[str, int]]:
    where, args = ("WHERE status = ?", [status]) if status else ("", [])
    total = conn.execute(f"SELECT count(*) FROM ingest_log {where}", args).fetchone()[0]
    rows = conn.execute(f"SELECT id, run_id, input, stage, status, reason, document_id, at "
                        f"FROM ingest_log {where} ORDER BY id DESC LIMIT ? OFFSET ?",
                        [*args, min(limit, MAX_PAGE), offset]).fetchall()
    counts = {r[0]: r[1] for r in conn.execute(
        "SELECT status, count(*) FROM ingest_log GROUP BY status ORDER BY status")}
    return total, [dict(r) for r in rows], counts


def store_counts(conn: Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "claims", "sources")}


# --- stories -------------------------------------------------------------------------
class StoryProvider(Protocol):
    """Where stories and their ledgers (docs/ledger.md) come from."""

    def list_stories(self, conn: Connection) -> list[dict[str, Any]]: ...

    def ledger(self, conn: Connection, story_id: int) -> dict[str, Any] | None: ...

    def story_documents(self, conn: Connection, story_id: int) -> list[str] | None: ...

    def stories_of(self, conn: Connection, doc_ids: Iterable[str]) -> dict[str, int]: ...


class FixtureStories:
    """Ledgers read from JSON files in the docs/ledger.md shape (tests and demos)."""

    def __init__(self, ledger_files: Iterable[str | Path]) -> None:
        self._ledgers: dict[int, dict[str, Any]] = {}
        for path in ledger_files:
            ledger = json.loads(Path(path).read_text(encoding="utf-8"))
            self._ledgers[int(ledger["story"]["id"])] = ledger

    def list_stories(self, conn: Connection) -> list[dict[str, Any]]:
        return [story_summary(led) for _, led in sorted(self._ledgers.items())]

    def ledger(self, conn: Connection, story_id: int) -> dict[str, Any] | None:
        return self._ledgers.get(story_id)

    def story_documents(self, conn: Connection, story_id: int) -> list[str] | None:
        ledger = self._ledgers.get(story_id)
        return None if ledger is None else [d["id"] for d in ledger["story"]["documents"]]

    def stories_of(self, conn: Connection, doc_ids: Iterable[str]) -> dict[str, int]:
        wanted = set(doc_ids)
        return {d["id"]: sid for sid, led in self._ledgers.items()
                for d in led["story"]["documents"] if d["id"] in wanted}


class PipelineStories:
    """The real stories: the stories tables and ``claimtrail.reconcile.build_ledger``."""

    def list_stories(self, conn: Connection) -> list[dict[str, Any]]:
        from claimtrail.store import stories as story_store

        if not _has_table(conn, "stories"):
            return []
        rows = [dict(r) for r in story_store.list_stories(conn)]
        # Claims per story in one pass (the stories module counts documents only).
        claim_counts = {r[0]: r[1] for r in conn.execute(
            "SELECT m.story_id, count(*) FROM story_members m"
            " JOIN claims c ON c.document_id = m.document_id GROUP BY m.story_id")}
        for row in rows:
            row.setdefault("n_claims", claim_counts.get(row["id"], 0))
        return [_normalise_summary(r) for r in rows]

    def story_documents(self, conn: Connection, story_id: int) -> list[str] | None:
        if not _has_table(conn, "story_members"):
            return None
        if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
            return None
        return [r[0] for r in conn.execute(
            "SELECT document_id FROM story_members WHERE story_id = ?", (story_id,))]

    def stories_of(self, conn: Connection, doc_ids: Iterable[str]) -> dict[str, int]:
        if not _has_table(conn, "story_members"):
            return {}
        return {r[0]: r[1] for r in conn.execute(
            "SELECT document_id, story_id FROM story_members WHERE document_id IN"
            f" (SELECT value FROM {conn.json_values})", (json.dumps(list(doc_ids)),))}

    def ledger(self, conn: Connection, story_id: int) -> dict[str, Any] | None:
        from claimtrail.reconcile import build_ledger

        try:
            return build_ledger(conn, story_id)
        except (NotFound, KeyError, LookupError):
            return None


def _has_table(conn: Connection, name: str) -> bool:
    return conn.has_table(name)


def _normalise_summary(row: Any) -> dict[str, Any]:
    row = dict(row) if not isinstance(row, dict) else row
    return {"id": int(row["id"]), "title": row.get("title"),
            "size": row.get("size", row.get("n_documents")),
            "start": row.get("start"), "end": row.get("end"),
            "n_claims": row.get("n_claims"), "n_variables": row.get("n_variables")}


def story_summary(ledger: dict[str, Any]) -> dict[str, Any]:
    story = ledger["story"]
    variables = ledger.get("variables", [])
    return {"id": int(story["id"]), "title": story.get("title"),
            "size": story.get("size", len(story.get("documents", []))),
            "start": story.get("start"), "end": story.get("end"),
            "n_claims": sum(len(v.get("claims", [])) for v in variables),
            "n_variables": len(variables)}


class StoreCache:
    """Computed views of the store (built ledgers, the stories list, serialised JSON),
    kept until the store changes (``store.connection.change_stamp``)."""

    def __init__(self, db_path: str | Path, size: int = 64) -> None:
        self.db_path = str(db_path)
        self.size = size
        self._items: OrderedDict[Hashable, tuple[tuple, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def fingerprint(self) -> tuple:
        return change_stamp(self.db_path)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        stamp = self.fingerprint()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] == stamp:
                self._items.move_to_end(key)
                return hit[1]
        value = compute()          # outside the lock: a slow ledger must not block others
        with self._lock:
            self._items[key] = (stamp, value)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


class LedgerCache:
    """Ledgers and the stories list from a StoryProvider, through a StoreCache."""

    def __init__(self, db_path: str | Path, provider: StoryProvider, size: int = 48) -> None:
        # 48 entries: a story takes up to five (ledger, its JSON, its page, both
        # gzipped), and a big story's are megabytes each.
        self.provider = provider
        self.cache = StoreCache(db_path, size)

    def get(self, conn: Connection, story_id: int) -> dict[str, Any]:
        ledger = self.cache.get(("ledger", story_id),
                                lambda: self.provider.ledger(conn, story_id))
        if ledger is None:
            raise NotFound(f"no story {story_id}", hint="GET /api/stories lists the stories")
        return ledger

    def get_json(self, conn: Connection, story_id: int) -> bytes:
        """The ledger serialised once, for the API (a big ledger is megabytes)."""
        ledger = self.get(conn, story_id)
        return self.cache.get(("ledger-json", story_id), lambda: json.dumps(
            ledger, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def gzipped(self, key: Hashable, body: bytes) -> bytes:
        """``body`` gzip-compressed, kept beside it: compressing megabytes on every
        request would cost more than sending them over loopback."""
        # keyed by the body too (bytes cache their hash): never a stale body's copy
        return self.cache.get(("gzip", key, len(body), hash(body)),
                              lambda: gzip.compress(body, GZIP_LEVEL, mtime=0))

    def stories(self, conn: Connection) -> list[dict[str, Any]]:
        return self.cache.get(("stories",), lambda: self.provider.list_stories(conn))
