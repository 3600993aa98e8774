"""Engines: where the per-document step runs.

Every engine maps ``engine.document.process_documents`` over batches of clean documents
and hands the results back in input order; the pipeline (``claimtrail.pipeline``) then
writes them to the store on the driver, where deduplication against what is stored
happens. So the engines share one per-document function and differ only in where it
runs:

* ``LocalEngine``: in this process, batch after batch;
* ``SparkEngine`` (``claimtrail[spark]``): on Spark executors, one ``mapPartitions``
  task per batch, local mode (``local[2]``) by default or any ``--spark-master``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from claimtrail.config import ENGINES
from claimtrail.engine.document import ProcessedDocument, Steps, process_document, process_documents
from claimtrail.engine.local import LocalEngine
from claimtrail.models import Document

__all__ = ["ENGINES", "Engine", "LocalEngine", "ProcessedDocument", "Steps", "make_engine",
           "process_document", "process_documents"]

class Engine(Protocol):
    name: str

    def process(self, batches: Iterable[list[Document]], steps: Steps
                ) -> Iterator[list[ProcessedDocument]]:
        """``process_documents`` over each batch; one result list per batch, in order."""
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
