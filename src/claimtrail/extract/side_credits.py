"""Credits the parse leaves outside the figure's clause: a labelled field ("AFAD figures:
38 dead", "BNPB: 9 bodies recovered") and a parenthetical ("(police said)").

Reads a parsed sentence; uses the credit vocabulary of ``attribution``. Split from it so
that each module reads one way of crediting.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimtrail.extract.attribution import (AGENT_NOUNS, UNNAMED_HEADS, Credit, _is_unnamed,
                                            _parts)
from claimtrail.extract.lexicon import is_place
from claimtrail.extract.lexicon import kinds as kind_lexicon

_FIELD_WORDS = {"date", "time", "country", "province", "state", "region", "district", "city",
                "town", "location", "place", "event", "summary", "target", "type", "attack",
                "actor", "actors", "notes", "note", "source", "sources", "update", "sitrep",
                "fatalities", "deaths", "dead", "injured", "wounded", "missing", "property",
                "damage", "weapon", "weapons", "perpetrator", "perpetrators", "incident",
                # field abbreviations of incident rows ("KIA: 3", "civ cas: 5", "Pax: 40")
                "kia", "wia", "mia", "cas", "civ", "pax", "casualties", "manifest", "toll",
                "est", "total", "totals", "ytd", "fatality", "injuries"}
# A transcript's labels of who asks and answers, which credit no one ("QUESTION: ...").
TRANSCRIPT_ROLES = {"question", "q", "answer", "a", "reporter", "moderator", "interviewer"}


# The label of a whole bulletin or snapshot is its header, not a credit of each figure
# (eval/incidents/NOTES-dev-brief.md).
_HEADER_WORDS = {"snapshot", "sitrep", "bulletin", "update", "flash", "report", "summary"}


def per_credit(doc: Doc, anchor: Token) -> Credit | None:
    """'IND side (per Army PRO): 2x soldiers KIA', 'YTD deaths per IOM: 1,452': a field
    note's 'per X' before the figure, in its part of the sentence, credits X."""
    parts = _parts(doc)
    for tok in reversed(doc[:anchor.i]):
        if parts[tok.i] != parts[anchor.i]:
            break
        if tok.lower_ != "per" or tok.i + 1 >= len(doc):
            continue
        words: list[Token] = []
        for nxt in doc[tok.i + 1:anchor.i]:
            if nxt.is_punct or nxt.like_num:
                break
            words.append(nxt)
        if words and (words[0].text[:1].isupper() or words[0].text.isupper()) and len(words) <= 5:
            start, end = words[0].idx - doc[0].idx, words[-1].idx + len(words[-1]) - doc[0].idx
            return Credit(mention=doc.text[start:end], named=True, cue="label", start=start,
                          end=end)
    return None


def label_credit(doc: Doc, anchor: Token) -> Credit | None:
    """'AFAD figures: 38 dead, 412 injured', 'BNPB: 9 bodies recovered': a body named as
    the label of the figures that follow it in its part of the sentence."""
    parts = _parts(doc)
    part = parts[anchor.i]
    colon = next((t for t in doc if t.i < anchor.i and t.text == ":" and parts[t.i] == part), None)
    if colon is None:
        return None
    start = colon.i
    while start > 0 and not doc[start - 1].is_punct and parts[start - 1] == part and \
            colon.i - start < 5:
        start -= 1
    label = doc[start:colon.i]
    fields = _FIELD_WORDS | set(kind_lexicon().adjectives) | {"nkill", "nwound", "nkillter",
                                                                "nkillus", "nwoundus", "nwoundte"}
    names = [t for t in label if (t.pos_ == "PROPN" or (t.text.isupper() and len(t.text) > 1))
             and t.lower_ not in fields and t.ent_type_ not in ("GPE", "LOC", "DATE")
             and not is_place(t.text)]
    if not names or any(t.like_num for t in label) or any(t.lower_ in _HEADER_WORDS for t in label) or \
            label.text.lower().strip() in TRANSCRIPT_ROLES or \
            any(t.lower_ in _FIELD_WORDS and t.pos_ != "PROPN" for t in label):
        return None
    return Credit(mention=label.text, named=True, cue="label", start=label.start_char - doc[0].idx,
                  end=label.end_char - doc[0].idx)


_DATE_PREPS = {"by", "on", "since", "until", "till", "at", "as of"}


_CREDIT_LEADS = {"per", "claimed", "reported", "by", "according", "to", "source", ":",
                 "via", "says", "said"}


def parenthetical_credit(doc: Doc, anchor: Token) -> Credit | None:
    """'Bodies recovered: 18 by 23 Oct (provincial mines division)': a body in brackets
    right after the figure's phrase."""
    for tok in doc[anchor.i + 1:anchor.i + 9]:
        if tok.text in (";", ".") or tok.like_num and tok != anchor and \
                tok.ent_type_ not in ("DATE", "TIME") and doc[tok.i - 1].lower_ not in _DATE_PREPS:
            return None
        if tok.text != "(":
            continue
        close = next((t for t in doc[tok.i + 1:tok.i + 8] if t.text == ")"), None)
        if close is None:
            return None
        inner = doc[tok.i + 1:close.i]
        # "(FSCD, night of 14/03)": the body before the comma; "(per survivors)",
        # "(claimed by army)": the body after the credit words
        comma = next((t for t in inner if t.text == ","), None)
        if comma is not None:
            inner = doc[inner.start:comma.i]
        lead = 0
        while lead < len(inner) - 1 and inner[lead].lower_ in _CREDIT_LEADS:
            lead += 1
        inner = inner[lead:]
        if not len(inner) or any(t.like_num for t in inner) or inner[0].lower_ in (
                "all", "mostly", "including", "incl", "among", "both", "of", "about", "approx"):
            return None
        head = inner.root
        if head.pos_ == "PROPN" or head.lemma_.lower() in AGENT_NOUNS or \
                head.lower_ in UNNAMED_HEADS:
            return Credit(mention=inner.text, named=not _is_unnamed(head), cue="label",
                          start=inner.start_char - doc[0].idx, end=inner.end_char - doc[0].idx)
        return None
    return None
