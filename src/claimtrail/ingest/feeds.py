"""RSS and Atom feeds (files or fetched URLs), read with feedparser.

Each entry becomes one raw item from its full content, or its summary when the feed
carries no content. The entry's own link is its id; ``<feed>#<n>`` when it has none.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from claimtrail.ingest.items import RawItem
from claimtrail.ingest.metadata import normalise_date, outlet_from_url
from claimtrail.models import IngestProblem


def read_feed(data: bytes, container: str, input_: str, path: str | None,
              base_url: str | None = None) -> Iterator[RawItem | IngestProblem]:
    import feedparser

    # feedparser never fetches when handed bytes, and it sanitises entry HTML.
    parsed = feedparser.parse(data, response_headers={"content-location": base_url}
                              if base_url else None)
    version = parsed.get("version") or ""
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield IngestProblem(input_, f"not a readable RSS/Atom feed: {reason}", "parse")
        else:
            yield IngestProblem(input_, "feed has no entries", "parse")
        return
    fmt = "atom" if version.startswith("atom") else "rss"
    feed_info = parsed.get("feed", {})
    feed_title = feed_info.get("title")
    feed_link = feed_info.get("link") or base_url
    feed_language = feed_info.get("language")
    for n, entry in enumerate(parsed.entries, start=1):
        yield _entry_item(entry, n, container, input_, path, fmt, feed_title, feed_link,
                          feed_language)
    if parsed.get("bozo") and not _harmless(parsed.get("bozo_exception")):
        # Entries before the damage were kept; say the feed itself is broken.
        yield IngestProblem(input_, f"feed is malformed after {len(parsed.entries)} "
                                    f"entries: {parsed.get('bozo_exception')}", "parse")


def _entry_item(entry: Any, n: int, container: str, input_: str, path: str | None,
                fmt: str, feed_title: str | None, feed_link: str | None,
                feed_language: str | None) -> RawItem | IngestProblem:
    content = ""
    for block in entry.get("content") or []:
        value = block.get("value") or ""
        if len(value) > len(content):
            content = value
    summary = entry.get("summary") or ""
    body = content if len(content) >= len(summary) else summary
    where = f"{input_}#{n}"
    if not body.strip():
        return IngestProblem(where, "feed entry has no content or summary", "parse")
    link = entry.get("link")
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            published = normalise_date(entry.get(key))
            break
    if published is None:
        published = normalise_date(entry.get("published") or entry.get("updated"))
    # author_detail.name is "Wire Desk" where author is "desk@wire... (Wire Desk)".
    author = (entry.get("author_detail") or {}).get("name") or entry.get("author")
    language = None
    detail = entry.get("content") or []
    if detail and detail[0].get("language"):
        language = detail[0].get("language")
    return RawItem(
        id=link or f"{container}#{n}", body=body, input=input_, format=fmt,
        is_fragment=True, title=entry.get("title"), url=link,
        outlet=outlet_from_url(link) or outlet_from_url(feed_link) or feed_title,
        author=author, published=published, published_from="feed" if published else None,
        language=language or feed_language, path=path,
        extra={"feed": feed_title, "entry": n} if feed_title else {"entry": n},
    )


def _harmless(exc: object) -> bool:
    """Encoding-declaration mismatches are common and do not lose entries."""
    name = type(exc).__name__
    return name in {"CharacterEncodingOverride", "NonXMLContentType"}
