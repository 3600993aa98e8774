"""Score `claimtrail extract` on a gold file of ukraine-news (or seed) articles.

    python3 benchmarks/claims_eval.py eval/ukraine-dev.gold.jsonl [--corpus DIR] [--scorer PATH]

Copies the gold's documents from the corpus into a scratch folder, runs the extractor on
them in-process, and prints the shared scorer's report (its last line is strict_f1).
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--corpus", default=str(SHARED / "corpus" / "ukraine-news"))
    parser.add_argument("--scorer", default=str(SHARED / "eval" / "score.py"))
    args = parser.parse_args()
    docs = sorted({json.loads(line)["doc"] for line in open(args.gold, encoding="utf-8") if line.strip()})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for doc in docs:
            shutil.copy(Path(args.corpus) / doc, folder / doc)
        claims = Path(tmp) / "claims.jsonl"
        with open(claims, "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, "-m", "claimtrail.cli", "extract", str(folder),
                            "--format", "jsonl"], stdout=out, check=True)
        return subprocess.run([sys.executable, args.scorer, args.gold, str(claims)]).returncode


if __name__ == "__main__":
    sys.exit(main())
