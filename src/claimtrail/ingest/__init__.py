"""Ingest: raw inputs (files, folders, feeds, WARC archives, URLs) to clean documents.

    from claimtrail.ingest import iter_documents
    for item in iter_documents(["examples/kursk"]):
        ...   # a claimtrail.models.Document, or an IngestProblem for a bad input

Modules: ``detect`` (which format), ``decode`` (bytes to text), ``readers`` (one input to
raw items) with ``records`` (JSON/JSONL), ``feeds`` (RSS/Atom), ``warc`` and ``fetch``
(http); ``html`` (trafilatura), ``furniture`` and ``clean`` (web furniture, credit lines,
headlines), ``metadata`` (dates, outlets, languages, manifests) and ``pipeline``.
``dedup`` belongs to the store.
"""
from __future__ import annotations

from claimtrail.ingest.clean import CleanResult, clean_text
from claimtrail.ingest.html import HtmlResult, extract_html
from claimtrail.ingest.pipeline import count_inputs, iter_documents

__all__ = ["CleanResult", "HtmlResult", "clean_text", "count_inputs", "extract_html",
           "iter_documents"]
