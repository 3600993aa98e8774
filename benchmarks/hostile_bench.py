#!/usr/bin/env python3
"""Long single-line documents and the hostile corpus, through the real command.

    python benchmarks/hostile_bench.py [--sizes 1,4,16,50] [--mode extract|ingest|both]
                                       [--corpus] [--keep DIR]

For each size (MB of ordinary prose on one line, tests/hostile_corpus.py) prints the
wall time and the peak resident memory of ``claimtrail extract FILE`` (claims only) and
of ``claimtrail ingest FILE`` (read, store, extract, stories), each in a fresh process
(the model load is included). ``--corpus`` also ingests the whole hostile corpus (with
long lines of the given sizes) and prints its inputs, logged reasons, tracebacks and
stored documents. Text past ExtractSettings.max_document_chars is not extracted: the
command says so, and the table shows it.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile_corpus import build, long_line_name, prose


def measure(args: list[str]) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit status, stderr) of one fresh claimtrail process."""
    with tempfile.TemporaryFile() as err, open(os.devnull, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "claimtrail", *args], stdout=out,
                                stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), text


def long_lines(sizes: list[int], mode: str, work: Path) -> None:
    print(f"{'size':>6} {'command':>8} {'seconds':>8} {'peak MB':>8} {'exit':>5}  note")
    for mb in sizes:
        path = work / long_line_name(mb * 1_000_000)
        if not path.exists():
            path.write_text(prose(mb * 1_000_000, seed=mb), encoding="utf-8")
        runs = []
        if mode in ("extract", "both"):
            runs.append(("extract", ["extract", str(path), "--format", "jsonl"]))
        if mode in ("ingest", "both"):
            db = work / f"line-{mb}.db"
            db.unlink(missing_ok=True)
            runs.append(("ingest", ["ingest", str(path), "--db", str(db)]))
        for name, args in runs:
            seconds, peak, code, err = measure(args)
            note = "cut at the extraction cap" if "extraction cap" in err else ""
            if "Traceback" in err:
                note = "TRACEBACK"
            print(f"{mb:>4}MB {name:>8} {seconds:>8.1f} {peak:>8.0f} {code:>5}  {note}",
                  flush=True)


def corpus(sizes: list[int], work: Path) -> None:
    folder = work / "hostile"
    expected = build(folder, line_sizes=tuple(mb * 1_000_000 for mb in sizes))
    db = work / "hostile.db"
    db.unlink(missing_ok=True)
    seconds, peak, code, err = measure(["ingest", str(folder), "--db", str(db)])
    conn = sqlite3.connect(db)
    reasons = conn.execute("SELECT count(*) FROM ingest_log WHERE status IN ('error', 'skipped')"
                           " AND reason IS NOT NULL").fetchone()[0]
    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    print(f"hostile corpus: {expected.inputs} inputs ({len(expected.good)} good, "
          f"{len(expected.bad)} bad, {len(expected.logged)} either), {reasons} logged reasons, "
          f"{err.count('Traceback')} tracebacks, {stored} documents stored, integrity {integrity}, "
          f"exit {code}, {seconds:.1f} s, peak {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,4,16,50", help="MB, comma-separated")
    parser.add_argument("--mode", choices=["extract", "ingest", "both"], default="extract")
    parser.add_argument("--corpus", action="store_true", help="also ingest the hostile corpus")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        long_lines(sizes, args.mode, work)
        if args.corpus:
            corpus(sizes, work)


if __name__ == "__main__":
    main()
