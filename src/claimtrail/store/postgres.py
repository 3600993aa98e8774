"""The PostgreSQL store (psycopg 3): the same interface as ``sqlite``, over a server.

SQL arrives in the portable subset with ``?`` placeholders; ``to_pyformat`` turns them
into psycopg's ``%s`` (a ``?`` inside a quoted literal stays a ``?``). The connection is
in autocommit mode like the SQLite one, so a statement outside ``atomic()`` commits at
once and ``atomic()`` is a real transaction (a savepoint when nested). Rows index by
name or position and turn into dicts, as ``sqlite3.Row`` does.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from claimtrail.errors import ClaimtrailError
from claimtrail.store import errors

try:
    import psycopg
    from psycopg.pq import TransactionStatus
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ClaimtrailError(
        "a PostgreSQL store needs psycopg 3, which is not installed",
        hint="install it with: pip install 'claimtrail[postgres]' (or bash scripts/install)",
        code="missing_dependency") from exc

MIGRATION_LOCK = 0x636C61696D   # pg_advisory_xact_lock keys: one migrator at a time,
WRITE_LOCK = 0x636C61696E       # one writing transaction at a time
_SAVEPOINTS = iter(range(1, 1 << 62))


@lru_cache(maxsize=4096)
@lru_cache(maxsize=2048)
def to_pyformat(sql: str) -> str:
    """``?`` placeholders -> ``%s`` outside quoted literals and identifiers; ``%`` -> ``%%``."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


class RowBase(tuple):  # type: ignore[type-arg]
    """A result row: ``row[0]``, ``row["name"]`` (case-insensitive, as in sqlite3.Row),
    ``row.keys()`` and so ``dict(row)``."""

    __slots__ = ()
    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._index[key])
            except KeyError:
                pos = self._index.get(key.lower())
                if pos is None:
                    raise IndexError(f"no column {key!r} in the row") from None
                return tuple.__getitem__(self, pos)
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type[RowBase]:
    index: dict[str, int] = {}
    for pos, name in enumerate(names):
        index.setdefault(name, pos)
        index.setdefault(name.lower(), pos)
    return type("Row", (RowBase,), {"__slots__": (), "_names": names, "_index": index})


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    cls = _row_class(tuple(c.name for c in cursor.description))
    return cls


def _translate(exc: Exception) -> errors.StoreError:
    message = str(exc).strip()
    if isinstance(exc, psycopg.IntegrityError):
        return errors.IntegrityError(message)
    if isinstance(exc, psycopg.DataError):
        return errors.DataError(message)
    if isinstance(exc, psycopg.OperationalError):
        return errors.OperationalError(message)
    return errors.StoreError(message)


def redact(url: str) -> str:
    """The URL with any password replaced, for messages and logs.

    The credentials end at the netloc's last '@', so a password with an unescaped '@' or
    '/' in it is hidden whole.
    """
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user, colon, _password = credentials.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{host}"


class PostgresConnection:
    """One psycopg connection in autocommit mode; ``atomic()`` opens the transactions."""

    dialect = "postgresql"
    json_values = "json_array_elements_text(CAST(? AS json))"

    def __init__(self, raw: psycopg.Connection[Any], target: str) -> None:
        self.raw = raw
        self.target = target

    @classmethod
    def open(cls, url: str) -> PostgresConnection:
        try:
            raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                  connect_timeout=30)
        except psycopg.Error as exc:
            raise ClaimtrailError(f"cannot open the store: {' '.join(str(exc).split())}",
                                  input=redact(url),
                                  hint="check the --db URL, that the server runs and that "
                                       "it accepts this user") from exc
        return cls(raw, url)

    # --- statements -------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.raw.execute(to_pyformat(sql), tuple(params))
        except psycopg.Error as exc:
            raise _translate(exc) from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            with self.raw.cursor() as cur:
                cur.executemany(to_pyformat(sql), [tuple(r) for r in rows])
        except psycopg.Error as exc:
            raise _translate(exc) from exc

    def copy_rows(self, table: str, columns: Sequence[str],
                  rows: Sequence[Sequence[Any]]) -> None:
        """Insert ``rows`` with COPY: one stream, not a statement per row (for the bulk
        inserts of the story index; ``executemany`` costs a round trip's worth each)."""
        try:
            with self.raw.cursor() as cur, cur.copy(
                    f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise _translate(exc) from exc

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    @contextmanager
    def atomic(self) -> Iterator[PostgresConnection]:
        """All of the block is committed, or none of it; nested blocks are savepoints."""
        if self.in_transaction:
            name = f"sp_{next(_SAVEPOINTS)}"
            self.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                self._quietly(f"ROLLBACK TO SAVEPOINT {name}")
                self._quietly(f"RELEASE SAVEPOINT {name}")
                raise
            self.execute(f"RELEASE SAVEPOINT {name}")
            return
        # One writer at a time, as SQLite's BEGIN IMMEDIATE: a document's checks (stored
        # already? an exact copy?) and its writes see no other writer in between. Both
        # statements go in one round trip.
        try:
            self.raw.execute(f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})".encode())
        except psycopg.Error as exc:
            self._quietly("ROLLBACK")
            raise _translate(exc) from exc
        try:
            yield self
        except BaseException:
            self._quietly("ROLLBACK")
            raise
        self.execute("COMMIT")

    def _quietly(self, sql: str) -> None:
        """Undo during an error: a failure here must not hide the error being raised."""
        try:
            self.raw.execute(sql)
        except psycopg.Error:
            pass

    def close(self) -> None:
        self.raw.close()

    # --- what differs per database -----------------------------------------------------
    def tables(self) -> list[str]:
        return [r[0] for r in self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema ="
            " current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")]

    def has_table(self, name: str) -> bool:
        return bool(self.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_name = ?", (name,)).fetchone())

    def foreign_keys(self, table: str) -> list[tuple[str, str, str]]:
        """(column, referenced table, referenced column) of every foreign key of ``table``."""
        return [(r[0], r[1], r[2]) for r in self.execute(
            "SELECT a.attname, t.relname, ta.attname FROM pg_constraint c"
            " JOIN pg_class s ON s.oid = c.conrelid"
            " JOIN pg_class t ON t.oid = c.confrelid"
            " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
            " JOIN pg_attribute ta ON ta.attrelid = c.confrelid AND ta.attnum = c.confkey[1]"
            " WHERE c.contype = 'f' AND s.relname = ?"
            " AND s.relnamespace = to_regnamespace(current_schema())"
            " ORDER BY c.conname", (table,))]

    def defer_foreign_keys(self) -> None:
        """Check foreign keys at commit (every key to documents is DEFERRABLE)."""
        self.execute("SET CONSTRAINTS ALL DEFERRED")

    def set_read_only(self) -> None:
        self.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")

    # --- migrations ----------------------------------------------------------------------
    def _ensure_migrations_table(self) -> None:
        self.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY,"
                     " applied_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC',"
                     " 'YYYY-MM-DD HH24:MI:SS')))")

    def applied_migrations(self) -> list[str]:
        if not self.has_table("_migrations"):
            return []
        return [r[0] for r in self.execute("SELECT name FROM _migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, under a lock, in one transaction."""
        from claimtrail.store.db import available_migrations

        wanted = available_migrations("postgresql")
        if set(self.applied_migrations()) >= {name for name, _ in wanted}:
            return []
        applied: list[str] = []
        with self.atomic():
            self.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            self._ensure_migrations_table()
            done = set(self.applied_migrations())
            for name, sql in wanted:
                if name in done:
                    continue
                try:
                    self.raw.execute(sql.encode())   # several statements: no parameters
                except psycopg.Error as exc:
                    raise ClaimtrailError(f"migration {name} failed: {str(exc).strip()}",
                                          hint="the store may come from a newer claimtrail"
                                          ) from exc
                self.execute("INSERT INTO _migrations(name) VALUES (?)", (name,))
                applied.append(name)
        return applied


_stamp_connections = threading.local()


def wal_position(url: str) -> str:
    """The server's current WAL position (moves on every write), over a connection kept
    per thread and per URL for these frequent, tiny queries."""
    conns: dict[str, PostgresConnection] = _stamp_connections.__dict__.setdefault("by_url", {})
    conn = conns.get(url)
    if conn is None or conn.raw.closed:
        conn = conns[url] = PostgresConnection.open(url)
    return str(conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0])
