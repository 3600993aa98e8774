#!/usr/bin/env python3
"""How claimtrail's cost grows with the store: 1k, 10k, 100k documents.

    python3 benchmarks/scale_bench.py [--sizes 1000,10000,100000] [--full-max 10000]
        [--last 1000] [--run local:sqlite] [--run spark:postgresql://...] [--keep DIR]

The documents are ukraine-news replicated: replica r of an article swaps 12 % of its
words among themselves (so the bag of words stays, but no two replicas are exact or
near copies for ingest's dedup) and moves its date by up to a year either way.

For each size N and each ``--run ENGINE:STORE`` (engine ``local`` or ``spark``; store
``sqlite`` or a ``postgresql://`` URL), in a fresh process (so peak memory is that
size's):

* N <= --full-max: a real ``ingest`` of N - last documents (JSONL), then of the last
  ``--last``, with the engine named; prints wall time, documents/s, peak memory (RSS of
  the process and of its workers), claims/s, the streamed per-document step (read,
  dedup, store, extraction and story features) and story assignment, and the stories
  step of the last ingest alone (story assignment of the last 1k).
* N > --full-max: PRE-FILLED, labelled so: the first N - last documents are written to
  the store directly, with features copied from their original article (the word swaps
  keep its bag of words; dates are the replica's), indexed by the real index code, and
  put in stories by their original's story and 60-day period (not clustered). Then the
  last documents are assigned by the real ``assign_stories`` (features computed from
  their text, blocking, placement, titles, copy links), which is what is timed.

At the end, how each step's time grows with size: the exponent k of time ~ N^k between
consecutive sizes (1: linear in N; 0: independent of the store's size).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared_paths import CORPUS  # noqa: E402

UKRAINE = CORPUS / "ukraine-news"
_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z_")
SWAP_SHARE = 0.12
SHIFT_DAYS = 365
PERIOD_DAYS = 60


# --- the replicated corpus ---------------------------------------------------------------

def originals() -> list[dict[str, Any]]:
    out = []
    seen: set[str] = set()
    for path in sorted(UKRAINE.glob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8").strip()
        except (UnicodeDecodeError, OSError):
            continue
        m = _STAMP.match(path.name)
        digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        if not text or not m or digest in seen:
            continue                   # re-crawls: one copy of each article
        seen.add(digest)
        y, mo, d, h, mi, s = m.groups()
        out.append({"name": path.stem, "text": text,
                    "published": f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"})
    return out


def replica(orig: dict[str, Any], index: int, r: int) -> dict[str, Any]:
    """Replica ``r`` of an article: 12 % of its words swapped among themselves, its date
    moved; replica 0 is the article itself."""
    from datetime import datetime, timedelta

    if r == 0:
        return {"id": orig["name"], "text": orig["text"], "published": orig["published"],
                "original": index}
    rng = random.Random(f"{orig['name']}/{r}")
    words = orig["text"].split(" ")
    picked = rng.sample(range(len(words)), max(2, int(len(words) * SWAP_SHARE)))
    moved = [words[i] for i in picked]
    rng.shuffle(moved)
    for i, w in zip(picked, moved, strict=True):
        words[i] = w
    when = datetime.fromisoformat(orig["published"].replace("Z", "+00:00")) + \
        timedelta(days=rng.randint(-SHIFT_DAYS, SHIFT_DAYS))
    return {"id": f"{orig['name']}~{r}", "text": " ".join(words),
            "published": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "original": index}


def corpus(start: int, stop: int, base: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Documents ``start`` to ``stop`` of the replicated corpus, made one at a time."""
    for k in range(start, stop):
        yield replica(base[k % len(base)], k % len(base), k // len(base))


def write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps({"id": rec["id"], "text": rec["text"],
                                "published": rec["published"]}) + "\n")


# --- one measurement (in its own process) ----------------------------------------------

def _cpu() -> float:
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def _peak_mb() -> float:
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(a.ru_maxrss, b.ru_maxrss) / 1024


class StepClock:
    """Wall time of story assignment, by wrapping what the pipeline calls; the rest of an
    ingest is one streamed step (read, dedup and store, with extraction and story
    features on the engine's workers)."""

    def __init__(self) -> None:
        import claimtrail.stories

        self.seconds = {"stories": 0.0, "stories_cpu": 0.0}
        real = claimtrail.stories.assign_stories

        def timed(*args: Any, **kwargs: Any) -> Any:
            started, cpu = time.perf_counter(), _cpu()
            try:
                return real(*args, **kwargs)
            finally:
                self.seconds["stories"] += time.perf_counter() - started
                # this process and the processes it forked and joined meanwhile
                self.seconds["stories_cpu"] += _cpu() - cpu

        claimtrail.stories.assign_stories = timed


def open_store(store: str, folder: Path) -> Any:
    from claimtrail.store import connect

    if store == "sqlite":
        conn = connect(folder / "bench.db")
        # a 512 MB page cache (SQLite's default is 2 MB): the index of a 100k store is
        # over a gigabyte, and the benchmark measures the algorithm, not page faults.
        # The cache counts in the peak memory (CLAIMTRAIL_BENCH_CACHE_MB to change it).
        cache_mb = int(os.environ.get("CLAIMTRAIL_BENCH_CACHE_MB", "512"))
        conn.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")
        return conn
    return connect(store)


def measure_ingest(n: int, last: int, engine: str, store: str, folder: Path) -> dict[str, Any]:
    from claimtrail import pipeline

    base = originals()
    first, final = folder / "first.jsonl", folder / "last.jsonl"
    write_jsonl(corpus(0, n - last, base), first)
    write_jsonl(corpus(n - last, n, base), final)
    clock = StepClock()
    conn = open_store(store, folder)
    from claimtrail.engine import make_engine

    runner = make_engine(engine)
    started, cpu0 = time.perf_counter(), _cpu()
    if n > last:
        pipeline.ingest(conn, [str(first)], on_problem=lambda p: None, engine=runner)
    before_last = dict(clock.seconds)
    pipeline.ingest(conn, [str(final)], on_problem=lambda p: None, engine=runner)
    runner.close()
    wall = time.perf_counter() - started
    docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    claims = conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    stories = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    steps = clock.seconds
    return {"mode": "ingest", "documents": docs, "wall": wall, "cpu": _cpu() - cpu0,
            "docs_per_s": docs / wall, "claims": claims, "claims_per_s": claims / wall,
            "stories": stories, "peak_mb": _peak_mb(),
            "read_store": wall - steps["stories"], "stories_all": steps["stories"],
            "stories_cpu": steps["stories_cpu"],
            "assign_last": steps["stories"] - before_last["stories"],
            "assign_cpu": steps["stories_cpu"] - before_last["stories_cpu"]}


def measure_prefilled(n: int, last: int, store: str, folder: Path) -> dict[str, Any]:
    from claimtrail.store import atomic
    from claimtrail.stories import assign_stories

    base = originals()
    conn = open_store(store, folder)
    started = time.perf_counter()
    prefill(conn, base, n - last, folder)
    prefill_s = time.perf_counter() - started
    final = list(corpus(n - last, n, base))
    with atomic(conn):
        for rec in final:
            _insert_document(conn, rec)
    started, cpu0 = time.perf_counter(), _cpu()
    assign_stories(conn, [rec["id"] for rec in final])
    assign = time.perf_counter() - started
    docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    stories = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    return {"mode": "PRE-FILLED", "documents": docs, "prefill": prefill_s,
            "assign_last": assign, "assign_cpu": _cpu() - cpu0, "stories": stories,
            "peak_mb": _peak_mb()}


def _insert_document(conn: Any, rec: dict[str, Any]) -> None:
    # by id and text: a short article's replicas may read alike, and each is a document
    digest = hashlib.sha256((rec["id"] + " ".join(rec["text"].split())).encode()).hexdigest()
    conn.execute("INSERT INTO documents(id, published, published_from, text, content_hash,"
                 " input, format) VALUES (?, ?, 'metadata', ?, ?, 'scale_bench', 'jsonl')",
                 (rec["id"], rec["published"], rec["text"], digest))


def prefill(conn: Any, base: list[dict[str, Any]], n: int, folder: Path) -> None:
    """Documents, features (their original's, with the replica's day), the index, and
    stories by original story and period: written directly, not computed per document."""
    import dataclasses

    from claimtrail.store import atomic
    from claimtrail.store import stories as story_store
    from claimtrail.stories import assign_stories
    from claimtrail.stories.features import compute_features, day_number
    from claimtrail.stories import index as story_index
    from claimtrail.stories.index import index_documents

    # A replica's LSH bands are its original's (same terms and names): hashed once.
    bands: dict[str, list[str]] = {}
    real_bands = story_index.lsh_bands

    def original_bands(feats: Any, settings: Any = story_index.BLOCKING) -> list[str]:
        key = feats.document_id.split("~")[0]
        if key not in bands:
            bands[key] = real_bands(feats, settings)
        return bands[key]

    story_index.lsh_bands = original_bands

    # the originals' features and stories, clustered for real in a scratch store
    scratch = open_store("sqlite", Path(tempfile.mkdtemp(dir=folder)))
    with atomic(scratch):
        for k, orig in enumerate(base):
            _insert_document(scratch, replica(orig, k, 0))
    original_story = assign_stories(scratch)
    from claimtrail.store.stories import load_documents
    docs = {d.id: d for d in load_documents(scratch)}
    feats = {f.document_id: f for f in compute_features(list(docs.values()))}
    scratch.close()
    story_ids: dict[tuple[int, int], int] = {}
    for start in range(0, n, 5000):
        chunk = list(corpus(start, min(n, start + 5000), base))
        with atomic(conn):
            computed = []
            for rec in chunk:
                _insert_document(conn, rec)
                orig = base[rec["original"]]["name"]
                f = dataclasses.replace(feats[orig], document_id=rec["id"],
                                        day=day_number(rec["published"]))
                story_store.save_features(conn, f)
                computed.append(f)
            index_documents(conn, computed)
            for rec, f in zip(chunk, computed, strict=True):
                key = (original_story[base[rec["original"]]["name"]],
                       (f.day or 0) // PERIOD_DAYS)
                if key not in story_ids:
                    story_ids[key] = story_store.create_story(conn, f"prefilled {key}")
                story_store.set_member(conn, rec["id"], story_ids[key], None)
    story_index.lsh_bands = real_bands       # the last documents are hashed for real


def one(args: argparse.Namespace) -> None:
    engine, _, store = args.one_run.partition(":")
    with tempfile.TemporaryDirectory(dir=args.keep) as tmp:
        folder = Path(tmp)
        if args.one_size <= args.full_max:
            if engine not in ("local", "spark"):
                raise SystemExit(f"unknown engine {engine!r}: local or spark")
            row = measure_ingest(args.one_size, args.last, engine, store, folder)
        else:
            row = measure_prefilled(args.one_size, args.last, store, folder)
    row.update(size=args.one_size, run=args.one_run)
    print("RESULT " + json.dumps(row), flush=True)


# --- the table -----------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--full-max", type=int, default=10000,
                        help="largest size ingested for real; larger ones are pre-filled")
    parser.add_argument("--last", type=int, default=1000)
    parser.add_argument("--run", action="append", default=None, metavar="ENGINE:STORE",
                        help="local:sqlite (default), spark:sqlite, spark:postgresql://...")
    parser.add_argument("--keep", default=None, help="folder for the scratch stores")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-run", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_size:
        one(args)
        return 0
    runs = args.run or ["local:sqlite"]
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for run in runs:
        for size in sizes:
            cmd = [sys.executable, __file__, "--one-size", str(size), "--one-run", run,
                   "--full-max", str(args.full_max), "--last", str(args.last)]
            if args.keep:
                cmd += ["--keep", args.keep]
            print(f"# {run} {size} ...", file=sys.stderr, flush=True)
            done = subprocess.run(cmd, capture_output=True, text=True, env=os.environ)
            found = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
            if done.returncode or not found:
                print(f"# {run} {size} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
                continue
            rows.append(json.loads(found[-1].removeprefix("RESULT ")))
            _print_row(rows[-1])
    print()
    _print_table(rows)
    _print_growth(rows)
    return 0


def _fmt(value: Any, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def _print_row(row: dict[str, Any]) -> None:
    print("# " + json.dumps({k: round(v, 3) if isinstance(v, float) else v
                             for k, v in row.items()}), file=sys.stderr, flush=True)


def _print_table(rows: list[dict[str, Any]]) -> None:
    head = ("run", "size", "mode", "docs", "wall s", "docs/s", "peak MB", "claims/s",
            "read+store+extract+features s", "stories s", "stories CPU s",
            "assign last 1k s", "assign last 1k CPU s", "stories")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        cells = (r["run"], str(r["size"]), r["mode"], str(r["documents"]),
                 _fmt(r.get("wall")) if r["mode"] == "ingest" else
                 f"prefill {_fmt(r.get('prefill'))}",
                 _fmt(r.get("docs_per_s")), _fmt(r.get("peak_mb"), ".0f"),
                 _fmt(r.get("claims_per_s")), _fmt(r.get("read_store")),
                 _fmt(r.get("stories_all")), _fmt(r.get("stories_cpu")),
                 _fmt(r.get("assign_last"), ".2f"), _fmt(r.get("assign_cpu"), ".2f"),
                 str(r["stories"]))
        print("| " + " | ".join(cells) + " |")


def _print_growth(rows: list[dict[str, Any]]) -> None:
    print("\ngrowth: time ~ N^k between consecutive sizes (k=1 linear, k=0 flat)")
    for run in dict.fromkeys(r["run"] for r in rows):
        mine = sorted((r for r in rows if r["run"] == run), key=lambda r: r["size"])
        for a, b in zip(mine, mine[1:]):
            ratio = math.log(b["size"] / a["size"])
            parts = []
            for key in ("wall", "read_store", "stories_all", "stories_cpu", "assign_last",
                        "assign_cpu"):
                if a.get(key) and b.get(key):
                    parts.append(f"{key} k={math.log(b[key] / a[key]) / ratio:.2f}"
                                 f" (x{b[key] / a[key]:.2f})")
            print(f"  {run} {a['size']} -> {b['size']}: " + ", ".join(parts))


if __name__ == "__main__":
    sys.exit(main())
