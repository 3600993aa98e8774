"""A variable's timeline, and telling a cumulative rise from a conflict.

Claims are ordered by as-of time (the claim's own time, else the document's date); at
one as-of date, lower figures first, since a report that carries two figures of a
running total quotes the older, lower one as background.

Two claims conflict when they come from independent origins, may refer to the same
time, and their intervals cannot both be right (after room for "about"/"scores of").
For casualty-type kinds (casualties, killed, wounded, missing, captured) and forces
sent (personnel) the true figure grows with time, so a later, higher figure is a rise,
not a conflict; what conflicts is a clear *decrease* (a later figure below an earlier
one), or two figures for the same moment (see ``same_moment``: "recently estimated
4,000" beside a current "over 5,000" is an older count, not a rival one).

Rates ("899 a day", "1,260 during the last day") and counts for a bounded period ("30
over the weekend") go up and down: they conflict only with a figure for the same stated
period. Figures that count different things never conflict: another place, another
scope (troops on standby, a force that will be sent, a confirmed floor; see
``reconcile.scope``), or two unattributed figures of one report. Conflicts are found, as
groups, by ``reconcile.conflicts``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from claimtrail.reconcile.claims import CUMULATIVE_KINDS, RClaim, widened


@dataclass
class Timeline:
    trend: str
    points: list[int]
    rises: list[list[int]] = field(default_factory=list)    # [earlier, later] claim pairs

    def to_dict(self) -> dict[str, object]:
        return {"trend": self.trend, "points": self.points, "rises": self.rises}


def order_key(c: RClaim) -> tuple[str, int, float, int, int]:
    low = c.low if c.low is not None else (c.high if c.high is not None else 0.0)
    return (c.as_of or "9999", 0 if c.past_marked else 1, low, c.doc_order, c.id)


def comparable(c: RClaim) -> bool:
    """Claims that take part in conflict detection and the trend: levels, not added
    amounts or counts for a bounded period, and not figures the ledger computed itself."""
    return not c.increment and not c.period_count and not c.derived \
        and (c.low is not None or c.high is not None)


def build_timeline(claims: list[RClaim], conflicts: Sequence[object]) -> Timeline:
    """Order the points and name the trend: ``cumulative`` (a running total that only
    grows), ``rising``/``falling`` (a level that changes one way over time), ``stable``
    (all figures agree), ``conflicting`` (independent origins disagree), ``mixed``
    (changes both ways, or a rise alongside conflicts)."""
    ordered = sorted(claims, key=order_key)
    points = [c.id for c in ordered]
    levels = [c for c in ordered if comparable(c)]
    rises, falls = _moves(levels)
    kind_cumulative = bool(levels) and levels[0].kind in CUMULATIVE_KINDS \
        and not levels[0].is_share and "-per-" not in levels[0].variable
    if conflicts:
        trend = "mixed" if rises else "conflicting"
    elif not rises and not falls:
        trend = "stable"
    elif rises and not falls:
        trend = "cumulative" if kind_cumulative else "rising"
    elif falls and not rises:
        trend = "falling"
    else:
        trend = "mixed"
    return Timeline(trend=trend, points=points, rises=rises)


def _moves(levels: list[RClaim]) -> tuple[list[list[int]], list[list[int]]]:
    """Steps between consecutive figures: rises and falls. A clear step leaves the
    earlier interval; a lower bound that climbs (">= 40" then ">= 300") is a rise too."""
    rises: list[list[int]] = []
    falls: list[list[int]] = []
    for a, b in pairwise(levels):
        a_low, a_high = widened(a)
        b_low, b_high = widened(b)
        if b_low > a_high:
            rises.append([a.id, b.id])
        elif b_high < a_low:
            falls.append([a.id, b.id])
        elif a.low is not None and b.low is not None and b_low > a.low:
            rises.append([a.id, b.id])
    return rises, falls
