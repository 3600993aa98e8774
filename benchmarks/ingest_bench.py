"""Ingest benchmark: the ukraine-news corpus into a fresh store, without claim extraction.

    python benchmarks/ingest_bench.py [--corpus DIR] [--db FILE] [--stories] [--scale N]

Prints documents/s, peak memory, what was stored (documents, exact-copy aliases, copy
links), and checks that every article crawled more than once (the same hash in several
file names, ``<UTC timestamp>_<country>_<lang>_<hash>.txt``) ends up stored once or
linked as a copy. Exits 1 if one does not. ``--scale N`` then stores N synthetic
variants of the corpus texts (random word edits, so every one is new) to show how storing
and the near-duplicate index behave as the store grows.
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from claimtrail.ingest.dedup import NearDuplicateIndex
from claimtrail.models import Document
from claimtrail.pipeline import ingest, ingest_items
from claimtrail.store import connect
from claimtrail.store import documents as store

from shared_paths import CORPUS  # noqa: E402
DEFAULT_CORPUS = CORPUS / "ukraine-news"
HASHED_NAME = re.compile(r"^\d{8}T\d{6}Z_[A-Z]{2}_[a-z]{2}_([0-9a-f]+)\.txt$")


def recrawled(corpus: Path) -> dict[str, list[str]]:
    """Article hash -> its file names, for hashes seen more than once."""
    groups: dict[str, list[str]] = defaultdict(list)
    for path in sorted(corpus.iterdir()):
        match = HASHED_NAME.match(path.name)
        if match:
            groups[match.group(1)].append(path.name)
    return {h: names for h, names in groups.items() if len(names) > 1}


def fate(conn: sqlite3.Connection, names: list[str]) -> str:
    """'stored once', 'linked' (distinct documents joined by copy links) or what went wrong."""
    # A crawl with no article in it (a bare newsletter box) is rejected every time it is
    # read: consistent, so not a failure of dedup. One crawl rejected and another stored
    # would be.
    reasons = {r[0] for name in names for r in conn.execute(
        "SELECT reason FROM ingest_log WHERE status = 'error' AND input LIKE ?", (f"%/{name}",))}
    if len(reasons) == 1 and all(store.stored_as(conn, n) is None for n in names):
        return f"rejected every time: {reasons.pop()}"
    stored = {}
    for name in names:
        found = store.stored_as(conn, name)
        if found is None:
            return f"MISSING: {name} not stored"
        stored[name] = found[0]
    ids = set(stored.values())
    if len(ids) == 1:
        (kept,) = ids
        others = len(names) - (kept in names)
        return f"stored once as {kept} ({others} alias{'es' * (others != 1)})"
    marks = ",".join("?" * len(ids))
    links = conn.execute(f"SELECT document_id, copy_of, similarity FROM copies"
                         f" WHERE document_id IN ({marks}) AND copy_of IN ({marks})",
                         (*ids, *ids)).fetchall()
    # connected through links?
    parent = {i: i for i in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x
    for a, b, _ in links:
        parent[root(a)] = root(b)
    if len({root(i) for i in ids}) == 1:
        sims = ", ".join(f"{s:.2f}" for _, _, s in links)
        return f"linked ({len(ids)} documents, similarity {sims})"
    return f"NOT LINKED: {len(ids)} separate documents"


def scale_run(conn: sqlite3.Connection, n: int) -> None:
    """Store ``n`` edited variants of the stored texts; print throughput as the store grows."""
    texts = [r[0] for r in conn.execute("SELECT text FROM documents")]
    rng = random.Random(7)

    def variants() -> Iterator[Document]:
        for i in range(n):
            words = rng.choice(texts).split()
            for _ in range(max(3, len(words) // 5)):       # ~20% of words changed: new text
                words[rng.randrange(len(words))] = f"w{rng.randrange(10**9)}"
            yield Document(id=f"synthetic-{i}", text=" ".join(words), format="txt",
                           input=f"synthetic-{i}")

    started = time.perf_counter()
    report = ingest_items(conn, variants(), inputs=["synthetic"], extract=False, stories=False,
                          on_problem=lambda p: None)
    seconds = time.perf_counter() - started
    print(f"scale            +{n} synthetic documents in {seconds:.1f} s "
          f"({n / seconds:.0f} documents/s; {report.copies} linked as near-copies)")
    started = time.perf_counter()
    index = NearDuplicateIndex.from_store(conn)
    print(f"index rebuild    {len(index)} signatures loaded in "
          f"{time.perf_counter() - started:.2f} s (done at the start of every ingest)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory      {peak_mb:.0f} MB after scaling")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", type=Path, default=None, help="store file (default: a temp file)")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="then store N synthetic variants and time it")
    parser.add_argument("--stories", action="store_true",
                        help="also run story assignment (timed separately)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: pass --corpus DIR", file=sys.stderr)
        return 2
    workdir = tempfile.TemporaryDirectory()
    db = args.db or Path(workdir.name) / "bench.db"
    if db.exists():
        print(f"{db} exists: the benchmark needs a fresh store", file=sys.stderr)
        return 2
    files = sum(1 for p in args.corpus.iterdir() if p.is_file())

    conn = connect(db)
    started, cpu_started = time.perf_counter(), time.process_time()
    report = ingest(conn, [str(args.corpus)], extract=False, stories=False,
                    on_problem=lambda p: None)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    stats = store.stats(conn)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus           {args.corpus} ({files} files)")
    print(f"ingest time      {seconds:.2f} s wall, {cpu:.2f} s CPU "
          f"(read + clean + dedup + store, no extraction; wall is noisy on a shared machine)")
    print(f"throughput       {files / seconds:.1f} input files/s, "
          f"{report.added / seconds:.1f} stored documents/s "
          f"({files / cpu:.1f} files/s per CPU second)")
    print(f"peak memory      {peak_mb:.0f} MB (process max RSS)")
    print(f"stored documents {stats['documents']}")
    print(f"aliases          {stats['aliases']} (exact copies, stored once)")
    print(f"copy links       {stats['copy_links']} (near-duplicates, MinHash)")
    print(f"failed inputs    {report.failed}")
    for problem in report.problems[:10]:
        print(f"  {problem}")

    rerun_started = time.perf_counter()
    rerun = ingest(conn, [str(args.corpus)], extract=False, stories=False,
                   on_problem=lambda p: None)
    print(f"re-run           {time.perf_counter() - rerun_started:.2f} s, added "
          f"{rerun.added}, duplicates {rerun.duplicates}, skipped {rerun.skipped}"
          f" -> store unchanged: {store.stats(conn) == stats}")
    ok = rerun.added == 0 and store.stats(conn) == stats

    if args.stories:
        stories_started = time.perf_counter()
        # an ingest of nothing runs the stage still pending: stories for the runs above
        stories_run = ingest_items(conn, [], extract=False, stories=True)
        print(f"story assignment {time.perf_counter() - stories_started:.2f} s for "
              f"{stories_run.assigned_to_stories} documents (copy links now "
              f"{store.stats(conn)['copy_links']}, with the stories' own methods)")

    print("re-crawled articles (same hash, several timestamps):")
    for article, names in recrawled(args.corpus).items():
        outcome = fate(conn, names)
        ok &= not outcome.startswith(("MISSING", "NOT"))
        print(f"  {article} x{len(names)}: {outcome}")
    if args.scale:
        scale_run(conn, args.scale)
    conn.close()
    print("result           " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
