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


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def _marks(n: int) -> str:
    return ",".join("?" * n)


# --- document frequencies and totals ------------------------------------------------

def add_frequencies(conn: Connection, counts: dict[str, int]) -> None:
    """Add ``counts`` (documents per key) to the stored document frequencies."""
    conn.executemany(
        "INSERT INTO story_vocabulary(key, df) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET df = story_vocabulary.df + excluded.df",
        sorted(counts.items()))


def frequencies(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    keys = list(dict.fromkeys(keys))
    out: dict[str, int] = {}
    for chunk in _chunks(keys):
        out.update((r[0], int(r[1])) for r in conn.execute(
            f"SELECT key, df FROM story_vocabulary WHERE key IN ({_marks(len(chunk))})", chunk))
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
    conn.executemany("INSERT INTO story_blocks(block, document_id, day) VALUES (?, ?, ?)", rows)


def blocks_of(conn: Connection, document_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT block FROM story_blocks WHERE document_id = ?", (document_id,))]


def block_neighbours(conn: Connection, blocks: Sequence[str], day: int | None,
                     window_days: int, per_block: int) -> list[tuple[str, str]]:
    """(block, document_id) for each block's ``per_block`` documents nearest in time
    before and after ``day`` within the window (the latest ones when ``day`` is None),
    in one statement of index range scans."""
    parts: list[str] = []
    params: list[Any] = []
    for block in blocks:
        if day is None:
            parts.append("SELECT * FROM (SELECT block, document_id FROM story_blocks"
                         " WHERE block = ? ORDER BY day DESC NULLS LAST LIMIT ?) AS q")
            params += [block, per_block]
            continue
        parts.append("SELECT * FROM (SELECT block, document_id FROM story_blocks WHERE"
                     " block = ? AND day <= ? AND day >= ? ORDER BY day DESC LIMIT ?) AS q")
        params += [block, day, day - window_days, per_block]
        parts.append("SELECT * FROM (SELECT block, document_id FROM story_blocks WHERE"
                     " block = ? AND day > ? AND day <= ? ORDER BY day LIMIT ?) AS q")
        params += [block, day, day + window_days, per_block]
    out: list[tuple[str, str]] = []
    if not parts:
        return out
    for start in range(0, len(parts), 200):      # SQLite caps compound SELECTs at 500
        sql = " UNION ALL ".join(parts[start:start + 200])
        n = len(params) // len(parts)
        out += [(r[0], r[1]) for r in conn.execute(sql, params[start * n:(start + 200) * n])]
    return out


# --- stories --------------------------------------------------------------------------

def stories_of(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for chunk in _chunks(list(dict.fromkeys(ids))):
        out.update((r[0], int(r[1])) for r in conn.execute(
            f"SELECT document_id, story_id FROM story_members WHERE document_id IN"
            f" ({_marks(len(chunk))})", chunk))
    return out


def members_near(conn: Connection, story_id: int, day: int | None,
                 limit: int) -> list[tuple[str, int | None]]:
    """Up to ``limit`` members of the story nearest to ``day`` (before and after; the
    latest when ``day`` is None), plus up to ``limit`` members of unknown date."""
    if day is None:
        rows = conn.execute("SELECT document_id, day FROM story_members WHERE story_id = ?"
                            " ORDER BY day DESC NULLS LAST LIMIT ?", (story_id, limit)).fetchall()
    else:
        rows = conn.execute(
            "SELECT * FROM (SELECT document_id, day FROM story_members WHERE story_id = ?"
            " AND day <= ? ORDER BY day DESC LIMIT ?) AS b UNION ALL"
            " SELECT * FROM (SELECT document_id, day FROM story_members WHERE story_id = ?"
            " AND day > ? ORDER BY day LIMIT ?) AS a UNION ALL"
            " SELECT * FROM (SELECT document_id, day FROM story_members WHERE story_id = ?"
            " AND day IS NULL LIMIT ?) AS u",
            (story_id, day, limit, story_id, day, limit, story_id, limit)).fetchall()
    found = [(str(r[0]), None if r[1] is None else int(r[1])) for r in rows]
    if day is not None:
        found.sort(key=lambda m: abs(m[1] - day) if m[1] is not None else 1 << 30)
    return found[:limit]


# --- keys present, and how many documents carry them ------------------------------------

def present_blocks(conn: Connection, blocks: Sequence[str]) -> set[str]:
    """Those of ``blocks`` any document carries (one index probe each)."""
    out: set[str] = set()
    for chunk in _chunks(list(dict.fromkeys(blocks))):
        out |= {str(r[0]) for r in conn.execute(
            f"SELECT DISTINCT block FROM story_blocks WHERE block IN ({_marks(len(chunk))})",
            chunk)}
    return out


def block_counts(conn: Connection, blocks: Sequence[str], cap: int) -> dict[str, int]:
    """How many documents carry each block, counted up to ``cap`` + 1 (so a block in
    half the store costs no more than a rare one)."""
    out: dict[str, int] = {}
    blocks = list(dict.fromkeys(blocks))
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
    for chunk in _chunks(list(dict.fromkeys(ids))):
        out.update((r[0], (r[1] is None, r[1] or "", int(r[2]))) for r in conn.execute(
            f"SELECT id, published, rowid FROM documents WHERE id IN ({_marks(len(chunk))})",
            chunk))
    return out
