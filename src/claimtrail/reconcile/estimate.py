"""The reconciled estimate of a variable, period by period.

Claims are grouped into periods by as-of date (a new period starts when a figure is
more than ``PERIOD_DAYS`` after the period's first). In each period every origin
contributes one interval (its claims intersected); the estimate is the intersection of
all origins' intervals when they are compatible, else the span of all of them with the
largest compatible group named as supporting and the others as disagreeing.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from claimtrail.models import _num
from claimtrail.reconcile.claims import GROWING_KINDS, RClaim, widened
from claimtrail.reconcile.timeline import order_key

PERIOD_DAYS = 7       # as long as a figure without its own time is taken as current


@dataclass
class _Origin:
    id: str
    claims: list[RClaim]
    low: float | None
    high: float | None
    wide: tuple[float, float]


def estimate(claims: list[RClaim], conflicts_of: dict[int, set[int]] | None = None
             ) -> list[dict[str, object]]:
    """Per period, the interval the independent origins support. For a running total
    (casualty kinds, forces sent), a figure wholly below another origin's and not in a
    conflict with it is an older count, ``superseded`` rather than disagreeing.
    ``conflicts_of`` maps a claim id to the ids of the conflicts naming it."""
    # added amounts and a bounded period's counts are flows, not the level estimated
    usable = [c for c in claims if not c.increment and not c.period_count
              and (c.low is not None or c.high is not None)]
    cumulative = bool(usable) and usable[0].kind in GROWING_KINDS and not usable[0].is_share
    return [_estimate_period(_reported_first(group), cumulative, conflicts_of or {})
            for group in _periods(sorted(usable, key=order_key))]


def _reported_first(claims: list[RClaim]) -> list[RClaim]:
    """A figure the ledger derived ("nearly half of 11,000" -> ~5,500) stands in for a
    period without reported figures; beside them it would narrow what sources said
    ("over 5,000") to the ledger's own arithmetic."""
    reported = [c for c in claims if not c.derived]
    return reported or claims


def _periods(ordered: list[RClaim]) -> list[list[RClaim]]:
    out: list[list[RClaim]] = []
    start: date | None = None
    for c in ordered:
        day = date.fromisoformat(c.as_of) if c.as_of else None
        if out and (day is None or start is None or (day - start).days <= PERIOD_DAYS):
            out[-1].append(c)
            continue
        out.append([c])
        start = day
    return out


def _origins(claims: list[RClaim]) -> list[_Origin]:
    grouped: dict[str, list[RClaim]] = {}
    for c in claims:
        grouped.setdefault(str(c.origin.get("id", c.id)), []).append(c)
    out = []
    for oid, group in grouped.items():
        wide_low = max(widened(c)[0] for c in group)
        wide_high = min(widened(c)[1] for c in group)
        if wide_low > wide_high:         # an origin that moved within the period: its latest
            group = [max(group, key=order_key)]
            wide_low, wide_high = widened(group[0])
        lows = [c.low for c in group if c.low is not None]
        highs = [c.high for c in group if c.high is not None]
        out.append(_Origin(oid, group, max(lows) if lows else None,
                           min(highs) if highs else None, (wide_low, wide_high)))
    return out


def _largest_agreeing(origins: list[_Origin], *, growing: bool = False) -> list[_Origin]:
    """The most origins whose intervals share a point. The candidate points are each
    origin's low bound (its high bound when unbounded below); how many intervals hold a
    point is two binary searches, so a period of many origins is not quadratic. Ties go
    to the first origin's point, as a scan in origin order would; for a running total
    (``growing``) to the highest point, the latest count of a total that only grows."""
    if any(o.wide[0] > o.wide[1] for o in origins):
        return _largest_agreeing_scan(origins)
    lows = sorted(o.wide[0] for o in origins)
    highs = sorted(o.wide[1] for o in origins)
    best_point, best_count = None, 0
    for probe in origins:
        point = probe.wide[0] if probe.wide[0] != -float("inf") else probe.wide[1]
        count = bisect_right(lows, point) - bisect_left(highs, point)
        if count > best_count or (growing and count == best_count and best_point is not None
                                  and point > best_point):
            best_point, best_count = point, count
    if best_point is None:
        return origins[:1]
    return [o for o in origins if o.wide[0] <= best_point <= o.wide[1]]


def _largest_agreeing_scan(origins: list[_Origin]) -> list[_Origin]:
    best: list[_Origin] = []
    for probe in origins:
        point = probe.wide[0] if probe.wide[0] != -float("inf") else probe.wide[1]
        group = [o for o in origins if o.wide[0] <= point <= o.wide[1]]
        if len(group) > len(best):
            best = group
    return best or origins[:1]


def _superseded(origins: list[_Origin], conflicts_of: dict[int, set[int]]) -> list[_Origin]:
    """Origins wholly below another origin they share no conflict with: scanned from the
    highest low bound down, stopping at the first such other origin."""
    named = [set().union(*(conflicts_of.get(c.id, set()) for c in o.claims)) for o in origins]
    by_low = sorted(range(len(origins)), key=lambda k: -origins[k].wide[0])
    out = []
    for i, o in enumerate(origins):
        for k in by_low:
            other = origins[k]
            if not o.wide[1] < other.wide[0]:
                break
            if other is not o and not named[i] & named[k]:
                out.append(o)
                break
    return out


def _estimate_period(claims: list[RClaim], cumulative: bool,
                     conflicts_of: dict[int, set[int]]) -> dict[str, object]:
    origins = _origins(claims)
    superseded = _superseded(origins, conflicts_of) if cumulative else []
    gone = {id(o) for o in superseded}
    current = [o for o in origins if id(o) not in gone] or origins
    agreeing = _largest_agreeing(current, growing=cumulative)
    supporting = [c.id for o in agreeing for c in o.claims]
    old = [c.id for o in superseded for c in o.claims]
    placed = set(supporting) | set(old)
    disagreeing = [c.id for c in claims if c.id not in placed]
    agreed = len(agreeing) == len(current)
    if agreed:
        low, high = _intersection(agreeing)
    else:
        lows = [o.low for o in current]
        highs = [o.high for o in current]
        low = None if any(v is None for v in lows) else min(v for v in lows if v is not None)
        high = None if any(v is None for v in highs) else max(v for v in highs if v is not None)
    days = [c.as_of for c in claims if c.as_of]
    qualifier = _qualifier(low, high, [c for o in agreeing for c in o.claims])
    return {"period": {"start": min(days) if days else None, "end": max(days) if days else None},
            "low": _num(low), "high": _num(high), "qualifier": qualifier,
            "agreed": agreed, "origins": len(agreeing), "supporting": supporting,
            "disagreeing": disagreeing, "superseded": old}


def _intersection(origins: list[_Origin]) -> tuple[float | None, float | None]:
    """The figures' common interval; when "about" figures meet only within their
    margins (11,000 and about 12,000), the overlap of the margins."""
    lows = [o.low for o in origins if o.low is not None]
    highs = [o.high for o in origins if o.high is not None]
    low = max(lows) if lows else None
    high = min(highs) if highs else None
    if low is not None and high is not None and low > high:
        wide_low = max(o.wide[0] for o in origins)
        wide_high = min(o.wide[1] for o in origins)
        low, high = float(round(wide_low)), float(round(wide_high))
    return low, high


def _qualifier(low: float | None, high: float | None, claims: list[RClaim]) -> str:
    if low is not None and high is None:
        return "at_least"
    if high is not None and low is None:
        return "at_most"
    if all(c.qualifier == "exact" for c in claims):
        return "exact"
    return "approx"
