"""What clustering and copy detection need of a document, computed once and stored.

* terms: content words (title words weighted x3, since a headline names the event);
* entities: the names it mentions (people, places, bodies, events: stories/names.py);
* vector: the mean en_core_web_md word vector (topic similarity beyond shared words);
* sentences: for each long sentence, the hashes of its word 8-grams, so a copied or
  lightly edited sentence is found in another document (copy detection);
* day: the publication date as a day number, for the time window of the blocking.

``document_features(document)`` is the one per-document function (any engine calls it
where the document is: a forked worker, a Spark executor); ``compute_features`` runs it
over many documents, on several processes when there are enough of them.

Cost: the tokenizer and the static vectors only, of the pipeline extraction already
loaded (``extract.nlp.load_nlp``: one model in memory, the same tokens). Entities used
to come from a second neural pass, en_core_web_md's entity recogniser over every lead:
17 s of CPU for the 406 ukraine-news documents, more than the whole extraction. Runs of
capitalised words give the names at about 2 ms a document (benchmarks/stories_bench.py
--features compares both).
"""
from __future__ import annotations

import multiprocessing as mp
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

import numpy as np

from claimtrail.store.connection import Connection
from claimtrail.store.stories import DocumentRow, StoryFeatures, save_features
from claimtrail.stories.names import find_names, normalise_name

TITLE_WEIGHT = 3
# The lead carries the event; the tail is background. A shorter lead changes the
# stories (with the entity recogniser, 3,000 characters agreed with 6,000 at an adjusted
# Rand index of only 0.77), so the lead stays as it was.
MAX_CHARS = 6000
LONG_SENTENCE_WORDS = 14         # shorter sentences recur by chance ("Russia invaded Ukraine.")
SHINGLE_WORDS = 8
# Below this many documents the worker start-up costs more than it saves.
PARALLEL_MIN_DOCUMENTS = 64
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[“\"A-Z0-9])|\n+")


class FeatureSource(Protocol):
    """What a document must offer (a stored DocumentRow, or an ingest Document)."""

    id: str
    title: str | None
    text: str
    published: str | None
    origin: str | None


def nlp() -> Any:
    """The spaCy pipeline extraction uses (loaded once per process); only its tokenizer
    and its static vectors are used here."""
    from claimtrail.extract.nlp import load_nlp

    return load_nlp()


def document_title(doc: DocumentRow) -> str | None:
    """The stored title, unless it is really a paragraph (a text file's first line)."""
    title = (doc.title or "").strip()
    if not title or len(title) > 200 or len(title.split()) > 30:
        return None
    return title


def document_features(doc: FeatureSource, pipeline: Any = None,
                      max_chars: int = MAX_CHARS) -> StoryFeatures:
    """The story features of one document (a pure function of its text, title and date)."""
    pipeline = pipeline if pipeline is not None else nlp()
    body = pipeline.make_doc(lead(doc.text or "", max_chars))
    title = pipeline.make_doc(document_title(doc) or "")
    terms: Counter[str] = Counter()
    for tok in body:
        if _is_term(tok):
            terms[tok.lower_] += 1
    for tok in title:
        if _is_term(tok):
            terms[tok.lower_] += TITLE_WEIGHT
    from claimtrail.stories.copies import credit_line   # copies reads these features

    credit = credit_line(doc)
    return StoryFeatures(
        document_id=doc.id, terms=dict(terms), entities=find_names(body, title),
        vector=mean_vector(body), sentences=sentence_shingles(doc.text or ""),
        day=day_number(doc.published), credit=credit[0] if credit else None,
        credit_explicit=bool(credit and credit[1]))


def compute_features(docs: Sequence[FeatureSource], *, n_process: int | None = None,
                     max_chars: int = MAX_CHARS) -> list[StoryFeatures]:
    """``document_features`` of each document, in order; on ``n_process`` forked
    workers (which inherit the loaded pipeline) when there are enough documents."""
    from claimtrail.config import WORKERS

    pipeline = nlp()
    n_process = WORKERS if n_process is None else n_process
    if n_process > 1 and len(docs) >= PARALLEL_MIN_DOCUMENTS and \
            "fork" in mp.get_all_start_methods():
        global _WORKER_PIPELINE
        _WORKER_PIPELINE = pipeline
        chunk = max(8, len(docs) // (n_process * 4))
        batches = [list(docs[i:i + chunk]) for i in range(0, len(docs), chunk)]
        with mp.get_context("fork").Pool(n_process) as pool:
            return [f for part in pool.map(_features_of, batches) for f in part]
    return [document_features(d, pipeline, max_chars) for d in docs]


_WORKER_PIPELINE: Any = None


def _features_of(batch: list[FeatureSource]) -> list[StoryFeatures]:
    return [document_features(d, _WORKER_PIPELINE) for d in batch]


def day_number(published: str | None) -> int | None:
    """The publication day as a proleptic ordinal (None when unknown or unreadable)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def mean_vector(doc: Any) -> np.ndarray | None:
    """``doc.vector`` (the mean of the tokens' static vectors, zeros for unknown words)
    in one array lookup; spaCy's own sums token by token in Python (measured 5x slower,
    same values). None when no token has a vector."""
    vectors = doc.vocab.vectors
    if not len(doc) or vectors.size == 0:
        return None
    rows = vectors.find(keys=doc.to_array("ORTH").astype("uint64"))
    found = rows[rows >= 0]
    if not len(found):
        return None
    mean = np.asarray(vectors.data[found], dtype=np.float32).sum(axis=0) / len(doc)
    return mean if float(np.linalg.norm(mean)) else None


def lead(text: str, chars: int) -> str:
    """The first ``chars`` characters, cut at a space so that no name is halved (a cut
    "natio" was read as an entity)."""
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", chars // 2, chars)
    return text[:cut if cut > 0 else chars]


def _is_term(tok: Any) -> bool:
    return bool(tok.is_alpha and not tok.is_stop and len(tok.text) > 2)


normalise_entity = normalise_name


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def sentence_words(sentence: str) -> list[str]:
    return _WORD.findall(sentence.lower().replace("’", "'"))


def sentence_shingles(text: str) -> list[list[int]]:
    """Per long sentence, its word 8-gram hashes (crc32: stable across runs)."""
    out = []
    for sentence in split_sentences(text):
        words = sentence_words(sentence)
        if len(words) < LONG_SENTENCE_WORDS:
            continue
        grams = {" ".join(words[i:i + SHINGLE_WORDS])
                 for i in range(len(words) - SHINGLE_WORDS + 1)}
        out.append(sorted(zlib.crc32(g.encode()) for g in grams))
    return out


# Documents without features are read this many at a time.
FEATURE_CHUNK = 500


def ensure_stored_features(conn: Connection, ids: Sequence[str],
                           chunk: int | None = None) -> None:
    """Compute and store the features of those of ``ids`` that have none (an engine's
    per-document step stores them while ingesting; documents stored without them get
    them here), ``chunk`` documents at a time."""
    from claimtrail.store.stories import feature_days, load_documents

    ids = list(dict.fromkeys(ids))
    chunk = chunk or FEATURE_CHUNK
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        have = feature_days(conn, part)
        missing = [i for i in part if i not in have]
        if missing:
            for feats in compute_features(load_documents(conn, missing)):
                save_features(conn, feats)
