"""The pairwise origin rules: the test oracle for ``claimtrail.reconcile.origins``, which
gives the same result by sorting instead of comparing every pair.

A claim's origin is its claimant (the canonical source; for an unsourced claim, the
earliest document carrying it) together with the earliest document carrying it, by
published date, then ingest order. Within one variable:

* claims by the same claimant with compatible figures are one origin, in whatever
  documents they appear (the UK Ministry of Defence's "over 5,000" reported by three
  outlets is one origin, not three);
* an unsourced claim is one origin with compatible figures in documents of its copy
  group (re-crawls, syndicated copies, rewrites of one report), and joins a sourced
  origin whose figure a document of its copy group carries;
* otherwise an unsourced claim is its own document's origin.

Corroboration (``independent_origins``) counts the distinct origins whose figures are
compatible with a claim's, its own included.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Protocol


class OriginClaim(Protocol):
    id: int
    doc: str
    doc_order: int
    variable: str
    origin: dict[str, object]
    copies: list[str]
    independent_origins: int

    @property
    def claimant(self) -> str | None: ...


def assign_origins(claims: list[OriginClaim], copy_root: dict[str, str],
                   compatible: CompatibleFn, aliases: dict[str, list[str]] | None = None
                   ) -> None:
    """Set ``origin``, ``copies`` and ``independent_origins`` on every claim.

    ``copy_root`` maps a document to the earliest document of its copy group;
    ``compatible(a, b)`` says whether two figures can be the same figure."""
    aliases = aliases or {}
    by_variable: dict[str, list[OriginClaim]] = defaultdict(list)
    for c in claims:
        by_variable[c.variable].append(c)
    for group in by_variable.values():
        _assign_in_variable(group, copy_root, compatible, aliases)


class CompatibleFn(Protocol):
    def __call__(self, a: OriginClaim, b: OriginClaim, /) -> bool: ...


def _assign_in_variable(claims: list[OriginClaim], copy_root: dict[str, str],
                        compatible: CompatibleFn, aliases: dict[str, list[str]]) -> None:
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

    def same_group(a: OriginClaim, b: OriginClaim) -> bool:
        return copy_root.get(a.doc, a.doc) == copy_root.get(b.doc, b.doc)

    sourced = [c for c in claims if c.claimant]
    unsourced = [c for c in claims if not c.claimant]
    for i, a in enumerate(sourced):
        for b in sourced[i + 1:]:
            if claimant_of[a.id] == claimant_of[b.id] and compatible(a, b):
                union(a.id, b.id)
    for u in unsourced:
        # an unsourced figure echoing a sourced one of its own copy group is that origin
        # (the same document first)
        echoed = [s for s in sourced if same_group(u, s) and compatible(u, s)]
        if echoed:
            best = min(echoed, key=lambda s: (s.doc != u.doc, s.doc_order, s.id))
            union(best.id, u.id)
    for i, a in enumerate(unsourced):
        for b in unsourced[i + 1:]:
            if same_group(a, b) and compatible(a, b):
                union(a.id, b.id)
    members: dict[int, list[OriginClaim]] = defaultdict(list)
    for c in claims:
        members[find(c.id)].append(c)
    for group in members.values():
        first = min(group, key=lambda c: (c.doc_order, c.id))
        claimant = next((c.claimant for c in sorted(group, key=lambda c: (c.doc_order, c.id))
                         if c.claimant), None)
        origin = {"id": f"{_slug(claimant or 'unsourced')}@{first.doc}", "claimant": claimant,
                  "first_doc": first.doc}
        carriers = sorted({c.doc for c in group}, key=lambda d: min(
            c.doc_order for c in group if c.doc == d))
        for c in group:
            c.origin = dict(origin)
            # the other documents carrying this origin's figure, then this one's aliases
            c.copies = [d for d in carriers if d != c.doc] + list(aliases.get(c.doc, []))
    for c in claims:
        supporting = {find(o.id) for o in claims if o is c or compatible(c, o)}
        c.independent_origins = len(supporting)


def _key(name: str | None) -> str | None:
    return name.strip().lower() if name else None


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"
