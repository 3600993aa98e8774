"""kill -9 in the middle of an ingest leaves a consistent store, and a rerun completes it."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import CORPUS

from claimtrail.errors import ClaimtrailError
from claimtrail.pipeline import ingest
from claimtrail.store import StoreError, connect
from claimtrail.store.connection import store_exists

NEWS = CORPUS / "ukraine-news"

# Runs the real CLI in a child process; each document insert is slowed down so that the
# kill reliably lands while documents are being stored (a test harness, not a feature).
HARNESS = textwrap.dedent("""
    import os, sys, time
    from claimtrail import pipeline
    from claimtrail.store import documents
    _add = documents.add_document
    def slow_add(*args, **kwargs):
        time.sleep(float(os.environ.get("CLAIMTRAIL_TEST_DELAY", "0")))
        return _add(*args, **kwargs)
    documents.add_document = slow_add
    from claimtrail.cli import main
    main(sys.argv[1:], prog_name="claimtrail")
""")


def snapshot(db: str) -> dict[str, object]:
    conn = connect(db, migrate_schema=False)
    try:
        return {
            "documents": sorted(r[0] for r in conn.execute("SELECT id FROM documents")),
            "aliases": sorted(tuple(r) for r in conn.execute(
                "SELECT alias, document_id FROM document_aliases")),
            "copies": sorted(tuple(r) for r in conn.execute(
                "SELECT document_id, copy_of FROM copies")),
            "minhashes": conn.execute("SELECT count(*) FROM minhashes").fetchone()[0],
        }
    finally:
        conn.close()


@pytest.mark.slow
def test_kill_9_midway_then_rerun_matches_a_clean_run(tmp_path: Path, store_url: str) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    chosen = sorted(NEWS.glob("*.txt"))[:100] + sorted(NEWS.glob("*_07addd3422.txt"))
    for path in chosen:
        shutil.copy(path, folder)
    harness = tmp_path / "harness.py"
    harness.write_text(HARNESS, encoding="utf-8")
    db = store_url
    command = [sys.executable, str(harness), "ingest", str(folder), "--db", str(db),
               "--no-extract", "--no-stories"]     # spaCy is not the point

    child = subprocess.Popen(command, env={**os.environ, "CLAIMTRAIL_TEST_DELAY": "0.05"},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
        try:
            if not store_exists(db):
                continue
            probe = connect(db, migrate_schema=False)
            try:
                stored = probe.execute("SELECT count(*) FROM ingest_log").fetchone()[0]
            finally:
                probe.close()
        except (StoreError, ClaimtrailError):
            continue           # schema still being created
        if stored >= 30:
            break
    assert child.poll() is None, "the ingest finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    conn = connect(db)
    if conn.dialect == "sqlite":
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    else:   # the search index holds exactly the stored documents
        assert conn.execute("SELECT count(*) FROM documents_search s JOIN documents d"
                            " ON d.rowid = s.document_rowid").fetchone()[0] == \
            conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    orphans = conn.execute("SELECT count(*) FROM ingest_log WHERE document_id IS NOT NULL"
                           " AND document_id NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert orphans == 0, "a logged document is missing"
    unlogged = conn.execute("SELECT count(*) FROM documents WHERE id NOT IN"
                            " (SELECT document_id FROM ingest_log WHERE document_id IS NOT NULL)"
                            ).fetchone()[0]
    assert unlogged == 0, "a stored document has no log row"
    partial = snapshot(db)
    assert partial["minhashes"] == len(partial["documents"])          # type: ignore[arg-type]
    assert conn.execute("SELECT finished_at FROM ingest_runs").fetchone()[0] is None
    conn.close()

    clean_db = str(tmp_path / "clean.db")
    clean = connect(clean_db)
    report = ingest(clean, [str(folder)], extract=False, stories=False)
    clean.close()
    # The sample holds crawls of a bare newsletter box (furniture only): a clean run
    # reports them as skipped, not failed, and so must the resumed one (exit status 0).
    assert report.empty >= 1 and not report.problems
    status = 0 if report.ok else 2

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == status, rerun.stderr
    resumed = snapshot(db)
    expected = snapshot(clean_db)
    assert 0 < len(partial["documents"]) < len(expected["documents"])  # type: ignore[arg-type]
    assert resumed == expected
    assert len(expected["aliases"]) >= 2 and len(expected["copies"]) >= 1  # type: ignore

    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == status and snapshot(db) == expected
