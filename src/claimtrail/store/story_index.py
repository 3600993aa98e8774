"""SQL for the story blocking index of migration 0006: document frequencies, running
totals, blocking keys (sentence sketches among them), a story's members nearest in time.

Every query here reads a bounded number of rows through an index (a key's nearest
documents in time, a story's nearest members), so its cost does not grow with the
store. Portable SQL: ``?`` parameters, ``ON CONFLICT``, ``LIMIT`` in subqueries.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from claimtrail.store.connection import Connection

_CHUNK = 500
# the block every indexed document carries (so that none is counted twice)
INDEXED = "#"


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _pg(conn: Connection) -> bool:
    """PostgreSQL: a statement is a round trip to the server and a long one costs its
    parsing and planning, so lists go as one array parameter (``= ANY(?)``,
    ``unnest(?)``) and per-key lookups as one ``LATERAL`` join; SQLite, in process,
    keeps the plain ``IN`` lists and ``UNION ALL`` of index range scans."""
    return conn.dialect == "postgresql"


def _in(conn: Connection, column: str, chunk: list[Any]) -> tuple[str, list[Any]]:
    """``column IN (...)`` for ``chunk`` as SQL and parameters, per dialect."""
    if _pg(conn):
        return f"{column} = ANY(?)", [list(chunk)]
    return f"{column} IN ({_marks(len(chunk))})", list(chunk)


def _chunks_for(conn: Connection, items: Sequence[Any]) -> Iterable[list[Any]]:
    """``items`` in chunks of ``_CHUNK`` (SQLite's parameter cap); one for PostgreSQL."""
    if _pg(conn):
        return [list(items)] if items else []
    return _chunks(items)


# --- document frequencies and totals ------------------------------------------------

def add_frequencies(conn: Connection, counts: dict[str, int]) -> None:
    """Add ``counts`` (documents per key) to the stored document frequencies."""
    if _pg(conn):
        items = sorted(counts.items())
        if items:
            conn.execute(
                "INSERT INTO story_vocabulary(key, df) SELECT k, d FROM"
                " unnest(CAST(? AS text[]), CAST(? AS integer[])) AS u(k, d)"
                " ON CONFLICT (key) DO UPDATE SET df = story_vocabulary.df + excluded.df",
                [[k for k, _ in items], [d for _, d in items]])
        return
    conn.executemany(
        "INSERT INTO story_vocabulary(key, df) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET df = story_vocabulary.df + excluded.df",
        sorted(counts.items()))


def frequencies(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    keys = list(dict.fromkeys(keys))
    out: dict[str, int] = {}
    for chunk in _chunks_for(conn, keys):
        where, params = _in(conn, "key", chunk)
        out.update((r[0], int(r[1])) for r in conn.execute(
            f"SELECT key, df FROM story_vocabulary WHERE {where}", params))
    return out


def totals(conn: Connection) -> tuple[int, int, np.ndarray | None]:
    """(documents with features, documents with a vector, the sum of those vectors)."""
    rows = {r[0]: (int(r[1]), r[2]) for r in conn.execute(
        "SELECT name, count, vector FROM story_totals")}
    documents = rows.get("documents", (0, None))[0]
    vectors, blob = rows.get("vectors", (0, None))
    total = np.frombuffer(blob, dtype=np.float32).copy() if blob else None
    return documents, vectors, total


def has_totals(conn: Connection) -> bool:
    return conn.execute("SELECT 1 FROM story_totals WHERE name = 'documents'").fetchone() \
        is not None


def set_totals(conn: Connection, documents: int, vectors: int,
               total: np.ndarray | None) -> None:
    blob = total.astype(np.float32).tobytes() if total is not None else None
    for name, count, vec in (("documents", documents, None), ("vectors", vectors, blob)):
        conn.execute("INSERT INTO story_totals(name, count, vector) VALUES (?, ?, ?)"
                     " ON CONFLICT (name) DO UPDATE SET count = excluded.count,"
                     " vector = excluded.vector", (name, count, vec))


def clear(conn: Connection) -> None:
    """Forget the index (it is rebuilt from the stored features)."""
    for table in ("story_vocabulary", "story_totals", "story_blocks"):
        conn.execute(f"DELETE FROM {table}")


# --- blocking keys --------------------------------------------------------------------

def add_blocks(conn: Connection, rows: list[tuple[str, str, int | None]]) -> None:
    """(block, document_id, day) rows."""
    if _pg(conn):
        conn.copy_rows("story_blocks", ("block", "document_id", "day"), rows)  # type: ignore[attr-defined]
        return
    conn.executemany("INSERT INTO story_blocks(block, document_id, day) VALUES (?, ?, ?)", rows)


def indexed(conn: Connection, ids: Sequence[str]) -> set[str]:
    """Those of ``ids`` already in the index."""
    out: set[str] = set()
    for chunk in _chunks_for(conn, list(dict.fromkeys(ids))):
        where, params = _in(conn, "document_id", chunk)
        out |= {str(r[0]) for r in conn.execute(
            f"SELECT document_id FROM story_blocks WHERE block = ? AND {where}",
            [INDEXED, *params])}
    return out


def blocks_of(conn: Connection, document_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT block FROM story_blocks WHERE document_id = ? AND block <> ?",
        (document_id, INDEXED))]


def block_neighbours(conn: Connection, blocks: Sequence[str], day: int | None,
                     window_days: int, per_block: int) -> list[str]:
    """The document_id (once per block it was found under) of each block's ``per_block``
    documents nearest in time before and after ``day`` within the window (the latest
    ones when ``day`` is None), in one statement of index range scans. Documents of the
    same day are taken in id order (the index's: ``story_blocks(block, day,
    document_id)`` answers from the index alone, and both databases agree)."""
    if _pg(conn):
        return _block_neighbours_pg(conn, blocks, day, window_days, per_block)
    parts: list[str] = []
    params: list[Any] = []
    for block in blocks:
        if day is None:
            parts.append("SELECT * FROM (SELECT document_id FROM story_blocks"
                         " WHERE block = ? ORDER BY day DESC NULLS LAST, document_id DESC"
                         " LIMIT ?) AS q")
            params += [block, per_block]
            continue
        parts.append("SELECT * FROM (SELECT document_id FROM story_blocks WHERE"
                     " block = ? AND day <= ? AND day >= ? ORDER BY day DESC, document_id DESC"
                     " LIMIT ?) AS q")
        params += [block, day, day - window_days, per_block]
        parts.append("SELECT * FROM (SELECT document_id FROM story_blocks WHERE"
                     " block = ? AND day > ? AND day <= ? ORDER BY day, document_id"
                     " LIMIT ?) AS q")
        params += [block, day, day + window_days, per_block]
    out: list[str] = []
    if not parts:
        return out
    for start in range(0, len(parts), 200):      # SQLite caps compound SELECTs at 500
        sql = " UNION ALL ".join(parts[start:start + 200])
        n = len(params) // len(parts)
        out += [r[0] for r in conn.execute(sql, params[start * n:(start + 200) * n])]
    return out


def _block_neighbours_pg(conn: Connection, blocks: Sequence[str], day: int | None,
                         window_days: int, per_block: int) -> list[str]:
    """``block_neighbours`` in one short statement: the blocks as one array, each
    block's two range scans (the same index scans as SQLite's) in a LATERAL join."""
    if not blocks:
        return []
    if day is None:
        sql = ("SELECT q.document_id FROM unnest(CAST(? AS text[])) AS b(block)"
               " CROSS JOIN LATERAL (SELECT document_id FROM story_blocks"
               " WHERE block = b.block ORDER BY day DESC NULLS LAST, document_id DESC"
               " LIMIT ?) AS q")
        params: list[Any] = [list(blocks), per_block]
    else:
        sql = ("SELECT q.document_id FROM unnest(CAST(? AS text[])) AS b(block)"
               " CROSS JOIN LATERAL ((SELECT document_id FROM story_blocks WHERE"
               " block = b.block AND day <= ? AND day >= ? ORDER BY day DESC, document_id DESC"
               " LIMIT ?)"
               " UNION ALL (SELECT document_id FROM story_blocks WHERE"
               " block = b.block AND day > ? AND day <= ? ORDER BY day, document_id LIMIT ?))"
               " AS q")
        params = [list(blocks), day, day - window_days, per_block,
                  day, day + window_days, per_block]
    return [r[0] for r in conn.execute(sql, params)]


# --- stories --------------------------------------------------------------------------

def stories_of(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for chunk in _chunks_for(conn, list(dict.fromkeys(ids))):
        where, params = _in(conn, "document_id", chunk)
        out.update((r[0], int(r[1])) for r in conn.execute(
            f"SELECT document_id, story_id FROM story_members WHERE {where}", params))
    return out


def members_near(conn: Connection, story_id: int, day: int | None,
                 limit: int) -> list[tuple[str, int | None]]:
    """Up to ``limit`` members of the story nearest to ``day`` (before and after; the
    latest when ``day`` is None), plus up to ``limit`` members of unknown date."""
    if day is None:
        rows = conn.execute("SELECT document_id, day FROM story_members WHERE story_id = ?"
                            " ORDER BY day DESC NULLS LAST, document_id DESC LIMIT ?",
                            (story_id, limit)).fetchall()
    else:
        rows = conn.execute(
            "SELECT * FROM (SELECT document_id, day FROM story_members WHERE story_id = ?"
            " AND day <= ? ORDER BY day DESC, document_id DESC LIMIT ?) AS b UNION ALL"
            " SELECT * FROM (SELECT document_id, day FROM story_members WHERE story_id = ?"
            " AND day > ? ORDER BY day, document_id LIMIT ?) AS a UNION ALL"
            " SELECT * FROM (SELECT document_id, day FROM story_members WHERE story_id = ?"
            " AND day IS NULL ORDER BY document_id LIMIT ?) AS u",
            (story_id, day, limit, story_id, day, limit, story_id, limit)).fetchall()
    found = [(str(r[0]), None if r[1] is None else int(r[1])) for r in rows]
    if day is not None:
        found.sort(key=lambda m: abs(m[1] - day) if m[1] is not None else 1 << 30)
    return found[:limit]


# --- keys present, and how many documents carry them ------------------------------------

def present_blocks(conn: Connection, blocks: Sequence[str]) -> set[str]:
    """Those of ``blocks`` any document carries (one index probe each)."""
    out: set[str] = set()
    for chunk in _chunks_for(conn, list(dict.fromkeys(blocks))):
        if _pg(conn):       # an index probe per block, not a scan of the matching rows
            rows = conn.execute("SELECT b.block FROM unnest(CAST(? AS text[])) AS b(block)"
                                " WHERE EXISTS (SELECT 1 FROM story_blocks s"
                                " WHERE s.block = b.block)", [chunk])
        else:
            rows = conn.execute(f"SELECT DISTINCT block FROM story_blocks WHERE block IN"
                                f" ({_marks(len(chunk))})", chunk)
        out |= {str(r[0]) for r in rows}
    return out


def block_counts(conn: Connection, blocks: Sequence[str], cap: int) -> dict[str, int]:
    """How many documents carry each block, counted up to ``cap`` + 1 (so a block in
    half the store costs no more than a rare one)."""
    out: dict[str, int] = {}
    blocks = list(dict.fromkeys(blocks))
    if _pg(conn):
        if blocks:
            out.update((str(r[0]), int(r[1])) for r in conn.execute(
                "SELECT b.block, (SELECT COUNT(*) FROM (SELECT 1 FROM story_blocks s"
                " WHERE s.block = b.block LIMIT ?) AS c) FROM unnest(CAST(? AS text[]))"
                " AS b(block)", [cap + 1, blocks]))
        return out
    for start in range(0, len(blocks), 200):
        part = blocks[start:start + 200]
        sql = " UNION ALL ".join(
            "SELECT CAST(? AS TEXT), COUNT(*) FROM (SELECT 1 FROM story_blocks WHERE block = ?"
            " LIMIT ?) AS c"
            for _ in part)
        params: list[Any] = []
        for b in part:
            params += [b, b, cap + 1]
        out.update((str(r[0]), int(r[1])) for r in conn.execute(sql, params))
    return out


def same_credit_members(conn: Connection, story_id: int, credit: str
                        ) -> list[tuple[str, bool]]:
    """(document_id, explicit) of the story's members crediting ``credit``."""
    return [(str(r[0]), bool(r[1])) for r in conn.execute(
        "SELECT f.document_id, f.credit_explicit FROM story_members m JOIN story_features f"
        " ON f.document_id = m.document_id WHERE m.story_id = ? AND f.credit = ?",
        (story_id, credit))]


def document_order(conn: Connection, ids: Sequence[str]
                   ) -> dict[str, tuple[bool, str, int]]:
    """The ordering key of ``store.stories.document_order_key`` for ``ids``."""
    out: dict[str, tuple[bool, str, int]] = {}
    for chunk in _chunks_for(conn, list(dict.fromkeys(ids))):
        where, params = _in(conn, "id", chunk)
        out.update((r[0], (r[1] is None, r[1] or "", int(r[2]))) for r in conn.execute(
            f"SELECT id, published, rowid FROM documents WHERE {where}", params))
    return out
