"""Safe rendering helpers shared by the pages and the HTML export.

Article text is untrusted. Nothing here produces markup from it: templates get plain
strings (Jinja2 autoescapes them), JSON for <script type="application/json"> is escaped
so it cannot close the element, and links are only ever http(s) or our own paths.
"""
from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

from claimtrail.reconcile.wording import claim_value_words, value_words

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


def safe_json(data: Any) -> str:
    """JSON that is inert inside an HTML <script> element (and valid JavaScript)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                      default=str).translate(_JSON_ESCAPES)


def http_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, else None (javascript:, data:, ...)."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if any(ord(ch) < 0x20 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def doc_path(doc_id: str, claim_id: int | None = None) -> str:
    """Our page for a document; ids are URLs or hold '#', so every character is quoted."""
    path = "/documents/" + quote(str(doc_id), safe="")
    if claim_id is not None:
        path += f"?claim={int(claim_id)}#claim-{int(claim_id)}"
    return path


@dataclass
class Highlight:
    """A document's text cut around one claim: before, the sentence (with the figure
    inside it) and after. Each piece is plain text; the template marks the middle."""

    before: str
    lead: str       # sentence text before the figure
    figure: str     # the figure's own words
    tail: str       # sentence text after the figure
    after: str
    exact: bool     # True when the stored offsets matched the text


def highlight(text: str, claim: dict[str, Any]) -> Highlight | None:
    """Split ``text`` at the claim's sentence, trusting offsets only when they match."""
    sentence = claim.get("sentence") or ""
    s_span = claim.get("sentence_span")
    start = end = None
    exact = False
    if s_span and _valid(s_span, len(text)) and text[s_span[0]:s_span[1]].strip():
        start, end = s_span
        exact = text[start:end].strip() == sentence.strip() if sentence else True
    if not exact and sentence:
        found = text.find(sentence)
        if found >= 0:
            start, end, exact = found, found + len(sentence), True
    f_span = claim.get("span")
    if start is None and f_span and _valid(f_span, len(text)):
        # No sentence to hang on: mark the figure alone.
        start, end = f_span
    if start is None or end is None:
        return None
    fig_start = fig_end = start
    if f_span and _valid(f_span, len(text)) and start <= f_span[0] and f_span[1] <= end:
        fig_start, fig_end = f_span
    return Highlight(before=text[:start], lead=text[start:fig_start],
                     figure=text[fig_start:fig_end], tail=text[fig_end:end],
                     after=text[end:], exact=exact)


def _valid(span: Any, length: int) -> bool:
    return (isinstance(span, (list, tuple)) and len(span) == 2
            and all(isinstance(x, int) for x in span) and 0 <= span[0] < span[1] <= length)


# --- formatting ----------------------------------------------------------------------
QUALIFIER_WORDS = {"exact": "", "approx": "about ", "at_least": "at least ",
                   "at_most": "at most ", "vague": ""}


def fmt_number(x: float | None) -> str:
    if x is None:
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def fmt_value(value: dict[str, Any] | None) -> str:
    """{"low": 5000, "high": None, "qualifier": "at_least"} -> "at least 5,000"."""
    if not value:
        return ""
    low, high, q = value.get("low"), value.get("high"), value.get("qualifier") or "exact"
    if low is None and high is None:
        return "unspecified (vague)" if q == "vague" else "unspecified"
    if low is not None and high is not None and low != high:
        text = f"{fmt_number(low)}–{fmt_number(high)}"
        return ("about " + text) if q == "approx" else text
    if high is None:
        return f"{QUALIFIER_WORDS.get(q) or 'at least '}{fmt_number(low)}"
    if low is None:
        return f"{QUALIFIER_WORDS.get(q) or 'at most '}{fmt_number(high)}"
    return f"{QUALIFIER_WORDS.get(q, '')}{fmt_number(low)}"


def display_title(doc: dict[str, Any] | None, doc_id: str = "") -> str:
    """A document as a reader knows it: its title, else its lead sentence (never a file
    name when there is text to go by)."""
    doc = doc or {}
    title = (doc.get("title") or "").strip()
    if title:
        return title
    lead = " ".join(str(doc.get("lead") or "").split())
    if lead:
        cut = re.search(r"(?<=[.!?])[\"”’]?\s", lead)
        first = lead[:cut.start() + 1] if cut else lead
        if len(first) > 110:
            first = first[:110].rsplit(" ", 1)[0] + " …"
        return first
    return doc_id or str(doc.get("id") or "")


def estimate_words(e: dict[str, Any], var: dict[str, Any]) -> str:
    return value_words(e.get("low"), e.get("high"), e.get("qualifier"), var.get("unit"),
                       share=bool(var.get("share")))


def as_of(claim: dict[str, Any]) -> str | None:
    if claim.get("as_of"):
        return claim["as_of"]
    time = claim.get("time") or {}
    return time.get("end") or time.get("start")


def flag_badges(flags: list[str] | None, section: int | str = "",
                listed: Collection[str] | None = None) -> list[dict[str, str]]:
    """["conflict:3", "check:2", "derived"] -> badges with a kind, a label and, for the
    conflicts and checks listed on the page under the variable (``section``; ``listed``
    holds their anchors), an in-page anchor."""
    out = []
    for flag in flags or []:
        kind, _, ident = str(flag).partition(":")
        anchor = finding_anchor(kind, section, ident) if ident else ""
        if kind not in ("conflict", "check") or (listed is not None and anchor not in listed):
            anchor = ""
        out.append({"kind": kind if kind in ("conflict", "check", "copy", "derived")
                    else "other", "label": str(flag), "anchor": anchor})
    return out


def finding_anchor(kind: str, section: int | str, ident: Any) -> str:
    """Element id of a conflict or check; a check shared by three variables is listed
    under each, so the id carries the variable's section number to stay unique."""
    return f"{kind}-{section}-{ident}"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.Undefined)
    # safe_json output is escaped for <script> raw text, where entities would not decode.
    env.filters.update(safe_json=lambda data: Markup(safe_json(data)), http_url=http_url, fmt_value=fmt_value,
                       fmt_number=fmt_number, flag_badges=flag_badges, as_of=as_of,
                       estimate_words=estimate_words, value_words=claim_value_words,
                       display_title=display_title)
    env.globals.update(doc_path=doc_path, finding_anchor=finding_anchor)
    return env
