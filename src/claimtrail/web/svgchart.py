"""The timeline chart as a static SVG string, for the self-contained HTML export.

An exported dossier is meant to be emailed, so it carries no script at all: the chart is
drawn here, server-side, from the same rows as the app's Vega-Lite chart. Every piece of
text that reaches the SVG goes through ``html.escape``.
"""
from __future__ import annotations

import math
from datetime import date, datetime
from html import escape
from typing import Any

from claimtrail.web.chart import axis_title, chart_rows
from claimtrail.web.render import fmt_number

PALETTE = ("#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2",
           "#ff9da6", "#9d755d", "#bab0ac")     # Vega's tableau10, so both charts agree


def _day(text: str) -> float | None:
    """Days since year 1, with the hours of a mark spread off its true day."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.toordinal() + moment.hour / 24


def source_colours(rows: list[dict[str, Any]]) -> dict[str, str]:
    names = sorted({r["source"] for r in rows})
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def timeline_svg(variable: dict[str, Any], documents: dict[str, dict[str, Any]] | None = None,
                 *, width: int = 680, height: int = 260, panel: str | None = None) -> str:
    rows, top = chart_rows(variable, documents, panel)
    rows = [r for r in rows if _day(r["x"]) is not None]
    label = escape(str(variable.get("id", "")))
    if not rows:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
                f'width="{width}" height="40" aria-label="{label}: nothing to draw">'
                '<text x="8" y="24" font-size="13" fill="#666">No dated figures to draw.'
                '</text></svg>')
    colours = source_colours(rows)
    # The legend goes under the plot, one full source name a line: never truncated.
    legend_h = 16 * len(colours) + 8
    left, right, top_pad, bottom = 64, 16, 12, 40
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    height += legend_h
    days = [_day(r["x"]) or 0.0 for r in rows]
    d0, d1 = min(days), max(days)
    if d0 == d1:
        d0, d1 = d0 - 15, d1 + 15
    pad = max(1, (d1 - d0) // 20)
    d0, d1 = d0 - pad, d1 + pad

    def sx(day: float) -> float:
        return left + (day - d0) / (d1 - d0) * plot_w

    def sy(v: float) -> float:
        return top_pad + plot_h - (max(0.0, min(v, top)) / top) * plot_h

    step = nice_step(top / 6)
    count = max(1, math.ceil(top / step - 1e-9))
    top = step * count                  # >= the old top, so open bounds still reach it
    ticks = [step * i for i in range(count + 1)]
    percent = "%" if variable.get("share") else ""
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
            f'width="100%" style="max-width:{width}px" viewBox="0 0 {width} {height}" '
            f'aria-label="{label}: claims over time" font-family="system-ui, sans-serif" '
            'font-size="11">')]
    # Axes and gridlines.
    for v in ticks:
        y = sy(v)
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                   'stroke="#e6e6e6"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">'
                   f'{escape(fmt_number(v))}{percent}</text>')
    for day in sorted({round(d0 + (d1 - d0) * (i + 0.5) / 4) for i in range(4)}):
        x = sx(day)
        out.append(f'<text x="{x:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" '
                   f'fill="#555">{date.fromordinal(day).isoformat()}</text>')
    out.append(f'<text x="12" y="{top_pad + plot_h / 2:.1f}" fill="#555" '
               f'transform="rotate(-90 12 {top_pad + plot_h / 2:.1f})" text-anchor="middle">'
               f'{escape(axis_title(variable, panel))}</text>')
    out.append(f'<rect x="{left}" y="{top_pad}" width="{plot_w}" height="{plot_h}" '
               'fill="none" stroke="#ccc"/>')
    # Marks.
    for row, day in zip(rows, days):
        x, colour = sx(day), colours[row["source"]]
        opacity = "0.35" if row["copy"] == "copy" else "1"
        tip = escape(f'{row["source"]}: {row["value"]} as of {row["as_of"]} ({row["doc"]})')
        out.append(f'<a href="#claim-{int(row["claim"] or 0)}"><g class="mark" '
                   f'opacity="{opacity}"><title>{tip}</title>')
        y1, y2 = sy(row["y"]), sy(row["y2"])
        if row["shape"] == "range":
            out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y1:.1f}" y2="{y2:.1f}" '
                       f'stroke="{colour}" stroke-width="4" stroke-linecap="round"/>')
        elif row["shape"] == "point":
            out.append(f'<circle cx="{x:.1f}" cy="{y1:.1f}" r="5" fill="{colour}"/>')
        else:
            # Open bound: faded dashed bar towards the open side, arrowhead at the bound.
            out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y1:.1f}" y2="{y2:.1f}" '
                       f'stroke="{colour}" stroke-width="3" stroke-dasharray="5 4" '
                       'stroke-opacity="0.45"/>')
            d = -1 if row["shape"] == "up" else 1
            out.append(f'<path d="M{x - 6:.1f},{y1:.1f} L{x + 6:.1f},{y1:.1f} '
                       f'L{x:.1f},{y1 + 10 * d:.1f} Z" fill="{colour}"/>')
        out.append('</g></a>')
    # Legend: the sources drawn, in full.
    lx = left
    for i, (name, colour) in enumerate(colours.items()):
        y = top_pad + plot_h + bottom + 4 + i * 16
        out.append(f'<circle cx="{lx}" cy="{y}" r="5" fill="{colour}"/>'
                   f'<text x="{lx + 10}" y="{y + 4}" fill="#333">{escape(name)}</text>')
    out.append('</svg>')
    return "".join(out)


def nice_step(raw: float) -> float:
    """The 1-2-5 step at or above ``raw``: axes read 0, 2,000, 4,000, not 0, 3,450."""
    if raw <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude
