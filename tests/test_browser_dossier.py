"""The seed story's dossier as an analyst opens it, in Debian's Chromium at desktop
(1400 px) and phone (390 px) widths, on a store built by ``claimtrail ingest``: the
summary is above the fold and flags the 4,000 / over 5,000 disagreement, every ledger
row shows its sentence with the figure marked, the added contingent is not drawn on the
totals panel, nothing scrolls sideways, and /api/docs renders with nothing fetched from
outside. Screenshots go to screenshots/."""
from __future__ import annotations

import json
import re

import pytest
from data.web.fixture_store import CHROMIUM
from test_browser import Watched
from test_browser_pipeline import SEED_DOC, kursk_store, live, story_of  # noqa: F401

pytest_plugins = ["data.web.plugin"]   # browser

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is absent (scripts/install --test installs it)"),
]

WIDTHS = [(1400, 900), (390, 844)]


def no_sideways_scroll(page) -> None:
    overflow = page.evaluate("""() => ({doc: document.documentElement.scrollWidth,
                                        view: window.innerWidth})""")
    assert overflow["doc"] <= overflow["view"], f"scrolls sideways: {overflow}"


def block_outside(w: Watched) -> None:
    """Any request off the loopback server fails (and is recorded by Watched)."""
    w.context.route(re.compile(r"^(?!" + re.escape(w.base_url) + r").*"),
                    lambda route: route.abort())


@pytest.mark.parametrize("width,height", WIDTHS)
def test_seed_dossier_summary_sentences_and_panels(browser, live, kursk_store,  # noqa: F811
                                                   width, height) -> None:
    story = story_of(kursk_store, SEED_DOC)
    w = Watched(browser, live.url, width=width, height=height)
    block_outside(w)
    try:
        page = w.page
        w.goto(f"/stories/{story}")
        page.wait_for_selector(".chart[data-rendered]", timeout=20_000)
        # the summary, above the fold, with the disagreement flagged, both sides shown
        summary = page.locator("#summary")
        top = summary.bounding_box()
        assert top is not None and top["y"] < height, "the summary is below the fold"
        first = page.locator("#summary li.headline").first.bounding_box()
        assert first is not None and first["y"] + first["height"] <= height
        flagged = page.locator("#summary .flagged")
        assert flagged.count() == 1
        text = " ".join(flagged.inner_text().split())
        assert "South Korea's military" in text and "UK Ministry of Defence" in text
        assert "4,000" in text and "at least 5,000" in text and "2025-03-10" in text
        assert "possible rise" in text and "recently" in text
        casualties = page.locator("#summary li[data-variable='north-korean-troops/casualties']")
        assert "range from 4,000 (South Korea's military) to at least 5,000" in " ".join(
            casualties.inner_text().split())
        w.shot(f"dossier-summary-{width}.png")
        # every ledger row leads with its sentence, the figure marked inside it
        rows = page.locator("table.ledger tbody tr")
        assert rows.count() > 10
        for i in range(rows.count()):
            row = rows.nth(i)
            said = row.locator("td.sentence q.said")
            assert said.is_visible() and len(said.inner_text().strip()) > 20, i
            assert row.locator("td.sentence q.said mark").count() == 1, i
            assert row.locator("td.sentence a.claim-link").count() == 1, i
        # "over 5,000" said three times in one article: one row, three mentions
        assert page.get_by_text("said 3 times in this article").count() == 1
        # the added 3,000 is on its own panel, never on the totals axis
        personnel = page.locator("section[data-variable='north-korean-troops/personnel']")
        levels = personnel.locator(".chart[data-panel='levels']")
        flows = personnel.locator(".chart[data-panel='flows']")
        assert levels.count() == 1 and flows.count() == 1
        assert levels.get_attribute("data-rendered") == "true"
        assert flows.get_attribute("data-rendered") == "true"
        specs = {p: json.loads(page.locator(f"#spec-{levels.get_attribute('id')[6:]}"
                                            if p == "levels" else
                                            f"#spec-{flows.get_attribute('id')[6:]}")
                               .text_content()) for p in ("levels", "flows")}
        level_values = {r["y"] for r in specs["levels"]["data"]["values"]}
        flow_rows = specs["flows"]["data"]["values"]
        assert 3000 not in level_values and min(level_values) >= 10000
        assert [(r["y"], r["flow"]) for r in flow_rows] == [(3000, "increment")]
        assert flows.locator("svg g.mark-symbol.role-mark path").count() == 1
        drawn = levels.locator("svg g.mark-symbol.role-mark path, "
                               "svg g.mark-rule.role-mark line").count()
        assert drawn >= len(specs["levels"]["data"]["values"])
        # no source hidden under another: UK MoD's 11,000 sits beside South Korea's
        xs = [r["x"] for r in specs["levels"]["data"]["values"] if r["y"] == 11000]
        assert len(xs) == len(set(xs))
        no_sideways_scroll(page)
        personnel.scroll_into_view_if_needed()
        w.shot(f"dossier-personnel-{width}.png")
        w.shot(f"dossier-full-{width}.png", full_page=True)
        # an article links back to its story
        rows.first.locator("a.claim-link").click()
        page.wait_for_url(re.compile(r".*/documents/.+\?claim=\d+#claim-\d+$"))
        back = page.locator(".back-to-story a")
        assert back.count() == 1 and back.get_attribute("href").startswith(f"/stories/{story}")
        no_sideways_scroll(page)
        w.shot(f"article-{width}.png")
        for path in ("/", "/sources", "/log", f"/search?q=casualties"):
            w.goto(path)
            no_sideways_scroll(page)
        w.assert_clean()
    finally:
        w.close()


@pytest.mark.parametrize("width,height", WIDTHS)
def test_api_docs_render_offline(browser, live, width, height) -> None:  # noqa: F811
    w = Watched(browser, live.url, width=width, height=height)
    block_outside(w)
    try:
        page = w.page
        w.goto("/api")                                  # leads to the docs, not a 404
        assert page.url.endswith("/api/docs")
        assert page.locator("h1").inner_text() == "The claimtrail API"
        assert page.locator("section.endpoint").count() >= 8
        ledger = page.locator("section.endpoint", has_text="/api/stories/{story_id}/ledger")
        assert ledger.count() == 1 and "docs/ledger.md" in ledger.inner_text()
        claims = page.locator("section.endpoint", has_text="GET /api/claims")
        assert "kind" in claims.locator("table.params").inner_text()
        no_sideways_scroll(page)
        w.shot(f"api-docs-{width}.png")
        w.assert_clean()
    finally:
        w.close()


def test_seed_export_and_sources_show_the_disagreement(kursk_store) -> None:  # noqa: F811
    """The exported HTML leads with the same summary and flags the conflict; the sources
    page dates the UK Ministry of Defence by its figures (2025), not by a "last year"."""
    from fastapi.testclient import TestClient

    from claimtrail.export import export_story
    from claimtrail.store.db import connect
    from claimtrail.web.app import create_app

    story = story_of(kursk_store, SEED_DOC)
    conn = connect(kursk_store)
    try:
        html = export_story(conn, story, "html").decode("utf-8")
    finally:
        conn.close()
    flagged = html[html.index('class="flagged"'):html.index('class="glossary"')]
    assert "South Korea&#39;s military" in flagged and "UK Ministry of Defence" in flagged
    assert "<strong>4,000</strong>" in flagged and "<strong>at least 5,000</strong>" in flagged
    assert html.index('id="summary"') < html.index('class="variable')
    import html as html_lib

    body = html[html.index("<body>"):]
    shown = html_lib.unescape(re.sub(r"<[^>]+>", " ", body))
    for code in ("at_least", "at_most", "casualties<=personnel", ">= ", "km2"):
        assert code not in shown, f"a raw code reaches the reader: {code}"
    with TestClient(create_app(kursk_store)) as client:
        sources = client.get("/sources").text
        row = next(r for r in sources.split("<tr>") if ">UK Ministry of Defence<" in r)
        assert "2025-03-10" in row and "2024-01-01" not in row
        assert client.get("/api").status_code == 200          # after the redirect to docs
