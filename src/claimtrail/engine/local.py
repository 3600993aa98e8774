"""The single-process engine: the per-document step in this process, batch by batch."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from claimtrail.engine.document import ProcessedDocument, Steps, process_documents
from claimtrail.models import Document


class LocalEngine:
    name = "local"

    def process(self, batches: Iterable[list[Document]], steps: Steps
                ) -> Iterator[list[ProcessedDocument]]:
        for batch in batches:
            yield list(process_documents(batch, steps))

    def close(self) -> None:
        return None
