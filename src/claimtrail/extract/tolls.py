"""The killed and wounded totals of one incident report, from its claims.

The rule, per kind (``killed``, ``wounded``):

* every claim of that kind counts, at its low end (an open "at least 12" is 12, "dozens"
  24); a claim of kind ``casualties`` counts for neither;
* a claim of background scope is set aside when the report has other claims of the kind:
  a sentence that dates the figure to a span before the incident or sums a wider area
  ("Landslides have killed more than 130 people across Nepal since June", "so far this
  year");
* a list of figures of the kind joined by "and" or commas in one sentence, none of them a
  part of another ("four guards and two drivers were killed"), gives a derived sum;
* the total is the largest of these: tolls are revised upwards ("raised the death toll to
  16"), parts ("two of them", "including three children") are below their whole, and a
  later lower figure ("a lower toll of 41") is one source's, not the update.

A report with no claim of the kind has no total (None).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimtrail.models import Claim

_BACKGROUND = re.compile(
    r"\b(?:since (?:the (?:start|beginning)|it (?:began|was declared)|(?:january|february|march|"
    r"april|may|june|july|august|september|october|november|december|\d{4})|the monsoon|the "
    r"war|the conflict|the outbreak|the uprising)|so far this|this year|last year|in recent "
    r"(?:years|months|weeks)|in the past (?:year|decade|\w+ years)|over the past|across the "
    r"country|nationwide|each year|every year|a year|since then)\b", re.IGNORECASE)
_PART = re.compile(r"\b(?:including|among(?: them| those)?|of them|of whom|of those|out of)\b",
                   re.IGNORECASE)
_LIST_GAP = re.compile(r"^[^.;:]{0,40}?(?:,|\band\b)[^.;:]{0,25}$")


@dataclass(frozen=True)
class Total:
    value: int | None
    derived: bool = False          # a sum the text implies but does not print
    evidence: str = ""


def _low(claim: Claim) -> float | None:
    v = claim.value
    return v.low if v.low is not None else v.high


def _list_sums(claims: list[Claim], text: str | None) -> list[Total]:
    """Sums of coordinated figures of one kind in one sentence, none a part of another."""
    sums: list[Total] = []
    by_sentence: dict[tuple[int, int], list[Claim]] = {}
    for claim in claims:
        if claim.sentence_span is not None:
            by_sentence.setdefault(tuple(claim.sentence_span), []).append(claim)
    for (start, _end), group in by_sentence.items():
        group.sort(key=lambda c: c.span[0] if c.span else 0)
        run = [group[0]]
        for prev, cur in zip(group, group[1:]):
            gap = _gap(prev, cur, text, start)
            if gap is not None and _LIST_GAP.match(gap) and not _PART.search(gap):
                run.append(cur)
            else:
                run = [cur]
            if len(run) > 1:
                lows = [_low(c) for c in run]
                if all(x is not None for x in lows):
                    sums.append(Total(int(sum(x for x in lows if x is not None)), True,
                                      " + ".join(c.quote or "" for c in run)))
    return sums


def _gap(prev: Claim, cur: Claim, text: str | None, sentence_start: int) -> str | None:
    if not prev.span or not cur.span:
        return None
    if text is not None:
        return text[prev.span[1]:cur.span[0]]
    sentence = prev.sentence or ""
    a, b = prev.span[1] - sentence_start, cur.span[0] - sentence_start
    return sentence[a:b] if 0 <= a <= b <= len(sentence) else None


def incident_total(claims: Iterable[Claim], kind: str, text: str | None = None) -> Total:
    """The total of ``kind`` the claims of one report imply (see the module docstring)."""
    own = [c for c in claims if c.kind == kind and not c.derived and _low(c) is not None]
    if not own:
        return Total(None)
    current = [c for c in own if not _BACKGROUND.search(c.sentence or "")]
    pool = current or own
    options = [Total(int(_low(c) or 0), False, c.quote or "") for c in pool]
    options += _list_sums(pool, text)
    return max(options, key=lambda t: (t.value or 0, not t.derived))
