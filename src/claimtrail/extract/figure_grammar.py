"""The rules of the number grammar, over a ``TokenView``.

A figure is: [qualifier] [between|from] atom [joiner atom] [unit] [(restatement)] [rate]
[suffix qualifier]. An atom is a numeral (digits or words) with its scale ("1.5 million",
"3bn"), percent ("60 per cent"), multiplier ("three times", "tenfold"), fraction
("two-thirds", "one in five") or a vague quantity ("tens of thousands"). Each rule reads
a bounded window of tokens; none loops back, so scanning is linear.
"""
from __future__ import annotations

from claimtrail.extract import number_words as W
from claimtrail.extract.figure_scanner import (
    DASHES,
    NUM,
    NUMBER_WORDS,
    PREFIX_INDEX,
    PUNCT,
    RATE_INDEX,
    STARTER_WORDS,
    SUFFIX_INDEX,
    UNIT_INDEX,
    WORD,
    Atom,
    TokenView,
    apply_qualifier,
    convert_unit,
)
from claimtrail.extract.number_atoms import parse_atom
from claimtrail.extract.word_atoms import article_time

_CURRENCIES = frozenset({*W.CURRENCY_SIGNS.values(), *W.CURRENCY_CODES.values()})


# Tokens at which a figure can start (besides any digit run): number words, vague and
# fraction words, range openers, currency signs and codes, first words of qualifiers.
_START_TOKENS = frozenset(STARTER_WORDS | set(PREFIX_INDEX) | set(W.CURRENCY_SIGNS) | set(W.DOLLAR_PREFIXES) | {"m"})


def scan(v: TokenView) -> list[Atom]:
    """All figures of the text behind ``v``, in order, non-overlapping."""
    found: list[Atom] = []
    resume = 0                       # first token not consumed by the last figure
    for i, (kind, low) in enumerate(zip(v.kinds, v.lows, strict=True)):
        if i < resume or i < v.blocked or (kind != NUM and low not in _START_TOKENS):
            continue
        change = _change(v, i)
        if change is not None:
            for part in change:
                _finish_offsets(v, part)
            found.extend(change)
            resume = change[-1].next
            continue
        atom = _figure_with_prefix(v, i)
        if atom is None:
            continue
        _finish_offsets(v, atom)
        found.append(atom)
        resume = atom.next
    return found


# Words of change before "from X to Y": the figure moved from one value to another.
_CHANGE_WORDS = frozenset(
    f"{stem}{end}" for stem, ends in (
        ("ris", ("e", "es", "en", "ing")), ("rose", ("",)), ("grow", ("", "s", "n", "ing")),
        ("grew", ("",)), ("increas", ("e", "ed", "es", "ing")), ("jump", ("", "ed", "s")),
        ("climb", ("", "ed", "s", "ing")), ("soar", ("", "ed", "s", "ing")),
        ("surg", ("e", "ed", "es", "ing")), ("fall", ("", "s", "en", "ing")), ("fell", ("",)),
        ("drop", ("", "s", "ped", "ping")), ("decreas", ("e", "ed", "es", "ing")),
        ("declin", ("e", "ed", "es", "ing")), ("plung", ("e", "ed", "es")),
        ("plummet", ("", "ed", "s")), ("shr", ("ink", "ank", "unk", "inks")),
        ("swell", ("", "ed", "s")), ("swollen", ("",)), ("rais", ("e", "ed", "es", "ing")),
        ("revis", ("e", "ed", "es", "ing")), ("lower", ("", "ed", "s")), ("cut", ("", "s")),
        ("reduc", ("e", "ed", "es", "ing")), ("boost", ("", "ed", "s")),
        ("expand", ("", "ed", "s")), ("doubl", ("e", "ed", "es")), ("tripl", ("e", "ed", "es")),
        ("chang", ("e", "ed", "es")), ("increment", ("ed",)))
    for end in ends)
_GO_WORDS = frozenset({"go", "goes", "went", "gone", "going"})
_OPENING_QUOTES = frozenset({"\"", "\u201c", "\u2018", "'", "\u00ab"})


def _after_change_word(v: TokenView, i: int) -> bool:
    """ "rose from", "grew sharply from", "went up from", "an increase from"."""
    k = i - 1
    if k >= 0 and v.lows[k] in _OPENING_QUOTES and v.near(k):
        k -= 1                       # 'has risen "from 300 to 969"'
    if k >= 0 and v.kinds[k] == WORD and v.lows[k].endswith("ly") and v.near(k):
        k -= 1                       # "rose sharply from"
    if k < 0 or v.kinds[k] != WORD or not v.near(k):
        return False
    if v.lows[k] in ("up", "down"):
        return k >= 1 and v.lows[k - 1] in _GO_WORDS
    return v.lows[k] in _CHANGE_WORDS


def _change(v: TokenView, i: int) -> list[Atom] | None:
    """ "rose from 300 to 969", "grew from 60 to 71 percent": after a word of change,
    "from X to Y" is not a range but two values, the earlier X and the later Y. X takes
    Y's percent sign or scale word when it has none ("from 1.2 to 3 million")."""
    if v.lows[i] != "from" or v.kinds[i] != WORD or not v.near(i) or not _after_change_word(v, i):
        return None
    first = parse_atom(v, i + 1)
    if first is None or first.vague or first.multiplier:
        return None
    j = first.next
    if j + 1 >= v.n or v.lows[j] != "to" or not v.near(j - 1) or not v.near(j):
        return None
    second = _figure_with_prefix(v, j + 1)
    if second is None or second.vague or second.low is None or first.low is None or \
            first.high is None:
        return None
    if first.plain and first.unit is None:
        if second.scale > 1 and first.scale == 1 and first.low < second.base:
            first.low, first.high = first.low * second.scale, first.high * second.scale
        if second.share and not first.share:
            first.low, first.high = first.low / 100.0, first.high / 100.0
            first.share = True
            first.unit = second.unit
        elif second.unit is not None and second.original_unit is None:
            first.unit = second.unit  # "from 10 to 12 km2": no conversion to repeat
    _attach_suffix_qualifier(v, first)
    return [first, second]


def _figure_with_prefix(v: TokenView, i: int) -> Atom | None:
    found = v.phrase(PREFIX_INDEX, i)
    if found is not None:
        size, qualifier = found
        if v.near(i + size - 1):
            atom = _figure(v, i + size) or article_time(v, i + size)
            if atom is not None:
                if not (qualifier == "approx" and atom.qualifier in ("at_least", "at_most")):
                    apply_qualifier(atom, qualifier)   # "about 300 or more" is at least 300
                atom.first = i
                return atom
    if v.kinds[i] == PUNCT and v.lows[i] not in W.CURRENCY_SIGNS:
        return None
    return _figure(v, i)


def _figure(v: TokenView, i: int) -> Atom | None:
    if i >= v.n or i < v.blocked:
        return None
    low = v.lows[i]
    if low in W.RANGE_OPENERS and v.kinds[i] == WORD:
        return _opened_range(v, i)
    atom = parse_atom(v, i)
    if atom is None:
        return None
    if (atom.plain and not atom.vague) or atom.share or atom.unit in _CURRENCIES:
        _extend_range(v, atom, opener=None)
        if v.blocked > atom.first:
            return None              # the range turned out to be a score or a code
    if atom.plain or atom.unit in _CURRENCIES:
        _attach_unit(v, atom)
    _attach_suffix_qualifier(v, atom)
    return atom


def _opened_range(v: TokenView, i: int) -> Atom | None:
    """ "between 50 and 60", "from 40 to 50": the opener belongs to the figure."""
    if not v.near(i):
        return None
    atom = parse_atom(v, i + 1)
    if atom is None or atom.vague or atom.multiplier:
        return None
    if not _extend_range(v, atom, opener=v.lows[i]):
        return None                  # "from 5,000" alone: let the scan find 5,000 itself
    atom.first = i
    if atom.plain or atom.unit in _CURRENCIES:
        _attach_unit(v, atom)
    _attach_suffix_qualifier(v, atom)
    return atom


def _extend_range(v: TokenView, atom: Atom, opener: str | None) -> bool:
    """Join ``atom`` with a second atom after a range word; True if a range was made."""
    j = atom.next
    if j >= v.n or not v.near(j - 1):
        return False
    joiner = v.lows[j]
    allowed = W.RANGE_OPENERS[opener] if opener else W.RANGE_JOINERS
    repeated = v.phrase(UNIT_INDEX, j) if atom.unit is None else None
    if repeated is not None and v.near(j + repeated[0] - 1) and \
            v.low(j + repeated[0]) in allowed:
        j += repeated[0]             # "from 5 euros to 8 euros": the unit at both ends
        joiner = v.lows[j]
    else:
        repeated = None
    size = 1
    if joiner == "to" and v.low(j + 1) == "as" and v.low(j + 2) == "many" and v.low(j + 3) == "as":
        size = 4
    if joiner not in allowed and not (joiner in DASHES and "-" in allowed):
        return False
    if joiner == "or" and (v.low(j + 1) in ("more", "less", "fewer", "so", "above")):
        return False
    k = j + size
    if k >= v.n or not v.near(k - 1):
        return False
    second = parse_atom(v, k, range_end=True)
    if second is None or second.vague:
        return False
    if repeated is not None and (second.next >= v.n or
                                 v.phrase(UNIT_INDEX, second.next) != repeated):
        return False
    if second.multiplier and not (atom.plain and second.form == atom.form):
        return False                 # "between 25 and 30 times" is a range of ratios
    if second.share != atom.share and not (second.share and atom.plain and atom.unit is None):
        return False
    low, high = atom.low, second.high
    if low is None or high is None:
        return False
    if second.scale > 1 and atom.scale == 1 and low < second.base:
        low *= second.scale          # "10-12 thousand": the scale covers both ends
    elif atom.scale == 1 and not atom.share:
        low = _implied_thousands(low, high)
    if second.share and not atom.share:
        low /= 100.0                 # "10-15%": the percent sign covers both ends
    if not high > low:
        if joiner in DASHES and atom.form == second.form == "digits":
            v.block_chunk(atom.last)  # a score or code ("3-0", "2-1"), not a figure
        return False
    if joiner == "or" and (high > 10 * low or second.scale != atom.scale
                           or _listed_after_comma(v, atom.first)):
        return False                 # "50,000, 150,000 or 1 million": a list, not a range
    atom.low, atom.high = low, high
    atom.last = second.last
    atom.next = second.next
    atom.num_last = second.num_last
    atom.unit = second.unit if second.unit else atom.unit
    atom.share = second.share
    atom.multiplier = second.multiplier
    atom.plain = second.plain
    return True


def _implied_thousands(low: float, high: float) -> float:
    """ "30 to 35,000", "70 to 80,000": the writer dropped the first end's zeros.

    Read so only when the second end is a round thousand (or million) whose leading part
    lies above the first end and within three times it: "5 to 10,000" is 5,000-10,000,
    while "from 300 to 969", "2 to 10,000" and "1 to 5,000" keep the first end as printed.
    """
    for scale in (1_000_000.0, 1_000.0):
        lead = high / scale
        if high % scale == 0 and low < lead <= 3 * low:
            return low * scale
    return low


def _listed_after_comma(v: TokenView, i: int) -> bool:
    return i >= 2 and v.toks[i - 1] == "," and v.kinds[i - 2] in (NUM, WORD) and (
        v.kinds[i - 2] == NUM or v.lows[i - 2] in NUMBER_WORDS)


def _attach_unit(v: TokenView, atom: Atom) -> None:
    """Unit words after the figure, with conversion, restatement and rate."""
    j = atom.next
    if atom.unit is None and j < v.n and v.near(j - 1) and v.lows[j] in W.CURRENCY_SIGNS and \
            v.kind(j + 1) != NUM:
        atom.unit = W.CURRENCY_SIGNS[v.lows[j]]      # "30 €", "5 000 ₴"
        atom.plain = False
        atom.last, atom.next = j, j + 1
        j = atom.next
    if atom.unit is None and j < v.n and v.near(j - 1):
        found = v.phrase(UNIT_INDEX, j)
        if found is not None:
            size, packed = found
            unit, factor_text = packed.split("|")
            factor = float(factor_text)
            words = " ".join(v.toks[j:j + size]).replace(" .", ".")
            convert_unit(atom, unit, factor, words)
            atom.last = j + size - 1
            atom.next = j + size
    if atom.unit is not None and atom.next < v.n:
        _skip_restatement(v, atom)
    j = atom.next
    if j < v.n and v.near(j - 1):
        rate = v.phrase(RATE_INDEX, j)
        if rate is not None and (atom.unit is None or atom.unit not in ("days", "hours",
                                                                        "weeks", "months",
                                                                        "years")):
            size, per = rate
            atom.per = per
            if atom.unit is not None:
                atom.unit = f"{atom.unit}/{per}"
            atom.last = j + size - 1
            atom.next = j + size


def _skip_restatement(v: TokenView, atom: Atom) -> None:
    """ "30 square kilometers (11.5 square miles)": the bracket repeats the figure."""
    j = atom.next
    if v.lows[j] not in ("(", "[") or not v.near(j - 1) or j + 1 >= v.n:
        return
    inner = parse_atom(v, j + 1)
    if inner is None:
        return
    if atom.unit in _CURRENCIES and inner.unit in _CURRENCIES:
        unit, close = atom.unit, inner.next      # "$12.9bn (£10bn)": a conversion
    elif not inner.plain:
        return
    elif inner.unit is not None:     # "(620-mile)"
        unit, close = inner.unit, inner.next
    else:
        inner_unit = v.phrase(UNIT_INDEX, inner.next) if inner.next < v.n else None
        if inner_unit is None:
            return
        unit = inner_unit[1].split("|")[0]
        close = inner.next + inner_unit[0]
    if unit.split("/")[0] != (atom.unit or "").split("/")[0] or v.low(close) not in (")", "]"):
        return
    # consumed, so it is not returned as a figure of its own; it stays out of the span
    # unless a rate follows it ("30 square kilometers (11.5 square miles) per day")
    atom.next = close + 1


def _attach_suffix_qualifier(v: TokenView, atom: Atom) -> None:
    j = atom.next
    if j >= v.n or not v.near(j - 1):
        return
    found = v.phrase(SUFFIX_INDEX, j)
    if found is None:
        return
    size, qualifier = found
    if atom.qualifier != "exact" and atom.qualifier != "vague":
        return                       # "over 5,000 or more": keep the prefix's reading
    if v.lows[j] == "+" and not v.touch(j - 1):
        return
    apply_qualifier(atom, qualifier)
    atom.last = j + size - 1
    atom.next = j + size


def _finish_offsets(v: TokenView, atom: Atom) -> None:
    atom.start = v.starts[atom.first]
    atom.end = v.ends[atom.last]
    atom.number_start = v.starts[atom.num_first]
    atom.number_end = v.ends[atom.num_last]

