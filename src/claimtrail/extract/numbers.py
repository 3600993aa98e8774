"""The number grammar: every figure in a piece of text, as an interval with its qualifier.

INTERFACE (fixed; the claim extractor builds on it):

    find_quantities(text: str) -> list[Quantity]

returns, in text order, each figure that can carry a claim, with its character span in
``text``. Years, dates, clock times, ordinals, unit names ("810th brigade"), phone
numbers and identifiers are not returned.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Quantity:
    start: int                 # character offsets of the whole figure phrase in the text,
    end: int                   # qualifier words included ("over 5,000", "scores of")
    text: str
    low: float | None          # interval; None = open
    high: float | None
    qualifier: str             # exact | approx | at_least | at_most | vague
    unit: str | None = None    # None (a count), "percent", "share", "km2", "ratio", ...
    share: bool = False        # a fraction of something else ("one-third of", "60%")
    multiplier: bool = False   # "tenfold", "three times"
    number_start: int = 0      # offsets of the numeral itself ("5,000" in "over 5,000")
    number_end: int = 0
    original_unit: str | None = None     # before conversion ("square miles")
    original_value: tuple[float | None, float | None] | None = None


def find_quantities(text: str) -> list[Quantity]:
    raise NotImplementedError("the number grammar is being written (issue 3)")
