"""Bad input as a new user meets it: one clear line, the right exit status, no traceback."""
from __future__ import annotations

import csv
import io
import os
import random
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimtrail.cli import main


@pytest.fixture(autouse=True)
def no_story_clustering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Story features load spaCy; these tests are about bad input."""
    monkeypatch.setenv("CLAIMTRAIL_NO_STORIES", "1")


def cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line_error(result: Result) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("content", [b"hello, not a database\n",
                                     random.Random(3).randbytes(4096)], ids=["text", "random"])
def test_a_db_that_is_not_sqlite_is_one_line(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(content)
    for args in (("docs",), ("ingest", str(tmp_path / "x.txt")), ("claims",)):
        result = cli(*args, "--db", db)
        assert result.exit_code == 1
        assert "file is not a database" in one_line_error(result)
    assert db.read_bytes() == content                      # left as it was


def test_another_programs_sqlite_file_is_not_migrated(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    result = cli("docs", "--db", db)
    assert result.exit_code == 1 and "another program" in one_line_error(result)
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"contacts"}


@pytest.mark.parametrize("folder", ["empty", "missing"])
def test_an_empty_or_mistyped_folder_says_nothing_was_found(tmp_path: Path, folder: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".hidden.txt").write_text("About 300 troops were sent.")
    result = cli("ingest", tmp_path / folder, "--db", tmp_path / "s.db")
    assert result.exit_code == 2
    assert "nothing readable was found in" in result.stderr
    assert "Traceback" not in result.stderr


def test_furniture_only_pages_are_skipped_and_a_rerun_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "article.txt").write_text("About 300 troops were sent to the border on Monday, "
                                        "the defence ministry said.\n")
    (folder / "comments.txt").write_text("Leave a reply\nCancel reply\n")
    db = tmp_path / "s.db"
    first = cli("ingest", folder, "--db", db, "--no-extract")
    assert first.exit_code == 0, first.stderr
    assert "skipped: " in first.stderr and "comments.txt" in first.stderr
    assert "1 added" in first.stdout and "1 skipped (no article text)" in first.stdout
    again = cli("ingest", folder, "--db", db, "--no-extract")
    assert again.exit_code == 0 and "0 added" in again.stdout
    with sqlite3.connect(db) as conn:
        statuses = [r[0] for r in conn.execute(
            "SELECT status FROM ingest_log WHERE input LIKE '%comments.txt'")]
    assert statuses == ["skipped", "skipped"]


def test_claims_with_an_unknown_kind_names_the_valid_ones(tmp_path: Path) -> None:
    result = cli("claims", "--kind", "bogus", "--db", tmp_path / "s.db")
    assert result.exit_code == 2
    assert "'bogus' is not one of" in result.stderr and "'killed'" in result.stderr


def test_serve_on_a_busy_port_fails_before_the_banner(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert cli("ingest", tmp_path / "none", "--db", db).exit_code == 2    # makes the store
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "claimtrail", "serve", "--db", str(db),
                               "--port", str(port)], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_a_mistyped_spacy_model_variable_is_an_error(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("About 300 troops were sent, the ministry said.")
    env = {**os.environ, "CLAIMTRAIL_SPACY_MODEL": "en_core_web_mdd"}
    done = subprocess.run([sys.executable, "-m", "claimtrail", "extract", str(text)],
                          check=False, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 1 and done.stdout == ""
    assert "'en_core_web_mdd' (named by CLAIMTRAIL_SPACY_MODEL)" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_extract_csv_defuses_formula_cells(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text('=HYPERLINK("http://evil.example","x") 300 soldiers were killed, '
                    "officials said.\n@SUM(1) More than 200 troops were wounded.\n")
    result = CliRunner().invoke(main, ["extract", str(text), "--format", "csv"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(not r["sentence"].startswith(("=", "+", "-", "@")) for r in rows)
    assert any(r["sentence"].startswith("'=HYPERLINK") for r in rows)
