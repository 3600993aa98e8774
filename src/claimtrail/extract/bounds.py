"""Bounded work per document: a long text is extracted window by window.

On an article every extraction step is cheap, but some steps look at all the
sentences, quotations or credits of a document for each figure, and the parses of a
document are held until it is finished. On one 16 MB line of prose that was quadratic
time and gigabytes of memory. So a text longer than ``EXTRACT.window_chars`` goes
through the pipeline as consecutive windows, each cut at a line break, else after a
sentence, else at a space; the claims come back as one document's, with offsets into
the whole text. Context does not cross a window edge (a credit given in one window is
not carried into the next), which only matters for texts far longer than an article.

Text past ``EXTRACT.max_document_chars`` is not extracted, and the result says so in
``DocResult.note`` (logged by the store, printed by ``claimtrail extract``).
"""
from __future__ import annotations

import dataclasses
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimtrail.config import EXTRACT, ExtractSettings
from claimtrail.models import Claim, Document

if TYPE_CHECKING:
    from claimtrail.extract.pipeline import DocResult

# The end of a sentence followed by its space: a window edge that splits no sentence.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+")


def cut_at(text: str, lo: int, hi: int) -> int:
    """The best place in ``(lo, hi]`` to cut ``text``: after the last line break, else
    after the last sentence end, else after the last space, else ``hi`` itself."""
    newline = text.rfind("\n", lo, hi)
    if newline >= 0:
        return newline + 1
    last = None
    for last in _SENTENCE_END.finditer(text, lo, hi):
        pass
    if last is not None:
        return last.end()
    space = max(text.rfind(" ", lo, hi), text.rfind("\t", lo, hi))
    return space + 1 if space >= 0 else hi


def windows(text: str, settings: ExtractSettings = EXTRACT) -> tuple[list[tuple[int, int]], int]:
    """(start, end) of each window of ``text``, and where extraction stops (the length
    of the text, or a cut at most ``max_document_chars`` in)."""
    size = max(2, settings.window_chars)
    limit = max(size, settings.max_document_chars)
    stop = len(text) if len(text) <= limit else cut_at(text, limit - size // 2, limit)
    spans: list[tuple[int, int]] = []
    start = 0
    while stop - start > size:
        end = cut_at(text, start + size // 2, start + size)
        spans.append((start, end))
        start = end
    spans.append((start, stop))
    return spans, stop


@dataclass
class _Plan:
    document: Document
    spans: list[tuple[int, int]]
    note: str | None


Runner = Callable[[Iterable[Document]], Iterator["DocResult"]]


def bounded(documents: Iterable[Document], run: Runner,
            settings: ExtractSettings = EXTRACT) -> Iterator[DocResult]:
    """``run`` (a stream of documents to DocResults, in order) over the windows of
    long documents; one merged DocResult per document, in order."""
    plans: deque[_Plan] = deque()

    def pieces() -> Iterator[Document]:
        for doc in documents:
            text = doc.text or ""
            if len(text) <= settings.window_chars and len(text) <= settings.max_document_chars:
                plans.append(_Plan(doc, [(0, len(text))], None))
                yield doc
                continue
            spans, stop = windows(text, settings)
            note = None
            if stop < len(text):
                note = (f"text is {len(text):,} characters, over the extraction cap of "
                        f"{settings.max_document_chars:,} (config ExtractSettings."
                        f"max_document_chars): claims were read from the first {stop:,} only")
            plans.append(_Plan(doc, spans, note))
            for start, end in spans:
                yield dataclasses.replace(doc, text=text[start:end])

    results = run(pieces())
    for first in results:
        plan = plans.popleft()
        if len(plan.spans) == 1 and plan.note is None:
            yield first
            continue
        parts = [first, *(next(results) for _ in plan.spans[1:])]
        yield _merge(plan, parts)


def _merge(plan: _Plan, parts: list[DocResult]) -> DocResult:
    claims: list[Claim] = []
    problem = None
    for (start, _end), part in zip(plan.spans, parts):
        claims.extend(_shifted(claim, start) for claim in part.claims)
        if part.problem is not None and problem is None:
            problem = dataclasses.replace(
                part.problem, reason=f"{part.problem.reason} (in the window from character "
                                     f"{start:,})")
    return dataclasses.replace(parts[0], document=plan.document, claims=claims,
                               problem=problem, note=plan.note)


def _shifted(claim: Claim, offset: int) -> Claim:
    if offset:
        if claim.span is not None:
            claim.span = (claim.span[0] + offset, claim.span[1] + offset)
        if claim.sentence_span is not None:
            claim.sentence_span = (claim.sentence_span[0] + offset,
                                   claim.sentence_span[1] + offset)
    return claim
