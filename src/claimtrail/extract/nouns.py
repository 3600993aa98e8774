"""What a word counts: the lexicon lookups shared by figure reading and subjects.

Reads tokens of a parsed sentence and the lexicons of ``data/kinds.json``; no state.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimtrail.extract.lexicon import kinds as kind_lexicon

CASUALTY_KINDS = ("killed", "wounded", "missing", "captured", "casualties")


def noun_kind(noun: Token) -> str | None:
    lex = kind_lexicon()
    lemma = noun.lemma_.lower()
    compound = " ".join(c.lemma_.lower() for c in noun.children
                        if c.dep_ == "compound" and c.i < noun.i)
    for key in (f"{compound} {lemma}".strip(), lemma, noun.lower_):
        if key in lex.nouns:
            if lex.nouns[key] == "personnel" and lemma in ("officer", "guard") and \
                    not is_military(noun):
                return None           # "federal prison officers" are not a force
            return lex.nouns[key]
    if noun.lower_ in lex.adjectives and noun.pos_ in ("ADJ", "NOUN"):
        return lex.adjectives[noun.lower_]    # "the dead", "the wounded"
    if lemma in _FORMATIONS and any(c.dep_ in ("compound", "amod", "nmod") and
                                    (c.lemma_.lower() in lex.military_people or
                                     c.lemma_.lower() in _SERVICES)
                                    for c in noun.children):
        return "personnel"    # "10 battalion tactical groups", "army groups", "22 fire units"
    if lemma in _FORMATIONS | _UNITS_OF and any(
            p.dep_ == "prep" and p.lower_ == "of" and any(
                o.dep_ == "pobj" and (is_military(o) or o.text.isupper() or any(
                    c.dep_ in ("compound", "amod") and c.lemma_.lower() in lex.military_people
                    for c in o.children)) for o in p.children)
            for p in noun.children):
        return "personnel"    # "twenty companies of central armed police", "4 units of soldiers"
    if lemma in lex.equipment_nouns:
        # "nine artillery systems", "1,400 Stinger anti-aircraft systems"
        mods = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
        mods |= {w for c in noun.children if c.dep_ in ("compound", "amod")
                 for w in c.lower_.split("-")}
        if mods & lex.weapon_modifiers:
            return "weapons"
    return None


# Nouns of a body of people that a military word before them makes a force.
_FORMATIONS = {"group", "unit", "formation", "detachment", "contingent", "team", "column"}
# Services whose teams and units are deployed as a force is (eval/incidents/CONVENTIONS.md:
# "deployed police, soldiers, firefighters, rescuers ... are personnel").
_SERVICES = {"rescue", "fire", "search", "police", "security", "emergency", "relief"}
# Units of a force named by what they are units of ("companies of police").
_UNITS_OF = {"company", "battalion", "brigade", "platoon", "squad", "regiment", "division",
             "squadron", "troop", "convoy", "patrol"}


def predicate_kind(tok: Token) -> str | None:
    lex = kind_lexicon()
    lemma, lower = tok.lemma_.lower(), tok.lower_
    if tok.pos_ in ("VERB", "AUX"):
        return lex.verbs.get(lemma) or lex.adjectives.get(lower)
    if tok.pos_ == "ADJ":
        return lex.adjectives.get(lower) or lex.adjectives.get(lemma)
    if tok.pos_ == "NOUN":
        kind = lex.nouns.get(lemma)
        return kind if kind in CASUALTY_KINDS else None
    return None


# Modifiers that make an officer or guard a civil servant ("federal prison officers",
# "police officers", "chief executive officers"), not a member of a force.
_CIVIL_POSTS = {"police", "prison", "correctional", "corrections", "probation", "parole",
                "customs", "immigration", "loan", "executive", "compliance", "press",
                "information", "medical", "safety", "security", "court", "election", "health",
                "financial", "operating", "technology", "marketing", "peace", "truant", "school"}


def is_military(noun: Token) -> bool:
    lex = kind_lexicon()
    if noun.lemma_.lower() not in lex.military_people and noun.lower_ not in lex.military_people:
        return False
    if noun.lemma_.lower() in ("officer", "guard"):
        mods = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")}
        return not mods & _CIVIL_POSTS
    return True


def armed_people(noun: Token) -> bool:
    """Attackers counted as a force: the perpetrator nouns of clauses.json ("two suspects
    fled", "60 assailants") and armed people ("six armed men")."""
    from claimtrail.extract.lexicon import incident_groups

    lemma = noun.lemma_.lower()
    if lemma in incident_groups()[0]:
        return True
    return is_people(noun) and any(c.dep_ == "amod" and c.lower_ in ("armed", "masked")
                                   for c in noun.children)


def is_people(noun: Token) -> bool:
    lex = kind_lexicon()
    if is_military(noun) or noun.lemma_.lower() in lex.people or noun.lower_ in lex.people:
        return True
    return is_demonym(noun)


# Plural demonyms that do not end in -ans/-ese ("Poles", "Israelis").
_DEMONYM_PLURALS = {"poles", "brits", "finns", "swedes", "danes", "turks", "israelis", "iraqis",
                    "afghans", "chechens", "kurds", "czechs", "slovaks", "serbs", "croats",
                    "greeks", "thais", "scots", "uzbeks", "tajiks", "kazakhs", "yemenis",
                    "pakistanis", "saudis", "somalis", "belarusians", "russians", "ukrainians"}


# Endings of nouns for people ("rescuers", "journalists", "Crimeans", "evacuees").
_PEOPLE_ENDINGS = ("er", "or", "ist", "ian", "ean", "ant", "ent", "ee", "ic", "man", "men", "al")


def looks_like_people(noun: Token) -> bool:
    """People by lexicon, demonym, or the ending of an agent noun ("rescuers"); used
    where a casualty verb must say something about people, not "lost 15 billions"."""
    if is_people(noun) or noun.pos_ == "PRON":
        return True                   # "1,500 of them were killed": them are people
    lemma = noun.lemma_.lower()
    return noun.tag_ in ("NNS", "NNPS") and lemma.endswith(_PEOPLE_ENDINGS) and len(lemma) > 4 \
        and lemma not in _NOT_PEOPLE


# Plural nouns with an agent noun's ending that count things ("three hospitals", "documents").
_NOT_PEOPLE = {"hospital", "festival", "terminal", "canal", "signal", "capital", "total",
               "proposal", "trial", "manual", "portal", "journal", "rental", "arsenal",
               "interval", "material", "document", "event", "comment", "payment", "element",
               "segment", "investment", "apartment", "department", "government", "parliament",
               "tournament", "instrument", "monument", "settlement", "shipment", "plant",
               "restaurant", "grant", "implant", "computer", "container", "trailer", "tanker",
               "monitor", "sensor", "reactor", "generator", "motor", "sector", "corridor",
               "traffic", "clinic", "mosaic"}


def is_demonym(noun: Token) -> bool:
    """'12,000 North Koreans', '300 Ukrainians': a plural demonym counts people (not
    'two World Wars', which is also a plural proper noun)."""
    lower = noun.lower_
    if noun.ent_type_ == "NORP" and lower.endswith("s"):
        return True
    return noun.tag_ == "NNPS" and (lower.endswith(("ans", "ese")) or lower in _DEMONYM_PLURALS)


# Possessive pronouns: "his two little children" is a detail of one family, not a count
# anyone would put in a ledger.
_POSSESSIVE_PRONOUNS = {"my", "his", "her", "our", "their", "your", "its"}


def is_counted_people(noun: Token) -> bool:
    """A group of people whose size is itself a claim (refugees, civilians sheltering,
    residents, '43 million Ukrainians'): population nouns and plural demonyms."""
    lex = kind_lexicon()
    if noun.lower_ == "peoples":
        return False                  # "two peoples": nations, not a head count
    lemma = noun.lemma_.lower()
    return lemma in lex.counted_people or noun.lower_ in lex.counted_people or is_demonym(noun)


def owned_by_pronoun(noun: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in noun.children)


# Military people words that civil bodies use too: no sign of war by themselves.
_CIVIL_TOO = {"personnel", "officer", "force", "volunteer", "general", "major", "private",
              "captain", "pilot", "sailor", "division", "commander", "cadet", "recruit", "marine",
              "crew", "guard", "military"}


def plainly_military(noun: Token) -> bool:
    """A military people word that civil bodies do not use too ("soldiers", not
    "personnel" or "officers")."""
    return is_military(noun) and noun.lemma_.lower() not in _CIVIL_TOO


def civil_craft(noun: Token) -> bool:
    """'Dealers sold 303,417 new vehicles': a noun that names civil things as often as
    weapons counts weapons only when its sentence has a military word (a soldier, another
    weapon, 'armoured', 'attack'). Words for people that civil bodies have too
    ("mission support personnel", "marine vessels", "officers") are no such word."""
    lex = kind_lexicon()
    if noun.lemma_.lower() not in lex.dual_use_nouns:
        return False
    if any(_MILITARY_DESIGNATION.fullmatch(c.text) for c in noun.children if c.dep_ in ("compound", "nmod", "amod")):
        return False          # "60 F-16 jets", "12 Su-25 aircraft", "40 T-72 tanks"
    for tok in noun.sent:
        lemma = tok.lemma_.lower()
        if lemma in lex.military_context or tok.lower_ in lex.military_context or \
                (lemma in lex.military_people and lemma not in _CIVIL_TOO):
            return False
        if tok != noun and lex.nouns.get(lemma) == "weapons" and lemma not in lex.dual_use_nouns:
            return False
    return True


# A military type designation: letters, a hyphen, digits ("F-16", "Su-25", "MiG-29",
# "T-72", "Mi-8", "Ka-52", "S-300", "Tu-95"); airliners are named without the hyphen
# ("A320", "Boeing 737").
_MILITARY_DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,2}-\d{1,3}[A-Z]?")


STUDY_NOUNS = {"sample", "survey", "poll", "study", "trial", "experiment", "review", "analysis",
                "questionnaire", "cohort"}
_FAMILY = {"wife", "husband", "father", "mother", "parent", "mom", "dad", "grandfather",
           "grandmother", "grandparent", "partner", "spouse"}
_OFFSPRING = {"child", "children", "kid", "son", "daughter", "grandchild", "grandchildren"}


def family_detail(noun: Token) -> bool:
    """'a single father of three children', 'his wife and three kids', 'a new husband and
    two children': children counted beside or under a parent are one family's detail."""
    if noun.lemma_.lower() not in _OFFSPRING and noun.lower_ not in _OFFSPRING:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.lemma_.lower() in _FAMILY:
        return True
    partners = [noun.head] if noun.dep_ == "conj" else []
    partners += [c for c in noun.children if c.dep_ == "conj"]
    return any(p.lemma_.lower() in _FAMILY for p in partners)


def coordinated_modifier(noun: Token) -> Token:
    """'10,000 army and paramilitary troops': the parser counts the first of two coordinated
    modifiers; the plural noun after the coordination is what is counted."""
    doc = noun.doc
    i = noun.i + 1
    if i >= len(doc) or doc[i].lower_ not in ("and", "or"):
        return noun
    for tok in doc[i + 1:min(i + 4, len(doc))]:
        if tok.tag_ in ("NNS", "NNPS"):
            return tok
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN") or tok.is_punct:
            break
    return noun


def noun_after(span: Span) -> Token | None:
    """The parser sometimes hangs a range on a preposition and its noun elsewhere
    ("could number [between 50 and 60] warheads"); the words right after the figure
    still say what it counts: modifiers then a plural noun."""
    doc = span.doc
    i = span.end
    while i < len(doc) and doc[i].pos_ in ("ADJ", "PROPN") and i - span.end < 3:
        i += 1
    if i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].tag_ == "NNS" and i - span.end < 4:
        return doc[i]
    return None


# Words that make a figure the size of the body after it ("a 300-member contingent").
_SIZE_WORDS = {"strong", "man", "member", "person", "people"}


def size_word(tok: Token) -> bool:
    return tok.lower_ in _SIZE_WORDS and tok.i > 0 and tok.doc[tok.i - 1].text == "-" and \
        tok.dep_ in ("amod", "nmod", "compound") and tok.head.pos_ == "NOUN"


def sized_body(root: Token) -> bool:
    """The figure gives the size of a body of people ("a 300-member contingent"): what it
    counts is people, though its noun is singular."""
    return root.head != root and size_word(root.head)
