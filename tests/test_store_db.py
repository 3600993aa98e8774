"""The store interface on both databases: migrations, transactions, errors, rows."""
from __future__ import annotations

import pytest

from claimtrail.store import IntegrityError, atomic, connect, migrate
from claimtrail.store.connection import Connection, is_database_url, store_exists
from claimtrail.store.db import available_migrations


def test_migrations_are_recorded_and_idempotent(store_url: str) -> None:
    conn = connect(store_url)
    names = [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == [n for n, _ in available_migrations(conn.dialect)]
    assert migrate(conn) == []  # nothing left to apply
    assert isinstance(conn, Connection)
    if conn.dialect == "sqlite":
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    else:
        assert is_database_url(store_url)
    assert store_exists(store_url)


def test_both_dialects_have_the_same_migrations() -> None:
    assert [n for n, _ in available_migrations("sqlite")] == \
        [n for n, _ in available_migrations("postgresql")]


def test_a_fresh_database_is_not_a_store_until_migrated(store_url: str) -> None:
    assert not store_exists(store_url)
    connect(store_url).close()
    assert store_exists(store_url)


def test_atomic_rolls_back_on_error(store_url: str) -> None:
    conn = connect(store_url)
    conn.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    with pytest.raises(RuntimeError):
        with atomic(conn):
            conn.execute("INSERT INTO t VALUES (1)")
            raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    with atomic(conn):
        conn.execute("INSERT INTO t VALUES (2)")
        with pytest.raises(IntegrityError):
            with atomic(conn):  # nested: a savepoint, rolled back alone
                conn.execute("INSERT INTO t VALUES (3)")
                conn.execute("INSERT INTO t VALUES (2)")   # the database refuses it
    assert [r[0] for r in conn.execute("SELECT x FROM t")] == [2]
    assert not conn.in_transaction


def test_rows_index_by_name_and_position_and_placeholders_skip_literals(store_url: str) -> None:
    conn = connect(store_url)
    row = conn.execute("SELECT 'a?b%' AS text, ? AS param, 7 AS n", ("x?%",)).fetchone()
    assert (row[0], row["param"], row["n"]) == ("a?b%", "x?%", 7)
    assert dict(row) == {"text": "a?b%", "param": "x?%", "n": 7}
    ids = conn.execute(f"SELECT value FROM {conn.json_values} ORDER BY value",
                       ('["b", "a"]',)).fetchall()
    assert [r[0] for r in ids] == ["a", "b"]


def test_foreign_keys_to_documents_are_found(store_url: str) -> None:
    conn = connect(store_url)
    assert ("document_id", "documents", "id") in conn.foreign_keys("claims")
    assert {"documents", "claims", "stories"} <= set(conn.tables())
    assert conn.has_table("documents") and not conn.has_table("nope")


def test_a_read_only_connection_refuses_writes(store_url: str) -> None:
    connect(store_url).close()
    conn = connect(store_url, migrate_schema=False)
    conn.set_read_only()
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    with pytest.raises(Exception) as err:
        conn.execute("INSERT INTO ingest_runs(inputs) VALUES ('[]')")
    assert "read" in str(err.value).lower()


def test_the_store_imports_no_extractor_stories_or_web() -> None:
    import subprocess
    import sys

    code = ("import sys, claimtrail.store, claimtrail.store.documents, claimtrail.store.claims,"
            " claimtrail.store.stories, claimtrail.store.search, claimtrail.store.sqlite,"
            " claimtrail.store.postgres\n"
            "print(sorted(m for m in sys.modules if m.startswith(('claimtrail.extract',"
            " 'claimtrail.stories', 'claimtrail.web', 'claimtrail.reconcile', 'spacy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_a_password_in_a_store_url_is_never_shown() -> None:
    from claimtrail.store.postgres import redact

    assert redact("postgresql://bob:s3cr@t!@db.example:5432/news") == \
        "postgresql://bob:***@db.example:5432/news"
    assert redact("postgresql://bob@localhost/news") == "postgresql://bob@localhost/news"
    assert redact("kursk.db") == "kursk.db"
