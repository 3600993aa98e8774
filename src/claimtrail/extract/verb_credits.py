"""Credits given by a verb of counting or of a body's own operation: the subject of
"raised the death toll to 16", "documented 864 cases", "requested $8.5bn", "PCG recovered
26 bodies", "the retailer earned $2.8 billion" is the figure's source.

Reads a parsed sentence; uses the credit vocabulary of ``attribution``. Split from it so
that each module reads one way of crediting.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimtrail.extract.attribution import (AGENT_NOUNS, Credit, _child, can_credit,
                                            credit_from, phrase_text)
from claimtrail.extract.lexicon import is_place


# Verbs by which a body gives a figure as its own count ("the Health Ministry had raised
# the death toll to 16", "an official gave a lower toll of 41", "It documented 864 cases"):
# their subject credits the figures among their objects.
TOLL_VERBS = {"raise", "revise", "put", "give", "document", "register", "list", "verify",
              "lower", "update", "place", "set", "increase",
              # what a speaker commits to is its own figure ("Biden requested $8.5bn",
              # "the mayor pledged $4 million", "Germany promised 14 tanks")
              "request", "pledge", "promise", "propose", "offer", "unveil", "earmark",
              # a body's own operation is its own count ("PCG recovered 26 bodies",
              # "UNMISS dispatched a patrol of 60 peacekeepers", "the society has released
              # 500 tents"); a state is not credited for what it does (see toll_credit)
              *(_OPERATION_VERBS := {"recover", "rescue", "arrest", "detain", "dispatch",
                                     "treat", "release", "evacuate", "seize", "distribute",
                                     "appeal", "confiscate", "intercept",
                                     # a company's own results ("the retailer earned $2.8
                                     # billion", "Gazprom posted a loss of ...")
                                     "earn", "post", "generate", "book"})}
# Toll verbs that count only when what they move is a toll or an estimate ("raised the
# death toll to 16", "increased its estimates of the force to 190,000").
_TOLL_ONLY_VERBS = {"raise", "lower", "put", "give", "place", "set", "update", "revise", "increase"}
_TOLL_OBJECTS = {"toll", "estimate", "figure", "number", "count", "tally", "total", "forecast",
                 "projection", "assessment"}


def _moves_a_toll(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in _TOLL_OBJECTS or any(
        g.lemma_.lower() in _TOLL_OBJECTS for g in c.children if g.dep_ == "compound"))
        for c in verb.children)


def toll_credit(verb: Token | None, anchor: Token) -> Credit | None:
    """The subject of a verb of counting whose object holds the figure."""
    if verb is not None and verb.lemma_.lower() not in TOLL_VERBS:
        # "US officials increased its estimates of the force massed on the border to
        # 190,000 troops, arrayed in over 120 battalion tactical groups": the figure hangs
        # on a clause inside the estimate that the counting verb moves
        verb = next((v for v in verb.ancestors if v.pos_ == "VERB" and
                     v.lemma_.lower() in _TOLL_ONLY_VERBS and _moves_a_toll(v)), verb)
    if verb is not None and verb.lemma_.lower() not in TOLL_VERBS and verb.dep_ in ("ccomp", "xcomp") \
            and verb.head.lemma_.lower() in TOLL_VERBS - _OPERATION_VERBS:
        verb = verb.head      # "BINUH documented [at least 38 people killed]"
    if verb is None or verb.lemma_.lower() not in TOLL_VERBS or anchor not in verb.subtree:
        return None
    if verb.lemma_.lower() in _TOLL_ONLY_VERBS and not _moves_a_toll(verb):
        return None       # "the listing would raise 88 billion", "lower it two inches"
    subj = _child(verb, "nsubj")
    operation = verb.lemma_.lower() in _OPERATION_VERBS
    if subj is None or anchor in subj.subtree or \
            not (can_credit(subj) or operation and _a_body(subj)):
        return None
    if operation and not _a_body(subj):
        return None       # "Crews rescued three workers", "Russia seized 20 boats"
    return credit_from(subj, cue="verb")


# Bodies that count what they do themselves, besides AGENT_NOUNS ("the society has released
# 500 tents", "the health centre has treated 16 wounded").
_BODY_NOUNS = {"society", "centre", "center", "hospital", "clinic", "charity", "ngo",
               "crescent", "cross", "vessel", "unit", "team", "brigade", "coalition"}


def _a_body(subj: Token) -> bool:
    """An organisation or authority that reports its own operation: a name or acronym
    ("PCG", "UNMISS", "Ocean Lumen") or an agent noun ("police", "the society"), not a
    crowd ("crews", "volunteers"), a pronoun ("our services": the speaker's), or a state
    and its forces ("Russia", "Russian forces"), whose operations others report."""
    from claimtrail.extract.nouns import is_demonym

    from claimtrail.extract.nouns import is_military

    # a name of its own keeps a nation's adjective ("the Libyan Red Crescent recovered 41
    # bodies"); forces and states do not ("Russian forces seized 20 boats")
    named_body = subj.pos_ == "PROPN" and not is_military(subj) and \
        subj.lemma_.lower() not in ("army", "navy", "military", "force", "government", "state")
    if subj.pos_ == "PRON" or is_place(phrase_text(subj)) or any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children) or any(
            c.dep_ in ("amod", "compound", "poss") and not named_body and (
                is_place(c.text) or is_demonym(c) or (c.pos_ == "ADJ" and c.text[:1].isupper()))
            for c in subj.children):
        return False
    lemma = subj.lemma_.lower()
    return subj.pos_ == "PROPN" or (subj.text.isupper() and len(subj.text) > 1) or \
        lemma in AGENT_NOUNS or lemma in _BODY_NOUNS
