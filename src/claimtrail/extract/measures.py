"""Figures every ledger keeps although no war kind fits them (shared/eval/README.md: every
figure is a claim): measures (money, distances, weights, rates) with their printed unit,
and counts no rule put in a kind, as kind 'other'. Durations, ages and shares stay out.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from claimtrail.extract.lexicon import kinds
from claimtrail.extract.nouns import is_people, looks_like_people, sized_body
from claimtrail.extract.numbers import Quantity
from claimtrail.extract.subjects import noun_phrase
from claimtrail.models import Value

if TYPE_CHECKING:
    from claimtrail.extract.figures import Reading


TIME_UNITS = {"years", "months", "weeks", "days", "hours", "minutes", "seconds"}


def is_time_unit(unit: str | None) -> bool:
    """Durations, ages and time rates ("years", "hours", "days/week")."""
    return unit is not None and unit.split("/")[0] in TIME_UNITS


def measure_unit(q: Quantity) -> str:
    """The unit a measure is exported in: as printed ("277 miles" stays miles, a
    currency its ISO code)."""
    if q.original_unit and q.unit in ("km", "m"):
        return q.original_unit.lower().replace("kilometres", "km").replace("kilometers", "km")
    return str(q.unit)


def read_measure(root: Token, span: Span, q: Quantity) -> Reading:
    """Money, distances, weights and other measures are claims of kind 'other' with their
    unit; the subject is what is measured ("40,000 tonnes of maize": maize, "$2.5 billion
    in aid": aid)."""
    from claimtrail.extract.figures import Reading
    reading = Reading(True, kind="other", unit=measure_unit(q), figure=root,
                      why="a measure")
    head = root.head if root.head != root else root
    for cand in (*root.children, *head.children):
        if cand.dep_ == "prep" and cand.lower_ in ("of", "in", "for") and cand.i >= span.end - 1:
            obj = next((c for c in cand.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                reading.subject = noun_phrase(obj)
                break
    if reading.unit in ("km", "miles") and _advanced(root):
        reading.kind = "territory"      # "advancing about 5km in 10 days": ground taken
    return reading


# Verbs of a front moving: a distance they govern is ground taken or lost.
_ADVANCE_VERBS = {"advance", "penetrate", "progress", "retreat", "withdraw", "push"}


def _advanced(root: Token) -> bool:
    verb = next((t for t in root.ancestors if t.pos_ == "VERB"), None)
    if verb is None or verb.lemma_.lower() not in _ADVANCE_VERBS:
        return False
    # "pushed the front line back by 3 km" and "advanced 2 km", not "pushed 40 km of cable"
    return root.head == verb or root.head.dep_ in ("prep", "npadvmod", "dobj") and root.head.head == verb


# Reasons a figure is set aside that hold also when every figure is a claim.
_NEVER_CLAIMS = ("no tokens", "unit ", "anonymous sources")


def _named_members(noun: Token) -> bool:
    """A count whose members are named right after it is a description of those people,
    not a head count."""
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in noun.children)


def _countable(noun: Token) -> bool:
    """Something a ledger counts even vaguely ("several members", "several houses"), not
    an abstraction: nominalised verbs and qualities ("several actions", "measures")."""
    if is_people(noun):
        return True
    lemma = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and not lemma.endswith(_ABSTRACT_ENDINGS) and lemma not in _SPANS


# Frequencies and durations are no claims ("visited several times", "for several weeks").
_SPANS = {"time", "occasion", "second", "minute", "hour", "day", "night", "week", "month",
          "year", "decade", "century", "generation", "round", "season"}


_ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ship",
                     "ure", "ing")


def fallback_other(reading: Reading, q: Quantity) -> None:
    """Every figure is a claim (shared/eval/README.md): a count no rule put in a kind is a
    claim of kind 'other', counted in its noun ("five matches": matches) or in people."""
    if reading.claim or reading.figure is None or reading.share_of is not None or \
            reading.unit == "share" or reading.why.startswith(_NEVER_CLAIMS):
        return
    vague_word = q.text.strip().lower()
    if vague_word in kinds().not_figures and not (
            vague_word == "several" and reading.noun is not None and _countable(reading.noun)):
        return          # "some buildings": a vague word counts only a casualty, and
        #                 "several" also what can be counted ("several trucks")
    if q.high == 1 and q.low == 1 and not any(ch.isdigit() for ch in q.text):
        return          # "one direction", "in one case": a lone one counts only as a victim
    root = reading.figure
    if root.dep_ == "nummod" and root.head.i < root.i and root.head.pos_ in ("NOUN", "PROPN"):
        return          # "World War Three", "Air Force One": a numeral after its noun names it
    if reading.noun is None and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                                    for c in root.children):
        return          # "the two are not mutually exclusive": a pronoun
    if reading.noun is not None and _named_members(reading.noun):
        return          # "two prominent researchers, Robert Carlin and Siegfried Hecker"
    noun = reading.noun
    kind = "other"      # a rule set it aside from its war kind ("two soldiers laid a wreath")
    reading.claim, reading.kind = True, kind
    if noun is not None:
        reading.subject = reading.subject or noun_phrase(noun)
        if reading.unit == "people" and not looks_like_people(noun) and not sized_body(root):
            reading.unit = noun.text.lower()
    reading.why = "every figure is a claim: " + reading.why


_KINDS = {"personnel", "casualties", "killed", "wounded", "missing", "captured", "territory",
          "weapons", "other"}


_AGE_BEFORE = re.compile(r"\b(?:aged|ages|age of|age|aged between|between the ages of)\s*$",
                         re.IGNORECASE)
# Counters of page furniture ("(Visited 1 times, 1 visits today)", "12 comments").
_FURNITURE = re.compile(r"\b(?:visits?|visited|views?|comments?|likes?|shares?|followers?|"
                        r"reads?|subscribers?|replies)\b", re.IGNORECASE)
# A flattened table: four bare numbers in a row ("West 75 12 72 13 Center 71 ...").
_TABLE_RUN = re.compile(r"(?:\b\d+\s+){3,}\d+\b")


def an_age(text: str, start: int) -> bool:
    """'those aged 65 and older', 'at the age of 40': an age, not a ledger figure."""
    return bool(_AGE_BEFORE.search(text[max(0, start - 25):start]))


# Numbers that name a thing rather than count it: "a 401(k)", "called 911", "a
# four-cylinder engine", "a six-figure salary", "a two-door coupe", "four-wheel drive".
_NAME_AFTER = re.compile(r"^(?:\(k\)|-(?:cylinder|figure|digit|door|wheel|star|speed|point|"
                         r"stroke|seater|fold|way|sided|piece)s?\b)", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|to)\s+$", re.IGNORECASE)
_EMERGENCY = {"911", "999", "112", "000", "111"}


def a_name_not_a_count(text: str, start: int, end: int) -> bool:
    """A number that is part of a name or a fixed phrase (_NAME_AFTER, emergency numbers)."""
    if _NAME_AFTER.match(text[end:end + 12]):
        return True
    return text[start:end] in _EMERGENCY and bool(_NAME_BEFORE.search(text[max(0, start - 12):start]))


def not_a_ledger_line(text: str) -> bool:
    """Page furniture and flattened tables: a line in capitals (a linked story's headline:
    "RUSSIA TO MOBILIZE 60,000 RESERVISTS AS ..."), a short counter line, or a run of bare
    numbers."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) >= 0.9 * len(letters):
        return True
    if len(text.split()) <= 8 and _FURNITURE.search(text):
        return True
    return bool(_TABLE_RUN.search(text))


def printed_value(q: Quantity, reading: Reading) -> Value:
    """The value as printed for a measure exported in its printed unit ("277 miles",
    "2,000 hectares"); otherwise the grammar's value."""
    if q.original_value is not None and (q.unit or "").split("/")[0] in ("km", "m", "km2") and \
            reading.unit != q.unit and reading.kind == "other":
        return Value(q.original_value[0], q.original_value[1], q.qualifier)
    return Value(q.low, q.high, q.qualifier)


# A quake's magnitude ("a magnitude 5.9 earthquake", "an M5.9 quake") describes the scene:
# the labelled sets credit it to no one even where the sentence credits its toll. (Locating
# distances, "250 km to the south", were tried the same way: better on the wire-copy
# set, worse on four others, so they keep the sentence's credit.)
_MAGNITUDE_BEFORE = re.compile(r"\b(?:magnitude|M)[- ]?(?:of\s+)?$", re.IGNORECASE)
_MAGNITUDE_AFTER = re.compile(r"^[- ]?magnitude\b", re.IGNORECASE)


def scene_measure(text: str, start: int, end: int, unit: str | None) -> bool:
    """Whether the figure at ``start:end`` of ``text`` describes the scene (a magnitude)
    rather than counting something a source gives."""
    return unit == "magnitude" or bool(_MAGNITUDE_BEFORE.search(text[max(0, start - 14):start])) \
        or bool(_MAGNITUDE_AFTER.match(text[end:end + 12]))
