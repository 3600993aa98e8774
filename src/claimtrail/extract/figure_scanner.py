"""Tokens and figure atoms for the number grammar (``figure_grammar`` holds the rules).

The scanner sees the text as tokens (digit runs, letter runs, single other characters)
with their offsets, and knows which neighbours touch (no space between: "5,000" is the
three touching tokens 5 , 000). Each parse step looks at a bounded number of tokens, so a
whole text costs O(tokens). Figures are built as ``Atom``s: an atom is one numeral with
its scale ("1.5 million"), percent sign or multiplier; a figure is an atom or a range of
two, plus unit, rate and qualifiers.
"""
from __future__ import annotations

from dataclasses import dataclass

from claimtrail.extract import number_words as W

NUM, WORD, PUNCT = 0, 1, 2
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
DASHES = frozenset({"-", "\u2013", "\u2014", "\u2010", "\u2011"})
MAX_DIGITS = 15            # longer digit strings are identifiers (and would overflow floats)
ID_PUNCT_BEFORE = frozenset({":", "/", "#", "@", "_", "\\", "=", "'", "\u2019", "\u2116",
                              ".", ",", "&", "^", "|"})


@dataclass
class Atom:
    """A figure under construction; token indices are inclusive, offsets are characters."""

    first: int
    last: int
    low: float | None
    high: float | None
    qualifier: str = "exact"
    unit: str | None = None
    share: bool = False
    multiplier: bool = False
    vague: bool = False
    scale: float = 1.0             # scale word applied ("thousand"), for range propagation
    base: float = 0.0              # value before the scale
    plain: bool = True             # a bare count: may open a range or take a unit
    num_first: int = 0
    num_last: int = 0
    start: int = 0
    end: int = 0
    number_start: int = 0
    number_end: int = 0
    original_unit: str | None = None
    original_value: tuple[float | None, float | None] | None = None
    per: str | None = None
    form: str = "digits"           # digits | words | vague | fraction | fold
    next: int = 0                  # first token after everything consumed


PhraseIndex = dict[str, list[tuple[tuple[str, ...], str]]]


def _index_phrases(table: dict[tuple[str, ...], str]) -> PhraseIndex:
    """Phrase table keyed by first token, longest phrase first, for longest-match lookups."""
    index: PhraseIndex = {}
    for phrase, value in table.items():
        index.setdefault(phrase[0], []).append((phrase, value))
    for options in index.values():
        options.sort(key=lambda item: -len(item[0]))
    return index


PREFIX_INDEX = _index_phrases(W.PREFIX_QUALIFIERS)
SUFFIX_INDEX = _index_phrases(W.SUFFIX_QUALIFIERS)
RATE_INDEX = _index_phrases(W.RATE_PHRASES)
UNIT_INDEX = _index_phrases({k: f"{u}|{f}" for k, (u, f) in W.UNIT_PHRASES.items()})
NUMBER_WORDS = {**W.UNIT_WORDS, **W.TENS_WORDS}
# Words at which a figure can start; any other word token is skipped at once.
STARTER_WORDS = frozenset(
    set(NUMBER_WORDS) | set(W.VAGUE_PLURALS) | {"tens", "several", "a", "an", "half",
                                                 "twice", "between", "from", "us"}
    | set(W.FOLD_WORDS) | set(W.CURRENCY_CODES) | set(W.VULGAR_FRACTIONS)
)


class TokenView:
    """The tokens of one text with their offsets and lower-cased forms."""

    def __init__(self, text: str, spans: list[tuple[int, int, int]]) -> None:
        """``spans``: (start, end, kind) of each token, kind one of NUM, WORD, PUNCT."""
        self.text = text
        self.starts = [s for s, _, _ in spans]
        self.ends = [e for _, e, _ in spans]
        self.kinds = [k for _, _, k in spans]
        self.toks = [text[s:e] for s, e, _ in spans]
        self.lows = [t.lower() for t in self.toks]
        self.n = len(spans)
        self.blocked = 0           # tokens before this index are part of a rejected chunk

    # --- token helpers --------------------------------------------------------------------

    def touch(self, i: int) -> bool:
        """Token i and i+1 exist and touch (no space between)."""
        return i + 1 < self.n and self.ends[i] == self.starts[i + 1]

    def near(self, i: int) -> bool:
        """Token i+1 exists and follows token i on the same line."""
        return i + 1 < self.n and "\n" not in self.text[self.ends[i]:self.starts[i + 1]]

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def kind(self, i: int) -> int:
        return self.kinds[i] if 0 <= i < self.n else -1

    def tok(self, i: int) -> str:
        return self.toks[i] if 0 <= i < self.n else ""

    def phrase(self, index: PhraseIndex, i: int) -> tuple[int, str] | None:
        """Longest phrase of ``index`` starting at token i: (tokens used, value)."""
        if i >= self.n:
            return None
        for words, value in index.get(self.lows[i], ()):
            size = len(words)
            if i + size > self.n:
                continue
            if all(self.lows[i + k] == words[k] for k in range(1, size)) and all(
                    self.near(i + k) for k in range(size - 1)):
                return size, value
        return None

    def block_chunk(self, i: int) -> None:
        """Reject the glued chunk (no spaces) around token i: an identifier, date, URL."""
        k = i
        while self.touch(k):
            k += 1
        self.blocked = max(self.blocked, k + 1)


def convert_unit(atom: Atom, unit: str, factor: float, words: str) -> None:
    """Give ``atom`` its canonical unit, converting the value when ``factor`` is not 1 and
    keeping the printed words and value (``original_unit``/``original_value``)."""
    if factor != 1.0:
        atom.original_unit = words
        atom.original_value = (atom.low, atom.high)
        atom.low = None if atom.low is None else round(atom.low * factor, 6)
        atom.high = None if atom.high is None else round(atom.high * factor, 6)
    atom.unit = unit


def apply_qualifier(atom: Atom, qualifier: str) -> None:
    """Turn a figure into a bound or an approximation ("over 5,000", "about 30")."""
    if qualifier == "exact" or (qualifier == "approx" and atom.vague):
        return
    if qualifier == "at_least":
        atom.high = None
    elif qualifier == "at_most":
        atom.high = atom.high if atom.high is not None else atom.low
        atom.low = None
    atom.qualifier = qualifier
