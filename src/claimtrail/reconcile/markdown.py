"""The ledger as Markdown: the story summary first (per variable the current best
figure, who holds it, the range across origins, what changed; then each conflict with
both sides), then per variable a table of statements with their sentences, conflicts,
checks and the reconciled estimate; the story-wide conflicts and checks at the end."""
from __future__ import annotations

from typing import Any

from claimtrail.reconcile.wording import FLAG_WORDS, claim_value_words, rule_words, value_words


def _n(x: Any) -> str:
    if x is None:
        return ""
    return f"{x:,}" if isinstance(x, int) else f"{x:,.4g}"


def value_text(value: dict[str, Any]) -> str:
    low, high, q = value.get("low"), value.get("high"), value.get("qualifier")
    if low is None and high is None:
        return "?"
    if high is None:
        return f"≥ {_n(low)}"
    if low is None:
        return f"≤ {_n(high)}"
    text = _n(low) if low == high else f"{_n(low)}–{_n(high)}"
    return f"~{text}" if q in ("approx", "vague") else text


def _cell(text: Any) -> str:
    return str(text or "").replace("|", "\\|").replace("\n", " ")


def render_markdown(ledger: dict[str, Any]) -> str:
    story = ledger["story"]
    span = f"{story.get('start') or '?'} – {story.get('end') or '?'}"
    lines = [f"# Story {story['id']}: {story.get('title') or '(untitled)'}", "",
             f"{story['size']} documents, {span}.", ""]
    for d in story["documents"]:
        extra = []
        if d.get("copy_of"):
            extra.append(f"copy of {d['copy_of']}")
        if d.get("origin"):
            extra.append(f"credits {d['origin']}")
        if d.get("aliases"):
            extra.append(f"also seen as {', '.join(d['aliases'])}")
        note = f"; {'; '.join(extra)}" if extra else ""
        lines.append(f"- `{d['id']}` ({d.get('published') or 'undated'}{note})"
                     + (f": {d['title']}" if d.get("title") else ""))
    lines.append("")
    lines += _summary(ledger)
    for var in ledger["variables"]:
        lines += _variable(var)
    lines.append("## Conflicts")
    lines.append("")
    lines += [f"- **#{c['id']}** ({c['variable']}, {c.get('kind', 'conflict')}): "
              f"{c.get('explanation') or c['reason']} — claims "
              f"{', '.join(map(str, c['claims']))}" for c in ledger["conflicts"]] or ["None."]
    lines.append("")
    lines.append("## Checks")
    lines.append("")
    for c in ledger["checks"]:
        mark = "ok" if c["ok"] else "**FAILS**"
        lines.append(f"- #{c['id']} {rule_words(c['rule'])} (`{c['rule']}`) {mark}: "
                     f"{c['detail']} — claims "
                     f"{', '.join(map(str, c['claims']))}")
    if not ledger["checks"]:
        lines.append("None.")
    lines.append("")
    return "\n".join(lines)


def _summary(ledger: dict[str, Any]) -> list[str]:
    summary = ledger.get("summary") or {}
    heads = summary.get("variables") or []
    if not heads:
        return []
    lines = ["## Summary", ""]
    for h in heads:
        lines.append(f"- {h['text']}")
        if h.get("range") and len(h.get("origins") or []) > 1:
            latest = "; ".join(f"{o['claimant'] or 'unnamed report'} {o['value']} "
                               f"({o['as_of']})" for o in h["origins"][:6] if o.get("current"))
            lines.append(f"  - latest figure of each current origin: {latest}")
    lines.append("")
    by_id = {c["id"]: c for c in ledger.get("conflicts") or []}
    flagged = [by_id[i] for i in summary.get("conflicts") or [] if i in by_id]
    lines += ["### Conflicts flagged", ""]
    for c in flagged:
        sides = " **vs** ".join(
            f"{', '.join(n or 'unnamed report' for n in s['claimants'])}: {s['value']}"
            f" (as of {s.get('as_of') or '?'}; claims {', '.join(map(str, s['claims']))})"
            for s in c.get("sides") or [])
        label = "possible rise" if c.get("kind") == "possible-rise" else c.get("kind", "")
        lines.append(f"- **#{c['id']} {label}** ({c['variable']}): {sides}")
        if c.get("explanation"):
            lines.append(f"  - {c['explanation']}")
    if not flagged:
        lines.append("None: no two independent origins give incompatible figures for the "
                     "same moment.")
    lines += ["", f"*Independent origins.* {summary.get('independent_origins', '')}", "",
              "*Flags.* " + " ".join(f"{FLAG_WORDS[k][:1].upper()}{FLAG_WORDS[k][1:]}."
                                     for k in ("superseded", "increment", "period",
                                               "derived")), ""]
    return lines


def _highlighted(c: dict[str, Any]) -> str:
    sentence = " ".join((c.get("sentence") or "").split())
    quote = c.get("quote") or ""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return sentence or (c.get("derived_from") or "")
    return f"{sentence[:at]}**{quote}**{sentence[at + len(quote):]}"


def _variable(var: dict[str, Any]) -> list[str]:
    unit = f" ({var['unit']})" if var.get("unit") and var["unit"] != "people" else ""
    trend = (var.get("timeline") or {}).get("trend", "")
    n = var.get("independent_origins", "")
    summary = (f"`{var['id']}` · trend: **{trend}** · independent origins: {n} · "
               f"statements: {var.get('n_statements', len(var['claims']))}")
    header = ("| # | as of | value | source | origin | agreeing origins | mentions | flags "
              "| sentence |")
    lines = [f"## {var['subject']} — {var['kind']}{unit}", "", summary, "", header,
             "|---|---|---|---|---|---|---|---|---|"]
    for c in var["claims"]:
        if c.get("statement", c["id"]) != c["id"]:
            continue                      # a repeated mention: on its statement's row
        source = (c.get("source") or {}).get("name") or "—"
        origin = (c.get("origin") or {}).get("id", "")
        mentions = c.get("mentions") or [c["id"]]
        lines.append("| " + " | ".join(_cell(x) for x in (
            c["id"], c.get("as_of"), claim_value_words(c), source, origin,
            f"{c.get('independent_origins')} of {n}", len(mentions) if len(mentions) == 1
            else f"{len(mentions)} (claims {', '.join(map(str, mentions))})",
            ", ".join(c.get("flags") or []), _highlighted(c))) + " |")
    lines.append("")
    for x in var.get("conflicts") or []:
        lines.append(f"- conflict #{x['id']}: {x.get('explanation') or x['reason']}")
    for x in var.get("checks") or []:
        if not x["ok"]:
            lines.append(f"- failed check #{x['id']} ({rule_words(x['rule'])}): {x['detail']}")
    for e in var.get("estimate") or []:
        period = e["period"]
        when = period["start"] if period["start"] == period["end"] else \
            f"{period['start']} – {period['end']}"
        value = value_words(e["low"], e["high"], e["qualifier"], var.get("unit"))
        if e.get("agreed"):
            lines.append(f"- estimate {when}: **{value}**, from {e['origins']} independent "
                         f"origin{'s' if e['origins'] != 1 else ''}, all agreeing (claims "
                         f"{', '.join(map(str, e['supporting']))})")
        else:
            lines.append(f"- estimate {when}: **{value}** (disagreement; the largest agreeing "
                         f"group, {e['origins']} of {_reporting(var, e)} origins: claims "
                         f"{', '.join(map(str, e['supporting']))}; disagreeing: "
                         f"{', '.join(map(str, e['disagreeing']))})")
        if e.get("superseded"):
            lines.append(f"  - superseded (older, lower counts of the running total): claims "
                         f"{', '.join(map(str, e['superseded']))}")
    lines.append("")
    return lines


def _reporting(var: dict[str, Any], estimate: dict[str, Any]) -> int:
    """How many independent origins gave a figure in an estimate's period."""
    ids = set(estimate.get("supporting") or []) | set(estimate.get("disagreeing") or [])
    return len({(c.get("origin") or {}).get("id") for c in var["claims"] if c["id"] in ids})
