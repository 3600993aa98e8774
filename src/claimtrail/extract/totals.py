"""Totals and wholes a bare figure belongs to: 'Russian losses ... amounted to 899', 'the
number of Russian victims ... exceeds 465,000', 'claimed the lives of 14,000 people', 'The
3,000 troops include 2,000 from the 82nd'.

Reads tokens of a parsed sentence and the lexicons of ``data/kinds.json``; no state.
Split from ``figures.py``, which decides with them.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimtrail.extract.lexicon import kinds as kind_lexicon
from claimtrail.extract.nouns import (
    CASUALTY_KINDS,
    civil_craft,
    is_counted_people,
    is_military,
    is_people,
    noun_kind,
)

# Nouns that stand for the number itself ("scores of", "dozens of", "60 percent of").
NUMERAL_NOUNS = {
    "score", "scores", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
    "million", "millions", "tens", "half", "third", "thirds", "quarter", "quarters",
    "fifth", "fifths", "percent", "%", "per", "cent", "percentage", "majority", "number",
    "one", "some", "part", "share",
}


def of_object(tok: Token) -> Token | None:
    """The object of 'of'/'among' under a token ("scores [of soldiers]")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "among"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


_LIFE_TAKERS = {"claim", "take", "cost", "end", "lose", "sacrifice", "price", "loss", "toll"}


def part_of_force(root: Token) -> bool:
    """A bare number that is part of a force: the object of 'include/comprise' whose
    subject is soldiers (coordinated parts too: '... 2,000 from X and 1,000 who ...')."""
    first = root
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    verb = first.head
    if first.dep_ != "dobj" or verb.lemma_.lower() not in ("include", "comprise"):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and is_military(subj)


def lives_taken(noun: Token) -> bool:
    """'claimed / took / cost the lives of N people'; 'costing thousands of lives', 'at
    the cost of tens of millions of lives'."""
    if noun.lemma_.lower() in ("life", "live"):
        head = noun.head
        for _ in range(6):            # up through "of" and the numeral words
            if head.lower_ != "of" and not head.like_num and head.lower_ not in NUMERAL_NOUNS:
                break
            head = head.head
        return head.lemma_.lower() in _LIFE_TAKERS
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lemma_.lower() not in ("life", "live"):
        return False
    return prep.head.head.lemma_.lower() in ("claim", "take", "cost", "end", "lose")


def total_owner(tok: Token) -> Token | None:
    """The noun a bare total is the total of ("the total number of Russian victims")."""
    verb = total_verb(tok)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lemma_.lower() in _TOTAL_NOUNS:
        return of_object(subj)
    if subj is not None and any(c.dep_ == "compound" and is_military(c) for c in subj.children):
        return subj                   # "the US troop presence has risen from 5,000 to ..."
    return None


_TOTAL_NOUNS = ("number", "total", "toll", "tally", "figure", "count")


def changed(tok: Token) -> bool:
    """A figure after 'from' or 'to' ("rose from 5,000 to about 24,000", "may increase to
    500,000"): a value the total had or will have."""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("from", "to")


def total_verb(tok: Token) -> Token | None:
    """The verb of which the figure states the total: its object or attribute, or the
    object of its 'to'/'from' ("amounted to 899"; "rose from 300 to 969", where the
    parser hangs 'to' on 'from')."""
    if tok.dep_ not in ("attr", "dobj", "pobj", "oprd"):
        return None
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
        if verb.lower_ == "from" and verb.dep_ == "prep" and tok.head.lower_ == "to":
            verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in kind_lexicon().total_verbs:
        return None
    return verb


def bare_total(tok: Token) -> bool:
    """'this number may increase to 500,000', 'the figure rose to 30,000': a total whose
    subject says only that it is a number, so it counts what was counted just before."""
    verb = total_verb(tok)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    return subj is not None and subj.lemma_.lower() in _TOTAL_NOUNS and of_object(subj) is None \
        and any(c.dep_ == "det" and c.lower_ in ("this", "that", "the", "these", "those")
                for c in subj.children)


def total_of(tok: Token) -> str | None:
    """The kind of a total the figure states: the figure is the object or attribute of
    'be/amount to/reach/exceed/rise' whose subject is a casualty noun ("Russian losses ...
    is 899 soldiers", "losses, which amounted to 899"), a force ("Ukraine's standing
    military totals about 200,000", "the US troop presence has risen from 5,000 to about
    24,000"), weapons, or people ("the number of children abducted could reach 300,000":
    kind "people", a head count)."""
    verb = total_verb(tok)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    if subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subj = verb.head
    if subj.lemma_.lower() in _TOTAL_NOUNS:
        of_obj = of_object(subj)
        subj = of_obj if of_obj is not None else subj
        if subj.lemma_.lower() in ("toll",):
            return "killed"
    kind = noun_kind(subj)
    if kind in CASUALTY_KINDS:
        return kind
    # "amounted to" a place or a date is no total of a force
    stated = tok.dep_ != "pobj" or changed(tok)
    force = is_military(subj) or subj.lemma_.lower() in ("military", "army") or any(
        c.dep_ == "compound" and is_military(c) for c in subj.children)
    if stated and (tok.like_num or is_people(tok)) and force:
        return "personnel"
    if stated and tok.like_num and kind == "weapons" and not civil_craft(subj):
        return "weapons"
    if stated and tok.like_num and is_counted_people(subj):
        return "people"
    return None
