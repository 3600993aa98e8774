"""Time expressions resolved against the publication date (no model needed)."""
from __future__ import annotations

from datetime import date

import pytest

from claimtrail.extract.timex import find_times, parse_published

PUB = date(2025, 3, 10)        # a Monday


def one(text: str, published: date | None = PUB) -> tuple[str, str | None, str | None]:
    found = find_times(text, published)
    assert len(found) == 1, found
    return found[0].text, found[0].begin, found[0].finish


@pytest.mark.parametrize("text, expected", [
    ("approximately 30 North Korean soldiers were killed over the weekend",
     ("over the weekend", "2025-03-08", "2025-03-09")),
    ("sent to support Russia's military efforts in Ukraine last year",
     ("last year", "2024-01-01", "2024-12-31")),
    ("among the 11,000 troops dispatched the previous year",
     ("the previous year", "2024-01-01", "2024-12-31")),
    ("As of January, the casualty figures have reached concerning levels",
     ("As of January", "2025-01-01", "2025-01-31")),
    ("12,000 individuals dispatched since January", ("since January", "2025-01-01", "2025-03-10")),
    ("The New York Times reported earlier this week", ("earlier this week", "2025-03-10", "2025-03-10")),
    ("Currently, 11,000 North Korean soldiers are located in Russian territory",
     ("Currently", "2025-03-10", "2025-03-10")),
    ("South Korea's military recently estimated", ("recently", None, "2025-03-10")),
    ("attacked Ukrainian positions in Russian Kursk on Thursday", ("on Thursday", "2025-03-06", "2025-03-06")),
    ("sent 3,000 added troops during January and February of this year",
     ("during January and February of this year", "2025-01-01", "2025-02-28")),
    ("The invasion began on 24 February 2022", ("on 24 February 2022", "2022-02-24", "2022-02-24")),
    ("casualties rose in May", ("in May", "2024-05-01", "2024-05-31")),
])
def test_relative_and_absolute_expressions(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert one(text) == expected


def test_without_a_publication_date_relative_words_are_kept_unresolved() -> None:
    assert one("over the weekend", None) == ("over the weekend", None, None)
    # an explicit year needs no publication date
    assert one("in January 2025", None) == ("in January 2025", "2025-01-01", "2025-01-31")


def test_modal_may_and_bare_numbers_are_not_dates() -> None:
    assert find_times("They may come with 11,000 troops and 2,700 injured", PUB) == []


def test_publication_dates_in_several_shapes() -> None:
    assert parse_published("2024-11-16") == date(2024, 11, 16)
    assert parse_published("2024-11-16T09:00:00Z") == date(2024, 11, 16)
    assert parse_published("20220125T090000Z") == date(2022, 1, 25)
    assert parse_published(None) is None
    assert parse_published("not a date") is None
