"""Connections, migrations and transactions.

Migrations are the ``NNNN_name.sql`` files in ``store/migrations/``, applied in order
and recorded in the ``_migrations`` table, so a database always says which schema it
has. Each area owns its own migration file (0001 documents, 0002 claims, 0003 stories);
never edit an applied migration: add a new file.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from claimtrail.errors import ClaimtrailError


def connect(path: str | Path, *, migrate_schema: bool = True) -> sqlite3.Connection:
    """Open (creating if need be) a claimtrail store and bring its schema up to date."""
    try:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise ClaimtrailError(f"cannot open the store: {exc}", input=str(path),
                              hint="check the --db path and its folder's permissions") from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        _refuse_foreign_database(conn, path)
        if migrate_schema:
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        # "file is not a database", a damaged file, a read-only folder: one clear line
        raise ClaimtrailError(f"not a claimtrail store ({exc})", input=str(path),
                              code="bad_store",
                              hint="point --db (or CLAIMTRAIL_DB) at a store made by "
                                   "claimtrail ingest, or at a new file name") from exc
    except ClaimtrailError:
        conn.close()
        raise
    return conn


def _refuse_foreign_database(conn: sqlite3.Connection, path: str | Path) -> None:
    """An SQLite file of another program is not migrated into a claimtrail store."""
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    if tables and "_migrations" not in tables:
        raise ClaimtrailError("an SQLite database of another program, not a claimtrail "
                              "store (it has no _migrations table)", input=str(path),
                              code="bad_store",
                              hint="point --db at a claimtrail store or at a new file name")


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A transaction: all of the block is committed, or none of it (nestable)."""
    if conn.in_transaction:
        name = f"sp_{id(conn)}_{_savepoint_counter()}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


_counter = 0


def _savepoint_counter() -> int:
    global _counter
    _counter += 1
    return _counter


def available_migrations() -> list[tuple[str, str]]:
    """(name, sql) of every bundled migration, in order."""
    folder = resources.files("claimtrail.store") / "migrations"
    files = sorted(p for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(p.name.removesuffix(".sql"), p.read_text(encoding="utf-8")) for p in files]


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations ("
                 " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))")
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks; return their names."""
    done = set(applied_migrations(conn))
    applied = []
    for name, sql in available_migrations():
        if name in done:
            continue
        # executescript commits first; wrap the script itself in a transaction so a
        # failed migration leaves no half-made schema behind.
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\n;"
                               f"INSERT INTO _migrations(name) VALUES ('{name}');\nCOMMIT;")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise ClaimtrailError(f"migration {name} failed: {exc}",
                                  hint="the store may come from a newer claimtrail") from exc
        applied.append(name)
    return applied
