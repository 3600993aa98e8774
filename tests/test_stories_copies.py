"""The copy graph on real text: rewrites sharing sentences, credit lines, copy groups."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE
from test_stories_fixtures import UKRAINE, add_document, load_seeds, ukraine_date

from claimtrail.store import connect
from claimtrail.store.stories import DocumentRow
from claimtrail.stories import assign_stories
from claimtrail.stories.copies import copy_groups, credit_of, link_copies
from claimtrail.stories.features import sentence_shingles, split_sentences

SEED_001 = EXAMPLE / "001_992cb9edb926320c.txt"


def _doc(text: str, origin: str | None = None) -> DocumentRow:
    return DocumentRow(id="x", title=None, text=text, outlet=None, published=None,
                       origin=origin, rowid=1)


def test_credits_from_origin_lines_and_wire_datelines() -> None:
    assert credit_of(_doc("...", origin="www.theweek.in")) == "theweek.in"
    assert credit_of(_doc("...", origin="en.yna.co.kr")) == "yna.co.kr"
    assert credit_of(_doc("KYIV, April 18 (Reuters) - Ukraine said ...")) == "Reuters"
    assert credit_of(_doc("WASHINGTON (AP) — The Pentagon said ...")) == "Associated Press"
    assert credit_of(_doc("Text.\n\nReporting by Pavel Polityuk; Editing by Alex Richardson"))\
        == "Reuters"
    # a wire named in the body is a source of the article, not its credit line
    assert credit_of(_doc("Ukraine's army said, according to Reuters, that ...")) is None


def test_only_long_sentences_are_fingerprinted() -> None:
    text = SEED_001.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    shingled = sentence_shingles(text)
    assert 0 < len(shingled) < len(sentences)      # headings and short lines are left out


def _rewrite(source: Path, tmp_path: Path, name: str, keep: int, lead: str) -> Path:
    """A rewrite: a new lead, then ``keep`` long sentences of the source, verbatim or with
    one word changed, in another order."""
    long_ones = [s for s in split_sentences(source.read_text(encoding="utf-8"))
                 if len(s.split()) >= 20][:keep]
    edited = [s.replace(" the ", " this ", 1) for s in long_ones[::2]] + long_ones[1::2]
    path = tmp_path / name
    path.write_text(lead + "\n\n" + " ".join(reversed(edited)), encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_rewrite_sharing_sentences_is_linked_to_its_original(
        tmp_path: Path, store_url: str) -> None:
    conn = connect(store_url)
    load_seeds(conn)
    rewrite = _rewrite(SEED_001, tmp_path, "rewrite.txt", keep=4,
                       lead="Pyongyang's soldiers have been hit in Russia, officials in Kyiv say.")
    one_quote = _rewrite(SEED_001, tmp_path, "one-quote.txt", keep=1,
                         lead="An analysis of the war's third winter and its foreign fighters.")
    ids = [add_document(conn, rewrite, "2024-12-18"), add_document(conn, one_quote, "2024-12-19")]
    assign_stories(conn)
    links = {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT document_id, copy_of, method FROM copies")}
    assert links.get((ids[0], SEED_001.name)) == "shared-sentences"
    # one shared sentence may be a common quotation: not a copy by itself
    assert (ids[1], SEED_001.name) not in links
    groups = copy_groups(conn, [SEED_001.name, *ids])
    assert groups[ids[0]] == SEED_001.name          # the group is named by its earliest
    assert groups[ids[1]] == ids[1]


@pytest.mark.slow
def test_documents_of_one_story_crediting_one_source_are_linked(
        tmp_path: Path, store_url: str) -> None:
    conn = connect(store_url)
    load_seeds(conn)
    seed_002 = EXAMPLE / "002_7c1b3e37c3792be6.txt"
    text = seed_002.read_text(encoding="utf-8")
    summary = text.split("\n\n")[3]      # the lead paragraph, reworded below
    copy = tmp_path / "yonhap-rewrite.txt"
    copy.write_text("North Korea's losses in Kursk top 5,000, Britain says\n\n"
                    + summary.replace("The British defense ministry reports", "Britain says")
                    + "\n\nOriginal Source: en.yna.co.kr\n", encoding="utf-8")
    new = add_document(conn, copy, "2025-03-12")
    assign_stories(conn)
    methods = {r[0] for r in conn.execute(
        "SELECT method FROM copies WHERE document_id = ? AND copy_of = ?",
        (new, seed_002.name))}
    assert "credit" in methods
    # the other seed credits another outlet: not linked
    assert conn.execute("SELECT COUNT(*) FROM copies WHERE document_id = ? AND copy_of LIKE"
                        " '004%'", (new,)).fetchone()[0] == 0


@pytest.mark.slow
def test_unrelated_articles_are_not_linked_and_links_are_not_duplicated(store_url: str) -> None:
    conn = connect(store_url)
    paths = sorted(UKRAINE.glob("202202*.txt"))[:30]
    ids = [add_document(conn, p, ukraine_date(p.name)) for p in paths]
    assign_stories(conn)
    first = conn.execute("SELECT COUNT(*) FROM copies").fetchone()[0]
    assert link_copies(conn, ids) == []              # a second pass adds nothing
    assert conn.execute("SELECT COUNT(*) FROM copies").fetchone()[0] == first
    # thirty articles from a month of different outlets: few, if any, are copies
    assert first <= 3


def _matched_by_loops(mine: list[list[int]], others: list[list[list[int]]],
                      common: set[int], overlap: float = 0.5) -> dict[int, int]:
    """The sentence matching as it was first written, loop by loop (the reference)."""
    from collections import defaultdict

    def boilerplate(grams: list[int]) -> bool:
        return any(g in common for g in grams[:3])

    index: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for d, sentences in enumerate(others):
        for s_idx, grams in enumerate(sentences):
            if not boilerplate(grams):
                for g in grams:
                    index[g].append((d, s_idx))
    matched: dict[int, set[int]] = defaultdict(set)
    for grams in mine:
        if boilerplate(grams):
            continue
        shared: dict[tuple[int, int], int] = defaultdict(int)
        for g in set(grams):
            for where in index.get(g, ()):
                shared[where] += 1
        for (d, s_idx), count in shared.items():
            smaller = min(len(grams), len(others[d][s_idx]))
            if smaller and count / smaller >= overlap:
                matched[d].add(s_idx)
    return {d: len(s) for d, s in matched.items()}


def test_sentence_matching_on_arrays_equals_the_loops() -> None:
    """Random sentences over a small alphabet of hashes (so that sentences share some,
    repeat some, and some sketches are boilerplate): the same matches as the loops."""
    import random

    from claimtrail.store.stories import StoryFeatures
    from claimtrail.stories.copies import COPY, _matched_sentences

    def feats(sentences: list[list[int]]) -> StoryFeatures:
        return StoryFeatures("d", {}, {}, None, sentences)

    rng = random.Random(7)
    compared = found = 0
    for _ in range(300):
        def sentence() -> list[int]:
            return sorted(rng.randrange(60) for _ in range(rng.randint(1, 14)))
        base = [sentence() for _ in range(rng.randint(0, 8))]
        mine = [s if rng.random() < 0.5 else sentence() for s in base] + \
            [sentence() for _ in range(rng.randint(0, 3))]
        others = [[rng.choice(base) if base and rng.random() < 0.4 else sentence()
                   for _ in range(rng.randint(0, 9))] for _ in range(rng.randint(0, 5))]
        common = {rng.randrange(60) for _ in range(rng.randint(0, 4))}
        expected = _matched_by_loops(mine, others, common)
        got = _matched_sentences(feats(mine), [feats(o) for o in others], common, COPY)
        assert got == expected
        compared += 1
        found += bool(expected)
    assert found > 50            # the cases did match sentences, not only trivially
