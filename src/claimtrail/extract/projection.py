"""Figures said of the future: "this number may increase to 500,000", "the death toll
could rise to 1,000", "will reach 300,000 by the end of the year".

Reads the figure's token in its parse; returns the words that make it a projection. The
pipeline gives such a figure an open time from the day after publication when the
sentence names no time of its own, so that a ledger does not read it as a count of now.
"""
from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Token

from claimtrail.extract.timex import TimeExpr

_FUTURE_MODALS = {"may", "might", "could", "will", "would", "shall", "'ll"}


def projected(figure: Token) -> Token | None:
    """The verb that projects the figure: the nearest verb above it with a modal and no
    perfect ("may have killed 80,000" is an estimate of the past)."""
    for anc in figure.ancestors:
        if anc.pos_ not in ("VERB", "AUX"):
            continue
        auxes = {c.lower_ for c in anc.children if c.dep_ in ("aux", "auxpass")}
        if auxes & _FUTURE_MODALS and "have" not in auxes:
            return anc
        return None
    return None


def future_time(verb: Token, published: date | None) -> TimeExpr:
    """An open time from the day after publication, named by the modal and its verb
    ("may increase", "will be purchased"); unresolved without a publication date."""
    modal = next(c for c in verb.children if c.dep_ in ("aux", "auxpass")
                 and c.lower_ in _FUTURE_MODALS)
    begin = (published + timedelta(days=1)).isoformat() if published is not None else None
    return TimeExpr(start=modal.idx, end=verb.idx + len(verb.text),
                    text=verb.doc.text[modal.idx:verb.idx + len(verb.text)], begin=begin,
                    finish=None)
