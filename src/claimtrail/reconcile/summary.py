"""The story summary that leads the dossier, the Markdown ledger and the export.

Per variable, in the ledger's own terms:

- ``current``: the best interval now (the latest period's estimate; when its origins
  disagree, the largest agreeing group's figure) and who holds it, as of when;
- ``origins``: the latest figure of each independent origin, newest first, and
  ``range``, the span of those still current (within ``CURRENT_DAYS`` of the newest);
- ``change``: what moved since the previous period's estimate;
- ``conflicts``: the conflict ids, each described in words by ``reconcile.explain``.

Also here: repeated mentions of one statement in one article (same figure, same origin)
become one statement with several mentions (``statement``, ``mentions``), and a running
total's overtaken counts get the flag ``superseded``.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from claimtrail.reconcile.claims import day_of
from claimtrail.reconcile.wording import claim_value_words, value_words, variable_label, who

CURRENT_DAYS = 30        # an origin's latest figure this close to the newest is current
ORIGINS_LISTED = 12      # latest figures per variable in the summary (the JSON has all)

INDEPENDENT_ORIGINS = (
    "An independent origin is one claimant's first report of a figure. Copies of that "
    "report in other articles, and the same claimant repeating a compatible figure, count "
    "once; an unattributed figure joins the origin of the report it was copied from. "
    "“N independent origins” is how many distinct origins a variable's figures come from.")


def mark_mentions(claims: list[dict[str, Any]]) -> int:
    """Group a variable's claims that are one statement repeated in one article: same
    document, same interval, same origin, same flow/period/derived status. Each claim
    gets ``statement`` (the id of the mention shown) and ``mentions`` (all the ids, in
    article order). Returns how many statements there are."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        value = c.get("value") or {}
        key = (c.get("doc"), value.get("low"), value.get("high"), value.get("qualifier"),
               (c.get("origin") or {}).get("id"), bool(c.get("increment")),
               bool(c.get("period_count")), bool(c.get("derived")))
        groups[key].append(c)
    for members in groups.values():
        members.sort(key=lambda c: ((c.get("span") or [0])[0], c.get("id") or 0))
        shown = next((c for c in members if c.get("source")), members[0])
        ids = [c["id"] for c in members]
        for c in members:
            c["statement"] = shown["id"]
            c["mentions"] = ids
    return len(groups)


def mark_superseded(var: dict[str, Any]) -> None:
    for e in var.get("estimate") or []:
        old = set(e.get("superseded") or [])
        for c in var.get("claims", []):
            if c.get("id") in old and "superseded" not in c["flags"]:
                c["flags"].append("superseded")


def _level(c: dict[str, Any]) -> bool:
    value = c.get("value") or {}
    return not c.get("increment") and not c.get("period_count") \
        and (value.get("low") is not None or value.get("high") is not None)


def _figure(c: dict[str, Any]) -> dict[str, Any]:
    value = c.get("value") or {}
    return {"claim": c.get("id"), "origin": (c.get("origin") or {}).get("id"),
            "claimant": (c.get("origin") or {}).get("claimant")
            or (c.get("source") or {}).get("name"),
            "value": claim_value_words(c), "low": value.get("low"),
            "high": value.get("high"), "qualifier": value.get("qualifier"),
            "as_of": c.get("as_of"), "derived": bool(c.get("derived"))}


def latest_by_origin(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each origin's latest level figure (a stated one over the ledger's own arithmetic),
    newest first."""
    stated: dict[str, dict[str, Any]] = {}
    worked_out: dict[str, dict[str, Any]] = {}
    for c in claims:                               # timeline order: the later wins
        if _level(c):
            oid = str((c.get("origin") or {}).get("id") or f"claim-{c.get('id')}")
            (worked_out if c.get("derived") else stated)[oid] = c
    best = {**worked_out, **stated}
    return sorted((_figure(c) for c in best.values()),
                  key=lambda f: (f["as_of"] or "", f["claim"] or 0), reverse=True)


def _interval(figures: list[dict[str, Any]]) -> tuple[Any, Any]:
    lows = [f["low"] for f in figures if f["low"] is not None]
    highs = [f["high"] for f in figures if f["high"] is not None]
    low = min(lows) if lows else None
    high = None if any(f["high"] is None for f in figures) else (max(highs) if highs else None)
    return low, high


def _point(low: Any, high: Any) -> float:
    return float(low if low is not None else high if high is not None else 0)


def variable_headline(var: dict[str, Any], conflicts: list[dict[str, Any]]
                      ) -> dict[str, Any]:
    claims = var.get("claims", [])
    by_id = {c.get("id"): c for c in claims}
    unit = var.get("unit")
    estimates = var.get("estimate") or []
    out: dict[str, Any] = {"variable": var.get("id"), "label": variable_label(var),
                           "current": None, "origins": [], "range": None, "change": None,
                           "conflicts": [x["id"] for x in conflicts],
                           "n_statements": var.get("n_statements", len(claims))}
    if estimates:
        latest = estimates[-1]
        support = [by_id[i] for i in latest.get("supporting") or [] if i in by_id]
        if latest.get("agreed"):
            low, high, q = latest.get("low"), latest.get("high"), latest.get("qualifier")
        else:
            figures = [_figure(c) for c in support if not c.get("derived")] or \
                [_figure(c) for c in support]
            low, high = _interval(figures) if figures else (None, None)
            q = figures[0]["qualifier"] if len({(f["low"], f["high"]) for f in figures}) == 1 \
                else ("at_least" if high is None else "approx")
        holders = sorted({(c.get("origin") or {}).get("claimant") or
                          (c.get("source") or {}).get("name") or "" for c in support})
        period = latest.get("period") or {}
        out["current"] = {"low": low, "high": high, "qualifier": q,
                          "value": value_words(low, high, q, unit),
                          "holders": [h or None for h in holders],
                          "as_of": period.get("end"), "agreed": bool(latest.get("agreed")),
                          "origins": latest.get("origins"), "claims": [c["id"] for c in support]}
        if len(estimates) > 1:
            prev = estimates[-2]
            was, now = _point(prev.get("low"), prev.get("high")), _point(low, high)
            word = "up from" if now > was else "down from" if now < was else "unchanged from"
            before = value_words(prev.get("low"), prev.get("high"), prev.get("qualifier"), unit)
            when = (prev.get("period") or {}).get("end")
            out["change"] = {"direction": word.split()[0], "previous": before,
                             "previous_as_of": when,
                             "text": f"{word} {before} as of {when}"}
    figures = latest_by_origin(claims)
    out["origins"] = figures
    newest = day_of(figures[0]["as_of"]) if figures else None
    current = [f for f in figures if newest is None or day_of(f["as_of"]) is None
               or (newest - (day_of(f["as_of"]) or newest)).days <= CURRENT_DAYS]
    for f in figures:
        f["current"] = f in current
    if len({(f["low"], f["high"], f["qualifier"]) for f in current}) > 1:
        low_f = min(current, key=lambda f: _point(f["low"], f["high"]))
        high_f = max(current, key=lambda f: (_point(f["high"], f["low"])
                                             if f["high"] is not None else float("inf")))
        low, high = _interval(current)
        out["range"] = {"low": low, "high": high, "origins": len(current),
                        "text": f"{low_f['value']} ({who(low_f['claimant'])}) to "
                                f"{high_f['value']} ({who(high_f['claimant'])})"}
    out["text"] = headline_text(out)
    return out


def headline_text(h: dict[str, Any]) -> str:
    """The headline as one plain sentence (the Markdown and plain-text readers)."""
    cur = h.get("current")
    if cur is None:
        return f"{h['label']}: no figure to estimate."
    holders = [who(n) for n in cur.get("holders") or [None]]
    shown = ", ".join(holders[:3]) + (f" and {len(holders) - 3} more" if len(holders) > 3 else "")
    text = f"{h['label']}: {cur['value']} according to {shown}, as of {cur.get('as_of') or '?'}"
    if h.get("range"):
        text += f"; current figures range from {h['range']['text']}"
    if h.get("change"):
        text += f"; {h['change']['text']}"
    if h.get("conflicts"):
        n = len(h["conflicts"])
        text += f"; {n} conflict{'s' if n != 1 else ''} flagged"
    return text + "."


def story_summary(variables: list[dict[str, Any]], conflicts: list[dict[str, Any]]
                  ) -> dict[str, Any]:
    by_var: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for x in conflicts:
        by_var[str(x.get("variable"))].append(x)
    heads = [variable_headline(v, by_var.get(str(v.get("id")), [])) for v in variables]
    return {"variables": heads, "conflicts": [x["id"] for x in conflicts],
            "independent_origins": INDEPENDENT_ORIGINS}
