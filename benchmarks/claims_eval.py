"""Score `claimtrail extract` on gold files (ukraine-news, general news, incidents, seeds).

    python3 benchmarks/claims_eval.py eval/dev/*.gold.jsonl [--corpus DIR ...] [--scorer PATH]

Finds each gold document in the corpus folders (by default ukraine-news, the html-bench
pages (aeb and trafilatura-eval), eval/incidents/* and the seeds), copies them into a scratch folder, runs the
extractor on them, and prints the shared scorer's report (its last line is strict_f1).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from shared_paths import SHARED  # noqa: E402

DEFAULT_CORPORA = [SHARED / "corpus" / "ukraine-news", SHARED / "corpus" / "html-bench" / "aeb" / "html",
                   SHARED / "corpus" / "html-bench" / "trafilatura-eval" / "html",
                   *sorted(p for p in (ROOT / "eval" / "incidents").iterdir() if p.is_dir()),
                   SHARED / "corpus" / "seeds"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--corpus", action="append", help="a folder of documents (repeatable)")
    parser.add_argument("--scorer", default=str(SHARED / "eval" / "score.py"))
    parser.add_argument("--keep", metavar="DIR", help="keep the gold and claims files in DIR "
                        "(for benchmarks/claims_diff.py)")
    args = parser.parse_args()
    corpora = [Path(c) for c in args.corpus or DEFAULT_CORPORA]
    lines = [line for gold in args.gold for line in open(gold, encoding="utf-8") if line.strip()]
    docs = sorted({json.loads(line)["doc"] for line in lines})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for doc in docs:
            found = next((c / doc for c in corpora if (c / doc).is_file()), None)
            if found is None:
                sys.exit(f"claims_eval: {doc} is in no corpus folder ({', '.join(map(str, corpora))})")
            shutil.copy(found, folder / doc)
        gold_all = Path(tmp) / "gold.jsonl"
        gold_all.write_text("".join(line if line.endswith("\n") else line + "\n" for line in lines),
                            encoding="utf-8")
        claims = Path(tmp) / "claims.jsonl"
        with open(claims, "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, "-m", "claimtrail.cli", "extract", str(folder),
                            "--format", "jsonl"], stdout=out, check=True)
        if args.keep:
            keep = Path(args.keep)
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(gold_all, keep / "gold.jsonl")
            shutil.copy(claims, keep / "claims.jsonl")
        return subprocess.run([sys.executable, args.scorer, str(gold_all), str(claims)]).returncode


if __name__ == "__main__":
    sys.exit(main())
