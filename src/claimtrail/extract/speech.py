"""Credits of spoken words: the speaker of the quotation a figure stands in ("..., he
said", a dash line under it, "X said:" before it, the speaker of the quotation before
it), and credits a document gives once for many figures: a speech or statement
introduced with a colon at the end of a paragraph ("President X said in his evening
video address:"), whose next paragraphs are the speaker's words with no "said" beside
each figure. Reads the document text, its sentences and the credits the pipeline indexed.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from claimtrail.extract import attribution
from claimtrail.extract.side_credits import TRANSCRIPT_ROLES
from claimtrail.models import Source

if TYPE_CHECKING:
    from claimtrail.extract.pipeline import Candidate, DocState

# How far back (characters) a speech introduction is looked for.
SPEECH_WINDOW = 3000

_SPEECH = r"(?:said|says|told|added|wrote|writes|stated|noted|explained|stressed|warned|claimed|insisted|reported|reports|announced)"
# a speaker's name stays on its line: "says Taranenko.\n\nDiscovering the country" names
# Taranenko, not "Taranenko. Discovering"
_SPEAKER = r"((?:[A-Z][\w'’.\-]*[ \t\u00a0]+){0,4}[A-Z][\w'’\-]*|(?:an?|the)\s+(?:[\w'’\-]+\s+){0,3}[\w'’\-]+|he|she|they)"
_AFTER_QUOTE = re.compile(rf"^\s*,?\s*(?:{_SPEECH}\s+{_SPEAKER}|{_SPEAKER}\s+{_SPEECH})\b|^\s*\n?\s*[–—-]\s*{_SPEAKER}\s*$", re.MULTILINE)
_BEFORE_QUOTE = re.compile(rf"{_SPEAKER}\s+{_SPEECH}(?:\s+[\w\s]{{0,30}}?)?\s*[:,]\s*$")


def quotation_credit(state: DocState, cand: Candidate) -> attribution.Credit | None:
    """The speaker of the quotation holding the figure: 'X said' right after it, a
    dash line under it, or 'X said:' right before it."""
    text = state.document.text
    pos = cand.quantity.start
    for quote in state.quotations:
        if not quote.start <= pos < quote.end:
            continue
        after = _AFTER_QUOTE.match(text[quote.end:quote.end + 120])
        before = _BEFORE_QUOTE.search(text[max(0, quote.start - 160):quote.start])
        match = after or before
        if match is None:
            return _speaker_label(text, quote.start) or _speaker_before(state, quote.start)
        speaker = next(g for g in match.groups() if g)
        if speaker.lower() in ("he", "she", "they"):
            return attribution.Credit(mention=speaker, named=True, cue="quote",
                                      pronoun=speaker.lower(), start=0)
        return attribution.Credit(mention=speaker, named=True, cue="quote", start=0)
    return None


# A transcript's or statement's speaker label before its quotation: "Governor Musa Idoko,
# press briefing in Lokoja, 4 October (transcript excerpt): “...", "COL. JANE DOE: "...",
# "Statement by regional governor Andriy Moroz, posted at 08:10: "...".
_LABEL = re.compile(r"([^\n“\"”]{2,160}?):[ \t]*$")
_LABEL_LEAD = re.compile(r"^(?:(?:full\s+)?(?:statement|remarks|speech|address|comments|"
                         r"briefing|message|transcript)\s+(?:by|of|from)\s+)", re.IGNORECASE)
# Labels of a transcript that are no speaker.
_NOT_SPEAKERS = TRANSCRIPT_ROLES | {"questions", "reporters", "host", "transcript", "excerpt",
                                    "update", "note", "editor's note", "source", "sources",
                                    "audience", "voice"}


def _speaker_label(text: str, quote_start: int) -> attribution.Credit | None:
    """The speaker a label names right before the quotation, on its line."""
    line_start = text.rfind("\n", 0, quote_start) + 1
    match = _LABEL.search(text, line_start, quote_start)
    if match is None:
        return None
    label = match.group(1)
    # the label starts after the last sentence end before it ("... (excerpt). COL. X:"),
    # a title's full stop ("Lt. Gen. Dwi Prasetyo") being no sentence end
    ends = [m.end() for m in re.finditer(r"[.!?)]\s+(?=[A-Z])", label)
            if not re.search(r"\b[A-Z][a-z]{0,3}\.$", label[:m.start() + 1])]
    label = label[ends[-1]:] if ends else label
    label = re.sub(r"\([^()]*\)", " ", label)
    name = _LABEL_LEAD.sub("", label.split(",")[0].strip()).strip()
    words = name.split()
    if not words or len(words) > 8 or name.lower() in _NOT_SPEAKERS or \
            not any(w[:1].isupper() for w in words):
        return None
    if name.isupper():
        name = name.title()           # "COL. SAMUEL ADEYEMI" -> "Col. Samuel Adeyemi"
    return attribution.Credit(mention=name, named=True, cue="quote", start=0)


_SAID_AFTER_QUOTE = re.compile(rf"[”\"]\s*,?\s*(he|she|He|She)\s+{_SPEECH}\.?\s*$")


def _speaker_before(state: DocState, quote_start: int) -> attribution.Credit | None:
    """A quotation standing alone after a sentence that credits someone ("Zelenskyy
    said the situation was grave. “Currently, 11,000 ...”"): that someone speaks."""
    starts = [s.start for s in state.sentences]
    idx = bisect_right(starts, quote_start) - 1
    if idx < 1:
        return None
    prev = state.sentences[idx - 1]
    found = [src for off, src in state.credits if prev.start <= off < prev.end]
    if not found:
        # the quotation before ended "..., he said.": the same speaker goes on
        said = _SAID_AFTER_QUOTE.search(prev.text)
        if said is not None:
            pronoun = said.group(1).lower()
            return attribution.Credit(mention=said.group(1), named=True, cue="quote",
                                      pronoun=pronoun, start=0)
        return None
    source = found[-1]
    return attribution.Credit(mention=source.mention or source.name, named=True, cue="quote",
                              start=0)

_SPEECH_INTRO = re.compile(rf"{_SPEAKER}\s+{_SPEECH}\b[^.:\n\u201c\"]{{0,80}}:[ \t]*\n")


def speech_before(state: DocState, cand: Candidate
                  ) -> tuple[attribution.Credit, Source | None, int] | None:
    """A speech or statement introduced with a colon at the end of an earlier paragraph,
    with no credit given between it and the figure: (credit, source, its paragraph)."""
    assert state.book is not None
    intro = _SPEECH_INTRO
    text = state.document.text or ""
    start = max(0, cand.sentence.start - SPEECH_WINDOW)
    last = None
    for match in intro.finditer(text, start, cand.sentence.start):
        last = match
    if last is None or last.group(1).lower() in ("he", "she", "they"):
        return None
    if any(last.end() <= offset < cand.sentence.start for offset, _ in state.credits):
        return None
    para = next((s.paragraph for s in state.sentences if s.start >= last.end()), None)
    if para is None:
        return None
    mention = re.sub(r"^(?:an?|the)\s+", "", last.group(1).strip(), flags=re.IGNORECASE)
    credit = attribution.Credit(mention=mention, named=True, cue="carried")
    return credit, state.book.canonical(mention), para
