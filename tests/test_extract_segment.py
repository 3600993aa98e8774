"""The cheap sentence splitter and quotation finder (no model needed)."""
from __future__ import annotations

from claimtrail.extract.segment import (
    MAX_SENTENCE_CHARS,
    find_quotations,
    split_paragraphs,
    split_sentences,
)


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_splits_on_terminal_punctuation_but_not_abbreviations() -> None:
    text = ("The Pentagon corroborated the reports, with press secretary Maj. Gen. Pat Ryder "
            "confirming deaths. U.S. officials said 3,000 troops would go. It was reported later.")
    assert texts(text) == [
        ("The Pentagon corroborated the reports, with press secretary Maj. Gen. Pat Ryder "
        "confirming deaths."),
        "U.S. officials said 3,000 troops would go.",
        "It was reported later.",
    ]


def test_glued_sentences_of_scraped_text_are_split() -> None:
    # seed 003: "...in civilian trucks ... in Kursk.Meanwhile, according to various sources"
    text = ("This happened in the Kursk region.North Korea experts have been expressing concerns. "
            "That is why they decided to reinforce them with North Korean troops.“The Kremlin "
            "has reached an agreement.”")
    assert texts(text) == [
        "This happened in the Kursk region.",
        "North Korea experts have been expressing concerns.",
        "That is why they decided to reinforce them with North Korean troops.",
        "“The Kremlin has reached an agreement.”",
    ]


def test_offsets_point_into_the_text_and_paragraphs_are_counted() -> None:
    text = "First line here.\n\nSecond paragraph. Still second.\nThird one."
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start:s.end] == s.text
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]


def test_a_line_starting_in_lower_case_continues_the_paragraph() -> None:
    # seed 004 breaks "to fight violently\nand even perish" mid-sentence
    text = "which fosters a combative mentality, propelling them to fight violently\nand even perish."
    assert len(split_paragraphs(text)) == 1
    assert len(split_sentences(text)) == 1


def test_a_huge_line_is_cut_into_bounded_pieces() -> None:
    text = "word " * 100_000
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert sum(len(s.text.split()) for s in sentences) == 100_000


def test_quotations_curly_and_straight_and_unbalanced() -> None:
    text = ('“Currently, 11,000 soldiers are here. Some are suffering,” Zelenskyy said. '
            'He said "we will win" and then “an unclosed quote')
    quotes = [text[q.start:q.end] for q in find_quotations(text)]
    assert quotes == ['“Currently, 11,000 soldiers are here. Some are suffering,”', '"we will win"']
