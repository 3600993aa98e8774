"""The server-rendered pages, in-process: content, escaping, highlight, headers, errors."""
from __future__ import annotations

import re
from typing import ClassVar

import pytest
from data.web.fixture_store import XSS_TEXT

PAGES = ["/", "/stories/1", "/stories/2", "/sources", "/sources/1", "/search?q=casualties",
         "/log", "/log?status=error", "/documents/002_7c1b3e37c3792be6.txt",
         "/documents/xss-article.txt?claim=101"]

pytest_plugins = ["data.web.plugin"]   # web_store, web_app, client


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_strict_headers(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # No inline script anywhere: every executable <script> has a src under /static.
    for tag in re.findall(r"<script\b[^>]*>", r.text):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag


def assert_anchors(html: str) -> None:
    """Element ids are unique and every in-page link has its target."""
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert set(re.findall(r'href="#([^"]*)"', html)) <= set(ids)


def test_stories_list_links_each_story(client) -> None:
    html = client.get("/").text
    assert 'href="/stories/1"' in html and "North Korean troops in Kursk" in html
    assert "Border &lt;script&gt;alert(6)&lt;/script&gt; clash" in html


def test_dossier_has_a_chart_spec_and_ledger_rows_per_variable(client) -> None:
    html = client.get("/stories/1").text
    # one chart panel per variable (small ones compact), each with its spec
    assert len(re.findall(r'class="chart( chart-small)?"', html)) == 4
    assert html.count('<script type="application/json" id="spec-') == 4
    assert 'id="claim-7"' in html and "at least 5,000" in html
    assert 'href="/documents/002_7c1b3e37c3792be6.txt?claim=7#claim-7"' in html
    assert 'id="conflict-2-1"' in html and 'href="#conflict-2-1"' in html
    assert_anchors(html)
    copy_row = re.search(r'<tr id="claim-9" class="([^"]*)"', html)
    assert copy_row and copy_row.group(1) == "copy"


def test_xss_story_anchors_resolve(client) -> None:
    assert_anchors(client.get("/stories/2").text)


def test_hostile_text_is_escaped_everywhere(client) -> None:
    for path in ("/stories/2", "/documents/xss-article.txt?claim=101",
                 "/documents/xss-article.html?claim=102", "/log", "/sources",
                 "/search?q=alert", "/sources/1"):
        html = client.get(path).text
        assert XSS_TEXT not in html, path
        assert not re.search(r"<(img|svg|b|i)\b[^>]*(onerror|onload|onmouseover)", html), path
        assert "javascript:" not in re.sub(r">[^<]*<", "><", html), path   # never in markup


def test_article_page_marks_the_claim_sentence(client) -> None:
    html = client.get("/documents/002_7c1b3e37c3792be6.txt?claim=8").text
    mark = re.search(r'<mark class="claim" id="claim-8"[^>]*>(.*?)</mark>', html, re.DOTALL)
    assert mark, "no highlight"
    assert re.sub(r"<[^>]+>", "", mark.group(1)).startswith("Additionally, South Korea")
    assert '<strong class="figure">4,000 casualties</strong>' in mark.group(1)


def test_javascript_url_is_shown_as_text_not_a_link(client) -> None:
    html = client.get("/documents/xss-article.html").text
    assert '<span class="inert-url">javascript:alert(3)</span>' in html
    assert 'href="javascript' not in html.lower()


def test_document_ids_with_slashes_and_hashes_round_trip(client) -> None:
    r = client.get("/documents/002_7c1b3e37c3792be6.txt?claim=999")
    assert r.status_code == 404 and "not in document" in r.text
    assert client.get("/documents/no%2Fsuch%23doc").status_code == 404


def test_page_errors_are_html_and_api_errors_are_json(client) -> None:
    r = client.get("/stories/99")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no story 99" in r.text
    r = client.get("/stories/abc")
    assert r.status_code == 422 and "<h1>422" in r.text


def test_search_page_marks_matches_without_markup_from_the_text(client) -> None:
    html = client.get("/search?q=casualties").text
    assert "<mark>casualties</mark>" in html or "<mark>Casualties</mark>" in html
    r = client.get('/search?q=%22%29%28*+NEAR+zzqxv')       # FTS syntax cannot break it
    assert r.status_code == 200 and "0 articles match" in r.text


def test_log_page_lists_the_error_escaped(client) -> None:
    html = client.get("/log?status=error").text
    assert "unsupported format: &lt;script&gt;alert(11)&lt;/script&gt;" in html
    assert "ok (" in client.get("/log").text


def test_exports_download_from_the_dossier(client) -> None:
    r = client.get("/stories/1/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="story-1.csv"' in r.headers["content-disposition"]
    assert client.get("/stories/1/export.exe").status_code == 400


class SparseStories:
    """A ledger with every optional key missing or null: the pages must still render."""

    LEDGER: ClassVar[dict] = {"story": {"id": 5, "documents": [{"id": "xss-article.txt"}]},
              "variables": [
                  {"id": "v/other", "claims": [
                      {"id": 101, "doc": "xss-article.txt", "sentence": "gone",
                       "value": {"low": None, "high": None, "qualifier": "vague"},
                       "kind": "other", "source": None, "time": None, "flags": ["weird"]},
                      {"id": None, "doc": "nowhere.txt", "sentence": "", "kind": "other",
                       "value": {"low": 3, "high": None, "qualifier": "at_least"},
                       "time": {"start": "2025-01-01", "end": None, "text": None}}]},
                  {"id": "v/empty", "claims": [], "checks": [
                      {"id": 4, "rule": "a<=b", "ok": False, "detail": "10 > 5"},
                      {"id": 5, "rule": "c<=d", "ok": True}]}]}

    def list_stories(self, conn):
        return [{"id": 5, "title": None, "size": None, "start": None, "end": None,
                 "n_claims": None, "n_variables": None}]

    def ledger(self, conn, story_id):
        return self.LEDGER if story_id == 5 else None

    def story_documents(self, conn, story_id):
        return ["xss-article.txt"] if story_id == 5 else None

    def stories_of(self, conn, doc_ids):
        return {}


def test_sparse_ledgers_render(web_store) -> None:
    from fastapi.testclient import TestClient

    from claimtrail.web.app import create_app

    path, _ = web_store
    with TestClient(create_app(path, SparseStories()), raise_server_exceptions=True) as c:
        for url in ("/", "/stories/5", "/api/stories/5", "/api/stories", "/stories/5/export.html",
                    "/stories/5/export.csv", "/stories/5/export.parquet", "/sources/1"):
            assert c.get(url).status_code == 200, url
        html = c.get("/stories/5").text
        assert "an unspecified number" in html and "at least 3" in html
        assert 'class="badge other"' in html


def test_server_error_page_keeps_the_security_headers(web_app, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom <script>")

    monkeypatch.setattr("claimtrail.web.queries.ingest_log", boom)
    with TestClient(web_app, raise_server_exceptions=False) as c:
        r = c.get("/log")
    assert r.status_code == 500 and "kaboom" not in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_pages_answer_head(client) -> None:
    r = client.head("/stories/1")
    assert r.status_code == 200 and r.content == b""
    assert client.head("/api/stories").status_code == 405


class PairwiseStories(SparseStories):
    """A ledger whose conflicts are pairwise (hundreds), as a big story's can be."""

    N = 250
    LEDGER: ClassVar[dict] = {
        "story": {"id": 5, "documents": [{"id": "xss-article.txt"}]},
        "variables": [{"id": "v/killed", "claims": [
            {"id": 101, "doc": "xss-article.txt", "sentence": "s", "kind": "killed",
             "value": {"low": 500, "high": 500, "qualifier": "exact"},
             "flags": [f"conflict:{i}" for i in range(1, 251)]}],
            "conflicts": [{"id": i, "claims": [101, 7777], "reason": f"pair {i}"}
                          for i in range(1, 251)]}]}


def test_pairwise_conflicts_are_capped_and_links_stay_live(web_store) -> None:
    from fastapi.testclient import TestClient

    from claimtrail.web.app import create_app
    from claimtrail.web.pages import FINDINGS, FLAGS

    path, _ = web_store
    with TestClient(create_app(path, PairwiseStories()), raise_server_exceptions=True) as c:
        html = c.get("/stories/5").text
        export = c.get("/stories/5/export.html").text
    for page in (html, export):
        assert page.count('class="finding"') == FINDINGS
        assert f"+{250 - FLAGS} more" in page
        assert f"{250 - FINDINGS} more conflicts and checks" in page
        assert_anchors(page)


class GroupStories(SparseStories):
    """One conflict naming a group of 300 claims, as the ledger now reports them."""

    LEDGER: ClassVar[dict] = {
        "story": {"id": 5, "documents": [{"id": "xss-article.txt"}]},
        "variables": [{"id": "v/killed", "claims": [
            {"id": i, "doc": "xss-article.txt", "sentence": "s", "kind": "killed",
             "value": {"low": 500 if i % 2 else 5000, "high": None, "qualifier": "exact"},
             "flags": ["conflict:1"]} for i in range(1, 301)],
            "conflicts": [{"id": 1, "claims": list(range(1, 301)), "reason": "group"}]}]}


def test_a_conflict_group_lists_its_first_claims_and_counts_the_rest(web_store) -> None:
    from fastapi.testclient import TestClient

    from claimtrail.web.app import create_app
    from claimtrail.web.pages import FINDING_CLAIMS

    path, _ = web_store
    with TestClient(create_app(path, GroupStories()), raise_server_exceptions=True) as c:
        html = c.get("/stories/5").text
        export = c.get("/stories/5/export.html").text
    assert f"and {300 - FINDING_CLAIMS} more</span>" in html
    assert 'href="#claim-1"' in html and ">300<" not in html.split('id="conflict-1-1"')[1]
    assert "more</span>" not in export.split('id="conflict-1-1"')[1].split("</p>")[0]
    assert_anchors(html)
