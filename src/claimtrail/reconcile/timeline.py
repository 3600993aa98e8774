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
``reconcile.scope``), or two unattributed figures of one report.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from claimtrail.reconcile.claims import (
    CUMULATIVE_KINDS,
    GROWING_KINDS,
    PEOPLE_KINDS,
    RClaim,
    compatible,
    fmt_value,
    periods_overlap,
    same_moment,
    same_period,
    same_place,
    widened,
)
from claimtrail.reconcile.scope import same_predicate


@dataclass
class Conflict:
    id: int
    claims: list[int]
    reason: str
    variable: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "claims": self.claims, "reason": self.reason,
                "variable": self.variable}


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


def find_conflicts(claims: list[RClaim], variable: str, next_id: int) -> list[Conflict]:
    ordered = sorted((c for c in claims if comparable(c)), key=order_key)
    first = ordered[0] if ordered else None
    rate = "-per-" in variable
    # Losses to date and forces sent grow; a rate ("899 a day") and a period's count go
    # up and down, and two of them disagree only about the same stated period.
    growing = first is not None and first.kind in GROWING_KINDS and not first.is_share \
        and not rate
    # only a running loss total cannot fall; forces are withdrawn, and reports of them
    # often count different contingents
    losses = growing and first is not None and first.kind in CUMULATIVE_KINDS
    out: list[Conflict] = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if not _rivals(a, b):
                continue
            if rate and not (a.explicit_time and b.explicit_time and same_period(a, b)):
                continue
            reason = _conflict_reason(a, b, growing, losses)
            if reason:
                out.append(Conflict(next_id + len(out), [a.id, b.id], reason, variable))
    periods = sorted((c for c in claims if c.period_count), key=order_key)
    for i, a in enumerate(periods):
        for b in periods[i + 1:]:
            if _rivals(a, b) and same_period(a, b):
                out.append(Conflict(next_id + len(out), [a.id, b.id],
                                    f"different counts for the same period "
                                    f"({a.time_text or a.as_of}): {_said(a, b)}", variable))
    return out


def _rivals(a: RClaim, b: RClaim) -> bool:
    """Could two figures be rival estimates of one thing? Independent origins, figures
    that cannot both be right, the same place (a smaller count for a named place may be
    part of one that names none) and the same measure (troops on standby
    are not the force sent; a confirmed count is a floor, not an estimate), and not two
    unattributed figures of one report: its author does not contradict himself, he counts
    two things ("1,000 troops in the region" beside "100,000 on its southern border")."""
    if a.origin.get("id") == b.origin.get("id") or compatible(a, b) or not same_place(a, b):
        return False
    if a.scope != b.scope or _part_of_unplaced(a, b) or _part_of_unplaced(b, a):
        return False
    if a.kind not in PEOPLE_KINDS and not same_predicate(a, b):
        return False                     # "900 students admitted", "8,500 enrolled"
    return not (a.doc == b.doc and not a.claimant and not b.claimant)


def _part_of_unplaced(part: RClaim, whole: RClaim) -> bool:
    """A count for one place below a count that names none can be part of it ("four
    killed in Russian-occupied parts" of "at least 10 dead either side of the front")."""
    if not (part.scope_place or part.place) or (whole.scope_place or whole.place):
        return False
    return widened(part)[1] < widened(whole)[0]


def _said(a: RClaim, b: RClaim) -> str:
    who_a = a.origin.get("claimant") or f"unsourced ({a.doc})"
    who_b = b.origin.get("claimant") or f"unsourced ({b.doc})"
    return f"{who_a} {fmt_value(a)} (as of {a.as_of}) vs {who_b} {fmt_value(b)} (as of {b.as_of})"


def _conflict_reason(a: RClaim, b: RClaim, growing: bool, losses: bool) -> str | None:
    """``a`` is not later than ``b``; they are incompatible and independent."""
    said = _said(a, b)
    if growing:
        a_low, _ = widened(a)
        _, b_high = widened(b)
        if losses and b_high < a_low and a.as_of and b.as_of and a.as_of < b.as_of:
            return f"a figure that only grows fell: {said}"
        if same_moment(a, b):
            return f"different figures for the same moment: {said}"
        return None
    if periods_overlap(a, b):
        return f"incompatible figures for the same time: {said}"
    return None


def build_timeline(claims: list[RClaim], conflicts: list[Conflict]) -> Timeline:
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
