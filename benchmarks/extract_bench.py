#!/usr/bin/env python3
"""Claim extraction throughput on the ukraine-news corpus.

    python benchmarks/extract_bench.py [CORPUS_DIR] [--processes N] [--limit N] [--out FILE]

Prints articles/s, sentences/s (all sentences of the articles, and those parsed), claims
found and peak memory (this process and, with --processes > 1, the largest worker).
Reads the .txt files directly (publication date from the file name) so that the figure
is extraction alone, not ingest. Model loading is timed separately.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

from claimtrail.models import Document

from shared_paths import CORPUS  # noqa: E402
DEFAULT_CORPUS = CORPUS / "ukraine-news"


def load_documents(folder: Path, limit: int | None) -> list[Document]:
    docs = []
    for path in sorted(folder.glob("*.txt"))[:limit]:
        stamp = path.name.split("_", 1)[0]
        published = f"{stamp[0:4]}-{stamp[4:6]}-{stamp[6:8]}" if stamp[:8].isdigit() else None
        docs.append(Document(id=path.name, text=path.read_text(encoding="utf-8", errors="replace"),
                             published=published, input=str(path), format="txt"))
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--out", default=None, help="write the claims as JSONL here")
    parser.add_argument("--ner", action="store_true", help="keep the NER component (default off)")
    args = parser.parse_args()

    folder = Path(args.corpus)
    if not folder.is_dir():
        print(f"no corpus at {folder}", file=sys.stderr)
        return 1
    from claimtrail.extract import iter_claims, load_nlp
    from claimtrail.extract.pipeline import BEFORE_PARSE, DocState, _run_steps

    docs = load_documents(folder, args.limit)
    t0 = time.perf_counter()
    nlp = load_nlp(ner=args.ner)
    load_s = time.perf_counter() - t0

    # how many sentences there are, and how many the selection sends to the parser
    n_sentences = n_parsed = 0
    for doc in docs:
        state = DocState(doc)
        _run_steps(state, BEFORE_PARSE)
        n_sentences += len(state.sentences)
        n_parsed += len(state.to_parse)

    lines: list[str] = []
    n_claims = n_failed = 0
    t0 = time.perf_counter()
    for result in iter_claims(docs, nlp, n_process=args.processes, batch_size=args.batch_size):
        if result.problem:
            n_failed += 1
        n_claims += len(result.claims)
        if args.out:
            lines += [json.dumps(c.to_contract(), ensure_ascii=False) + "\n" for c in result.claims]
    elapsed = time.perf_counter() - t0
    if args.out:
        Path(args.out).write_text("".join(lines), encoding="utf-8")

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"corpus            {folder} ({len(docs)} articles, {n_sentences} sentences)")
    print(f"cpus              {os.cpu_count()}  processes {args.processes}  "
          f"pipes {','.join(nlp.pipe_names)}  load average {os.getloadavg()[0]:.1f}")
    print(f"model load        {load_s:.2f} s")
    print(f"extraction        {elapsed:.2f} s")
    print(f"articles/s        {len(docs) / elapsed:.1f}")
    print(f"sentences/s       {n_sentences / elapsed:.1f} (all), {n_parsed / elapsed:.1f} (parsed)")
    print(f"parsed share      {n_parsed / max(n_sentences, 1):.1%} of sentences")
    print(f"claims            {n_claims} ({n_claims / max(len(docs), 1):.2f} per article), failed docs {n_failed}")
    print(f"peak memory       {own:.0f} MB main, {children:.0f} MB largest worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
