"""Clean article text: furniture out, credit lines to ``origin``, headline to ``title``.

The same routine serves plain-text scrapes, record bodies (JSON, feeds) and the text
trafilatura extracts from HTML, so every format gets the same care.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from claimtrail.config import INGEST, IngestSettings
from claimtrail.ingest.furniture import (
    LineCounter,
    furniture_reason,
    is_category_label,
    is_curated_furniture,
    match_byline,
    match_origin,
)

# Bylines are only looked for among the first lines of the body.
_BYLINE_LINES = 3


@dataclass
class CleanResult:
    text: str                                  # paragraphs separated by a blank line
    title: str | None = None                   # the headline, when the text opened with one
    origin: str | None = None                  # the credited original source
    author: str | None = None                  # from a byline near the top
    dropped: list[tuple[str, str]] = field(default_factory=list)   # (line, why)


# Characters that only get in the way: zero-width marks and the BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = "[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# Runs to fold into one space, but not the single plain spaces between words: matching
# those too made re.sub build a piece per word (300 MB for a 16 MB line).
_INLINE_SPACE = re.compile(f" {_SPACES}+|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]{_SPACES}*")
# A line ends a paragraph when it ends a sentence (or a quote, a bracket, a colon).
_PARAGRAPH_END = re.compile(r"[.!?:;\"”’')\]…»]$")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]»]*$")


def normalise_text(text: str) -> str:
    """NFC, one newline convention, no invisible characters, single inline spaces."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return "\n".join(_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n"))


_MERGED_SENTENCES = re.compile(r"[a-z][.!?][A-Z]")   # "declared.Earlier": two run together


def looks_like_heading(line: str) -> bool:
    """A headline: 3-20 words, no sentence-final stop, not a caption or dateline.

    Strict on purpose: a line wrongly taken for the title leaves the body, so when in
    doubt the first line stays text.
    """
    if len(line) > 160:
        return False          # before splitting: the line may be megabytes long
    words = line.split()
    return (3 <= len(words) <= 20
            and not _SENTENCE_END.search(line)
            and not line.endswith((",", ";", ":", "—", "–", "-", ")"))
            and not _MERGED_SENTENCES.search(line)
            and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"))


def clean_text(text: str, *, counter: LineCounter | None = None,
               settings: IngestSettings = INGEST, detect_title: bool = True,
               known_title: str | None = None, normalised: bool = False) -> CleanResult:
    """Clean one document's text.

    ``counter`` holds the batch's recurring lines (None: curated list only).
    ``detect_title``: take the first line as the title when it looks like a headline
    and body text follows. ``known_title`` (from metadata) is dropped when the body
    repeats it as its first line. ``normalised``: ``text`` is ``normalise_text``'s
    output already (done where the text was read).
    """
    lines = (text if normalised else normalise_text(text)).split("\n")
    result = CleanResult(text="")
    first = next((i for i, ln in enumerate(lines) if ln), None)
    if first is None:
        return result
    start = first
    if known_title and _same_line(lines[first], known_title):
        result.dropped.append((lines[first], "repeats the title"))
        start = first + 1
    elif detect_title and looks_like_heading(lines[first]) and \
            not _is_furniture(lines[first], counter, settings) and \
            any(ln for ln in lines[first + 1:]):
        result.title = lines[first]
        start = first + 1

    kept: list[str] = []
    under_title = result.title is not None or start > first
    for line in lines[start:]:
        if not line:
            continue
        if under_title and not kept and is_category_label(line):
            # A lone "General" right under the headline is the site's section label.
            result.dropped.append((line, "category label under the title"))
            continue
        if len(kept) < _BYLINE_LINES and result.author is None:
            author = match_byline(line)
            if author:
                result.author = author
                result.dropped.append((line, "byline (kept as author)"))
                continue
        origin = match_origin(line)
        if origin:
            result.origin = result.origin or origin
            result.dropped.append((line, "credit line (kept as origin)"))
            continue
        why = _furniture_why(line, counter, settings)
        if why:
            result.dropped.append((line, why))
            continue
        kept.append(line)
    result.text = "\n\n".join(_join_broken_lines(kept))
    return result


def _is_furniture(line: str, counter: LineCounter | None, settings: IngestSettings) -> bool:
    return _furniture_why(line, counter, settings) is not None


def _furniture_why(line: str, counter: LineCounter | None,
                   settings: IngestSettings) -> str | None:
    if is_curated_furniture(line):
        return furniture_reason(line) or "curated furniture"
    if counter is not None and counter.recurring(line, settings.furniture_min_docs):
        return f"recurs in {settings.furniture_min_docs}+ documents of the batch"
    return None


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Mend paragraphs a scrape broke mid-sentence.

    A line that does not end a sentence, followed by one that starts in lower case,
    is the same paragraph ("...to fight violently" / "and even perish ...").
    """
    paragraphs: list[str] = []
    for line in lines:
        if paragraphs and not _PARAGRAPH_END.search(paragraphs[-1]) \
                and line[:1].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _same_line(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return " ".join(s.lower().split()).strip(" .:")
    return fold(a) == fold(b)
