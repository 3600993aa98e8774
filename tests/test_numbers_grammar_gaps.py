"""Number-grammar features other projects' test suites exercise (issue 9, item 6): each is
a general construction, tested with constructed sentences of that shape."""
from __future__ import annotations

import pytest

from claimtrail.extract.numbers import Quantity, find_quantities


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def test_bare_decimal_point_is_a_fraction_not_an_integer() -> None:
    q = only("The index fell by .35 on Tuesday.")
    assert (q.low, q.high, q.text) == (0.35, 0.35, ".35")


def test_sentence_end_glued_to_a_figure_is_not_a_decimal() -> None:
    q = only("he said.35 people were hurt")
    assert q.low == 35


@pytest.mark.parametrize(("text", "value"), [
    ("they lost four billions in a year", 4_000_000_000),
    ("she bought 5 dozens of eggs", 60),
    ("two dozens of volunteers came", 24),
])
def test_plural_scale_words_after_a_numeral(text: str, value: float) -> None:
    q = only(text)
    assert (q.low, q.high, q.qualifier) == (value, value, "exact")


def test_bound_after_the_figure_wins_over_approximation_before_it() -> None:
    q = only("about 300 or more people gathered")
    assert (q.low, q.high, q.qualifier) == (300, None, "at_least")


def test_unit_repeated_at_both_ends_of_a_range() -> None:
    q = only("tickets cost from 5 euros to 8 euros")
    assert (q.low, q.high, q.unit) == (5, 8, "eur")


def test_unit_repeated_only_at_one_end_is_not_a_range_of_that_unit() -> None:
    found = find_quantities("from 5 euros to 8 people")
    assert [(q.low, q.high) for q in found] == [(5, 5), (8, 8)]


@pytest.mark.parametrize(("text", "value"), [
    ("one seventh of the vote", 1 / 7), ("one fourth of the budget", 0.25),
])
def test_spelled_fraction_with_a_space(text: str, value: float) -> None:
    q = only(text)
    assert q.share and q.unit == "share" and abs((q.low or 0) - value) < 1e-6


def test_one_second_is_not_a_fraction() -> None:
    assert [q.unit for q in find_quantities("one second later")] == [None]


def test_half_a_billion() -> None:
    q = only("half a billion dollars")
    assert q.low == 500_000_000


def test_currency_sign_after_the_figure() -> None:
    q = only("a ticket costs 30 € at the door")
    assert (q.low, q.unit) == (30, "eur")


def test_trillion_letter_after_a_currency_sign() -> None:
    q = only("debt reached $1.9T last year")
    assert (q.low, q.unit) == (1.9e12, "usd")


def test_trillion_letter_without_currency_is_not_a_scale() -> None:
    assert [q.low for q in find_quantities("a 5t truck")] == [5]


def test_first_number_word_of_a_list_is_kept() -> None:
    assert [q.low for q in find_quantities("one, two or three drones")] == [1, 2, 3]


def test_rupees_with_crore_and_lakh() -> None:
    q = only("a package of Rs 300 crore")
    assert (q.low, q.unit) == (3_000_000_000, "inr")
    q = only("fined 2 lakh rupees")
    assert (q.low, q.unit) == (200_000, "inr")


@pytest.mark.parametrize(("text", "value"), [
    ("stir in 1/2 tsp of salt", 0.5), ("add 2 1/4 cups of flour", 2.25),
    ("about 3/8 inch thick", 0.375),
])
def test_slash_fractions_and_mixed_numbers(text: str, value: float) -> None:
    q = only(text)
    assert abs((q.low or 0) - value) < 1e-9


@pytest.mark.parametrize("text", ["open 24/7 since", "after 9/11 the", "on 10/12/2020 the",
                                  "a 50/50 split"])
def test_slashes_that_are_not_fractions(text: str) -> None:
    assert find_quantities(text) == []
