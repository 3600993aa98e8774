"""Who the text credits with a figure, read from the dependency parse.

Reads a parsed sentence and the figure's token; returns a ``Credit`` (the words that
name the source, whether the source is named at all, and a nested "via"). The rules,
tried from the figure upwards through its ancestors:

* "according to X" on any ancestor (or anywhere in the sentence as a frame);
* a reporting verb (say, report, estimate, claim, confirm, ...) whose subject is X and
  does not contain the figure itself ("300 soldiers reported killed" is no credit);
  a passive one with "by X"; with "citing Y" beside it, Y becomes ``via``;
* "citing X" alone; "X's estimate / figures / assessment";
* "It was reported that", "Reports suggest", "reportedly", "according to various
  sources": an unnamed credit, source null but the words kept.

Quotations, carrying a credit through a paragraph, pronouns and definite descriptions
are resolved by the pipeline (it sees the whole document).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from claimtrail.extract.lexicon import is_place
from claimtrail.extract.lexicon import kinds as kind_lexicon

REPORTING_VERBS = {
    "say", "tell", "report", "estimate", "claim", "confirm", "announce", "indicate", "note",
    "state", "write", "add", "assess", "believe", "suggest", "reveal", "allege", "declare",
    "disclose", "inform", "publish", "conclude", "insist", "warn", "explain", "stress",
    "acknowledge", "admit", "assert", "cite", "quote", "calculate", "tally", "specify",
    "forecast", "predict", "project", "observe", "record", "count", "expect", "anticipate",
}
# Nouns that name a credit when possessed: "the ministry's estimate", "ISW's figures".
CREDIT_NOUNS = {"estimate", "estimation", "assessment", "figure", "data", "count", "tally",
                "report", "statement", "update", "calculation", "analysis", "statistic",
                "bulletin", "briefing"}
# Nouns of what a body announces; possessed and the subject, they credit its figures.
_ANNOUNCED_NOUNS = {"package", "plan", "budget", "proposal", "pledge", "offer", "forecast",
                    "target", "programme", "program"}
# Reporting verbs that report in the passive ("is estimated to", "was reported");
# "were admitted to hospital", "was recorded on video" report nothing.
_PASSIVE_REPORTING = {"say", "report", "estimate", "claim", "confirm", "believe", "allege",
                      "suggest", "state", "assess", "indicate", "calculate", "forecast",
                      "predict", "project", "announce", "reveal", "disclose"}
# Nouns of an inquiry whose author is the credit ("an investigation by X found").
_INQUIRY_NOUNS = {"forecast", "datum", "investigation", "study", "survey", "poll", "review",
                  "audit", "research", "census", "inquiry", "probe", "analysis", "count"}
# Heads of a subject that credit no one in particular.
UNNAMED_HEADS = {"it", "report", "reports", "source", "sources", "media", "outlet", "outlets",
                 "estimate", "estimates", "figure", "figures", "data", "account", "accounts",
                 "rumour", "rumor", "speculation", "there", "which", "that", "this", "what"}
# Common nouns that can be a source when they are the subject of a reporting verb.
AGENT_NOUNS = {
    "official", "officer", "expert", "analyst", "researcher", "ministry", "agency", "department",
    "office", "staff", "military", "army", "institute", "service", "intelligence", "command",
    "government", "council", "committee", "directorate", "force", "guard", "police",
    "administration", "commission", "mission", "organisation", "organization", "bureau",
    "authority", "spokesman", "spokeswoman", "spokesperson", "commander", "president",
    "minister", "leader", "governor", "mayor", "general", "observer", "monitor", "group",
    "journalist", "correspondent", "newspaper", "outlet", "broadcaster", "channel", "diplomat",
    "prosecutor", "investigator", "witness", "resident", "soldier", "blogger", "headquarters",
    "think", "tank", "envoy", "adviser", "advisor", "secretary", "chief", "head", "center",
    "centre", "watchdog", "publication", "paper", "site", "website", "defector", "author",
    "scholar", "scientist", "study", "survey", "poll", "estimate", "statement", "assessment",
    "doctor", "physician", "surgeon", "nurse", "medic", "paramedic", "hospital", "rescuer",
    "boss", "communique", "communiqué", "bulletin",
    "relative", "villager", "activist", "lawyer", "monitor", "worker", "elder", "source",
    "spokesperson", "administrator", "coroner", "firefighter", "organiser", "organizer",
    "company", "firm", "corporation", "operator", "retailer", "utility", "manufacturer",
    "maker", "automaker", "carmaker", "producer", "airline", "insurer", "lender", "bank",
    "startup", "platform", "charity", "union", "association", "federation", "network",
    "prosecution", "court", "tribunal", "regulator", "inspector", "auditor", "analysis",
}
PRONOUNS = {"he", "she", "they", "we", "i", "it", "who", "you"}
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "us": "we", "me": "i"}


@dataclass
class Credit:
    """A credit found in the text. ``head`` is None for an unnamed credit."""

    mention: str | None           # the words naming the source ("South Korea's military")
    named: bool
    via: str | None = None
    cue: str = ""                 # according | verb | citing | poss | quote | carried | passive
    start: int = -1               # character offsets of the mention in the sentence
    end: int = -1
    pronoun: str | None = None    # "he"/"they": the pipeline resolves it
    entity: str | None = None     # the NER label of the head ("PERSON", "GPE", "ORG")
    frame: bool = False           # a sentence-wide frame ("According to X, ...") that can carry
    report: str | None = None     # the report it names ("sunday report"), see report_key


def find_credit(doc: Doc, anchor: Token) -> Credit | None:
    """The credit for the figure at ``anchor``, or None when the sentence gives none.
    With nested credits the outermost named one is the source and the inner one its
    ``via`` ("U.K. officials say ..., according to Ukrainian updates")."""
    bracketed = _bracket_credit(doc, anchor)
    if bracketed is not None:
        return bracketed
    inner = _find_credit(doc, anchor) or _verb_read_as_noun(doc, anchor)
    if ";" in doc.text and (inner is None or not _same_part(doc, inner, anchor)):
        # "... left 26 dead, according to the Ministry; volunteers put the toll at 34":
        # each part of a semicolon sentence has its own credit
        inner = _credit_in_part(doc, anchor)
    if inner is None or inner.frame and inner.cue == "poss":
        return inner
    outer = None
    top = _credit_head(doc, inner)
    if top is not None:
        outer = _find_credit(doc, top, frames=False)
        if outer is not None and not _same_part(doc, outer, anchor):
            outer = None
    if outer is not None and outer.named and inner.named and outer.mention != inner.mention:
        if not inner.pronoun:         # "Ukraine says it believes ...": no second source
            outer.via = inner.mention if not inner.via else f"{inner.mention}, {inner.via}"
        return outer
    return inner


# Reporting verbs the tagger can read as plural nouns after a possessive ("Ukraine's
# military claims that Russia has lost ...", "the ministry's data shows").
_VERBS_READ_AS_NOUNS = {"claims", "says", "reports", "estimates", "states", "warns", "insists",
                        "believes", "shows", "suggests", "indicates", "confirms", "notes"}


def _verb_read_as_noun(doc: Doc, anchor: Token) -> Credit | None:
    """'Ukraine's military claims that Russia has lost nearly 24,000 soldiers', parsed as
    the noun 'military claims' with the clause under it: the words before the misread verb
    are the source."""
    for head in anchor.ancestors:
        if head.lower_ not in _VERBS_READ_AS_NOUNS or head.pos_ not in ("NOUN", "PROPN"):
            continue
        clause = next((c for c in head.children if c.dep_ in ("ccomp", "acl", "relcl")
                       and anchor in c.subtree and any(m.dep_ == "mark" and m.lower_ == "that"
                                                       for m in c.children)), None)
        left = [c for c in head.lefts if c.dep_ in ("poss", "amod", "compound", "nmod", "det")]
        if clause is None or not left or not any(c.dep_ in ("poss", "compound", "nmod")
                                                 for c in left):
            return None
        words = doc[min(t.left_edge.i for t in left):head.i]
        if words[0].dep_ == "det":
            words = words[1:]
        if not len(words) or not can_credit(words[-1]):
            return None
        return Credit(mention=words.text, named=not _is_unnamed(words[-1]), cue="verb",
                      start=words.start_char, end=words.end_char)
    return None


def _parts(doc: Doc) -> list[int]:
    """Which semicolon-separated part of the sentence each token is in."""
    out, part = [], 0
    for tok in doc:
        out.append(part)
        part += tok.text == ";"
    return out


def _part(tok: Token) -> int:
    return _parts(tok.doc)[tok.i]


def _same_part(doc: Doc, credit: Credit, anchor: Token) -> bool:
    if credit.start < 0:
        return True
    span = doc.char_span(credit.start, credit.end, alignment_mode="expand")
    return span is None or _part(span.root) == _part(anchor)


def _credit_in_part(doc: Doc, anchor: Token) -> Credit | None:
    """A credit inside the anchor's own semicolon part: 'according to X' there, else a
    credit set off by a comma after the figure there, else a reporting verb there."""
    parts = _parts(doc)
    part = parts[anchor.i]
    for tok in doc:
        if tok.lower_ == "according" and parts[tok.i] == part:
            credit = _according_to(tok.head)
            if credit is not None:
                return credit
    credit = trailing_credit(doc, anchor, part=part)
    if credit is not None:
        return credit
    for tok in doc:
        if parts[tok.i] == part and tok.pos_ in ("VERB", "AUX") and tok != anchor and \
                tok.lemma_.lower() in REPORTING_VERBS and anchor in tok.subtree:
            credit = _reporting_verb(tok, anchor)
            if credit is not None and _same_part(doc, credit, anchor):
                return credit
    return None


def _credit_head(doc: Doc, credit: Credit) -> Token | None:
    """The verb that governs a credit, to look for a credit above it."""
    if credit.start < 0:
        return None
    span = doc.char_span(credit.start, credit.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    while tok.head != tok and (tok.pos_ not in ("VERB", "AUX") or
                               tok.lower_ in ("according", "citing", "quoting")):
        tok = tok.head
    if own_clause(tok):
        # "the ministry announced ..., and according to Japanese intelligence, 20 generals
        # were killed": a coordinated clause with its own credit is not what the first
        # clause reports, so its credit is not nested under the first one
        return None
    return tok.head if tok.head != tok else None


def own_clause(verb: Token) -> bool:
    """A clause coordinated with an earlier one and having a subject of its own."""
    return verb.dep_ == "conj" and verb.head != verb and verb.head.pos_ in ("VERB", "AUX") \
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


# Words that qualify a set of figures, not its owner ("Initial PCG figures").
_FIGURE_QUALIFIERS = {"initial", "early", "earlier", "first", "latest", "new", "preliminary",
                      "provisional", "official", "final", "revised", "updated", "unofficial"}


def _bracket_credit(doc: Doc, anchor: Token) -> Credit | None:
    """A figure in brackets that name their own source ("9,000 according to the police
    (25,000 according to the union)", "40 died (the opposition says 60)")."""
    inside = _bracket_of(anchor)
    if inside is None:
        return None
    for tok in doc:
        if _bracket_of(tok) != inside:
            continue
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = _child(to, "pobj") if to is not None else None
            if obj is not None:
                return credit_from(obj, cue="according")
        if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_VERBS:
            subj = _child(tok, "nsubj")
            if subj is not None and _bracket_of(subj) == inside and can_credit(subj) and \
                    anchor not in subj.subtree:
                return credit_from(subj, cue="verb")
    # "Initial PCG figures (13 dead)": the bracket gives the figures its owner named
    before = [t for t in doc if t.idx - doc[0].idx < inside[0]]
    if before and before[-1].lemma_.lower() in CREDIT_NOUNS:
        owner = [c for c in before[-1].children if c.dep_ in ("compound", "poss", "nmod") and
                 (c.pos_ == "PROPN" or c.lemma_.lower() in AGENT_NOUNS or c.text.isupper()) or
                 c.dep_ == "amod" and c.text.isupper() and len(c.text) > 1]   # "NDRF figures"
        if owner:
            head = owner[-1]
            words = sorted([head, *(c for c in head.subtree if c.dep_ == "compound" and
                                    c.lower_ not in _FIGURE_QUALIFIERS)], key=lambda t: t.i)
            start = words[0].idx - doc[0].idx
            end = head.idx - doc[0].idx + len(head.text)
            return Credit(mention=doc.text[start:end], named=True, cue="poss", start=start,
                          end=end)
    return None


def _find_credit(doc: Doc, anchor: Token, frames: bool = True) -> Credit | None:
    bracket = _bracket_of(anchor)
    for tok in [anchor, *anchor.ancestors]:
        if tok.pos_ in ("VERB", "AUX") and _bracket_of(tok) not in (None, bracket):
            continue          # "closed 300 schools (the union said 450)": the bracket's own
        credit = _according_to(tok, anchor)
        if credit is not None:
            return credit
        if tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in REPORTING_VERBS or (
                tok.lemma_.lower() in FINDING_VERBS and _report_subject(tok)) or
                _gives_a_toll(tok, anchor)):
            credit = _reporting_verb(tok, anchor)
            if credit is not None:
                return credit
        for child in tok.children:
            # a parenthetical "Russia, Kahl said, has had 70,000 casualties"
            # ("As the ministry notes, ..." credits the main clause; "..., as Ukraine's
            # leader told people not to panic" reports something of its own)
            if child.dep_ in ("parataxis", "advcl") and child.lemma_.lower() in REPORTING_VERBS \
                    and anchor not in child.subtree and not _reports_its_own(child) and \
                    _bracket_of(child) in (None, bracket):
                credit = _reporting_verb(child, anchor)
                if credit is not None:
                    return credit
        if tok.lemma_.lower() in ("cite", "quote") and tok.dep_ in ("advcl", "acl", "ROOT"):
            obj = _child(tok, "dobj")
            if obj is not None:
                return credit_from(obj, cue="citing")
        if any(c.dep_ == "advmod" and c.lower_ in ("reportedly", "allegedly") for c in tok.children):
            return Credit(mention="reportedly", named=False, cue="passive")
    return sentence_frame(doc, anchor) if frames else None


_REPORT_WORDS = re.compile(r"\b(?:report|study|survey|analysis|poll|findings|assessment|"
                           r"review|investigation|census|index|audit|research|paper|testing)\b",
                           re.IGNORECASE)


# Verbs by which a report or study gives its figures ("The study found ...").
FINDING_VERBS = {"find", "show", "reveal", "identify", "document", "conclude", "put", "suggest"}


_TOLL_WORDS = {"dead", "killed", "injured", "wounded", "missing", "toll", "tally", "figure",
               "count", "estimate", "number", "death", "deaths", "casualties", "fatalities"}


def _gives_a_toll(verb: Token, anchor: Token) -> bool:
    """'IOM gives 11 dead, 28 missing', 'the ministry gave a lower toll of 26': to give a
    toll is to report it (to give aid or a medal is not)."""
    if verb.lemma_.lower() != "give":
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj" and anchor in c.subtree), None)
    if obj is None:
        return False
    return any(t.lower_ in _TOLL_WORDS for t in obj.subtree) or any(
        t.lower_ in _TOLL_WORDS for t in anchor.doc[anchor.i + 1:anchor.i + 3])


def _report_subject(verb: Token) -> bool:
    subj = _child(verb, "nsubj")
    return subj is not None and bool(_REPORT_WORDS.search(subj.text))


def names_a_report(credit: Credit) -> bool:
    """A credit to a report or study ("the UN human rights office's report", "a study by
    X", "according to the agency's annual survey"): its figures run on past its sentence."""
    return credit.named and (credit.report is not None or bool(_REPORT_WORDS.search(
        credit.mention or "")))


_LEAD_WORDS = {"the", "a", "an", "and", "but"}
_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "week", "weekend", "night", "morning", "evening", "afternoon", "month", "year"}


def trailing_credit(doc: Doc, anchor: Token, part: int | None = None) -> Credit | None:
    """'..., killing at least 47 people, medics and residents said.': wire copy closes a
    clause with its credit set off by a comma (at the end of the sentence, or before
    ", in one of the deadliest attacks ..."); the parser often hangs the figure's noun on
    the speaker, so the credit is read from the words between the comma and a reporting
    verb after the figure."""
    parts = _parts(doc) if part is not None else None
    words = [t for t in doc if (not t.is_punct or t.text == ",") and (parts is None or parts[t.i] == part)]
    for k in range(len(words)):
        verb = words[k]
        if verb.i <= anchor.i or verb.lemma_.lower() not in REPORTING_VERBS or \
                verb.pos_ not in ("VERB", "AUX") or verb.tag_ == "VBN":
            continue
        after = words[k + 1] if k + 1 < len(words) else None
        if after is not None and after.text != "," and after.pos_ not in ("ADP", "ADV", "NOUN") \
                and k < len(words) - 8:
            continue          # "..., officials said the toll would rise": not set off
        credit = _credit_before(doc, words, k, anchor)
        if credit is not None:
            return credit
    return None


# Field names of coder notes and bulletins, never a credit ("City: Daquq", "Target: ...").


def _credit_before(doc: Doc, words: list[Token], k: int, anchor: Token) -> Credit | None:
    """The noun phrase between the comma before ``words[k]`` (a reporting verb) and it."""
    verb = words[k]
    comma = next((j for j in range(k - 1, max(k - 12, -1), -1) if words[j].text == ","), None)
    if comma is None or comma == k - 1 or anchor.i >= words[comma].i:
        return None
    span = doc[words[comma].i + 1:verb.i]
    if not len(span) or span[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "PRON") or \
            any(t.like_num or t.pos_ in ("VERB", "AUX") for t in span):
        return None
    first = span[0]
    if len(span) == 1 and first.lower_ in PRONOUNS:
        return Credit(mention=first.text, named=True, cue="verb",
                      start=first.idx - doc[0].idx, end=first.idx + len(first) - doc[0].idx,
                      pronoun=first.lower_)
    while len(span) > 1 and span[0].lower_ in _LEAD_WORDS:
        span = span[1:]
    if not any(t.pos_ in ("PROPN", "NOUN") for t in span):
        return None
    start = span[0].idx - doc[0].idx
    return Credit(mention=span.text, named=True, cue="verb", start=start,
                  end=start + len(span.text))


def _reports_its_own(verb: Token) -> bool:
    """A subordinate reporting verb that is not a credit: one marked by another word than
    "as" ("since it was declared in August"), or "as" with a complement of its own ("as X
    told people not to panic")."""
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    if any(m != "as" for m in marks):
        return True       # "since it was declared", "after police announced": no credit
    return bool(marks) and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)


def sentence_frame(doc: Doc, anchor: Token | None = None) -> Credit | None:
    """A credit that frames the whole sentence wherever it attaches: 'according to X'
    anywhere, or 'X's estimate/figures'. With an ``anchor``, an 'according to X' that
    belongs to another coordinated clause ("..., and according to X, 20 generals were
    killed") frames only that clause, not the anchor's."""
    for tok in doc:
        if tok.lower_ == "according":
            if anchor is not None and (_in_other_clause(tok, anchor) or (
                    _bracket_of(tok) is not None and _bracket_of(tok) != _bracket_of(anchor))):
                continue
            credit = _according_to(tok.head)
            if credit is not None:
                return credit
    for tok in doc:
        if tok.lemma_.lower() not in CREDIT_NOUNS and not (
                tok.lemma_.lower() in _ANNOUNCED_NOUNS and tok.dep_ in ("nsubj", "nsubjpass")):
            continue
        # "X's estimate", "in the Sunday report of X", "in an update from X"; "Australia's
        # package will include $50m": what X announced, as the subject of its sentence
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
        if owner is None and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "by"):
            owner = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
                          for o in p.children if o.dep_ == "pobj"), None)
        if owner is not None and (owner.pos_ == "PROPN" or owner.lemma_.lower() in AGENT_NOUNS):
            credit = credit_from(owner, cue="poss")
            credit.frame = True
            credit.report = report_key(tok)
            return credit
    return None


def _in_other_clause(tok: Token, anchor: Token) -> bool:
    """Whether ``tok`` opens a coordinated clause with its own subject that does not
    hold ``anchor``. Only a fronted credit is the clause's own: one at the end of the
    sentence ("..., and they eliminated 5,000 troops, according to U.K. officials")
    is said of the whole sentence."""
    for verb in [tok, *tok.ancestors]:
        if verb.pos_ in ("VERB", "AUX") and verb.lower_ != "according" and own_clause(verb):
            return anchor not in verb.subtree and tok.i < verb.i
    return False


def report_key(tok: Token) -> str | None:
    """The words that tell one report from another ("the Sunday report", "its daily
    update" -> "sunday report", "daily update"), so that a later 'according to the Sunday
    report' finds whose report it is; None for words that are not a report."""
    if tok.lemma_.lower() not in CREDIT_NOUNS:
        return None
    mods = [c.lower_ for c in tok.children
            if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i]
    return " ".join([*mods, tok.lemma_.lower()])


def _bracket_of(tok: Token) -> tuple[int, int] | None:
    """The innermost round brackets around ``tok`` in its sentence (character offsets)."""
    text, at = tok.doc.text, tok.idx - tok.doc[0].idx
    opened = text.rfind("(", 0, at)
    if opened < 0 or text.rfind(")", 0, at) > opened:
        return None
    closed = text.find(")", at)
    return (opened, closed) if closed >= 0 else None


def _according_to(tok: Token, anchor: Token | None = None) -> Credit | None:
    for child in tok.children:
        if anchor is not None and child.lower_ == "according" and \
                _bracket_of(child) is not None and _bracket_of(child) != _bracket_of(anchor):
            continue      # "12,000 (30,000 according to the organisers)": the bracket's own
        if child.lower_ == "according" and child.dep_ in ("prep", "advmod", "advcl"):
            to = next((c for c in child.children if c.lower_ == "to"), None)
            obj = _child(to, "pobj") if to is not None else None
            if obj is None:
                continue
            credit = credit_from(obj, cue="according")
            credit.frame = True
            return credit
    return None


def _reporting_verb(verb: Token, anchor: Token) -> Credit | None:
    if any(c.dep_ in ("dobj", "dative") and anchor in c.subtree for c in verb.children) and \
            verb.lemma_.lower() in _TOLD_TO:
        return None           # "Gambill told a few thousand teachers": the audience, not a claim
    subj = _child(verb, "nsubj")
    if subj is not None:
        if not can_credit(subj) or anchor in subj.subtree:
            return None           # "300 soldiers reported killed": a figure, not a source
        if verb.lemma_.lower() in _TALLY_VERBS and _a_place(subj):
            return None           # "Spain has recorded 157,000 cases": where, not who
        credit = credit_from(subj, cue="verb")
        via = _citing(verb)
        if via:
            credit.via = via
        return credit
    agent = _child(verb, "agent")
    if agent is not None:
        obj = _child(agent, "pobj")
        if obj is not None:
            return credit_from(obj, cue="verb")
    passive_subj = _child(verb, "nsubjpass")
    if passive_subj is not None and passive_subj.lower_ == "it":
        frame = sentence_frame(verb.doc)     # "In the report of X, it was reported that"
        if frame is not None:
            return frame
        return Credit(mention=_mention_text(verb.doc, passive_subj, verb), named=False,
                      cue="passive")
    if any(c.dep_ == "auxpass" for c in verb.children) and anchor.i > verb.i and \
            verb.lemma_.lower() in _PASSIVE_REPORTING and not _in_conjunct(verb, anchor):
        # "..., it was reported", "is estimated to" with the figure in the clause
        return Credit(mention=verb.text, named=False, cue="passive")
    speaker = _stranded_speaker(verb)
    if speaker is not None and anchor not in speaker.subtree:
        return credit_from(speaker, cue="verb")
    return None


# Verbs of a tally whose subject may be the place it is kept for ("Italy recorded 900
# deaths"), not a body that reports it ("the ministry recorded 900 deaths").
_TALLY_VERBS = {"record", "count", "register", "observe"}


def _a_place(subj: Token) -> bool:
    name = " ".join(t.text for t in subj.subtree if t.dep_ == "compound" or t == subj)
    return subj.pos_ == "PROPN" and (is_place(name) or is_place(subj.text))


def _in_conjunct(verb: Token, anchor: Token) -> bool:
    """'one had been confirmed dead and 14 had been rescued': the figure is in a clause
    coordinated with the verb, which reports nothing of it."""
    return any(c.dep_ == "conj" and anchor in c.subtree for c in verb.children)


# Reporting verbs whose object is the audience ("told a few thousand teachers").
_TOLD_TO = {"tell", "inform", "warn"}


def _stranded_speaker(verb: Token) -> Token | None:
    """'... were sheltering inside the plant, Myhailo Vershynin, chief of the Mariupol
    patrol police, told CNN': the parser hangs the name on the noun before it (appos) and
    leaves the verb without a subject. The name whose phrase ends right before the verb
    (commas aside) is its subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent", "expl") for c in verb.children):
        return None
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].is_punct:
        i -= 1
    # "..., the Pentagon on Wednesday announced": a time phrase between name and verb
    if i >= 1 and (doc[i].ent_type_ in ("DATE", "TIME") or doc[i].lower_ in _DAY_WORDS) and \
            doc[i - 1].lower_ in ("on", "late", "early", "last", "this"):
        i -= 2
    elif i >= 0 and doc[i].lower_ in ("yesterday", "today", "tonight", "also", "later"):
        i -= 1
    if i < 0:
        return None
    for tok in doc[max(0, i - 12):i + 1]:
        if tok.dep_ == "appos" and tok.pos_ in ("PROPN", "NOUN") and tok.head.i < tok.i and \
                max(t.i for t in tok.subtree) == i and (tok.pos_ == "PROPN" or _agent_or_named(tok)):
            return tok
    return None


def _agent_or_named(tok: Token) -> bool:
    """'the Pentagon' tagged as a noun: a capitalised or agent noun can be a speaker."""
    return tok.text[:1].isupper() or tok.lemma_.lower() in AGENT_NOUNS


def _citing(verb: Token) -> str | None:
    for child in verb.children:
        if child.lemma_.lower() in ("cite", "quote") and child.dep_ in ("advcl", "xcomp", "conj"):
            obj = _child(child, "dobj")
            if obj is not None:
                return phrase_text(obj)
    return None


def can_credit(subj: Token) -> bool:
    """Whether the subject of a reporting verb can be a source: a name, a pronoun, an
    agent noun ("officials", "the ministry"), or words of unnamed credit ("reports").
    A subject holding a figure is what is reported ("300 soldiers reported killed"),
    and "high casualty rates reported" credits nobody."""
    has_name = any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subj.children)
    if not has_name and any((t.like_num or t.pos_ == "NUM") and not _day_of_month(t)
                            for t in _undescribed(subj)):
        return False
    if subj.pos_ in ("PROPN", "PRON") or has_name or (subj.text.isupper() and len(subj.text) > 1) \
            or _MIXED_ACRONYM.fullmatch(subj.text):
        return True                   # an acronym the tagger calls a noun ("The DSNS says", "MoDMR")
    lemma = subj.lemma_.lower()
    if lemma in AGENT_NOUNS or lemma in UNNAMED_HEADS or subj.lower_ in UNNAMED_HEADS or \
            lemma in _INQUIRY_NOUNS or lemma in _people_nouns():
        return True             # "the district magistrate reported", "villagers said"
    # "the Ministry of Disaster Management and Relief (MoDMR)": a name before it
    return any(c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "PROPN" for c in subj.children)


def _undescribed(subj: Token) -> list[Token]:
    """The subject's words without its descriptions (an apposition or relative clause:
    "the operator, the entity that serves 80 percent of the state, said"); a figure in
    apposition is content ("AFAD figures: 38 dead"), not a description."""
    skip = {t.i for c in subj.children if c.dep_ in ("relcl", "acl") or (
        c.dep_ == "appos" and not (c.like_num or c.pos_ == "NUM")) for t in c.subtree}
    return [t for t in subj.subtree if t.i not in skip]


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _day_of_month(tok: Token) -> bool:
    """'March 3' of a dateline the parser hung on the subject ("KYIV, March 3 (Reuters) -
    Ukraine's air force said"): a date, not a figure inside the subject."""
    doc = tok.doc
    near = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return tok.head.lower_ in _MONTHS or any(t.lower_.rstrip(".") in _MONTHS for t in near)


# "MoDMR", "DoD", "UNHCR's": an acronym with lower-case letters inside
_MIXED_ACRONYM = re.compile(r"[A-Z][a-z]?(?:[A-Z][a-z]?){1,6}[A-Z]")


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset[str]:
    """Nouns of people (kinds.json 'people' and 'military_people') and of office holders:
    any of them can say a figure."""
    lex = kind_lexicon()
    return frozenset({*lex.people, *lex.military_people, *_OFFICE_NOUNS})


_OFFICE_NOUNS = {"magistrate", "chairman", "chairwoman", "chairperson", "coordinator",
                 "director", "manager", "superintendent", "sheriff", "constable", "ranger",
                 "councillor", "councilor", "legislator", "senator", "deputy", "representative",
                 "ambassador", "commissioner", "registrar", "warden", "headman", "imam",
                 "bishop", "mediator", "negotiator", "operator", "owner", "principal"}


def credit_from(tok: Token, cue: str) -> Credit:
    """A credit from the head token of the source's noun phrase."""
    # "two prominent researchers, Robert Carlin and Siegfried Hecker": the names
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head           # "a senior official, who added that ...": the official
    appos = _child(tok, "appos")
    if tok.pos_ == "NOUN" and appos is not None and appos.pos_ == "PROPN":
        tok = appos
    report = report_key(tok)
    if tok.lemma_.lower() in CREDIT_NOUNS | _INQUIRY_NOUNS:
        # "according to forecasts of Western intelligence", "an investigation by Important
        # Stories", "credible reports received by Amnesty": the owner of the data
        owner = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "from", "by")
                      for o in p.children if o.dep_ == "pobj"), None)
        if owner is None:
            owner = next((o for acl in tok.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                          for ag in acl.children if ag.dep_ == "agent"
                          for o in ag.children if o.dep_ == "pobj"), None)
        if owner is not None and owner.pos_ not in ("PROPN", "PRON") and \
                owner.lemma_.lower() not in AGENT_NOUNS and not owner.text[:1].isupper():
            owner = None              # "a report of heavy fighting": no owner
        if owner is not None:
            tok = owner
            appos = _child(tok, "appos")   # "by the Russian-language outlet Important Stories"
            if tok.pos_ == "NOUN" and appos is not None and appos.pos_ == "PROPN":
                tok = appos
        elif not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            report = None             # "a report", "reports": no particular one
    lower = tok.lower_
    # "According to WHO": a pronoun in capitals is an acronym ("WHO", "US"), not 'who'
    if lower in _OBJECT_PRONOUNS:
        lower = _OBJECT_PRONOUNS[lower]      # "according to him": he
    if lower in PRONOUNS and not (tok.text.isupper() and len(tok.text) > 1):
        return Credit(mention=tok.text, named=True, cue=cue, pronoun=lower,
                      start=tok.idx, end=tok.idx + len(tok.text))
    text, start, end = phrase_span(tok)
    named = not _is_unnamed(tok)
    return Credit(mention=text, named=named, cue=cue, start=start, end=end,
                  entity=tok.ent_type_ or None, report=report)


def _is_unnamed(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in ("people", "person", "individual") and any(c.lower_ in ("familiar", "knowledgeable") or (
            c.lower_ == "with" and any(g.lemma_.lower() == "knowledge" for g in c.children))
            for c in tok.children if c.dep_ in ("amod", "prep", "acl")):
        return True                   # "people familiar with the matter": anonymous
    if lemma not in UNNAMED_HEADS and tok.lower_ not in UNNAMED_HEADS:
        return False
    # "its sources", "SBU sources", "Pentagon data": a named owner makes it a credit;
    # "hospital sources", "state media", "security sources": a kind of body too
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod") and \
                child.lemma_.lower() in _INSTITUTION_WORDS:
            return False
        # "SBU sources", "its sources" name an owner; "the Sunday report" does not
        names = child.pos_ == "PROPN" or (child.text.isupper() and len(child.text) > 1)
        if child.dep_ in ("poss", "compound") and names and child.lower_ not in _CALENDAR_WORDS:
            return False
    return True


_INSTITUTION_WORDS = {"police", "hospital", "state", "military", "security", "medical", "government",
                      "army", "health", "rescue", "diplomatic", "intelligence", "defence",
                      "defense", "official", "judicial", "prison", "court", "palace", "party",
                      "rebel", "insurgent", "militant", "opposition", "humanitarian", "un",
                      "western", "ukrainian", "russian", "israeli", "palestinian", "iraqi"}
_CALENDAR_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                   "january", "february", "march", "april", "may", "june", "july", "august",
                   "september", "october", "november", "december", "daily", "weekly"}


_EDGE_TRIM = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def phrase_span(tok: Token) -> tuple[str, int, int]:
    """The source's words: left modifiers, the head, and 'of'/'for' phrases and
    coordinated names ("General Staff of the Armed Forces of Ukraine", "Robert Carlin
    and Siegfried Hecker"), without appositions, clauses or trailing punctuation."""
    keep = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            if child.dep_ in ("appos", "relcl", "acl", "advcl", "parataxis"):
                continue
            if child.dep_ == "punct" and child.text not in ("-", "–", "."):
                continue              # keep "Moscow-installed", "U.S."
            if child.dep_ == "case" and cur == tok:
                continue              # "the ministry's estimate": the owner, not its 's
            if child.dep_ == "prep" and child.lower_ not in ("of", "for", "on", "in"):
                continue
            if child.dep_ == "prep" and cur == tok and child.lower_ == "in" and \
                    not any(g.pos_ == "PROPN" for g in child.subtree):
                continue
            if child.dep_ == "cc" and not any(c.dep_ == "conj" and c.pos_ == "PROPN"
                                              for c in cur.children):
                continue
            if child.dep_ == "conj" and child.pos_ not in ("PROPN", "NOUN"):
                continue
            keep.append(child)
            stack.append(child)
    keep.sort(key=lambda t: t.i)
    # keep a contiguous run around the head
    lo = hi = keep.index(tok)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi < len(keep) - 1 and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    run = keep[lo:hi + 1]
    while run and run[-1].is_punct:
        run.pop()
    while run and (run[0].is_punct or run[0].dep_ == "cc"):
        run.pop(0)
    start = run[0].idx
    end = run[-1].idx + len(run[-1].text)
    text = tok.doc.text[start:end]
    trimmed = _EDGE_TRIM.sub("", text)
    start += len(text) - len(trimmed)
    return trimmed, start, end


def phrase_text(tok: Token) -> str:
    return phrase_span(tok)[0]


def _mention_text(doc: Doc, first: Token, last: Token) -> str:
    return doc[min(first.i, last.i):max(first.i, last.i) + 1].text


def _child(tok: Token | None, dep: str) -> Token | None:
    if tok is None:
        return None
    return next((c for c in tok.children if c.dep_ == dep), None)
