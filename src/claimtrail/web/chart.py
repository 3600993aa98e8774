"""A variable's timeline: one row per claim, drawn as an interval over as-of time.

``chart_rows`` turns a ledger variable into plain rows (shared by the Vega-Lite chart in
the app and the server-side SVG of the HTML export). Shapes:

- ``range``: a closed interval, a solid rule from low to high;
- ``point``: an exact or approximate single value, a dot;
- ``up`` / ``down``: an open bound ("over 5,000" / "at most 300"), a faded dashed rule
  running to the chart's edge with an arrowhead at the bound pointing the open way.
Copies (a claim whose origin was first published elsewhere) are drawn faint.
"""
from __future__ import annotations

from typing import Any

from claimtrail.web.render import as_of, doc_path, fmt_value

UNNAMED = "(no source named)"


def chart_rows(variable: dict[str, Any], documents: dict[str, dict[str, Any]] | None = None
               ) -> tuple[list[dict[str, Any]], float]:
    """Rows for the drawable claims and the top of the value axis."""
    documents = documents or {}
    values = [x for c in variable.get("claims", [])
              for x in ((c.get("value") or {}).get("low"), (c.get("value") or {}).get("high"))
              if isinstance(x, (int, float))]
    top = max(values) * 1.15 if values and max(values) > 0 else 1.0
    rows = []
    for claim in variable.get("claims", []):
        value = claim.get("value") or {}
        low, high = value.get("low"), value.get("high")
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
            "claim": claim.get("id"), "as_of": str(when)[:10], "source": source,
            "shape": shape, "y": y, "y2": y2, "value": fmt_value(value),
            "qualifier": value.get("qualifier"), "copy": "copy" if is_copy else "original",
            "copies": len(copies), "origins": claim.get("independent_origins"),
            "doc": claim.get("doc"), "quote": claim.get("quote") or "",
            "href": doc_path(claim.get("doc") or "", claim.get("id")),
        })
    return rows, top


def vega_lite_spec(variable: dict[str, Any], documents: dict[str, dict[str, Any]] | None = None,
                   *, width: int = 620, height: int = 220) -> dict[str, Any]:
    rows, top = chart_rows(variable, documents)
    unit = next((c.get("unit") for c in variable.get("claims", []) if c.get("unit")), None)
    y_title = f"{variable.get('kind', 'value')}" + (f" ({unit})" if unit else "")
    x = {"field": "as_of", "type": "temporal", "title": "as of",
         "scale": {"padding": 18}, "axis": {"format": "%Y-%m-%d", "labelAngle": -30}}
    color = {"field": "source", "type": "nominal", "title": "source",
             "scale": {"scheme": "tableau10"}}
    opacity = {"field": "copy", "type": "ordinal", "title": "copy",
               "scale": {"domain": ["original", "copy"], "range": [1.0, 0.35]}}
    tooltip = [{"field": "source", "title": "source"}, {"field": "value", "title": "value"},
               {"field": "as_of", "title": "as of", "type": "temporal", "format": "%Y-%m-%d"},
               {"field": "quote", "title": "quote"}, {"field": "doc", "title": "document"},
               {"field": "copy", "title": "copy"}, {"field": "origins", "title": "origins"}]
    y = {"field": "y", "type": "quantitative", "title": y_title,
         "scale": {"domain": [0, top], "nice": False}}

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
        "description": f"Claims about {variable.get('id', '')} over time",
        "width": width, "height": height,
        "data": {"values": rows},
        # Only layers with rows: an empty layer makes Vega warn of infinite extents.
        "layer": [spec for shapes, spec in layers if present & set(shapes)]
        or [layers[-1][1]],
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": "#ddd"}},
    }
