"""Exports: CSV and Parquet rows per claim, the JSON ledger, and a self-contained HTML file."""
from __future__ import annotations

import csv
import io
import json
import re

import pyarrow.parquet as pq
import pytest
from data.web.fixture_store import XSS_TEXT, load_ledger
from test_web_pages import assert_anchors

from claimtrail.errors import BadInput, NotFound
from claimtrail.export import COLUMNS, claim_rows, export_bytes, export_story
from claimtrail.store.db import connect

pytest_plugins = ["data.web.plugin"]   # web_store, web_app, client


@pytest.fixture
def conn(web_store):
    path, _ = web_store
    c = connect(path)
    yield c
    c.close()


def test_claim_rows_flatten_the_contract_plus_variable_origin_and_flags() -> None:
    rows = claim_rows(load_ledger(), {"002_7c1b3e37c3792be6.txt": {"title": "T"}})
    assert len(rows) == 12 and all(set(r) == set(COLUMNS) for r in rows)
    r7 = next(r for r in rows if r["claim_id"] == 7)
    assert (r7["variable"], r7["value_low"], r7["value_high"], r7["qualifier"]) == (
        "north-korean-troops/casualties", 5000, None, "at_least")
    assert r7["origin_id"] == "uk-ministry-of-defence@002_7c1b3e37c3792be6.txt"
    assert r7["flags"] == ["conflict:1", "check:1"] and r7["doc_title"] == "T"
    assert (r7["span_start"], r7["span_end"]) == tuple(load_ledger()["variables"][1]["claims"][1]["span"])


def test_csv_has_one_row_per_claim_and_defuses_formulas(conn) -> None:
    ledger = load_ledger()
    ledger["variables"][0]["claims"][0]["subject"] = "=HYPERLINK(\"http://evil\",\"x\")"
    text = export_bytes(conn, ledger, "csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 12 and list(rows[0]) == list(COLUMNS)
    assert rows[0]["subject"].startswith("'=HYPERLINK")
    r7 = next(r for r in rows if r["claim_id"] == "7")
    assert (r7["value_low"], r7["value_high"], r7["flags"]) == ("5000", "", "conflict:1;check:1")
    assert r7["doc_title"].startswith("North Korean Troops Experience")


def test_parquet_is_typed(conn) -> None:
    table = pq.read_table(io.BytesIO(export_bytes(conn, load_ledger(), "parquet")))
    assert table.num_rows == 12 and table.column_names == list(COLUMNS)
    assert str(table.schema.field("value_low").type) == "double"
    assert str(table.schema.field("claim_id").type) == "int64"
    assert str(table.schema.field("flags").type) == "list<element: string>"
    rows = table.to_pylist()
    r7 = next(r for r in rows if r["claim_id"] == 7)
    assert r7["value_high"] is None and r7["flags"] == ["conflict:1", "check:1"]
    assert r7["derived"] is False


def test_json_is_the_ledger(conn) -> None:
    assert json.loads(export_bytes(conn, load_ledger(), "json")) == load_ledger()


def test_html_is_self_contained_and_scriptless(conn) -> None:
    html = export_bytes(conn, load_ledger(), "html").decode("utf-8")
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)="(?!#|https?://)', html)        # only anchors, http links
    assert not re.search(r'<link\b', html)                            # CSS is inline
    assert "default-src 'none'" in html
    assert html.count("<svg") == 4 and html.count('class="mark"') == 12
    assert 'id="claim-7"' in html and "<mark>over 5,000 casualties</mark>" in html
    assert 'href="https://example.org/news/002_7c1b3e37c3792be6.txt"' in html
    assert_anchors(html)


def test_html_escapes_hostile_text(conn) -> None:
    html = export_bytes(conn, load_ledger("ledger-xss.json"), "html").decode("utf-8")
    assert XSS_TEXT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"<(img|svg|b|i)\b[^>]*(onerror|onload|onmouseover)", html)
    assert 'href="javascript' not in html.lower()
    assert '<span class="inert-url">javascript:alert(3)</span>' in html


def test_export_story_writes_the_file_and_refuses_unknowns(conn, web_store, tmp_path) -> None:
    _, provider = web_store
    out = tmp_path / "s.json"
    export_story(conn, 1, "json", out, provider=provider)
    assert json.loads(out.read_text()) == load_ledger()
    with pytest.raises(NotFound):
        export_story(conn, 42, "json", provider=provider)
    with pytest.raises(BadInput):
        export_bytes(conn, load_ledger(), "docx")
