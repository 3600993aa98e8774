"""SQLite store: one file, WAL, migrations recorded in the database, FTS5 search."""
from claimtrail.store.db import atomic, connect, migrate

__all__ = ["atomic", "connect", "migrate"]
