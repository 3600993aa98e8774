"""Reading a figure in its parse: what it counts (kind), who is counted (subject), the
unit, and whether it is a claim at all.

Reads a parsed sentence (a spaCy ``Doc``) and one ``Quantity`` of the number grammar;
sets nothing, returns a ``Reading``. The decision comes from the dependency tree around
the number: its counted noun (``nummod`` head, the object of "of" after "scores of" /
"half of", or for an elliptical "more than 2,700 injured" the noun of its coordinated
partner), the predicates of that noun (the verb it is the patient of, xcomp/conj/acomp
chains, its acl/relcl modifiers) and the lexicons of ``data/kinds.json``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimtrail.extract.clauses import (clause_kind, feared, label_before, spared_subject,
                                        verb_after, verb_object_kind)
from claimtrail.extract.lexicon import kinds as kind_lexicon
from claimtrail.extract.measures import is_time_unit, read_measure, scene_measure
from claimtrail.extract.nouns import (
    size_word,
    sized_body,
    CASUALTY_KINDS,
    armed_people,
    coordinated_modifier,
    noun_after,
    STUDY_NOUNS,
    civil_craft,
    plainly_military,
    family_detail,
    is_counted_people,
    is_demonym,
    is_military,
    is_people,
    looks_like_people,
    noun_kind,
    owned_by_pronoun,
    predicate_kind,
)
from claimtrail.extract.numbers import Quantity
from claimtrail.extract.predicates import partitive_clause, predicates_of
from claimtrail.extract.subjects import noun_phrase, subject_of
from claimtrail.extract.totals import (
    NUMERAL_NOUNS,
    lives_taken,
    of_object,
    part_of_force,
    total_of,
    total_owner,
)

# Units of the number grammar that can carry a claim; durations, ages, money, lengths
# and multipliers are not counts of anything in the ledger.
CLAIM_UNITS = {None, "share", "km2"}
# Nouns counted in the singular ("11,000 personnel", "4m rounds of ammunition").
MASS_NOUNS = {"personnel", "staff", "military", "artillery", "ammunition", "weaponry",
              "equipment", "infantry", "materiel", "armour", "armor", "aircraft", "militia",
              "police", "crew", "manpower", "dead", "wounded", "injured", "missing", "force",
              "army", "air", "defence", "defense", "cavalry", "navy", "fleet"}
SETTLEMENTS = {"village", "settlement", "town", "city", "hamlet", "area", "region", "territory",
               "oblast", "province", "district", "locality"}
GAIN_VERBS = {"capture", "take", "seize", "liberate", "occupy", "retake", "recapture", "lose",
              "control", "free", "clear", "gain", "reclaim", "regain", "win", "hold", "cede",
              "surrender", "grab", "conquer", "annex", "recover", "abandon", "advance"}
@dataclass
class Reading:
    """What one figure counts, read from the parse."""

    claim: bool
    kind: str = "other"
    subject: str | None = None
    unit: str = "people"
    figure: Token | None = None          # the figure's syntactic root token
    noun: Token | None = None            # the counted noun, None for an elliptical figure
    predicates: list[Token] = field(default_factory=list)
    share_of: Token | None = None        # the base noun of a share ("of the casualties")
    why: str = ""


def figure_tokens(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering characters [start, end) of the sentence, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def figure_root(span: Span) -> Token:
    """The token of the figure whose head lies outside it (its attachment point)."""
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head == tok:
            return tok
    return span.root


def read_figure(doc: Doc, q: Quantity, offset: int) -> Reading:
    """Read one quantity of this sentence (``offset`` = the sentence's start in the
    document, since quantities carry document offsets)."""
    span = figure_tokens(doc, q.number_start - offset, q.number_end - offset) or \
        figure_tokens(doc, q.start - offset, q.end - offset)
    if span is None:
        return Reading(False, why="no tokens")
    root = figure_root(span)
    unit = _unit(q.unit)
    if q.multiplier or is_time_unit(q.unit):
        # durations and ages are not ledger figures (shared/eval/README.md)
        return Reading(False, figure=root, why=f"unit {q.unit}")
    if q.unit == "percentage points":
        return Reading(False, figure=root, why="a share")
    if q.unit not in CLAIM_UNITS and not str(q.unit).startswith("km2"):
        return read_measure(root, span, q)
    if scene_measure(doc.text, q.start - offset, q.end - offset, q.unit):
        # "a magnitude 5.9 earthquake": a magnitude, not 5.9 earthquakes
        return Reading(True, kind="other", unit="magnitude", figure=root,
                       why="a quake's magnitude")
    noun = counted_noun(root, q)
    if noun is not None and any(t.text == "(" for t in doc[root.i + 1:noun.i]):
        noun = None           # "WIA: 4 (single source)": the bracket's words are a note
    if noun is None:
        noun = noun_after(span) or size_of(root)
    elif noun.tag_ == "NN":
        noun = coordinated_modifier(noun)
    reading = Reading(False, figure=root, noun=noun, unit=unit)
    if q.share or q.unit == "share":
        return _read_share(reading, root, noun)
    reading.predicates = predicates_of(noun if noun is not None else root)
    carrier = _numeral_carrier(root, noun)
    if carrier is not None:          # "scores of soldiers had been killed": 'scores' carries
        reading.predicates += predicates_of(carrier)
    reading.kind = decide_kind(noun, reading.predicates, root, q)
    nxt = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if noun is None and nxt is not None and nxt.lower_ in ("killed", "dead", "wounded", "injured",
                                                           "abducted", "kidnapped", "missing"):
        # "put the toll at 47 killed and 130 wounded", "at least 10 abducted": its own word
        reading.kind = {"killed": "killed", "dead": "killed", "wounded": "wounded",
                        "injured": "wounded", "missing": "missing"}.get(nxt.lower_, "captured")
        pair = root.doc[root.i + 2:root.i + 4]
        if len(pair) == 2 and pair[0].lower_ in ("and", "or") and \
                pair[1].lower_ in ("killed", "dead", "wounded", "injured", "missing") and \
                pair[1].lower_ != nxt.lower_:
            reading.kind = "casualties"       # "more than 100 killed and wounded"
    label = label_before(root)
    if label is not None and (noun is None or noun.i < root.i):
        # a field of a coder note or bulletin ("Dead: 61; injured: 230", "Nkill: 5"); a
        # noun before the label is the parser's ("since 1 Apr. Deaths: 12" hangs 12 on Apr)
        reading.kind, reading.why = label, "kind of its label"
        reading.noun = noun = None
    if reading.kind == "killed" and feared(reading.predicates):
        reading.kind = "missing"          # "more than 100 people were feared dead"
    surface = verb_after(root, noun)
    if surface is not None and reading.kind in ("other", "people", "personnel", "casualties",
                                                 "captured", "missing"):
        # "11 soldiers were missing and 17 were wounded": the participle after the figure
        reading.kind, reading.why = surface, "kind of the participle after it"
    elif reading.kind in ("other", "people", "personnel"):
        # the figure's own clause: "9 became injured", "crushed to death", "the death toll
        # rose to 36" (clauses.py)
        by_clause = clause_kind(root, noun)
        if by_clause is not None:
            reading.kind, reading.why = by_clause, "kind of its clause"
    lost = _what_was_lost(noun if noun is not None else root, reading.predicates)
    if lost is not None and reading.kind in ("casualties", "killed"):
        reading.kind, reading.why = lost, "what 'lose' says of it"
    if unit.startswith("km2"):
        # ground taken, lost or held; "a 1,000-square-mile zone" is only a size, exported
        # as printed ("2,000 hectares of forest")
        held = any(p.lemma_.lower() in GAIN_VERBS for p in [*reading.predicates, *root.ancestors])
        reading.kind = "territory" if held else "other"
        if not held and q.original_unit:
            reading.unit = q.original_unit.lower()
    if reading.kind == "places" and noun is not None and noun.tag_ != "NNS":
        reading.why = "a count of places names them in the plural"
        return reading
    if reading.kind == "places":
        reading.kind, reading.unit = "other", noun.text.lower() if noun is not None else "places"
        reading.claim = True
        reading.subject = noun_phrase(noun) if noun is not None else None
        return reading
    if reading.kind == "people":
        return _read_people(reading, q)
    reading.claim = reading.kind != "other"
    if reading.claim and noun is not None and noun.tag_ == "NN" and (q.low or 0) > 1 and \
            not unit.startswith("km2") and noun.lemma_.lower() not in MASS_NOUNS and \
            not _in_container(noun) and not sized_body(root) and \
            noun.lower_ not in kind_lexicon().adjectives and \
            not (len(noun.text) <= 4 and noun.lower_ in kind_lexicon().people):
        # "26 inj", "3 hurt", "2x civ KIA", "3 pax": the people, in a note's shorthand
        reading.claim, reading.why = False, "a singular noun is not what a number counts"
        return reading
    if reading.kind in CASUALTY_KINDS and _hypothetical(reading.predicates):
        reading.claim, reading.why = False, "a casualty that may happen is not a count"
        return reading
    if reading.kind in CASUALTY_KINDS and noun is not None and noun.dep_ == "pobj" and \
            family_detail(noun) and noun.head.lower_ == "of":
        # "killed a father of two children": the father is the victim
        reading.claim, reading.why = False, "a family detail, not a head count"
        return reading
    if reading.kind == "weapons" and noun is not None and civil_craft(noun):
        reading.claim, reading.why = False, "a vehicle or craft with nothing military around it"
        return reading
    if reading.kind == "personnel" and q.qualifier == "exact" and q.high is not None and \
            q.high <= _HANDFUL and (noun is None or noun.lemma_.lower() not in _UNIT_NOUNS):
        # "two Ukrainian soldiers laid a wreath", "the two officers asleep at their desks":
        # a handful of people is a scene, not a force; a handful of battalions is a force,
        # and a handful killed or captured is kept by its casualty kind
        reading.claim, reading.why = False, "a handful of people is not a force"
        return reading
    if not reading.claim:
        reading.why = "no countable noun or predicate"
        return reading
    reading.subject = subject_of(reading.kind, noun, reading.predicates, root)
    if reading.subject is None and noun is None:
        owner = total_owner(root)        # "the number of Russian victims ... exceeds 465,000"
        reading.subject = noun_phrase(owner) if owner is not None else None
    if reading.kind == "weapons" and noun is not None:
        reading.unit = noun.lemma_.lower() + ("s" if not noun.lemma_.endswith("s") else "")
        reading.unit = noun.text.lower()
    elif reading.kind == "territory" and unit == "people":
        reading.unit = noun.text.lower() if noun is not None else "km2"
    return reading


def _in_container(noun: Token) -> bool:
    """'864 cases of arbitrary detention': a mass noun counted through a container."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
        noun.head.head.lemma_.lower() in kind_lexicon().containers


def _read_people(reading: Reading, q: Quantity) -> Reading:
    """A head count of people who are not a force or victims (refugees, civilians
    sheltering, residents) is a claim of kind 'other', unless it is one person, a
    family detail ("his two little children") or a count that may happen."""
    noun = reading.noun
    reading.kind = "other"
    if noun is None:
        # a crowd named by its verb only: decide_kind asked for a large or vague count;
        # or the total of a group ("the number of children abducted could reach
        # 300,000"), which is a claim also when projected
        owner = total_owner(reading.figure) if reading.figure is not None else None
        if owner is not None or not _modal(reading.predicates):
            reading.claim, reading.unit = True, "people"
            reading.subject = noun_phrase(owner) if owner is not None else None
        return reading
    if (q.high if q.high is not None else q.low or 0) < 2:
        reading.why = "one person is not a head count"
    elif noun.tag_ == "NN" and noun.lemma_.lower() not in ("elderly", "displaced"):
        reading.why = "a singular noun is not what a number counts"
    elif owned_by_pronoun(noun) or family_detail(noun):
        reading.why = "a family detail, not a head count"
    elif noun.dep_ == "pobj" and noun.head.lower_ in ("of", "in", "among", "with", "on") and \
            noun.head.head.lemma_.lower() in STUDY_NOUNS:
        # "a survey of 1,000 Ukrainians", "one study in 38 people found that ..."
        reading.why = "the size of a study sample, not a head count"
    elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.tag_ == "NNS" and \
            noun.head.head.lemma_.lower() in ("group", "team", "party", "band", "gathering"):
        # "groups of more than six people may not sing": the size of each, not a count
        reading.why = "the size of each group, not a head count"
    elif any(c.lower_ in ("familiar", "knowledgeable") or c.lemma_.lower() == "know"
             for c in noun.children if c.dep_ in ("amod", "acl")):
        # "two people familiar with the matter": a description of anonymous sources
        reading.why = "anonymous sources, not a head count"
    elif _modal([*reading.predicates, *_governing_verb(noun)]):
        reading.why = "a head count that may happen is not a count"
    else:
        reading.claim = True
        reading.subject = noun_phrase(noun)
    return reading


def _governing_verb(tok: Token) -> list[Token]:
    """The nearest verb above a token ("there will be hundreds of thousands of
    Belarusians ... with": 'be')."""
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return [anc]
    return []


def _numeral_carrier(root: Token, noun: Token | None) -> Token | None:
    """The numeral noun between the figure and its 'of'-object, which holds the
    clause role ("scores" in "scores of soldiers had been killed")."""
    if noun is None or noun.dep_ != "pobj":
        return None
    prep = noun.head
    carrier = prep.head
    if carrier in (root, *root.ancestors) or carrier.head == root or root.head == carrier:
        return carrier
    return None


def inherit_from_partner(reading: Reading, partner: Reading) -> None:
    """'About 400 British troops are based in Poland, while about 8,000 have taken part
    in the exercise': a bare numeral that is an argument of its clause, with no word
    of its own, counts what the earlier figure of its sentence counts."""
    root = reading.figure
    if root is None or reading.noun is not None or reading.share_of is not None or \
            reading.why.startswith(("unit", "comparison", "a handful")):
        return
    if partner.figure is not None and partner.figure.i > root.i:
        return
    if partner.noun is not None and partner.kind == "other" and partner.claim and \
            is_counted_people(partner.noun) and (_clause_subject(root) or (
                root.dep_ == "pobj" and root.head.lower_ == "including")):
        # "Around 100,000 people have crossed ..., including 9,000 who have entered";
        # "six million people have fled ... and more than five million have been displaced"
        reading.kind, reading.subject, reading.unit = "other", partner.subject, partner.unit
        reading.claim, reading.why = True, "a part or partner of a head count"
        return
    # only forces: a bare casualty figure has its own word ("2,700 injured"), and
    # "millions were forced to leave" after a death toll is not a death toll
    if root.dep_ not in ("nsubj", "nsubjpass") or partner.noun is None or \
            not is_military(partner.noun) or partner.kind != "personnel":
        return
    reading.kind, reading.subject, reading.unit = partner.kind, partner.subject, partner.unit
    reading.claim, reading.why = True, "kind of its coordinated partner"


def _clause_subject(root: Token) -> bool:
    """The subject of its clause, or a numeral the parser coordinated with an object
    although a verb follows it ("fled the country and more than five million have been
    displaced")."""
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    nxt = root.nbor(1) if root.i + 1 < len(root.doc) else None
    return root.dep_ == "conj" and nxt is not None and nxt.pos_ in ("AUX", "VERB") and \
        nxt.tag_ != "VBG"


# The largest exact count of individuals that reads as a scene rather than a force.
_HANDFUL = 5
_UNIT_NOUNS = {"battalion", "brigade", "regiment", "division", "company", "unit", "platoon",
               "squad", "detachment", "corps", "army", "force", "group", "battery", "fleet"}
_MODALS = {"could", "would", "might", "may", "will", "shall", "'ll", "can", "must"}


_BODY_PARTS = {"leg", "arm", "eye", "hand", "foot", "limb", "finger", "sight", "hearing"}


def _what_was_lost(noun: Token, predicates: list[Token]) -> str | None:
    """'lose' alone among the casualty words: "Russia has lost 24,000 soldiers" (the
    figure is what was lost) is killed; "a passenger lost a leg" is wounded; "18,000
    customers lost power" is no casualty; "29 others were lost at sea" is missing."""
    loses = [p for p in predicates if p.lemma_.lower() == "lose"]
    if not loses or any(predicate_kind(p) for p in predicates if p.lemma_.lower() != "lose"):
        return None
    verb = loses[0]
    if noun.dep_ == "dobj" and noun.head == verb:
        # "has lost 300 armoured personnel carriers": equipment, whatever its ending
        return "killed" if looks_like_people(noun) and noun_kind(noun) != "weapons" else None
    if noun.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children):
        return "missing"              # "were lost at sea"
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and noun.dep_ == "nsubj":
        if obj.lemma_.lower() in _BODY_PARTS:
            return "wounded"
        if obj.lemma_.lower() not in ("life", "live"):
            return "other"            # "lost power", "lost their homes"
    return None


def _hypothetical(predicates: list[Token]) -> bool:
    """'tens of thousands could die', 'will be killed': a modal without a perfect
    ("may have killed 80,000" is an estimate of the past, and stays)."""
    for verb in predicates[:2]:
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxes & _MODALS and "have" not in auxes and verb.lemma_.lower() in _CASUALTY_VERBS:
            return True
    return False


def _modal(predicates: list[Token]) -> bool:
    """'could push millions of people into poverty': any verb with a modal and no
    perfect ("may have fled" stays)."""
    for verb in predicates[:2]:
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxes & _MODALS and "have" not in auxes:
            return True
    return False


_CASUALTY_VERBS = {"die", "kill", "wound", "injure", "perish", "lose", "capture", "suffer"}


def _unit(unit: str | None) -> str:
    return "people" if unit is None else unit


def _verb_nouns(verb: Token) -> list[Token]:
    """The verb's objects and the objects of its prepositions, with their conjuncts."""
    heads = [c for c in verb.children if c.dep_ == "dobj"]
    heads += [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    out: list[Token] = []
    while heads:
        tok = heads.pop()
        out.append(tok)
        heads += [c for c in tok.children if c.dep_ == "conj"]
        heads += [o for p in tok.children if p.dep_ == "prep" for o in p.children
                  if o.dep_ == "pobj"]
    return out


def counted_noun(root: Token, q: Quantity) -> Token | None:
    """The noun the figure counts: its head noun, or the object of 'of' after a
    numeral noun ("scores of soldiers", "60% of the area"); None when elliptical."""
    tok = root
    for _ in range(3):
        if _is_numeral_like(tok, q):
            of_obj = of_object(tok)
            while of_obj is not None and _is_numeral_like(of_obj, q) and of_object(of_obj) is not None:
                of_obj = of_object(of_obj)     # "hundreds of thousands of people"
            if of_obj is not None and of_obj.pos_ == "ADJ":
                # "thousands of secret military and diplomatic files": the parser makes the
                # first of two coordinated adjectives the object; their noun is counted
                of_obj = next((c for c in of_obj.children
                               if c.dep_ == "conj" and c.pos_ == "NOUN"), of_obj)
            if of_obj is not None:
                return of_obj
            if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") \
                    and tok.head.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") and tok.head != tok:
                tok = tok.head
                continue
            # a numeral standing alone: "more than 2,700 injured", "killing 300"
            return None
        if size_word(tok):
            tok = tok.head       # "a 5,000-strong force", "a 20,000-man army": the body
        if tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ in ("dobj", "nsubj")):
            # "scores of soldiers", "1,000 canisters of weaponry": the 'of' object counts
            wrapper = tok.lower_ in NUMERAL_NOUNS or tok.lemma_.lower() in kind_lexicon().containers
            of_obj = of_object(tok) if wrapper else None
            if of_obj is not None and tok.lower_ not in NUMERAL_NOUNS and \
                    noun_kind(of_obj) is None and not is_people(of_obj):
                of_obj = None
            return of_obj if of_obj is not None else tok
        return None
    return tok if tok.pos_ in ("NOUN", "PROPN") else None


# Participles that give the size of the noun they hang on ("bandits numbering over 100",
# "the assailants, estimated at around 60").
_SIZE_VERBS = {"number", "estimate", "total", "put", "count"}


def size_of(root: Token) -> Token | None:
    """The noun a figure gives the size of through a participle on it, or None."""
    tok = root.head if root.dep_ == "pobj" and root.head.lower_ == "at" else root
    verb = tok.head
    if tok.dep_ in ("dobj", "prep") and verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN") and \
            verb.lemma_.lower() in _SIZE_VERBS and verb.head.pos_ == "NOUN":
        return verb.head
    return None


def _is_numeral_like(tok: Token, q: Quantity) -> bool:
    return tok.like_num or tok.pos_ == "NUM" or tok.lower_ in NUMERAL_NOUNS or \
        tok.lemma_.lower() in NUMERAL_NOUNS or tok.text in ("%", "-")


def decide_kind(noun: Token | None, predicates: list[Token], root: Token, q: Quantity) -> str:
    lex = kind_lexicon()
    counted_kind = noun_kind(noun) if noun is not None else None
    own: list[str] = []
    if root.dep_ in ("npadvmod", "nummod", "advmod", "nsubj") and root.head.pos_ in ("VERB", "ADJ") \
            and noun is None:
        head_kind = predicate_kind(root.head)    # "more than a dozen wounded"
        if head_kind in CASUALTY_KINDS and root.dep_ != "nsubj":
            own.append(head_kind)
    for c in root.children:
        kind = lex.adjectives.get(c.lower_) or predicate_kind(c) or verb_object_kind(c) \
            if c.dep_ in ("acl", "amod", "relcl") and not partitive_clause(c) else None
        if kind in CASUALTY_KINDS:
            own.append(kind)
            # "more than 100 killed and wounded": two kinds coordinated are casualties
            own.extend(k for k in (predicate_kind(g) or lex.adjectives.get(g.lower_)
                                   for g in c.children if g.dep_ == "conj") if k in CASUALTY_KINDS)
    if len(set(own)) > 1:
        own = ["casualties"]
    if noun is None and own:
        return own[0]                 # "... and more than 2,700 injured": its own word
    carrier = noun if noun is not None else root
    if spared_subject(carrier, or_object=True):
        predicates = [carrier.head]   # "killed 12 and 40 were rescued": its own verb says
    pred_kinds = [predicate_kind(p) or (verb_object_kind(p) if p.pos_ == "VERB" else None)
                  for p in predicates]
    phrase = _phrase_kind(root.doc, predicates)
    found = [k for k in pred_kinds if k]
    casualty = [k for k in found if k in CASUALTY_KINDS]
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            {noun.head.head.lemma_.lower(), noun.head.head.lower_} & set(lex.body_nouns) and \
            looks_like_people(noun):
        return "killed"               # "the bodies of at least 20 civilians", "of two victims"
    if counted_kind == "wounded" and any(p.lemma_.lower() in ("die", "succumb", "perish")
                                         for p in predicates):
        return "killed"               # "two of the injured died later": the dead
    if counted_kind in ("captured", "missing") and len(set(casualty) & {"killed", "wounded"}) == 1:
        return next(iter(set(casualty) & {"killed", "wounded"}))  # "17 prisoners dead"
    if counted_kind in CASUALTY_KINDS:
        if noun is not None and noun.lemma_.lower() == "victim" and len(set(casualty)) == 1:
            return casualty[0]        # "killed 80,000 victims": victims of what is said
        return counted_kind
    if noun is not None and lives_taken(noun):
        return "killed"               # "claimed the lives of about 14,000 people"
    if noun is not None and noun.lemma_.lower() in lex.body_nouns and \
            any(p.lemma_.lower() in lex.body_verbs for p in predicates):
        return "killed"               # "dozens of civilian bodies were discovered"
    first = noun
    while first is not None and first.dep_ == "conj" and first.head != first:
        first = first.head           # "the death of four generals, 58 colonels and ..."
    for tok in (noun, root, first):
        # "the deaths of hundreds of thousands of people"
        if tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in ("of", "to") and \
                tok.head.head != tok:
            holder = tok.head.head
            if tok.head.lower_ == "to" and holder.pos_ == "VERB":
                # "caused injuries to two residents", "resulted in the death of one and
                # injuries to two": the parser hangs 'to' on the verb
                holder = next((n for n in _verb_nouns(holder) if noun_kind(n) == "wounded"),
                              holder)
            head_kind = noun_kind(holder) if holder.pos_ in ("NOUN", "PROPN") else None
            if head_kind in CASUALTY_KINDS and (tok.head.lower_ == "of" or head_kind == "wounded"):
                return head_kind      # "the deaths of 12", "injuries to two residents"
    if noun is None and part_of_force(root):
        return "personnel"            # "The 3,000 troops include 2,000 from the 82nd ..."
    total = total_of(noun if noun is not None else root)
    if total is not None:
        return total                  # "Russian losses ... amounted to 899 soldiers"
    if phrase:
        return phrase
    # a casualty verb counts people: "lost 15 billions" and "the Red Army lost two [wars]"
    # are not losses of people
    only_lose = all(p.lemma_.lower() == "lose" for p in predicates if predicate_kind(p))
    if counted_kind == "weapons" and only_lose:
        return "weapons"              # "lost 300 armoured personnel carriers"
    if casualty and (looks_like_people(noun) if noun is not None else not only_lose):
        if len(set(casualty)) > 1:
            return "casualties"       # "killed, injured or captured"
        return casualty[0]
    if counted_kind == "weapons":
        return counted_kind
    if counted_kind == "territory":
        # "captured three villages" is ground taken; "clashes around three villages" is not
        if noun is not None and noun.lemma_.lower() in SETTLEMENTS and \
                not any(p.lemma_.lower() in GAIN_VERBS for p in predicates):
            return "places"           # a count of places, kept as kind "other"
        return counted_kind
    if noun is not None and (counted_kind == "personnel" or is_military(noun) or any(
            c.dep_ == "conj" and plainly_military(c) for c in noun.children)):
        return "personnel"            # "about 900 police and soldiers"
    if noun is not None and armed_people(noun):
        return "personnel"            # "two suspects fled", "a gang of six armed men"
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            looks_like_people(noun) and noun_kind(noun.head.head) == "personnel":
        return "personnel"            # "rescue teams of 80 people"
    # "12,000 North Koreans are involved"; but "500 people located there" are not a
    # force: generic people need a verb of deployment ("12,000 individuals dispatched")
    deployed = any(p.lemma_.lower() in lex.deploy_verbs for p in predicates)
    if noun is not None and "personnel" in found and is_people(noun) and \
            (is_demonym(noun) or deployed):
        return "personnel"
    if noun is not None and is_counted_people(noun):
        return "people"               # a head count of kind "other" (see _read_people)
    if noun is None and root.dep_ in ("nsubj", "nsubjpass") and predicates and \
            predicates[0].lemma_.lower() in lex.people_verbs and \
            (q.qualifier == "vague" or (q.low or 0) >= 100):
        return "people"               # "Tens of thousands have already left the country"
    return "other"


def _phrase_kind(doc: Doc, predicates: list[Token]) -> str | None:
    if not predicates:
        return None
    lo = min(p.i for p in predicates)
    hi = max(p.i for p in predicates)
    text = doc[max(lo - 1, 0):min(hi + 6, len(doc))].text.lower()
    for phrase, kind in kind_lexicon().phrases.items():
        if phrase in text:
            return kind
    return None


def _read_share(reading: Reading, root: Token, base: Token | None) -> Reading:
    """A share is a claim when it is a share of territory ("60% of the area") or a
    casualty split of a base ("one-third of the casualties were fatalities")."""
    reading.share_of = base
    reading.unit = "share"
    if base is None:
        reading.why = "share without a base"
        return reading
    lex = kind_lexicon()
    base_kind = noun_kind(base)
    anchor = root if root.dep_ not in ("nummod", "quantmod", "advmod") else root.head
    if anchor.head.lemma_.lower() in lex.share_verbs_skip:
        reading.why = "comparison, not a claim"
        return reading
    # "one-third of the casualties reported as fatalities": the split is said of the base
    preds = predicates_of(anchor) + predicates_of(base)
    reading.predicates = preds
    pred_kinds = [k for k in (predicate_kind(p) for p in preds) if k in CASUALTY_KINDS]
    if base_kind == "territory":
        reading.kind, reading.claim = "territory", True
        reading.subject = noun_phrase(base)
    elif pred_kinds and base_kind in CASUALTY_KINDS and pred_kinds[0] != base_kind:
        reading.kind, reading.claim = pred_kinds[0], True
    else:
        reading.why = "share of something not counted"
    return reading


