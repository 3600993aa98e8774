"""Normalised content hashes and MinHash near-duplicate detection."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrail.config import DedupSettings
from claimtrail.ingest.dedup import (NearDuplicateIndex, content_hash, copy_direction,
                                     normalise_text, shingles, signature, signature_from_bytes,
                                     signature_to_bytes)
from conftest import CORPUS

ARTICLE = (
    "The British defense ministry reports that North Korean troops have suffered over 5,000 "
    "casualties in Kursk while fighting Ukrainian forces. This amounts to nearly half of the "
    "troops dispatched last year. The situation reflects significant losses primarily through "
    "intense ground assaults, with further troop deployments recently noted. South Korea's "
    "military estimated that about 300 North Korean soldiers had been killed and 2,700 wounded "
    "since they entered combat, according to lawmakers briefed by the spy agency in Seoul."
)
UNRELATED = (
    "Emmanuel Macron has told a press conference in Berlin that he plans to hold phone talks "
    "with his Russian counterpart Vladimir Putin on Friday to discuss the situation in Ukraine. "
    "The French President said he will ask for clarification and visibility on the situation, "
    "and that Germany and France are united in their aim of lowering tensions."
)


def test_normalise_folds_width_case_punctuation_and_space() -> None:
    assert normalise_text("  Ｔｈｅ “Ministry”,\n\tSAID:  war.Shortly… ") == \
        "the ministry said war shortly"
    assert normalise_text("inter\u00adnational") == "international"   # soft hyphen is invisible


def test_exact_copies_share_a_hash_and_edits_do_not() -> None:
    rewrapped = ARTICLE.replace(". ", ".\n\n").replace("'", "\u2019").upper()
    assert content_hash(rewrapped) == content_hash(ARTICLE)
    assert content_hash(ARTICLE.replace("5,000", "6,000")) != content_hash(ARTICLE)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1,
                        max_size=8), min_size=1, max_size=30),
       st.sampled_from([" ", "\n\n", " , ", ". ", "\t—\t", " \u00a0 "]))
def test_hash_ignores_punctuation_and_spacing_between_words(words: list[str], sep: str) -> None:
    assert content_hash(sep.join(words)) == content_hash(" ".join(words))


def test_shingles_cover_short_texts() -> None:
    assert shingles("only three words", 5) == {b"only three words"}
    assert len(shingles(ARTICLE, 5)) == len(normalise_text(ARTICLE).split()) - 4


def test_signature_survives_a_round_trip_through_bytes() -> None:
    sig = signature(ARTICLE)
    back = signature_from_bytes(signature_to_bytes(sig))
    assert back.jaccard(sig) == 1.0


def test_index_finds_a_lightly_edited_copy_but_not_another_story() -> None:
    index = NearDuplicateIndex()
    index.add("original", signature(ARTICLE))
    index.add("other", signature(UNRELATED))
    edited = ARTICLE.replace("significant losses", "heavy losses")
    matches = index.matches(signature(edited))
    assert [m.document_id for m in matches] == ["original"]
    assert 0.8 <= matches[0].similarity < 1.0
    assert index.matches(signature("A completely different text about grain exports "
                                   "through the Black Sea and shipping insurance rates.")) == []


def test_threshold_comes_from_settings() -> None:
    strict = NearDuplicateIndex(DedupSettings(near_duplicate_threshold=0.99))
    strict.add("original", signature(ARTICLE))
    edited = ARTICLE.replace("significant losses", "heavy losses")
    assert strict.matches(signature(edited)) == []


def test_the_later_published_is_the_copy() -> None:
    assert copy_direction(("new", "2024-05-06T18:30:00Z"), ("old", "2024-05-06T16:30:00Z")) == \
        ("new", "old")
    # the newcomer was published first: the stored one becomes the copy
    assert copy_direction(("new", "2024-05-05"), ("old", "2024-05-06T16:30:00Z")) == \
        ("old", "new")
    # unknown date (or a tie): the later ingested is the copy
    assert copy_direction(("new", None), ("old", "2024-05-06")) == ("new", "old")
    assert copy_direction(("new", "2024-05-06"), ("old", "2024-05-06")) == ("new", "old")


def test_real_recrawls_are_exact_or_near_copies() -> None:
    news = CORPUS / "ukraine-news"
    triple = sorted(news.glob("*_150b309295.txt"))
    assert len(triple) == 3
    assert len({content_hash(p.read_text(encoding="utf-8")) for p in triple}) == 1
    edited: list[Path] = sorted(news.glob("*_07addd3422.txt"))   # a corrected re-crawl
    first, second = (p.read_text(encoding="utf-8") for p in edited)
    assert content_hash(first) != content_hash(second)
    index = NearDuplicateIndex()
    index.add(edited[0].name, signature(first))
    (match,) = index.matches(signature(second))
    assert match.document_id == edited[0].name and match.similarity >= 0.9
