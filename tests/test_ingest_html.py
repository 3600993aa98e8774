"""HTML extraction on real pages from the shared html-bench corpora."""
from __future__ import annotations

import gzip
import json
import statistics
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS

from claimtrail.ingest import clean_text, extract_html, iter_documents
from claimtrail.ingest.decode import decode_text
from claimtrail.ingest.html import fragment_to_text
from claimtrail.models import Document

AEB = CORPUS / "html-bench" / "aeb"
TRAF = CORPUS / "html-bench" / "trafilatura-eval"


def bag_scores(predicted: str, truth: str) -> tuple[float, float]:
    pred, true = Counter(predicted.split()), Counter(truth.split())
    overlap = sum((pred & true).values())
    return (overlap / sum(pred.values()) if pred else 0.0, overlap / sum(true.values()))


def aeb_scores(limit: int | None) -> tuple[float, float]:
    truth = json.loads((AEB / "ground-truth.subset.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit]
    scores = []
    for key in keys:
        html = decode_text(gzip.decompress((AEB / "html" / f"{key}.html.gz").read_bytes()),
                           sniff_html=True)
        page = extract_html(html, url=truth[key].get("url"))
        body = clean_text(page.text, detect_title=False, known_title=page.title).text
        scores.append(bag_scores(body, truth[key]["articleBody"]))
    return statistics.fmean(s[0] for s in scores), statistics.fmean(s[1] for s in scores)


def test_aeb_sample_pages_match_their_article_body() -> None:
    precision, recall = aeb_scores(limit=15)
    assert precision > 0.9 and recall > 0.93, (precision, recall)


@pytest.mark.slow
def test_aeb_whole_benchmark_f1_is_at_least_096() -> None:
    precision, recall = aeb_scores(limit=None)
    assert 2 * precision * recall / (precision + recall) >= 0.96


def test_trafilatura_eval_snippets() -> None:
    cases = json.loads((TRAF / "evaldata_subset_english_news.json").read_text(encoding="utf-8"))
    kept = dropped = n_with = n_without = 0
    for url, case in cases.items():
        html = decode_text((TRAF / "html" / case["file"]).read_bytes(), sniff_html=True)
        page = extract_html(html, url=url)
        text = " ".join(clean_text(page.text, detect_title=False,
                                   known_title=page.title).text.split())
        n_with += len(case["with"])
        kept += sum(" ".join(s.split()) in text for s in case["with"])
        n_without += len(case["without"])
        dropped += sum(" ".join(s.split()) not in text for s in case["without"])
    assert kept / n_with >= 0.9 and dropped / n_without >= 0.9, (kept, n_with, dropped)


def test_aeb_pages_ingest_as_gzipped_html_files(tmp_path: Path) -> None:
    names = sorted(p.name for p in (AEB / "html").iterdir())[:3]
    for name in names:
        (tmp_path / name).write_bytes((AEB / "html" / name).read_bytes())
    docs = list(iter_documents([str(tmp_path)]))
    assert [d.id for d in docs] == names
    assert all(isinstance(d, Document) and d.format == "html" and len(d.text) > 200
               for d in docs)
    assert all(d.title for d in docs)   # every sample page has a <title>


def test_fragment_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = fragment_to_text("<p>One <b>bold</b> line</p><ul><li>first</li><li>second</li>"
                            "</ul><script>alert('x')</script><p>Tail &amp; end</p>")
    assert text == "One bold line\nfirst\nsecond\nTail & end"


def test_page_without_article_markup_still_yields_its_text() -> None:
    page = extract_html("<html><body><div>Short note: 5 people were injured in the blast."
                        "</div></body></html>")
    assert page.text == "Short note: 5 people were injured in the blast."


def test_page_with_no_text_is_reported(tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_text("<html><head><title>t</title></head><body>"
                                         "<script>var x = 1;</script></body></html>")
    [problem] = list(iter_documents([str(tmp_path)]))
    assert not isinstance(problem, Document)
    assert problem.stage == "clean" and "no article text" in problem.reason


def test_byline_becomes_author() -> None:
    result = clean_text("Headline of the day\n\nBy Jane Reporter, 5 March 2024\n\n"
                        "The body says 20 people were rescued.")
    assert result.author == "Jane Reporter"
    assert result.text == "The body says 20 people were rescued."
