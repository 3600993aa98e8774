"""Comparable variables: who is counted (actor) x what is counted (kind) x the unit.

"North Korean soldiers", "North Korean servicemen", "North Koreans", "DPRK troops" and a
bare "troops" in an article about them are one subject, "North Korean troops": the
actor is read from the nationality adjective or country name, the generic head noun
is dropped, and a subject with no actor inherits the dominant actor of its document
(else of its story). A personnel figure and a casualty figure are never one variable;
a share ("one-third of the casualties") is kept apart from counts, and resolved
against its base into a derived count.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from claimtrail.reconcile import scope
from claimtrail.reconcile.claims import CUMULATIVE_KINDS, PEOPLE_KINDS, RClaim, fmt_value

# canonical actor adjective <- the words that name it (longest match wins)
_ACTORS: dict[str, tuple[str, ...]] = {
    "North Korean": ("north korean", "north koreans", "north korea", "dprk", "pyongyang",
                     "korean people's army", "kpa"),
    "South Korean": ("south korean", "south koreans", "south korea", "seoul"),
    "Russian": ("russian", "russians", "russia", "moscow", "kremlin"),
    "Ukrainian": ("ukrainian", "ukrainians", "ukraine", "kyiv", "kiev"),
    "Belarusian": ("belarusian", "belarusians", "belarus", "minsk"),
    "Wagner": ("wagner",),
    "Chechen": ("chechen", "chechens", "kadyrov"),
    "American": ("american", "americans", "u.s.", "united states", "usa"),
    "British": ("british", "britain", "uk", "united kingdom"),
    "Polish": ("polish", "poland", "poles"),
    "German": ("german", "germans", "germany"),
    "French": ("french", "france"),
    "Chinese": ("chinese", "china"),
    "Iranian": ("iranian", "iranians", "iran"),
    "NATO": ("nato",),
    "Civilian": ("civilian", "civilians"),
}
_ACTOR_PATTERNS = sorted(((w, a) for a, ws in _ACTORS.items() for w in ws),
                         key=lambda p: -len(p[0]))
_ACTOR_RE = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(w) for w, _ in _ACTOR_PATTERNS)
                       + r")(?:'s)?(?![a-z0-9])")
_ACTOR_OF = dict(_ACTOR_PATTERNS)

# head nouns that name people in arms without saying whose
GENERIC_PEOPLE = frozenset(["troops", "troop", "soldiers", "soldier", "servicemen", "serviceman", "servicemembers", "service", "members", "forces", "force", "fighters", "fighter", "personnel", "individuals", "individual", "men", "people", "military", "army", "units", "unit", "recruits", "contingent", "mercenaries", "combatants", "conscripts", "marines", "infantry", "members"])
_DETERMINERS = frozenset(["the", "a", "an", "some", "these", "those", "its", "their", "his", "her", "our", "of"])
_INCREMENT = re.compile(r"\b(added|additional|another|further|extra|fresh|next|"
                        r"reinforcements?)\b"
                        r"|\b\d[\d,.]*\s+more\b", re.IGNORECASE)


def actor_of(text: str | None) -> str | None:
    """The actor named in a subject phrase, or None ("troops", "individuals")."""
    if not text:
        return None
    m = _ACTOR_RE.search(text.lower().replace("’", "'"))
    return _ACTOR_OF[m.group(1)] if m else None


def is_generic_people(subject: str | None) -> bool:
    """True when the subject is people in arms (whoever's): "North Korean soldiers",
    "troops", "individuals", or nothing at all."""
    if not subject:
        return True
    words = [w for w in re.findall(r"[a-z']+", subject.lower().replace("’", "'"))
             if w not in _DETERMINERS]
    return bool(words) and words[-1] in GENERIC_PEOPLE or _is_demonym_plural(words)


def _is_demonym_plural(words: list[str]) -> bool:
    """"North Koreans", "Russians": the people of a country, counted as its troops."""
    return bool(words) and words[-1].endswith("s") and actor_of(" ".join(words)) is not None \
        and " ".join(words) in _ACTOR_OF


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


def assign_variables(claims: list[RClaim]) -> None:
    """Set actor, variable id and subject, the increment and period-count flags, and the
    scope (what else restricts the count), on every claim."""
    doc_actor = _dominant_actors(claims, by_doc=True)
    story_actor = _dominant_actors(claims, by_doc=False).get("", None)
    for c in claims:
        read = c.memo.get("words")
        if read is None:
            # only the dominant actors can change between passes; the rest is read from
            # the claim's own words once (half the ledger's build time on a big story)
            read = c.memo["words"] = _read_words(c)
        people_subject, own_actor, after_actor, kind_key, increment, period_count, \
            tags, place = read
        c.actor = own_actor
        if c.actor is None and people_subject and not _civilian_losses(c):
            c.actor = after_actor or doc_actor.get(c.doc) or story_actor
        if people_subject:
            subject = f"{c.actor} troops" if c.actor else "Unattributed people"
        else:
            subject = _clean_subject(c.subject) or "unspecified"
        c.variable_subject = subject
        c.variable = f"{slug(subject)}/{kind_key}"
        c.increment = increment
        c.period_count = period_count
        c.scope = tags
        c.scope_place = place


def _read_words(c: RClaim) -> tuple[bool, str | None, str | None, str, bool, bool,
                                    frozenset[str], str | None]:
    people_subject = c.kind in PEOPLE_KINDS and is_generic_people(c.subject) \
        or is_generic_people(c.subject) and c.subject is not None
    if people_subject and c.kind in PEOPLE_KINDS and scope.elliptical(c):
        people_subject = False           # "Five have been lost" (tanks): counts no one named
    own_actor = actor_of(c.subject)
    after_actor = _actor_after_figure(c) if own_actor is None and people_subject else None
    kind_key = _kind_key(c)
    increment = c.kind == "personnel" and not c.is_share and _is_increment(c)
    period_count = not increment and c.kind in PEOPLE_KINDS and "-per-" not in kind_key \
        and scope.is_period_count(c)
    return (people_subject, own_actor, after_actor, kind_key, increment, period_count,
            scope.scope_tags(c), scope.fallback_place(c))


# Who is counted when a loss figure names people, victims or civilians: not the troops
# the report is mostly about ("three people were in hospital", "millions of victims").
_CIVIL_NOUNS = frozenset(["people", "persons", "person", "victims", "victim", "civilians",
                          "civilian", "residents", "inhabitants", "children", "women",
                          "passengers", "refugees", "bystanders", "pedestrians"])


def _civilian_losses(c: RClaim) -> bool:
    if c.kind not in CUMULATIVE_KINDS:
        return False
    words = re.findall(r"[a-z]+", (c.subject or "").lower())
    if words:
        return words[-1] in _CIVIL_NOUNS
    _, after = scope.windows(c, after=30)
    following = re.findall(r"[a-z]+", after.lower())[:3]
    return any(w in _CIVIL_NOUNS for w in following)


_RATE = re.compile(r"\b(?:per|a|each|every)\s+(day|week|month|year)\b(?!\s+ago)"
                   r"|\b(daily|weekly|monthly)\b"
                   r"|\b(?:during|in|over)\s+the\s+(?:last|past)\s+(day|24 hours|week|month)\b",
                   re.IGNORECASE)
_RATE_WORD = {"daily": "day", "weekly": "week", "monthly": "month", "24 hours": "day"}


def rate_period(c: RClaim) -> str | None:
    """"824 Russian troops dying each day": a rate, never compared with a total."""
    unit = (c.unit or "").lower()
    if "/" in unit:
        return None                     # the unit already says it ("km2/day")
    sentence = c.sentence
    at = sentence.find(c.quote) if c.quote else -1
    window = sentence if at < 0 else sentence[max(0, at - 80): at + len(c.quote or "") + 60]
    m = _RATE.search(window)
    if not m:
        return None
    word = next(g for g in m.groups() if g).lower()
    return _RATE_WORD.get(word, word)


def _kind_key(c: RClaim) -> str:
    rate = rate_period(c)
    if rate:
        return f"{_unit_kind_key(c)}-per-{rate}"
    return _unit_kind_key(c)


def _unit_kind_key(c: RClaim) -> str:
    unit = (c.unit or "people").lower()
    if c.is_share:
        return f"{c.kind}-share"
    if unit in ("people", "persons", "person", "") or c.kind in PEOPLE_KINDS and unit == "people":
        return c.kind
    return f"{c.kind}-{slug(unit)}"


_US = re.compile(r"\bU\.?S\.?\b|\bUS\b")


def _actor_after_figure(c: RClaim) -> str | None:
    """The actor named between the figure and its head noun ("about 75,000 US troops")
    when the subject the extractor kept lacks it; words after the head noun ("troops to
    bolster Moscow") are not the subject."""
    at = c.sentence.find(c.quote) if c.quote else -1
    if at < 0:
        return None
    after = c.sentence[at + len(c.quote or ""): at + len(c.quote or "") + 40]
    words = after.split()[:4]
    for k, word in enumerate(words):
        if word.lower().strip(",.;:") in GENERIC_PEOPLE:
            modifiers = " ".join(words[:k])
            if _US.search(modifiers):
                return "American"
            return actor_of(modifiers)
    return None


def _clean_subject(subject: str | None) -> str:
    if not subject:
        return ""
    words = subject.replace("’", "'").split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _dominant_actors(claims: list[RClaim], by_doc: bool) -> dict[str, str]:
    """The actor most often named by people-counting claims, per document or story."""
    counts: dict[str, Counter[str]] = {}
    for c in claims:
        if c.kind not in PEOPLE_KINDS:
            continue
        actor = actor_of(c.subject)
        if actor:
            counts.setdefault(c.doc if by_doc else "", Counter())[actor] += 1
    return {k: v.most_common(1)[0][0] for k, v in counts.items()}


def _is_increment(c: RClaim) -> bool:
    """"North Korea has sent 3,000 added troops": a flow, not the size of the force."""
    sentence = c.sentence
    at = sentence.find(c.quote) if c.quote else -1
    if at < 0:
        window = sentence
    else:
        window = sentence[max(0, at - 25): at + len(c.quote or "") + 30]
        window = re.sub(r"\bmore than\b|\bno more\b", "", window, flags=re.IGNORECASE)
    return bool(_INCREMENT.search(window))


# --- shares resolved against their base ------------------------------------------

_BASE_WORDS = (("casualt", "casualties"), ("losses", "casualties"),
               ("troops", "personnel"), ("soldiers", "personnel"), ("forces", "personnel"),
               ("personnel", "personnel"), ("contingent", "personnel"))


def resolve_shares(claims: list[RClaim]) -> list[RClaim]:
    """Derived counts from shares of a base ("approximately one-third of the [over 5,000]
    casualties reported as fatalities" -> killed >= ~1,667). Returns the new claims
    (negative ids: they are computed, not stored); a share whose document already has
    the extractor's derived figure is left alone."""
    out = []
    in_doc = _by_doc(claims)         # a share's base and derivations are in its document
    for share in claims:
        if not share.is_share or share.kind not in PEOPLE_KINDS or share.derived:
            continue
        base = _base_of(share, in_doc[share.doc])
        if base is None:
            continue
        if any(c.derived and c.kind == share.kind and not c.is_share
               for c in in_doc[share.doc]):
            continue
        out.append(_derive(share, base))
    return out


def _by_doc(claims: list[RClaim]) -> dict[str, list[RClaim]]:
    out: dict[str, list[RClaim]] = {}
    for c in claims:
        out.setdefault(c.doc, []).append(c)
    return out


def link_stored_derivations(claims: list[RClaim]) -> None:
    """Name the claims a stored derived figure (the extractor's own "one-third of over
    5,000 casualties" -> killed >= 1,667) rests on: the share in its sentence and the
    base its ``derived_from`` quotes, so the ledger can show and check the arithmetic."""
    in_doc = _by_doc(claims)
    for d in claims:
        if not d.derived or d.derived_from_claims or d.id < 0:
            continue
        doc_claims = in_doc[d.doc]
        same_sentence = [c for c in doc_claims if c.sentence == d.sentence and not c.derived]
        share = next((c for c in same_sentence if c.is_share and c.quote == d.quote), None)
        said = (d.derived_from or "").lower()
        base = None
        if share is not None:
            base = _base_of(share, doc_claims)
        if base is None:
            base = next((c for c in same_sentence if not c.is_share and c.quote
                         and c.quote.lower() in said), None)
        if base is None:
            # the figure its words name ("nearly half of 11,000 troops"), anywhere in the
            # document, the same sentence first
            named = [c for c in doc_claims if not c.derived and not c.is_share
                     and c.low is not None and _figure_named(c.low, said)]
            base = min(named, key=lambda c: c.sentence != d.sentence, default=None)
        d.derived_from_claims = [x.id for x in (share, base) if x is not None]
        if base is not None and _time_of_the_force(d, base) \
                and (d.time_start, d.time_end) == (base.time_start, base.time_end):
            # "the casualties represent nearly half of the 11,000 troops sent last year":
            # last year is when the troops went, not when the losses are counted
            d.time_start = d.time_end = d.time_text = None


def _fraction(c: RClaim, bound: float | None) -> float | None:
    if bound is None:
        return None
    unit = (c.unit or "").lower()
    return bound / 100.0 if unit in ("percent", "%") or bound > 1 else bound


def _base_kind(share: RClaim) -> str:
    text = share.sentence.lower()
    if share.quote and share.quote.lower() in text:
        text = text[text.find(share.quote.lower()):]
    for word, kind in _BASE_WORDS:
        if word in text and kind != share.kind:
            return kind
    return "personnel" if share.kind == "casualties" else "casualties"


def _base_of(share: RClaim, claims: list[RClaim]) -> RClaim | None:
    """The count the share is of: the nearest preceding claim of the base kind in the
    same document about the same actor (the same sentence first)."""
    kind = _base_kind(share)
    candidates = [c for c in claims if c.doc == share.doc and c.kind == kind
                  and not c.is_share and not c.derived and not c.increment
                  and (c.actor == share.actor or c.actor is None or share.actor is None)
                  and (c.low is not None or c.high is not None)]
    if not candidates:
        return None
    start = share.span[0] if share.span else 0

    def distance(c: RClaim) -> tuple[int, int]:
        same_sentence = 0 if c.sentence == share.sentence else 1
        pos = c.span[0] if c.span else 0
        return (same_sentence, start - pos if pos <= start else 10**9 + pos - start)

    return min(candidates, key=distance)


def _derive(share: RClaim, base: RClaim) -> RClaim:
    lo_f, hi_f = _fraction(share, share.low), _fraction(share, share.high)
    low = _round(lo_f * base.low) if lo_f is not None and base.low is not None else None
    high = _round(hi_f * base.high) if hi_f is not None and base.high is not None else None
    if base.qualifier in ("at_least", "at_most") and share.qualifier in ("exact", "approx"):
        qualifier = base.qualifier
    elif share.qualifier == "exact" and base.qualifier == "exact":
        qualifier = "exact"
    else:
        qualifier = "approx"
    fraction = f"{lo_f:.4g}" if lo_f == hi_f or hi_f is None else f"{lo_f:.4g}-{hi_f:.4g}"
    share_text = f"{share.quote} ({fraction})" if share.quote and len(share.quote) < 40 \
        else fraction
    force_time = _time_of_the_force(share, base)
    return RClaim(
        id=-share.id, doc=share.doc, doc_order=share.doc_order, published=share.published,
        sentence=share.sentence, span=share.span, quote=None, low=low, high=high,
        qualifier=qualifier, unit=base.unit or "people", kind=share.kind,
        subject=share.subject or base.subject, source=share.source or base.source,
        time_start=share.time_start or (None if force_time else base.time_start),
        time_end=share.time_end or (None if force_time else base.time_end),
        time_text=share.time_text or (None if force_time else base.time_text),
        place=share.place or base.place,
        derived=True,
        derived_from=f"{share_text} of {fmt_value(base)} {base.kind} (claim {base.id})",
        derived_from_claims=[share.id, base.id], actor=share.actor or base.actor)


def _figure_named(value: float, text: str) -> bool:
    return bool(re.search(rf"(?<![\d,.]){re.escape(f'{value:,.0f}')}(?![\d,])", text)) \
        or bool(re.search(rf"(?<![\d,.]){value:.0f}(?![\d,])", text))


def _time_of_the_force(share: RClaim, base: RClaim) -> bool:
    """A share of losses taken of a force: the base's time is when the force was sent,
    not when the losses were counted, so the derived figure keeps the share's own."""
    return share.kind in CUMULATIVE_KINDS and base.kind == "personnel"


def _round(x: float) -> int:
    """Half up (one-third of 5,000 is 1,667, not Python's banker's 1,666)."""
    return math.floor(x + 0.5)
