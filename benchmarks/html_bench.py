"""HTML extraction quality and ingest throughput, printed as figures.

    python benchmarks/html_bench.py [--corpus ../shared/corpus]

1. html-bench/aeb: token precision, recall and F1 of our clean body against the
   benchmark's ``articleBody``. Tokens are whitespace-separated, counted as a bag
   (multiset). Precision and recall are computed per page, then averaged over pages
   (macro average); F1 is the harmonic mean of the averaged P and R, as the benchmark's
   own evaluate.py does. The mean of per-page F1 is printed as well, and trafilatura
   alone (its defaults) for comparison.
2. html-bench/trafilatura-eval: share of ``with`` snippets found in our text and of
   ``without`` snippets absent from it.
3. Throughput: documents per second for the 431 ukraine-news text files (the whole
   ``iter_documents`` path) and for the aeb HTML pages; peak memory.
"""
from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from claimtrail.ingest import clean_text, extract_html, iter_documents
from claimtrail.ingest.decode import decode_text
from claimtrail.models import Document

from shared_paths import CORPUS as DEFAULT_CORPUS  # noqa: E402


def bag_scores(predicted: str, truth: str) -> tuple[float, float]:
    """Token-bag precision and recall of one page."""
    pred, true = Counter(predicted.split()), Counter(truth.split())
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(true.values()) if true else 1.0
    return precision, recall


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def our_body(html: str, url: str | None) -> str:
    """What ingest stores as the body of an HTML page (extraction, then clean-up)."""
    page = extract_html(html, url=url)
    return clean_text(page.text, detect_title=False, known_title=page.title).text


def trafilatura_default(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def aeb(folder: Path) -> None:
    truth = json.loads((folder / "ground-truth.subset.json").read_text(encoding="utf-8"))
    pages = {key: decode_text(gzip.decompress((folder / "html" / f"{key}.html.gz")
                                               .read_bytes()), sniff_html=True)
             for key in truth}
    print(f"aeb: {len(pages)} pages; bag of whitespace tokens; per-page P/R, macro-averaged")
    for name, extractor in (("claimtrail", our_body),
                            ("trafilatura.extract()", trafilatura_default)):
        started = time.perf_counter()
        scores = [bag_scores(extractor(pages[k], v.get("url")), v["articleBody"])
                  for k, v in truth.items()]
        elapsed = time.perf_counter() - started
        p = statistics.fmean(s[0] for s in scores)
        r = statistics.fmean(s[1] for s in scores)
        per_page_f1 = statistics.fmean(f1(*s) for s in scores)
        print(f"  {name:22s} precision {p:.4f}  recall {r:.4f}  F1 {f1(p, r):.4f}"
              f"  (mean per-page F1 {per_page_f1:.4f})  {len(pages) / elapsed:.1f} pages/s")


def trafilatura_eval(folder: Path) -> None:
    cases = json.loads((folder / "evaldata_subset_english_news.json").read_text(
        encoding="utf-8"))
    kept = dropped = n_with = n_without = 0
    for url, case in cases.items():
        # Decoded as ingest decodes files (meta charset, then detection): some are not UTF-8.
        html = decode_text((folder / "html" / case["file"]).read_bytes(), sniff_html=True)
        text = " ".join(our_body(html, url).split())
        for snippet in case.get("with", []):
            n_with += 1
            kept += " ".join(snippet.split()) in text
        for snippet in case.get("without", []):
            n_without += 1
            dropped += " ".join(snippet.split()) not in text
    print(f"trafilatura-eval: {len(cases)} pages; 'with' snippets kept {kept}/{n_with} "
          f"({kept / n_with:.1%}); 'without' snippets dropped {dropped}/{n_without} "
          f"({dropped / n_without:.1%})")


def throughput(corpus: Path) -> None:
    news = corpus / "ukraine-news"
    started = time.perf_counter()
    items = list(iter_documents([str(news)]))
    elapsed = time.perf_counter() - started
    docs = sum(isinstance(i, Document) for i in items)
    print(f"throughput: ukraine-news text, {docs} documents ({len(items) - docs} problems) in "
          f"{elapsed:.2f} s = {docs / elapsed:.0f} docs/s (whole iter_documents path)")
    html_folder = corpus / "html-bench" / "aeb" / "html"
    started = time.perf_counter()
    items = list(iter_documents([str(html_folder)]))
    elapsed = time.perf_counter() - started
    docs = sum(isinstance(i, Document) for i in items)
    print(f"throughput: aeb HTML (.html.gz), {docs} documents ({len(items) - docs} problems) in "
          f"{elapsed:.2f} s = {docs / elapsed:.1f} docs/s (whole iter_documents path)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    bench = args.corpus / "html-bench"
    if not bench.exists():
        print(f"{bench}: not found (pass --corpus)", file=sys.stderr)
        return 1
    aeb(bench / "aeb")
    trafilatura_eval(bench / "trafilatura-eval")
    throughput(args.corpus)
    # Peak Python-level allocation over one more full pass, then the process peak RSS.
    tracemalloc.start()
    for _ in iter_documents([str(args.corpus / "ukraine-news")]):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: ukraine-news pass peak traced {peak / 2**20:.1f} MiB; "
          f"process peak RSS {rss_mb:.0f} MiB (whole benchmark)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
