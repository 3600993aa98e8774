"""The per-document step, shared by every engine: a clean Document -> what is stored of it.

``process_document`` (and ``process_documents``, the same step over a batch) computes
everything about one document that depends on that document alone:

* its stored form: the normalised content hash (exact copies share it) and its MinHash
  signature (near-copies are found with it);
* its claims (``claimtrail.extract``), or the extraction problem;
* its story features (``claimtrail.stories.features``), when stories are wanted.

Everything that depends on other documents, and so on order, is left to the driver
that writes the store (``claimtrail.pipeline``): whether the document is an exact copy
of one stored, which near-copies it links to, one spelling per source name. So an
engine only decides *where* this step runs (this process, Spark executors), never what
it computes, and the engines cannot drift apart.

The spaCy pipeline is loaded on first use and kept per process (``load_nlp`` is cached;
the story features read its tokenizer and vectors), so a Spark Python worker loads it
once and reuses it for every partition it is given; ``model_loads()`` counts the loads.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimtrail.config import DEDUP, DedupSettings
from claimtrail.ingest import dedup
from claimtrail.models import Document

if TYPE_CHECKING:
    from spacy.language import Language

    from claimtrail.extract.pipeline import DocResult
    from claimtrail.store.stories import StoryFeatures


@dataclass(frozen=True)
class Steps:
    """What the per-document step computes. Plain data: it is shipped to executors."""

    extract: bool = True                  # claims
    features: bool = True                 # story features (only needed when stories run)
    model: str | None = None              # spaCy pipeline name or path; None = config default
    dedup: DedupSettings = DEDUP


@dataclass
class ProcessedDocument:
    """One document after the per-document step; the driver stores it."""

    document: Document
    content_hash: str | None              # None: no words left after cleaning (not stored)
    signature: bytes | None               # serialised LeanMinHash; None with content_hash
    claims: DocResult | None = None       # None when extraction is off (or no words)
    features: StoryFeatures | None = None
    worker: int = field(default=0)        # pid of the process that computed it


log = logging.getLogger(__name__)

_LOADS: dict[str, int] = {}


def model_loads() -> dict[str, int]:
    """How many times this process loaded each spaCy pipeline, by model name
    ("default": config.SPACY_MODEL); 1 each, however many batches it processed."""
    return dict(_LOADS)


def warm_up(steps: Steps) -> None:
    """Load what ``steps`` need now (before forking workers that should inherit it).

    Besides the spaCy pipeline, the step is run once on a short made-up document, so
    that what the extractor and the story features load or compile on first use (the
    stories package and its imports, dateparser's time-zone patterns, the lexicons,
    compiled patterns) is in this process before it forks: each worker would otherwise
    pay it again (measured: about 0.8 s of CPU per worker on ukraine-news). The result
    of the warm-up is thrown away; every later document is computed as before.
    """
    if steps.extract or steps.features:
        _spacy(steps.model)
        list(process_documents([_WARM_UP], steps))


# What the warm-up runs: a figure, a source, a date and a title, so that every step's
# first-use loading happens.
_WARM_UP = Document("warm-up", "Officials in Kyiv said on Monday, 3 March 2025, that "
                    "about 11,000 North Korean troops had been sent to Kursk.",
                    title="Troops sent to Kursk", published="2025-03-04")


def process_document(document: Document, steps: Steps = Steps()) -> ProcessedDocument:
    """The per-document step for one document (see the module docstring)."""
    return next(process_documents([document], steps))


def process_documents(documents: Iterable[Document], steps: Steps = Steps()
                      ) -> Iterator[ProcessedDocument]:
    """``process_document`` for each of ``documents``, in order.

    The documents are taken together only so that spaCy parses their sentences in
    batches; what comes out for one document depends on that document alone.
    """
    batch = list(documents)
    forms = [_stored_form(doc, steps.dedup) for doc in batch]
    wordy = [doc for doc, (content_hash, _) in zip(batch, forms, strict=True) if content_hash]
    claims = _claims(wordy, steps) if steps.extract and wordy else {}
    features = _features(wordy, steps) if steps.features and wordy else {}
    pid = os.getpid()
    for doc, (content_hash, signature) in zip(batch, forms, strict=True):
        yield ProcessedDocument(doc, content_hash, signature, claims.get(id(doc)),
                                features.get(id(doc)), worker=pid)


def _stored_form(doc: Document, settings: DedupSettings) -> tuple[str | None, bytes | None]:
    normalised = dedup.normalise_text(doc.text or "")
    if not normalised:
        return None, None
    sig = dedup.signature(doc.text, settings, normalised=normalised)
    return (dedup.content_hash(doc.text, normalised=normalised),
            dedup.signature_to_bytes(sig))


def _claims(docs: list[Document], steps: Steps) -> dict[int, DocResult]:
    """Claims per document (keyed by object id: ids of documents may repeat in a batch).

    The extractor's own stream (``extract.pipeline.run``), not ``iter_claims``: that one
    also unifies source spellings across the stream, which depends on order and is the
    driver's job.
    """
    from claimtrail.extract.pipeline import _failed, run

    nlp = _spacy(steps.model)
    try:
        results = list(run(docs, nlp, n_process=1))
    except Exception:  # noqa: BLE001 - the extractor stopped on the batch: one at a time
        results = []
        for doc in docs:
            try:
                results += run([doc], nlp, n_process=1)
            except Exception as exc:  # noqa: BLE001 - this one is reported, the rest go on
                results.append(_failed(doc, exc))
    return {id(doc): result for doc, result in zip(docs, results, strict=True)}


def _features(docs: list[Document], steps: Steps) -> dict[int, StoryFeatures]:
    """Story features per document: the stories' own per-document function, on the
    pipeline extraction loaded (its tokenizer and static vectors)."""
    from claimtrail.stories.features import document_features

    nlp = _spacy(steps.model)
    found: dict[int, StoryFeatures] = {}
    for doc in docs:
        try:
            found[id(doc)] = document_features(doc, nlp)
        except Exception:  # noqa: BLE001 - left to story assignment, which retries it
            log.exception("story features failed on %s", doc.id)
    return found


def _spacy(model: str | None) -> Language:
    """The spaCy pipeline ``model`` (default: config), loaded once per process."""
    from claimtrail.extract.nlp import load_nlp

    before = _cached(load_nlp)
    nlp = load_nlp(model)
    if _cached(load_nlp) > before:
        _LOADS[model or "default"] = _LOADS.get(model or "default", 0) + 1
    return nlp


def _cached(loader: object) -> int:
    """How many pipelines an lru_cached loader holds (0 when it is not cached)."""
    info = getattr(loader, "cache_info", None)
    return int(info().currsize) if callable(info) else 0
