"""The clause as the unit of kind: what happened to a figure is said by the verb of its own
clause, that verb's objects and prepositions, not by the sentence.

"14 police officers were killed and 9 became injured": each conjunct has its own verb and
each figure takes the kind of its own. ``governing_verb`` walks up from the counted noun
(or the bare numeral) to the first verb; ``clause_kind`` reads the cues of
``data/clauses.json`` around that verb: a verb of harm ("abducted 14 residents"), a verb
with a preposition or object that names the harm ("crushed to death", "treated for burns",
"suffered gunshot wounds"), an adjective predicate ("remain unaccounted for"), or a casualty
noun among the verb's other arguments ("the death toll rose to 36", "the dead included two
members"). ``partitive_kind`` gives "two of them" and "among them three firefighters" the
kind of the figure they divide. Reads tokens only; no state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from claimtrail.extract.lexicon import _load
from claimtrail.extract.lexicon import kinds as kind_lexicon
from claimtrail.extract.nouns import CASUALTY_KINDS, looks_like_people, noun_kind


@dataclass(frozen=True)
class ClauseCues:
    verbs: dict[str, str]
    agentive: frozenset[str]
    intransitive: frozenset[str]
    feared: frozenset[str]
    need_people: frozenset[str]
    verb_objects: dict[str, str]
    verb_preps: dict[str, str]
    prep_verbs_only: dict[str, frozenset[str]]
    adjectives: dict[str, str]
    argument_verbs: frozenset[str]
    partitive_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> ClauseCues:
    raw = _load("clauses.json")
    return ClauseCues(
        verbs=raw["verbs"], agentive=frozenset(raw["agentive_verbs"]),
        intransitive=frozenset(raw["intransitive_verbs"]), feared=frozenset(raw["feared_verbs"]),
        need_people=frozenset(raw["need_people"]), verb_objects=raw["verb_objects"],
        verb_preps=raw["verb_preps"],
        prep_verbs_only={k: frozenset(v) for k, v in raw["prep_verbs_only"].items()},
        adjectives=raw["adjectives"], argument_verbs=frozenset(raw["argument_verbs"]),
        partitive_pronouns=frozenset(raw["partitive_pronouns"]))


def governing_verb(tok: Token) -> Token | None:
    """The verb of the clause the token stands in: the first verb above it; an auxiliary
    the parser made the head ("9 became injured": 'became') gives way to its verb."""
    for anc in (tok, *tok.ancestors) if tok.pos_ in ("VERB",) else tok.ancestors:
        if anc.pos_ == "VERB" or (anc.pos_ == "ADJ" and anc.dep_ in ("ROOT", "conj", "ccomp")):
            return anc
        if anc.pos_ == "AUX":
            if anc.dep_ in ("aux", "auxpass") and anc.head.pos_ in ("VERB", "ADJ"):
                return anc.head
            return anc
    return None


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _war_verb(lemma: str) -> str | None:
    """A casualty verb of kinds.json ("kill", "die", "wound"); 'die' has no agent."""
    from claimtrail.extract.lexicon import kinds
    kind = kinds().verbs.get(lemma)
    return kind if kind in CASUALTY_KINDS and lemma not in ("lose", "eliminate") else None


def _verb_cue(verb: Token, arg: Token | None, people: bool) -> str | None:
    """The kind the verb itself and its dependents say, for a figure that is ``arg``."""
    c = cues()
    lemma = _lemma(verb)
    passive = any(ch.dep_ == "auxpass" for ch in verb.children) or verb.tag_ == "VBN"
    agent = arg is not None and arg.dep_ == "nsubj" and not passive and \
        lemma not in c.intransitive
    as_adjective = verb.pos_ == "ADJ" or (passive and verb.tag_ == "VBN" and any(
        ch.dep_ in ("auxpass", "aux") for ch in verb.children))      # "were unaccounted for"
    if any(ch.dep_ == "prep" and c.verb_preps.get(f"{ch.lower_} {_lemma(obj)}") == "killed"
           for ch in verb.children for obj in ch.children if obj.dep_ == "pobj"):
        return "killed"                # "stabbed to death", "beaten to death"
    kind = c.verbs.get(lemma) or (c.adjectives.get(verb.lower_) if as_adjective else None) or \
        _war_verb(lemma)
    if kind and not (agent and (lemma in c.agentive or _war_verb(lemma))) and \
            (people or lemma not in c.need_people):
        return kind
    if lemma in c.feared and any(ch.lower_ in ("dead", "killed") for ch in verb.children):
        return "missing"               # "more than 100 people were feared dead"
    for ch in verb.children:
        kind = _object_kind(verb, ch)
        if kind is not None and (people or kind != "captured"):   # "took custody of two laptops"
            return kind
        if ch.dep_ in ("acomp", "oprd", "xcomp", "advmod") and ch.lower_ in c.adjectives:
            return c.adjectives[ch.lower_]
        if ch.dep_ == "prep" and ch.lower_ == "as":
            for obj in ch.children:           # "96 were listed as missing"
                if obj.lower_ in c.adjectives:
                    return c.adjectives[obj.lower_]
        if ch.dep_ in ("prep", "agent") and ch.lower_ == "by":
            # "treated by paramedics for smoke inhalation": the parser hangs the harm on
            # the agent
            for agent in ch.children:
                for sub in agent.children:
                    if sub.dep_ != "prep":
                        continue
                    for obj in sub.children:
                        key = f"{sub.lower_} {_lemma(obj)}"
                        only = c.prep_verbs_only.get(key)
                        if obj.dep_ == "pobj" and key in c.verb_preps and (only is None or lemma in only):
                            return c.verb_preps[key]
        if ch.dep_ == "prep" or (ch.dep_ == "prt" and ch.lower_ == "to"):
            for obj in ch.children:
                if obj.dep_ != "pobj":
                    continue
                key = f"{ch.lower_} {_lemma(obj)}"
                if key not in c.verb_preps:
                    continue
                only = c.prep_verbs_only.get(key)
                if only is None or lemma in only:
                    return c.verb_preps[key]
    return None


def _argument_kind(verb: Token, figure_side: Token) -> str | None:
    """'the death toll rose to 36', 'the dead included two members': a casualty noun among
    the verb's other arguments counts what the figure totals."""
    if _lemma(verb) not in cues().argument_verbs:
        return None
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ == "VERB" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and any(
            c.dep_ in ("nsubj", "nsubjpass") and _lemma(c) in _TOTAL_NOUNS for c in head.children):
        # "The number of people killed when ... rose to 22": the parser makes 'killed' the
        # verb of 'number' and 'rose' its conjunct; the number is of the killed
        kind = _war_verb(_lemma(head))
        if kind is not None:
            return kind
    for ch in verb.children:
        if ch.dep_ not in ("nsubj", "nsubjpass", "dobj") or ch == figure_side or \
                figure_side in ch.subtree:
            continue
        if any(g.like_num or g.pos_ == "NUM" for g in ch.children if g.dep_ in ("nummod", "quantmod")):
            continue                   # "12 deaths" is a figure of its own
        kind = noun_kind(ch) or _total_of_kind(ch)
        if kind in CASUALTY_KINDS:
            return kind
    return None


_TOTAL_NOUNS = {"number", "total", "count", "tally", "toll", "figure"}
# A change in a count is a count of the same kind ("the daily rise in deaths was 777").
_CHANGE_NOUNS = {"rise", "increase", "jump", "surge", "drop", "fall", "decline", "decrease"}


def _total_of_kind(noun: Token) -> str | None:
    """'the number of people killed by the earthquake', 'the rise in deaths': the kind
    of what is totalled."""
    from claimtrail.extract.nouns import predicate_kind
    lemma = _lemma(noun)
    if lemma not in _TOTAL_NOUNS and lemma not in _CHANGE_NOUNS:
        return None
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in (("of", "in") if lemma in _CHANGE_NOUNS
                                                      else ("of",)):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            kind = noun_kind(obj)
            if kind in CASUALTY_KINDS:
                return kind
            for mod in obj.children:
                if mod.dep_ in ("acl", "amod", "relcl"):
                    kind = predicate_kind(mod)
                    if kind in CASUALTY_KINDS:
                        return kind
    return None


# Words of a figure phrase left of its numeral ("killing at least 43", "killed about 20").
_QUALIFIER_WORDS = {"at", "least", "most", "about", "around", "some", "more", "than", "nearly",
                    "almost", "over", "up", "to", "roughly", "approximately", "an", "estimated",
                    "another", "a", "further", "as", "many"}


def verb_before(root: Token) -> Token | None:
    """The active verb right before the figure phrase ("..., killing at least 47 people, medics
    said"): its object, whatever the parser attached the noun to."""
    i = root.i - 1
    doc = root.doc
    while i >= 0 and root.i - i <= 5 and doc[i].lower_ in _QUALIFIER_WORDS:
        i -= 1
    if i < 0:
        return None
    tok = doc[i]
    if tok.pos_ == "VERB" and tok.tag_ in ("VBG", "VBD", "VBZ", "VBP") and \
            not any(c.dep_ == "auxpass" for c in tok.children):
        return tok
    return None


def label_before(root: Token) -> str | None:
    """'Fatalities: 7', 'Injured - 12': a casualty noun as the label of the figure."""
    doc = root.doc
    i = root.i - 1
    while i >= 0 and doc[i].lower_ in _QUALIFIER_WORDS:
        i -= 1
    if i < 1 or doc[i].text not in (":", "-", "\u2013", "):"):
        return None
    # the label runs back to the field before it ("Dead: 61; injured: 230", "Deaths (best
    # estimate): 22", "Bodies recovered: 18", "Wounded soldiers evacuated: 19")
    words: list[Token] = []
    j, depth = i - 1, 1 if doc[i].text == "):" else 0
    while j >= 0 and len(words) < 6:
        tok = doc[j]
        if tok.text == ")":
            depth += 1
        elif tok.text == "(":
            depth -= 1
        elif depth == 0 and (tok.text in (";", ".", ",", ":", "]", "[") or tok.like_num):
            break
        elif depth == 0:
            words.append(tok)
        j -= 1
    for label in reversed(words):
        if label.lemma_.lower() in kind_lexicon().body_nouns:
            return "killed"
        kind = noun_kind(label) or cues().adjectives.get(label.lower_)
        if kind in CASUALTY_KINDS:
            return kind
    return None


# Fates of people that are no casualty: a figure's own participle saying one of them
# decides, not the verb its clause hangs on ("Outcome: 22 rescued; 30 missing, presumed
# drowned").
SPARED_FATES = {"rescue", "evacuate", "save", "free", "release", "survive", "relocate",
                "shelter", "displace", "recover", "discharge"}


def spared_subject(tok: Token, *, or_object: bool = False) -> bool:
    """'... and 40 were rescued': the figure (or its noun) is the subject (or, with
    ``or_object``, the object) of a fate that is no casualty, which decides its kind
    whatever the clause around says."""
    deps = ("nsubj", "nsubjpass", "dobj") if or_object else ("nsubj", "nsubjpass")
    return tok.dep_ in deps and tok.head.pos_ == "VERB" and _lemma(tok.head) in SPARED_FATES


def _fronted_group(verb: Token, anchor: Token) -> str | None:
    """'Of the injured, 11 were ...': a group named before the figure, in front of its
    clause, that the figure is part of."""
    from claimtrail.extract.nouns import noun_kind
    if anchor.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "among") or prep.i > anchor.i:
            continue
        for group in prep.children:
            if group.dep_ != "pobj":
                continue
            kind = cues().adjectives.get(group.lower_) or noun_kind(group)
            if kind in CASUALTY_KINDS:
                return kind
    return None


def verb_object_kind(verb: Token) -> str | None:
    """The harm a verb's object names ("receiving treatment", "suffered injuries")."""
    return next((k for k in (_object_kind(verb, ch) for ch in verb.children) if k), None)


def _object_kind(verb: Token, obj: Token) -> str | None:
    """clauses.json verb_objects: 'VERB NOUN' where the object names the harm."""
    if obj.dep_ != "dobj":
        return None
    return cues().verb_objects.get(f"{_lemma(verb)} {_lemma(obj)}")


def _describes_a_thing(adjective: Token) -> bool:
    """'2 fatal crashes': the casualty word qualifies a noun after it that is no people."""
    from claimtrail.extract.nouns import looks_like_people
    head = adjective.head
    return adjective.dep_ == "amod" and head.i > adjective.i and head.pos_ == "NOUN" and \
        not looks_like_people(head)


def clause_kind(root: Token, noun: Token | None) -> str | None:
    """The casualty kind the figure's own clause gives it, or None."""
    from claimtrail.extract.nouns import predicate_kind
    doc = root.doc
    # "30+ missing", "3x WIA" (a tally mark): the word after the mark
    step = 2 if root.i + 1 < len(doc) and doc[root.i + 1].text in ("+", "x") else 1
    for after in (doc[root.i + step] if root.i + step < len(doc) else None,
                  doc[noun.i + 1] if noun is not None and noun.i + 1 < len(doc) else None,
                  noun if noun is not None and noun.i == root.i + step + 1 else None):
        if after is not None and after.lower_ in cues().adjectives and \
                (root.like_num or root.pos_ == "NUM") and not _describes_a_thing(after):
            return cues().adjectives[after.lower_]     # "46 wounded", "two soldiers KIA"
    label = label_before(root)
    if label is not None:
        return label                        # "Fatalities: 7", "Death toll: 14"
    if any(c.dep_ in ("acl", "relcl", "amod") and _lemma(c) in SPARED_FATES
           for c in (noun if noun is not None else root).children):
        return None                         # "22 rescued", whatever the clause around says
    before = verb_before(root)
    if before is not None and (noun is None or looks_like_people(noun)) and \
            _lemma(before) not in ("lose", "eliminate"):   # "lost two [wars]", "lost 15 billions"
        kind = cues().verbs.get(_lemma(before)) or predicate_kind(before)
        if kind in CASUALTY_KINDS:
            return kind
    anchor = noun if noun is not None else root
    stranded = stranded_verb(anchor)
    verb = stranded if stranded is not None else governing_verb(anchor)
    if verb is None:
        return None
    people = noun is None or looks_like_people(noun) or _lemma(noun) in ("other", "others")
    arg = anchor
    while stranded is None and arg.head != verb and arg.head != arg and \
            arg.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        arg = arg.head
    fronted = _fronted_group(verb, anchor)
    if fronted is not None:
        return fronted                     # "Of the injured, 11 were referred to hospital"
    if people:
        own = _own_prep_cue(anchor) or _own_prep_cue(root)
        if own:
            return own                     # "three of them with injuries"
        for clause_verb in _with_conjuncts(verb):
            kind = _verb_cue(clause_verb, arg if clause_verb == verb else None, people)
            if kind:
                return kind
    side = arg if arg.head == verb else anchor
    return _argument_kind(verb, side)


def _with_conjuncts(verb: Token) -> list[Token]:
    """The verb and the verbs coordinated with it that share its subject ("were hit by
    stray bullets and taken to hospital"), not a conjunct with a subject of its own."""
    out = [verb]
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and not any(
                g.dep_ in ("nsubj", "nsubjpass", "expl") or g.like_num for g in child.children) \
                and stranded_subject(child) is None:
            out.append(child)
    return out


def stranded_subject(verb: Token) -> Token | None:
    """'The blast killed 12 people and 40 were injured': the parser makes 40 a conjunct of
    the object and leaves 'were injured' without a subject; the figure right before the
    verb's auxiliaries is that subject."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    i = verb.i - 1
    doc = verb.doc
    aux = 0
    while i >= 0 and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[i].head == verb:
        aux += doc[i].dep_ in ("aux", "auxpass")
        i -= 1
    if aux == 0 or i < 0:
        return None
    tok = doc[i]
    if tok.dep_ == "conj" and (tok.like_num or any(c.dep_ == "nummod" for c in tok.children)):
        return tok
    return None


def stranded_verb(tok: Token) -> Token | None:
    """The verb whose stranded subject ``tok`` is (``stranded_subject``), or None."""
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i += 1
    if i < len(doc) and doc[i].pos_ in ("VERB", "ADJ") and stranded_subject(doc[i]) == tok:
        return doc[i]
    return None


def _own_prep_cue(anchor: Token) -> str | None:
    """A preposition on the figure itself that names the harm ("three of them with
    injuries", "12 people in hospital")."""
    c = cues()
    for prep in anchor.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            key = f"{prep.lower_} {_lemma(obj)}"
            if obj.dep_ == "pobj" and key in c.verb_preps and key not in c.prep_verbs_only:
                return c.verb_preps[key]
    return None


_SKIP_AFTER = {"were", "was", "had", "have", "has", "been", "be", "also", "still", "later",
               "reportedly", "either", "all", "are", "is", "being", "confirmed", "then"}


def verb_after(root: Token, noun: Token | None) -> str | None:
    """'..., and 17 were wounded': the participle right after the figure (and its noun,
    auxiliaries between) when the parser coordinated it elsewhere; 'killed or wounded'
    stays casualties."""
    from claimtrail.extract.nouns import predicate_kind
    doc = root.doc
    i = (noun.i if noun is not None and noun.i > root.i else root.i) + 1
    seen_aux = False
    while i < len(doc) and doc[i].lower_ in _SKIP_AFTER:
        seen_aux = seen_aux or doc[i].pos_ == "AUX"
        i += 1
    if i >= len(doc) or doc[i].pos_ not in ("VERB", "ADJ"):
        return None
    if not seen_aux and not (noun is not None and noun.i > root.i and doc[i].tag_ == "VBN" and (
            i + 1 == len(doc) or doc[i + 1].pos_ in ("ADP", "CCONJ", "PUNCT", "ADV", "SCONJ"))):
        # "reported 6 rebels killed in the clash", "claimed 61 soldiers killed and 9 ...":
        # a bare participle right after the counted noun, no object of its own
        return None
    first = doc[i]
    kind = cues().adjectives.get(first.lower_) or predicate_kind(first)
    if kind not in CASUALTY_KINDS:
        return None
    if i + 2 < len(doc) and doc[i + 1].lower_ in ("or", "and") and \
            (predicate_kind(doc[i + 2]) or cues().adjectives.get(doc[i + 2].lower_)) not in (None, kind):
        return "casualties"
    return kind


_AMONG = re.compile(r"\b(?:among|including|incl\.?|comprising|consisting of)(?:\s+(?:them|those|whom))?\W*$",
                    re.IGNORECASE)
_OF_THEM = re.compile(r"^\s*(?:of|among)\s+(?:them|those|whom|these)\b", re.IGNORECASE)


def partitive(text_before: str, text_after: str) -> bool:
    """'two of them', 'among them three firefighters': the figure divides the one before."""
    return bool(_AMONG.search(text_before[-40:]) or _OF_THEM.match(text_after[:20]))


def feared(predicates: list[Token]) -> bool:
    """'were feared dead', 'presumed killed': a death not confirmed (kind missing)."""
    # the death must be what is feared ("feared dead", "believed to have been killed"),
    # not beside it ("one person, believed to be a woman, had been confirmed dead")
    return any(_lemma(p) in cues().feared and any(t.lower_ in _DEATH_WORDS
                                                   for t in _own_clause(p))
               for p in predicates)


_DEATH_WORDS = {"dead", "killed", "drowned", "died", "perished", "buried"}


def _own_clause(verb: Token) -> list[Token]:
    """The verb's words without the verbs coordinated with it."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ not in ("conj", "cc"):
            out += list(child.subtree)
    return out
