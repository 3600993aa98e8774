"""The store's own errors, the same whichever database is behind it.

Each backend turns its driver's exceptions (sqlite3, psycopg) into these, so callers
catch ``IntegrityError`` without knowing which store they write to; the driver's
exception stays attached as ``__cause__``.
"""
from __future__ import annotations


class StoreError(Exception):
    """A database error that is not one of the kinds below (bad SQL, a closed store)."""


class IntegrityError(StoreError):
    """A constraint refused the write (a duplicate key, a missing referenced row)."""


class DataError(StoreError):
    """A value the column cannot hold (PostgreSQL refuses NUL in text, for one)."""


class OperationalError(StoreError):
    """The database could not do the work: locked, disk full, server gone."""
