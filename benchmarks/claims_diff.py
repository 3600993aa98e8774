"""Show where the extractor and a gold file disagree, gold beside prediction.

    python3 benchmarks/claims_eval.py eval/dev/*.gold.jsonl --keep /tmp/dev
    python3 benchmarks/claims_diff.py /tmp/dev [--what kind|source|missed|spurious]

Reads the gold.jsonl and claims.jsonl that `claims_eval.py --keep` left, pairs them with
the shared scorer's own matching, and prints one block per disagreement. For dev files
only: reading the test split's errors this way would tune the rules on it.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from shared_paths import SHARED


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--what", choices=["kind", "source", "missed", "spurious", "all"], default="all")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    args = parser.parse_args()
    score = load_scorer(args.scorer)
    gold = score.load(args.folder / "gold.jsonl")
    pred = score.load(args.folder / "claims.jsonl")
    docs = {g["doc"] for g in gold}
    pred = [p for p in pred if p.get("doc") in docs]
    used: set[int] = set()
    pairs = []
    for g in gold:
        for pi, p in enumerate(pred):
            if pi in used or p.get("doc") != g["doc"]:
                continue
            if score.value_match(p, g) and score.sentence_match(p, g):
                used.add(pi)
                pairs.append((g, p))
                break
    matched = {id(g) for g, _ in pairs}
    counts = {"kind": 0, "source": 0, "missed": 0, "spurious": 0}
    for g, p in pairs:
        if not g.get("required", True):
            continue
        kind_ok = score.norm(p.get("kind")) == score.norm(g["kind"])
        source_ok = score.source_match(p, g)
        for what, ok in (("kind", kind_ok), ("source", source_ok)):
            if ok:
                continue
            counts[what] += 1
            if args.what in (what, "all"):
                print(f"[{what}] {g['doc']}: {g['evidence']}")
                print(f"    gold  kind={g['kind']} source={g['source']!r} aliases={g.get('source_aliases', [])}")
                print(f"    pred  kind={p.get('kind')} source={score.source_names(p)} subject={p.get('subject')!r}")
    for g in gold:
        if g.get("required", True) and id(g) not in matched:
            counts["missed"] += 1
            if args.what in ("missed", "all"):
                print(f"[missed] {g['doc']}: {g['evidence']}  ({g['low']}..{g['high']} {g['kind']})")
    seen = {(p.get("doc"), score.value_of(p)[:2], score.norm(p.get("kind"))) for _, p in pairs}
    for pi, p in enumerate(pred):
        if pi in used or (p.get("doc"), score.value_of(p)[:2], score.norm(p.get("kind"))) in seen:
            continue
        counts["spurious"] += 1
        if args.what in ("spurious", "all"):
            low, high, qual = score.value_of(p)
            print(f"[spurious] {p.get('doc')}: {low}..{high} {qual} {p.get('kind')} "
                  f"| {(p.get('sentence') or '')[:140]}")
    print(" ".join(f"{k}={v}" for k, v in counts.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
