"""The killed and wounded totals of one incident report, from its claims.

The rule, per kind (``killed``, ``wounded``):

* every claim of that kind counts, at its low end (an open "at least 12" is 12, "dozens"
  24); a claim of kind ``casualties`` counts for neither;
* a claim of another event ("The army later said it had killed eight militants in
  operations") is set aside;
* a claim of background scope is set aside when the report has other claims of the kind:
  a sentence that dates the figure to a span before the incident or sums a wider area
  ("Landslides have killed more than 130 people across Nepal since June", "so far this
  year");
* a list of figures of the kind joined by "and" or commas in one sentence, none of them a
  part of another ("four guards and two drivers were killed"), gives a derived sum;
* parts ("two of them", "including three children", "the dead included ...") and figures
  that are feared, not confirmed ("more than 100 other people were feared dead") are set
  aside;
* the rest fall into groups by their subject: attackers ("15 assailants had been killed"),
  forces ("killing 24 soldiers") and victims (everyone else, and a toll with no subject);
  within a group the first figure (or list sum) counts, and a later one replaces it only
  when it is an update: a revision ("raised the death toll to 16", "revised to 14"), or a
  figure that refines an open one of the same or an unnamed source ("more than 60", then
  "63"). A later figure of another source is a disagreement ("a lower toll of 41",
  "local volunteers put the toll at 34"), and an earlier value ("revised down from
  1,150") is no update (eval/incidents/CONVENTIONS.md);
* the total is the sum of the groups, marked derived when more than one group adds to it;
* except where the report gives its own toll as a field ("Fatalities: 8", "Dead: 61;
  injured: 230"): the coder's total is the total (the last such field, or a revision of
  the toll after it), and the figures of the prose are its parts or its rival claims.

A report with no claim of the kind has no total (None).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimtrail.extract.lexicon import incident_groups
from claimtrail.models import Claim

_BACKGROUND = re.compile(
    r"\b(?:since|so far this|this year|last year|in recent (?:years|months|weeks)|"
    r"(?:in|over|during) the (?:past|last) (?:\w+ )?(?:days|weeks|months|years|decades?)|"
    r"(?:in|from|over|during) (?:\w+ ){0,2}(?:days|weeks|months|years) of|"
    r"alone|across the (?:country|region)|nationwide|each year|every year|a year|"
    r"\w+-(?:day|week|month|year)(?:-long)? (?:war|offensive|campaign|conflict|insurgency|"
    r"uprising|unrest|crisis|fighting|violence|siege|operation))\b",
    re.IGNORECASE)
# Another event than the incident: "The army later said it had killed eight militants in
# operations", "in a separate attack"; always set aside.
_OTHER_EVENT = re.compile(r"\b(?:later|subsequent(?:ly)?|separate(?:ly)?|in retaliation|"
                          r"retaliatory|follow-up|the (?:next|following) day|next day)\b", re.IGNORECASE)
# "in one of the bloodiest attacks since the invasion" compares; it is no scope.
_SUPERLATIVE = re.compile(r"\b(?:\w+iest|worst|largest|biggest|heaviest|most \w+|first|"
                          r"highest)\b.*$", re.IGNORECASE)
_PART = re.compile(r"\b(?:including|among(?: them| those)?|of them|of whom|of those|out of)\b",
                   re.IGNORECASE)
_PART_BEFORE = re.compile(r"(?:\b(?:including|among them|among those|among the dead|among the "
                          r"injured|among the wounded)\W*|\b(?:dead|killed|victims|wounded|"
                          r"injured) (?:included|include|comprised|were)\b.*)$", re.IGNORECASE)
# "two of them were", not "Injured: 26, of whom 3 severely" (there the figure is the whole)
_PART_AFTER = re.compile(r"^[^\w,;]*(?:of (?:them|those|whom|the (?:dead|wounded|injured|victims))|"
                         r"were among)\b", re.IGNORECASE)
# A figure listed after "including" earlier in its clause: a part of the total before it.
_INCLUDED_BEFORE = re.compile(r"\b(?:including|incl\.?|among them)\b[^,;.()]*\band\s+$",
                              re.IGNORECASE)
# A figure's noun in scare quotes, right after it.
_SCARE_QUOTED = re.compile(r"^\s*[\"\u201c\u2018'][\w -]{2,30}[\"\u201d\u2019']")
# A figure given as the value before the current one.
_EARLIER_BEFORE = re.compile(r"(?:\b(?:up|down|revised|raised|lowered) from|\bcompared (?:with|to)|"
                             r"\b(?:initial|earlier|previous|preliminary|first) (?:death )?"
                             r"(?:toll|figure|count|tally|estimate)s? (?:of|at))\s*(?:about |some |at least )?$",
                             re.IGNORECASE)
_UNCONFIRMED = re.compile(r"\b(?:feared|presumed|believed|could|may|might|would|expected|"
                          r"likely)\b")
# Between two figures of a list: the first one's noun words, then "," / "and" / ", and".
_LIST_GAP = re.compile(r"^\s*(?:[\w'-]+\s+){0,3}?[\w'-]*\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")


@dataclass(frozen=True)
class Total:
    value: int | None
    derived: bool = False          # a sum the text implies but does not print
    evidence: str = ""


def _low(claim: Claim) -> float | None:
    v = claim.value
    return v.low if v.low is not None else v.high


def _list_sums(claims: list[Claim], text: str | None) -> list[Total]:
    """Sums of coordinated figures of one kind in one sentence, none a part of another."""
    sums: list[Total] = []
    by_sentence: dict[tuple[int, int], list[Claim]] = {}
    for claim in claims:
        # a part is no member of a list ("among them five children and two women")
        if claim.sentence_span is not None and _counts(claim, text):
            by_sentence.setdefault(tuple(claim.sentence_span), []).append(claim)
    for (start, _end), group in by_sentence.items():
        group.sort(key=lambda c: c.span[0] if c.span else 0)
        run = [group[0]]
        for prev, cur in zip(group, group[1:]):
            gap = _gap(prev, cur, text, start)
            if gap is not None and _LIST_GAP.match(gap) and not _PART.search(gap):
                run.append(cur)
            else:
                run = [cur]
            if len(run) > 1:
                lows = [_low(c) for c in run]
                if all(x is not None for x in lows):
                    sums.append(Total(int(sum(x for x in lows if x is not None)), True,
                                      " + ".join(c.quote or "" for c in run)))
    return sums


def _gap(prev: Claim, cur: Claim, text: str | None, sentence_start: int) -> str | None:
    if not prev.span or not cur.span:
        return None
    if text is not None:
        return text[prev.span[1]:cur.span[0]]
    sentence = prev.sentence or ""
    a, b = prev.span[1] - sentence_start, cur.span[0] - sentence_start
    return sentence[a:b] if 0 <= a <= b <= len(sentence) else None


def group_of(subject: str | None) -> str:
    """'attackers', 'forces' or 'victims', from the subject's last word."""
    if not subject:
        return "victims"
    perpetrators, forces = incident_groups()
    words = subject.lower().replace("-", " ").split()
    head = words[-1] if words else ""
    stem = head[:-1] if head.endswith("s") and head[:-1] in perpetrators | forces else head
    stem = {"policemen": "policeman", "gunmen": "gunman", "servicemen": "serviceman"}.get(stem, stem)
    if stem in perpetrators:
        return "attackers"
    if stem in forces or subject.lower() in forces:
        return "forces"
    return "victims"


def _context(claim: Claim, text: str | None) -> tuple[str, str]:
    """The sentence's words before and after the figure."""
    sentence = claim.sentence or ""
    if claim.span and claim.sentence_span:
        a = claim.span[0] - claim.sentence_span[0]
        b = claim.span[1] - claim.sentence_span[0]
        if 0 <= a <= b <= len(sentence):
            return sentence[:a], sentence[b:]
    return sentence, ""


def _background(claim: Claim, text: str | None) -> bool:
    """A background marker in the figure's clause: from the comma before it to the comma
    after it ("..., in the deadliest attack this year" is another clause)."""
    before, after = _context(claim, text)
    clause = re.split(r",\s", before)[-1] + " " + re.split(r",\s", after, maxsplit=1)[0]
    clause = _SUPERLATIVE.sub(" ", clause)
    return bool(_BACKGROUND.search(clause))


def _other_event(claim: Claim) -> bool:
    before, after = _context(claim, None)
    if _REVISION.search(before[-140:]):
        return False          # "two of the injured died later, taking the toll to 19"
    after = re.split(r",\s", after, maxsplit=1)[0]
    # "later" after the figure is what became of the same victims ("was treated for minor
    # injuries and later discharged", "two of the injured died later")
    return bool(_OTHER_EVENT.search(before) or _OTHER_EVENT.search(re.sub(r"\blater\b", "", after)))


def _counts(claim: Claim, text: str | None) -> bool:
    before, after = _context(claim, text)
    if _PART_BEFORE.search(before[-60:]) or _PART_AFTER.match(after[:30]):
        return False
    if before.count("(") > before.count(")"):
        return False          # "14 killed (9 tribal fighters, 4 SDF members ...)": a breakdown
    if _INCLUDED_BEFORE.search(before[-90:]):
        return False          # "31 deaths, including 214 new cases and three new deaths"
    if _EARLIER_BEFORE.search(before[-60:]):
        return False          # "17 have died, up from 11 in the previous update"
    if _SCARE_QUOTED.match(after):
        return False          # 'the army said 31 "terrorists" were neutralised': its name
        #                       for people another account counts as victims
    return not _UNCONFIRMED.search(before[-40:] + " " + after[:30])


# Words right before a figure that make it a new value of the toll.
_REVISION = re.compile(r"(?:\b(?:rose|risen|rising|raised|raising|climbed|climbing|increased|"
                       r"jumped|revised|updated|grew|mounted|swelled|taking|took|bringing|"
                       r"brought|pushing|pushed|lifting|lifted)\b(?:\s+(?!\d)[\w'-]+){0,4}?"
                       r"\s+(?:to|at)|\bnow(?:\s+(?:stands|stood))?(?:\s+at)?|\bhas reached|"
                       r"\bhad reached|\b(?:taking|took|bringing|brought|pushing|pushed|raising|raised|lifting)\s+"
                       r"(?:the|its|their)\s+(?:\w+\s+)?(?:toll|number|tally|count|total)\b[^.;\d]{0,90}?"
                       r"\s+to)\s+[\"\u201c]?(?:at least|more than|over|about|nearly|some|around)?\s*$",
                       re.IGNORECASE)
_EARLIER_VALUE = re.compile(r"\b(?:from|initially|originally|earlier|previously|first)\b"
                            r"(?:\s+[\w'-]+){0,3}?\s*$", re.IGNORECASE)
# Sources too unspecific to disagree with a named one ("officials", "authorities").
_UNSPECIFIC = {"officials", "official", "authorities", "police", "reports", "local media",
               "media", "sources", "witnesses"}


def _source(claim: Claim) -> str | None:
    return claim.source.name.lower() if claim.source and claim.source.name else None


def _compatible(a: Claim, b: Claim) -> bool:
    sa, sb = _source(a), _source(b)
    return sa is None or sb is None or sa == sb or sa in _UNSPECIFIC or sb in _UNSPECIFIC


def _open(claim: Claim) -> bool:
    return claim.value.qualifier in ("at_least", "approx", "vague") or claim.value.high is None


def _latest_update(group: list[Claim], text: str | None) -> Total:
    """The group's figure after its updates, in the order of the text (module docstring)."""
    first, *rest = sorted(group, key=lambda c: c.span[0] if c.span else 0)
    current, total = first, _figure(first)
    for claim in rest:
        before, _after = _context(claim, text)
        update = _REVISION.search(before[-140:]) is not None
        if _EARLIER_VALUE.search(before[-30:]) and not update:
            continue                  # "revised down from 1,150", "initially reported 8"
        value = _figure(claim)
        refines = _open(current) and (value.value or 0) >= (total.value or 0)
        if update or (_compatible(current, claim) and refines) or _initial(current, text):
            current, total = claim, value
    # "four guards and two drivers were killed": a list sum of the group beside its figures
    for option in _list_sums(group, text):
        if (option.value or 0) > (total.value or 0) and total.evidence in option.evidence:
            total = option
    return total


_INITIAL = re.compile(r"\b(?:initial(?:ly)?|preliminary|early|first) (?:\w+ )?(?:reports?|figures?|"
                      r"tolls?|counts?|estimates?)\b|\binitially\b[^.;]*$", re.IGNORECASE)


def _initial(claim: Claim, text: str | None) -> bool:
    """'Initial reports said 16 killed; ... the chairman put the toll at 113': a first
    figure the report itself marks as early, which the next figure of its group replaces."""
    return bool(_INITIAL.search(_context(claim, text)[0][-60:]))


def _figure(claim: Claim) -> Total:
    return Total(int(_low(claim) or 0), False, claim.quote or "")


# A coder's or bulletin's own field for the whole toll ("Fatalities: 8", "Deaths (best
# estimate): 22", "Dead: 61; injured: 230"): one or two words and a colon, at the start of
# the sentence or after the field before it. Subgroup fields ("Wounded soldiers
# evacuated: 19") name more than the toll and are not matched.
_TOLL_FIELD = re.compile(
    r"(?:^|[;.\]|]\s*)\s*(?:total\s+|confirmed\s+)?(?:fatalities|deaths|dead|killed|"
    r"death\s+toll|toll|nkill(?:ed)?|injured|wounded|injuries|nwound(?:ed)?)"
    r"(?:\s*\([^()]{0,40}\))?\s*:\s*(?:at least|about|approx\.?|c\.|some)?\s*$", re.IGNORECASE)


def _field_total(own: list[Claim], text: str | None) -> Total | None:
    """The report's own toll field, the last one given, or a revision after it ("Killed:
    17 ... two of the injured died later, taking the toll to 19")."""
    ordered = sorted(own, key=lambda c: c.span[0] if c.span else 0)
    fields = [c for c in ordered if _TOLL_FIELD.search(_context(c, text)[0])]
    if not fields:
        return None
    field = fields[-1]
    total = _figure(field)
    for option in _list_sums([c for c in ordered if c.sentence_span == field.sentence_span], text):
        # "Killed: 9 policemen and 2 civilians": the field's list
        if option.evidence.startswith(total.evidence + " + ") and \
                (option.value or 0) > (total.value or 0):
            total = option
    for claim in ordered[ordered.index(field) + 1:]:
        if _REVISION.search(_context(claim, text)[0][-140:]):
            total = _figure(claim)
    return total


_BODIES = {"bodies", "body", "corpses", "corpse", "remains"}


def _rival_count(by_group: dict[str, list[Claim]], text: str | None) -> bool:
    """'left at least 12 suspects dead, according to the secretariat; residents counted 16
    bodies': bodies counted by another source than the figures of the attackers or
    forces are that source's count of the same dead, not a group of their own (people
    hurt beside officers hurt are another group: "80 people suffered gunshot wounds ...
    39 officers had been injured")."""
    victims = by_group["victims"]
    others = [c for group, claims in by_group.items() if group != "victims" for c in claims]
    named = {_source(c) for c in others} - {None}
    return bool(named) and all(_counts_bodies(c, text) and _source(c) is not None
                               and _source(c) not in named for c in victims)


def _counts_bodies(claim: Claim, text: str | None) -> bool:
    words = (claim.subject or "").lower().split()
    after = _context(claim, text)[1].lower().split()
    return bool(words and words[-1] in _BODIES or after and after[0].strip(",.;") in _BODIES)


def incident_total(claims: Iterable[Claim], kind: str, text: str | None = None) -> Total:
    """The total of ``kind`` the claims of one report imply (see the module docstring)."""
    own = [c for c in claims if c.kind == kind and not c.derived and _low(c) is not None
           and not _other_event(c)]
    if not own:
        return Total(None)
    field = _field_total(own, text)
    if field is not None:
        return field
    counted = [c for c in own if _counts(c, text)] or own
    pool = [c for c in counted if not _background(c, text)] or counted
    by_group: dict[str, list[Claim]] = {}
    for claim in pool:
        by_group.setdefault(group_of(claim.subject), []).append(claim)
    if len(by_group) > 1 and "victims" in by_group and _rival_count(by_group, text):
        del by_group["victims"]
    parts: list[Total] = []
    for group in by_group.values():
        parts.append(_latest_update(group, text))
    if len(parts) == 1:
        return parts[0]
    return Total(sum(p.value or 0 for p in parts), True, " + ".join(p.evidence for p in parts))
