"""A learned second opinion on figures whose own sentence credits no one.

The rules (attribution.py, credit_step.attribute_step) credit a figure from its sentence,
its quotation, a label or bracket, and carry a credit on only in narrow cases. Many
figures are still someone's: the agency named at the top of a coder note ("NDMA Sitrep
No. 14 ...: Deaths: 46; injured: 63"), the label of the part before ("AFAD figures: 38
dead, 412 injured; 1,150 buildings collapsed"), the company an earnings story is about,
the ministry of the sentence before. Which of those a writer means is a judgement the
gold files make thousands of times, so it is learned from them, not written as rules.

For such a figure, ``options`` lists every source it could be: the sources the rules
gave earlier figures of the document, the credits indexed so far, the subject of the
figure's own clause and the document's opening. Each option gets a feature vector
(where it comes from, how far back, how often credited, what the sentence looks like)
and a logistic model scores it; the best option is taken when its probability passes
the model's threshold, else the figure stays uncredited. What the rules credit or carry
is never overridden.

The options are built from rule-given sources only, never from the model's own earlier
choices, so a document's decisions are independent of each other: the training script
(scripts/train_credit_model.py) can score a model offline on features the extractor
traced once. Weights: data/credit_model.json, trained on eval/dev and the seeds.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

from claimtrail.extract import attribution, clauses
from claimtrail.extract.sources import ORG_HEADS
from claimtrail.models import Source

if TYPE_CHECKING:
    from claimtrail.extract.pipeline import Candidate, DocState

MODEL_FILE = "credit_model.json"
# The kinds of the war ledger; everything else is `other` (money, distances, cargo).
WAR_KINDS = frozenset({"personnel", "casualties", "killed", "wounded", "missing", "captured",
                       "territory", "weapons"})
_FIRST_PERSON = frozenset({"we", "our", "us", "i", "my"})
# words that make a name a report's ("NDMA Sitrep", "AFAD figures", "the annual survey")
REPORT_WORDS = frozenset({"report", "sitrep", "bulletin", "figure", "data", "survey", "update",
                           "statement", "release", "census", "study", "record", "tally", "count",
                           "briefing", "assessment", "estimate", "statistic", "dashboard"})


@dataclass
class Option:
    """One source a figure could be credited to, with where it was found."""

    source: Source
    origins: set[str] = field(default_factory=set)
    actor: str = ""                  # subject/agent options: "subject" or "agent"
    verb: str = ""                   # ... and the lemma of their verb
    sentence_distance: int = 99      # sentences back to where it was last credited
    paragraph_distance: int = 99
    credited: int = 0                # earlier figures of the document the rules gave it
    cue: str = ""                    # the cue of its last credit (verb, according, label ...)
    interrupted: bool = False        # another source was credited since

    @property
    def key(self) -> str:
        return self.source.name.lower()


@dataclass(frozen=True)
class Context:
    """What the figure's own sentence and document look like."""

    sentence_index: int
    paragraph: int
    sentences: int                   # in the document
    paragraphs: int
    kind: str
    quoted: bool                     # the figure stands in a quotation
    anaphoric: bool                  # the sentence opens by pointing back ("This amounts to")
    first_person: bool               # "we recommended a $5.1 million grant"
    names_in_sentence: int           # proper-noun runs other than the options
    sourced_figures: int             # earlier figures the rules credited
    uncredited_figures: int          # earlier figures the rules left uncredited


def subject_option(doc: Doc, anchor: Token) -> attribution.Credit | None:
    """The actor of the figure's own clause when it could be a source ("PCG recovered
    26 bodies", "Home Depot earned $2.8 billion", "two were arrested by marine police"):
    the model decides whether it is. The credit's cue says which: subject or agent."""
    noun = anchor.head if anchor.dep_ in ("nummod", "quantmod") else anchor
    for acl in noun.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            by = next((o for a in acl.children if a.dep_ == "agent"
                       for o in a.children if o.dep_ == "pobj"), None)
            if by is not None and attribution.can_credit(by):
                credit = attribution.credit_from(by, cue="agent")
                if credit.named and not credit.pronoun and credit.mention:
                    return credit       # "16 priorities identified by MOTIE"
    verb = clauses.governing_verb(anchor)
    for _ in range(3):
        if verb is None:
            return None
        agent = next((o for a in verb.children if a.dep_ == "agent"
                      for o in a.children if o.dep_ == "pobj"), None)
        if agent is not None and anchor not in agent.subtree and attribution.can_credit(agent):
            credit = attribution.credit_from(agent, cue="agent")
            return credit if credit.named and not credit.pronoun and credit.mention else None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if anchor in subj.subtree or not attribution.can_credit(subj):
                return None
            credit = attribution.credit_from(subj, cue="subject")
            return credit if credit.named and not credit.pronoun and credit.mention else None
        climbs = verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb
        verb = verb.head if climbs else None
    return None


def features(option: Option, context: Context) -> dict[str, float]:
    """The named features of one option; absent features are 0."""
    f: dict[str, float] = {"bias": 1.0}
    for origin in option.origins:
        f[f"from:{origin}"] = 1.0
    d = option.sentence_distance
    bucket = "0" if d == 0 else "1" if d == 1 else "2" if d == 2 else "3-5" if d <= 5 else "6+"
    f[f"sentences_back:{bucket}"] = 1.0
    p = option.paragraph_distance
    f[f"paragraphs_back:{'0' if p == 0 else '1' if p == 1 else '2+'}"] = 1.0
    f["credited_log"] = math.log1p(option.credited)
    share = option.credited / context.sourced_figures if context.sourced_figures else 0.0
    f["credited_share"] = share
    f["only_source"] = 1.0 if context.sourced_figures and share == 1.0 else 0.0
    if option.cue:
        f[f"cue:{option.cue}"] = 1.0
    words = option.source.name.lower().replace("’", "'").split()
    f["names_a_report"] = float(any(w.rstrip("s") in REPORT_WORDS for w in words))
    f["agency_noun"] = float(bool(words) and words[-1].rstrip("s") in attribution.AGENT_NOUNS)
    f["acronym"] = float(any(w.isupper() and len(w) > 1 for w in option.source.name.split()))
    if option.actor:
        f[f"actor:{option.actor}"] = 1.0
        f[f"actor_verb:{option.verb}"] = 1.0
    f[f"type:{option.source.type or 'none'}"] = 1.0
    f["interrupted"] = float(option.interrupted)
    f["war_kind"] = float(context.kind in WAR_KINDS)
    f["quoted"] = float(context.quoted)
    f["anaphoric"] = float(context.anaphoric)
    f["first_person"] = float(context.first_person)
    f["names_in_sentence"] = min(context.names_in_sentence, 3) / 3
    f["short_document"] = float(context.sentences <= 8)
    f["one_paragraph"] = float(context.paragraphs <= 1)
    f["first_sentence"] = float(context.sentence_index == 0)
    f["uncredited_share"] = (context.uncredited_figures /
                             max(1, context.uncredited_figures + context.sourced_figures))
    # crossings the linear model cannot form itself
    for origin in option.origins:
        f[f"{origin}*same_paragraph"] = float(p == 0)
        f[f"{origin}*short_document"] = float(context.sentences <= 8)
        f[f"{origin}*war_kind"] = float(context.kind in WAR_KINDS)
    return f


def first_person(doc: Doc) -> bool:
    return any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in doc)


def proper_runs(doc: Doc) -> int:
    runs, inside = 0, False
    for tok in doc:
        if tok.pos_ == "PROPN" and not inside:
            runs += 1
        inside = tok.pos_ == "PROPN"
    return runs


@dataclass(frozen=True)
class CreditModel:
    weights: dict[str, float]
    threshold: float
    meta: dict[str, Any]

    def probability(self, option: Option, context: Context) -> float:
        return self.probability_of(features(option, context))

    def probability_of(self, named: dict[str, float]) -> float:
        """The probability for a feature vector as ``features`` names it (or a trace)."""
        z = sum(self.weights.get(name, 0.0) * value for name, value in named.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def choose(self, options: list[Option], context: Context) -> tuple[Option | None, float]:
        best, best_p = None, 0.0
        for option in options:
            p = self.probability(option, context)
            if p > best_p:
                best, best_p = option, p
        return (best, best_p) if best is not None and best_p >= self.threshold else (None, best_p)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CreditModel:
        return cls(weights={k: float(v) for k, v in data["weights"].items()},
                   threshold=float(data["threshold"]), meta=data.get("meta", {}))


@lru_cache(maxsize=1)
def shipped_model() -> CreditModel | None:
    """The model in the package, or None when none is shipped (the rules alone)."""
    try:
        text = resources.files("claimtrail.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return CreditModel.from_dict(json.loads(text))


# --- the options of one figure ---------------------------------------------------------

@dataclass(frozen=True)
class Given:
    """A credit the rules gave before the figure: to an earlier figure, or indexed from
    a parsed sentence ("the ministry said on Monday")."""

    sentence_index: int
    paragraph: int
    source: Source
    cue: str
    figure: bool                     # given to a figure (else only indexed)


def gather(given: list[Given], sentence_index: int, paragraph: int, *,
           subject: Source | None = None, actor: tuple[str, str] = ("", ""),
           header: Source | None = None) -> list[Option]:
    """Every source the figure could be credited to, merged by name."""
    options: dict[str, Option] = {}

    def add(source: Source, origin: str) -> Option:
        key = source.name.lower()
        option = options.get(key)
        if option is None:
            option = options[key] = Option(source)
        option.origins.add(origin)
        return option

    figures = [g for g in given if g.figure]
    if figures:
        add(figures[-1].source, "previous_figure")
        counts: dict[str, int] = {}
        for g in figures:
            counts[g.source.name.lower()] = counts.get(g.source.name.lower(), 0) + 1
        top = max(counts.items(), key=lambda item: item[1])[0]
        add(next(g.source for g in reversed(figures) if g.source.name.lower() == top),
            "most_credited")
        same_sentence = [g for g in figures if g.sentence_index == sentence_index]
        if same_sentence:
            add(same_sentence[-1].source, "same_sentence")
    indexed = [g for g in given if not g.figure]
    if indexed:
        add(indexed[-1].source, "indexed")
    if subject is not None:
        option = add(subject, "subject")
        option.actor, option.verb = actor
        option.sentence_distance = min(option.sentence_distance, 0)
        option.paragraph_distance = min(option.paragraph_distance, 0)
    if header is not None:
        add(header, "header")
    for option in options.values():
        mine = [g for g in given if g.source.name.lower() == option.key]
        if mine:
            last = mine[-1]
            option.sentence_distance = min(option.sentence_distance,
                                           sentence_index - last.sentence_index)
            option.paragraph_distance = min(option.paragraph_distance, paragraph - last.paragraph)
            option.cue = last.cue
            option.credited = sum(1 for g in mine if g.figure)
            option.interrupted = any(g.source.name.lower() != option.key for g in given
                                     if g.sentence_index > last.sentence_index)
        elif "header" in option.origins:
            option.sentence_distance, option.paragraph_distance = sentence_index, paragraph
    return list(options.values())


def header_source(doc: Doc | None) -> attribution.Credit | None:
    """The name a document opens with, when its first sentence names a body or its
    report ("NDMA Sitrep No. 14 (Khyber Pakhtunkhwa), 27 Jun 2026: ...", "Civil Defence
    bulletin, Rio Grande do Sul, ..."): the phrase of a report word among the first
    words that names its owner. A document that opens with a plain sentence ("The
    ministry said ...") has no header: its credits are the rules' to find."""
    if doc is None:
        return None
    for tok in doc[:12]:
        if tok.lower_.rstrip("s") in REPORT_WORDS and tok.i > doc[0].i:
            left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")]
            if left and any(t.pos_ == "PROPN" or t.text.isupper() for t in left for t in t.subtree):
                start = min(t.left_edge.i for t in left)
                span = doc[start:tok.i + 1]
                return attribution.Credit(mention=span.text, named=True, cue="header",
                                          start=span.start_char - doc[0].idx)
    return None


def heading_source(doc: Doc | None) -> attribution.Credit | None:
    """The issuer of a bulletin whose first line is a heading, not a sentence: a report
    word, the issuer's name right before it, then a colon with no verb before it ("NDMA
    Sitrep No. 14 (Khyber Pakhtunkhwa), 27 Jun 2026: flash floods ...", "Civil Defence
    bulletin, Rio Grande do Sul, 14 May 2026, 09:00: heavy rain ..."). The name must read
    as a body (an acronym or an organisation word), not a kind of report ("Flash Update").
    Every figure of such a bulletin that no rule credits is the issuer's: the rules credit
    it before the model is asked."""
    if doc is None:
        return None
    colon = next((t for t in doc if t.text == ":"), None)
    if colon is None or any(t.pos_ == "VERB" for t in doc[:colon.i - doc[0].i]):
        return None
    for tok in doc[:colon.i - doc[0].i]:
        if tok.lower_.rstrip("s") not in REPORT_WORDS:
            continue
        owner: list[Token] = []
        k = tok.i - 1
        while k >= doc[0].i and (doc[k].text[:1].isupper() or doc[k].lower_ in ("of", "for", "and")):
            owner.insert(0, doc[k])
            k -= 1
        while owner and owner[0].lower_ in ("of", "for", "and"):
            owner.pop(0)
        while owner and owner[-1].lower_ in _REPORT_KINDS:
            owner.pop()       # "UNHCR Flash Update": the issuer is UNHCR
        if owner and any((t.text.isupper() and len(t.text) > 1) or t.lower_ in _ISSUER_WORDS
                         for t in owner):
            start, end = owner[0].idx - doc[0].idx, owner[-1].idx + len(owner[-1].text) - doc[0].idx
            return attribution.Credit(mention=doc.text[start:end], named=True, cue="header",
                                      start=start, end=end)
        return None
    return None


# Words of a kind of report that stand between its issuer and the report word.
_REPORT_KINDS = {"flash", "situation", "daily", "weekly", "monthly", "rapid", "press", "news",
                 "status", "special", "emergency", "appeal", "information", "humanitarian"}

_ISSUER_WORDS = {*ORG_HEADS, "defence", "defense", "protection", "crescent", "cross", "authority",
                 "secretariat", "ocha", "unicef", "who"}


@dataclass
class Settings:
    """Process-wide switches: the model in use ("shipped", None for rules alone, or a
    CreditModel) and whether documents keep a trace of their options (training)."""

    model: Any = "shipped"
    trace: bool = False

    def active(self) -> CreditModel | None:
        if self.model == "shipped":
            return shipped_model()
        return self.model


settings = Settings()


def second_opinion(state: DocState, cand: Candidate, given: list[Given], uncredited: int, *,
                   resolve: Callable[[attribution.Credit, int], Source | None],
                   anaphoric: bool) -> tuple[attribution.Credit | None, Source | None]:
    """The model's pick among the sources a figure no rule credits could be, or no credit
    (``resolve`` turns a credit found at a text offset into its Source). With
    ``settings.trace`` the options and their features go to ``state.credit_trace``."""
    model = settings.active()
    if model is None and not settings.trace:
        return None, None
    doc = state.parses[cand.sentence.index]
    figure = cand.reading.figure
    assert figure is not None
    starts = [s.start for s in state.sentences]
    indexed = [Given(idx, state.sentences[idx].paragraph, src, "indexed", figure=False)
               for off, src in state.credits if off < cand.quantity.start
               for idx in (bisect_right(starts, off) - 1,)]
    earlier = sorted([*indexed, *given], key=lambda g: g.sentence_index)
    subject = subject_option(doc, figure)
    header = header_source(state.parses.get(0))
    verb = clauses.governing_verb(figure)
    options = gather(
        earlier, cand.sentence.index, cand.sentence.paragraph,
        subject=resolve(subject, cand.sentence.start + max(subject.start, 0)) if subject else None,
        actor=(subject.cue, verb.lemma_.lower() if verb is not None else "")
        if subject else ("", ""),
        header=resolve(header, max(header.start, 0)) if header else None)
    context = Context(
        sentence_index=cand.sentence.index, paragraph=cand.sentence.paragraph,
        sentences=len(state.sentences), paragraphs=state.sentences[-1].paragraph + 1,
        kind=cand.reading.kind,
        quoted=any(q.start <= cand.quantity.start < q.end for q in state.quotations),
        anaphoric=anaphoric, first_person=first_person(doc), names_in_sentence=proper_runs(doc),
        sourced_figures=sum(1 for g in given if g.figure), uncredited_figures=uncredited)
    if state.credit_trace is not None:
        state.credit_trace.append({
            "span": [cand.quantity.start, cand.quantity.end], "rule_source": None,
            "options": [{"source": o.source.to_dict(), "features": features(o, context)}
                        for o in options]})
    if model is None:
        return None, None
    chosen, _ = model.choose(options, context)
    if chosen is None:
        return None, None
    mention = chosen.source.mention or chosen.source.name
    return attribution.Credit(mention=mention, named=True, cue="model"), chosen.source
