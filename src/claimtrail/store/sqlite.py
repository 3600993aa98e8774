"""The embedded store: one SQLite file, WAL, FTS5 (see ``connection`` for the interface)."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from claimtrail.errors import ClaimtrailError
from claimtrail.store import errors

_SAVEPOINTS = iter(range(1, 1 << 62))


def _translate(exc: sqlite3.Error) -> errors.StoreError:
    if isinstance(exc, sqlite3.IntegrityError):
        return errors.IntegrityError(str(exc))
    if isinstance(exc, (sqlite3.DataError, sqlite3.InterfaceError)):
        return errors.DataError(str(exc))
    if isinstance(exc, sqlite3.OperationalError):
        return errors.OperationalError(str(exc))
    return errors.StoreError(str(exc))


class SQLiteConnection:
    """A ``sqlite3`` connection in autocommit mode; ``atomic()`` opens the transactions."""

    dialect = "sqlite"
    json_values = "json_each(?)"

    def __init__(self, raw: sqlite3.Connection, target: str) -> None:
        self.raw = raw
        self.target = target

    @classmethod
    def open(cls, path: str) -> SQLiteConnection:
        try:
            raw = sqlite3.connect(path, timeout=30, isolation_level=None,
                                  check_same_thread=False)
            raw.row_factory = sqlite3.Row
            raw.execute("PRAGMA journal_mode=WAL")
            raw.execute("PRAGMA synchronous=NORMAL")
            raw.execute("PRAGMA foreign_keys=ON")
            raw.execute("PRAGMA busy_timeout=30000")
        except sqlite3.Error as exc:
            raise ClaimtrailError(f"cannot open the store: {exc}", input=path,
                                  hint="check the --db path and its folder's permissions"
                                  ) from exc
        return cls(raw, path)

    # --- statements -------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.raw.execute(sql, params)
        except sqlite3.Error as exc:
            raise _translate(exc) from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self.raw.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise _translate(exc) from exc

    @property
    def in_transaction(self) -> bool:
        return self.raw.in_transaction

    @contextmanager
    def atomic(self) -> Iterator[SQLiteConnection]:
        """All of the block is committed, or none of it; nested blocks are savepoints."""
        if self.raw.in_transaction:
            name = f"sp_{next(_SAVEPOINTS)}"
            self.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                self.execute(f"ROLLBACK TO {name}")
                self.execute(f"RELEASE {name}")
                raise
            self.execute(f"RELEASE {name}")
            return
        self.execute("BEGIN IMMEDIATE")   # take the write lock now: no upgrade deadlock
        try:
            yield self
        except BaseException:
            if self.raw.in_transaction:
                self.raw.execute("ROLLBACK")
            raise
        try:
            self.execute("COMMIT")
        except errors.StoreError:
            if self.raw.in_transaction:      # a deferred key check failed: end it here
                self.raw.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.raw.close()

    # --- what differs per database -----------------------------------------------------
    def tables(self) -> list[str]:
        return [r[0] for r in self.raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name")]

    def has_table(self, name: str) -> bool:
        return self.raw.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view')"
                                " AND name = ?", (name,)).fetchone() is not None

    def foreign_keys(self, table: str) -> list[tuple[str, str, str]]:
        """(column, referenced table, referenced column) of every foreign key of ``table``."""
        out = []
        for fk in self.raw.execute(f"PRAGMA foreign_key_list('{table}')"):
            target = fk["to"]
            if target is None:     # REFERENCES t without a column: t's primary key
                target = next((c["name"] for c in self.raw.execute(
                    f"PRAGMA table_info('{fk['table']}')") if c["pk"] == 1), "rowid")
            out.append((fk["from"], fk["table"], target))
        return out

    def defer_foreign_keys(self) -> None:
        """Check foreign keys at commit, not per statement (for re-pointing a key)."""
        self.raw.execute("PRAGMA defer_foreign_keys = ON")

    def set_read_only(self) -> None:
        self.raw.execute("PRAGMA query_only=ON")

    # --- migrations ----------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        self.raw.execute("CREATE TABLE IF NOT EXISTS _migrations ("
                         " name TEXT PRIMARY KEY,"
                         " applied_at TEXT NOT NULL DEFAULT (datetime('now')))")
        return [r[0] for r in self.raw.execute("SELECT name FROM _migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks; return their names."""
        from claimtrail.store.db import available_migrations

        done = set(self.applied_migrations())
        applied = []
        for name, sql in available_migrations("sqlite"):
            if name in done:
                continue
            # executescript commits first; wrap the script itself in a transaction so a
            # failed migration leaves no half-made schema behind.
            try:
                self.raw.executescript(f"BEGIN IMMEDIATE;\n{sql}\n;"
                                       f"INSERT INTO _migrations(name) VALUES ('{name}');\n"
                                       "COMMIT;")
            except sqlite3.Error as exc:
                if self.raw.in_transaction:
                    self.raw.execute("ROLLBACK")
                raise ClaimtrailError(f"migration {name} failed: {exc}",
                                      hint="the store may come from a newer claimtrail") from exc
            applied.append(name)
        return applied
