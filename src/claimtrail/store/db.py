"""Opening stores, transactions and migrations (the names the rest of claimtrail imports).

Migrations are the ``NNNN_name.sql`` files in ``store/migrations/`` (SQLite) and
``store/migrations/postgresql/`` (the same schema in PostgreSQL's words, under the same
names), applied in order and recorded in the ``_migrations`` table, so a database always
says which schema it has. Each area owns its own migration (0001 documents, 0002 claims,
0003 stories, 0004 web); never edit an applied migration: add a new file, for both
dialects.
"""
from __future__ import annotations

from importlib import resources

from claimtrail.store.connection import Connection, atomic, connect, is_database_url, migrate

__all__ = ["Connection", "atomic", "available_migrations", "applied_migrations", "connect",
           "is_database_url", "migrate"]

DIALECT_FOLDERS = {"sqlite": "", "postgresql": "postgresql"}


def available_migrations(dialect: str = "sqlite") -> list[tuple[str, str]]:
    """(name, sql) of every bundled migration of ``dialect``, in order."""
    folder = resources.files("claimtrail.store") / "migrations"
    if DIALECT_FOLDERS[dialect]:
        folder = folder / DIALECT_FOLDERS[dialect]
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".sql")),
                   key=lambda p: p.name)
    return [(p.name.removesuffix(".sql"), p.read_text(encoding="utf-8")) for p in files]


def applied_migrations(conn: Connection) -> list[str]:
    return conn.applied_migrations()
