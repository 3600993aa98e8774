import sqlite3

import pytest

from claimtrail.store import atomic, connect, migrate
from claimtrail.store.db import available_migrations


def test_migrations_are_recorded_and_idempotent(db_path):
    conn = connect(db_path)
    names = [r[0] for r in conn.execute("SELECT name FROM _migrations")]
    assert names == [n for n, _ in available_migrations()]
    assert migrate(conn) == []  # nothing left to apply
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_atomic_rolls_back_on_error(db_path):
    conn = connect(db_path)
    conn.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError):
        with atomic(conn):
            conn.execute("INSERT INTO t VALUES (1)")
            raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    with atomic(conn):
        conn.execute("INSERT INTO t VALUES (2)")
        with pytest.raises(sqlite3.IntegrityError):
            with atomic(conn):  # nested: a savepoint, rolled back alone
                conn.execute("INSERT INTO t VALUES (3)")
                raise sqlite3.IntegrityError("inner")
    assert [r[0] for r in conn.execute("SELECT x FROM t")] == [2]
