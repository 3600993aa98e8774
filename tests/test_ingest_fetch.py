"""Fetching URLs against a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimtrail.config import FetchSettings
from claimtrail.ingest import iter_documents
from claimtrail.models import Document, IngestProblem

DATA = Path(__file__).parent / "data" / "ingest"
ARTICLE = (DATA / "article.html").read_bytes()
FEED = (DATA / "feed.rss").read_bytes()
SEEN_AGENTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/article.html":
            self._send(200, ARTICLE, "text/html; charset=utf-8")
        elif path == "/feed":
            self._send(200, FEED, "application/rss+xml")
        elif path == "/feed-as-xml":
            self._send(200, FEED, "text/xml")
        elif path == "/plain":
            self._send(200, b"Plain text page: 80 tanks were counted.\n", "text/plain")
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path.startswith("/loop"):
            n = int(path.removeprefix("/loop") or 0)
            self.send_response(302)
            self.send_header("Location", f"/loop{n + 1}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/big-declared":
            self._send(200, b"x" * 5000, "text/html")
        elif path == "/big-streamed":
            # No Content-Length: the cap must stop the download itself.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image/png")
        elif path == "/empty":
            self._send(200, b"", "text/html")
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, ARTICLE, "text/html")
        elif path == "/drip":
            # Never idle for a whole read timeout, yet never done: the total deadline stops it.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"drip ")
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass   # the client gave up, as it should
        elif path == "/charset-lie":
            self._send(200, "Zelenskyy said “11,000” — café.".encode(),
                       "text/plain; charset=iso-8859-1")
        elif path == "/error":
            self._send(500, b"boom", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SMALL = FetchSettings(timeout_s=0.5, max_bytes=4000, max_redirects=3)


def run(urls: list[str], settings: FetchSettings = SMALL) -> list[Document | IngestProblem]:
    return list(iter_documents(urls, fetch=settings))


def test_page_is_fetched_and_extracted(server: str) -> None:
    url = f"{server}/article.html"
    [doc] = run([url], FetchSettings(timeout_s=5))
    assert isinstance(doc, Document)
    assert doc.id == url and doc.url == url and doc.format == "url"
    assert "1,200 additional troops" in doc.text
    assert "Subscribe button" not in doc.text
    assert doc.title == "Kyiv says 1,200 troops moved to the border"
    assert doc.published == "2024-03-05" and doc.published_from == "html"
    assert SEEN_AGENTS[-1] == FetchSettings().user_agent


def test_redirect_is_followed(server: str) -> None:
    [doc] = run([f"{server}/moved"], FetchSettings(timeout_s=5))
    assert isinstance(doc, Document)
    assert doc.id == f"{server}/moved"
    assert doc.url == f"{server}/article.html"


@pytest.mark.parametrize("path", ["/feed", "/feed-as-xml"])
def test_url_returning_a_feed_is_read_as_a_feed(server: str, path: str) -> None:
    items = run([server + path], FetchSettings(timeout_s=5))
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.id for d in docs] == ["https://wire.example.org/2024/01/wounded",
                                    "https://wire.example.org/2024/01/second"]
    assert all(d.format == "rss" for d in docs)
    assert "300 soldiers" in docs[0].text


def test_plain_text_url(server: str) -> None:
    [doc] = run([f"{server}/plain"])
    assert isinstance(doc, Document) and "80 tanks" in doc.text


def one_problem(url: str, settings: FetchSettings = SMALL) -> IngestProblem:
    items = run([url], settings)
    assert len(items) == 1 and isinstance(items[0], IngestProblem), items
    assert items[0].input == url
    return items[0]


def test_http_errors_report_the_status(server: str) -> None:
    assert "HTTP 404" in one_problem(f"{server}/missing").reason
    problem = one_problem(f"{server}/error")
    assert "HTTP 500" in problem.reason and problem.stage == "fetch"


def test_redirect_loop_is_cut(server: str) -> None:
    assert "too many redirects" in one_problem(f"{server}/loop").reason


def test_oversized_pages_are_refused(server: str) -> None:
    assert "cap" in one_problem(f"{server}/big-declared").reason
    assert "download stopped" in one_problem(f"{server}/big-streamed").reason


def test_closed_port_and_timeout(server: str) -> None:
    assert "cannot connect" in one_problem(f"http://127.0.0.1:{closed_port()}/x").reason
    assert "timed out" in one_problem(f"{server}/slow").reason


def test_unsupported_and_empty_responses(server: str) -> None:
    assert "unsupported content type image/png" in one_problem(f"{server}/image").reason
    assert "empty" in one_problem(f"{server}/empty").reason


def test_batch_goes_on_after_bad_urls(server: str) -> None:
    urls = [f"{server}/missing", f"http://127.0.0.1:{closed_port()}/", f"{server}/plain"]
    seen: list[str] = []
    items = list(iter_documents(urls, fetch=SMALL, progress=seen.append))
    assert [type(i).__name__ for i in items] == ["IngestProblem", "IngestProblem", "Document"]
    assert seen == urls


def test_slow_drip_hits_the_total_deadline(server: str) -> None:
    problem = one_problem(f"{server}/drip", FetchSettings(timeout_s=0.2, max_bytes=10**6))
    assert "in all" in problem.reason


def test_utf8_page_declared_latin1_is_read_as_utf8(server: str) -> None:
    [doc] = run([f"{server}/charset-lie"])
    assert isinstance(doc, Document) and doc.text == "Zelenskyy said “11,000” — café."
