"""Conflicts: groups of figures of one variable that cannot all be right.

Two figures are rivals when they come from independent origins, cannot both be right
(after room for "about"/"scores of"), and count the same thing (``rivals``: place, scope,
predicate, not one report's two unattributed counts). The rules for *when* rivals
conflict are those of ``reconcile.timeline``; what changed is the shape. Comparing every
pair made a big story quadratic (71,010 pairwise conflicts, 20.8 MB, in one variable of
542 claims), so figures are grouped instead:

* levels are split into strata that the rules never compare across (scope; for
  running totals and forces, dated by their own words or by their report, marked as
  older or not; for rates, the exact stated period), and each stratum into buckets of
  one period;
* each figure looks, in each bucket whose period overlaps its own, for one rival above
  and one below it by binary search over the bucket's figures sorted by bound; rivals
  found are joined, and each connected set, split into weeks of as-of, is **one
  conflict** naming all its claims (a pair stays a pair, with the old reason text);
* for loss totals, a figure below an earlier one from another origin ("fell") is found
  by two sweeps in as-of order that keep the figures seen so far sorted by bound; the
  falls of one week, with the figures they fell below, are one conflict;
* a bounded period's counts conflict with rival counts of the same stated period.

The claims flagged are exactly those the pairwise rule flagged (tests/
test_reconcile_origins.py compares them on random stories); only the grouping is new.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import defaultdict, deque
from collections.abc import Hashable
from dataclasses import dataclass, field
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
from claimtrail.reconcile.estimate import PERIOD_DAYS
from claimtrail.reconcile.explain import describe_conflict, same_day_rivals
from claimtrail.reconcile.scope import predicate_words
from claimtrail.reconcile.timeline import comparable, order_key

NAMED = 6          # figures named in a group's reason before "and N more"


@dataclass
class Conflict:
    id: int
    claims: list[int]
    reason: str
    variable: str
    kind: str = "same-moment"          # same-moment | possible-rise | fall | same-period
    explanation: str = ""
    sides: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "claims": self.claims, "reason": self.reason,
                "variable": self.variable, "kind": self.kind,
                "explanation": self.explanation, "sides": self.sides}


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
    stratum_of: dict[int, Hashable] = {}
    for key, members in strata.items():
        for c in members:
            stratum_of[c.id] = key
        for group in _disagreeing(members, rivals, periods):
            what = "different figures for the same moment" if growing \
                else "incompatible figures for the same time"
            found.append((order_key(group[0]), group, _reason(what, group)))

    if losses:
        for group in _falls(levels, rivals, stratum_of, periods):
            found.append((order_key(group[0]), group,
                          _reason("a figure that only grows fell", group)))
    if growing:
        # Figures of one day that the strata keep apart (one dated by its own words, the
        # other by its report) still contradict each other when they cannot both hold.
        # A group overlapping one found already joins it: one conflict per clash.
        what = "different figures for the same moment"
        for group in same_day_rivals(levels, rivals, _disagreeing):
            ids = {c.id for c in group}
            hits = [k for k, (_, g, r) in enumerate(found)
                    if r.startswith(what) and ids & {c.id for c in g}]
            if hits and ids <= {c.id for k in hits for c in found[k][1]}:
                continue
            members = {c.id: c for c in group}
            for k in hits:
                members.update({c.id: c for c in found[k][1]})
            for k in reversed(hits):
                del found[k]
            merged = sorted(members.values(), key=order_key)
            found.append((order_key(merged[0]), merged, _reason(what, merged)))
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
    out = []
    for k, (_, group, reason) in enumerate(found):
        kind, explanation, sides = describe_conflict(group, reason, growing=growing)
        out.append(Conflict(next_id + k, [c.id for c in group], reason, variable, kind,
                            explanation, sides))
    return out


def _disagreeing(claims: list[RClaim], rivals: _Rivals,
                 periods: dict[int, tuple[date, date] | None] | None = None
                 ) -> list[list[RClaim]]:
    """The sets of rivals among figures whose periods overlap (all of ``claims`` when no
    ``periods`` are given). Figures are bucketed by period; each figure looks, in every
    bucket whose period overlaps its own, for the nearest rival above and below it by
    binary search over the bucket's figures sorted by bound, and is joined to them. A
    figure with any rival finds one, so the flagged claims are exactly those of the
    pairwise rule; a scan passes over figures that are not rivals (same origin, another
    place), few beside those that are. Undated figures overlap every period."""
    if len(claims) < 2:
        return []
    wide = rivals.wide
    buckets: dict[tuple[date, date] | None, list[RClaim]] = defaultdict(list)
    for c in claims:
        buckets[periods[c.id] if periods is not None else None].append(c)
    sorted_by: dict[tuple[date, date] | None, tuple[list, list, list, list]] = {}
    for key, members in buckets.items():
        by_low = sorted(members, key=lambda c: wide[c.id][0])
        by_high = sorted(members, key=lambda c: wide[c.id][1])
        sorted_by[key] = (by_low, [wide[c.id][0] for c in by_low],
                          by_high, [wide[c.id][1] for c in by_high])
    keys = sorted(k for k in buckets if k is not None)
    starts = [k[0] for k in keys]
    parent = {c.id: c.id for c in claims}
    partner: dict[int, RClaim] = {}                   # one rival found for each figure

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for key, members in buckets.items():
        if key is None:
            near = list(buckets)
        else:
            # periods starting by this one's end that end on or after its start
            near = [k for k in keys[:bisect_right(starts, key[1])] if k[1] >= key[0]]
            near += [None] if None in buckets else []
        for a in members:
            low, high = wide[a.id]
            for k in near:
                by_low, lows, by_high, highs = sorted_by[k]
                above = (by_low[j] for j in range(bisect_right(lows, high), len(by_low)))
                below = (by_high[j] for j in range(bisect_left(highs, low) - 1, -1, -1))
                for candidates in (above, below):
                    b = next((b for b in candidates if rivals(a, b)), None)
                    if b is not None:
                        parent[find(b.id)] = find(a.id)
                        partner.setdefault(a.id, b)
                        partner.setdefault(b.id, a)
    groups: dict[int, list[RClaim]] = defaultdict(list)
    for c in claims:
        groups[find(c.id)].append(c)
    return [week for g in groups.values() if len(g) > 1
            for week in _by_week(sorted(g, key=order_key), partner)]


def _by_week(group: list[RClaim], partner: dict[int, RClaim]) -> list[list[RClaim]]:
    """A set of rivals split into weeks of as-of (a new week PERIOD_DAYS after its
    first), so that reports disagreeing week after week are a conflict per week, not one
    for the whole story; a figure whose rival fell in another week brings it along."""
    weeks: list[list[RClaim]] = []
    start: date | None = None
    for c in group:                                    # in as-of order
        day = _day(c.as_of)
        if weeks and (day is None or start is None or (day - start).days <= PERIOD_DAYS):
            weeks[-1].append(c)
        else:
            weeks.append([c])
            start = day
    if len(weeks) == 1:
        return weeks
    out = []
    for week in weeks:
        members = {c.id: c for c in week}
        for c in week:
            other = partner.get(c.id)      # every figure of the group has one
            if other is not None:
                members.setdefault(other.id, other)
        out.append(sorted(members.values(), key=order_key))
    return out


def _falls(levels: list[RClaim], rivals: _Rivals, stratum_of: dict[int, Hashable],
           periods: dict[int, tuple[date, date] | None]) -> list[list[RClaim]]:
    """Loss totals below an earlier total of another origin. Two sweeps in as-of order
    keep the figures seen so far sorted by bound: forward, each figure finds the highest
    earlier figure it fell below; backward, each figure finds the lowest later figure
    that fell below it. So every figure in such a pair is named, each beside one figure
    of the other side. A pair of one moment (one stratum, overlapping periods) is in a
    group above already: a figure dated by its report enters its own stratum's list only
    once its week is past, so such pairs are not even scanned. One group per week of the
    later figures (a new week PERIOD_DAYS after its first)."""
    dated = [c for c in levels if c.as_of]
    days: list[list[RClaim]] = []
    for c in dated:
        if days and days[-1][0].as_of == c.as_of:
            days[-1].append(c)
        else:
            days.append([c])
    pairs = _fall_sweep(days, rivals, stratum_of, periods, forward=True)
    pairs += _fall_sweep(days[::-1], rivals, stratum_of, periods, forward=False)
    groups: dict[int, dict[int, RClaim]] = defaultdict(dict)
    week_start: date | None = None
    for a, b in sorted(pairs, key=lambda p: order_key(p[1])):
        b_day = _day(b.as_of) or week_start or date.min
        if week_start is None or (b_day - week_start).days > PERIOD_DAYS:
            week_start = b_day
        group = groups[week_start.toordinal()]
        for x in (a, b):
            group.setdefault(x.id, x)
    return [sorted(g.values(), key=order_key) for g in groups.values()]


Entry = tuple[float, float, RClaim]


def _fall_sweep(days: list[list[RClaim]], rivals: _Rivals, stratum_of: dict[int, Hashable],
                periods: dict[int, tuple[date, date] | None], *, forward: bool
                ) -> list[tuple[RClaim, RClaim]]:
    """(earlier, later) pairs, one per figure. Forward, the lists hold earlier figures
    by descending low bound; backward, later figures by ascending high bound: either
    way the best partner is the first entry that passes."""
    wide = rivals.wide
    inf = float("inf")

    def entry(c: RClaim) -> Entry:
        return (-wide[c.id][0], c.id, c) if forward else (wide[c.id][1], c.id, c)

    def threshold(c: RClaim) -> tuple[float, float]:
        return (-wide[c.id][1], -inf) if forward else (wide[c.id][0], -inf)

    def overlap(a: RClaim, b: RClaim) -> bool:
        pa, pb = periods[a.id], periods[b.id]
        return pa is None or pb is None or pa[0] <= pb[1] and pb[0] <= pa[1]

    def past(a: RClaim, c: RClaim) -> bool:
        """Is seen figure ``a`` clear of ``c``'s period (so never one moment with it)?"""
        pa, pc = periods[a.id], periods[c.id]
        if pa is None or pc is None:
            return False
        return pa[1] < pc[0] if forward else pa[0] > pc[1]

    full: dict[Hashable, list[Entry]] = defaultdict(list)     # every figure seen
    clear: dict[Hashable, list[Entry]] = defaultdict(list)    # ...and past the moment
    waiting: dict[Hashable, deque[RClaim]] = defaultdict(deque)
    pairs: list[tuple[RClaim, RClaim]] = []
    for same_day in days:
        for c in same_day:
            key = stratum_of[c.id]
            queue = waiting[key]
            while queue and past(queue[0], c):
                insort(clear[key], entry(queue.popleft()))
            dated_by_report = not key[1]                      # type: ignore[index]
            best: Entry | None = None
            for k in set(full) | {key}:
                own = k == key
                seen = clear[k] if own and dated_by_report else full[k]
                stop = bisect_left(seen, threshold(c))
                hit = next((seen[j] for j in range(stop)
                            if not (own and overlap(seen[j][2], c))
                            and rivals(seen[j][2], c)), None)
                if hit is not None and (best is None or hit[:2] < best[:2]):
                    best = hit
            if best is not None:
                pairs.append((best[2], c) if forward else (c, best[2]))
        for c in same_day:
            key = stratum_of[c.id]
            insort(full[key], entry(c))
            if not key[1]:                                    # type: ignore[index]
                waiting[key].append(c)
    return pairs


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


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
