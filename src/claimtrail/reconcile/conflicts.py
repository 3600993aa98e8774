"""Conflicts: groups of figures of one variable that cannot all be right.

Two figures are rivals when they come from independent origins, cannot both be right
(after room for "about"/"scores of"), and count the same thing (``rivals``: place, scope,
predicate, not one report's two unattributed counts). The rules for *when* rivals
conflict are those of ``reconcile.timeline``; what changed is the shape. Comparing every
pair made a big story quadratic (71,010 pairwise conflicts, 20.8 MB, in one variable of
542 claims), so figures are grouped instead:

* levels are split into strata that the rules never compare across (scope; for
  running totals and forces, dated by their own words or by their report, marked as
  older or not; for rates, the exact stated period), and each stratum into moments: runs
  of figures, by start of period, whose periods all share a day (every pair in a moment
  overlaps);
* in a moment, each figure looks for one rival above and one below it, by binary search
  over the moment's figures sorted by bound; rivals found are joined, and each connected
  set is **one conflict** naming all its claims (a pair stays a pair, with the old
  reason text);
* for loss totals, a figure below an earlier one from another origin ("fell") is found
  by a sweep in as-of order that keeps the earlier figures sorted by low bound; the
  falls of one moment, with the earlier figure each fell below, are one conflict;
* a bounded period's counts conflict with rival counts of the same stated period.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

from claimtrail.reconcile.claims import (
    CUMULATIVE_KINDS,
    GROWING_KINDS,
    PEOPLE_KINDS,
    RClaim,
    fmt_value,
    same_place,
    widened,
)
from claimtrail.reconcile.scope import predicate_words
from claimtrail.reconcile.timeline import comparable, order_key

NAMED = 6          # figures named in a group's reason before "and N more"


@dataclass
class Conflict:
    id: int
    claims: list[int]
    reason: str
    variable: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "claims": self.claims, "reason": self.reason,
                "variable": self.variable}


class _Rivals:
    """The pairwise rival test, with each claim's interval and clause words computed
    once (a claim is tested against many)."""

    def __init__(self, claims: list[RClaim]) -> None:
        self.wide = {c.id: widened(c) for c in claims}
        self._words: dict[int, frozenset[str]] = {}

    def words(self, c: RClaim) -> frozenset[str]:
        if c.id not in self._words:
            self._words[c.id] = predicate_words(c)
        return self._words[c.id]

    def __call__(self, a: RClaim, b: RClaim) -> bool:
        """Could two incompatible figures be rival estimates of one thing? Independent
        origins, the same place (a smaller count for a named place may be part of one
        that names none), the same measure, a shared predicate for kinds that do not say
        what happened ("900 students admitted", "8,500 enrolled"), and not two
        unattributed figures of one report (its author counts two things)."""
        if a.origin.get("id") == b.origin.get("id") or not same_place(a, b):
            return False
        if a.scope != b.scope or self._part_of_unplaced(a, b) or self._part_of_unplaced(b, a):
            return False
        if a.kind not in PEOPLE_KINDS:
            wa, wb = self.words(a), self.words(b)
            if wa and wb and not wa & wb:
                return False
        return not (a.doc == b.doc and not a.claimant and not b.claimant)

    def _part_of_unplaced(self, part: RClaim, whole: RClaim) -> bool:
        if not (part.scope_place or part.place) or (whole.scope_place or whole.place):
            return False
        return self.wide[part.id][1] < self.wide[whole.id][0]


def find_conflicts(claims: list[RClaim], variable: str, next_id: int) -> list[Conflict]:
    levels = sorted((c for c in claims if comparable(c)), key=order_key)
    first = levels[0] if levels else None
    rate = "-per-" in variable
    # Losses to date and forces sent grow; a rate ("899 a day") and a period's count go
    # up and down, and two of them disagree only about the same stated period.
    growing = first is not None and first.kind in GROWING_KINDS and not first.is_share \
        and not rate
    # only a running loss total cannot fall; forces are withdrawn, and reports of them
    # often count different contingents
    losses = growing and first is not None and first.kind in CUMULATIVE_KINDS
    rivals = _Rivals(claims)
    periods = {c.id: c.period() for c in claims}

    def stratum(c: RClaim) -> Hashable:
        if rate:
            return (c.scope, c.time_start, c.time_end) if c.explicit_time else None
        if growing:
            return (c.scope, c.explicit_time, c.past_marked)
        return (c.scope,)

    strata: dict[Hashable, list[RClaim]] = defaultdict(list)
    for c in levels:
        key = stratum(c)
        if key is not None:                 # a rate without its own dates compares with none
            strata[key].append(c)
    found: list[tuple[tuple, list[RClaim], str]] = []
    moment_of: dict[int, int] = {}
    for members in strata.values():
        for moment in _moments(members, periods):
            number = len(found) + len(moment_of) + 1
            for c in moment:
                moment_of[c.id] = number
            for group in _disagreeing(moment, rivals):
                what = "different figures for the same moment" if growing \
                    else "incompatible figures for the same time"
                found.append((order_key(group[0]), group, _reason(what, group)))
    if losses:
        for group in _falls(levels, rivals, moment_of):
            found.append((order_key(group[0]), group,
                          _reason("a figure that only grows fell", group)))
    found.sort(key=lambda f: f[0])

    counts: dict[Hashable, list[RClaim]] = defaultdict(list)
    for c in sorted((c for c in claims if c.period_count), key=order_key):
        # same_period: dated alike by their own words, or one report's same time words
        key = (c.time_start, c.time_end) if c.explicit_time \
            else (c.doc, c.time_text) if c.time_text else None
        if key is not None:
            counts[(c.explicit_time, key)].append(c)
    for members in counts.values():
        for group in _disagreeing(members, rivals):
            found.append((order_key(group[0]), group, _reason(
                f"different counts for the same period ({group[0].time_text or group[0].as_of})",
                group)))
    return [Conflict(next_id + k, [c.id for c in group], reason, variable)
            for k, (_, group, reason) in enumerate(found)]


def _moments(claims: list[RClaim], periods: dict[int, tuple[date, date] | None]
             ) -> list[list[RClaim]]:
    """Runs of figures, by start of period, whose periods all share a day; figures with
    no date at all are one more moment."""
    dated = sorted((c for c in claims if periods[c.id] is not None),
                   key=lambda c: periods[c.id])             # type: ignore[arg-type,return-value]
    out: list[list[RClaim]] = []
    end: date | None = None
    for c in dated:
        start, stop = periods[c.id]                         # type: ignore[misc]
        if out and end is not None and start <= end:
            out[-1].append(c)
            end = min(end, stop)
        else:
            out.append([c])
            end = stop
    undated = [c for c in claims if periods[c.id] is None]
    return out + ([undated] if undated else [])


def _disagreeing(claims: list[RClaim], rivals: _Rivals) -> list[list[RClaim]]:
    """The sets of rivals among figures of one moment: each figure is joined to the
    nearest rival above it and below it, found by binary search over the figures sorted
    by bound; a scan passes over figures that are not rivals (same origin, another
    place), which are few beside the figures that are."""
    if len(claims) < 2:
        return []
    wide = rivals.wide
    by_low = sorted(claims, key=lambda c: wide[c.id][0])
    lows = [wide[c.id][0] for c in by_low]
    by_high = sorted(claims, key=lambda c: wide[c.id][1])
    highs = [wide[c.id][1] for c in by_high]
    parent = {c.id: c.id for c in claims}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in claims:
        low, high = wide[a.id]
        above = (by_low[k] for k in range(bisect_right(lows, high), len(by_low)))
        below = (by_high[k] for k in range(bisect_left(highs, low) - 1, -1, -1))
        for candidates in (above, below):
            b = next((b for b in candidates if rivals(a, b)), None)
            if b is not None:
                parent[find(b.id)] = find(a.id)
    groups: dict[int, list[RClaim]] = defaultdict(list)
    for c in claims:
        groups[find(c.id)].append(c)
    return [sorted(g, key=order_key) for g in groups.values() if len(g) > 1]


def _falls(levels: list[RClaim], rivals: _Rivals, moment_of: dict[int, int]
           ) -> list[list[RClaim]]:
    """Loss totals below an earlier total of another origin, each with the highest
    earlier figure it fell below; one group per moment of the later figures."""
    wide = rivals.wide
    earlier: list[tuple[float, int, RClaim]] = []     # (-low bound, seq, claim), sorted
    dated = [c for c in levels if c.as_of]
    groups: dict[int, dict[int, RClaim]] = defaultdict(dict)
    k = 0
    while k < len(dated):
        day = dated[k].as_of
        same_day = []
        while k < len(dated) and dated[k].as_of == day:
            same_day.append(dated[k])
            k += 1
        for b in same_day:
            high = wide[b.id][1]
            # earlier figures whose low bound is above b's high bound, highest first
            stop = bisect_left(earlier, (-high, -1))
            a = next((earlier[j][2] for j in range(stop)
                      if moment_of.get(earlier[j][2].id) != moment_of.get(b.id)
                      and rivals(earlier[j][2], b)), None)
            if a is not None:
                group = groups[moment_of.get(b.id, -b.id)]
                for x in (a, b):
                    group.setdefault(x.id, x)
        for b in same_day:
            insort(earlier, (-wide[b.id][0], b.id, b))
    return [sorted(g.values(), key=order_key) for g in groups.values()]


def _who(c: RClaim) -> str:
    return c.origin.get("claimant") or f"unsourced ({c.doc})"


def _reason(what: str, group: list[RClaim]) -> str:
    """A pair reads as before ("X 500 (as of ...) vs Y over 5,000 (as of ...)"); a
    larger group lists its distinct figures, lowest first, each with how many claims and
    origins give it and who gave it first, up to NAMED figures."""
    if len(group) == 2:
        a, b = group
        return (f"{what}: {_who(a)} {fmt_value(a)} (as of {a.as_of}) vs "
                f"{_who(b)} {fmt_value(b)} (as of {b.as_of})")
    figures: dict[str, list[RClaim]] = defaultdict(list)
    for c in sorted(group, key=lambda c: (c.low if c.low is not None else -1.0,
                                          c.high if c.high is not None else float("inf"),
                                          c.doc_order, c.id)):
        figures[fmt_value(c)].append(c)
    named = []
    for value, claims in list(figures.items())[:NAMED]:
        first = min(claims, key=lambda c: (c.doc_order, c.id))
        origins = len({c.origin.get("id") for c in claims})
        named.append(f"{value} ({len(claims)} claims, {origins} origins, first "
                     f"{_who(first)} as of {first.as_of})")
    more = len(figures) - NAMED
    days = sorted({c.as_of for c in group if c.as_of})
    span = f"{days[0]} to {days[-1]}" if len(days) > 1 else (days[0] if days else "undated")
    return (f"{what} ({len(group)} claims, {span}): " + "; ".join(named)
            + (f"; and {more} more figures" if more > 0 else ""))
