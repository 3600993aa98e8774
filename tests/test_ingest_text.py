"""Plain-text scrapes: furniture, credit lines, titles and file-name metadata."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLE, SHARED

from claimtrail.ingest import clean_text, count_inputs, iter_documents
from claimtrail.ingest.furniture import LineCounter, match_origin, normalise_line
from claimtrail.models import Document, IngestProblem

FURNITURE_LINES = [
    "Add a comment", "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Keep Up to Date with the Most Important News",
    ("By pressing the Subscribe button, you confirm that you have read and are agreeing to "
    "our Privacy Policy and Terms of Use"),
    "(Visited 1 times, 1 visits today)", "0", "31e80512-1d18-4651-912f-adbbcd0c5b4d",
    "General", "Original Source: en.yna.co.kr", "Original Source: www.theweek.in",
]


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    docs = {d.id: d for d in iter_documents([str(EXAMPLE)]) if isinstance(d, Document)}
    assert len(docs) == 5
    return docs


def body_lines(path: Path) -> list[str]:
    """The seed's lines that are article text: every line not in the furniture list."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    return [ln for ln in lines if ln and ln not in FURNITURE_LINES]


def test_seed_furniture_is_gone_and_body_stays(seeds: dict[str, Document]) -> None:
    for doc in seeds.values():
        lines = set(doc.text.split("\n\n"))
        for furniture in FURNITURE_LINES:
            assert furniture not in lines, (doc.id, furniture)
        assert "Leave a Reply" not in doc.text and "Subscribe button" not in doc.text
        assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", doc.text)
        for line in body_lines(EXAMPLE / doc.id):
            if line == doc.title:
                continue
            assert line in doc.text, (doc.id, line)


def test_every_gold_evidence_survives_cleaning(seeds: dict[str, Document]) -> None:
    """Claims are matched on exact substrings of the clean text: cleaning must keep them."""
    import json

    gold = (SHARED / "eval" / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines()
    claims = [json.loads(line) for line in gold if line.strip()]
    assert claims
    for claim in claims:
        assert claim["evidence"] in seeds[claim["doc"]].text, claim["evidence"]


def test_seed_section_headings_and_attributions_stay(seeds: dict[str, Document]) -> None:
    text = seeds["001_992cb9edb926320c.txt"].text.split("\n\n")
    for heading in ("Deadly Clashes in Kursk Region", "Kim Jong-un’s Unwavering Support",
                    "– Institute for the Study of War", "An Uncertain Future"):
        assert heading in text


def test_seed_origins_and_titles(seeds: dict[str, Document]) -> None:
    assert seeds["002_7c1b3e37c3792be6.txt"].origin == "en.yna.co.kr"
    assert seeds["004_f3a69888d00d513d.txt"].origin == "www.theweek.in"
    assert seeds["000_8190c09c5cc3a211.txt"].origin is None
    assert seeds["002_7c1b3e37c3792be6.txt"].title.startswith("North Korean Troops Experience")
    assert seeds["003_82f0a6d93b4cdd52.txt"].title.startswith("North Korean troops suffered")
    # 001 and 004 open with a paragraph, not a headline.
    assert seeds["001_992cb9edb926320c.txt"].title is None
    assert seeds["004_f3a69888d00d513d.txt"].title is None
    assert seeds["004_f3a69888d00d513d.txt"].text.startswith("North Korean troops, supported")


def test_broken_seed_line_is_mended(seeds: dict[str, Document]) -> None:
    text = seeds["004_f3a69888d00d513d.txt"].text
    assert "propelling them to fight violently and even perish to avoid" in text


def test_seed_metadata(seeds: dict[str, Document]) -> None:
    for doc in seeds.values():
        assert doc.format == "txt" and doc.language == "en"
        assert doc.published is None and doc.outlet is None   # unknown without a manifest
        assert doc.input.endswith(doc.id)


def test_recurring_lines_become_furniture() -> None:
    counter = LineCounter(max_words=12)
    openings = ["Alpha opens with a long first paragraph about the harbour.",
                "Bravo reports on the railway line and its long closure.",
                "Charlie covers the election campaign in the capital city."]
    docs = [f"{opening}\nShare this on the Example Network\nA closing sentence.\n"
            for opening in openings]
    for text in docs:
        counter.add(text)
    cleaned = clean_text(docs[0], counter=counter, detect_title=False)
    assert cleaned.text == openings[0]
    assert ("Share this on the Example Network",
            "recurs in 3+ documents of the batch") in cleaned.dropped
    # Below the threshold (two documents) a line stays.
    two = LineCounter(max_words=12)
    for text in docs[:2]:
        two.add(text)
    assert "A closing sentence." in clean_text(docs[0], counter=two, detect_title=False).text
    # A sentence carrying a figure is never dropped for recurring.
    protected = clean_text("Intro paragraph that is long enough to be the body.\n"
                           "Moscow has deployed an estimated 100,000 soldiers near the border.",
                           counter=_counter_with("Moscow has deployed an estimated 100,000 "
                                                 "soldiers near the border.", 5),
                           detect_title=False)
    assert "100,000 soldiers" in protected.text


def _counter_with(line: str, families: int) -> LineCounter:
    counter = LineCounter(max_words=12)
    for i in range(families):
        counter.add(f"A much longer opening paragraph, different in every document of this "
                    f"batch: {'x' * (i + 1)}.\n{line}")
    assert counter.counts[normalise_line(line)] == families
    return counter


def test_recrawls_do_not_count_as_separate_documents() -> None:
    counter = LineCounter(max_words=12)
    article = "The long and distinctive body paragraph of one article.\nA short heading\n"
    for _ in range(5):
        counter.add(article)    # five crawls of one article are one family
    assert not counter.recurring("A short heading", min_docs=3)


@pytest.mark.parametrize("line,furniture", [
    ("Advertisement", True), ("CLICK HERE TO GET THE FOX NEWS APP", True),
    ("Author/author: TAS/KG", True), ("ol", True), ("Photo: EPA-EFE", True),
    ("Moscow CNN —", True), ("Share this article Share", True), ("12", True),
    ("Updated at 1:23 p.m.", True),
    ("USA", False), ("Deadly Clashes in Kursk Region", False),
    ("– Institute for the Study of War", False), ("Authorities said 5 were killed.", False),
    ("By the end of the week, 300 troops had arrived.", False), ("2,000", False),
])
def test_curated_furniture(line: str, furniture: bool) -> None:
    from claimtrail.ingest.furniture import is_curated_furniture

    assert is_curated_furniture(line) is furniture


@pytest.mark.parametrize("line,origin", [
    ("Original Source: en.yna.co.kr", "en.yna.co.kr"),
    ("Source: PAP, Reuters", "PAP, Reuters"),
    ("Originally published by The Conversation.", "The Conversation"),
    ("This article first appeared on Example Post", "Example Post"),
    ("The source said 40 people were hurt.", None),
    ("Source: a senior official told Reuters that 300 troops were killed.", None),
])
def test_credit_lines(line: str, origin: str | None) -> None:
    assert match_origin(line) == origin


def test_title_needs_a_heading_and_a_body() -> None:
    assert clean_text("Headline Here Today\n\nBody text follows.").title == "Headline Here Today"
    # Captions, datelines and run-together sentences are not headlines; they stay text
    # (or go as furniture), never silently become the title.
    caption = "Oleg Tinkoff speaks at a conference, 2018. (Anthony Kwan/Getty Images)"
    assert clean_text(f"{caption}\n\nBody.").title is None
    dateline = clean_text("Moscow CNN —\n\nRussia said on Monday it would respond.")
    assert dateline.title is None and dateline.text == "Russia said on Monday it would respond."
    merged = clean_text("Biden declared.Earlier he assured allies\n\nBody.")
    assert merged.title is None and merged.text.startswith("Biden declared.Earlier")
    assert clean_text("A sentence ends here.\nMore body.").title is None
    only = clean_text("Just one line")
    assert only.title is None and only.text == "Just one line"


@pytest.mark.slow
def test_ukraine_news_metadata_and_cleaning() -> None:
    folder = CORPUS / "ukraine-news"
    assert count_inputs([str(folder)]) == 431
    docs = [d for d in iter_documents([str(folder)])]
    problems = [d for d in docs if not isinstance(d, Document)]
    # The only files without an article are the 11 crawls of a newsletter sign-up box.
    assert len(problems) == 11, problems[:3]
    assert all("no article text" in p.reason for p in problems)
    assert all("Washington Post" in (folder / Path(p.input).name).read_text(encoding="utf-8")
               for p in problems)
    by_id = {d.id: d for d in docs if isinstance(d, Document)}
    first = by_id["20220125T090000Z_GB_en_7d015e6984.txt"]
    assert first.published == "2022-01-25T09:00:00Z" and first.published_from == "filename"
    assert first.language == "en" and first.extra["country"] == "GB"
    assert first.text.startswith("Emmanuel Macron has told a press conference in Berlin")
    texts = [d.text for d in by_id.values()]
    for furniture in ("ADVERTISEMENT", "Advertisement", "CLICK HERE TO GET THE FOX NEWS APP"):
        assert not any(furniture in t.split("\n\n") for t in texts), furniture
    # Every long line of every file is kept whole (furniture is short).
    for doc in list(by_id.values())[::20]:
        raw = (folder / doc.id).read_text(encoding="utf-8")
        for line in raw.splitlines():
            if len(line.split()) > 25:
                assert " ".join(line.split()) in doc.text, (doc.id, line[:60])


def test_empty_and_furniture_only_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n  \n\t\n")
    (tmp_path / "furniture.txt").write_text("Leave a Reply\n\nAdd a comment\n0\n")
    items = list(iter_documents([str(tmp_path)]))
    assert all(isinstance(i, IngestProblem) for i in items)
    reasons = {Path(i.input).name: i.reason for i in items}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "no article text" in reasons["furniture.txt"]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINES = st.lists(st.one_of(
    st.text(min_size=0, max_size=80),
    st.sampled_from(FURNITURE_LINES + ["Deadly Clashes in Kursk Region", "",
                                       "Source: PAP", "By Jane Reporter"]),
), max_size=12)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_cleaning_only_removes_never_invents(lines: list[str]) -> None:
    """Whatever the input, clean text is made of the input's own words, in order."""
    text = "\n".join(lines)
    result = clean_text(text)
    source_words = normalise_words(text)
    out_words = normalise_words(result.text) + normalise_words(result.title or "")
    remaining = iter(source_words)
    assert all(word in remaining for word in normalise_words(result.text))
    assert len(out_words) <= len(source_words)


def normalise_words(text: str) -> list[str]:
    from claimtrail.ingest.clean import normalise_text

    return normalise_text(text).split()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_give_documents_or_problems_never_errors(tmp_path: Path, data: bytes) -> None:
    for name in ("blob.txt", "blob.html", "blob.json", "blob.jsonl", "blob.rss", "blob.warc",
                 "blob.txt.gz"):
        (tmp_path / name).write_bytes(data)
    items = list(iter_documents([str(tmp_path)]))
    assert all(isinstance(i, (Document, IngestProblem)) for i in items)
    # Every file is accounted for: it gave a document or a problem naming it.
    named = {Path(i.input).name.split(":")[0].split("#")[0] for i in items}
    assert named == {p.name for p in tmp_path.iterdir()}


def test_a_page_of_nothing_but_a_newsletter_box_is_reported_not_stored() -> None:
    # A real crawl that caught only the Washington Post's sign-up box (11 such files in
    # ukraine-news): it must come back as a problem, not as a one-paragraph "article".
    page = CORPUS / "ukraine-news" / "20220127T173000Z_US_en_4c5e1bf0c7.txt"
    (item,) = list(iter_documents([str(page)]))
    assert isinstance(item, IngestProblem)
    assert "no article text" in item.reason
