"""Where a figure applies, when the text states it.

Reads a parsed sentence and the figure's tokens; returns a place name or None. Places
come from locative phrases ("in", "near", "around", ...) attached to the figure's noun
or to the verbs above it, then from a region phrase anywhere in the sentence ("in the
Kursk region" -> "Kursk region"). The statistical NER sometimes calls Kursk a PRODUCT or
an ORG, so a capitalised object of a locative preposition counts as a place unless the
NER says it is a person, a date or a number.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from claimtrail.extract.lexicon import is_place

LOCATIVE = {"in", "near", "around", "across", "at", "inside", "outside", "along", "on",
            "throughout", "within", "into", "over", "towards", "toward", "from"}
REGION_WORDS = ("region", "oblast", "province", "district", "area", "border region",
                "front", "frontline", "front line", "raion", "city", "republic")
NOT_PLACES = {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
              "NORP", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
# Capitalised heads that are bodies or things, not places ("in the Ministry").
_NOT_PLACE_HEADS = {"ministry", "staff", "council", "office", "agency", "army", "forces",
                    "command", "war", "union", "nations", "parliament", "government", "times"}
_MONTHS_AND_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}
_REGION = re.compile(
    r"\b(?:in|near|around|across|of|inside|into|throughout)\s+(?:the\s+|Russia['’]s\s+|Ukraine['’]s\s+)?"
    r"((?:[A-Z][\w'’\-]+\s+){1,3}(?:region|Region|oblast|Oblast|province|Province|district|District|border region))\b")


def find_place(doc: Doc, anchor: Token) -> str | None:
    """The place of the figure at ``anchor`` (its noun or its own token)."""
    for tok in [anchor, *anchor.ancestors]:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in LOCATIVE and child.i != anchor.i:
                place = _place_object(child)
                if place:
                    return place
    match = _REGION.search(doc.text)
    if match:
        return match.group(1)
    for ent in doc.ents:     # only when the pipeline has an NER component
        if ent.label_ in ("GPE", "LOC", "FAC") and ent.start > 0 and \
                doc[ent.start - 1].lower_ in ("in", "near", "inside", "around"):
            return ent.text
    for tok in doc:
        # "in Ukraine", "near Bakhmut": a known place after a locative preposition
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "near", "inside", "around") and \
                tok.pos_ == "PROPN":
            name = _proper_run(tok)
            if is_place(name):
                return name
    return None


def _proper_run(tok: Token) -> str:
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    return " ".join(w.text for w in words)


def _place_object(prep: Token) -> str | None:
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ not in ("PROPN", "NOUN"):
        return None
    words = [t for t in obj.subtree
             if t.dep_ in ("compound", "amod", "poss", "case", "nmod") or t == obj]
    words = [t for t in words if t.i <= obj.i and obj.i - t.i <= 4]
    # the phrase must name something: a capitalised word that is not a date or person
    names = [t for t in words if t.pos_ == "PROPN" and t.lower_ not in _MONTHS_AND_DAYS
             and t.ent_type_ not in NOT_PLACES]
    if not names:
        return None
    if obj.pos_ == "PROPN" and not obj.ent_type_ and not is_place(_proper_run(obj)) and \
            obj.lower_ in _NOT_PLACE_HEADS:
        return None
    if obj.pos_ == "NOUN" and not obj.lower_.startswith(REGION_WORDS):
        return None              # "in Russian territory": a description, not a place
    start = words[0].idx
    end = obj.idx + len(obj.text)
    text = prep.doc.text[start:end]
    return re.sub(r"^(?:the\s+)", "", text).strip() or None
