"""What happened to a counted noun: the words of its clause that say it (its verb with
the verb's xcomp/acomp/conj chain, its own participles and relative clauses, 'as'
phrases). Reads a parsed sentence; no state. Split from figures.py, which decides a
figure's kind from these words (``decide_kind``).
"""
from __future__ import annotations

from spacy.tokens import Token

from claimtrail.extract.clauses import stranded_subject, stranded_verb
from claimtrail.extract.totals import NUMERAL_NOUNS

# Transitive verbs whose subject is the agent, not the victim ("3 drones killed 5").
_AGENTIVE_CASUALTY = {"kill", "wound", "injure", "capture", "detain", "execute", "eliminate",
                      "slay", "murder", "neutralise", "neutralize", "hurt", "imprison"}


def predicates_of(noun: Token) -> list[Token]:
    """The words that say what happened to the counted noun: the verb it is the
    subject/object of with its xcomp/acomp/conj chain, its own acl/relcl/amod
    modifiers, and 'as'-phrases ("reported as fatalities")."""
    preds: list[Token] = []
    stranded = stranded_verb(noun)
    if stranded is not None:
        return _chain(stranded)       # "killed 12 people and 40 were injured": 40's own verb
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN", "NUM") and noun.head != noun:
        # "two colonels, three lieutenants and 12 officers were killed": the first
        # conjunct holds the clause role; a conjunct with a verb of its own ("15 miners
        # dead and 2 rescued with burns") takes its kind from that verb alone
        own = [child for child in noun.children
               if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB"]
        for child in noun.children:
            if child.dep_ in ("acl", "relcl", "amod") and child.pos_ in ("VERB", "ADJ"):
                preds.extend(_chain(child))
        if own:
            return preds
        noun = noun.head
    if noun.dep_ == "appos" and noun.head.lemma_.lower() == "other" and noun.head.dep_ == "pobj":
        noun = noun.head              # "has lost, among others, 1,000 soldiers"
    if noun.dep_ == "pobj" and noun.lemma_.lower() == "other" and noun.head.lower_ == "among" \
            and noun.head.head.pos_ == "VERB":
        preds.extend(_chain(noun.head.head))
        preds.extend(_shared_conjuncts(noun.head.head, preds))
        return preds
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "amod", "conj") and child.pos_ in ("VERB", "ADJ", "NOUN") \
                and not partitive_clause(child):
            preds.extend(_chain(child))
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "conj", "appos") and head != noun:
        if noun.dep_ == "conj":
            # "300 killed and more than 2,700 injured": the partner's predicates count
            preds.extend(_chain(head) if head.pos_ in ("VERB", "ADJ") else [])
        else:
            if head.pos_ in ("VERB", "AUX", "ADJ"):
                preds.extend(_chain(head, subject=noun))
                preds.extend(_shared_conjuncts(head, preds))
    elif noun.dep_ == "pobj" and head.dep_ == "agent":
        preds.append(head.head)
    return preds


def partitive_clause(clause: Token) -> bool:
    """'162,000 cases, of whom 7,844 have died': a relative clause with a subject of its own
    that is not the relative pronoun says what happened to that part, not to the whole."""
    return clause.dep_ in ("relcl", "acl") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("who", "which", "that", "whom")
        and (c.like_num or c.pos_ == "NUM") for c in clause.children)


def _chain(tok: Token, subject: Token | None = None) -> list[Token]:
    """A predicate with its xcomp/acomp/conj/oprd continuations ("went missing",
    "were either killed or wounded", "reported killed")."""
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            if child.dep_ in ("xcomp", "acomp", "oprd", "conj", "attr") and child not in out \
                    and child.pos_ in ("VERB", "ADJ", "NOUN", "AUX") \
                    and not (child.dep_ == "conj" and (_has_own_subject(child) or any(
                        g.dep_ in ("dobj", "attr") or _is_figure_word(g)
                        for g in child.children))):
                out.append(child)
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ == "as":
                out.extend(obj for obj in child.children if obj.dep_ == "pobj")
    # "20,000 people killed" is a passive with its auxiliary left out; so is "reported 60
    # civilians killed over two days" where the tagger reads a past tense: a harm verb
    # with neither auxiliary nor object has its victims for subject
    bare_participle = tok.tag_ in ("VBN", "VBD") and not any(
        c.dep_ in ("aux", "auxpass", "dobj", "ccomp", "xcomp") for c in tok.children) and (
        tok.tag_ == "VBN" or tok.dep_ in ("ccomp", "acl", "conj", "advcl"))
    if subject is not None and subject.dep_ == "nsubj" and tok.lemma_.lower() in _AGENTIVE_CASUALTY \
            and not any(c.dep_ == "auxpass" for c in tok.children) and not bare_participle:
        out.remove(tok)  # the subject did the killing: not a count of victims
    return out


def _is_figure_word(tok: Token) -> bool:
    """A number or numeral noun: a coordinated predicate carrying it has its own count
    ("10 people dead and more than a dozen wounded")."""
    return tok.like_num or tok.lower_ in NUMERAL_NOUNS or \
        any(g.like_num for g in tok.children if g.dep_ in ("nummod", "quantmod"))


def _shared_conjuncts(verb: Token, seen: list[Token]) -> list[Token]:
    """Verbs coordinated with ``verb`` that share its object ("killed, injured or
    captured 5,000 troops": the object hangs on the last one only)."""
    first = verb
    while first.dep_ == "conj" and first.head != first and first.head.pos_ == "VERB" \
            and not _has_own_subject(first):
        first = first.head
    out: list[Token] = []
    stack = [first]
    while stack:
        cur = stack.pop()
        if cur not in seen and cur not in out and cur != verb and stranded_subject(cur) is None and not any(
                c.dep_ in ("dobj", "nsubjpass", "nsubj", "expl") or
                (c.dep_ == "npadvmod" and _is_figure_word(c)) for c in cur.children):
            out.append(cur)           # "killed 7 civilians and injured 31": 31 is its own
        stack.extend(c for c in cur.children if c.dep_ == "conj" and c.pos_ == "VERB")
    return out


def _has_own_subject(verb: Token) -> bool:
    """A coordinated clause with its own subject ("..., and one had died") says
    nothing about the first clause's subject."""
    return stranded_subject(verb) is not None or any(c.dep_ in ("nsubj", "nsubjpass", "expl") or (
        c.dep_ in ("aux", "auxpass") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))
        for c in verb.children)
