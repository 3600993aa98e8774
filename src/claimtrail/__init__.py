"""claimtrail: a sourced ledger of every figure in a pile of news.

The public, library-first API. The CLI (``claimtrail.cli``) is a thin layer on top.

Data flows through these packages, in order:

    ingest     raw inputs (files, feeds, WARC, URLs) -> clean ``Document`` objects
    store      SQLite: documents, copies, ingest log, claims, stories (migrations recorded)
    extract    ``Document`` -> ``Claim`` objects (number grammar, kind, subject, source, time)
    stories    documents -> stories; copy graph and independent origins
    reconcile  claims of a story -> variables, timelines, conflicts, checks, estimates (ledger)
    web        dossier web app, API and exports
"""
from claimtrail.models import Claim, Document, IngestProblem, Source, TimeRef, Value

__version__ = "0.1.0"

__all__ = ["Claim", "Document", "IngestProblem", "Source", "TimeRef", "Value", "__version__"]
