"""The PostgreSQL store gives what the SQLite store gives: the same ledger, end to end.

``claimtrail ingest examples/kursk --manifest ... --db URL`` then ``claimtrail story 1
--format json``, once with a SQLite file and once with a PostgreSQL database: the two
ledgers are equal, claim ids, sources, origins and conflicts included.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrail.cli import main
from conftest import EXAMPLE, ROOT
from postgres_server import PostgresServer

MANIFEST = ROOT / "examples" / "kursk-manifest.csv"


def ingest_and_ledger(db: str) -> dict:
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(EXAMPLE), "--manifest", str(MANIFEST),
                                    "--db", db, "--json"], catch_exceptions=False)
    assert ingested.exit_code == 0, ingested.output
    shown = runner.invoke(main, ["story", "1", "--db", db, "--format", "json"],
                          catch_exceptions=False)
    assert shown.exit_code == 0, shown.output
    return json.loads(shown.output)


def strip_times(value: object) -> object:
    """Ingest timestamps differ between two runs; everything else must not."""
    if isinstance(value, dict):
        return {k: strip_times(v) for k, v in value.items()
                if k not in ("generated_at", "ingested_at", "assigned_at", "updated_at",
                             "created_at")}
    if isinstance(value, list):
        return [strip_times(v) for v in value]
    return value


@pytest.mark.slow
def test_kursk_ledger_is_the_same_on_sqlite_and_postgresql(
        tmp_path: Path, postgres_server: PostgresServer) -> None:
    on_sqlite = ingest_and_ledger(str(tmp_path / "kursk.db"))
    url = postgres_server.new_database()
    on_postgres = ingest_and_ledger(url)
    assert on_sqlite["variables"], "the ledger has variables to compare"
    assert sum(len(v["claims"]) for v in on_sqlite["variables"]) >= 10
    assert strip_times(on_postgres) == strip_times(on_sqlite)
    # the stores hold the same rows, not only the same ledger
    runner = CliRunner()
    for command in (["docs", "--json"], ["claims", "--json"], ["stories", "--json"]):
        a = runner.invoke(main, [*command, "--db", str(tmp_path / "kursk.db")])
        b = runner.invoke(main, [*command, "--db", url])
        assert strip_times(json.loads(a.output)) == strip_times(json.loads(b.output)), command


@pytest.mark.slow
def test_ukraine_news_gives_the_same_stories_and_ledgers_on_both_stores(
        tmp_path: Path, postgres_server: PostgresServer) -> None:
    """431 real articles end to end (copies, claims, stories): every story's ledger is
    the same on SQLite and PostgreSQL, so ordering and ids do not depend on the store."""
    from claimtrail.pipeline import ingest
    from claimtrail.reconcile import build_ledger
    from claimtrail.store import connect
    from claimtrail.store.stories import list_stories

    from conftest import CORPUS

    results = []
    for db in (str(tmp_path / "news.db"), postgres_server.new_database()):
        conn = connect(db)
        report = ingest(conn, [str(CORPUS / "ukraine-news")], on_problem=lambda p: None)
        stories = list_stories(conn)
        results.append((report.added, report.duplicates, stories,
                        [build_ledger(conn, s["id"]) for s in stories]))
        conn.close()
    (added, duplicates, stories, ledgers), on_postgres = results
    assert added > 400 and len(stories) > 10 and sum(
        len(v["claims"]) for ledger in ledgers for v in ledger["variables"]) > 50
    assert on_postgres == (added, duplicates, stories, ledgers)
