"""Random and hostile text through extract_claims: nothing crashes, claims stay sane."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from claimtrail.extract import extract_claims, load_nlp
from claimtrail.models import KINDS, QUALIFIERS, Claim, Document

pytestmark = pytest.mark.slow

NLP: Language | None = None


def nlp() -> Language:
    global NLP
    if NLP is None:
        NLP = load_nlp()
    return NLP


def check(text: str, published: str | None = "2025-03-10") -> list[Claim]:
    claims = extract_claims(Document(id="h", text=text, published=published), nlp())
    for c in claims:
        assert c.kind in KINDS and c.value.qualifier in QUALIFIERS
        assert c.span is not None and 0 <= c.span[0] < c.span[1] <= len(text)
        assert c.sentence and c.sentence in text
    return claims


WORDS = st.sampled_from([
    "killed", "wounded", "troops", "soldiers", "according", "to", "the", "ministry", "said",
    "over", "5,000", "300", "scores", "of", "“", "”", '"', "(", ")", "GUR", "—", "\n", ".",
    "since", "January", "last", "year", "in", "Kursk", "region", "and", "more", "than", "2,700",
    "injured", "It", "was", "reported", "that", "half", "one-third", "%", "km", "square",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_war_words_in_random_order(text: str) -> None:
    check(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=30)))
def test_arbitrary_unicode_and_publication_dates(text: str, published: str | None) -> None:
    check(text, published)


@pytest.mark.parametrize("text", [
    "",
    " \n\t ",
    "“" * 500 + "300 soldiers were killed",
    "\"unbalanced quote: 300 soldiers were killed, he said",
    "\x00\x01\x02 binary \xff\ufffd garbage 5,000 casualties \x7f",
    "1" * 5000,
    ". . . . 3,000 . . . troops . . .",
])
def test_hostile_inputs(text: str) -> None:
    check(text)


def test_one_megabyte_line() -> None:
    filler = "and the front line held without a pause " * 26_000
    line = filler + "over 300 soldiers were killed, officials said " + filler
    assert len(line) > 1_000_000 and "\n" not in line
    claims = check(line)
    assert [c.quote for c in claims] == ["over 300"]   # the line is cut, not dropped
