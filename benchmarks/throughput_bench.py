"""End-to-end throughput of ``claimtrail ingest``: the CLI, into a fresh SQLite store.

    python3 benchmarks/throughput_bench.py [--corpus DIR] [--runs N] [--workers N]

Each run starts ``claimtrail ingest CORPUS --db FRESH`` as its own process (reading,
extraction, story features, stories and copy links included, as a user runs it) and
prints its wall time, CPU (user + sys of the command and every process it started),
documents/s (inputs read per wall second: 431 ukraine-news inputs in 7.2 s is 60/s),
the peak resident memory of its largest process, and the load average before it
started (the machine is shared: read the CPU seconds when the load is high). A
fingerprint of what was stored (every claim, every story membership, every copy link)
is printed per run, so a change that should not alter the results can be checked
against the figures of the run before it.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_paths import CORPUS, ROOT  # noqa: E402


def fingerprint(db: Path) -> tuple[str, dict[str, int]]:
    """A hash of the stored claims (with their source), story memberships (as groups of
    documents) and copy links, and how many of each."""
    conn = sqlite3.connect(db)
    claims = sorted(conn.execute(
        "SELECT c.document_id, c.seq, c.sentence, c.span_start, c.span_end, c.quote, c.low,"
        " c.high, c.qualifier, c.unit, c.kind, c.subject, s.name, c.source_mention,"
        " c.source_via, c.time_text, c.time_start, c.time_end, c.place, c.derived,"
        " c.derived_from FROM claims c LEFT JOIN sources s ON s.id = c.source_id"), key=repr)
    members = sorted(conn.execute("SELECT document_id, story_id, score FROM story_members"),
                     key=repr)
    titles = sorted(conn.execute("SELECT id, title FROM stories"), key=repr)
    copies = sorted(conn.execute("SELECT document_id, copy_of, similarity, method FROM copies"),
                    key=repr)
    docs = sorted(conn.execute("SELECT id, content_hash FROM documents"))
    conn.close()
    digest = hashlib.sha256(repr((docs, claims, members, titles, copies)).encode()).hexdigest()
    return digest[:16], {"documents": len(docs), "claims": len(claims),
                         "stories": len(titles), "copies": len(copies)}


def run_once(corpus: Path, folder: Path, k: int, env: dict[str, str]) -> dict[str, object]:
    db = folder / f"run{k}.db"
    load = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimtrail", "ingest", str(corpus),
                           "--db", str(db)], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"ingest failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    inputs = sum(1 for p in corpus.rglob("*") if p.is_file())
    digest, counts = fingerprint(db)
    return {"wall": wall, "cpu": cpu, "inputs": inputs, "docs_s": inputs / wall,
            "peak_mb": after.ru_maxrss / 1024, "load": load[0], "digest": digest, **counts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS / "ukraine-news")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="the claimtrail sources to run (another checkout's src, to compare)")
    parser.add_argument("--workers", type=int, default=None,
                        help="CLAIMTRAIL_WORKERS for the runs (default: the config's)")
    args = parser.parse_args()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(args.src.resolve()),
                                                      env.get("PYTHONPATH")]))
    if args.workers is not None:
        env["CLAIMTRAIL_WORKERS"] = str(args.workers)
    print(f"claimtrail ingest {args.corpus} into a fresh SQLite store, {args.runs} run(s), "
          f"{os.cpu_count()} cores")
    print(f"{'run':>3} {'load':>5} {'wall s':>7} {'CPU s':>6} {'docs/s':>7} {'peak MB':>8}"
          f"  stored")
    results = []
    with tempfile.TemporaryDirectory(prefix="claimtrail-throughput-") as tmp:
        for k in range(args.runs):
            r = run_once(args.corpus, Path(tmp), k, env)
            results.append(r)
            print(f"{k + 1:>3} {r['load']:5.2f} {r['wall']:7.2f} {r['cpu']:6.2f} "
                  f"{r['docs_s']:7.1f} {r['peak_mb']:8.0f}  {r['documents']} documents, "
                  f"{r['claims']} claims, {r['stories']} stories, {r['copies']} copy links;"
                  f" fingerprint {r['digest']}", flush=True)
    walls = [float(r["wall"]) for r in results]
    cpus = [float(r["cpu"]) for r in results]
    best = min(walls)
    print(f"best wall {best:.2f} s ({results[0]['inputs'] / best:.1f} docs/s), median wall "
          f"{statistics.median(walls):.2f} s, median CPU {statistics.median(cpus):.2f} s, "
          f"load average now {os.getloadavg()[0]:.2f}")
    if len({r["digest"] for r in results}) > 1:
        print("the runs stored different results", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
