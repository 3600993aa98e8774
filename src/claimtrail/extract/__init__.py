"""Claim extraction: every quantitative claim of a document, sourced and dated.

    nlp = load_nlp()                         # once; any installed spaCy pipeline
    claims = extract_claims(document, nlp)   # one document
    for result in iter_claims(documents, nlp, n_process=2):   # a stream
        result.document, result.claims, result.problem
    extract_and_store(conn, document_ids)    # the ingest hook: read, extract, store

The steps and what each reads and sets are listed by ``pipeline.describe()``.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from claimtrail.errors import ClaimtrailError
from claimtrail.extract.sources import SourceNames
from claimtrail.models import Claim, Document
from claimtrail.store.connection import Connection

if TYPE_CHECKING:
    from spacy.language import Language

    from claimtrail.extract.nlp import load_nlp
    from claimtrail.extract.pipeline import EXTRACTOR_VERSION, DocResult

# spaCy takes ~0.6 s to import; the pure modules of this package (the number grammar,
# the lexicons) must not pay for it, so what needs spaCy is imported on first use.
_LAZY = {"load_nlp": "claimtrail.extract.nlp", "DocResult": "claimtrail.extract.pipeline",
         "EXTRACTOR_VERSION": "claimtrail.extract.pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _run(*args: Any, **kwargs: Any) -> Iterator[DocResult]:
    from claimtrail.extract.pipeline import run

    return run(*args, **kwargs)


def _load_nlp() -> Language:
    from claimtrail.extract.nlp import load_nlp

    return load_nlp()

__all__ = [
    "EXTRACTOR_VERSION",
    "DocResult",
    "extract_and_store",
    "extract_claims",
    "iter_claims",
    "load_nlp",
]


def extract_claims(doc: Document, nlp: Language | None = None, *,
                   with_derived: bool = True) -> list[Claim]:
    """The claims of one document, in text order."""
    results = list(_one_spelling(_run([doc], nlp or _load_nlp(), n_process=1,
                                     with_derived=with_derived)))
    result = results[0]
    if result.problem is not None:
        raise ClaimtrailError(result.problem.reason, input=result.problem.input,
                              code="extract_failed")
    return result.claims


def iter_claims(docs: Iterable[Document], nlp: Language | None = None, *, n_process: int = 1,
                batch_size: int = 64, with_derived: bool = True) -> Iterator[DocResult]:
    """One DocResult per document, in order; a failing document yields a result with
    ``problem`` set and the stream goes on. With ``n_process`` > 1 whole documents go
    to forked workers (extract/parallel.py); where fork is unavailable spaCy's own
    multiprocessing parses instead."""
    nlp = nlp or _load_nlp()
    if n_process > 1:
        from claimtrail.extract.parallel import can_fork, run_parallel

        if can_fork():
            yield from _one_spelling(run_parallel(docs, nlp, n_process=n_process,
                                                  with_derived=with_derived))
            return
    yield from _one_spelling(_run(docs, nlp, n_process=n_process, batch_size=batch_size,
                                 with_derived=with_derived))


def _one_spelling(results: Iterable[DocResult]) -> Iterator[DocResult]:
    """Source names spelled one way across the whole stream (see ``SourceNames``);
    done here, in the parent, because forked workers see only their own documents."""
    names = SourceNames()
    for result in results:
        for claim in result.claims:
            names.apply(claim.source)
        yield result


def extract_and_store(conn: Connection, document_ids: Sequence[str], *,
                      nlp: Language | None = None, n_process: int = 1) -> int:
    """Extract the stored documents ``document_ids`` and store their claims, one
    transaction per document; a document already extracted by this version is
    skipped. Returns the number of claims stored."""
    from claimtrail.extract.lexicon import normalise_name
    from claimtrail.extract.pipeline import EXTRACTOR_VERSION
    from claimtrail.store.claims import already_extracted, load_documents, store_claims

    done = already_extracted(conn, document_ids, EXTRACTOR_VERSION)
    todo = [d for d in document_ids if d not in done]
    if not todo:
        return 0
    stored = 0
    for result in iter_claims(load_documents(conn, todo), nlp, n_process=n_process):
        stored += store_claims(conn, result, extractor=EXTRACTOR_VERSION,
                               name_key=normalise_name)
    return stored
