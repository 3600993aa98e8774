"""Atoms of the number grammar: one numeral with what is glued to it.

``parse_atom(v, i)`` reads the atom starting at token i, or returns None. It rejects the
look-alikes here, where the evidence is: identifiers ("F-16", "G7", UUIDs, "+1 (555)
123-4567"), years, dates, clock times, ordinals ("810th"), decades ("1950s"), "24/7",
and "one" used as a pronoun. A rejected glued chunk is blocked so that its inner digits
are not tried again one by one.
"""
from __future__ import annotations

import re

from claimtrail.extract import number_words as W
from claimtrail.extract.figure_scanner import (
    DASHES,
    HYPHENS,
    ID_PUNCT_BEFORE,
    MAX_DIGITS,
    NUM,
    PREFIX_INDEX,
    PUNCT,
    UNIT_INDEX,
    WORD,
    Atom,
    TokenView,
    convert_unit,
)
from claimtrail.extract.word_atoms import bare_numeral, word_atom

_PHONE_PUNCT = frozenset({"(", ")", "-", ".", "+"})
_THIN_SPACES = frozenset({"\u00a0", "\u202f", "\u2009"})


def parse_atom(v: TokenView, i: int, range_end: bool = False) -> Atom | None:
    """The atom at token i; ``range_end`` when it closes a range ("12" in "10-12"), so a
    hyphen glued before it is the range's own."""
    kind = v.kinds[i]
    low = v.lows[i]
    if kind == NUM:
        atom = _digit_atom(v, i, after_dash=range_end)
    elif kind == PUNCT:
        atom = _currency_atom(v, i, i) if low in W.CURRENCY_SIGNS else None
    elif low in W.DOLLAR_PREFIXES and v.tok(i + 1) == "$" and v.touch(i) and v.toks[i][:1].isupper():
        atom = _currency_atom(v, i + 1, i)
        if atom is not None:
            atom.unit = W.DOLLAR_PREFIXES[low]   # "R$ 120 million" is reais, "A$50m" dollars
    elif low in W.CURRENCY_CODES and (v.toks[i].isupper() or v.toks[i] == "Rs") and v.kind(i + 1) == NUM:
        atom = _currency_atom(v, i, i)           # "EUR 120 billion", "EUR6-7 billion"
    elif low == "m" and v.toks[i] == "M" and v.touch(i) and v.kind(i + 1) == NUM and \
            _MAGNITUDE.match(v.text, v.starts[i + 1]):
        atom = _magnitude_atom(v, i)             # "an M5.9 earthquake", "M6.1"
    else:
        atom = word_atom(v, i)
    if atom is None:
        return None
    if atom.form in ("digits", "words") and not _post_numeral(v, atom):
        return None
    return atom


# --- digits ------------------------------------------------------------------------------

# A quake's magnitude glued to an M: one decimal below ten ("M5.9"); "M16" and "M4" are
# weapons' names.
_MAGNITUDE = re.compile(r"[1-9]\.\d(?!\d|\.\d)")


def _magnitude_atom(v: TokenView, m: int) -> Atom | None:
    atom = _digit_atom(v, m + 1, after_currency=True)
    if atom is None:
        return None
    atom.first = m
    atom.unit = "magnitude"
    atom.plain = False
    return atom


def _currency_atom(v: TokenView, sign: int, first: int) -> Atom | None:
    if v.kind(sign + 1) != NUM or not v.near(sign):
        return None
    atom = _digit_atom(v, sign + 1, after_currency=True)
    if atom is None:
        return None
    atom.first = first
    atom.unit = W.CURRENCY_SIGNS.get(v.lows[sign]) or W.CURRENCY_CODES[v.lows[sign]]
    atom.plain = False
    return atom


def _digit_atom(v: TokenView, i: int, after_currency: bool = False,
                after_dash: bool = False) -> Atom | None:
    if not (after_currency or after_dash) and not _clean_before(v, i):
        return None
    if _gallery_counter(v, i):
        return None
    composed = _compose_digits(v, i)
    if composed is None:
        return None
    value, k, bare = composed
    fraction = _slash_fraction(v, i, k) if bare else None
    if fraction is not None:
        value, k = fraction                      # "1/2 tsp", "1 1/2 cups"
        atom = Atom(first=i, last=k, low=value, high=value, base=value, scale=1.0,
                    num_first=i, num_last=k, next=k + 1, form="digits")
        if v.low(k + 1) == "of" and value < 1:
            atom.unit, atom.share, atom.plain = "share", True, False   # "3/4 of voters"
        return atom
    if _bare_decimal_point(v, i):
        value = value / 10 ** len(v.toks[i])   # ".35" is 0.35, not 35
    scale = 1.0
    if after_currency and v.touch(k) and v.toks[k + 1] in ("T", "tn", "trn") and \
            (k + 2 >= v.n or not v.touch(k + 1)):
        atom = Atom(first=i, last=k + 1, low=value * 1e12, high=value * 1e12, base=value,
                    scale=1e12, num_first=i, num_last=k + 1, next=k + 2, form="digits")
        return atom                              # "$1.9T": trillions after a currency sign
    if v.touch(k):
        suffix = _glued_suffix(v, k)
        if suffix is None:
            return None
        scale = suffix
        if scale > 1:
            k += 1
            if v.touch(k) and v.kind(k + 1) != PUNCT:
                v.block_chunk(k)
                return None
    if (scale == 1 and not _is_a_count(v, i, k, value, bare, after_currency)) or (
            _alone_on_its_line(v, i, k) or _list_marker(v, i, k)):
        v.blocked = max(v.blocked, k + 1)        # its inner groups are not figures either
        return None
    first = i - 1 if _bare_decimal_point(v, i) else i
    atom = Atom(first=first, last=k, low=value * scale, high=value * scale, base=value,
                scale=scale, num_first=first, num_last=k, next=k + 1, form="digits")
    if v.touch(k) and v.toks[k + 1] in W.VULGAR_FRACTIONS and bare:
        k += 1                                   # "1½ hours"
        atom.low = atom.high = atom.base = value + W.VULGAR_FRACTIONS[v.toks[k]]
        atom.last = atom.num_last = k
        atom.next = k + 1
    if v.touch(k) and v.kind(k + 1) == WORD and v.phrase(UNIT_INDEX, k + 1) is None and (
            v.lows[k + 1] not in W.PERCENT_WORDS):   # "5pc" is read by _post_numeral
        if _glued_unit(v, k + 1):
            _take_glued_unit(v, atom, k + 1)
        return atom                              # a missing space: the word is not ours
    if scale == 1:
        _word_scale(v, atom)
    return atom


_FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 8, 10, 16})


# Words after "N mm" that make it a calibre ("155 mm shells"), not a length ("460 mm of rain").
_CALIBRE_NEXT = frozenset({"shells", "shell", "rounds", "round", "howitzer", "howitzers", "artillery",
                           "guns", "gun", "mortar", "mortars", "ammunition", "cannon", "cannons",
                           "rockets", "projectiles", "calibre", "caliber", "munitions", "-", "\u2013"})


def _slash_fraction(v: TokenView, i: int, k: int) -> tuple[float, int] | None:
    """'1/2 tsp', '3/4 cup', and the mixed '1 1/2 cups': a small numerator over a
    denominator up to 16 with a word after it; '24/7', '9/11' and dates stay out."""
    def simple(a: int) -> tuple[float, int] | None:
        if not (v.touch(a) and v.toks[a + 1] == "/" and v.touch(a + 1) and v.kind(a + 2) == NUM):
            return None
        if v.touch(a + 2) or a + 3 >= v.n or v.kinds[a + 3] != WORD or not v.near(a + 2):
            return None
        if a > 0 and v.touch(a - 1) and v.toks[a - 1] == "/":
            return None                          # "10/12/2020"
        num, den = int(v.toks[a]), int(v.toks[a + 2])
        if not 1 <= num < den or den not in _FRACTION_DENOMINATORS:
            return None                          # "9/11", "50/50"
        return num / den, a + 2
    if k != i:
        return None
    alone = simple(i)
    if alone is not None:
        return alone
    if v.kind(i + 1) == NUM and v.text[v.ends[i]:v.starts[i + 1]] == " " and int(v.toks[i]) < 100:
        part = simple(i + 1)
        if part is not None:
            return int(v.toks[i]) + part[0], part[1]
    return None


def _bare_decimal_point(v: TokenView, i: int) -> bool:
    """'.35' with no digit before the point: a decimal fraction (not a sentence end glued
    to the next figure, which has a word or digit right before the point)."""
    p = i - 1
    return p >= 0 and v.toks[p] == "." and v.touch(p) and (p == 0 or not v.touch(p - 1))


def _take_glued_unit(v: TokenView, atom: Atom, q: int) -> None:
    if v.lows[q] == "x" and _tally_mark(v, q):
        _consume(atom, q)                        # "2x civ KIA", "1x child": a count of them
        return
    if v.lows[q] == "x":                         # "10x as cost-effective"
        atom.multiplier = True
        atom.unit = "ratio"
    else:
        atom.unit = v.toks[q]                    # "350MB": kept as printed
    atom.plain = False
    _consume(atom, q)


# Words after "3x" that make it a multiplier: a comparison ("3x faster", "10x as", "5x
# the size", "2x more").
_MULTIPLIER_NEXT = {"as", "the", "more", "less", "than", "times", "over", "zoom", "speed",
                    "optical", "digital", "magnification", "increase", "growth", "return",
                    "leverage", "multiplier", "per", "a", "an", "that", "in", "to", "on", "last",
                    "this", "next", "since", "year", "years", "during", "compared", "from", "and",
                    "or", "its", "their"}


def _tally_mark(v: TokenView, q: int) -> bool:
    """'2x civ KIA', '4x civs WIA', '1x F adult': a field note's count of what follows, not
    a multiplier. The word after it names the counted (no comparative, no 'as')."""
    nxt = q + 1
    if nxt >= v.n or v.kind(nxt) != WORD or not v.near(q):
        return False
    word = v.lows[nxt]
    return word not in _MULTIPLIER_NEXT and not (word.endswith("er") and len(word) > 4) and \
        not word.endswith("ly")


def _gallery_counter(v: TokenView, i: int) -> bool:
    """ "Image 2 of 3": a gallery caption counts pictures, not anything in the story;
    block both numbers."""
    if i < 1 or not v.near(i - 1) or v.lows[i - 1] not in W.GALLERY_WORDS:
        return False
    if v.low(i + 1) != "of" or v.kind(i + 2) != NUM or not (v.near(i) and v.near(i + 1)):
        return False
    v.blocked = max(v.blocked, i + 3)
    return True


def _clean_before(v: TokenView, i: int) -> bool:
    """False when the digits are glued to something that makes them an identifier."""
    p = i - 1
    if p < 0 or not v.touch(p):
        return True
    before = v.lows[p]
    if v.kinds[p] != PUNCT:                      # "G7", "M142", "d18"
        v.block_chunk(i)
        return False
    if before == "." and _lower_word(v, p - 1) and v.touch(p - 1):
        return True                              # "captured.7 missiles": a missing space
    if before == "+":
        return not _block_phone(v, i)            # "+1 (555) 123-4567" vs "(+1,040)"
    glued_to_word = p >= 1 and v.touch(p - 1) and v.kinds[p - 1] != PUNCT
    if before in HYPHENS and glued_to_word:     # "Su-25", "Covid-19", "Kh-101"
        v.block_chunk(i)
        return False
    if before in ("'", "\u2019") and len(v.toks[i]) == 2 and not glued_to_word:
        v.block_chunk(i)                         # "'90s", "'22"
        return False
    if before in ("#", "\u2116") or (before in ID_PUNCT_BEFORE and glued_to_word):
        v.block_chunk(i)                         # "#5", "v1.2", "a/5", "10:30"
        return False
    return True


def _lower_word(v: TokenView, j: int) -> bool:
    return v.kind(j) == WORD and v.toks[j].islower()


def _block_phone(v: TokenView, i: int) -> bool:
    """After a "+": a phone number is several digit groups joined by spaces, brackets,
    dots or hyphens ("+1 (555) 123-4567", "+380 44 123 4567"); block it and say True.
    One group is a signed figure, as in the daily losses "tanks 7,093 (+10)", "(+1,040)"."""
    k = i
    groups = 1
    while k + 1 < v.n and v.ends[k] + 1 >= v.starts[k + 1] and (
            v.kinds[k + 1] == NUM or v.toks[k + 1] in _PHONE_PUNCT):
        k += 1
        groups += v.kinds[k] == NUM
    if groups < 2:
        return False
    v.blocked = max(v.blocked, k + 1)
    return True


def _compose_digits(v: TokenView, i: int) -> tuple[float, int, bool] | None:
    """The numeral starting at digit token i: (value, last token, bare) or None.

    "5,000" and "1.5" and European "10.000.000" are joined; "2 700" is not (a space is
    too often a list or a date boundary). ``bare`` means no separator and no decimals,
    which is what a year, a date or a clock time looks like.
    """
    toks = v.toks
    k = i
    whole = toks[i]
    fraction = ""
    if len(whole) <= 3:
        while (v.touch(k) and toks[k + 1] == "," and v.touch(k + 1)
               and v.kind(k + 2) == NUM and len(toks[k + 2]) == 3):
            whole += toks[k + 2]
            k += 2
        # "5\u202f000": a no-break or thin space is a typographer's thousands separator
        # (never mixed with commas, and a plain space never is one)
        with_commas = k != i
        while not with_commas and k + 1 < v.n and v.kinds[k + 1] == NUM and (
                len(toks[k + 1]) == 3 and v.text[v.ends[k]:v.starts[k + 1]] in _THIN_SPACES):
            whole += toks[k + 1]
            k += 1
        if k == i and _space_grouped(v, i):
            while k + 1 < v.n and v.kinds[k + 1] == NUM and v.text[v.ends[k]:v.starts[k + 1]] == " ":
                whole += toks[k + 1]
                k += 1
        if k == i:
            groups = 0
            j = k
            while (v.touch(j) and toks[j + 1] == "." and v.touch(j + 1)
                   and v.kind(j + 2) == NUM and len(toks[j + 2]) == 3):
                groups += 1
                j += 2
            # "10.000.000" or "10.000": European thousands; "1.500" stays a decimal
            if groups >= 2 or (groups == 1 and toks[k + 2] == "000"):
                whole += "".join(toks[i + 2:j + 1:2])
                k = j
    if v.touch(k) and toks[k + 1] == "." and v.touch(k + 1) and v.kind(k + 2) == NUM:
        fraction = toks[k + 2]
        k += 2
        if v.touch(k) and toks[k + 1] in (".", ",") and v.touch(k + 1) and v.kind(k + 2) == NUM:
            v.block_chunk(k)                     # "1.2.3": a version or an address
            return None
    if len(whole) + len(fraction) > MAX_DIGITS:
        v.block_chunk(k)
        return None
    value = float(int(whole))
    if fraction:
        value += int(fraction) / 10 ** len(fraction)
    return round(value, 6), k, k == i


def _space_grouped(v: TokenView, i: int) -> bool:
    """ "reached 473 400": a plain space as thousands separator, as Polish and French
    writers type it. Only when every group after the first has exactly three digits,
    the first has one to three and no leading zero, the chain is not glued to more
    digits ("123 456 7890" is a phone number) and the first group is not a day after a
    month ("May 5 300 people") or the last of a list of numbers (a year before it is
    fine: "in 2022 12 000 people")."""
    toks = v.toks
    year_before = i >= 1 and v.kinds[i - 1] == NUM and len(toks[i - 1]) == 4 and (
        1800 <= int(toks[i - 1]) <= 2100)
    if toks[i].startswith("0") or (i >= 1 and v.near(i - 1) and (
            (v.kinds[i - 1] == NUM and not year_before) or _is_month(v, i - 1) or
            (v.toks[i - 1] == "." and _is_month(v, i - 2)))):
        return False
    k = i
    while k + 1 < v.n and v.kinds[k + 1] == NUM and v.text[v.ends[k]:v.starts[k + 1]] == " ":
        if len(toks[k + 1]) != 3:
            return False
        k += 1
    if k == i or (v.near(k) and v.low(k + 1) == "mm"):
        return False                             # "20 120 mm mortars": a count, a calibre
    after = v.tok(k + 1) if v.touch(k) else ""
    return not (after in (",", ".", ":", "/") or after in DASHES) or v.kind(k + 2) != NUM


def _glued_suffix(v: TokenView, k: int) -> float | None:
    """What touches the numeral's right side: a scale ("3bn" -> 1e9), nothing to say
    (1.0: "%", "km", a hyphen) or None when it makes the numeral a non-figure."""
    q = k + 1
    after = v.lows[q]
    if v.kinds[q] == WORD:
        if after in W.SCALE_SUFFIXES:
            return float(W.SCALE_SUFFIXES[after])
        if v.phrase(UNIT_INDEX, q) is not None:
            return 1.0                           # "30km", "20km2"
        if after in W.VULGAR_FRACTIONS:
            return 1.0                           # "1½": _digit_atom adds the fraction
        if _glued_word_ends_here(v, q) and (
                _glued_unit(v, q) or (_lower_word(v, q) and len(v.toks[q]) >= 5)):
            return 1.0                           # "350MB", "30fps", "100,000soldiers"
        v.block_chunk(k)                         # "810th", "1950s", "5pm", "31e80512"
        return None
    if after in (":", "/") and v.touch(q) and v.kind(q + 1) == NUM:
        v.block_chunk(k)                         # "10:30", "24/7"
        return None
    if after in DASHES and v.touch(q) and v.kind(q + 1) == NUM:
        second = q + 1
        while (v.touch(second) and v.toks[second + 1] in (",", ".") and v.touch(second + 1)
               and v.kind(second + 2) == NUM):
            second += 2
        glued = v.lows[second + 1] if v.touch(second) else ""
        if glued and glued not in (",", ".", ";", ")", "%", "\u201d", '"', "'", "!", "?", "]",
                                   "+") and glued not in W.SCALE_SUFFIXES and (
                v.phrase(UNIT_INDEX, second + 1) is None):
            v.block_chunk(k)                     # "2024-01-05", "1d18-4651", "123-4567x"
            return None
    if after in DASHES and v.touch(q) and v.kind(q + 1) == WORD and v.lows[q + 1] in ("mm",):
        v.block_chunk(k)                         # "155-mm": a calibre, not a count
        return None
    return 1.0


def _glued_word_ends_here(v: TokenView, q: int) -> bool:
    """The word glued after a numeral is not itself glued on to more digits or a hyphen
    (as in the hex groups of a UUID, "912f-adbb", or "4x4")."""
    if not v.touch(q):
        return True
    after = v.toks[q + 1]
    return not (v.kind(q + 1) == NUM or after in HYPHENS or after in ("_", "/", ":") or (
        after == "." and v.touch(q + 1) and v.kind(q + 2) != PUNCT))


def _glued_unit(v: TokenView, q: int) -> bool:
    """A short unit glued to the digits ("350MB", "87W", "30fps", "10x"); not an ordinal,
    a decade or a time of day, which are rejected."""
    word = v.lows[q]
    return len(word) <= 4 and word not in W.ORDINAL_SUFFIXES and word not in W.CLOCK_WORDS \
        and word not in ("s", "am", "pm")


def _is_a_count(v: TokenView, i: int, k: int, value: float, bare: bool,
                after_currency: bool) -> bool:
    """False for years, days of a date, clock times, calibres and numbered names."""
    if after_currency:
        return True
    nxt = k + 1
    next_low = v.low(nxt) if v.near(k) else ""
    if not bare:
        if k == i + 2 and v.toks[i + 1] == "." and _is_clock(v, i, value):
            return False                         # "at 12.30", "after 14.00"
        return "," in v.text[v.starts[i]:v.ends[k]] or not _numbered_name(v, i)
    if next_low in ("a", "p") and v.tok(nxt + 1) == "." and v.low(nxt + 2) == "m":
        return False                             # "5 p.m."
    if next_low in W.CLOCK_WORDS or (next_low == "mm" and (
            v.low(nxt + 1) in _CALIBRE_NEXT or not v.near(nxt) or (
                i >= 1 and v.kinds[i - 1] == NUM and v.near(i - 1)))):
        return False                             # "5 pm", "10 GMT", "155 mm shells"
    digits = len(v.toks[i])
    counted = next_low in ("%", "percent", "per", "pct") or next_low in W.SCALE_WORDS or (
        v.near(k) and v.phrase(UNIT_INDEX, nxt) is not None)
    people_next = v.near(k) and (next_low in W.PEOPLE_COUNT_NOUNS or
                                 next_low in W.STAT_COUNT_NOUNS)
    if digits == 4 and 1800 <= value <= 2100 and not counted and not (
            (people_next or (v.near(k) and next_low in W.WEAPON_COUNT_NOUNS)) and
            v.low(i - 1) not in W.YEAR_BEFORE and not _is_month(v, i - 1)):
        # "in 2022", "2022-23"; but "sent 2000 troops" counts troops
        v.block_chunk(k)                         # "in 2022", "2022-23", "Resolve 2022"
        return False
    if digits <= 2 and 1 <= value <= 31 and _day_of_month(v, i, k):
        return False
    ranged = v.touch(k) and v.toks[nxt] in DASHES and v.kind(nxt + 1) == NUM
    # "In Kharkiv 5 people died": people after it make a number after a name a count
    return counted or ranged or people_next or not _numbered_name(v, i)


def _day_of_month(v: TokenView, i: int, k: int) -> bool:
    """ "5 January", "January 5", "Jan. 5", "14 to 19 February", "February 16 or 17"."""
    nxt = k + 1
    if v.near(k) and _is_month(v, nxt):
        return True
    if (v.near(k) and v.low(nxt) in ("to", "-", "\u2013", "and", "or") and v.kind(nxt + 1) == NUM
            and len(v.tok(nxt + 1)) <= 2 and v.near(nxt + 1) and _is_month(v, nxt + 2)):
        v.blocked = max(v.blocked, nxt + 3)
        return True
    p = i - 1
    if v.tok(p) == "." and p >= 1 and v.touch(p - 1):
        p -= 1
    if p >= 0 and _is_month(v, p) and v.near(i - 1):
        if v.low(nxt) in ("to", "-", "\u2013", "and", "or") and v.kind(nxt + 1) == NUM and (
                len(v.tok(nxt + 1)) <= 2):
            v.blocked = max(v.blocked, nxt + 2)
        return True
    return False


def _is_clock(v: TokenView, i: int, value: float) -> bool:
    """A dotted time of day: two minute digits after an hour, after "at"/"after"/...."""
    minutes = v.toks[i + 2]
    return (len(minutes) == 2 and int(minutes) < 60 and value < 24 and i > 0
            and v.low(i - 1) in ("at", "after", "before", "until", "till", "from", "by",
                                 "since", "around", "about"))


def _numbered_name(v: TokenView, i: int) -> bool:
    """ "Nord Stream 2", "S&P 500", "Cold War 2.0", "Fox Nation 101": a numeral right
    after a capitalised word that is not a sentence's first word names something."""
    p = i - 1
    if v.tok(p) == "." and v.tok(p - 1) in ("No", "Nos", "no") and v.touch(p - 1):
        return True                              # "No. 10", "Ordinance No.6"
    if p < 0 or not v.near(p) or v.kinds[p] != WORD:
        return False
    word = v.toks[p]
    if word[0].islower() and not word.islower():
        return True                              # "iPhone 7", "iOS 12": camel-case names
    if not word[0].isupper():
        return False
    if v.lows[p] in W.MONTHS or v.lows[p] in W.WEEKDAYS or v.lows[p] in PREFIX_INDEX:
        return False
    if p == 0:
        return True                              # a text opening "Leopard 2 tanks ..."
    before = v.toks[p - 1]
    return v.near(p - 1) and before not in (".", "!", "?", ":", '"', "\u201c", "(", "\u2018",
                                             "'", ";", "\u2014", "-", "\u2013")


def _alone_on_its_line(v: TokenView, i: int, k: int) -> bool:
    """A numeral that is a whole line is page furniture (a comment counter, a page
    number), not a figure of the text."""
    return (i == 0 or not v.near(i - 1)) and (k + 1 >= v.n or not v.near(k))


def _list_marker(v: TokenView, i: int, k: int) -> bool:
    """ "4) Blade Runner", "2. Chapter": an item number opening a line; "(4)", "[12]": a
    bracketed reference or footnote number (a bare integer alone in its brackets)."""
    if i == k and len(v.toks[i]) <= 3 and v.tok(i - 1) in ("(", "[") and v.touch(i - 1) and (
            v.tok(k + 1) in (")", "]") and v.touch(k)):
        return True
    if i > 0 and v.near(i - 1):
        return False
    closing = v.tok(k + 1)
    return v.touch(k) and (closing == ")" or (closing == "." and not v.touch(k + 1)))


def _is_month(v: TokenView, j: int) -> bool:
    return v.kind(j) == WORD and v.lows[j] in W.MONTHS and v.toks[j][0].isupper()


def _word_scale(v: TokenView, atom: Atom) -> None:
    """ "1.5 million", "10 thousand", "two dozen", "several hundred thousand"."""
    k = atom.next
    scale = 1.0
    last_size = 0.0
    while k < v.n and v.near(k - 1) and v.kinds[k] == WORD:
        word = v.lows[k]
        if word.endswith("s") and word[:-1] in W.SCALE_WORDS:
            word = word[:-1]                     # "four billions", "5 dozens"
        size = float(W.SCALE_WORDS.get(word, W.SCALE_ABBREVIATIONS.get(word, 0)))
        if size == 0 or size <= last_size or (word == "dozen" and scale > 1):
            break
        scale *= size
        last_size = size
        k += 1
    if scale > 1:
        atom.scale = scale
        atom.low = None if atom.low is None else round(atom.low * scale, 6)
        atom.high = None if atom.high is None else round(atom.high * scale, 6)
        atom.num_last = atom.last = k - 1
        atom.next = k


# --- after the numeral -------------------------------------------------------------------

def _post_numeral(v: TokenView, atom: Atom) -> bool:
    """Percent, "times", "N in M", hyphen compounds. False rejects the atom."""
    j = atom.next
    if j >= v.n or not v.near(j - 1):
        return True
    low = v.lows[j]
    if low == "%" or low in W.PERCENT_WORDS or (low == "per" and v.low(j + 1) == "cent"):
        if low == "percentage" and v.low(j + 1) == "points":
            atom.unit = "percentage points"
            _consume(atom, j + 1)
            atom.plain = False
            return True
        _make_share(atom, 100.0)
        _consume(atom, j + 1 if low == "per" else j)
        return True
    if low == "times" and atom.low is not None and atom.low > 1:
        atom.multiplier = True
        atom.unit = "ratio"
        atom.plain = False
        _consume(atom, j)
        return True
    if low in ("in", "out") and atom.high is not None and atom.high < 100 and atom.scale == 1:
        _one_in_n(v, atom, j)
        return True
    if low in HYPHENS and v.touch(j - 1) and v.touch(j) and v.kind(j + 1) == WORD:
        return _compound(v, atom, j)
    return True


def _make_share(atom: Atom, denominator: float) -> None:
    atom.low = None if atom.low is None else round(atom.low / denominator, 6)
    atom.high = None if atom.high is None else round(atom.high / denominator, 6)
    atom.unit = "share"
    atom.share = True
    atom.plain = False


def _consume(atom: Atom, last: int) -> None:
    atom.last = last
    atom.next = last + 1


def _one_in_n(v: TokenView, atom: Atom, j: int) -> None:
    """ "one in five", "three out of four", "1 in 10": a share."""
    k = j + 1
    if v.lows[j] == "out":
        if v.low(k) != "of":
            return
        k += 1
    if k >= v.n or not v.near(k - 1) or v.kind(k) not in (NUM, WORD):
        return
    found = bare_numeral(v, k)
    if found is None:
        return
    denominator, last = found
    if atom.low is None or not atom.low < denominator <= 1000:
        return
    if v.near(last) and v.phrase(UNIT_INDEX, last + 1) is not None:
        return                                   # "one in 10 days" is not a share
    _make_share(atom, denominator)
    atom.num_last = last
    _consume(atom, last)


def _compound(v: TokenView, atom: Atom, j: int) -> bool:
    """ "11,000-strong", "three-year-old", "four-month-long", "10-fold", "300-plus"."""
    word = v.lows[j + 1]
    if v.toks[atom.first][0].isupper() and v.toks[j + 1][0].isupper():
        return False                             # "the Six-Day War", "Three-Body": a name
    if word == "square" and v.touch(j + 1) and v.tok(j + 2) in HYPHENS and v.touch(j + 2):
        area = W.UNIT_PHRASES.get(("square", v.low(j + 3) + "s"))
        if area is not None:                     # "a 1,000-square-mile zone"
            convert_unit(atom, area[0], area[1], "square " + v.toks[j + 3])
            _consume(atom, j + 3)
            return True
    if word in W.COMPOUND_UNITS:
        unit = W.COMPOUND_UNITS[word]
        if unit == "ratio":
            atom.multiplier = True
            atom.plain = False
        else:
            factor = W.UNIT_PHRASES.get((word,), (unit, 1.0))[1]
            convert_unit(atom, unit, factor, v.toks[j + 1])
        atom.unit = unit
        last = j + 1
        # swallow the compound's tail: "-old", "-long", "-wide"
        while v.touch(last) and v.tok(last + 1) in HYPHENS and v.touch(last + 1) and (
                v.kind(last + 2) == WORD) and last < j + 5:
            last += 2
        _consume(atom, last)
        return True
    if word in W.COMPOUND_NEUTRAL:
        _consume(atom, j + 1)
        return True
    # "plus"/"odd" are left to the suffix qualifiers; a spelled "one" hyphenated onto an
    # unknown word is part of it ("one-off", "one-sided", "one-on-one")
    return word in ("plus", "odd") or not (atom.form == "words" and atom.low == 1)
