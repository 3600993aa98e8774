"""The store interface: one connection type whatever the database, and how to open one.

Code outside ``claimtrail.store`` sees only ``Connection``: ``execute`` / ``executemany``
with ``?`` placeholders (the PostgreSQL backend rewrites them), rows that index by name
or position and turn into dicts, ``atomic()`` transactions, and the few things that
differ per database as attributes and methods (``dialect``, ``json_values``,
``tables()``, ``foreign_keys()`` (column, table, column), ``defer_foreign_keys()``,
``set_read_only()``). SQL is written once in the subset both SQLite and PostgreSQL speak
(``ON CONFLICT``, ``RETURNING``, ``NULLS LAST``); what cannot be (full-text search,
migrations) lives in the store package per dialect. See docs/store.md.

``connect(target)``: a ``postgresql://`` (or ``postgres://``) URL opens PostgreSQL;
anything else is a SQLite file path, the embedded default.
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from claimtrail.errors import ClaimtrailError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
Row = Any   # sqlite3.Row or postgres.Row: row[0], row["name"], dict(row)


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Row: ...           # a row, or None when there is none
    def fetchall(self) -> list[Row]: ...
    def __iter__(self) -> Iterator[Row]: ...


@runtime_checkable
class Connection(Protocol):
    """What every store connection offers (see the module docstring)."""

    dialect: str            # "sqlite" | "postgresql"
    target: str             # the path or URL it was opened with (to open another)
    json_values: str        # SQL table of one JSON-array parameter, column "value"

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
    def atomic(self) -> AbstractContextManager[Connection]: ...
    @property
    def in_transaction(self) -> bool: ...
    def close(self) -> None: ...
    def tables(self) -> list[str]: ...
    def has_table(self, name: str) -> bool: ...
    def foreign_keys(self, table: str) -> list[tuple[str, str, str]]: ...
    def defer_foreign_keys(self) -> None: ...
    def set_read_only(self) -> None: ...
    def migrate(self) -> list[str]: ...
    def applied_migrations(self) -> list[str]: ...


def is_database_url(target: str | Path) -> bool:
    """True for a PostgreSQL URL; a path (or anything else) means a SQLite file."""
    return str(target).startswith(POSTGRES_SCHEMES)


def connect(target: str | Path, *, migrate_schema: bool = True) -> Connection:
    """Open (creating if need be) a claimtrail store and bring its schema up to date."""
    conn: Connection
    if is_database_url(target):
        from claimtrail.store.postgres import PostgresConnection

        conn = PostgresConnection.open(str(target))
    else:
        from claimtrail.store.sqlite import SQLiteConnection

        conn = SQLiteConnection.open(str(target))
        _refuse_foreign_database(conn, target)
    if migrate_schema:
        conn.migrate()
    return conn


def _refuse_foreign_database(conn: Connection, target: str | Path) -> None:
    """An SQLite file of another program is not migrated into a claimtrail store."""
    tables = conn.tables()
    if tables and "_migrations" not in tables:
        conn.close()
        raise ClaimtrailError("an SQLite database of another program, not a claimtrail "
                              "store (it has no _migrations table)", input=str(target),
                              code="bad_store",
                              hint="point --db at a claimtrail store or at a new file name")


def atomic(conn: Connection) -> AbstractContextManager[Connection]:
    """A transaction: all of the block is committed, or none of it (nestable)."""
    return conn.atomic()


def migrate(conn: Connection) -> list[str]:
    """Apply the migrations this database lacks; return their names."""
    return conn.migrate()


def utc_now() -> str:
    """The current UTC time as stored in every ``*_at`` column: 2026-12-04T20:00:57.123Z."""
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def store_exists(target: str | Path) -> bool:
    """Whether ``target`` already holds a store (read commands refuse to create one)."""
    if not is_database_url(target):
        return Path(target).is_file()
    conn = connect(target, migrate_schema=False)
    try:
        return conn.has_table("_migrations")
    finally:
        conn.close()


def change_stamp(target: str | Path) -> tuple[Any, ...]:
    """A value that changes whenever the store may have changed, for caches of views.

    SQLite: the database and WAL files' times and sizes (every commit touches one).
    PostgreSQL: the server's write-ahead-log position (any write moves it).
    """
    if is_database_url(target):
        from claimtrail.store.postgres import wal_position

        return (wal_position(str(target)),)
    marks: list[tuple[int, int] | None] = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(str(target) + suffix)
            marks.append((st.st_mtime_ns, st.st_size))
        except OSError:
            marks.append(None)
    return tuple(marks)
