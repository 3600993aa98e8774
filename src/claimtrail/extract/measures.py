"""Figures every ledger keeps although no war kind fits them (shared/eval/README.md: every
figure is a claim): measures (money, distances, weights, rates) with their printed unit,
and counts no rule put in a kind, as kind 'other'. Durations, ages and shares stay out.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from claimtrail.extract.lexicon import kinds
from claimtrail.extract.nouns import looks_like_people
from claimtrail.extract.numbers import Quantity
from claimtrail.extract.subjects import noun_phrase

if TYPE_CHECKING:
    from claimtrail.extract.figures import Reading


TIME_UNITS = {"years", "months", "weeks", "days", "hours", "minutes", "seconds"}


def is_time_unit(unit: str | None) -> bool:
    """Durations, ages and time rates ("years", "hours", "days/week")."""
    return unit is not None and unit.split("/")[0] in TIME_UNITS


def measure_unit(q: Quantity) -> str:
    """The unit a measure is exported in: as printed ("277 miles" stays miles, a
    currency its ISO code)."""
    if q.original_unit and q.unit in ("km", "m"):
        return q.original_unit.lower().replace("kilometres", "km").replace("kilometers", "km")
    return str(q.unit)


def read_measure(root: Token, span: Span, q: Quantity) -> Reading:
    """Money, distances, weights and other measures are claims of kind 'other' with their
    unit; the subject is what is measured ("40,000 tonnes of maize": maize, "$2.5 billion
    in aid": aid)."""
    from claimtrail.extract.figures import Reading
    reading = Reading(True, kind="other", unit=measure_unit(q), figure=root,
                      why="a measure")
    head = root.head if root.head != root else root
    for cand in (*root.children, *head.children):
        if cand.dep_ == "prep" and cand.lower_ in ("of", "in", "for") and cand.i >= span.end - 1:
            obj = next((c for c in cand.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                reading.subject = noun_phrase(obj)
                break
    return reading


# Reasons a figure is set aside that hold also when every figure is a claim.
_NEVER_CLAIMS = ("no tokens", "unit ", "anonymous sources")


def _named_members(noun: Token) -> bool:
    """A count whose members are named right after it is a description of those people,
    not a head count."""
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in noun.children)


def fallback_other(reading: Reading, q: Quantity) -> None:
    """Every figure is a claim (shared/eval/README.md): a count no rule put in a kind is a
    claim of kind 'other', counted in its noun ("five matches": matches) or in people."""
    if reading.claim or reading.figure is None or reading.share_of is not None or \
            reading.unit == "share" or reading.why.startswith(_NEVER_CLAIMS):
        return
    if q.text.strip().lower() in kinds().not_figures:
        return          # "several buildings": a vague word counts only a casualty
    if q.high == 1 and q.low == 1 and not any(ch.isdigit() for ch in q.text):
        return          # "one direction", "in one case": a lone one counts only as a victim
    if reading.noun is not None and _named_members(reading.noun):
        return          # "two prominent researchers, Robert Carlin and Siegfried Hecker"
    noun = reading.noun
    kind = reading.kind if reading.kind in _KINDS else "other"
    reading.claim, reading.kind = True, kind
    if noun is not None:
        reading.subject = reading.subject or noun_phrase(noun)
        if reading.unit == "people" and not looks_like_people(noun):
            reading.unit = noun.text.lower()
    reading.why = "every figure is a claim: " + reading.why


_KINDS = {"personnel", "casualties", "killed", "wounded", "missing", "captured", "territory",
          "weapons", "other"}
