"""``claimtrail export`` and ``claimtrail serve`` on a store whose stories and ledgers come
from the real stories tables and ``claimtrail.reconcile.build_ledger``."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import httpx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import STORES
from data.web.fixture_store import attach_pipeline_stories, build_fixture_store
from test_web_pages import assert_anchors

from claimtrail.cli import main
from claimtrail.store.db import connect


@pytest.fixture(scope="module", params=STORES)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The store with real stories tables, in SQLite and in PostgreSQL."""
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("clistore") / "store.db")
    else:
        path = request.getfixturevalue("postgres_server").new_database()
    build_fixture_store(path)
    attach_pipeline_stories(path)
    return path


@pytest.fixture(scope="module")
def ledger(store: str) -> dict:
    from claimtrail.reconcile import build_ledger

    conn = connect(store)
    try:
        return json.loads(json.dumps(build_ledger(conn, 1)))
    finally:
        conn.close()


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def shape(ledger: dict) -> list[tuple[str, list]]:
    return [(v["id"], sorted(c["id"] for c in v["claims"])) for v in ledger["variables"]]


def n_claims(ledger: dict) -> int:
    return sum(len(v["claims"]) for v in ledger["variables"])


def test_export_json_is_the_real_ledger(store, ledger, tmp_path) -> None:
    out = tmp_path / "s.json"
    result = run("export", "1", "--format", "json", "--db", str(store), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text()) == ledger
    assert n_claims(ledger) == 12


def test_export_csv_and_parquet_have_a_row_per_claim(store, ledger, tmp_path) -> None:
    assert run("export", "1", "--format", "csv", "--db", str(store), "-o",
               str(tmp_path / "s.csv")).exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text())))
    assert len(rows) == n_claims(ledger)
    ids = {c["id"] for v in ledger["variables"] for c in v["claims"]}
    assert {int(r["claim_id"]) for r in rows} == ids
    assert run("export", "1", "--format", "parquet", "--db", str(store), "-o",
               str(tmp_path / "s.parquet")).exit_code == 0
    table = pq.read_table(tmp_path / "s.parquet")
    assert table.num_rows == n_claims(ledger)
    assert set(table.column("claim_id").to_pylist()) == ids


def test_export_html_default_name_and_stdout(store, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", "2", "--db", str(store))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "story-2.html").read_text()
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    result = run("export", "1", "--format", "json", "--db", str(store), "-o", "-")
    assert json.loads(result.stdout)["story"]["id"] == 1


def test_export_errors_are_one_clean_line(store, tmp_path) -> None:
    result = run("export", "42", "--db", str(store), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1 and "no story 42" in result.output
    assert not (tmp_path / "x.html").exists()
    result = run("export", "1", "--db", str(tmp_path / "missing.db"))
    assert result.exit_code == 1 and "no store here" in result.output
    assert not (tmp_path / "missing.db").exists()
    assert run("export", "1", "--format", "docx", "--db", str(store)).exit_code == 2


def test_serve_refuses_a_missing_store(tmp_path) -> None:
    result = run("serve", "--db", str(tmp_path / "nope.db"))
    assert result.exit_code == 1 and "no store here" in result.output


def test_serve_listens_on_loopback_and_serves_the_real_ledger(store, ledger) -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-c", "from claimtrail.cli import main; main()",
                             "serve", "--db", str(store), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        url = match.group(0).rstrip("/")
        with httpx.Client(base_url=url, timeout=10) as client:
            for _ in range(200):
                try:
                    r = client.get("/api/stories/1/ledger")
                    break
                except httpx.TransportError:
                    import time

                    time.sleep(0.05)
            assert r.status_code == 200
            served = r.json()
            # Same story, variables and claims as build_ledger gives in this process (not
            # byte-equal: the server process may have imported a newer reconcile).
            assert served["story"]["id"] == ledger["story"]["id"] == 1
            assert shape(served) == shape(ledger)
            stories = client.get("/api/stories").json()
            assert [s["id"] for s in stories["items"]] == [1, 2]
            assert stories["items"][0]["n_claims"] == 12
            page = client.get("/stories/1")
            panels = sum(1 + any(c.get("increment") or c.get("period_count")
                                 for c in v["claims"]) for v in ledger["variables"])
            assert page.status_code == 200
            assert page.text.count('<script type="application/json" id="spec-') == panels
            assert_anchors(page.text)          # with the real ledger's flags and checks
            assert client.get("/api/claims?story=2").json()["total"] == 3
    finally:
        proc.terminate()
        proc.wait(timeout=10)
