"""The ledger as Markdown: per variable a timeline table, then conflicts, checks and the
reconciled estimate; the story-wide conflicts and failed checks at the end."""
from __future__ import annotations

from typing import Any


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
    for var in ledger["variables"]:
        lines += _variable(var)
    lines.append("## Conflicts")
    lines.append("")
    lines += [f"- **#{c['id']}** ({c['variable']}): {c['reason']} — claims "
              f"{', '.join(map(str, c['claims']))}" for c in ledger["conflicts"]] or ["None."]
    lines.append("")
    lines.append("## Checks")
    lines.append("")
    for c in ledger["checks"]:
        mark = "ok" if c["ok"] else "**FAILS**"
        lines.append(f"- #{c['id']} `{c['rule']}` {mark}: {c['detail']} — claims "
                     f"{', '.join(map(str, c['claims']))}")
    if not ledger["checks"]:
        lines.append("None.")
    lines.append("")
    return "\n".join(lines)


def _variable(var: dict[str, Any]) -> list[str]:
    unit = f" ({var['unit']})" if var.get("unit") and var["unit"] != "people" else ""
    trend = (var.get("timeline") or {}).get("trend", "")
    summary = (f"`{var['id']}` · trend: **{trend}** · independent origins: "
               f"{var.get('independent_origins', '')}")
    header = ("| # | as of | value | qualifier | source | origin | corroborated by | document "
              "| flags | quote |")
    lines = [f"## {var['subject']} — {var['kind']}{unit}", "", summary, "", header,
             "|---|---|---|---|---|---|---|---|---|---|"]
    for c in var["claims"]:
        source = (c.get("source") or {}).get("name") or "—"
        origin = (c.get("origin") or {}).get("id", "")
        quote = c.get("quote") or c.get("derived_from") or ""
        lines.append("| " + " | ".join(_cell(x) for x in (
            c["id"], c.get("as_of"), value_text(c["value"]), c["value"].get("qualifier"),
            source, origin, c.get("independent_origins"), c["doc"],
            ", ".join(c.get("flags") or []), quote)) + " |")
    lines.append("")
    for x in var.get("conflicts") or []:
        lines.append(f"- conflict #{x['id']}: {x['reason']}")
    for x in var.get("checks") or []:
        if not x["ok"]:
            lines.append(f"- failed check #{x['id']} `{x['rule']}`: {x['detail']}")
    for e in var.get("estimate") or []:
        period = e["period"]
        when = period["start"] if period["start"] == period["end"] else \
            f"{period['start']} – {period['end']}"
        value = value_text({"low": e["low"], "high": e["high"], "qualifier": e["qualifier"]})
        if e.get("agreed"):
            lines.append(f"- estimate {when}: **{value}**, {e['origins']} independent "
                         f"origin(s) agree (claims {', '.join(map(str, e['supporting']))})")
        else:
            lines.append(f"- estimate {when}: **{value}** (disagreement; the largest agreeing "
                         f"group, {e['origins']} origin(s): claims "
                         f"{', '.join(map(str, e['supporting']))}; disagreeing: "
                         f"{', '.join(map(str, e['disagreeing']))})")
    lines.append("")
    return lines
