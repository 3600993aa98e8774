"""The hostile corpus (tests/hostile_corpus.py) through real processes: two ingests on one
store at once while ``serve`` reads it. Nothing crashes, every bad input gets its own
logged reason, every good document is stored once, and nothing is half-written."""
from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from hostile_corpus import build

from claimtrail.unicode_repair import repair_name

pytestmark = pytest.mark.slow


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimtrail", *args]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    server = subprocess.Popen(command("serve", "--db", str(db), "--port", str(port)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/stories", timeout=5).status_code == 200:
                return server, url
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError(f"serve did not come up: {server.communicate()[1]}")


def test_two_ingests_and_a_reader_on_the_hostile_corpus(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    expected = build(folder, line_sizes=(1_000_000,))
    db = tmp_path / "store.db"
    seed = tmp_path / "seed"
    seed.mkdir()
    first_good = Path(next(iter(expected.good)))
    (seed / first_good.name).write_bytes(first_good.read_bytes())
    subprocess.run(command("ingest", str(seed), "--db", str(db)), check=True,
                   capture_output=True, timeout=300)

    server, url = start_server(db)
    statuses: list[int] = []
    try:
        ingests = [subprocess.Popen(command("ingest", str(folder), "--db", str(db)),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for _ in range(2)]
        while any(p.poll() is None for p in ingests):
            for path in ("/api/stories", "/api/claims?limit=5", "/", "/log"):
                statuses.append(httpx.get(url + path, timeout=30).status_code)
            time.sleep(0.2)
        outputs = [p.communicate(timeout=600) for p in ingests]
    finally:
        server.terminate()
        _, server_err = server.communicate(timeout=30)

    assert statuses and set(statuses) == {200}, statuses
    assert "Traceback" not in server_err, server_err
    for proc, (_out, err) in zip(ingests, outputs):
        assert "Traceback" not in err, err
        assert proc.returncode == 2, err             # some inputs failed, the rest stored
        for path in expected.bad:
            assert repair_name(path) in err          # each bad input named on its own line

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    runs = [r[0] for r in conn.execute("SELECT id FROM ingest_runs WHERE id > 1")]
    assert len(runs) == 2
    assert conn.execute("SELECT count(*) FROM ingest_runs WHERE finished_at IS NULL"
                        ).fetchone()[0] == 0

    for run in runs:
        for path, words in expected.bad.items():
            # the input as logged: the path, or the path and a line ("x.jsonl:line 1")
            reasons = [r[0] for r in conn.execute(
                "SELECT reason FROM ingest_log WHERE run_id = :run AND status = 'error' AND"
                " substr(input, 1, length(:path)) = :path",
                {"run": run, "path": repair_name(path)})]
            assert len(reasons) == 1 and words in reasons[0], (path, reasons)
    for path in expected.logged:      # stored by one run (the other skips it), or refused
        assert conn.execute("SELECT count(*) FROM ingest_log WHERE"
                            " substr(input, 1, length(:path)) = :path",
                            {"path": path}).fetchone()[0] >= 1, path

    for path, words in expected.good.items():
        shown = repair_name(path)
        if Path(path).name == first_good.name:
            shown = str(seed / first_good.name)      # stored by the seed ingest, kept as is
        rows = conn.execute("SELECT text FROM documents WHERE input = ?", (shown,)).fetchall()
        assert len(rows) == 1, (path, len(rows))
        assert words in rows[0][0]
    assert conn.execute("SELECT count(*) FROM documents WHERE instr(text, ?) > 0",
                        (expected.secret,)).fetchone()[0] == 0
    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    # every stored document went through every stage: nothing half-done
    for table in ("minhashes", "extractions"):
        assert conn.execute(f"SELECT count(*) FROM documents WHERE id NOT IN"
                            f" (SELECT document_id FROM {table})").fetchone()[0] == 0, table
    conn.close()

    again = subprocess.run(command("ingest", str(folder), "--db", str(db)), check=False,
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 2 and "Traceback" not in again.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == stored
