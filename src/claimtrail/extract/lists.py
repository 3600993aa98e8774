"""Coordinated lists of figures: "the death of four Russian generals, 58 colonels and 176
lieutenant colonels"; "Two colonels, three lieutenants and 12 officers were also killed".

Reads the readings of one sentence (figures.py) and sets the kind of list members that
did not get the list's casualty kind themselves. The parser often hangs the later
conjuncts of such a list on the wrong word (on "death" rather than on "generals") or
calls the first one ``dep``, so the list is found on the surface: figure phrases whose
counted noun is followed directly by the next figure, with only a comma or a
conjunction between them. Each member keeps its own counted noun as its subject.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimtrail.extract.figures import Reading
from claimtrail.extract.nouns import CASUALTY_KINDS, looks_like_people
from claimtrail.extract.subjects import subject_of

_CONJUNCTIONS = {"and", "or"}


def _first_token(reading: Reading) -> int:
    """The first token of a figure phrase, qualifiers included ("at least 20")."""
    assert reading.figure is not None
    return min(t.i for t in reading.figure.subtree if t.i <= reading.figure.i)


def _separator(reading: Reading, nxt: Reading) -> tuple[str, ...] | None:
    """The words between one member's counted noun and the next figure, when they are
    only a comma and/or a conjunction; None otherwise."""
    noun = reading.noun
    if noun is None or nxt.figure is None or noun.i < (reading.figure.i if reading.figure
                                                      is not None else 0):
        return None
    doc = noun.doc
    words = tuple(t.lower_ for t in doc[noun.i + 1:_first_token(nxt)])
    if words in ((",",), ("and",), ("or",), (",", "and"), (",", "or")):
        return words
    return None


def coordinated_lists(readings: list[Reading]) -> list[list[Reading]]:
    """Runs of readings that enumerate one list. A list ends at its conjunction; a
    comma before the conjunction is the serial comma of a list of three or more, while
    ", and" between two figures only joins two clauses ("killed three soldiers, and 200
    troops remain")."""
    ordered = sorted((r for r in readings if r.figure is not None and r.noun is not None),
                     key=lambda r: r.figure.i if r.figure is not None else 0)
    lists: list[list[Reading]] = []
    run: list[Reading] = []
    seps: list[tuple[str, ...]] = []

    def close() -> None:
        if len(run) > 1 and not (len(run) == 2 and seps and len(seps[-1]) == 2):
            lists.append(list(run))

    for reading in ordered:
        if run:
            sep = _separator(run[-1], reading)
            if sep is not None and not (seps and seps[-1][-1] in _CONJUNCTIONS):
                run.append(reading)
                seps.append(sep)
                continue
            close()
        run, seps = [reading], []
    close()
    return lists


def share_casualty_kind(readings: list[Reading]) -> None:
    """A casualty frame said of a list ("the death of", "were killed") counts every
    member that is a count of people; members with a casualty kind of their own keep
    it, and a list whose members name different casualty kinds gives none to the rest
    ("4 killed, 10 wounded and 12 soldiers": which one is not said)."""
    for members in coordinated_lists(readings):
        kinds = {r.kind for r in members if r.claim and r.kind in CASUALTY_KINDS}
        if len(kinds) != 1:
            continue
        kind = kinds.pop()
        for reading in members:
            if reading.kind in CASUALTY_KINDS or not _counts_people(reading):
                continue
            noun = reading.noun
            assert noun is not None and reading.figure is not None
            reading.kind, reading.claim = kind, True
            reading.why = "a member of a list said to be " + kind
            reading.subject = subject_of(kind, noun, reading.predicates, reading.figure)


def _counts_people(reading: Reading) -> bool:
    """A plural count of people that no rule has set aside (a family detail, a survey
    sample, a count that may happen keep their reason); a handful of soldiers is no
    force, but a handful in a list of the dead is a count of the dead."""
    noun: Token | None = reading.noun
    return noun is not None and reading.unit == "people" and reading.share_of is None and \
        noun.tag_ in ("NNS", "NNPS") and looks_like_people(noun) and \
        reading.why in ("", "no countable noun or predicate", "a handful of people is not a force")
