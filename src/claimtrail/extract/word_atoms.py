"""Atoms spelled in words: "twenty-five", "one hundred and fifty", "a dozen", "half a
million", "two-thirds", "a third of", "tens of thousands", "several hundred", "tenfold"."""
from __future__ import annotations

from claimtrail.extract import number_words as W
from claimtrail.extract.figure_scanner import (
    HYPHENS,
    NUM,
    NUMBER_WORDS,
    PREFIX_INDEX,
    PUNCT,
    WORD,
    Atom,
    TokenView,
    convert_unit,
)

_BIG_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000}
_SCALE_AFTER_A = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})
_NOT_A_HALF_BEFORE = frozenset({"first", "second", "latter", "last", "next", "this", "and"})
_NUMERATORS = {"a": 1, "an": 1, **W.UNIT_WORDS}
# "scores" counts people only before "of" or a casualty predicate ("Scores were killed").
_SCORES_FOLLOWERS = frozenset({"of", "were", "killed", "dead", "died", "injured", "wounded",
                               "more", "have", "had", "are", "missing", "fled", "others"})
PREFIX_WORDS = frozenset(word for phrase in W.PREFIX_QUALIFIERS for word in phrase)
_TIME_UNITS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years",
                         "decades"})


def word_atom(v: TokenView, i: int) -> Atom | None:
    low = v.lows[i]
    atom = _vague(v, i)
    if atom is None:
        atom = _fraction(v, i)
    if atom is None and low in W.VULGAR_FRACTIONS:
        value = round(W.VULGAR_FRACTIONS[low], 6)
        atom = _atom(i, i, value, value, "digits")   # "½ cup": an amount, not a share
    if atom is None and low in W.FOLD_WORDS:
        atom = Atom(first=i, last=i, low=W.FOLD_WORDS[low], high=W.FOLD_WORDS[low],
                    unit="ratio", multiplier=True, plain=False, num_first=i, num_last=i,
                    next=i + 1, form="fold")
    if atom is None and low == "twice" and v.near(i) and v.low(i + 1) in ("as", "the", "that"):
        atom = Atom(first=i, last=i, low=2, high=2, unit="ratio", multiplier=True,
                    plain=False, num_first=i, num_last=i, next=i + 1, form="fold")
    if atom is None:
        atom = _spelled_number(v, i)
    return atom


def _atom(first: int, last: int, low: float | None, high: float | None, form: str,
          **extra: object) -> Atom:
    atom = Atom(first=first, last=last, low=low, high=high, num_first=first, num_last=last,
                next=last + 1, form=form)
    for key, value in extra.items():
        setattr(atom, key, value)
    return atom


def _swallow_of(v: TokenView, last: int) -> int:
    """Include a trailing "of" in the figure ("scores of", "a third of")."""
    return last + 1 if v.low(last + 1) == "of" and v.near(last) else last


# --- vague -----------------------------------------------------------------------------

def _vague(v: TokenView, i: int) -> Atom | None:
    low = v.lows[i]
    if (low in ("tens", "hundreds", "dozens") and v.low(i + 1) == "of" and v.near(i)
            and v.near(i + 1)):
        pair = (low, v.low(i + 2))
        if pair in W.VAGUE_OF_SCALE:
            lo, hi = W.VAGUE_OF_SCALE[pair]
            return _atom(i, _swallow_of(v, i + 2), lo, hi, "vague", num_last=i + 2,
                         qualifier="vague", vague=True)
    if low in W.VAGUE_PLURALS:
        if low == "scores" and v.low(i + 1) not in _SCORES_FOLLOWERS:
            return None                          # "scores a goal", "test scores"
        lo, hi = W.VAGUE_PLURALS[low]
        return _atom(i, _swallow_of(v, i), lo, hi, "vague", num_last=i, qualifier="vague",
                     vague=True)
    for phrase, (lo_count, hi_count) in W.VAGUE_COUNTS.items():
        size = len(phrase)
        if phrase[0] != low or tuple(v.low(i + k) for k in range(size)) != phrase:
            continue
        if not all(v.near(i + k) for k in range(size - 1)):
            continue
        last = i + size - 1
        scale = 1.0
        k = last + 1
        while v.near(k - 1) and v.low(k) in W.SCALE_WORDS and k <= last + 2:
            scale *= W.SCALE_WORDS[v.lows[k]]
            k += 1
        last = k - 1
        return _atom(i, last, lo_count * scale, hi_count * scale, "vague",
                     qualifier="vague", vague=True)
    return None


# --- fractions -------------------------------------------------------------------------

def _fraction(v: TokenView, i: int) -> Atom | None:
    """ "one-third", "two-thirds", "a third of", "three quarters", "half", "half a million"."""
    low = v.lows[i]
    if low == "half":
        return _half(v, i)
    if low not in _NUMERATORS or not v.near(i):
        return None
    k = i + 1
    if v.low(k) in HYPHENS and v.touch(i) and v.touch(k):
        k += 1
    denominator = W.FRACTION_DENOMINATORS.get(v.low(k))
    if denominator is None or v.kind(k) != WORD:
        return None
    if v.lows[k] == "half" or (v.lows[k] in ("second", "seconds")):
        return None
    numerator = _NUMERATORS[low]
    if not 0 < numerator < denominator:
        return None
    hyphenated = k == i + 2
    plural = v.lows[k].endswith("s")
    # "a third world war", "a quarter past" are no shares; "a third of", "cut by a third",
    # "one-third", "two thirds" are
    after_by = i > 0 and v.lows[i - 1] == "by" and v.near(i - 1)
    # "one seventh", "one fifth": a spelled "one" before a denominator word other than an
    # ordinal that names a rank ("one third" of a list is rare beside "one third of")
    spelled_one = low == "one" and v.lows[k] != "second" and v.near(i)
    if not (hyphenated or plural or after_by or spelled_one) and v.low(k + 1) != "of" and (
            v.low(k + 1) not in _BIG_SCALES):
        return None
    if v.near(k) and v.low(k + 1) in _BIG_SCALES:
        scale = _BIG_SCALES[v.lows[k + 1]]       # "a quarter million"
        value = round(numerator / denominator * scale, 6)
        return _atom(i, k + 1, value, value, "words")
    if (v.low(k + 1) == "of" and v.low(k + 2) in ("a", "an") and v.low(k + 3) in _BIG_SCALES
            and all(v.near(j) for j in range(k, k + 3))):
        scale = _BIG_SCALES[v.lows[k + 3]]       # "a quarter of a million"
        value = round(numerator / denominator * scale, 6)
        return _atom(i, k + 3, value, value, "words")
    value = round(numerator / denominator, 6)
    return _atom(i, _swallow_of(v, k), value, value, "fraction", unit="share", share=True,
                 plain=False, num_last=k)


def _half(v: TokenView, i: int) -> Atom | None:
    if v.low(i - 1) in _NOT_A_HALF_BEFORE and v.near(i - 1):
        return None                              # "the second half", "two and a half"
    if v.touch(i) and v.tok(i + 1) in HYPHENS:
        return None                              # "half-brother", "half-hour"
    if v.low(i + 1) in ("a", "an") and v.near(i) and v.near(i + 1):
        if v.low(i + 2) in _SCALE_AFTER_A:
            value = 0.5 * W.SCALE_WORDS[v.lows[i + 2]]   # "half a million", "half a dozen"
            return _atom(i, i + 2, value, value, "words")
        unit = W.UNIT_PHRASES.get((v.low(i + 2),))
        if unit is not None and unit[0] in _TIME_UNITS:   # "half a year", "half a century"
            atom = _atom(i, i + 2, 0.5, 0.5, "words", plain=False)
            convert_unit(atom, unit[0], unit[1], v.toks[i + 2])
            return atom
    return _atom(i, _swallow_of(v, i), 0.5, 0.5, "fraction", unit="share", share=True,
                 plain=False, num_last=i)


def article_time(v: TokenView, i: int) -> Atom | None:
    """ "a year", "an hour" after a qualifier: "more than a year", "nearly a decade". Only
    there: a bare "a year ago" is not worth a figure."""
    if i >= v.n or v.lows[i] not in ("a", "an") or not v.near(i):
        return None
    unit = W.UNIT_PHRASES.get((v.low(i + 1),))
    if unit is None or unit[0] not in _TIME_UNITS or v.low(i + 1).endswith("s"):
        return None
    atom = _atom(i, i + 1, 1.0, 1.0, "words", plain=False)
    convert_unit(atom, unit[0], unit[1], v.toks[i + 1])
    return atom


# --- spelled numbers --------------------------------------------------------------------

def _spelled_number(v: TokenView, i: int) -> Atom | None:
    low = v.lows[i]
    if low in ("a", "an"):
        if not (v.near(i) and v.low(i + 1) in _SCALE_AFTER_A):
            return None                          # "a" alone is not a number
        parsed = spelled_value(v, i + 1, start_value=1.0)
    elif low in NUMBER_WORDS:
        if _inside_a_name(v, i) or _glued_after_hyphen(v, i):
            return None
        parsed = spelled_value(v, i)
    else:
        return None
    if parsed is None:
        return None
    value, last = parsed
    hyphenated = v.touch(i) and v.tok(i + 1) in HYPHENS    # "one-year": the compound decides
    if last == i and low == "one" and not hyphenated and _one_is_a_pronoun(v, i) and (
            not _one_opens_a_share_or_range(v, i)) and not _after_qualifier(v, i) and \
            not _object_of_casualty_verb(v, i):
        return None
    atom = _atom(i, last, value, value, "words")
    big = [W.SCALE_WORDS[v.lows[k]] for k in range(i, last + 1) if v.lows[k] in W.SCALE_WORDS]
    if big:
        atom.scale = float(max(big))
        atom.base = value / atom.scale
    return atom


def spelled_value(v: TokenView, i: int, start_value: float = 0.0) -> tuple[float, int] | None:
    """Value and last token of the number words starting at token i.

    The classic accumulator: units and tens add, "hundred" multiplies the running group,
    "thousand"/"million" close it; "and" only joins after "hundred" or a scale
    ("one hundred and fifty"); "and a half" adds 0.5 ("one and a half million").
    """
    total = 0.0
    group = start_value
    last_kind = "unit" if start_value else ""
    last = -1
    k = i
    while k < v.n and (v.kinds[k] == WORD or v.toks[k] in HYPHENS):
        word = v.lows[k]
        if word.endswith("s") and word[:-1] in ("dozen", "hundred", *_BIG_SCALES) and \
                last_kind in ("unit", "tens"):
            word = word[:-1]                     # "four billions", "two dozens"
        if word in HYPHENS:
            if last_kind == "tens" and v.touch(k - 1) and v.touch(k) and (
                    1 <= W.UNIT_WORDS.get(v.low(k + 1), 0) <= 9):
                k += 1
                continue
            break
        if word in W.UNIT_WORDS:
            if last_kind in ("unit", "half") or (last_kind == "tens" and
                                                 not 1 <= W.UNIT_WORDS[word] <= 9):
                break
            group += W.UNIT_WORDS[word]
            last_kind = "unit"
        elif word in W.TENS_WORDS:
            if last_kind in ("unit", "tens", "half"):
                break
            group += W.TENS_WORDS[word]
            last_kind = "tens"
        elif word == "hundred":
            if last_kind not in ("unit", "tens") or group >= 100:
                break
            group *= 100
            last_kind = "hundred"
        elif word == "dozen":
            if last_kind not in ("unit", "tens"):
                break
            group *= 12
            last_kind = "scale"
            last = k
            break
        elif word in _BIG_SCALES:
            if last_kind not in ("unit", "tens", "hundred", "half"):
                break
            if total and total < _BIG_SCALES[word] * group:
                break                            # "a thousand million" stays simple
            total += group * _BIG_SCALES[word]
            group = 0.0
            last_kind = "scale"
        elif word == "and" and last_kind in ("hundred", "scale") and v.near(k) and (
                v.low(k + 1) in NUMBER_WORDS):
            k += 1
            continue
        elif (word == "and" and last_kind in ("unit", "tens") and v.low(k + 1) == "a"
              and v.low(k + 2) == "half" and v.near(k) and v.near(k + 1)):
            group += 0.5
            last_kind = "half"
            last = k + 2
            k += 3
            if not v.near(k - 1):
                break
            continue
        else:
            break
        last = k
        if not v.near(k):
            break
        k += 1
    if last < 0:
        return None
    return round(total + group, 6), last


def bare_numeral(v: TokenView, k: int) -> tuple[float, int] | None:
    """A plain small numeral (digits without separators, or words): the "five" of "one in
    five"."""
    if v.kinds[k] == NUM:
        if v.touch(k) and v.kind(k + 1) != PUNCT:
            return None
        if len(v.toks[k]) > 6:
            return None
        return float(int(v.toks[k])), k
    if v.lows[k] in NUMBER_WORDS:
        return spelled_value(v, k)
    return None


def _after_qualifier(v: TokenView, i: int) -> bool:
    """ "killing at least one", "more than one": a qualifier makes "one" a count even
    where the next word would make it a pronoun; the claim extractor reads the rest."""
    for size in (1, 2, 3):
        j = i - size
        found = v.phrase(PREFIX_INDEX, j) if j >= 0 else None
        if found is not None and found[0] == size and v.near(i - 1):
            return True
    return False


def _object_of_casualty_verb(v: TokenView, i: int) -> bool:
    """ "killing one and wounding six": a casualty verb makes "one" a count; not after
    an adjective use ("the wounded one")."""
    return i > 0 and v.near(i - 1) and v.lows[i - 1] in W.CASUALTY_VERB_FORMS and (
        v.low(i - 2) not in W.ONE_PRONOUN_PREVIOUS)


def _one_is_a_pronoun(v: TokenView, i: int) -> bool:
    """ "one of the soldiers", "no one", "one day": not a count."""
    if i > 0 and v.near(i - 1) and v.lows[i - 1] in W.ONE_PRONOUN_PREVIOUS:
        return True
    if v.low(i - 1) == "only" and v.low(i - 2) == "the":
        return True                              # "the only one who", but "only one tank"
    if not v.near(i) or v.kind(i + 1) != WORD:
        return True                              # "the only one.", "one, two"
    return v.lows[i + 1] in W.ONE_PRONOUN_NEXT


def _one_opens_a_share_or_range(v: TokenView, i: int) -> bool:
    """ "one in five", "one out of ten", "one or two", "one to three", "one, two or three":
    not the pronoun."""
    after = v.low(i + 1)
    k = i + 3 if after == "out" else i + 2 if after in ("in", "or", "to", ",", "and") else -1
    return k > 0 and (v.kind(k) == NUM or v.low(k) in NUMBER_WORDS)


def _glued_after_hyphen(v: TokenView, i: int) -> bool:
    """ "one-on-one", "Minsk-two": a number word hyphenated onto a word is part of it."""
    return i >= 2 and v.touch(i - 1) and v.toks[i - 1] in HYPHENS and v.touch(i - 2) and (
        v.kinds[i - 2] == WORD)


def _inside_a_name(v: TokenView, i: int) -> bool:
    """ "Group of Seven", "the Big Three", "the Four": a capitalised number word inside a
    sentence (after a word, not after sentence punctuation) names something."""
    if not v.toks[i][0].isupper() or i == 0 or not v.near(i - 1):
        return False
    return v.kinds[i - 1] == WORD and (v.lows[i - 1] == "of" or v.lows[i - 1] not in PREFIX_WORDS)
