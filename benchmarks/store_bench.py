"""Store benchmark: the same end-to-end ingest (read, dedupe, extract, stories) on the
SQLite store and on the PostgreSQL store, then a check that both give the same ledgers.

    python benchmarks/store_bench.py [--postgres URL] [--corpus DIR ...]

Without ``--postgres`` a throwaway server is started on a free port of 127.0.0.1
(tests/postgres_server.py: initdb on a temporary directory, stopped at the end). Each
corpus goes into a fresh store of each kind; prints wall time, documents/s, the time of
a re-run (which adds nothing), the time spent inside the store's ``execute`` (what the
database costs, apart from reading, spaCy and clustering) with the number of statements,
and whether every story's ledger is the same on both.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shared_paths import CORPUS, ROOT  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))

from claimtrail.pipeline import ingest  # noqa: E402
from claimtrail.reconcile import build_ledger  # noqa: E402
from claimtrail.store import Connection, connect  # noqa: E402
from claimtrail.store.stories import list_stories  # noqa: E402

CORPORA = [CORPUS / "seeds", CORPUS / "ukraine-news"]
STORE_SECONDS: Counter[str] = Counter()
STATEMENTS: Counter[str] = Counter()


def _timed(cls: type, name: str) -> None:
    """Count the calls and time of ``cls.name`` under the class's dialect."""
    original: Callable[..., Any] = getattr(cls, name)

    dialect: str = getattr(cls, "dialect")

    def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            STORE_SECONDS[dialect] += time.perf_counter() - started
            STATEMENTS[dialect] += 1
    setattr(cls, name, timed)


def instrument() -> None:
    from claimtrail.store.postgres import PostgresConnection
    from claimtrail.store.sqlite import SQLiteConnection

    for cls in (SQLiteConnection, PostgresConnection):
        _timed(cls, "execute")
        _timed(cls, "executemany")


def run(db: str, corpus: Path) -> tuple[dict[str, float], Connection]:
    conn = connect(db)
    STORE_SECONDS.clear()
    STATEMENTS.clear()
    started = time.perf_counter()
    report = ingest(conn, [str(corpus)], on_problem=lambda p: None)
    first = time.perf_counter() - started
    in_store, statements = STORE_SECONDS[conn.dialect], STATEMENTS[conn.dialect]
    started = time.perf_counter()
    again = ingest(conn, [str(corpus)], on_problem=lambda p: None)
    rerun = time.perf_counter() - started
    assert again.added == 0, "a re-run added documents"
    return {"seconds": first, "documents": report.added, "rerun": rerun,
            "in_store": in_store, "statements": statements}, conn


def ledgers(conn: Connection) -> str:
    stories = list_stories(conn)
    return json.dumps([stories] + [build_ledger(conn, s["id"]) for s in stories],
                      sort_keys=True, default=str)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL (default: start one)")
    parser.add_argument("--corpus", action="append", type=Path)
    args = parser.parse_args()
    instrument()
    server = None
    if not args.postgres:
        from postgres_server import PostgresServer

        server = PostgresServer.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:   # load spaCy before timing anything
            run(str(Path(tmp) / "warm.db"), CORPUS / "seeds")[1].close()
        print(f"{'corpus':<14}{'store':<12}{'docs':>6}{'seconds':>9}{'docs/s':>8}{'re-run s':>10}"
              f"{'in store s':>12}{'statements':>12}")
        for corpus in args.corpus or CORPORA:
            results = {}
            with tempfile.TemporaryDirectory() as tmp:
                for kind in ("sqlite", "postgresql"):
                    if kind == "sqlite":
                        db = str(Path(tmp) / "bench.db")
                    elif server is not None:
                        db = server.new_database()
                    else:
                        db = args.postgres
                    figures, conn = run(db, corpus)
                    results[kind] = ledgers(conn)
                    conn.close()
                    print(f"{corpus.name:<14}{kind:<12}{figures['documents']:>6}"
                          f"{figures['seconds']:>9.1f}"
                          f"{figures['documents'] / figures['seconds']:>8.1f}"
                          f"{figures['rerun']:>10.2f}{figures['in_store']:>12.2f}"
                          f"{figures['statements']:>12}", flush=True)
            same = results["sqlite"] == results["postgresql"]
            print(f"{corpus.name:<14}every story's ledger the same on both stores: {same}")
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
