"""Conflicts an analyst would flag, with both sides shown and the kind named.

``same_day_rivals`` finds figures of one day that the conflict strata keep apart (one
dated by its own words, "recently estimated 4,000", the other by its report, "over
5,000") and that cannot both hold. ``describe_conflict`` names a conflict's kind and
sides in words:

- ``same-moment``: independent origins, one moment, figures that cannot both be right;
- ``possible-rise``: the same, for a running total whose lower figure is marked or dated
  as older ("recently", an earlier as-of): a rise since could explain the gap, so the
  conflict is labelled as such rather than hidden or called a contradiction;
- ``fall``: a running total that fell;
- ``same-period``: two counts of one bounded period.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable
from typing import Any

from claimtrail.reconcile.claims import RClaim
from claimtrail.reconcile.timeline import order_key
from claimtrail.reconcile.wording import value_words, who

SIDES = 6            # distinct figures spelled out per conflict
_OLDER_WORDS = re.compile(r"\b(recent(ly)?|earlier|previous(ly)?|last|ago|before|former(ly)?|"
                          r"initial(ly)?|original(ly)?|at first|so far|until)\b",
                          re.IGNORECASE)


def same_day_rivals(levels: list[RClaim], rivals: Callable[[RClaim, RClaim], bool],
                    disagreeing: Callable[..., list[list[RClaim]]]) -> list[list[RClaim]]:
    """Rival sets among the figures of each (scope, as-of day)."""
    days: dict[Hashable, list[RClaim]] = defaultdict(list)
    for c in levels:
        if c.as_of:
            days[(c.scope, c.as_of)].append(c)
    out: list[list[RClaim]] = []
    for members in days.values():
        if len({c.origin.get("id") for c in members}) > 1:
            out += disagreeing(members, rivals)
    return out


def _value(c: RClaim) -> str:
    return value_words(c.low, c.high, c.qualifier, c.unit)


def sides_of(group: list[RClaim]) -> list[dict[str, Any]]:
    """The distinct figures of a conflict, lowest first: who gives each, as of when."""
    by_value: dict[tuple, list[RClaim]] = defaultdict(list)
    for c in group:
        by_value[(c.low, c.high, c.qualifier)].append(c)

    def low_key(item: tuple[tuple, list[RClaim]]) -> tuple[float, float]:
        (low, high, _), _claims = item
        return (low if low is not None else -1.0, high if high is not None else float("inf"))

    sides = []
    for (low, high, qualifier), claims in sorted(by_value.items(), key=low_key):
        claimants = sorted({c.claimant for c in claims if c.claimant})
        days = sorted(c.as_of for c in claims if c.as_of)
        sides.append({"value": _value(claims[0]), "low": low, "high": high,
                      "qualifier": qualifier, "claims": [c.id for c in claims],
                      "claimants": claimants or [None],
                      "as_of": days[-1] if days else None,
                      "time_text": next((c.time_text for c in claims if c.time_text), None)})
    return sides


def _older(low_side: list[RClaim], high_side: list[RClaim]) -> str | None:
    """Why the lower figure may be the older one, in words; None if nothing says so."""
    latest_high = max((c.as_of for c in high_side if c.as_of), default=None)
    for c in low_side:
        match = _OLDER_WORDS.search(c.time_text or "")
        if match:
            return f"is described as “{c.time_text}”"
        if c.as_of and latest_high and c.as_of < latest_high:
            return f"is dated {c.as_of}, before {latest_high}"
    return None


def _side_text(side: dict[str, Any]) -> str:
    names = [n for n in side["claimants"] if n] or [None]
    shown = ", ".join(who(n) for n in names[:3]) + (" and others" if len(names) > 3 else "")
    when = f" (as of {side['as_of']})" if side.get("as_of") else ""
    return f"{shown}: {side['value']}{when}"


def describe_conflict(group: list[RClaim], reason: str, *, growing: bool
                      ) -> tuple[str, str, list[dict[str, Any]]]:
    """(kind, explanation in words, sides) of one conflict group."""
    sides = sides_of(group)
    listed = "; ".join(_side_text(s) for s in sides[:SIDES])
    if len(sides) > SIDES:
        listed += f"; and {len(sides) - SIDES} more figures"
    if reason.startswith("a figure that only grows fell"):
        return ("fall", "A running total only grows, yet a later figure is below an "
                "earlier one from another origin: " + listed + ".", sides)
    if reason.startswith("different counts for the same period"):
        return ("same-period", "Independent origins count the same bounded period "
                "differently: " + listed + ".", sides)
    text = ("Independent origins give figures for the same moment that cannot both be "
            "right: " + listed + ".")
    if growing and len(sides) >= 2:
        by_id = {c.id: c for c in group}
        low_side = [by_id[i] for i in sides[0]["claims"]]
        high_side = [by_id[i] for s in sides[1:] for i in s["claims"]]
        why = _older(sorted(low_side, key=order_key), high_side)
        if why:
            lowest = _side_text(sides[0]).split(":")[0]
            return ("possible-rise", text + f" The lower figure ({lowest}, "
                    f"{sides[0]['value']}) {why}: the total may have risen since, which "
                    "would explain the difference. No source says so, so it stays flagged.",
                    sides)
    return ("same-moment", text, sides)
