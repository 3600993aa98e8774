"""Hostile input: the grammar never crashes, its spans are honest, its intervals ordered,
and it stays linear (no catastrophic backtracking) on a 1 MB line."""
from __future__ import annotations

import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrail.extract.numbers import Quantity, find_quantities

_PIECES = [
    "over", "more than", "up to", "between", "and", "to", "or", "more", "-", "\u2013", ",", ".",
    "5,000", "1.5", "10", "million", "thousand", "a", "half", "of", "one", "third", "-third",
    "tens", "hundreds", "thousands", "%", "per cent", "(", ")", "[", "]", "\"", "\u201c", "'",
    "square", "miles", "km", "$", "\u00a3", "+", "~", "times", "fold", "in", "five", "years",
    "old", "-year-old", "nearly", "about", "some", "scores", "dozen", "dozens", "2024", "January",
    "\n", " ", "F-16", "24/7", "10:30", "0", "999999999999999999999", "\u00b2", "\u0663", "x",
    "\u00a0", "000", "\u00bd", "pc", "No", "iPhone", "+", "EUR", "scores of",
]


def check(text: str) -> list[Quantity]:
    found = find_quantities(text)
    previous_end = -1
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.start <= q.number_start < q.number_end <= q.end
        assert q.start >= previous_end, "figures overlap or are out of order"
        previous_end = q.end
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        assert q.low is not None or q.high is not None
        assert q.qualifier in ("exact", "approx", "at_least", "at_most", "vague")
    return found


@given(st.text())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_any_unicode_text(text: str) -> None:
    check(text)


@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.sampled_from(["", " "]))
@settings(max_examples=500)
def test_hostile_token_soup(pieces: list[str], glue: str) -> None:
    check(glue.join(pieces))


@given(st.binary(max_size=2000))
@settings(max_examples=200)
def test_binary_garbage(raw: bytes) -> None:
    check(raw.decode("utf-8", errors="replace"))


def test_edge_cases() -> None:
    assert find_quantities("") == []
    assert find_quantities(" \n\t ") == []
    check("(((((5,000" + ")" * 50 + "\"" * 20)
    check("9" * 100_000)                        # one huge digit string: an identifier
    assert find_quantities("9" * 100_000) == []
    check("more than " * 5_000 + "5")
    assert check("up to up to up to 7")[-1].high == 7


def _seconds(text: str) -> float:
    started = time.perf_counter()
    find_quantities(text)
    return time.perf_counter() - started


def test_one_megabyte_line_is_linear() -> None:
    """A 1 MB line of dense figures costs about four times a quarter of it: the ratio, not
    a wall-clock limit, is asserted so a loaded machine does not fail it (runs are
    interleaved and the best of three kept); a quadratic scan would give 16."""
    unit = "over 5,000 or more troops, between 10 and 12 thousand, 31e80512-1d18 F-16 x "
    quarter = unit * (250_000 // len(unit))
    whole = quarter * 4
    assert len(whole) >= 990_000
    small: list[float] = []
    large: list[float] = []
    for _ in range(3):
        small.append(_seconds(quarter))
        large.append(_seconds(whole))
    assert min(large) < 8 * min(small), (min(small), min(large))
    if os.environ.get("CLAIMTRAIL_PRINT_TIMINGS"):
        print(f"1 MB line: {min(large):.2f} s")


def test_pathological_repeats_stay_fast() -> None:
    """Long runs of one construction (no timing here: the linear test above guards the
    cost; this one guards against crashes and recursion on degenerate input)."""
    for text in ("1," * 50_000, "1-" * 50_000, "between " * 20_000, "a " * 50_000,
                 "$" * 100_000, "1." * 50_000, "one and " * 20_000, "-" * 100_000,
                 "twenty-" * 20_000, "tens of " * 20_000):
        check(text)


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, ones = divmod(rest, 10)
        part = _ONES[rest] if rest < 20 else _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
        words.append(("and " if hundreds else "") + part)
    return " ".join(words)


def spell(n: int) -> str:
    """British-style spelling ("one hundred and five thousand two hundred and one")."""
    if n == 0:
        return "zero"
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    parts = [f"{_spell_below_thousand(millions)} million"] if millions else []
    if thousands:
        parts.append(f"{_spell_below_thousand(thousands)} thousand")
    if units:
        parts.append(_spell_below_thousand(units))
    return " ".join(parts)


@given(st.integers(min_value=0, max_value=10**12))
@settings(max_examples=300)
def test_digits_with_separators_round_trip(n: int) -> None:
    text = f"they sent {n:,} troops"
    [q] = check(text)
    assert (q.low, q.high, q.qualifier, q.text) == (n, n, "exact", f"{n:,}")


@given(st.integers(min_value=2, max_value=999_999_999))
@settings(max_examples=300)
def test_spelled_numbers_round_trip(n: int) -> None:
    words = spell(n)
    [q] = check(f"they sent {words} troops")
    assert (q.low, q.text) == (n, words)
