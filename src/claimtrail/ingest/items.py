"""What the format readers produce, before cleaning: one raw item per article.

Readers differ in how they find articles; everything after them (HTML extraction,
furniture, metadata fallbacks) is shared, in ``ingest.pipeline``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawItem:
    id: str
    body: str                          # plain text, or a full HTML page when ``is_html``
    input: str                         # the path or URL the user gave (or found in a folder)
    format: str                        # txt | html | json | jsonl | rss | atom | warc | url
    is_html: bool = False              # a whole page: goes through trafilatura
    is_fragment: bool = False          # an HTML snippet (feed content): text nodes kept
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    published_from: str | None = None
    language: str | None = None
    path: str | None = None            # file path, for manifest and file-name lookups
    fallback_published: str | None = None   # e.g. the WARC capture date: used if nothing better
    fallback_published_from: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
