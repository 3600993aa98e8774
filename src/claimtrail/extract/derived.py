"""Figures the text implies without printing them: a share of a base figure.

* "approximately one-third of the casualties reported as fatalities", after "over 5,000
  casualties": killed >= ~1,667, derived from the share and the latest earlier figure
  of the base kind in the document;
* "The casualties represent nearly half of the original 11,000 troops": casualties
  ~5,500, derived from the share and the figure of its own base noun.

Derived claims are marked ``derived=True`` with ``derived_from`` saying how; they are
never printed by the plain export unless asked for (``--derived``), since no reader
sees the number itself in the text.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimtrail.extract.figures import Reading
from claimtrail.extract.nouns import CASUALTY_KINDS, noun_kind
from claimtrail.extract.subjects import noun_phrase
from claimtrail.models import Value

if TYPE_CHECKING:
    from claimtrail.extract.pipeline import Candidate


def derive(candidates: list[Candidate]) -> list[Candidate]:
    """New derived candidates (the caller appends them)."""
    out: list[Candidate] = []
    for cand in candidates:
        reading = cand.reading
        if reading.share_of is None or cand.derived:
            continue
        if reading.claim and reading.kind in CASUALTY_KINDS:
            base = _earlier_base(candidates, cand, noun_kind(reading.share_of))
            if base is not None:
                out.append(_derived(cand, base, reading.kind, base.reading.subject))
        elif reading.why.startswith("comparison"):
            made = _comparison(candidates, cand)
            if made is not None:
                out.append(made)
    return out


def _earlier_base(candidates: list[Candidate], share: Candidate, kind: str | None) -> Candidate | None:
    """The latest figure of the base's kind before the share, in the same document."""
    if kind is None:
        return None
    best = None
    for cand in candidates:
        if cand.quantity.start >= share.quantity.start:
            break
        if cand.reading.claim and cand.reading.kind == kind and not cand.derived \
                and cand.reading.unit == "people":
            best = cand
    return best


def _comparison(candidates: list[Candidate], share: Candidate) -> Candidate | None:
    """'<casualty noun> represent/amount to <share> of <base figure> <noun>'."""
    root = share.reading.figure
    base_noun = share.reading.share_of
    if root is None or base_noun is None:
        return None
    share_word = root.head if root.dep_ in ("nummod", "quantmod", "advmod") else root
    verb = share_word.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    kind = noun_kind(subj) if subj is not None else None
    if kind not in CASUALTY_KINDS:
        return None
    base = next((c for c in candidates if c.reading.noun == base_noun and c is not share
                 and c.reading.claim), None)
    if base is None:
        return None
    return _derived(share, base, kind or "casualties", base.reading.subject)


def _derived(share: Candidate, base: Candidate, kind: str, subject: str | None) -> Candidate:
    from claimtrail.extract.pipeline import Candidate

    sq, bq = share.quantity, base.quantity
    low = sq.low * bq.low if sq.low is not None and bq.low is not None else None
    high = sq.high * bq.high if sq.high is not None and bq.high is not None else None
    if bq.qualifier in ("at_least", "at_most"):
        qualifier = bq.qualifier
    elif "approx" in (sq.qualifier, bq.qualifier):
        qualifier = "approx"
    else:
        qualifier = bq.qualifier
    base_words = noun_phrase(base.reading.noun) if base.reading.noun is not None else ""
    how = f"{sq.text.strip()} {bq.text.strip()} {base_words or ''}".strip()
    reading = Reading(True, kind=kind, subject=subject, unit="people",
                      figure=share.reading.figure, noun=share.reading.noun)
    return Candidate(sq, share.sentence, reading, source=share.source, credit=share.credit,
                     time=share.time, place=share.place, derived=True, derived_from=how,
                     value=Value(_round(low), _round(high), qualifier))


def _round(x: float | None) -> float | None:
    return None if x is None else round(x)
