"""Fetch http(s) URLs: timeouts, a size cap, limited redirects, a clear User-Agent.

The body is streamed and the download stops as soon as it passes
``FetchSettings.max_bytes``, so an endless or huge response costs at most the cap.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from claimtrail.config import FETCH, FetchSettings
from claimtrail.ingest.decode import ReadError


@dataclass
class Fetched:
    url: str                     # the final URL, after redirects
    content: bytes               # decoded of any transfer/content encoding
    content_type: str            # media type, lower case, without parameters
    charset: str | None          # from the Content-Type header


# The whole download may take this many times the per-read timeout.
_TOTAL_TIME_FACTOR = 4


class FetchError(ReadError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason, stage="fetch")


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def make_client(settings: FetchSettings = FETCH) -> httpx.Client:
    """One client per batch, so connections are reused across URLs of one host."""
    return httpx.Client(
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        timeout=httpx.Timeout(settings.timeout_s),
        headers={"User-Agent": settings.user_agent,
                 "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                           "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,"
                           "*/*;q=0.5"},
    )


def fetch(url: str, *, settings: FetchSettings = FETCH,
          client: httpx.Client | None = None) -> Fetched:
    """GET ``url``; raises ``FetchError`` with a one-line reason on any failure."""
    own = client is None
    client = client or make_client(settings)
    try:
        return _get(client, url, settings)
    finally:
        if own:
            client.close()


def _get(client: httpx.Client, url: str, settings: FetchSettings) -> Fetched:
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                phrase = response.reason_phrase or ""
                raise FetchError(f"HTTP {response.status_code} {phrase}".rstrip()
                                 + " from the server")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > settings.max_bytes:
                raise FetchError(f"page is {int(declared):,} bytes, over the "
                                 f"{settings.max_bytes:,}-byte cap (FetchSettings.max_bytes)")
            body = bytearray()
            # httpx's timeout is per read; a server dripping bytes would never trip it,
            # so the whole body also gets a deadline.
            total = settings.timeout_s * _TOTAL_TIME_FACTOR
            deadline = time.monotonic() + total
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > settings.max_bytes:
                    raise FetchError(f"page is over the {settings.max_bytes:,}-byte cap "
                                     "(FetchSettings.max_bytes); download stopped")
                if time.monotonic() > deadline:
                    raise FetchError(f"download took over {total:g} s in all; stopped")
            media, charset = _content_type(response.headers.get("content-type", ""))
            return Fetched(url=str(response.url), content=bytes(body),
                           content_type=media, charset=charset)
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"too many redirects (more than {settings.max_redirects})") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {settings.timeout_s:g} s "
                         f"({type(exc).__name__})") from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect: {_root_cause(exc)}") from exc
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"unsupported URL: {exc}") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"download failed: {type(exc).__name__}: {_root_cause(exc)}") from exc


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _root_cause(exc: BaseException) -> str:
    """The innermost message ("Connection refused"), not httpx's wrapper text."""
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    text = str(exc) or type(exc).__name__
    return text.split("] ", 1)[-1] if text.startswith("[Errno") else text
