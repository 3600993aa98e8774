"""Credits a document gives once for many figures: a speech or statement introduced with a
colon at the end of a paragraph ("President X said in his evening video address:"), whose
next paragraphs are the speaker's words with no "said" beside each figure. Reads the
document text, its sentences and the credits the pipeline indexed.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimtrail.extract import attribution
from claimtrail.models import Source

if TYPE_CHECKING:
    from claimtrail.extract.pipeline import Candidate, DocState

# How far back (characters) a speech introduction is looked for.
SPEECH_WINDOW = 3000


def speech_before(state: DocState, cand: Candidate, speaker: str, verb: str
                  ) -> tuple[attribution.Credit, Source | None, int] | None:
    """A speech or statement introduced with a colon at the end of an earlier paragraph,
    with no credit given between it and the figure: (credit, source, its paragraph)."""
    assert state.book is not None
    intro = re.compile(rf"{speaker}\s+{verb}\b[^.:\n\u201c\"]{{0,80}}:[ \t]*\n")
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
