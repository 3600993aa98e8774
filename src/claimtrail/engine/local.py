"""The single-machine engine: the per-document step in this process, or in forked workers.

With ``workers`` > 1 (``config.WORKERS``, ``CLAIMTRAIL_WORKERS``) the spaCy pipeline is
loaded here first and the workers are forked from this process, so they inherit it
(copy-on-write, no reload); each batch goes to a worker whole and the results are
yielded in input order. At most ``window`` batches per worker are in flight, and the
batches are taken from the input in this thread only, so an endless stream stays an
endless stream and the store is touched by one thread.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from claimtrail.config import WORKERS, IngestSettings
from claimtrail.engine.document import ProcessedDocument, Steps, process_documents, warm_up
from claimtrail.ingest.pipeline import Entry, Source, read_sources
from claimtrail.models import Document

_WORKER_STEPS: Steps | None = None      # set in the parent before forking


def _work(batch: list[Document]) -> list[ProcessedDocument]:
    assert _WORKER_STEPS is not None
    return list(process_documents(batch, _WORKER_STEPS))


class LocalEngine:
    name = "local"

    def __init__(self, workers: int = WORKERS, window: int = 2) -> None:
        self.workers = workers if "fork" in mp.get_all_start_methods() else 1
        self.window = window

    def process(self, batches: Iterable[list[Document]], steps: Steps
                ) -> Iterator[list[ProcessedDocument]]:
        if self.workers <= 1:
            for batch in batches:
                yield list(process_documents(batch, steps))
            return
        yield from self._forked(iter(batches), steps)

    def read(self, sources: Iterable[Source], settings: IngestSettings
             ) -> Iterator[list[Entry]]:
        """The inputs read here, one after another, as they are asked for."""
        return read_sources(sources, settings)

    def _forked(self, stream: Iterator[list[Document]], steps: Steps
                ) -> Iterator[list[ProcessedDocument]]:
        global _WORKER_STEPS
        warm_up(steps)          # before forking: the workers inherit the loaded pipeline
        _WORKER_STEPS = steps
        with mp.get_context("fork").Pool(self.workers) as pool:
            pending: deque[AsyncResult[list[ProcessedDocument]]] = deque()
            for batch in stream:
                pending.append(pool.apply_async(_work, (batch,)))
                while len(pending) >= self.window * self.workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()

    def close(self) -> None:
        return None
