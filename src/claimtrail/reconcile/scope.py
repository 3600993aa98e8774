"""What a figure counts, beyond actor x kind x unit: enough to tell two figures that
count different things from two estimates of one thing.

* ``period_count``: a figure for a bounded stretch of time ("approximately 30 North
  Korean soldiers were either killed or wounded over the weekend") is a flow, not a
  running total: it is shown on its variable's timeline, flagged, and compared only
  with figures of the same period.
* ``scope_tags``: words that make a figure a different measure: troops on standby, a
  force that will or may be sent, a whole army's strength, a confirmed (floor) count,
  the people in hospital. Figures with different tags never conflict.
* ``fallback_place``: a place named right after the figure ("900 U.S. troops in
  Romania", "send 3,000 troops to Eastern Europe", "100,000 troops on its southern
  border") when the extractor kept none: a count in Romania does not contradict one
  sent to Poland.
* ``same_predicate``: for kinds that do not say what happened to what is counted
  (weapons, "other"), two figures measure one thing only if their clauses share a
  content word: "seven students ... expelled", "900 students were admitted" and "8,500
  students were enrolled" are three counts, not three estimates.
* ``elliptical``: a figure with no counted noun and no subject ("Five have been lost to
  Russian attacks", of tanks) says nothing about people.

All read a window of the claim's sentence around its quote.
"""
from __future__ import annotations

import re

from claimtrail.reconcile.claims import RClaim

# A bounded period, not "so far": weekend, overnight, yesterday, a named weekday, one
# single day or battle. ("During the last day/week" is a rate: variables.rate_period.)
_PERIOD = re.compile(
    r"\b(?:over|during|on|at|throughout)\s+the\s+(?:past\s+|last\s+)?weekend\b"
    r"|\bovernight\b|\byesterday\b|\blast\s+night\b|\bthis\s+weekend\b"
    r"|\b(?:on|last)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\bin\s+(?:a\s+single|one)\s+(?:day|night|battle|attack|strike|assault)\b",
    re.IGNORECASE)
_SAID_ON = re.compile(r"\b(said|says|told|reported|announced|stated|wrote|added)\s+"
                      r"(?:\w+\s+){0,2}(?:on|last)\s+\w+day\b", re.IGNORECASE)
# ...unless the words make it a total to date ("as of Sunday", "since the weekend")
_TO_DATE = re.compile(r"\b(as\s+of|since|so\s+far|to\s+date|in\s+total|by\s+then|"
                      r"altogether|cumulative)\b", re.IGNORECASE)

_TAGS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # (tag, pattern, where: "before" the figure, "after" it, or "around")
    ("standby", re.compile(r"\b(stand-?by|on\s+(?:high\s+|heightened\s+)?alert|"
                           r"readiness|ready\s+to\s+(?:deploy|move))\b", re.IGNORECASE),
     "around"),
    # a modal governing the figure: within the three words before it ("would send
    # 3,000", "may increase to 500,000"), lower case ("May" is a month), and not a guess
    # about the past ("may have killed")
    ("projected", re.compile(r"\b(?:may|might|could|will|would|shall|plans?\s+to|"
                             r"planning\s+to|expected\s+to|set\s+to|likely\s+to|projected\s+to|"
                             r"forecast\s+to|(?:increase|rise|grow|climb)\s+to)"
                             r"(?!\s+have\b)\s+(?:[\w'’-]+\s+){0,3}$"), "before"),
    ("projected", re.compile(r"^[^,.;]*?\b(will|would|may|might|could)\s+(?:be\s+)?"
                             r"(?:go|be\s+sent|be\s+deployed|deploy|arrive|head|move)\b",
                             re.IGNORECASE), "after"),
    ("whole-force", re.compile(r"\b(active[- ]duty|standing\s+(?:army|military|force)|"
                               r"reserv(?:e|es|ists)|overall\s+strength|in\s+all\s+branches)\b",
                               re.IGNORECASE), "around"),
    ("confirmed", re.compile(r"\b(confirmed|verified|documented|identified\s+by\s+name)\b",
                             re.IGNORECASE), "wide"),
    ("hospitalised", re.compile(r"\b(in\s+hospital|hospitali[sz]ed|in\s+(?:a\s+)?"
                                r"(?:serious|critical)\s+condition)\b", re.IGNORECASE), "after"),
)

_PLACE_AFTER = re.compile(
    r"^[^,.;:]{0,40}?\b(?:in|to|into|inside)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*)")
_BORDER = re.compile(r"^[^,.;:]{0,40}?\b(?:near|on|along|at|to)\s+(?:the\s+|its\s+|their\s+|"
                     r"[A-Z][\w'’-]*\s+)?(?:\w+\s+)?(border|frontier)s?\b")
_BORDER_BEFORE = re.compile(r"\b(?:near|on|along|at)\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+)?"
                            r"(?:border|frontier)s?\s+(?:\w+\s+){0,3}$")
_ELLIPTICAL = re.compile(r"^\s*(?:have|has|had|were|was|are|is|will|would|of\s+them|"
                         r"remain|remained)\b", re.IGNORECASE)
_NOT_PLACES = frozenset({"january", "february", "march", "april", "may", "june", "july",
                         "august", "september", "october", "november", "december",
                         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday", "the", "a"})


_CLAUSE_BREAK = re.compile(r";|\s[—–-]\s|:\s")


def windows(c: RClaim, before: int = 45, after: int = 60) -> tuple[str, str]:
    """The words just before and just after the claim's quote, within its clause (a
    semicolon or a dash starts another statement: "...190,000 troops; Ukraine's
    standing military totals about 200,000")."""
    sentence = c.sentence or ""
    at = sentence.find(c.quote) if c.quote else -1
    if at < 0:
        return sentence, ""
    end = at + len(c.quote or "")
    left = _CLAUSE_BREAK.split(sentence[max(0, at - before): at])[-1]
    right = _CLAUSE_BREAK.split(sentence[end: end + after])[0]
    return left, right


def is_period_count(c: RClaim) -> bool:
    """A count for a bounded period (the weekend, overnight, one battle): the time words
    the extractor kept, or those right around the figure, say so."""
    if c.is_share or c.derived:
        return False
    # The figure's own clause only: the extractor's time words may be the date of the
    # statement ("executing more than 70 of them, the UN office said on Tuesday").
    before, after = windows(c, before=60, after=80)
    clause = " ".join((before.split(",")[-1], c.quote or "", after.split(",")[0]))
    return bool(_PERIOD.search(clause)) and not _TO_DATE.search(clause) \
        and not _SAID_ON.search(clause)


def scope_tags(c: RClaim) -> frozenset[str]:
    before, after = windows(c)
    # "the death of four Russian generals, 58 colonels and 176 lieutenant colonels were
    # confirmed": the verb may come a list later
    wide = " ".join(windows(c, after=120))
    found = set()
    for tag, pattern, where in _TAGS:
        text = {"before": before, "after": after, "wide": wide}.get(where,
                                                                   before + " " + after)
        if pattern.search(text):
            found.add(tag)
    return frozenset(found)


def fallback_place(c: RClaim) -> str | None:
    """The place named within a few words after the figure, if the claim has none."""
    if c.place:
        return c.place
    before, after = windows(c)
    if _BORDER.search(after) or _BORDER_BEFORE.search(before):
        return "border"
    m = _PLACE_AFTER.search(after)
    if m and m.group(1).lower() not in _NOT_PLACES:
        return m.group(1).rstrip(".’'")
    return None


def elliptical(c: RClaim) -> bool:
    """"Five have been lost": no subject and no noun after the figure (it counts
    something named in an earlier sentence)."""
    if c.subject:
        return False
    _, after = windows(c)
    return bool(_ELLIPTICAL.match(after))


_CONTENT = re.compile(r"[a-z][a-z'’-]{3,}")


def predicate_words(c: RClaim) -> frozenset[str]:
    """The content words of the figure's clause after it, less its subject's words."""
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list; no model is loaded

    _, after = windows(c, after=70)
    subject = set(_CONTENT.findall((c.subject or "").lower()))
    return frozenset(w for w in _CONTENT.findall(after.lower())
                     if w not in STOP_WORDS and w not in subject
                     and w.rstrip("s") not in subject)


def same_predicate(a: RClaim, b: RClaim) -> bool:
    pa, pb = predicate_words(a), predicate_words(b)
    return not pa or not pb or bool(pa & pb)
