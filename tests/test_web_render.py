"""Escaping, links, highlight splitting, value wording and the chart rows/specs."""
from __future__ import annotations

import json
import re

from data.web.fixture_store import load_ledger

from claimtrail.web.chart import chart_rows, vega_lite_spec
from claimtrail.web.render import doc_path, fmt_value, highlight, http_url, safe_json
from claimtrail.web.svgchart import timeline_svg


def test_safe_json_cannot_close_a_script_element() -> None:
    data = {"s": "</script><script>alert(1)</script>", "amp": "a&b", "ls": "x\u2028y\u2029z"}
    text = safe_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == data


def test_http_url_refuses_everything_but_absolute_http() -> None:
    assert http_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert http_url("HTTP://example.org/") == "HTTP://example.org/"
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)",
                "data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.example/",
                "/relative", "http:///nohost", "java\tscript:alert(1)", "https://a\nb", None, ""):
        assert http_url(bad) is None, bad


def test_doc_path_quotes_ids_that_are_urls_or_hold_hashes() -> None:
    assert doc_path("feed.xml#3", 7) == "/documents/feed.xml%233?claim=7#claim-7"
    assert doc_path("https://x.org/a b") == "/documents/https%3A%2F%2Fx.org%2Fa%20b"


def test_highlight_uses_offsets_when_they_match() -> None:
    text = "First sentence. Officials said 500 soldiers died. Last one."
    claim = {"sentence": "Officials said 500 soldiers died.", "sentence_span": [16, 49],
             "span": [31, 43]}
    h = highlight(text, claim)
    assert h is not None and h.exact
    assert (h.before, h.lead, h.figure, h.tail, h.after) == (
        "First sentence. ", "Officials said ", "500 soldiers", " died.", " Last one.")


def test_highlight_falls_back_to_the_words_when_offsets_are_stale() -> None:
    text = "Intro. Officials said 500 soldiers died. End."
    claim = {"sentence": "Officials said 500 soldiers died.", "sentence_span": [0, 5],
             "span": [900, 910]}
    h = highlight(text, claim)
    assert h is not None and h.exact
    assert h.lead + h.figure + h.tail == claim["sentence"]
    assert h.before == "Intro. " and h.after == " End."
    assert highlight(text, {"sentence": "not there", "span": None}) is None


def test_fmt_value_reads_like_a_reporter_would() -> None:
    assert fmt_value({"low": 5000, "high": None, "qualifier": "at_least"}) == "at least 5,000"
    assert fmt_value({"low": None, "high": 300, "qualifier": "at_most"}) == "at most 300"
    assert fmt_value({"low": 10000, "high": 12000, "qualifier": "exact"}) == "10,000–12,000"
    assert fmt_value({"low": 30, "high": 30, "qualifier": "approx"}) == "about 30"
    assert fmt_value({"low": 2.5, "high": 2.5, "qualifier": "exact"}) == "2.5"
    assert fmt_value({"low": None, "high": None, "qualifier": "vague"}) == "unspecified (vague)"


def test_chart_rows_draw_each_kind_of_interval() -> None:
    var = {"id": "x/killed", "claims": [
        {"id": 1, "doc": "a", "as_of": "2025-01-01", "value": {"low": 5, "high": 5, "qualifier": "exact"}},
        {"id": 2, "doc": "a", "as_of": "2025-01-02", "value": {"low": 4, "high": 8, "qualifier": "exact"}},
        {"id": 3, "doc": "b", "as_of": "2025-01-03", "value": {"low": 10, "high": None, "qualifier": "at_least"},
         "origin": {"first_doc": "a"}},
        {"id": 4, "doc": "b", "as_of": "2025-01-04", "value": {"low": None, "high": 6, "qualifier": "at_most"}},
        {"id": 5, "doc": "b", "as_of": None, "value": {"low": 1, "high": 1, "qualifier": "exact"}},
        {"id": 6, "doc": "b", "as_of": "2025-01-05", "value": {"low": None, "high": None, "qualifier": "vague"}},
    ]}
    rows, top = chart_rows(var)
    assert top == 10 * 1.15
    by_id = {r["claim"]: r for r in rows}
    assert set(by_id) == {1, 2, 3, 4}          # undated and vague claims are table-only
    assert (by_id[1]["shape"], by_id[2]["shape"]) == ("point", "range")
    assert (by_id[3]["shape"], by_id[3]["y"], by_id[3]["y2"]) == ("up", 10, top)
    assert (by_id[4]["shape"], by_id[4]["y"], by_id[4]["y2"]) == ("down", 6, 0)
    assert by_id[3]["copy"] == "copy" and by_id[1]["copy"] == "original"
    assert rows_for_undated_use_published_date(var)


def rows_for_undated_use_published_date(var: dict) -> bool:
    rows, _ = chart_rows(var, {"b": {"published": "2025-02-01T10:00:00"}})
    return any(r["claim"] == 5 and r["as_of"] == "2025-02-01" for r in rows)


def test_vega_lite_spec_has_only_layers_with_data() -> None:
    ledger = load_ledger()
    spec = vega_lite_spec(ledger["variables"][1])          # casualties: points and open bounds
    marks = [(layer["mark"]["type"], layer["mark"].get("shape")) for layer in spec["layer"]]
    assert ("rule", None) in marks and ("point", "triangle-up") in marks
    assert ("point", "triangle-down") not in marks
    assert all(layer["encoding"]["color"]["field"] == "source" for layer in spec["layer"])


def test_svg_chart_escapes_hostile_source_names() -> None:
    ledger = load_ledger("ledger-xss.json")
    svg = timeline_svg(ledger["variables"][0])
    assert "&lt;b onmouseover=alert(4)&gt;Officials" in svg
    assert not re.search(r"<(script|img|b)\b", svg)
    assert svg.count('class="mark"') == 2


def test_flag_badges_link_only_to_listed_findings() -> None:
    from claimtrail.web.render import flag_badges

    badges = flag_badges(["conflict:3", "check:2", "derived", "conflict:99"], 4,
                         {"conflict-4-3", "check-4-2"})
    assert [b["anchor"] for b in badges] == ["conflict-4-3", "check-4-2", "", ""]
    assert [b["kind"] for b in badges] == ["conflict", "check", "derived", "conflict"]


def _claim(i: int, day: str, low: float | None, high: float | None, qualifier: str = "exact",
           **extra: object) -> dict:
    return {"id": i, "doc": f"d{i}", "as_of": day, "unit": "people",
            "value": {"low": low, "high": high, "qualifier": qualifier},
            "source": {"name": f"S{i}"}, **extra}


def test_increments_and_period_counts_have_their_own_panel() -> None:
    var = {"id": "x/personnel", "kind": "personnel", "claims": [
        _claim(1, "2025-01-01", 11000, 11000), _claim(2, "2025-02-01", 3000, 3000,
                                                       increment=True),
        _claim(3, "2025-02-02", 30, 30, period_count=True), _claim(4, "2025-03-01", 12000, 12000)]}
    levels, _ = chart_rows(var, panel="levels")
    flows, _ = chart_rows(var, panel="flows")
    assert [r["claim"] for r in levels] == [1, 4]
    assert [(r["claim"], r["flow"]) for r in flows] == [(2, "increment"), (3, "period count")]
    assert "added or in a period" in vega_lite_spec(var, panel="flows")["layer"][0][
        "encoding"]["y"]["title"]


def test_overplotted_marks_are_spread_and_repeated_mentions_drawn_once() -> None:
    var = {"id": "x/personnel", "kind": "personnel", "claims": [
        _claim(1, "2025-01-01", 11000, 11000), _claim(2, "2025-01-01", 11000, 11000),
        _claim(3, "2025-01-01", 11000, 11000, statement=1), _claim(9, "2025-03-01", 5, 5)]}
    rows, _ = chart_rows(var)
    assert [r["claim"] for r in rows] == [1, 2, 9]           # claim 3 is a mention of 1
    same = [r for r in rows if r["y"] == 11000]
    assert len({r["x"] for r in same}) == 2 and all(r["spread"] for r in same)
    assert all(r["as_of"] == "2025-01-01" for r in same)     # the tooltip keeps the date


def test_legends_only_for_what_is_drawn_and_shares_in_percent() -> None:
    var = {"id": "x/killed-share", "kind": "killed", "share": True, "unit": "share",
           "claims": [_claim(1, "2025-01-01", 0.33, 0.33, "approx", unit="share")]}
    spec = vega_lite_spec(var)
    enc = spec["layer"][0]["encoding"]
    assert enc["opacity"]["legend"] is None                  # no copies drawn: no copy legend
    assert enc["color"]["legend"]["labelLimit"] == 0         # source names never cut
    assert spec["data"]["values"][0]["y"] == 33.0 and spec["data"]["values"][0]["value"] == "about 33%"
    assert "%" in enc["y"]["title"]
    svg = timeline_svg(var)
    assert "%</text>" in svg                               # the axis reads in percent
    assert "S1" in svg and "…" not in svg


def test_values_read_as_words_with_units_and_shares() -> None:
    from claimtrail.reconcile.wording import rule_words, value_words

    assert value_words(5000, None, "at_least") == "at least 5,000"
    assert value_words(12000, 12000, "approx") == "about 12,000"
    assert value_words(0.6, None, "at_least", "share") == "at least 60%"
    assert value_words(30, 30, "approx", "km2/day") == "about 30 km²/day"
    assert "_" not in rule_words("casualties<=personnel")
    assert "<=" not in rule_words("casualties<=personnel")
