"""Who or what a figure counts, as words of the sentence.

Reads the counted noun of a figure (see figures.py); returns the subject phrase:
"the original 11,000 troops" -> "troops"; a generic people noun gets the nationality the
clause gives ("North Korea has sent 3,000 troops" -> "North Korean troops"); casualty
nouns, weapons and ground are owned ("4,000 casualties among the 11,000 troops" -> the
troops; "Moscow's forces ... capturing 30 square kilometers" -> "Moscow's forces").
"""
from __future__ import annotations

from spacy.tokens import Token

from claimtrail.extract.nouns import CASUALTY_KINDS, is_people, noun_kind

# Verbs of suffering: their subject owns the casualties ("North Korea sustained 4,000").
_SUFFER_VERBS = frozenset({"suffer", "sustain", "incur", "take", "lose", "record", "have", "see"})
# Verbs of holding: their subject owns the weapons ("Russia has lost 3,000 vehicles");
# "US aircraft shot down 70 drones" does not make the drones American.
_HOLD_VERBS = frozenset({"have", "own", "possess", "number", "lose", "field", "hold", "keep",
                         "stockpile", "amass", "gather", "deploy", "operate", "maintain"})

_SUBJECT_DROP_DEPS = {"det", "nummod", "quantmod", "punct", "advmod", "predet", "cc", "prep",
                      "relcl", "acl", "appos", "conj"}

_SUBJECT_DROP_WORDS = {"more", "than", "over", "about", "around", "nearly", "almost", "some",
                       "approximately", "roughly", "at", "least", "most", "added", "additional",
                       "another", "further", "other", "original", "estimated", "up", "to"}

DEMONYMS = {
    "north korea": "North Korean", "south korea": "South Korean", "russia": "Russian",
    "ukraine": "Ukrainian", "kyiv": "Ukrainian", "moscow": "Russian", "pyongyang": "North Korean",
    "belarus": "Belarusian", "iran": "Iranian", "china": "Chinese", "the united states": "US",
    "united states": "US", "us": "US", "u.s.": "US", "washington": "US", "britain": "British",
    "poland": "Polish", "germany": "German", "france": "French", "nato": "NATO",
}


def subject_of(kind: str, noun: Token | None, preds: list[Token], root: Token) -> str | None:
    """Who or what is counted, as words of the sentence."""
    if noun is None:
        return None                           # elliptical: the pipeline copies the partner's
    if kind in CASUALTY_KINDS and noun_kind(noun) in CASUALTY_KINDS:
        owner = _owner(noun, verbs=_SUFFER_VERBS)
        if owner is None:
            return None
        country = _demonym_of(owner)
        if country:                   # "Russia has had 70,000 casualties": its forces
            return f"{country} forces"
        return _with_nationality(owner, noun_phrase(owner))
    if kind in ("weapons", "territory"):
        owner = _owner(noun, verbs=_HOLD_VERBS if kind == "weapons" else None)
        if owner is None:
            return noun_phrase(noun)
        country = _demonym_of(owner)
        if country and kind == "weapons":   # "Russia has lost 3,000 armored vehicles"
            return f"{country} {noun_phrase(noun)}"
        return national(noun_phrase(owner))
    group = _group_of(noun)
    if group is not None:             # "These troops, comprising 12,000 individuals"
        noun = group
    return _with_nationality(noun, noun_phrase(noun))


def _group_of(noun: Token) -> Token | None:
    """The group a generic count makes up: 'troops comprising 12,000 individuals'."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in ("comprise", "include", "number",
                                                          "total", "consist", "count"):
        return None
    if verb.dep_ in ("acl", "relcl") and is_people(verb.head):
        return verb.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and is_people(subj) else None


def anaphoric(noun: Token | None) -> bool:
    """'these troops', 'the soldiers': a group named earlier in the text."""
    if noun is None:
        return False
    group = _group_of(noun) or noun
    return any(c.dep_ == "det" and c.lower_ in ("these", "those", "the", "such")
               for c in group.children)


def _demonym_of(tok: Token) -> str | None:
    """The demonym when ``tok`` names a country or its capital ("Russia", "Moscow")."""
    return DEMONYMS.get((noun_phrase(tok) or "").lower())


def national(phrase: str | None) -> str | None:
    """'Moscow's forces' -> 'Russian forces': a possessive country or capital becomes its
    demonym, so that one group has one name across articles."""
    if not phrase:
        return phrase
    for sep in ("’s ", "'s "):
        if sep in phrase:
            owner, rest = phrase.split(sep, 1)
            demonym = DEMONYMS.get(owner.lower())
            if demonym:
                return f"{demonym} {rest}"
    return phrase


def _with_nationality(noun: Token, phrase: str | None) -> str | None:
    """'troops' -> 'North Korean troops' when the clause names their country: the
    sender ("North Korea has sent 3,000 troops") or the sufferer ("North Korea had
    sustained 4,000 casualties among the 11,000 troops")."""
    if not phrase or any(w[:1].isupper() for w in phrase.split()) or not is_people(noun):
        return phrase
    demonym = _sender(noun) or _country_above(noun)
    return f"{demonym} {phrase}" if demonym else phrase


def _country_above(noun: Token) -> str | None:
    for hop, verb in enumerate(noun.ancestors):
        if hop > 4:
            break
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj != noun:
            return DEMONYMS.get((noun_phrase(subj) or "").lower())
    return None


def _owner(noun: Token, verbs: frozenset[str] | None = None) -> Token | None:
    """Whose casualties / arsenal / ground: 'among X', 'of X', 'X's', or the subject of
    the verb ('suffer/sustain' for casualties, 'have/lose/number' for weapons, any verb
    for ground: who took it)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("among", "of"):
            for obj in child.children:
                # "casualties among the troops", "losses of Russia"; not "casualties of war"
                if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or is_people(obj)):
                    return obj
    verb = noun.head
    hops = 0
    while verb.pos_ in ("VERB", "AUX") and hops < 3:
        if verbs is not None and verb.lemma_.lower() not in verbs:
            break
        for child in verb.children:
            if child.dep_ == "nsubj" and child != noun:
                return child
        if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") and verb.head != verb:
            verb = verb.head
            hops += 1
            continue
        break
    return None


def _sender(noun: Token) -> str | None:
    """'North Korea has sent 3,000 troops': the sending country gives the demonym."""
    verbs = [noun.head] if noun.dep_ in ("dobj", "nsubjpass") else []
    verbs += [c for c in noun.children if c.dep_ in ("relcl", "acl")]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in ("nsubj", "agent"):
                target = child if child.dep_ == "nsubj" else next(
                    (o for o in child.children if o.dep_ == "pobj"), child)
                name = noun_phrase(target) or ""
                demonym = DEMONYMS.get(name.lower())
                if demonym:
                    return demonym
    return None


def noun_phrase(tok: Token) -> str | None:
    """The noun phrase of ``tok`` without determiners, numbers, qualifiers and clauses:
    "the original 11,000 troops" -> "troops"; "South Korea's military" stays whole."""
    if tok.pos_ == "PRON":
        return None
    words: list[Token] = []
    for t in tok.subtree:
        if t.i > tok.i and t.dep_ not in ("compound", "flat") and t.head == tok:
            break
        if t.i > tok.i and t.head != tok and t.head.i > tok.i:
            break
        words.append(t)
    keep: list[Token] = []
    for t in words:
        if t == tok:
            keep.append(t)
            continue
        if t.dep_ in _SUBJECT_DROP_DEPS or t.like_num or t.pos_ in ("NUM", "PRON") or \
                t.lower_ in _SUBJECT_DROP_WORDS or t.ent_type_ == "CARDINAL":
            continue
        if any(a.dep_ in _SUBJECT_DROP_DEPS or a.like_num for a in t.ancestors
               if a.i != tok.i and tok in a.ancestors):
            continue
        keep.append(t)
    text = ""
    for i, t in enumerate(keep):
        glue = t.dep_ == "case" or t.text in ("'s", "’s", "-") or (i and keep[i - 1].text == "-")
        text += t.text if (glue or not text) else " " + t.text
    return text.strip() or None
