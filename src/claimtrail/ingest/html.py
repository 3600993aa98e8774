"""HTML pages to article text and metadata, through trafilatura.

Configuration chosen on the article-extraction benchmark (benchmarks/html_bench.py,
aeb, token-bag F1 of macro-averaged P/R, trafilatura 2.3, measured for this module):

    favor_precision, tables on (chosen)    0.971   (P 0.959, R 0.983)
    favor_precision, tables off            0.961   (some pages lay the article out in tables)
    favor_precision + deduplicate          0.955   (drops repeated-but-real lines)
    defaults, comments off (no clean-up)   0.962
    favor_recall (no clean-up)             0.961

Tables also carry casualty and equipment figures; comments are never the article.
When the precise pass finds little, a recall-oriented pass and then trafilatura's
baseline extractor get a chance.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from claimtrail.ingest.metadata import normalise_date

# Below this many characters the precise extraction probably missed the article.
_SHORT_EXTRACTION = 200


@dataclass
class HtmlResult:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    method: str = "precision"          # which trafilatura pass produced the text


def extract_html(html: str | bytes, url: str | None = None) -> HtmlResult:
    """Article text and metadata of one HTML page (empty text when there is none)."""
    # trafilatura logs every page it finds no article in; one IngestProblem is enough.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    doc = _trafilatura(html, url, precision=True)
    text = _text(doc)
    method = "precision"
    if len(text) < _SHORT_EXTRACTION:
        recall = _trafilatura(html, url, precision=False)
        if len(_text(recall)) > len(text):
            doc, text, method = recall, _text(recall), "recall"
    if len(text) < _SHORT_EXTRACTION:
        base = _baseline(html)
        if len(base) > len(text):
            text, method = base, "baseline"
    return HtmlResult(
        text=text, method=method, title=_field(doc, "title"), author=_field(doc, "author"),
        published=normalise_date(_field(doc, "date")), sitename=_field(doc, "sitename"),
        url=_field(doc, "url") or url, language=_field(doc, "language"),
        description=_field(doc, "description"))


def _trafilatura(html: str | bytes, url: str | None, precision: bool) -> object:
    import trafilatura

    return trafilatura.bare_extraction(
        html, url=url, favor_precision=precision, favor_recall=not precision,
        include_comments=False, include_tables=True, include_images=False,
        include_links=False, with_metadata=True, deduplicate=False)


def _field(doc: object, name: str) -> str | None:
    return _str(getattr(doc, name, None)) if doc is not None else None


def _text(doc: object) -> str:
    text = getattr(doc, "text", None) if doc is not None else None
    return text.strip() if isinstance(text, str) else ""


def _baseline(html: str | bytes) -> str:
    from trafilatura import baseline

    try:
        _tree, text, _length = baseline(html)
    except Exception:  # noqa: BLE001 - the baseline is a last resort; no text is fine
        return ""
    return (text or "").strip()


def _str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# Elements after which a fragment's text breaks into a new paragraph.
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section "
    "article header footer figure figcaption pre hr dd dt".split())


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML snippet (a feed entry's content), one paragraph per block.

    Feed snippets are too short for trafilatura's main-content heuristics, and they
    hold only the article anyway, so every text node is kept. Scripts and styles go.
    """
    if "<" not in fragment:
        return fragment.strip()
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath(".//script|.//style|.//noscript|.//iframe"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(node: object) -> None:
        tag = getattr(node, "tag", None)
        if isinstance(tag, str) and node.text:  # type: ignore[attr-defined]
            parts.append(node.text)  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            walk(child)
            if isinstance(child.tag, str) and child.tag.lower() in _BLOCKS:
                parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
