"""The dossier in a real browser: Debian's Chromium driven by Playwright, against a real
uvicorn server on a loopback port. Screenshots go to ``screenshots/`` at the repo root.

The store here is the fixture store (tests/data/web); tests/test_browser_pipeline.py
does the same walk on a store built by ``claimtrail ingest`` from the bundled example.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from data.web.fixture_store import CHROMIUM, XSS_TEXT

from claimtrail.web.app import BackgroundServer

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is absent (scripts/install --test installs it)"),
]

pytest_plugins = ["data.web.plugin"]   # web_store, web_app, client, browser


@pytest.fixture(scope="module")
def server(web_app) -> Iterator[BackgroundServer]:
    with BackgroundServer(web_app) as srv:
        yield srv


class Watched:
    """A page plus everything that must never happen on it: dialogs, script errors,
    CSP violations, requests leaving the loopback server."""

    def __init__(self, browser, base_url: str = "", width: int = 1280, height: int = 900
                 ) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("request", self._on_request)
        self.base_url = base_url

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _on_request(self, request) -> None:
        url = request.url
        if not url.startswith((self.base_url or "\0", "file://", "data:")):
            self.outside.append(url)

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is None or response.ok, f"{path}: HTTP {response.status}"

    def shot(self, name: str, *, full_page: bool = False) -> Path:
        SHOTS.mkdir(exist_ok=True)
        path = SHOTS / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"
        assert self.errors == [], f"script errors or CSP violations: {self.errors}"
        assert self.outside == [], f"requests left the server: {self.outside}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser, server) -> Iterator[Watched]:
    w = Watched(browser, server.url)
    yield w
    w.close()


def chart_marks(page, container: str) -> int:
    """Drawn marks (rule lines, symbol paths) inside a chart container's SVG."""
    return page.locator(f"{container} svg g.mark-rule.role-mark line, "
                        f"{container} svg g.mark-symbol.role-mark path"
                        ).count()


def assert_inert(page, base_url: str) -> None:
    """Nothing an article carried became live markup."""
    assert page.locator("img[src='x'], svg[onload], [onerror], [onload], [onmouseover]"
                        ).count() == 0
    foreign = page.evaluate(
        """(base) => Array.from(document.scripts)
               .filter(s => s.type !== 'application/json' && !s.src.startsWith(base + '/static/'))
               .map(s => s.outerHTML.slice(0, 120))""", base_url)
    assert foreign == []
    assert page.locator("a[href^='javascript' i]").count() == 0


def test_dossier_chart_and_claim_click_through(watched: Watched) -> None:
    page = watched.page
    watched.goto("/stories/1")
    page.wait_for_selector("#chart-2-levels[data-rendered]", timeout=20_000)
    for n in (1, 2, 3, 4):
        assert page.get_attribute(f"#chart-{n}-levels", "data-rendered") == "true"
        assert chart_marks(page, f"#chart-{n}-levels") > 0, f"chart {n} drew nothing"
    # Casualties: 2 points, 2 open bounds (a dashed rule plus an arrow each).
    assert page.locator("#chart-2-levels svg g.mark-rule.role-mark line").count() == 2
    assert page.locator("#chart-2-levels svg g.mark-symbol.role-mark path").count() == 4
    watched.shot("dossier-story-1.png")
    page.locator("#var-2").scroll_into_view_if_needed()
    watched.shot("dossier-story-1-casualties.png")

    page.locator("#claim-7 a.claim-link").click()
    page.wait_for_url("**/documents/002_7c1b3e37c3792be6.txt?claim=7#claim-7")
    mark = page.locator("mark.claim")
    assert mark.count() == 1
    assert "over 5,000 casualties" in mark.inner_text()
    assert mark.locator("strong.figure").inner_text() == "over 5,000 casualties"
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900, "the sentence was not scrolled into view"
    watched.shot("article-claim-7-highlighted.png")
    watched.assert_clean()


def test_chart_marks_have_tooltips_and_open_their_article(watched: Watched) -> None:
    page = watched.page
    watched.goto("/stories/1")
    page.wait_for_selector("#chart-1-levels[data-rendered]", timeout=20_000)
    first = page.locator("#chart-1-levels svg g.mark-symbol.role-mark path").first
    first.hover()
    tooltip = page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for(timeout=5_000)
    text = tooltip.inner_text()
    assert "various sources" in text and "10,000" in text and "2024-11-04" in text
    watched.shot("dossier-tooltip.png")
    first.click()
    page.wait_for_url("**/documents/003_82f0a6d93b4cdd52.txt?claim=1#claim-1")
    assert "10,000 North Korean troops" in page.locator("mark.claim").inner_text()
    watched.assert_clean()


def test_story_list_search_sources_and_log_pages(watched: Watched) -> None:
    page = watched.page
    watched.goto("/")
    page.get_by_role("link", name="North Korean troops in Kursk").click()
    page.wait_for_url("**/stories/1")
    watched.goto("/")
    watched.shot("stories.png")
    page.fill("header input[name=q]", "hermit kingdom")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=hermit+kingdom")
    assert page.locator("ol.hits li").count() == 1
    assert page.locator("ol.hits mark").first.inner_text().lower() == "hermit"
    watched.shot("search.png")
    watched.goto("/sources")
    page.get_by_role("link", name="UK Ministry of Defence").click()
    assert page.locator("table.ledger tbody tr").count() == 4
    watched.shot("source.png")
    watched.goto("/log")
    page.get_by_role("link", name="error (1)").click()
    assert page.locator("#log tbody tr").count() == 1
    watched.shot("log-errors.png")
    watched.assert_clean()


HOSTILE_PAGES = ["/stories/2", "/documents/xss-article.txt?claim=101",
                 "/documents/xss-article.html?claim=102", "/search?q=alert+script",
                 "/log", "/sources"]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_article_is_inert_text_in_the_app(watched: Watched, path: str) -> None:
    page = watched.page
    watched.goto(path)
    if path.startswith("/stories"):
        page.wait_for_selector("#chart-1-levels[data-rendered]", timeout=20_000)
        assert page.get_attribute("#chart-1-levels", "data-rendered") == "true"
        page.locator("svg g.mark-symbol.role-mark path").first.hover()      # tooltip with hostile text
    if path.startswith("/documents"):
        assert page.locator("mark.claim").count() == 1
        if "html" in path:
            page.locator(".inert-url").click()                   # the javascript: URL is text
            assert page.url.startswith(watched.base_url)
    page.mouse.move(5, 5)
    for cell in page.locator("main").locator("td, dd, li, h1").filter(visible=True).all()[:60]:
        cell.hover(timeout=2_000)                                 # onmouseover payloads
    page.wait_for_timeout(200)
    assert_inert(page, watched.base_url)
    literal = {"/log": "unsupported format: <script>alert(11)</script>",
               "/sources": "<b onmouseover=alert(4)>Officials</b>"}.get(path, XSS_TEXT)
    assert page.get_by_text(literal, exact=False).first.is_visible()
    if path == "/documents/xss-article.txt?claim=101":
        text = page.locator("#text").inner_text()
        assert "<img src=x onerror=alert(1)>" in text and "javascript:alert(document.cookie)" in text
        watched.shot("hostile-article.png")
    watched.assert_clean()


def test_exported_html_opens_offline_and_stays_inert(browser, web_store, tmp_path) -> None:
    from claimtrail.export import export_story
    from claimtrail.store.db import connect

    path, provider = web_store
    conn = connect(path)
    files = {}
    for story_id in (1, 2):
        files[story_id] = tmp_path / f"story-{story_id}.html"
        export_story(conn, story_id, "html", files[story_id], provider=provider)
    conn.close()
    shutil.copy(files[1], tmp_path / "copy.html")

    w = Watched(browser)
    try:
        page = w.page
        page.goto(files[1].as_uri())
        assert page.locator("section.variable").count() == 4
        assert page.locator("section.variable svg .mark").count() == 12
        assert page.locator("#claim-7 mark").inner_text() == "over 5,000 casualties"
        w.shot("export-story-1.png", full_page=False)
        page.goto(files[2].as_uri())
        for cell in page.locator("td, h1, h2, p").filter(visible=True).all()[:60]:
            cell.hover(timeout=2_000)
        page.wait_for_timeout(200)
        assert page.locator("script").count() == 0
        assert page.locator("img, [onerror], [onload], [onmouseover], a[href^='javascript' i]"
                            ).count() == 0
        assert page.get_by_text(XSS_TEXT, exact=False).first.is_visible()
        assert page.locator("table.ledger td").get_by_text(
            "<b onmouseover=alert(4)>Officials</b>").first.is_visible()
        w.shot("export-hostile-story.png", full_page=True)
        w.assert_clean()
    finally:
        w.close()
