"""The store: an interface (``connection.Connection``) with a SQLite implementation
(``sqlite``, the embedded default) and a PostgreSQL one (``postgres``); migrations
recorded in the database; full-text search with each database's own engine (``search``).

The store knows documents, claims and stories as rows: it imports no extractor.
"""
from claimtrail.store.connection import Connection, Row, atomic, connect, is_database_url, migrate
from claimtrail.store.errors import DataError, IntegrityError, OperationalError, StoreError

__all__ = ["Connection", "DataError", "IntegrityError", "OperationalError", "Row", "StoreError",
           "atomic", "connect", "is_database_url", "migrate"]
