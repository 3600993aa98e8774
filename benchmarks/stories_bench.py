#!/usr/bin/env python3
"""Stories, copies and origins on the ukraine-news corpus (plus the five Kursk seeds).

    python3 benchmarks/stories_bench.py [--db STORE] [--corpus DIR] [--top N] [--features]

Without --db, ingests the corpus and the example into a scratch store through the real
pipeline (claimtrail ingest: store, dedup, extraction, stories). Then, on that store,
times a from-scratch clustering (features cached) and the ledgers of every story, and
prints: the N largest stories with titles and date spans, the size distribution, the
copy links by method, whether each re-crawled article counts as one origin, and the seed
story. With --features, also times the feature step with names from the tokenizer (as
it is) and with en_core_web_md's entity recogniser (as it was), compares the stories
each gives (adjusted Rand index), and the blocking index against scoring every story.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from shared_paths import CORPUS as SHARED_CORPUS  # noqa: E402
CORPUS = SHARED_CORPUS / "ukraine-news"
_HASHED = re.compile(r"^\d{8}T\d{6}Z_[A-Z]{2}_[a-z]{2}_([0-9a-f]+)\.txt$")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store to measure (skips the ingest)")
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--features", action="store_true",
                        help="time the spaCy feature step, old and new, and shorter leads")
    args = parser.parse_args()

    from claimtrail.store import connect

    scratch = None
    if args.db:
        db = Path(args.db)
    else:
        scratch = tempfile.TemporaryDirectory()
        db = Path(scratch.name) / "bench.db"
        _ingest(db, Path(args.corpus))
    conn = connect(db)
    if args.features:
        _features(conn)
    _recluster(conn)
    _top_stories(conn, args.top)
    _copies(conn)
    _recrawls(conn)
    _ledgers(conn)
    if scratch:
        scratch.cleanup()
    return 0


def _ingest(db: Path, corpus: Path) -> None:
    from claimtrail.pipeline import ingest
    from claimtrail.store import connect

    manifest = ROOT / "examples" / "kursk-manifest.csv"
    started = time.perf_counter()
    report = ingest(connect(db), [str(corpus), str(ROOT / "examples" / "kursk")],
                    manifest=str(manifest))
    print(f"ingest (store, dedup, extract, stories): {report.added} added, "
          f"{report.duplicates} exact duplicates, {time.perf_counter() - started:.1f} s")


def _recluster(conn) -> None:  # type: ignore[no-untyped-def]
    """Cluster every document again from scratch (features are cached in the store), to
    time clustering alone; user decisions are replayed."""
    from claimtrail.stories.decisions import rebuild_stories
    from claimtrail.stories.features import nlp

    nlp()                                     # model load is not clustering
    n_docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    started = time.perf_counter()
    result = rebuild_stories(conn)
    seconds = time.perf_counter() - started
    print(f"clustering from scratch: {n_docs} documents -> {result['stories']} stories in "
          f"{seconds:.2f} s ({n_docs / seconds:.0f} docs/s, features cached)")


def _features(conn) -> None:  # type: ignore[no-untyped-def]
    """Names from the tokenizer (stories/names.py) against en_core_web_md's entity
    recogniser (what features used before): CPU time over every stored document, and the
    stories each gives, clustered from scratch with every story scored (no blocking);
    then the blocking index against scoring every story, on the names."""
    import dataclasses

    from sklearn.metrics import adjusted_rand_score  # type: ignore[import-untyped]

    import claimtrail.stories.features as F
    from claimtrail.store.stories import load_documents
    from claimtrail.stories.cluster import ClusterSettings

    docs = load_documents(conn)
    F.nlp()                                      # model load is not the feature step
    cpu = time.process_time()
    names = F.compute_features(docs, n_process=1)
    names_s = time.process_time() - cpu
    recogniser = _ner_pipeline()
    cpu = time.process_time()
    bodies = recogniser.pipe([F.lead(d.text, F.MAX_CHARS) for d in docs], batch_size=16)
    titles = recogniser.pipe([F.document_title(d) or "" for d in docs], batch_size=64)
    ner = []
    labels = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"}
    for f, body, title in zip(names, bodies, titles, strict=True):
        bag: Counter[str] = Counter()
        for ent in list(body.ents) + list(title.ents):
            key = F.normalise_entity(ent.text)
            if ent.label_ in labels and key:
                bag[key] += 1
        ner.append(dataclasses.replace(f, entities=dict(bag)))
    ner_s = time.process_time() - cpu
    print(f"story features over {len(docs)} documents, CPU seconds, one process:")
    print(f"  names from the tokenizer      {names_s:5.1f}")
    print(f"  entity recogniser (+ tokens)  {ner_s + names_s:5.1f}")
    exhaustive = ClusterSettings(blocking=False)
    by_names = _cluster_with(conn, names, exhaustive)
    by_ner = _cluster_with(conn, ner, exhaustive)
    blocked = _cluster_with(conn, names, ClusterSettings())
    keys = sorted(by_names)
    ari = lambda a, b: adjusted_rand_score([a[k] for k in keys], [b[k] for k in keys])  # noqa: E731
    print(f"  stories: names {len(set(by_names.values()))}, entity recogniser "
          f"{len(set(by_ner.values()))}; adjusted Rand index {ari(by_names, by_ner):.3f}")
    print(f"  blocking vs every story scored (names): {len(set(blocked.values()))} vs "
          f"{len(set(by_names.values()))} stories, adjusted Rand index "
          f"{ari(blocked, by_names):.3f}")


def _cluster_with(conn, feats, settings):  # type: ignore[no-untyped-def]
    """Stories from scratch with these features, in a transaction rolled back after."""
    from claimtrail.store.stories import save_features
    from claimtrail.stories.cluster import assign_stories
    from claimtrail.stories.index import reindex

    conn.execute("SAVEPOINT features")
    try:
        for table in ("story_members", "stories", "story_features"):
            conn.execute(f"DELETE FROM {table}")
        for f in feats:
            save_features(conn, f)
        reindex(conn)
        return assign_stories(conn, settings=settings)
    finally:
        conn.execute("ROLLBACK TO features")
        conn.execute("RELEASE features")


def _ner_pipeline():  # type: ignore[no-untyped-def]
    """en_core_web_md with only its entity recogniser (it has its own embedding layer)."""
    import spacy

    from claimtrail.extract.nlp import _candidates
    from claimtrail.config import SPACY_MODEL

    for candidate in _candidates(SPACY_MODEL, explicit=False):
        try:
            pipeline = spacy.load(candidate, exclude=["parser", "lemmatizer"])
        except OSError:
            continue
        pipeline.select_pipes(enable=["ner"])
        return pipeline
    raise SystemExit("no spaCy pipeline with an entity recogniser is installed")


def _top_stories(conn, top: int) -> None:  # type: ignore[no-untyped-def]
    from claimtrail.store.stories import list_stories, story_documents

    rows = list_stories(conn)
    sizes = Counter(r["size"] for r in rows)
    print(f"\n{len(rows)} stories; sizes: "
          + ", ".join(f"{n} x {size}" for size, n in sorted(sizes.items(), reverse=True)))
    print(f"\nThe {top} largest stories:")
    for r in rows[:top]:
        print(f"  #{r['id']:<4} {r['size']:>3} docs  {r['start']} .. {r['end']}  {r['title']}")
        for doc in story_documents(conn, r["id"])[:3]:
            text = conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()[0]
            print(f"           {doc[:26]:<26} {' '.join(text.split())[:90]}")


def _copies(conn) -> None:  # type: ignore[no-untyped-def]
    by_method = dict(conn.execute("SELECT method, COUNT(*) FROM copies GROUP BY method"))
    aliases = conn.execute("SELECT COUNT(*) FROM document_aliases").fetchone()[0]
    print(f"\ncopy links: {by_method or 'none'}; exact copies kept as aliases: {aliases}")


def _recrawls(conn) -> None:  # type: ignore[no-untyped-def]
    """Every article crawled at several timestamps must be one origin."""
    from claimtrail.stories.copies import copy_groups

    seen: dict[str, set[str]] = defaultdict(set)
    for (doc,) in conn.execute("SELECT id FROM documents"):
        m = _HASHED.match(doc)
        if m:
            seen[m.group(1)].add(doc)
    for alias, doc in conn.execute("SELECT alias, document_id FROM document_aliases"):
        m = _HASHED.match(alias)
        if m:
            seen[m.group(1)].add(doc)         # an alias resolves to its stored document
    crawled = {h: docs for h, docs in seen.items() if _crawls(conn, h) > 1}
    one = 0
    for h, docs in sorted(crawled.items()):
        roots = set(copy_groups(conn, sorted(docs)).values())
        if len(roots) == 1:
            one += 1
        else:
            print(f"  re-crawl {h}: {len(roots)} origins ({', '.join(sorted(docs))})")
    print(f"re-crawled articles: {len(crawled)}; counted as one origin: {one}")


def _crawls(conn, article_hash: str) -> int:  # type: ignore[no-untyped-def]
    like = f"%_{article_hash}.txt"
    docs = conn.execute("SELECT COUNT(*) FROM documents WHERE id LIKE ?", (like,)).fetchone()[0]
    aliases = conn.execute("SELECT COUNT(*) FROM document_aliases WHERE alias LIKE ?",
                           (like,)).fetchone()[0]
    return int(docs + aliases)


def _ledgers(conn) -> None:  # type: ignore[no-untyped-def]
    from claimtrail.reconcile import build_ledger
    from claimtrail.store.stories import list_stories

    rows = list_stories(conn)
    started = time.perf_counter()
    totals: Counter[str] = Counter()
    trends: Counter[str] = Counter()
    seed = None
    for r in rows:
        ledger = build_ledger(conn, r["id"])
        totals["claims"] += sum(len(v["claims"]) for v in ledger["variables"])
        totals["variables"] += len(ledger["variables"])
        totals["conflicts"] += len(ledger["conflicts"])
        totals["failed checks"] += sum(not c["ok"] for c in ledger["checks"])
        trends.update(v["timeline"]["trend"] for v in ledger["variables"])
        if any(d["id"].startswith("000_8190") for d in ledger["story"]["documents"]):
            seed = ledger
    seconds = time.perf_counter() - started
    print(f"\nledgers of all {len(rows)} stories in {seconds:.2f} s: {dict(totals)}; "
          f"trends {dict(trends)}")
    if seed:
        print(f"seed story #{seed['story']['id']}: {seed['story']['size']} documents, "
              f"{seed['story']['title']}")
        for v in seed["variables"][:6]:
            points = ", ".join(
                f"{_value(c['value'])}{' (derived)' if c['derived'] else ''}"
                f"{' (added)' if c.get('increment') else ''} "
                f"[{(c['source'] or {}).get('name') or 'unsourced'}]" for c in v["claims"])
            print(f"  {v['id']:<38} {v['timeline']['trend']:<11} {points}")


def _value(value: dict[str, object]) -> str:
    low, high = value["low"], value["high"]
    if high is None:
        return f">={low:,}" if isinstance(low, int) else f">={low}"
    if low == high:
        return f"{low:,}" if isinstance(low, int) else str(low)
    return f"{low:,}-{high:,}" if isinstance(low, int) and isinstance(high, int) \
        else f"{low}-{high}"


if __name__ == "__main__":
    sys.exit(main())
