"""A cheap, rule-based sentence and paragraph splitter, and quotation spans.

The parser is the expensive step, so it only sees sentences that can hold a claim.
This splitter runs first over the whole text in a few microseconds per sentence; its
boundaries are the ones the rest of the extractor uses (spaCy never re-splits).

Why rules and not spaCy's senter: scraped news glues sentences together ("in
Kursk.North Korea experts") and breaks lines mid-sentence; both are handled here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Longest sentence handed to the parser; longer runs (tables, hostile input) are cut at
# whitespace so one bad line cannot stall the stream or exhaust memory.
MAX_SENTENCE_CHARS = 1200

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm",
    "brig", "gov", "sen", "rep", "rev", "prof", "no", "vs", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "ltd", "co",
    "approx", "est", "fig", "etc", "al", "ie", "eg", "mt", "ft", "pres", "amb",
}

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then
# either whitespace or (glued text) directly an upper-case letter starting a word.
# It starts only at the first mark of a run and takes the run whole (possessive):
# otherwise a run of 20,000 full stops was tried from each of them (54 s).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*(?:\s+|(?=[“\"‘(]?[A-ZÀ-ÝİĞŞ][a-zà-ÿ])|(?<=[a-z]\.)(?=\d))")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\W*$")
# How far back from a full stop the word before it is looked for: searching the whole
# paragraph before each stop made one long line quadratic (a 1 MB line took minutes).
_WORD_WINDOW = 80
_NEW_SENTENCE = re.compile(r"(?:The|A|An|It|In|On|He|She|They|We|But|This)\b")


@dataclass
class Sentence:
    """One sentence: offsets into the document text and the paragraph it belongs to."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: lines, except that a line starting in lower case
    continues the previous one (a hard wrap in the middle of a sentence)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = start + (len(line) - len(line.lstrip()))
        trail = start + len(line.rstrip())
        if spans and stripped[0].islower():
            spans[-1] = (spans[-1][0], trail)
        else:
            spans.append((lead, trail))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, with its paragraph number."""
    sentences: list[Sentence] = []
    for para_no, (p_start, p_end) in enumerate(split_paragraphs(text)):
        for s_start, s_end in _sentence_spans(text, p_start, p_end):
            for c_start, c_end in _cut_long(text, s_start, s_end):
                sentences.append(Sentence(len(sentences), c_start, c_end,
                                          text[c_start:c_end], para_no))
    return sentences


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    chunk = text[start:end]
    cursor = 0
    for match in _BOUNDARY.finditer(chunk):
        stop = match.end()
        if stop >= len(chunk):
            break
        if not _is_boundary(chunk, match):
            continue
        sentence_end = match.start() + len(match.group().rstrip())
        if chunk[cursor:sentence_end].strip():
            spans.append(_trim(text, start + cursor, start + sentence_end))
        cursor = stop
    if chunk[cursor:].strip():
        spans.append(_trim(text, start + cursor, end))
    return spans


def _is_boundary(chunk: str, match: re.Match[str]) -> bool:
    nxt = chunk[match.end():match.end() + 2]
    if not nxt:
        return False
    if nxt[0].islower():                      # "e.g. the", "3 p.m. on"
        return False
    if match.group()[0] != ".":
        return True
    stop = match.start() + 1
    before = _WORD_BEFORE.search(chunk[max(0, stop - _WORD_WINDOW):stop])
    word = before.group(1) if before else ""
    bare = word.rstrip(".").lower()
    if bare in _ABBREVIATIONS:
        return False
    # Initials and dotted acronyms ("U.S.", "J. Smith") are not boundaries unless the
    # next word is clearly a new sentence start; "U.S. officials" is the common case.
    if len(bare) == 1 or "." in word.rstrip("."):
        return bool(_NEW_SENTENCE.match(chunk, match.end()))
    # glued "U.S.Army"-like runs are not boundaries
    return match.group()[-1].isspace() or not word.isupper() or len(word) > 3


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        pieces.append(_trim(text, start, cut))
        start = cut
    pieces.append(_trim(text, start, end))
    return [p for p in pieces if p[1] > p[0]]


@dataclass
class Quotation:
    """A direct quotation: offsets of its text (marks included) in the document."""

    start: int
    end: int


_OPENERS = {"“": "”", "«": "»", "„": "“"}


def find_quotations(text: str) -> list[Quotation]:
    """Balanced quotations, curly or straight. Unbalanced marks are ignored (scraped
    text often loses one), and a quotation never crosses more than three paragraphs."""
    quotes: list[Quotation] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPENERS or ch == '"':
            closer = _OPENERS.get(ch, '"')
            j = text.find(closer, i + 1)
            # a straight quote must open a word
            opens_word = ch != '"' or (i + 1 < n and not text[i + 1].isspace())
            if j != -1 and text.count("\n\n", i, j) <= 3 and j - i > 1 and opens_word:
                quotes.append(Quotation(i, j + 1))
                i = j + 1
                continue
        i += 1
    return quotes
