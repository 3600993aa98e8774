"""Dossier and API latency on a store of 100,000+ claims.

    python benchmarks/web_bench.py [--corpus ../shared/corpus/ukraine-news] [--claims 100000]

1. Ingests the corpus once with the real pipeline (``claimtrail ingest``: cleaning,
   extraction, stories) into ``out/web-bench/base.db``, reused on later runs.
2. Copies it to ``big.db`` and replicates it directly in SQL: ``--doc-replicas`` copies
   of every document, copy link, story and story membership with distinct ids, and each
   replica document carries its original's claims several times over (distinct ids and
   seq) so that the store holds at least ``--claims`` claims. The extractor finds about
   one claim per two articles in this corpus, so reaching 100,000 claims by documents
   alone would take ~450 copies of the corpus; running the extractor again over the same
   texts would only measure the extractor. ``--big-copies`` replicas of the largest
   story's documents are put into that story itself, to give one big story.
3. Starts ``claimtrail serve`` on a free loopback port in a subprocess and times
   sequential requests (p50 / p95 over ``--requests`` each) for the stories list, the big
   story's dossier and ledger (first, uncached request shown separately), the claims API
   with filters, search, sources, an article page and the log. Prints the figures.
"""
from __future__ import annotations

import argparse
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out" / "web-bench"
from shared_paths import CORPUS  # noqa: E402
DEFAULT_CORPUS = CORPUS / "ukraine-news"


def build_base(corpus: Path, base: Path) -> None:
    if base.exists():
        print(f"base store: {base} (reused; delete it to re-ingest)")
        return
    base.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(["claimtrail", "ingest", str(corpus), "--db", str(base)], check=True)
    print(f"base store: ingested {corpus} in {time.perf_counter() - started:.1f}s")


def replicate(base: Path, big: Path, target_claims: int, big_copies: int,
              doc_replicas: int) -> tuple[int, int]:
    """Fill ``big`` with replicas of ``base``; return (claims, id of the big story)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{big}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(base)
    src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    shutil.copy(base, big)
    from claimtrail.store.db import connect

    conn = connect(big)               # applies any newer migrations (0004_web indexes)
    base_claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    if base_claims == 0:
        raise SystemExit("the base store has no claims: is extraction working?")
    big_story = conn.execute(
        "SELECT m.story_id FROM story_members m JOIN claims c ON c.document_id = m.document_id"
        " GROUP BY m.story_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    stride = conn.execute("SELECT max(id) FROM stories").fetchone()[0] + 1
    replicas = doc_replicas
    per_doc = max(1, -(-(target_claims - base_claims) // (replicas * base_claims)))
    max_seq = conn.execute("SELECT max(seq) FROM claims").fetchone()[0] + 1
    started = time.perf_counter()
    doc_cols = ("title, outlet, url, published, published_from, language, origin, author, "
                "text, input, format, extra")
    claim_cols = ("seq, sentence, sentence_start, sentence_end, span_start, span_end, quote, "
                  "low, high, qualifier, unit, kind, subject, source_id, source_mention, "
                  "source_via, time_text, time_start, time_end, place, derived, derived_from")
    conn.execute("BEGIN")
    for k in range(1, replicas + 1):
        tag = f"~r{k}"
        conn.execute(f"INSERT INTO documents(id, content_hash, {doc_cols}) SELECT id || ?, "
                     f"content_hash || ?, {doc_cols} FROM documents WHERE id NOT LIKE '%~r%'",
                     (tag, tag))
        for j in range(per_doc):
            cols = claim_cols.replace("seq, ", "", 1)
            conn.execute(f"INSERT INTO claims(document_id, seq, {cols}) SELECT "
                         f"document_id || ?, seq + ?, {cols} FROM claims "
                         "WHERE document_id NOT LIKE '%~r%'", (tag, j * max_seq))
        conn.execute("INSERT INTO copies(document_id, copy_of, similarity, method) SELECT "
                     "document_id || ?, copy_of || ?, similarity, method FROM copies "
                     "WHERE document_id NOT LIKE '%~r%'", (tag, tag))
        conn.execute("INSERT INTO stories(id, title) SELECT id + ?, title FROM stories "
                     "WHERE id < ?", (k * stride, stride))
        conn.execute("INSERT INTO story_members(document_id, story_id, score, method) SELECT "
                     "document_id || ?, CASE WHEN story_id = ? AND ? THEN story_id "
                     "ELSE story_id + ? END, score, method FROM story_members "
                     "WHERE document_id NOT LIKE '%~r%'",
                     (tag, big_story, int(k <= big_copies), k * stride))
    conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_members)")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    total = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    in_big = conn.execute("SELECT count(*) FROM story_members m JOIN claims c ON "
                          "c.document_id = m.document_id WHERE m.story_id = ?",
                          (big_story,)).fetchone()[0]
    conn.close()
    print(f"replicated: {replicas} document copies, claims x{per_doc} per copy: {docs:,} "
          f"documents, {total:,} claims in "
          f"{time.perf_counter() - started:.1f}s; big story {big_story} has {in_big:,} claims")
    return total, big_story


def ledger_figures(db: Path, story: int) -> None:
    """The big story's ledger built in this process (cold: nothing cached), its JSON
    size, and what grows with pairs if anything does: conflicts, checks, flags."""
    import json

    from claimtrail.reconcile import build_ledger
    from claimtrail.store.db import connect

    conn = connect(db, migrate_schema=False)
    started = time.perf_counter()
    ledger = build_ledger(conn, story)
    took = time.perf_counter() - started
    conn.close()
    size = len(json.dumps(ledger, ensure_ascii=False, separators=(",", ":")).encode())
    claims = [c for v in ledger["variables"] for c in v["claims"]]
    flags = sum(len(json.dumps(c["flags"])) for c in claims)
    conflicts = len(json.dumps(ledger["conflicts"]))
    print(f"ledger of story {story}: {len(claims):,} claims built in {took:.2f}s; JSON "
          f"{size / 1e6:.1f} MB ({size / max(1, len(claims)):,.0f} B/claim); "
          f"{len(ledger['conflicts'])} conflicts ({conflicts / 1e3:,.0f} KB), "
          f"{len(ledger['checks'])} checks, flags {flags / max(1, len(claims)):.0f} B/claim")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(client: httpx.Client, path: str, n: int) -> tuple[float, list[float], int, int]:
    """(first request ms, the other n requests' ms, body bytes, bytes on the wire). The
    client asks for gzip, as a browser does; times include decoding the body."""
    times = []
    size = wire = 0
    for _ in range(n + 1):
        t0 = time.perf_counter()
        r = client.get(path)
        size = len(r.content)
        times.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{path}: HTTP {r.status_code} {r.text[:200]}")
        wire = r.num_bytes_downloaded
    return times[0], times[1:], size, wire


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(db: Path, big_story: int, requests: int) -> None:
    conn = sqlite3.connect(db)
    source, kind = conn.execute(
        "SELECT s.name, c.kind FROM sources s JOIN claims c ON c.source_id = s.id "
        "GROUP BY s.id, c.kind ORDER BY count(*) DESC LIMIT 1").fetchone()
    doc, claim = conn.execute("SELECT document_id, id FROM claims WHERE document_id LIKE "
                              "'%~r7' ORDER BY id LIMIT 1").fetchone()
    # the id 90,000 claims in: the keyset page that matches the deep offset's depth
    deep_id = conn.execute("SELECT id FROM claims ORDER BY id LIMIT 1 OFFSET 89999"
                           ).fetchone()[0]
    conn.close()
    from urllib.parse import quote

    port = free_port()
    proc = subprocess.Popen(["claimtrail", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/api/openapi.json")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise SystemExit("the server did not start: "
                                         + (proc.stderr.read().decode() if proc.stderr else ""))
                    time.sleep(0.1)
            src = quote(source)
            cases = [
                ("stories list (page)", "/"),
                ("stories list (API)", "/api/stories"),
                ("big story dossier (page)", f"/stories/{big_story}"),
                ("big story ledger (API)", f"/api/stories/{big_story}/ledger"),
                ("big story summary (API)", f"/api/stories/{big_story}"),
                ("claims: kind=killed", "/api/claims?kind=killed&limit=100"),
                ("claims: source+kind", f"/api/claims?source={src}&kind={kind}"),
                ("claims: min_value+since", "/api/claims?min_value=1000&since=2023-01-01"),
                ("claims: subject substring", "/api/claims?subject=troops&limit=50"),
                ("claims: story", f"/api/claims?story={big_story}&limit=100"),
                ("claims: deep offset", "/api/claims?offset=90000&limit=100"),
                ("claims: deep keyset", f"/api/claims?after_id={deep_id}&limit=100"),
                ("search (API)", "/api/search?q=casualties+soldiers"),
                ("search (page)", "/search?q=ukraine+troops"),
                ("sources (API)", "/api/sources"),
                ("sources (page)", "/sources"),
                ("article with highlight", f"/documents/{quote(doc, safe='')}?claim={claim}"),
                ("ingest log (API)", "/api/log?status=ok"),
            ]
            print(f"\n{'request':28} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'KB':>8}"
                  f" {'wire KB':>8}   (n={requests} after the first, sequential, loopback)")
            for name, path in cases:
                first, times, size, wire = timed(client, path, requests)
                print(f"{name:28} {first:9.1f} {statistics.median(times):8.1f} "
                      f"{pct(times, 0.95):8.1f} {size / 1024:8.1f} {wire / 1024:8.1f}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--doc-replicas", type=int, default=50)
    parser.add_argument("--big-copies", type=int, default=30,
                        help="replicas of the largest story's documents kept in it")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--skip-build", action="store_true", help="reuse out/web-bench/big.db")
    args = parser.parse_args()
    base, big = OUT / "base.db", OUT / "big.db"
    if args.skip_build and big.exists():
        conn = sqlite3.connect(big)
        big_story = conn.execute(
            "SELECT m.story_id FROM story_members m JOIN claims c ON c.document_id = "
            "m.document_id GROUP BY m.story_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        print(f"reusing {big}: {conn.execute('SELECT count(*) FROM claims').fetchone()[0]:,}"
              " claims")
        conn.close()
    else:
        build_base(args.corpus, base)
        _, big_story = replicate(base, big, args.claims, args.big_copies, args.doc_replicas)
    ledger_figures(big, big_story)
    measure(big, big_story, args.requests)


if __name__ == "__main__":
    sys.exit(main())
