"""Extraction over several processes: whole documents per worker.

spaCy's own ``nlp.pipe(n_process=N)`` only parallelises the parse; the grammar, the
sentence selection and the claim steps would stay in the parent, and each worker
unpickles the model first. Here each forked worker inherits the already loaded pipeline
(copy-on-write, no reload) and runs the entire pipeline on small batches of documents;
the parent only hands out batches and yields results in input order. At most
``window`` batches are in flight, so an endless stream stays an endless stream.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from spacy.language import Language

from claimtrail.extract.pipeline import DocResult, _failed, run
from claimtrail.models import Document

_WORKER_NLP: Language | None = None        # set in the parent before forking
_WORKER_DERIVED = True


def _work(batch: list[Document]) -> list[DocResult]:
    assert _WORKER_NLP is not None
    try:
        return list(run(batch, _WORKER_NLP, n_process=1, with_derived=_WORKER_DERIVED))
    except Exception as exc:  # noqa: BLE001 - a broken batch is reported per document
        return [_failed(doc, exc) for doc in batch]


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def run_parallel(documents: Iterable[Document], nlp: Language, *, n_process: int,
                 batch_docs: int = 8, window: int = 4,
                 with_derived: bool = True) -> Iterator[DocResult]:
    """Like ``pipeline.run``, on ``n_process`` forked workers."""
    global _WORKER_NLP, _WORKER_DERIVED
    _WORKER_NLP, _WORKER_DERIVED = nlp, with_derived
    ctx = mp.get_context("fork")
    stream = iter(documents)
    with ctx.Pool(n_process) as pool:
        pending: deque[tuple[list[Document], AsyncResult[list[DocResult]]]] = deque()
        while True:
            while len(pending) < window * n_process:
                batch = list(islice(stream, batch_docs))
                if not batch:
                    break
                pending.append((batch, pool.apply_async(_work, (batch,))))
            if not pending:
                return
            batch, result = pending.popleft()
            try:
                yield from result.get()
            except Exception as exc:  # noqa: BLE001 - a worker died (killed, out of memory)
                yield from (_failed(doc, exc) for doc in batch)
