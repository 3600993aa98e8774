"""The extraction pipeline: a document flows through small steps, in order.

Like a spaCy pipeline, each step reads some fields of a ``DocState`` and sets others
(declared on the ``Step``), so that the order is explicit and each step is testable
alone. The expensive step, parsing, is not per document: ``run`` streams the sentences
chosen by the steps before it through one ``nlp.pipe`` (batched, optionally on several
processes) and hands each document to the steps after it as soon as its sentences are
back. A document that fails comes out as a ``DocResult`` with a problem; the stream
goes on.

    split_sentences -> find_figures -> select_sentences -> [parse] ->
    index_credits -> read_figures -> attribute -> resolve_time -> locate -> derive -> build
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimtrail.extract import (attribution, credit_model, derived, figures, lists, measures,
                               place, singles, timex)
from claimtrail.extract.credit_step import attribute_step, credit_type
from claimtrail.extract.bounds import bounded
from claimtrail.extract.numbers import Quantity, find_quantities
from claimtrail.extract.projection import future_time, projected
from claimtrail.extract.segment import Quotation, Sentence, find_quotations, split_sentences
from claimtrail.extract.sources import SourceBook
from claimtrail.extract.subjects import anaphoric
from claimtrail.extract.totals import bare_total
from claimtrail.models import Claim, Document, IngestProblem, Source, TimeRef, Value

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "claimtrail-extract/1"
# How many earlier sentences of a paragraph are parsed for credits to carry or
# pronouns to resolve; only those with a reporting cue are parsed at all.
CONTEXT_SENTENCES = 4
_CUE = re.compile(r"\b(?:according to|said|says|told|tells|report(?:s|ed)?|estimat\w+|claim\w*|"
                  r"confirm\w*|announc\w+|indicat\w+|noted|notes|citing|assess\w*|stated|"
                  r"concluded|wrote|writes|added)\b", re.IGNORECASE)


# The report words of credit_model.header_source, as a cheap test before the parse.
_OPENING_REPORT = re.compile(r"\b(?:%s)s?\b" % "|".join(sorted(credit_model.REPORT_WORDS)),
                             re.IGNORECASE)


@dataclass
class Candidate:
    """One figure on its way to becoming a claim."""

    quantity: Quantity
    sentence: Sentence
    reading: figures.Reading
    source: Source | None = None
    credit: attribution.Credit | None = None
    time: timex.TimeExpr | None = None
    place: str | None = None
    derived: bool = False
    derived_from: str | None = None
    value: Value | None = None            # set for derived candidates


@dataclass
class DocState:
    """Everything the steps know about one document."""

    document: Document
    published: date | None = None
    sentences: list[Sentence] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    figures: dict[int, list[Quantity]] = field(default_factory=dict)   # sentence -> figures
    victim_sentences: set[int] = field(default_factory=set)   # may name one victim ("a farmer")
    to_parse: list[int] = field(default_factory=list)
    parses: dict[int, Doc] = field(default_factory=dict)
    book: SourceBook | None = None
    credits: list[tuple[int, Source]] = field(default_factory=list)    # (offset, source)
    reports: dict[str, Source] = field(default_factory=dict)    # "sunday report" -> its owner
    candidates: list[Candidate] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    with_derived: bool = True
    credit_trace: list[dict[str, Any]] | None = None   # the model's options (training)


@dataclass(frozen=True)
class Step:
    name: str
    reads: tuple[str, ...]
    sets: tuple[str, ...]
    func: Callable[[DocState], None]


@dataclass
class DocResult:
    """What the stream yields per document: its claims, or the problem that stopped it."""

    document: Document
    claims: list[Claim]
    problem: IngestProblem | None = None
    note: str | None = None        # a bound that applied (text cut): logged, not a failure
    credit_trace: list[dict[str, Any]] | None = None   # see credit_model.settings.trace


# --- steps before the parse ------------------------------------------------------------

def split_step(state: DocState) -> None:
    text = state.document.text or ""
    state.published = timex.parse_published(state.document.published)
    state.sentences = split_sentences(text)
    state.quotations = find_quotations(text)
    state.book = SourceBook.for_text(text)


def figures_step(state: DocState) -> None:
    """Figures of the number grammar, grouped by sentence; durations, money and the
    like are dropped here since they never make a claim."""
    starts = [s.start for s in state.sentences]
    for q in find_quantities(state.document.text or ""):
        if q.multiplier or not _claim_unit(q.unit):
            continue
        idx = bisect_right(starts, q.start) - 1
        if idx >= 0 and q.end <= state.sentences[idx].end and \
                not _LINK_LINE.match(state.sentences[idx].text) and \
                not measures.not_a_ledger_line(state.sentences[idx].text) and \
                not measures.an_age(state.document.text or "", q.start) and \
                not measures.a_name_not_a_count(state.document.text or "", q.start, q.end):
            state.figures.setdefault(idx, []).append(q)


# "SEE MORE: Hong Kong protests: 800 students under siege", "Read also: ...": a link to
# another story; its figures are that story's, not this page's.
_LINK_LINE = re.compile(r"^\W*(?:see more|read more|read also|also read|related|watch|more on this)"
                        r"\s*[:|]", re.IGNORECASE)


def _claim_unit(unit: str | None) -> bool:
    return not measures.is_time_unit(unit)


def select_step(state: DocState) -> None:
    """Sentences with figures or that may name one victim ("a farmer was killed"), and the
    earlier sentences of their paragraph that carry a reporting cue (credits carried
    forward, pronouns, 'the ministry')."""
    chosen: set[int] = set()
    starts = [s.start for s in state.sentences]
    state.victim_sentences = {i for i, s in enumerate(state.sentences)
                              if i not in state.figures and singles.may_name_victim(s.text)}
    for idx in sorted({*state.figures, *state.victim_sentences}):
        chosen.add(idx)
        para = state.sentences[idx].paragraph
        for back in range(idx - 1, max(idx - 1 - CONTEXT_SENTENCES, -1), -1):
            prev = state.sentences[back]
            if prev.paragraph != para:
                break
            if _CUE.search(prev.text):
                chosen.add(back)
        # a quotation's speaker may be named just before it, across a paragraph break
        sentence = state.sentences[idx]
        for quote in state.quotations:
            if quote.start <= sentence.start < quote.end or sentence.start <= quote.start < sentence.end:
                before = bisect_right(starts, quote.start) - 2
                if before >= 0 and _CUE.search(state.sentences[before].text):
                    chosen.add(before)
    if chosen and state.sentences and (_CUE.search(state.sentences[0].text) or
                                       _OPENING_REPORT.search(state.sentences[0].text)):
        # the opening may name the report all figures come from, or credit what follows;
        # an opening with neither a reporting word nor a report word gives nothing to the
        # steps after the parse (a sixth of the parses of ukraine-news, saved)
        chosen.add(0)
    state.to_parse = sorted(chosen)


# --- steps after the parse -------------------------------------------------------------

def index_credits_step(state: DocState) -> None:
    """Every credit the parsed sentences give, in text order, for pronouns, definite
    descriptions and carrying."""
    assert state.book is not None
    for idx in sorted(state.parses):
        doc = state.parses[idx]
        offset = state.sentences[idx].start
        for tok in doc:
            credit = None
            if tok.lower_ == "according":
                credit = attribution.sentence_frame(doc)
            elif tok.pos_ == "VERB" and tok.lemma_.lower() in attribution.REPORTING_VERBS:
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is not None and attribution.can_credit(subj):
                    credit = attribution.credit_from(subj, cue="verb")
            if credit is not None and credit.named and not credit.pronoun and credit.mention:
                source = state.book.canonical(credit.mention, type_hint=credit_type(credit))
                state.credits.append((offset + tok.idx, source))
                state.book.remember(source)


def read_step(state: DocState) -> None:
    for idx in sorted({*state.figures, *state.victim_sentences}):
        doc = state.parses.get(idx)
        if doc is None:
            continue
        sentence = state.sentences[idx]
        previous: Candidate | None = None
        read = [(q, figures.read_figure(doc, q, sentence.start)) for q in state.figures.get(idx, [])]
        taken = [(q.start, q.end) for q in state.figures.get(idx, [])]
        read += [(q, r) for q, r in [*singles.single_victims(doc, sentence.start),
                                     *singles.one_of_victims(doc, sentence.start)]
                 if not any(a <= q.start < b for a, b in taken)]
        read.sort(key=lambda item: item[0].start)
        lists.share_casualty_kind([reading for _, reading in read])
        for q, reading in read:
            if reading.figure is None:
                continue
            cand = Candidate(q, sentence, reading)
            if reading.kind in ("other", "people") or (
                    previous is not None and singles.divides_the_figure_before(previous, sentence, q)):
                # "two of them critically", "among them three ...", "864 cases of detention
                # - 763 men, 94 women and seven boys"; "212 have died and 1,038 have been
                # injured, 96 of them critically": the figure right before, whatever the
                # clause the parser hung the part on
                singles.take_kind_of_whole(state.candidates, sentence, q, reading)
            if reading.claim and reading.subject is None and previous is not None \
                    and reading.noun is None:
                reading.subject = previous.reading.subject   # "... and more than 2,700 injured"
            if not reading.claim and previous is not None:
                figures.inherit_from_partner(reading, previous.reading)
            if not reading.claim and reading.figure is not None and bare_total(reading.figure):
                _continue_total(state, sentence, reading, previous)
            by_rule = reading.claim and reading.why != "a measure"
            measures.fallback_other(reading, q)
            if reading.claim and reading.kind == "other" and reading.noun is None and \
                    previous is not None and previous.reading.kind != "other" and \
                    earlier_value(doc, reading.figure):
                # "has climbed to 612, up from 384 a day earlier": the earlier value of
                # the figure before counts what it counts
                reading.kind, reading.subject = previous.reading.kind, previous.reading.subject
                reading.unit = previous.reading.unit
            if reading.claim and reading.kind != "other" and reading.unit == "people" and \
                    anaphoric(reading.noun):
                reading.subject = _named_group(state, idx, reading.subject)
            if reading.claim or reading.share_of is not None or reading.why.startswith("comparison"):
                state.candidates.append(cand)
            if by_rule:
                previous = cand


_EARLIER = re.compile(r"\b(?:(?:up|down|higher|lower|rising|falling|revised)\s+from|"
                      r"compared\s+(?:with|to)|up\s+on)(?:\s+(?:a|an|the)"
                      r"(?:\s+(?:previous|earlier|initial))?)?\s*$", re.IGNORECASE)


def earlier_value(doc, figure) -> bool:
    """'..., up from 384', 'down from', 'compared with 41 a week ago': the words before a
    figure mark it as an earlier value of the figure before it."""
    before = doc.text[:figure.idx - doc[0].idx]
    return bool(_EARLIER.search(before[-40:]))


def _continue_total(state: DocState, sentence: Sentence, reading: figures.Reading,
                    previous: Candidate | None) -> None:
    """'400,000 Russian soldiers took part ..., but soon this number may increase to
    500,000': a new value of a total named only as "this number" counts what the figure
    before it in the sentence, else in the paragraph, counts."""
    before = previous
    if before is None and state.candidates and \
            state.candidates[-1].sentence.paragraph == sentence.paragraph:
        before = state.candidates[-1]
    if before is None or before.reading.share_of is not None or not before.reading.claim:
        return
    reading.kind, reading.subject = before.reading.kind, before.reading.subject
    reading.unit, reading.claim = before.reading.unit, True
    reading.why = "a new value of the total before"


_GROUP = re.compile(
    r"\b(North Korean|South Korean|Russian|Ukrainian|Belarusian|Chechen|American|US|U\.S\.|"
    r"British|Polish|Iranian|Chinese|Israeli|NATO|Nato|Western|Allied)\s+(?:[a-z]+\s+)?"
    r"(troops|soldiers|forces|servicemen|fighters|units|military|army|personnel)\b")


def _named_group(state: DocState, idx: int, subject: str | None) -> str | None:
    """'these troops' -> 'North Korean troops': the group the sentence before names
    last (a demonstrative points to the nearest mention)."""
    if not subject or any(w[:1].isupper() for w in subject.split()) or idx == 0:
        return subject
    groups = list(_GROUP.finditer(state.sentences[idx - 1].text))
    if not groups:
        return subject
    return f"{groups[-1].group(1)} {subject}"


def time_step(state: DocState) -> None:
    cache: dict[int, list[timex.TimeExpr]] = {}
    for cand in state.candidates:
        idx = cand.sentence.index
        if idx not in cache:
            cache[idx] = timex.find_times(cand.sentence.text, state.published)
        cand.time = _choose_time(state, cand, cache[idx])
        figure = cand.reading.figure
        verb = projected(figure) if figure is not None and cand.time is None else None
        if verb is not None:
            cand.time = future_time(verb, state.published)   # "this number may increase to"


def _choose_time(state: DocState, cand: Candidate, times: list[timex.TimeExpr]) -> timex.TimeExpr | None:
    """The time expression on the figure's own branch of the tree: attached to its
    noun or to a verb above it, and not inside another figure's noun phrase."""
    if not times:
        return None
    doc = state.parses[cand.sentence.index]
    anchor = cand.reading.noun or cand.reading.figure
    assert anchor is not None
    others = [c.reading.noun for c in state.candidates
              if c.sentence is cand.sentence and c is not cand and c.reading.noun is not None
              and c.reading.noun != anchor]
    chain = [anchor, *anchor.ancestors]
    # coordinated clauses with their own subject keep their own times ("announced the
    # death of 10 generals in August last year, and ... since February 2023, 20 generals
    # were killed")
    clauses = [t for t in doc if attribution.own_clause(t)]
    best: tuple[int, int, timex.TimeExpr] | None = None
    for expr in times:
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if any((root in c.subtree) != (anchor in c.subtree) for c in clauses):
            continue
        if any(root in o.subtree for o in others if o not in chain) and root not in anchor.subtree:
            continue
        reduced = root.head.tag_ in ("VBN", "VBD") and root.head.i == anchor.i + 1 and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.head.children)
        if root in anchor.subtree or reduced:
            # a modifier of the counted noun itself, also when the parser hangs a
            # reduced relative ("troops dispatched the previous year") on the verb
            rank = 0
        else:
            rank = chain.index(root.head) + 1 if root.head in chain else len(chain) + 2
        distance = abs(span.start - anchor.i)
        if best is None or (rank, distance) < best[:2]:
            best = (rank, distance, expr)
    return best[2] if best else None


def place_step(state: DocState) -> None:
    for cand in state.candidates:
        doc = state.parses[cand.sentence.index]
        anchor = cand.reading.noun or cand.reading.figure
        assert anchor is not None
        cand.place = place.find_place(doc, anchor)


def derive_step(state: DocState) -> None:
    state.candidates.extend(derived.derive(state.candidates))


def build_step(state: DocState) -> None:
    for cand in sorted(state.candidates, key=lambda c: (c.quantity.start, c.derived)):
        if not cand.reading.claim or (cand.derived and not state.with_derived):
            continue
        q = cand.quantity
        value = cand.value or measures.printed_value(cand.quantity, cand.reading)
        time = TimeRef(cand.time.text, cand.time.begin, cand.time.finish) if cand.time else None
        state.claims.append(Claim(
            doc=state.document.id, sentence=cand.sentence.text, value=value,
            unit=cand.reading.unit, kind=cand.reading.kind, subject=cand.reading.subject,
            source=cand.source, time=time, place=cand.place, span=(q.start, q.end),
            sentence_span=(cand.sentence.start, cand.sentence.end), quote=q.text,
            derived=cand.derived, derived_from=cand.derived_from))


BEFORE_PARSE: tuple[Step, ...] = (
    Step("split_sentences", ("document",), ("published", "sentences", "quotations", "book"), split_step),
    Step("find_figures", ("document", "sentences"), ("figures",), figures_step),
    Step("select_sentences", ("sentences", "figures"), ("to_parse",), select_step),
)
AFTER_PARSE: tuple[Step, ...] = (
    Step("index_credits", ("parses", "book"), ("credits",), index_credits_step),
    Step("read_figures", ("figures", "parses"), ("candidates",), read_step),
    Step("attribute", ("candidates", "parses", "quotations", "credits", "book"), ("candidates.source",), attribute_step),
    Step("resolve_time", ("candidates", "published"), ("candidates.time",), time_step),
    Step("locate", ("candidates", "parses"), ("candidates.place",), place_step),
    Step("derive", ("candidates",), ("candidates",), derive_step),
    Step("build", ("candidates",), ("claims",), build_step),
)


def _run_steps(state: DocState, steps: Iterable[Step]) -> None:
    for step in steps:
        step.func(state)


def run(documents: Iterable[Document], nlp: Language, *, n_process: int = 1,
        batch_size: int = 64, with_derived: bool = True) -> Iterator[DocResult]:
    """Stream documents through the pipeline; one DocResult per document, in order.

    A long text goes through in windows (extract/bounds.py), so that time and memory
    grow linearly with its length; the text past the configured cap is not read, and
    its DocResult says so in ``note``."""
    return bounded(documents, lambda pieces: _run_stream(
        pieces, nlp, n_process=n_process, batch_size=batch_size, with_derived=with_derived))


def _run_stream(documents: Iterable[Document], nlp: Language, *, n_process: int,
                batch_size: int, with_derived: bool) -> Iterator[DocResult]:
    pending: deque[DocState | DocResult] = deque()
    by_key: dict[int, DocState] = {}
    counter = iter(range(1 << 62))

    def sentences() -> Iterator[tuple[str, tuple[int, int]]]:
        for document in documents:
            state = DocState(document, with_derived=with_derived,
                             credit_trace=[] if credit_model.settings.trace else None)
            try:
                _run_steps(state, BEFORE_PARSE)
            except Exception as exc:  # one bad document must not stop the stream
                log.exception("extract failed before parsing %s", document.id)
                pending.append(_failed(document, exc))
                continue
            key = next(counter)
            by_key[key] = state
            pending.append(state)
            for idx in state.to_parse:
                yield state.sentences[idx].text, (key, idx)

    stream = nlp.pipe(sentences(), as_tuples=True, n_process=n_process, batch_size=batch_size)
    for parsed, (key, idx) in stream:
        state = by_key.get(key)
        if state is None:
            continue
        while pending and pending[0] is not state:
            yield _finish(pending.popleft(), by_key)
        state.parses[idx] = parsed
        if len(state.parses) == len(state.to_parse) and pending and pending[0] is state:
            yield _finish(pending.popleft(), by_key)
    while pending:
        yield _finish(pending.popleft(), by_key)


def _finish(item: DocState | DocResult, by_key: dict[int, DocState]) -> DocResult:
    if isinstance(item, DocResult):
        return item
    for key, state in list(by_key.items()):
        if state is item:
            del by_key[key]
            break
    try:
        _run_steps(item, AFTER_PARSE)
    except Exception as exc:
        log.exception("extract failed on %s", item.document.id)
        return _failed(item.document, exc)
    return DocResult(item.document, item.claims, credit_trace=item.credit_trace)


def _failed(document: Document, exc: BaseException) -> DocResult:
    reason = f"claim extraction failed: {type(exc).__name__}: {exc}"
    return DocResult(document, [], IngestProblem(document.input or document.id, reason,
                                                 stage="extract"))


def describe() -> list[dict[str, Any]]:
    """The steps in order with what each reads and sets (for docs and debugging)."""
    steps = [*BEFORE_PARSE, Step("parse", ("to_parse",), ("parses",), lambda s: None), *AFTER_PARSE]
    return [{"name": s.name, "reads": list(s.reads), "sets": list(s.sets)} for s in steps]
