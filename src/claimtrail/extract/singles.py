"""Figures the number grammar cannot see: one victim named by an article ("a farmer was
killed", "killing a Buddhist monk and a soldier", "shooting dead a police officer"), and
the kind of a partitive figure ("two of them", "among them three firefighters").

A singular person noun with "a"/"an" is a figure of 1 only when its own clause puts it in a
casualty kind (killed, wounded, missing, captured): "a police officer said" or "a farmer
from the village" are no count. Reads a parsed sentence; returns readings and quantities
for the pipeline to treat as any other figure.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Token

from claimtrail.extract.clauses import clause_kind, partitive, spared_subject
from claimtrail.extract.figures import Reading, decide_kind
from claimtrail.extract.predicates import predicates_of
from claimtrail.extract.nouns import CASUALTY_KINDS, looks_like_people
from claimtrail.extract.numbers import Quantity
from claimtrail.extract.subjects import noun_phrase

_ARTICLES = {"a", "an"}
_VICTIM_CUE = re.compile(r"\b(?:an?|one)\b.{0,160}?\b(?:kill|die|dead|death|wound|injur|hurt|"
                         r"abduct|kidnap|arrest|detain|missing|shot|stabb|behead|murder|"
                         r"hostage|captur|seiz|deceas|fighting for)", re.IGNORECASE | re.DOTALL)


def may_name_victim(text: str) -> bool:
    """A cheap test, before the parse, that a sentence may name one victim."""
    return bool(_VICTIM_CUE.search(text))
# A victim of one is counted only in these kinds; "casualties" needs a number.
_SINGLE_KINDS = ("killed", "wounded", "missing", "captured")


def single_victims(doc: Doc, offset: int) -> list[tuple[Quantity, Reading]]:
    """Each 'a/an + person noun' of the sentence whose clause makes it a victim."""
    out: list[tuple[Quantity, Reading]] = []
    for det in doc:
        if det.lower_ not in _ARTICLES or det.dep_ != "det":
            continue
        noun = det.head
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or not looks_like_people(noun):
            continue
        if noun.dep_ in ("attr",) or any(c.dep_ == "poss" for c in noun.children):
            continue                      # "she was a nurse": a description, not a count
        kind = _victim_kind(noun)
        part = kind not in _SINGLE_KINDS and _listed_as_part(noun)
        if kind not in _SINGLE_KINDS and not part:
            continue
        start = offset + det.idx
        q = Quantity(start=start, end=offset + noun.idx + len(noun), text=det.text, low=1.0,
                     high=1.0, qualifier="exact", number_start=start,
                     number_end=start + len(det))
        # a part ("including a pastor") is a claim only once the pipeline finds the casualty
        # figure it belongs to
        reading = Reading(not part, kind=kind if not part else "other", subject=noun_phrase(noun),
                          unit="people", figure=det, noun=noun, predicates=predicates_of(noun),
                          why="one victim named by an article" if not part else "one named part")
        out.append((q, reading))
    return out


def one_of_victims(doc: Doc, offset: int) -> list[tuple[Quantity, Reading]]:
    """'One of the medics was wounded', 'one of my officers was injured', 'One of the
    injured later died': one of a group of people, counted when its clause makes it a
    victim (the number grammar reads 'one of' as a pronoun)."""
    out: list[tuple[Quantity, Reading]] = []
    for one in doc:
        if one.lower_ != "one" or one.dep_ not in ("nsubj", "nsubjpass"):
            continue
        of = next((c for c in one.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if group is None or not (looks_like_people(group) or group.lower_ in _GROUP_WORDS):
            continue
        kind = clause_kind(one, None)
        if kind not in _SINGLE_KINDS:
            continue
        start = offset + one.idx
        q = Quantity(start=start, end=start + len(one), text=one.text, low=1.0, high=1.0,
                     qualifier="exact", number_start=start, number_end=start + len(one))
        out.append((q, Reading(True, kind=kind, subject=noun_phrase(group), unit="people",
                               figure=one, noun=None, predicates=predicates_of(one),
                               why="one of a group named as a victim")))
    return out


# Groups of people named by a casualty word ("one of the injured").
_GROUP_WORDS = {"injured", "wounded", "dead", "victims", "survivors", "passengers", "crew",
                "hostages", "missing"}


def _listed_as_part(noun: Token) -> bool:
    """'killing 12 people, including a 10-year-old boy', 'among them a police officer'."""
    first = noun
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ in ("including", "among", "incl"):
        return True
    return first.dep_ in ("appos", "npadvmod", "dobj", "nsubj") and any(
        t.lower_ in ("including", "among") for t in first.doc[max(first.i - 4, 0):first.i])


def _victim_kind(noun: Token) -> str | None:
    by_clause = clause_kind(noun, noun)
    if by_clause in CASUALTY_KINDS:
        return by_clause
    preds = predicates_of(noun)
    if not preds and not (noun.dep_ == "pobj" and noun.head.lower_ in ("of", "to")):
        return None               # ("the death of a boy", "injuries to a girl" have none)
    q = Quantity(0, 0, "a", 1.0, 1.0, "exact")
    kind = decide_kind(noun, preds, noun, q)
    return kind if kind in CASUALTY_KINDS else None


def is_partitive(text: str, q: Quantity, sentence_start: int) -> bool:
    """Whether the figure divides the one before it ("two of them critically")."""
    rel_start, rel_end = q.start - sentence_start, q.end - sentence_start
    return partitive(text[:max(rel_start, 0)], text[rel_end:])


def divides_the_figure_before(previous: Any, sentence: Any, q: Quantity) -> bool:
    """'..., 96 of them critically': a partitive right after a casualty figure of the same
    sentence, a comma between."""
    if previous.sentence.index != sentence.index or previous.reading.kind not in CASUALTY_KINDS:
        return False
    gap = sentence.text[previous.quantity.end - sentence.start:q.start - sentence.start]
    if len(gap) > 40:
        return False
    if "," in gap and is_partitive(sentence.text, q, sentence.start):
        return True
    # "Deaths: 46 (children 19, women 11)", "Fatalities: 4 (2 drivers, 2 passengers)"
    if _PAREN_OPEN.match(gap):
        return True
    return previous.reading.why == "a part of the figure before" and bool(_PAREN_NEXT.match(gap)) \
        and _inside_parens(sentence, q)


def _inside_parens(sentence: Any, q: Quantity) -> bool:
    before = sentence.text[:q.start - sentence.start]
    return before.count("(") > before.count(")")


_PAREN_OPEN = re.compile(r"^\s*\(\s*(?:[\w'\u2019-]+\s+){0,2}$")
_PAREN_NEXT = re.compile(r"^\s*(?:[\w'\u2019-]+\s*)?,\s*(?:and\s+)?(?:[\w'\u2019-]+\s+){0,2}$")


_BREAKDOWN_DASH = re.compile(r"^[^.;,()]{0,60}?\s[\u2013\u2014:-]\s*$")
_LIST_GAP = re.compile(r"^\s*[\w'\u2019-]*(?:\s[\w'\u2019-]+){0,2}\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")


def breakdown(gap: str, why_before: str) -> bool:
    """A figure after a dash or colon that breaks down the casualty figure before it ("864
    cases of arbitrary detention - 763 men, 94 women and seven boys"), or the next member of
    such a list."""
    if _BREAKDOWN_DASH.match(gap):
        return True
    return why_before == "a part of the figure before" and bool(_LIST_GAP.match(gap))


_BREAKDOWN_KINDS = (*CASUALTY_KINDS, "weapons", "personnel")


def figure_before(candidates: Sequence[Any], sentence: Any,
                  kinds: tuple[str, ...] = CASUALTY_KINDS) -> Any | None:
    """The last candidate of one of these kinds in the sentence's paragraph so far."""
    for cand in reversed(candidates):
        if cand.sentence.paragraph != sentence.paragraph:
            return None
        if cand.reading.claim and cand.reading.kind in kinds:
            return cand
    return None


def take_kind_of_whole(candidates: Sequence[Any], sentence: Any, q: Quantity,
                       reading: Reading) -> None:
    """A partitive or a breakdown takes the kind of the figure of its sentence it divides."""
    whole = figure_before(candidates, sentence, _BREAKDOWN_KINDS)
    if whole is None or whole.sentence.index != sentence.index:
        return
    carrier = reading.noun if reading.noun is not None else reading.figure
    if carrier is not None and spared_subject(carrier):
        return                    # "killed 12 people and 40 were rescued": its own fate
    gap = sentence.text[whole.quantity.end - sentence.start:q.start - sentence.start]
    in_parens = whole.reading.kind in CASUALTY_KINDS and bool(_PAREN_OPEN.match(gap) or (
        whole.reading.why == "a part of the figure before" and _PAREN_NEXT.match(gap)
        and _inside_parens(sentence, q)))
    if (whole.reading.kind in CASUALTY_KINDS and is_partitive(sentence.text, q, sentence.start)) \
            or breakdown(gap, whole.reading.why) or in_parens:
        reading.kind, reading.claim = whole.reading.kind, True
        reading.why = "a part of the figure before"
