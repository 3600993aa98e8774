"""``claimtrail ingest / docs / doc / search / log`` in process, on real files."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CORPUS, EXAMPLE, ROOT

from claimtrail.cli import main
from claimtrail.store import connect
from claimtrail.store.connection import store_exists

MANIFEST = ROOT / "examples" / "kursk-manifest.csv"
NEWS = CORPUS / "ukraine-news"


@pytest.fixture(autouse=True)
def no_story_clustering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Story features load spaCy; these tests are about storing (stages: test_pipeline).
    The variable is --no-stories's own (click reads it)."""
    monkeypatch.setenv("CLAIMTRAIL_NO_STORIES", "1")


def cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def counts(db: str) -> tuple[int, int, int]:
    conn = connect(db, migrate_schema=False)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]   # type: ignore
                     for t in ("documents", "document_aliases", "copies"))
    finally:
        conn.close()


def test_ingest_the_example_then_read_it_back(store_url: str) -> None:
    result = cli("ingest", EXAMPLE, "--manifest", MANIFEST, "--db", store_url, "--no-extract")
    assert result.exit_code == 0, result.output
    assert "5 added" in result.output and "0 failed" in result.output

    docs = json.loads(cli("docs", "--db", store_url, "--json").output)
    assert len(docs) == 5
    assert {"id", "title", "outlet", "url", "published", "origin", "copies", "text"} <= set(docs[0])
    by_id = {d["id"]: d for d in docs}
    assert all(d["published"] for d in docs)             # the manifest dates every seed
    seed = by_id["002_7c1b3e37c3792be6.txt"]
    assert "over 5,000 casualties" in seed["text"]

    assert len(json.loads(cli("docs", "--db", store_url, "--json", "--limit", "2").output)) == 2
    one = json.loads(cli("doc", "002_7c1b3e37c3792be6.txt", "--db", store_url, "--json").output)
    assert one["id"] == "002_7c1b3e37c3792be6.txt" and one["text"] == seed["text"]
    shown = cli("doc", "002_7c1b3e37c3792be6.txt", "--db", store_url).output
    assert "over 5,000 casualties" in shown

    hits = json.loads(cli("search", "casualties", "--db", store_url, "--json").output)
    found = [h["id"] for h in hits]
    assert {"002_7c1b3e37c3792be6.txt", "004_f3a69888d00d513d.txt"} <= set(found)
    assert all(h["snippet"] for h in hits)
    assert "002_7c1b3e37c3792be6.txt" in cli("search", "casualties", "--db", store_url).output

    log = json.loads(cli("log", "--db", store_url, "--json").output)
    assert sorted(r["status"] for r in log) == ["ok"] * 5
    runs = json.loads(cli("log", "--runs", "--db", store_url, "--json").output)
    assert runs[0]["added"] == 5 and runs[0]["finished_at"]


def test_running_the_same_ingest_again_adds_nothing(store_url: str) -> None:
    cli("ingest", EXAMPLE, "--db", store_url, "--no-extract")
    before = counts(store_url)
    again = cli("ingest", EXAMPLE, "--db", store_url, "--no-extract", "--json")
    report = json.loads(again.output)
    assert again.exit_code == 0
    assert (report["added"], report["duplicates"], report["skipped"]) == (0, 0, 5)
    assert counts(store_url) == before


def test_a_bad_file_is_reported_and_the_batch_goes_on_with_exit_2(
        tmp_path: Path, store_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE / "002_7c1b3e37c3792be6.txt", folder)
    (folder / "broken.json").write_text('{"title": "half a record",', encoding="utf-8")
    (folder / "noise.txt").write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(main, ["ingest", str(folder), str(tmp_path / "missing.html"),
                                       "--db", str(store_url), "--no-extract"])
    assert result.exit_code == 2
    assert counts(store_url)[0] == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3
    assert any("broken.json" in e for e in errors) and any("missing.html" in e for e in errors)
    logged = json.loads(cli("log", "--errors", "--db", store_url, "--json").output)
    assert {Path(r["input"]).name for r in logged} == {"broken.json", "noise.txt",
                                                       "missing.html"}
    assert all(r["reason"] for r in logged)
    report = json.loads(CliRunner().invoke(main, ["ingest", str(folder), "--db", str(store_url),
                                                  "--no-extract", "--json"]).stdout)
    assert report["ok"] is False and report["failed"] == 2 and report["skipped"] == 1


def test_read_commands_on_a_missing_store_say_what_to_do(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "none.db"
    for args in (["docs"], ["doc", "x"], ["search", "troops"], ["log"]):
        result = CliRunner().invoke(main, [*args, "--db", str(missing)])
        assert result.exit_code == 1
        assert f"no store at {missing}" in result.output
        assert "claimtrail ingest" in result.output
    assert not missing.exists()          # a read command never creates an empty store
    monkeypatch.setattr(sys, "argv", ["claimtrail", "docs", "--json"])
    result = CliRunner().invoke(main, ["docs", "--db", str(missing), "--json"])
    assert json.loads(result.output)["error"]["code"] == "no_store"


def test_unknown_document_and_empty_query_are_clear_errors(store_url: str) -> None:
    cli("ingest", EXAMPLE / "002_7c1b3e37c3792be6.txt", "--db", store_url, "--no-extract")
    result = CliRunner().invoke(main, ["doc", "nope.txt", "--db", str(store_url)])
    assert result.exit_code == 1 and "no document 'nope.txt'" in result.output
    result = CliRunner().invoke(main, ["search", '"()"', "--db", str(store_url)])
    assert result.exit_code == 1 and "no words" in result.output
    result = CliRunner().invoke(main, ["search", 'casualties AND ("', "--raw",
                                       "--db", str(store_url)])
    if store_url.startswith("postgresql://"):   # websearch syntax: never an error
        assert result.exit_code == 0 and "002_7c1b3e37c3792be6.txt" in result.output
    else:
        assert result.exit_code == 1 and "invalid FTS5 query" in result.output
    assert cli("search", 'casualties AND ("', "--db", store_url).exit_code == 0


def test_real_recrawls_are_stored_once_or_linked(tmp_path: Path, store_url: str) -> None:
    folder = tmp_path / "recrawls"
    folder.mkdir()
    exact = sorted(NEWS.glob("*_150b309295.txt"))          # crawled 3 times, same text
    edited = sorted(NEWS.glob("*_07addd3422.txt"))         # re-crawled after a small edit
    for path in (*exact, *edited):
        shutil.copy(path, folder)
    result = cli("ingest", folder, "--db", store_url, "--no-extract", "--json")
    report = json.loads(result.output)
    assert (report["added"], report["duplicates"], report["copies"]) == (3, 2, 1)
    assert counts(store_url) == (3, 2, 1)

    stored = json.loads(cli("doc", exact[0].name, "--db", store_url, "--json").output)
    assert stored["id"] == exact[0].name                   # the earliest crawl is kept...
    assert [a["alias"] for a in stored["aliases"]] == [p.name for p in exact[1:]]
    alias = json.loads(cli("doc", exact[2].name, "--db", store_url, "--json").output)
    assert alias["id"] == exact[0].name                    # ...and the others resolve to it
    later = json.loads(cli("doc", edited[1].name, "--db", store_url, "--json").output)
    assert [c["id"] for c in later["copy_of"]] == [edited[0].name]
    assert later["copy_of"][0]["similarity"] >= 0.9
    listed = {d["id"]: d for d in json.loads(cli("docs", "--db", store_url, "--json").output)}
    assert listed[edited[0].name]["copies"] == 1


def test_a_missing_manifest_stops_before_storing_anything(tmp_path: Path, store_url: str) -> None:
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--manifest",
                                       str(tmp_path / "nope.csv"), "--db", str(store_url)])
    assert result.exit_code == 1 and "no manifest at" in result.output
    assert not store_exists(store_url)


def test_claimtrail_db_names_the_store_for_every_command(store_url: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMTRAIL_DB", store_url)
    assert cli("ingest", EXAMPLE / "002_7c1b3e37c3792be6.txt", "--no-extract").exit_code == 0
    docs = json.loads(cli("docs", "--json").output)
    assert [d["id"] for d in docs] == ["002_7c1b3e37c3792be6.txt"]
    assert counts(store_url) == (1, 0, 0)


def test_an_unreachable_database_server_is_one_clear_line() -> None:
    result = CliRunner().invoke(main, ["docs", "--db",
                                       "postgresql://nobody:secret@127.0.0.1:1/claimtrail"])
    assert result.exit_code == 1
    line = result.output.strip()
    assert line.startswith("Error: ") and "cannot open the store" in line and "\n" not in line
    assert "secret" not in line and "--db URL" in line
