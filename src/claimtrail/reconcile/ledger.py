"""The story ledger (docs/ledger.md): every claim of a story, grouped into variables,
with origins, timelines, conflicts, checks and reconciled estimates."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from claimtrail.reconcile.checks import Check, run_checks
from claimtrail.reconcile.claims import (
    CUMULATIVE_KINDS,
    PEOPLE_KINDS,
    RClaim,
    compatible,
    load_claims,
)
from claimtrail.reconcile.conflicts import Conflict, find_conflicts
from claimtrail.reconcile.estimate import estimate
from claimtrail.reconcile.origins import assign_origins
from claimtrail.reconcile.summary import mark_mentions, mark_superseded, story_summary
from claimtrail.reconcile.timeline import build_timeline
from claimtrail.reconcile.variables import assign_variables, link_stored_derivations, resolve_shares
from claimtrail.store import stories as store
from claimtrail.store.connection import Connection
from claimtrail.stories.copies import aliases_of, copy_groups

_KIND_ORDER = {k: i for i, k in enumerate(
    ("personnel", "casualties", "killed", "wounded", "missing", "captured", "territory",
     "weapons", "other"))}


def same_figure(a: RClaim, b: RClaim) -> bool:
    """Could two claims of one variable be the same figure? (Added amounts only match
    added amounts, a period's counts only a period's counts.)"""
    return a.increment == b.increment and a.is_share == b.is_share \
        and a.period_count == b.period_count and compatible(a, b)


def build_ledger(conn: Connection, story_id: int) -> dict[str, Any]:
    row = store.get_story(conn, story_id)
    doc_ids = store.story_documents(conn, story_id)
    docs = store.load_documents(conn, doc_ids)
    copy_root = copy_groups(conn, doc_ids)
    aliases = aliases_of(conn, doc_ids)

    claims = load_claims(conn, [d.id for d in docs])
    assign_variables(claims)
    link_stored_derivations(claims)
    derived = resolve_shares(claims)
    claims += derived
    assign_variables(claims)
    # the origin rules of docs/stories.md, by sorting instead of comparing all pairs
    assign_origins(claims, copy_root, aliases)

    by_variable: dict[str, list[RClaim]] = defaultdict(list)
    for c in claims:
        by_variable[c.variable].append(c)

    conflicts: list[Conflict] = []
    variables = []
    for var_id, group in sorted(by_variable.items(), key=lambda kv: _variable_rank(kv[1])):
        found = find_conflicts(group, var_id, len(conflicts) + 1)
        conflicts += found
        timeline = build_timeline(group, found)
        variables.append((var_id, group, found, timeline))
    checks = run_checks(claims, 1)
    _flag(claims, conflicts, checks)

    claim_var = {c.id: c.variable for c in claims}
    check_dicts: list[dict[str, Any]] = [
        x.to_dict() | {"variables": sorted({claim_var[i] for i in x.claims if i in claim_var})}
        for x in checks]
    checks_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for check in check_dicts:
        for var_id in check["variables"]:
            checks_of[var_id].append(check)
    out_vars = []
    for var_id, group, found, timeline in variables:
        first = group[0]
        position = {cid: k for k, cid in enumerate(timeline.points)}
        conflicts_of: dict[int, set[int]] = defaultdict(set)
        for x in found:
            for i in x.claims:
                conflicts_of[i].add(x.id)
        out_vars.append({
            "id": var_id, "subject": first.variable_subject, "kind": first.kind,
            "actor": first.actor if first.variable_subject.endswith(" troops") else None,
            "unit": first.unit, "share": first.is_share,
            "cumulative": first.kind in CUMULATIVE_KINDS and not first.is_share,
            "claims": [c.to_ledger() for c in sorted(group, key=lambda c: position[c.id])],
            "timeline": timeline.to_dict(),
            "conflicts": [x.to_dict() for x in found],
            "checks": checks_of.get(var_id, []),
            "estimate": estimate(group, conflicts_of),
            "independent_origins": len({c.origin.get("id") for c in group}),
        })
        out_vars[-1]["n_statements"] = mark_mentions(out_vars[-1]["claims"])
        mark_superseded(out_vars[-1])
    conflict_dicts = [x.to_dict() for x in conflicts]
    copy_of = {d: root for d, root in copy_root.items() if root != d}
    days = [d.published[:10] for d in docs if d.published]
    return {
        "story": {
            "id": int(row["id"]), "title": row["title"], "title_source": row["title_source"],
            "size": len(docs), "start": min(days) if days else None,
            "end": max(days) if days else None,
            "documents": [{"id": d.id, "title": d.title, "outlet": d.outlet,
                           "published": d.published, "origin": d.origin,
                           "copy_of": copy_of.get(d.id), "aliases": aliases.get(d.id, [])}
                          for d in docs],
        },
        "summary": story_summary(out_vars, conflict_dicts),
        "variables": out_vars,
        "conflicts": conflict_dicts,
        "checks": check_dicts,
    }


def _variable_rank(group: list[RClaim]) -> tuple[int, int, int, str]:
    """People counts first (personnel, then losses), the biggest variables first."""
    first = group[0]
    people = 0 if first.kind in PEOPLE_KINDS and not first.is_share else 1
    return (people, _KIND_ORDER.get(first.kind, 99), -len(group), first.variable)


def _flag(claims: list[RClaim], conflicts: list[Conflict], checks: list[Check]) -> None:
    by_id = {c.id: c for c in claims}
    for x in conflicts:
        for i in x.claims:
            by_id[i].flags.append(f"conflict:{x.id}")
    for ch in checks:
        if not ch.ok:
            for i in ch.claims:
                by_id[i].flags.append(f"check:{ch.id}")
    for c in claims:
        if c.increment:
            c.flags.append("increment")
        if c.period_count:
            c.flags.append("period")
        if c.derived:
            c.flags.append("derived")
        c.flags = sorted(set(c.flags), key=c.flags.index)
