"""Independent origins of a story's claims, without pairwise passes.

The rules are those of docs/stories.md ("Copies and origins"). Their plain form compares
every pair of claims of a variable (kept as tests/reference_origins.py, the oracle this
module is tested against): on a big story (5,700 claims) that was most of the ledger's
build time. Here the same unions are found by
sorting: two claims can only be one figure when they share increment, share and
period-count flags (``ledger.same_figure``), so each such partition is handled alone,
and "compatible" is an overlap of widened intervals, so

* one claimant's compatible figures are the connected runs of a sweep by low bound;
* an unsourced figure joins the first compatible sourced figure of its copy group, the
  same document first (a scan in document order that stops at the first match);
* unsourced figures of one copy group join when compatible; when no two of them already
  belong to different claimants no union can be refused, and the result is again the
  sweep's runs (otherwise the reference order is replayed within that copy group);
* ``independent_origins`` counts the origins whose hull meets a claim's interval: an
  origin's figures overlap in a chain, so their union is one interval, and a count of
  intervals meeting a query is two binary searches.

tests/test_reconcile_origins.py checks the result equals the reference on random input.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict

from claimtrail.reconcile.claims import RClaim, widened

Interval = tuple[float, float]


def assign_origins(claims: list[RClaim], copy_root: dict[str, str],
                   aliases: dict[str, list[str]] | None = None) -> None:
    """Set ``origin``, ``copies`` and ``independent_origins`` on every claim."""
    aliases = aliases or {}
    parts: dict[tuple[str, bool, bool, bool], list[RClaim]] = defaultdict(list)
    for c in claims:
        parts[(c.variable, c.increment, c.is_share, c.period_count)].append(c)
    for group in parts.values():
        _assign_in_partition(group, copy_root, aliases)


def _assign_in_partition(claims: list[RClaim], copy_root: dict[str, str],
                         aliases: dict[str, list[str]]) -> None:
    wide = {c.id: widened(c) for c in claims}
    parent = {c.id: c.id for c in claims}
    claimant_of: dict[int, str | None] = {c.id: _key(c.claimant) for c in claims}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        """Join two groups, unless that would make two claimants one origin."""
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        ca, cb = claimant_of[ra], claimant_of[rb]
        if ca is not None and cb is not None and ca != cb:
            return
        parent[rb] = ra
        claimant_of[ra] = ca or cb

    def fits(a: RClaim, b: RClaim) -> bool:
        (al, ah), (bl, bh) = wide[a.id], wide[b.id]
        return max(al, bl) <= min(ah, bh)

    def root_doc(c: RClaim) -> str:
        return copy_root.get(c.doc, c.doc)

    sourced = [c for c in claims if c.claimant]
    unsourced = [c for c in claims if not c.claimant]
    by_claimant: dict[str | None, list[RClaim]] = defaultdict(list)
    for c in sourced:
        by_claimant[claimant_of[c.id]].append(c)
    for same in by_claimant.values():
        _union_runs(same, wide, union)

    # an unsourced figure echoing a sourced one of its own copy group is that origin
    sourced_in: dict[str, list[RClaim]] = defaultdict(list)
    for s in sorted(sourced, key=lambda s: (s.doc_order, s.id)):
        sourced_in[root_doc(s)].append(s)
    for u in unsourced:
        candidates = sourced_in.get(root_doc(u), [])
        best = next((s for s in candidates if s.doc == u.doc and fits(u, s)), None) \
            or next((s for s in candidates if s.doc != u.doc and fits(u, s)), None)
        if best is not None:
            union(best.id, u.id)

    unsourced_in: dict[str, list[RClaim]] = defaultdict(list)
    for u in unsourced:
        unsourced_in[root_doc(u)].append(u)
    for group in unsourced_in.values():
        owners = {claimant_of[find(u.id)] for u in group} - {None}
        if len(owners) <= 1:
            _union_runs(group, wide, union)      # no union can be refused: order is moot
            continue
        for i, a in enumerate(group):            # the reference order, refusals and all
            for b in group[i + 1:]:
                if fits(a, b):
                    union(a.id, b.id)

    members: dict[int, list[RClaim]] = defaultdict(list)
    for c in claims:
        members[find(c.id)].append(c)
    hulls: dict[int, Interval] = {}
    for root, group in members.items():
        group.sort(key=lambda c: (c.doc_order, c.id))
        first = group[0]
        claimant = next((c.claimant for c in group if c.claimant), None)
        origin = {"id": f"{_slug(claimant or 'unsourced')}@{first.doc}", "claimant": claimant,
                  "first_doc": first.doc}
        carriers = list(dict.fromkeys(c.doc for c in group))   # document order
        for c in group:
            c.origin = dict(origin)
            # the other documents carrying this origin's figure, then this one's aliases
            c.copies = [d for d in carriers if d != c.doc] + list(aliases.get(c.doc, []))
        hulls[root] = (min(wide[c.id][0] for c in group), max(wide[c.id][1] for c in group))
    _count_supporting(claims, wide, {c.id: find(c.id) for c in claims}, hulls)


def _union_runs(claims: list[RClaim], wide: dict[int, Interval], union: object) -> None:
    """Union every claim with the overlapping ones: a sweep by low bound joins each to
    the run whose furthest high bound it reaches (an empty interval meets nothing)."""
    ordered = sorted((c for c in claims if wide[c.id][0] <= wide[c.id][1]),
                     key=lambda c: wide[c.id][0])
    run_high = -float("inf")
    run_head: int | None = None
    for c in ordered:
        low, high = wide[c.id]
        if run_head is not None and low <= run_high:
            union(run_head, c.id)               # type: ignore[operator]
            run_high = max(run_high, high)
        else:
            run_head, run_high = c.id, high


def _count_supporting(claims: list[RClaim], wide: dict[int, Interval], root: dict[int, int],
                      hulls: dict[int, Interval]) -> None:
    """independent_origins: origins with a figure compatible with the claim's, its own
    included. An origin's figures are chained overlaps, so it meets an interval exactly
    when its hull does: count the hulls neither wholly above nor wholly below."""
    proper = [h for h in hulls.values() if h[0] <= h[1]]
    lows = sorted(h[0] for h in proper)
    highs = sorted(h[1] for h in proper)
    for c in claims:
        low, high = wide[c.id]
        if low > high:
            c.independent_origins = 1          # meets nothing, not even itself
            continue
        above = len(lows) - bisect_right(lows, high)
        below = bisect_left(highs, low)
        c.independent_origins = len(proper) - above - below


def _key(name: str | None) -> str | None:
    return name.strip().lower() if name else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"
