"""Arithmetic across variables of one actor.

* ``killed+wounded<=casualties``: a killed and a wounded figure given together (same
  document, same as-of) sum to no more than a casualty total of the same time or
  later, and to no less than one of an earlier time (totals only grow);
* ``killed<=casualties`` (and wounded, missing, captured): a part never exceeds a
  total of the same time or later;
* ``casualties<=personnel``: losses never exceed the troops sent by then (the largest
  force reported up to that date, plus added contingents);
* ``share-of-base``: a share resolved against its base gives a derived figure, shown
  with the arithmetic.

Every check names the claims it read; ``ok`` is false when the figures cannot all be
right. Figures from one origin repeated in several documents are checked once. Like is
compared with like: running totals with running totals, a bounded period's counts ("over
the weekend") only with counts of the same period; and a subject's figures only with
the same subject's (a strike's "people" are not the troops the report is about).
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from claimtrail.reconcile.claims import (
    CURRENT_DAYS,
    RClaim,
    fmt_value,
    same_period,
    same_place,
    widened,
)

PARTS = ("killed", "wounded", "missing", "captured")


@dataclass
class Check:
    id: int
    rule: str
    claims: list[int]
    ok: bool
    detail: str
    actor: str | None

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "rule": self.rule, "claims": self.claims, "ok": self.ok,
                "detail": self.detail, "actor": self.actor}


def run_checks(claims: list[RClaim], next_id: int) -> list[Check]:
    # grouped by whose people are counted: "North Korean troops", "Unattributed people"
    by_subject: dict[str, list[RClaim]] = defaultdict(list)
    for c in claims:
        if c.low is None and c.high is None:
            continue
        if c.is_share or c.unit not in (None, "", "people", "persons"):
            continue
        if "-per-" in c.variable:
            continue                     # a rate is not a total
        by_subject[c.variable_subject].append(c)
    out: list[Check] = []
    for group in by_subject.values():
        actor = group[0].actor
        kinds: dict[str, list[RClaim]] = defaultdict(list)
        for c in _one_per_origin_figure(group):
            kinds[c.kind].append(c)
        for make in (_sum_checks, _part_checks, _personnel_checks):
            for rule, ids, ok, detail in make(kinds):
                out.append(Check(next_id + len(out), rule, ids, ok, detail, actor))
    for c in claims:
        if c.derived and c.derived_from_claims:
            out.append(Check(next_id + len(out), "share-of-base", c.derived_from_claims + [c.id],
                             True, f"{c.derived_from} -> {c.kind} {fmt_value(c)}", c.actor))
    return out


def _one_per_origin_figure(claims: list[RClaim]) -> list[RClaim]:
    """The first claim of each (origin, kind, figure): repeats add no arithmetic."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for c in sorted(claims, key=lambda c: (c.doc_order, c.id)):
        key = (c.origin.get("id"), c.kind, c.low, c.high, c.derived)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _low(c: RClaim) -> float:
    """The smallest value the claim allows ("scores of" allows ~20)."""
    return max(0.0, widened(c)[0])


def _high(c: RClaim) -> float:
    return widened(c)[1]


def _reading(c: RClaim) -> str:
    """The figure, and how loosely it is read when its words are vague ("scores of")."""
    if c.qualifier == "vague" and c.low is not None:
        return f"{fmt_value(c)} (vague: read as at least {_n(_low(c))})"
    return fmt_value(c)


def _n(x: float) -> str:
    return "unbounded" if x == float("inf") else f"{x:,.0f}"


Result = tuple[str, list[int], bool, str]


def _sum_checks(kinds: dict[str, list[RClaim]]) -> list[Result]:
    """A killed and a wounded figure given together, against the tightest casualty
    total of the same time or later (the lowest ceiling) and the tightest earlier one
    (the highest floor): if the sum fits those, it fits every other total."""
    out: list[Result] = []
    wounded: dict[tuple[str, str | None, bool], list[RClaim]] = defaultdict(list)
    for w in kinds.get("wounded", []):
        if not w.derived:
            wounded[(w.doc, w.as_of, w.period_count)].append(w)
    totals = [c for c in kinds.get("casualties", []) if not c.derived]
    by_ceiling = sorted(totals, key=lambda c: (_high(c), c.as_of or "", c.id))
    by_floor = sorted(totals, key=lambda c: (-widened(c)[0], c.as_of or "", c.id))
    for k in kinds.get("killed", []):
        if k.derived:
            continue
        for w in wounded.get((k.doc, k.as_of, k.period_count), []):
            # the decision allows for each figure's margin; the text shows the figures
            sum_low, sum_high = _low(k) + _low(w), _high(k) + _high(w)
            stated = (k.low or 0.0) + (w.low or 0.0)
            pair = f"{fmt_value(k)} killed + {fmt_value(w)} wounded (as of {k.as_of})"
            c = next((c for c in by_ceiling if (c.as_of or "") >= (k.as_of or "")
                      and _sum_total(k, c)), None)
            if c is not None:
                ok = sum_low <= _high(c)
                detail = (f"{pair} = at least {_n(stated)}, "
                          f"{'within' if ok else 'above'} the total of {fmt_value(c)}"
                          f" as of {c.as_of}")
                out.append(("killed+wounded<=casualties", [k.id, w.id, c.id], ok, detail))
            c = next((c for c in by_floor if (c.as_of or "") < (k.as_of or "")
                      and _sum_total(k, c)), None)
            if c is not None:
                ok = widened(c)[0] <= sum_high
                detail = (f"earlier total {fmt_value(c)} (as of {c.as_of}) "
                          f"{'does not exceed' if ok else 'exceeds'} the later {pair}")
                out.append(("killed+wounded<=casualties", [k.id, w.id, c.id], ok, detail))
    return out


def _sum_total(k: RClaim, c: RClaim) -> bool:
    return same_place(c, k) and _related(k, c) and _like(k, c)


def _part_checks(kinds: dict[str, list[RClaim]]) -> list[Result]:
    """Each part against the tightest casualty total of the same time or later (the
    lowest ceiling: within it, within all), and the nearest such total in time when that
    is another one; not against every total (a big story has thousands)."""
    out: list[Result] = []
    totals = kinds.get("casualties", [])
    by_ceiling = sorted(totals, key=lambda c: (_high(c), c.as_of or "", c.id))
    by_time = sorted(totals, key=lambda c: (c.as_of or "", _high(c), c.id))
    times = [c.as_of or "" for c in by_time]
    for part in PARTS:
        for p in kinds.get(part, []):
            tightest = next((c for c in by_ceiling if _total_for(p, c)), None)
            if tightest is None:
                continue
            nearest = next((by_time[j] for j in range(bisect_left(times, p.as_of or ""),
                                                      len(by_time))
                            if _total_for(p, by_time[j])), tightest)
            for c in [tightest] + ([nearest] if nearest.id != tightest.id else []):
                ok = _low(p) <= _high(c)
                detail = (f"{part} {_reading(p)} (as of {p.as_of}) "
                          f"{'within' if ok else 'above'} casualties {fmt_value(c)}"
                          f" (as of {c.as_of})")
                out.append((f"{part}<=casualties", [p.id, c.id], ok, detail))
    return out


def _total_for(p: RClaim, c: RClaim) -> bool:
    """Can casualty total ``c`` be held against part ``p``?"""
    if c.derived and p.derived or (c.as_of or "") < (p.as_of or ""):
        return False
    if p.derived_from_claims and c.id in p.derived_from_claims:
        return False                     # a share of c is below c by construction
    return same_place(p, c) and _related(p, c) and _like(p, c)


def _personnel_checks(kinds: dict[str, list[RClaim]]) -> list[Result]:
    levels = [p for p in kinds.get("personnel", []) if not p.increment and not p.derived
              and not p.period_count]
    added = [p for p in kinds.get("personnel", []) if p.increment]
    if not levels:
        return []
    # the force the same report (or the same claimant) gives: another report's figure
    # may count another contingent. Indexed so each loss figure reads only its own.
    levels_of = _by_doc_and_claimant(levels)
    added_of = _by_doc_and_claimant(added)
    out: list[Result] = []
    for c in kinds.get("casualties", []):
        if c.derived:
            continue
        own = [p for p in _own(levels_of, c) if same_place(p, c)]
        if not own:
            continue
        by_then = [p for p in own if (p.as_of or "") <= (c.as_of or "9999")] or own
        biggest = max(by_then, key=_high)
        extra = [a for a in _own(added_of, c) if (a.as_of or "") <= (c.as_of or "9999")]
        force = _high(biggest) * 1.02 + sum(_high(a) for a in extra)
        ok = _low(c) <= force
        plus = "".join(f" + {fmt_value(a)} added" for a in extra)
        detail = (f"casualties {fmt_value(c)} (as of {c.as_of}) "
                  f"{'within' if ok else 'above'} the force sent by then: "
                  f"{fmt_value(biggest)}{plus}")
        out.append(("casualties<=personnel", [c.id, biggest.id] + [a.id for a in extra],
                    ok, detail))
    return out


Index = dict[tuple[str, str], list[tuple[int, RClaim]]]


def _by_doc_and_claimant(claims: list[RClaim]) -> Index:
    out: Index = defaultdict(list)
    for k, p in enumerate(claims):
        out[("doc", p.doc)].append((k, p))
        if p.claimant:
            out[("claimant", p.claimant.lower())].append((k, p))
    return out


def _own(index: Index, c: RClaim) -> list[RClaim]:
    """The figures of c's report or of c's claimant, once each, in their list order."""
    found = dict(index.get(("doc", c.doc), []))
    if c.claimant:
        found.update(index.get(("claimant", c.claimant.lower()), []))
    return [p for _, p in sorted(found.items(), key=lambda kv: kv[0])]


def _like(part: RClaim, total: RClaim) -> bool:
    """Like with like: a running total's parts against running totals; a bounded
    period's count ("30 killed or wounded over the weekend") only against a count of
    the same period, never against the totals to date."""
    if part.period_count or total.period_count:
        return part.period_count and total.period_count and same_period(part, total)
    return True


def _same_claimant(a: RClaim, b: RClaim) -> bool:
    return bool(a.claimant) and (a.claimant or "").lower() == (b.claimant or "").lower()


def _related(part: RClaim, total: RClaim) -> bool:
    """Is a part comparable with a total? In one report, or from one claimant, or a
    clear time apart (a running total then covers, or is covered by, the part). Two
    reports of the same days often count different scopes (a region's dead, a town's
    wounded)."""
    if part.doc == total.doc or _same_claimant(part, total):
        return True
    pa, pt = part.period(), total.period()
    if pa is None or pt is None:
        return False
    return abs((pt[1] - pa[1]).days) > CURRENT_DAYS
