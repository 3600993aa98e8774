#!/usr/bin/env python3
"""Killed and wounded totals per incident report: the extractor against a plain regex.

    python benchmarks/incidents_bench.py [--docs eval/incidents/dev] [--totals eval/dev/incidents.totals.jsonl] [--show]

For each incident file, the killed and wounded totals the extractor's claims imply
(``claimtrail.extract.tolls.incident_total``: per group the first figure of the kind as
updated by revisions, background figures set aside, coordinated figures summed and marked
derived) are compared with the
hand-made totals file (one line per file: {"doc", "killed", "wounded"}, null when the
report gives none). Prints exact-match accuracy for killed and wounded, and the same for a
plain-regex baseline: the largest N of "N (people) (were) killed|dead|died" or
"killing|killed (at least) N", and of the same with wounded|injured|hurt, numbers in digits
only, none when no match.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from claimtrail.models import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOCS = ROOT / "eval" / "incidents" / "dev"
DEFAULT_TOTALS = ROOT / "eval" / "dev" / "incidents.totals.jsonl"

_NUM = r"(\d[\d,]*)"
BASELINE = {
    "killed": re.compile(_NUM + r" (?:people )?(?:were )?(?:killed|dead|died)\b|"
                         r"\b(?:killing|killed) (?:at least )?" + _NUM, re.IGNORECASE),
    "wounded": re.compile(_NUM + r" (?:people )?(?:were )?(?:wounded|injured|hurt)\b|"
                          r"\b(?:wounding|injuring|wounded|injured) (?:at least )?" + _NUM,
                          re.IGNORECASE),
}


def baseline_total(text: str, kind: str) -> int | None:
    values = [int((m.group(1) or m.group(2)).replace(",", "")) for m in BASELINE[kind].finditer(text)]
    return max(values) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default=str(DEFAULT_DOCS))
    parser.add_argument("--totals", default=str(DEFAULT_TOTALS))
    parser.add_argument("--show", action="store_true", help="print every file that is wrong")
    args = parser.parse_args()
    folder = Path(args.docs)
    totals = {}
    for n, line in enumerate(open(args.totals, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            totals[row["doc"]] = row
        except (ValueError, KeyError) as exc:
            print(f"{args.totals}:{n}: bad line ({exc}); skipped", file=sys.stderr)
    missing = [d for d in totals if not (folder / d).is_file()]
    if missing:
        print(f"{len(missing)} files of {args.totals} are not in {folder}: {missing[:5]}", file=sys.stderr)
    docs = [Document(id=d, text=(folder / d).read_text(encoding="utf-8"), input=str(folder / d),
                     format="txt") for d in sorted(totals) if d not in missing]

    from claimtrail.extract import iter_claims, load_nlp
    from claimtrail.extract.tolls import incident_total

    nlp = load_nlp()
    ours = {"killed": 0, "wounded": 0}
    regex = {"killed": 0, "wounded": 0}
    derived = 0
    for result in iter_claims(docs, nlp):
        doc = result.document
        gold = totals[doc.id]
        for kind in ("killed", "wounded"):
            total = incident_total(result.claims, kind, doc.text)
            base = baseline_total(doc.text or "", kind)
            ours[kind] += total.value == gold.get(kind)
            regex[kind] += base == gold.get(kind)
            derived += total.derived and total.value == gold.get(kind)
            if args.show and total.value != gold.get(kind):
                print(f"  {doc.id} {kind}: gold {gold.get(kind)} ours {total.value}"
                      f"{' (derived)' if total.derived else ''} from {total.evidence!r}; regex {base}")
    n = len(docs)
    print(f"files        {n}")
    for kind in ("killed", "wounded"):
        print(f"{kind:8} exact  extractor {ours[kind] / n:.3f}   regex {regex[kind] / n:.3f}")
    print(f"right totals that are derived sums: {derived}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
