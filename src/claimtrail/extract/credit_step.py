"""The credit step of the extraction pipeline: who each figure is credited to.

Reads the parsed sentences, the quotations and the document's source book of a
``DocState`` (extract/pipeline.py) and sets each candidate's ``credit`` and ``source``:
in its own sentence first (attribution.py, verb_credits.py, side_credits.py), else the
speaker of its quotation (speech.py), else a credit carried through its paragraph or a
report named before it, else a bulletin's heading, else the learned model's pick
(credit_model.py). Split from pipeline.py, which runs it between reading the figures
and dating them.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimtrail.extract import (attribution, clauses, credit_model, side_credits, speech,
                                verb_credits)
from claimtrail.extract.lexicon import is_place
from claimtrail.models import Source

if TYPE_CHECKING:
    from claimtrail.extract.pipeline import Candidate, DocState

# How many paragraphs after a report or study is credited its figures still summarise it.
REPORT_CARRY_PARAGRAPHS = 3
# How many sentences after an "According to X," frame it still credits a sentence of
# its paragraph that names no one and does not point back ("This amounts to"). Measured
# on the dev split (eval/dev): 0 beats 1 and 2 pooled; the writers give the next facts
# of a paragraph no source.
FRAME_CARRY_SENTENCES = 0


def attribute_step(state: DocState) -> None:
    """Credit each figure: in its sentence, else its quotation's speaker, else the
    credit carried through the paragraph."""
    assert state.book is not None
    carried: dict[int, tuple[attribution.Credit, Source | None, int]] = {}
    report: tuple[attribution.Credit, Source | None, int] | None = None
    given: list[credit_model.Given] = []     # what the rules credited, for the model
    uncredited = 0                           # figures the rules left uncredited so far
    heading = _heading(state)
    for cand in state.candidates:
        doc = state.parses[cand.sentence.index]
        anchor = cand.reading.figure
        assert anchor is not None
        credit = attribution.find_credit(doc, anchor)
        if credit is not None and cand.sentence.start + credit.start < _dateline_end(state):
            credit = None         # "HONOLULU, Hawaii (HawaiiNewsNow) - ...": a place and an outlet
        source: Source | None = None
        if credit is None:
            credit = verb_credits.toll_credit(clauses.governing_verb(anchor), anchor)
        if credit is None or credit.pronoun in ("i", "we"):
            # "I can confirm a further 40 ...": the first person is the quotation's speaker
            credit = speech.quotation_credit(state, cand) or credit
        if credit is None:
            credit = attribution.trailing_credit(doc, anchor)
        if credit is None:
            credit = side_credits.per_credit(doc, anchor) or \
                side_credits.label_credit(doc, anchor) or \
                side_credits.parenthetical_credit(doc, anchor)
        if credit is None:
            credit, source = _carried(state, cand, carried)
            if credit is None and report is None:
                report = speech.speech_before(state, cand)
            if credit is None and report is not None and \
                    cand.sentence.paragraph - report[2] <= REPORT_CARRY_PARAGRAPHS:
                # "the agency's annual survey, published on Monday" named once: the figures
                # of the next paragraphs summarise it
                credit, source = _as_carried(report[0]), report[1]
        elif credit.named:
            source = _resolve(state, credit, cand.sentence.start + max(credit.start, 0))
        elif credit.report is not None:
            # "according to the Sunday report" after "the Sunday report of the General Staff"
            source = _report_source(state, credit.report)
        if credit is not None and credit.named and credit.report and source is not None:
            state.reports.setdefault(credit.report, source)
        if credit is None and heading is not None:
            credit, source = heading
        if credit is None:
            credit, source = _second_opinion(state, cand, given, uncredited)
            uncredited += 1
        elif source is not None:
            given.append(credit_model.Given(cand.sentence.index, cand.sentence.paragraph, source,
                                            credit.cue, figure=True))
        if credit is not None and cand.reading.unit == "magnitude":
            # a quake's magnitude describes the scene (figures.read_figure, measures.
            # scene_measure): no one's figure, even where the sentence credits its toll
            credit, source = None, None
        cand.credit, cand.source = credit, source
        if credit is not None and credit.cue not in ("carried", "model"):
            carried[cand.sentence.paragraph] = (credit, source, cand.sentence.index)
            report = (credit, source, cand.sentence.paragraph) if \
                attribution.names_a_report(credit) and source is not None else None
        if source is not None:
            state.book.remember(source)


# A wire dateline: a place in capitals, more of the place, the outlet in brackets, a dash
# ("HONOLULU, Hawaii (HawaiiNewsNow) -", "KYIV, March 3 (Reuters) -").
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'\- ]{2,40}(?:,[^\n()\-\u2013\u2014]{0,40})?"
                       r"(?:\s*\([^()\n]{1,40}\))?\s*[-\u2013\u2014]+\s")


def _dateline_end(state: DocState) -> int:
    match = _DATELINE.match(state.document.text or "")
    return match.end() if match else 0


def _heading(state: DocState) -> tuple[attribution.Credit, Source] | None:
    """A bulletin's issuer named in its heading (credit_model.heading_source), resolved."""
    credit = credit_model.heading_source(state.parses.get(0))
    source = _resolve(state, credit, max(credit.start, 0)) if credit is not None else None
    return (credit, source) if credit is not None and source is not None else None


def _report_source(state: DocState, key: str) -> Source | None:
    """Whose report 'the report' is: the one of that key, or for a bare 'the report' the
    last report of that kind named ("A recent report by the IEA's PVPS stated ... A
    further 17 manufacturers, according to the report, ...")."""
    if key in state.reports:
        return state.reports[key]
    if " " in key:
        return None
    same = [source for named, source in state.reports.items() if named.split()[-1] == key]
    return same[-1] if same else None


def _second_opinion(state: DocState, cand: Candidate, given: list[credit_model.Given],
                    uncredited: int) -> tuple[attribution.Credit | None, Source | None]:
    """For a figure no rule credits: the learned model's pick (credit_model.py)."""
    return credit_model.second_opinion(
        state, cand, given, uncredited, resolve=lambda credit, at: _resolve(state, credit, at),
        anaphoric=bool(_ANAPHORIC.match(cand.sentence.text)))


def _resolve(state: DocState, credit: attribution.Credit, at: int) -> Source | None:
    assert state.book is not None
    if credit.pronoun:
        return _pronoun(state, credit.pronoun, at)
    if not credit.mention:
        return None
    return state.book.canonical(credit.mention, via=credit.via, type_hint=credit_type(credit))


_ENTITY_TYPES = {"PERSON": "person", "GPE": "gpe", "ORG": "org", "NORP": "gpe", "LOC": "gpe"}


def credit_type(credit: attribution.Credit) -> str | None:
    if credit.entity:
        return _ENTITY_TYPES.get(credit.entity)
    return "gpe" if credit.mention and is_place(credit.mention) else None


def _pronoun(state: DocState, pronoun: str, at: int) -> Source | None:
    """'he'/'she' -> the last person credited before; 'they' -> the last credit of
    several names or of a body; 'it' -> the last body credited; 'we' and 'I' are the quotation's speaker (handled by
    the caller) and resolve to nothing here."""
    for offset, source in reversed(state.credits):
        if offset >= at:
            continue
        if pronoun in ("he", "she") and source.type == "person":
            return source
        if pronoun == "they" and (source.type != "person" or " and " in source.name):
            return source
        if pronoun == "it" and source.type != "person":
            return source             # "It documented 864 cases": the body or its report
    if pronoun in ("he", "she") and state.book is not None:
        # no credit before: the person named last in the text ("... Kuleba told
        # reporters on Monday. “...,” he said.")
        name = state.book.last_person_before(at)
        if name is not None:
            return state.book.canonical(name, type_hint="person")
    return None


# A sentence that opens by pointing back ("This amounts to", "The figure", "Of these")
# continues the previous one, so it keeps that sentence's credit.
_ANAPHORIC = re.compile(
    r"^[\"“]?(?:This|These|That|Those|Such|It|Of (?:these|those|them)|Among (?:them|these)|"
    r"The (?:figure|figures|number|numbers|toll|tally|estimate|casualties|losses|total|"
    r"count|data|latest))\b")


def _carried(state: DocState, cand: Candidate,
             carried: dict[int, tuple[attribution.Credit, Source | None, int]]
             ) -> tuple[attribution.Credit | None, Source | None]:
    """A credit given earlier in the same paragraph, for a sentence that gives none:
    an "According to X," frame carries to the end of the paragraph; "X said" only
    into sentences that point back to it ("This amounts to ...")."""
    found = carried.get(cand.sentence.paragraph)
    if found is not None and not found[0].frame and not _ANAPHORIC.match(cand.sentence.text):
        return None, None
    if found is not None and found[0].frame and not _ANAPHORIC.match(cand.sentence.text) and \
            cand.sentence.index - found[2] > FRAME_CARRY_SENTENCES:
        return None, None
    if found is None:
        # a frame in an earlier context sentence of the paragraph ("According to X, ...")
        for idx in range(cand.sentence.index - 1, -1, -1):
            sent = state.sentences[idx]
            if sent.paragraph != cand.sentence.paragraph or (
                    cand.sentence.index - idx > FRAME_CARRY_SENTENCES and
                    not _ANAPHORIC.match(cand.sentence.text)):
                break
            doc = state.parses.get(idx)
            frame = attribution.sentence_frame(doc) if doc is not None else None
            if frame is not None:
                src = _resolve(state, frame, sent.start + max(frame.start, 0)) if frame.named else None
                return _as_carried(frame), src
        return None, None
    credit, source, _ = found
    return (_as_carried(credit) if credit else None), source


def _as_carried(credit: attribution.Credit) -> attribution.Credit:
    return attribution.Credit(mention=credit.mention, named=credit.named, via=credit.via,
                              cue="carried", pronoun=credit.pronoun)
