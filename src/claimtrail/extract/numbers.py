"""The number grammar: every figure in a piece of text, as an interval with its qualifier.

INTERFACE (fixed; the claim extractor builds on it):

    find_quantities(text: str) -> list[Quantity]

returns, in text order, each figure that can carry a claim, with its character span in
``text``. Years, dates, clock times, ordinals, unit names ("810th brigade"), phone
numbers and identifiers are not returned.

How it works: one linear regex splits the text into tokens (digit runs, letter runs,
single other characters), then a hand-written scanner walks the tokens left to right and
tries the grammar at each token that can start a figure. Nothing backtracks over
more than a few tokens, so the cost is linear in the text length. The word lists live in
``number_words.py``; the rules in ``figure_grammar.py`` (ranges, units, qualifiers),
``number_atoms.py`` (digits and look-alikes) and ``word_atoms.py`` (spelled numbers,
fractions, vague words) over the tokens of ``figure_scanner.py``.

Conventions (documented once, here):
- A point is low == high; "over 5,000" is (5000, None, at_least); "up to 10" is
  (None, 10, at_most); "nearly"/"almost" are approx (as the gold reads them).
- Shares ("60%", "60 per cent", "one-third", "half", "one in five") have unit "share"
  and a fraction value (0.6), share=True.
- Multipliers ("tenfold", "3 times") have unit "ratio", multiplier=True.
- Areas are converted to "km2", lengths to "km", decades and centuries to "years";
  original_unit/original_value keep the printed words. A bracket right after a figure
  that restates it in another unit or currency ("30 square kilometers (11.5 square
  miles)", "$12.9bn (\u00a310bn)") is the same figure: it is consumed, not returned.
- Units glued to digits that the lexicon does not know ("350MB", "87W") are kept as
  printed; "10x" is a multiplier.
- Ages and durations are returned with a time unit ("years", "months", "hours") so the
  claim extractor can set them aside; money carries a currency unit ("usd").
- Vague quantities ("scores of", "dozens", "several hundred", "tens of thousands") are
  intervals from the one table in ``number_words`` (VAGUE_*), qualifier "vague".
- A rate after the figure ("per day") is kept in ``per`` and appended to a unit
  ("km2/day").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from claimtrail.extract import number_words as W
from claimtrail.extract.figure_grammar import scan
from claimtrail.extract.figure_scanner import NUM, PUNCT, WORD, Atom, TokenView


@dataclass
class Quantity:
    start: int                 # character offsets of the whole figure phrase in the text,
    end: int                   # qualifier words included ("over 5,000", "scores of")
    text: str
    low: float | None          # interval; None = open
    high: float | None
    qualifier: str             # exact | approx | at_least | at_most | vague
    unit: str | None = None    # None (a count), "share", "km2", "km", "ratio", "years", "usd"...
    share: bool = False        # a fraction of something else ("one-third of", "60%")
    multiplier: bool = False   # "tenfold", "three times"
    number_start: int = 0      # offsets of the numeral itself ("5,000" in "over 5,000")
    number_end: int = 0
    original_unit: str | None = None     # before conversion ("square miles")
    original_value: tuple[float | None, float | None] | None = None
    per: str | None = None     # rate denominator: "day" in "30 km2 per day"


# Digit runs, letter runs, or one other character; group number = token kind.
_TOKEN = re.compile(r"(\d+)|([^\W\d_]+)|(\S)")
_KIND = {1: NUM, 2: WORD, 3: PUNCT}


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text`` in text order (see the module docstring for conventions)."""
    if not text:
        return []
    tokens = [(m.start(), m.end(), _KIND[m.lastindex or 3]) for m in _TOKEN.finditer(text)]
    found = [_to_quantity(text, atom) for atom in scan(TokenView(text, tokens))
             if not _in_a_name(text, atom)]
    scores = [q for q in _scores(text) if not any(q.start < f.end and f.start < q.end
                                                  for f in found)]
    return sorted(found + scores, key=lambda q: q.start) if scores else found


# A result "3-0", "70-44", "52-48" is no range (its second number is not the larger): the
# grammar sets it aside, and where a win, a defeat or a vote is said next to it, each side
# is a figure of its own (shared/eval: a game's final result is two figures).
_SCORE = re.compile(r"(?<![\w.,/-])(\d{1,3})\s?[-\u2013]\s?(\d{1,3})(?![\w/-]|[.,]\d)")
_SCORE_CUE = re.compile(
    r"\b(?:win|wins|won|victory|victories|beat|beats|beating|defeat|defeats|defeated|d\.|"
    r"loss|losses|lose|loses|lost|lead|leads|led|edged?|draw|drew|tie|tied|score|scored|"
    r"final|vote|votes|voted|past|rout|routed|downed|topped|blanked|thrashed|trounced|"
    r"margin|tally)(?!\w)", re.IGNORECASE)


def _scores(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _SCORE.finditer(text):
        first, second = int(m.group(1)), int(m.group(2))
        if second > first:
            continue                       # an ascending pair is a range the grammar reads
        near = text[max(0, m.start() - 40):m.start()] + " " + text[m.end():m.end() + 25]
        if not _SCORE_CUE.search(near):
            continue                       # "Route 66-1", a code: no result said
        for g in (1, 2):
            value = float(m.group(g))
            out.append(Quantity(start=m.start(g), end=m.end(g), text=m.group(g), low=value,
                                high=value, qualifier="exact", unit="score",
                                number_start=m.start(g), number_end=m.end(g)))
    return out


# A number glued to a capitalised word is part of a name ("7News", "3Com"), unless the
# word is a unit the grammar knows.
_GLUED_NAME = re.compile(r"[A-Z][a-z]{2,}")


def _in_a_name(text: str, atom: Atom) -> bool:
    glued = _GLUED_NAME.match(text, atom.number_end)
    if glued is None or (atom.number_start > 0 and text[atom.number_start - 1].isalpha()):
        return False
    word = glued.group().lower()
    return word not in W.COMPOUND_UNITS and (word,) not in W.UNIT_PHRASES


def _to_quantity(text: str, atom: Atom) -> Quantity:
    return Quantity(
        start=atom.start, end=atom.end, text=text[atom.start:atom.end],
        low=atom.low, high=atom.high, qualifier=atom.qualifier, unit=atom.unit,
        share=atom.share, multiplier=atom.multiplier,
        number_start=atom.number_start, number_end=atom.number_end,
        original_unit=atom.original_unit, original_value=atom.original_value,
        per=atom.per,
    )
