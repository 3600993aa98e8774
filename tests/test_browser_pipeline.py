"""End to end: ``claimtrail ingest`` builds the store from the bundled example plus two
crafted hostile articles (.txt and .html), ``claimtrail serve``'s app runs on a loopback
port, and Chromium walks the dossier, a claim's article, and the exported HTML file."""
from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from data.web.fixture_store import CHROMIUM
from test_browser import Watched, assert_inert, chart_marks

from claimtrail.cli import main
from claimtrail.web.app import BackgroundServer, create_app

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "data" / "web"
SEED_DOC = "000_8190c09c5cc3a211.txt"

pytest_plugins = ["data.web.plugin"]   # browser

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is absent (scripts/install --test installs it)"),
]


def ingest(*args: str) -> None:
    result = CliRunner().invoke(main, ["ingest", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def kursk_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pipeline")
    db = folder / "kursk.db"
    ingest(str(ROOT / "examples" / "kursk"), "--manifest",
           str(ROOT / "examples" / "kursk-manifest.csv"), "--db", str(db))
    hostile = folder / "hostile"
    hostile.mkdir()
    for name in ("xss-article.txt", "xss-article.html"):
        shutil.copy(HOSTILE / name, hostile / name)
    ingest(str(hostile), "--db", str(db))
    return db


def story_of(db: Path, doc_id: str) -> int:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT story_id FROM story_members WHERE document_id = ?",
                           (doc_id,)).fetchone()
    finally:
        conn.close()
    assert row, f"{doc_id} is in no story"
    return int(row[0])


@pytest.fixture(scope="module")
def live(kursk_store: Path) -> Iterator[BackgroundServer]:
    with BackgroundServer(create_app(kursk_store)) as srv:
        yield srv


def test_seed_story_dossier_chart_and_highlight(browser, live, kursk_store) -> None:
    story = story_of(kursk_store, SEED_DOC)
    w = Watched(browser, live.url)
    try:
        page = w.page
        w.goto("/")
        page.locator(f"#stories a[href='/stories/{story}']").click()
        page.wait_for_selector("#chart-1-levels[data-rendered]", timeout=20_000)
        assert page.get_attribute("#chart-1-levels", "data-rendered") == "true"
        assert chart_marks(page, "#chart-1-levels") > 0
        rendered = page.locator(".chart[data-rendered='true']").count()
        assert rendered == page.locator(".chart").count() > 0
        w.shot("pipeline-dossier.png")
        duplicated = page.evaluate("""() => { const ids = [...document.querySelectorAll('[id]')]
            .map(e => e.id); return ids.filter((x, i) => ids.indexOf(x) !== i); }""")
        dead = page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
            .map(a => a.getAttribute('href').slice(1))
            .filter(id => !document.getElementById(id))""")
        assert duplicated == [] and dead == []

        row = page.locator("table.ledger tbody tr").first
        link = row.locator("a.claim-link")
        sentence = row.locator("q.said").inner_text()
        quote = row.locator("q.said mark").inner_text()
        link.click()
        page.wait_for_url(re.compile(r".*/documents/.+\?claim=\d+#claim-\d+$"))
        mark = page.locator("mark.claim")
        assert mark.count() == 1
        marked = mark.inner_text()
        assert " ".join(marked.split()) == " ".join(sentence.split())
        assert quote in mark.locator("strong.figure").inner_text()
        box = mark.bounding_box()
        assert box is not None and 0 <= box["y"] <= 900
        w.shot("pipeline-article-highlight.png")
        w.assert_clean()
    finally:
        w.close()


@pytest.mark.parametrize("doc_id", ["xss-article.txt", "xss-article.html"])
def test_ingested_hostile_articles_are_inert(browser, live, kursk_store, doc_id) -> None:
    story = story_of(kursk_store, doc_id)
    w = Watched(browser, live.url)
    try:
        page = w.page
        w.goto(f"/stories/{story}")
        page.wait_for_selector(".chart[data-rendered]", timeout=20_000)
        link = page.locator("table.ledger a.claim-link").first
        link.click()
        page.wait_for_url(re.compile(r".*\?claim=\d+#claim-\d+$"))
        assert page.locator("mark.claim").count() == 1
        for cell in page.locator("main").locator("dd, li, h1, mark").filter(visible=True).all():
            cell.hover(timeout=2_000)
        assert_inert(page, live.url)
        text = page.locator("#text").inner_text()
        assert "<script>alert(1)</script>" in text
        assert "<img src=x onerror=alert(1)>" in text
        assert "javascript:alert(" in text
        w.shot(f"pipeline-hostile-{doc_id.replace('.', '-')}.png")
        w.assert_clean()
    finally:
        w.close()


def test_exported_html_of_the_hostile_story_is_inert(browser, kursk_store, tmp_path) -> None:
    story = story_of(kursk_store, "xss-article.txt")
    out = tmp_path / "hostile.html"
    result = CliRunner().invoke(main, ["export", str(story), "--format", "html", "--db",
                                       str(kursk_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    w = Watched(browser)
    try:
        page = w.page
        page.goto(out.as_uri())
        assert page.locator("section.variable svg .mark").count() >= 1
        for cell in page.locator("td, h1, h2").filter(visible=True).all()[:60]:
            cell.hover(timeout=2_000)
        assert page.locator("script, img, [onerror], [onload], a[href^='javascript' i]"
                            ).count() == 0
        assert page.locator("td.sentence").get_by_text("<script>alert(1)</script>",
                                                        exact=False).first.is_visible()
        w.shot("pipeline-export-hostile.png", full_page=True)
        w.assert_clean()
    finally:
        w.close()
