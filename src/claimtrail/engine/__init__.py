"""Engines: where the per-input reading and the per-document step run.

Every engine maps ``ingest.pipeline.read_sources`` over the inputs (``read``: reading,
text extraction, normalisation) and ``engine.document.process_documents`` over batches
of clean documents (``process``), and hands the results back in input order; the
driver cleans against the furniture learnt across documents, numbers the documents
(``ingest.iter_documents``) and writes the results to the store (``claimtrail.pipeline``),
where deduplication against what is stored happens. So the engines share one per-input
and one per-document function and differ only in where they run:

* ``LocalEngine``: in this process, input after input and batch after batch;
* ``SparkEngine`` (``claimtrail[spark]``): on Spark executors, ``mapPartitions`` tasks,
  local mode (``local[2]``) by default or any ``--spark-master``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from claimtrail.config import ENGINES, IngestSettings
from claimtrail.engine.document import ProcessedDocument, Steps, process_document, process_documents
from claimtrail.engine.local import LocalEngine
from claimtrail.ingest.pipeline import Entry, Source
from claimtrail.models import Document

__all__ = ["ENGINES", "Engine", "LocalEngine", "ProcessedDocument", "Steps", "make_engine",
           "process_document", "process_documents"]

class Engine(Protocol):
    name: str

    def process(self, batches: Iterable[list[Document]], steps: Steps
                ) -> Iterator[list[ProcessedDocument]]:
        """``process_documents`` over each batch; one result list per batch, in order."""
        ...

    def read(self, sources: Iterable[Source], settings: IngestSettings
             ) -> Iterator[list[Entry]]:
        """``ingest.pipeline.read_sources`` over the inputs: one list of entries per
        source, in order (the first, per-input pass of ``iter_documents``)."""
        ...

    def close(self) -> None:
        """Release what the engine started (a Spark session it made)."""
        ...


def make_engine(name: str = "local", *, spark_master: str | None = None) -> Engine:
    """The engine called ``name`` (``local`` or ``spark``)."""
    if name == "local":
        return LocalEngine()
    if name == "spark":
        from claimtrail.engine.spark import SparkEngine

        return SparkEngine.start(master=spark_master)
    from claimtrail.errors import BadInput

    raise BadInput(f"unknown engine {name!r}", hint="use --engine local or --engine spark")
