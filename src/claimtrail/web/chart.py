"""A variable's timeline: one row per claim, drawn as an interval over as-of time.

``chart_rows`` turns a ledger variable into plain rows (shared by the Vega-Lite chart in
the app and the server-side SVG of the HTML export). Shapes:

- ``range``: a closed interval, a solid rule from low to high;
- ``point``: an exact or approximate single value, a dot;
- ``up`` / ``down``: an open bound ("over 5,000" / "at most 300"), a faded dashed rule
  running to the chart's edge with an arrowhead at the bound pointing the open way.
Copies (a claim whose origin was first published elsewhere) are drawn faint.

Panels: ``levels`` (totals, the forces' size) and ``flows`` (increments, "3,000 added
troops", and counts for a bounded period, "30 over the weekend"), so an added contingent
is never drawn on the totals axis as if the force collapsed. One statement repeated in
an article is one mark. Marks that would sit on one another (same day, same figure) are
spread sideways by a few hours to a few days, so every source stays visible; the
tooltip keeps the true date. Shares are drawn as percentages.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from claimtrail.reconcile.wording import claim_value_words, unit_words
from claimtrail.web.render import as_of, doc_path

UNNAMED = "(no source named)"
PANELS = ("levels", "flows")


def in_panel(claim: dict[str, Any], panel: str | None) -> bool:
    flow = bool(claim.get("increment") or claim.get("period_count"))
    return panel is None or (panel == "flows") == flow


def statements(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One claim per statement (repeated mentions in one article are one mark/row)."""
    return [c for c in claims if c.get("statement", c.get("id")) == c.get("id")]


def axis_title(variable: dict[str, Any], panel: str | None = None) -> str:
    kind = str(variable.get("kind") or "value")
    if variable.get("share"):
        return f"{kind} (% share)"
    words = unit_words(variable.get("unit"))
    title = f"{kind} ({words})" if words else kind
    return title + (" added or in a period" if panel == "flows" else "")


def _spread(rows: list[dict[str, Any]]) -> None:
    """Give overplotted marks (same day, same figure) their own x a little apart."""
    days = sorted({r["as_of"] for r in rows})
    if not days:
        return
    first, last = (datetime.fromisoformat(days[0]), datetime.fromisoformat(days[-1]))
    step = max(timedelta(hours=10), (last - first) / 80)
    same: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        same[(r["as_of"], r["y"], r["shape"])].append(r)
    for group in same.values():
        for k, r in enumerate(group):
            shift = (k - (len(group) - 1) / 2) * step
            r["x"] = (datetime.fromisoformat(r["as_of"]) + shift).isoformat(timespec="minutes")
            r["spread"] = len(group) > 1


def chart_rows(variable: dict[str, Any], documents: dict[str, dict[str, Any]] | None = None,
               panel: str | None = None) -> tuple[list[dict[str, Any]], float]:
    """Rows for the drawable statements of ``panel`` (all when None) and the top of the
    value axis."""
    documents = documents or {}
    scale = 100.0 if variable.get("share") else 1.0
    claims = [c for c in statements(variable.get("claims", [])) if in_panel(c, panel)]
    values = [x * scale for c in claims
              for x in ((c.get("value") or {}).get("low"), (c.get("value") or {}).get("high"))
              if isinstance(x, (int, float))]
    top = max(values) * 1.15 if values and max(values) > 0 else 1.0
    rows = []
    for claim in claims:
        value = claim.get("value") or {}
        low, high = value.get("low"), value.get("high")
        low = None if low is None else low * scale
        high = None if high is None else high * scale
        when = as_of(claim) or (documents.get(claim.get("doc")) or {}).get("published")
        if when is None or (low is None and high is None):
            continue          # listed in the ledger table; nothing to place on the chart
        if low is not None and high is not None:
            shape, y, y2 = ("point", low, low) if low == high else ("range", low, high)
        elif high is None:
            shape, y, y2 = "up", low, top
        else:
            shape, y, y2 = "down", high, 0
        source = (claim.get("source") or {}).get("name") or UNNAMED
        copies = claim.get("copies") or []
        origin = claim.get("origin") or {}
        is_copy = bool(origin.get("first_doc") and origin.get("first_doc") != claim.get("doc"))
        rows.append({
            "claim": claim.get("id"), "as_of": str(when)[:10], "x": str(when)[:10],
            "source": source, "spread": False,
            "shape": shape, "y": y, "y2": y2, "value": claim_value_words(claim),
            "qualifier": value.get("qualifier"), "copy": "copy" if is_copy else "original",
            "copies": len(copies), "origins": claim.get("independent_origins"),
            "doc": claim.get("doc"), "quote": claim.get("quote") or "",
            "href": doc_path(claim.get("doc") or "", claim.get("id")),
            "flow": "increment" if claim.get("increment") else
                    "period count" if claim.get("period_count") else "",
        })
    _spread(rows)
    return rows, top


def vega_lite_spec(variable: dict[str, Any], documents: dict[str, dict[str, Any]] | None = None,
                   *, width: int | str = "container", height: int = 220,
                   panel: str | None = None) -> dict[str, Any]:
    rows, top = chart_rows(variable, documents, panel)
    x = {"field": "x", "type": "temporal", "title": "as of",
         "scale": {"padding": 18}, "axis": {"format": "%Y-%m-%d", "labelAngle": -30,
                                            "tickCount": 5}}
    # Legends only for what is drawn: every source drawn, named in full; the copy
    # legend only when a copy is drawn.
    color = {"field": "source", "type": "nominal", "title": "source",
             "scale": {"scheme": "tableau10"},
             "legend": {"orient": "bottom", "columns": 1, "labelLimit": 0,
                        "symbolLimit": 0, "title": "source"}}
    has_copy = any(r["copy"] == "copy" for r in rows)
    opacity = {"field": "copy", "type": "ordinal", "title": "copy",
               "scale": {"domain": ["original", "copy"], "range": [1.0, 0.35]},
               "legend": {"orient": "bottom"} if has_copy else None}
    tooltip = [{"field": "source", "title": "source"}, {"field": "value", "title": "value"},
               {"field": "as_of", "title": "as of", "type": "temporal", "format": "%Y-%m-%d"},
               {"field": "quote", "title": "quote"}, {"field": "doc", "title": "document"},
               {"field": "copy", "title": "copy"}, {"field": "origins", "title": "origins"}]
    if panel == "flows":
        tooltip.append({"field": "flow", "title": "what it counts"})
    y_title = axis_title(variable, panel)
    y = {"field": "y", "type": "quantitative", "title": y_title,
         "scale": {"domain": [0, top], "nice": False}}
    if variable.get("share"):
        y["axis"] = {"format": ".0f", "labelExpr": "datum.label + '%'"}

    def layer(shapes: list[str], mark: dict[str, Any], *, with_y2: bool,
              extra: dict[str, Any] | None = None) -> dict[str, Any]:
        encoding: dict[str, Any] = {"x": x, "y": y, "color": color, "opacity": opacity,
                                    "tooltip": tooltip, "href": {"field": "href"}}
        if with_y2:
            encoding["y2"] = {"field": "y2"}
        encoding.update(extra or {})
        return {"transform": [{"filter": {"field": "shape", "oneOf": shapes}}],
                "mark": mark, "encoding": encoding}

    layers = [
        (["range"], layer(["range"], {"type": "rule", "strokeWidth": 4, "strokeCap": "round"},
                          with_y2=True)),
        # Open bounds fade out: dashed and faint, so they read as "and beyond".
        (["up", "down"], layer(["up", "down"], {"type": "rule", "strokeWidth": 3,
                                                "strokeDash": [5, 4], "strokeOpacity": 0.45},
                               with_y2=True)),
        (["up"], layer(["up"], {"type": "point", "shape": "triangle-up", "filled": True,
                                "size": 140}, with_y2=False)),
        (["down"], layer(["down"], {"type": "point", "shape": "triangle-down", "filled": True,
                                    "size": 140}, with_y2=False)),
        (["point"], layer(["point"], {"type": "point", "shape": "circle", "filled": True,
                                      "size": 90}, with_y2=False)),
    ]
    present = {r["shape"] for r in rows}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"Claims about {variable.get('id', '')} over time"
                       + (" (increments and period counts)" if panel == "flows" else ""),
        "width": width, "height": height,
        "data": {"values": rows},
        # Only layers with rows: an empty layer makes Vega warn of infinite extents.
        "layer": [spec for shapes, spec in layers if present & set(shapes)]
        or [layers[-1][1]],
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": "#ddd"}},
    }
