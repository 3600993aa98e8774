"""Wall time of ``claimtrail ingest`` per engine: local (this process) and Spark local[2].

    python3 benchmarks/engine_bench.py [--master local[2]] [--corpus seeds|ukraine-news|html-bench|both]

``both`` is the seeds and ukraine-news; ``html-bench`` (314 HTML pages) shows the reading
pass, whose trafilatura runs on the executors with Spark. Each run ingests into a fresh
SQLite store, extraction and stories included, and checks that both engines stored the
same documents and claims. Spark's start-up (the JVM) is
timed on its own; its first run also pays each Python worker's spaCy loads, so the
Spark runs are repeated once on warm workers.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from claimtrail.engine import Engine, LocalEngine
from claimtrail.pipeline import ingest
from claimtrail.store import connect

from shared_paths import CORPUS, ROOT  # noqa: E402

CORPORA = {
    "seeds": ([str(ROOT / "examples" / "kursk")], str(ROOT / "examples" / "kursk-manifest.csv")),
    "ukraine-news": ([str(CORPUS / "ukraine-news")], None),
    "html-bench": ([str(CORPUS / "html-bench")], None),          # 314 HTML pages
}


def run(engine: Engine, corpus: str, folder: Path, label: str) -> tuple[float, Path]:
    inputs, manifest = CORPORA[corpus]
    db = folder / f"{corpus}-{label}.db"
    conn = connect(db)
    started = time.perf_counter()
    report = ingest(conn, inputs, manifest=manifest, engine=engine, on_problem=lambda p: None)
    seconds = time.perf_counter() - started
    conn.close()
    print(f"  {label:<14} {seconds:7.1f} s  {report.added / seconds:6.1f} docs/s  "
          f"({report.added} stored, {report.extracted} extracted)", flush=True)
    return seconds, db


def stored(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    docs = sorted(conn.execute("SELECT id, content_hash FROM documents"))
    claims = sorted(conn.execute("SELECT * FROM claims"), key=lambda r: (r[1], r[2]))
    conn.close()
    return docs, [row[1:] for row in claims]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--corpus", choices=[*CORPORA, "both"], default="both")
    args = parser.parse_args()
    from claimtrail.engine.spark import SparkEngine, start_session

    corpora = ["seeds", "ukraine-news"] if args.corpus == "both" else [args.corpus]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        session = start_session(args.master)
        print(f"Spark start-up ({args.master}): {time.perf_counter() - started:.1f} s")
        spark = SparkEngine(session)
        for corpus in corpora:
            print(corpus)
            _, local_db = run(LocalEngine(), corpus, folder, "local")
            _, spark_db = run(spark, corpus, folder, "spark")
            _, warm_db = run(spark, corpus, folder, "spark (warm)")
            same = stored(local_db) == stored(spark_db) == stored(warm_db)
            print(f"  same documents and claims: {same}")
            ok &= same
        session.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
