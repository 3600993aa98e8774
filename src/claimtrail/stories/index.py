"""The blocking index of story assignment: which stored documents a new one may share a
story with, and their similarity, without a pass over the store.

When a document's features are stored, the index records

* the document frequencies of its terms and names (``story_vocabulary``) and running
  totals (document count, sum of word vectors), so TF-IDF weights and the vector
  centring need no pass over the store;
* its blocking keys (``story_blocks``): its rarest names and terms by TF-IDF weight,
  and the bands of a MinHash LSH over its terms and names (datasketch, as ingest's
  near-duplicate index), each with the publication day;
* its sentence sketches (also in ``story_blocks``) for copy detection.

A new document's candidates are the documents nearest in time (within a window) under
each of its keys; only stories holding a candidate that clears the joining bar can
take it (the mean similarity to a story's members is at most the best of them), and
those are scored against their members nearest in time. Every step reads a bounded
number of rows through an index, so assigning a document costs about the same in a
store of a thousand documents or of a hundred thousand.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from claimtrail.store import story_index as sql
from claimtrail.store.connection import Connection
from claimtrail.store.stories import StoryFeatures, load_features


@dataclass(frozen=True)
class BlockingSettings:
    entity_blocks: int = 40        # a document is indexed under its rarest names ...
    term_blocks: int = 40          # ... and terms (highest TF-IDF weight when stored)
    lsh_bands: int = 16            # MinHash LSH over terms and names: 16 bands of 4 rows
    lsh_rows: int = 4              # find documents of Jaccard ~0.5 and up
    lsh_seed: int = 11
    window_days: int = 400         # candidates within this many days either side
    per_block: int = 6             # a key's nearest documents in time, each side
    max_candidates: int = 240      # candidates scored, most shared keys first
    max_stories: int = 8           # stories scored, best candidate first
    story_members: int = 32        # average link over a story's members nearest in time
    sketch_hashes: int = 3         # smallest 8-gram hashes kept per long sentence
    copy_window_days: int = 3650   # copies are looked for this far back and ahead ...
    copy_per_sketch: int = 16      # ... among a sketch's nearest documents in time
    copy_candidates: int = 24      # documents compared sentence by sentence, most shared first


BLOCKING = BlockingSettings()


# --- keeping the index ------------------------------------------------------------------

def keys_of(feats: StoryFeatures) -> tuple[list[str], list[str]]:
    return [f"t:{k}" for k in feats.terms], [f"e:{k}" for k in feats.entities]


def index_documents(conn: Connection, computed: Sequence[StoryFeatures],
                    settings: BlockingSettings = BLOCKING) -> None:
    """Add the stored features ``computed`` to the index (inside the caller's
    transaction), those not in it yet. A store made before the index existed is indexed
    whole, once."""
    if not sql.has_totals(conn):
        count = conn.execute("SELECT COUNT(*) FROM story_features").fetchone()[0]
        if count > len(computed):
            reindex(conn, settings)
            return
    # features stored by an engine's step, or re-read on a rebuild, may be indexed already
    done = sql.indexed(conn, [f.document_id for f in computed])
    computed = [f for f in computed if f.document_id not in done]
    if not computed:
        return
    counts: Counter[str] = Counter()
    for f in computed:
        terms, ents = keys_of(f)
        counts.update(terms)
        counts.update(ents)
    sql.add_frequencies(conn, dict(counts))
    documents, vectors, total = sql.totals(conn)
    for f in computed:
        if f.vector is not None:
            total = f.vector.astype(np.float64) if total is None else total + f.vector
            vectors += 1
    sql.set_totals(conn, documents + len(computed), vectors, total)
    _add_blocks(conn, computed, documents + len(computed), settings)


# Stored features are read this many documents at a time.
INDEX_CHUNK = 500


def index_stored(conn: Connection, ids: Sequence[str],
                 settings: BlockingSettings = BLOCKING, chunk: int | None = None) -> None:
    """``index_documents`` of the stored features of ``ids`` (in this order), read
    ``chunk`` documents at a time, so memory does not grow with the batch: first the
    document frequencies and totals of them all, then (the blocking keys weigh a key by
    its frequency after the whole batch) each chunk's blocks. The same index as
    ``index_documents`` of them all at once."""
    if not sql.has_totals(conn):
        count = conn.execute("SELECT COUNT(*) FROM story_features").fetchone()[0]
        if count > len(ids):
            reindex(conn, settings)
            return
    chunk = chunk or INDEX_CHUNK
    done = sql.indexed(conn, list(ids))
    ids = [i for i in dict.fromkeys(ids) if i not in done]
    parts = [ids[k:k + chunk] for k in range(0, len(ids), chunk)]
    counts: Counter[str] = Counter()
    documents, vectors, total = sql.totals(conn)
    indexed = 0
    for part in parts:
        feats = load_features(conn, part, with_sentences=False)
        found = [feats[i] for i in part if i in feats]
        total, vectors = _tally(found, counts, total, vectors)
        indexed += len(found)
    if not indexed:
        return
    sql.add_frequencies(conn, dict(counts))
    sql.set_totals(conn, documents + indexed, vectors, total)
    for part in parts:
        feats = load_features(conn, part)
        _add_blocks(conn, [feats[i] for i in part if i in feats], documents + indexed,
                    settings)


def reindex(conn: Connection, settings: BlockingSettings = BLOCKING) -> None:
    """Rebuild the whole index from the stored features (a pass over the store, for a
    store made before the index existed)."""
    from claimtrail.store.stories import load_documents
    from claimtrail.stories.copies import credit_line
    from claimtrail.stories.features import day_number

    sql.clear(conn)
    ids = [r[0] for r in conn.execute("SELECT document_id FROM story_features")]
    batch: list[StoryFeatures] = []
    for start in range(0, len(ids), 1000):
        part = load_features(conn, ids[start:start + 1000])
        for doc in load_documents(conn, list(part)):
            f = part[doc.id]
            f.day = day_number(doc.published)
            credit = credit_line(doc)
            f.credit, f.credit_explicit = (credit[0], credit[1]) if credit else (None, False)
            conn.execute("UPDATE story_features SET day = ?, credit = ?, credit_explicit = ?"
                         " WHERE document_id = ?",
                         (f.day, f.credit, int(f.credit_explicit), f.document_id))
        batch += part.values()
    conn.execute("UPDATE story_members SET day = (SELECT f.day FROM story_features f"
                 " WHERE f.document_id = story_members.document_id)")
    counts: Counter[str] = Counter()
    total, vectors = _tally(batch, counts, None, 0)
    sql.add_frequencies(conn, dict(counts))
    sql.set_totals(conn, len(batch), vectors, total)
    _add_blocks(conn, batch, len(batch), settings)


def _tally(feats: Sequence[StoryFeatures], counts: Counter[str], total: np.ndarray | None,
           vectors: int) -> tuple[np.ndarray | None, int]:
    """Add the documents' keys to ``counts`` and their vectors to the running sum."""
    for f in feats:
        terms, ents = keys_of(f)
        counts.update(terms)
        counts.update(ents)
        if f.vector is not None:
            total = f.vector.astype(np.float64) if total is None else total + f.vector
            vectors += 1
    return total, vectors


def _add_blocks(conn: Connection, feats: Sequence[StoryFeatures], n_documents: int,
                settings: BlockingSettings) -> None:
    keys = {k for f in feats for k in (*keys_of(f)[0], *keys_of(f)[1])}
    df = sql.frequencies(conn, keys)
    rows: list[tuple[str, str, int | None]] = []
    for f in feats:
        rows.append((sql.INDEXED, f.document_id, f.day))
        rows += [(b, f.document_id, f.day) for b in blocking_keys(f, df, n_documents, settings)]
        rows += [(b, f.document_id, f.day) for b in sentence_sketches(f, settings)]
    sql.add_blocks(conn, rows)


def blocking_keys(feats: StoryFeatures, df: dict[str, int], n_documents: int,
                  settings: BlockingSettings = BLOCKING) -> list[str]:
    """The document's rarest names and terms (by TF-IDF weight) and its LSH bands."""
    out: list[str] = []
    for bag, prefix, limit in ((feats.entities, "e:", settings.entity_blocks),
                               (feats.terms, "t:", settings.term_blocks)):
        weighted = sorted(bag, key=lambda k: (-(1 + math.log(bag[k])) * math.log(
            (1 + n_documents) / (1 + df.get(prefix + k, 1))), k))
        out += [prefix + k for k in weighted[:limit]]
    return out + lsh_bands(feats, settings)


def sentence_sketches(feats: StoryFeatures, settings: BlockingSettings = BLOCKING) -> list[str]:
    """Per long sentence its smallest 8-gram hashes ('s:' keys): a sentence copied
    verbatim or nearly shares most of its 8-grams, so very likely one of these."""
    return sorted({f"s:{g}" for grams in feats.sentences for g in grams[:settings.sketch_hashes]})


def lsh_bands(feats: StoryFeatures, settings: BlockingSettings = BLOCKING) -> list[str]:
    """The document's MinHash LSH bands over its terms and names (datasketch's MinHash:
    made once per settings and copied, its SHA-1 key hashes remembered per key)."""
    terms, ents = keys_of(feats)
    if not terms and not ents:
        return []
    sketch = _empty_sketch(settings.lsh_bands * settings.lsh_rows, settings.lsh_seed).copy()
    sketch.update_batch([k.encode("utf-8") for k in (*terms, *ents)])
    values = np.asarray(sketch.hashvalues, dtype=np.uint64)
    r = settings.lsh_rows
    return [f"b{b}:" + hashlib.blake2b(values[b * r:(b + 1) * r].tobytes(),
                                       digest_size=8).hexdigest()
            for b in range(settings.lsh_bands)]


_EMPTY_SKETCHES: dict[tuple[int, int], Any] = {}
_KEY_HASHES: dict[bytes, int] = {}
# A document's keys recur across documents; at most this many key hashes are remembered.
KEY_HASH_CACHE = 200_000


def _empty_sketch(num_perm: int, seed: int) -> Any:
    """An empty MinHash (its permutations drawn once) hashing keys with ``_key_hash``."""
    sketch = _EMPTY_SKETCHES.get((num_perm, seed))
    if sketch is None:
        from datasketch import MinHash  # type: ignore[import-untyped]

        sketch = _EMPTY_SKETCHES[(num_perm, seed)] = MinHash(
            num_perm=num_perm, seed=seed, hashfunc=_key_hash)
    return sketch


def _key_hash(data: bytes) -> int:
    """datasketch's default ``sha1_hash32`` of a key, remembered."""
    value = _KEY_HASHES.get(data)
    if value is None:
        from datasketch.hashfunc import sha1_hash32  # type: ignore[import-untyped]

        if len(_KEY_HASHES) >= KEY_HASH_CACHE:
            _KEY_HASHES.clear()
        value = _KEY_HASHES[data] = sha1_hash32(data)
    return value


# --- similarity -------------------------------------------------------------------------

@dataclass
class Prepared:
    """A document's unit vectors in the three spaces, with this call's weights."""

    terms: tuple[np.ndarray, np.ndarray]      # (key ids, weights)
    entities: tuple[np.ndarray, np.ndarray]
    vector: np.ndarray                        # centred unit vector (zeros: none)
    day: int | None


class Space:
    """Similarities between documents with the store's current document frequencies
    and vector mean (fixed for one assignment call); documents are read on demand and
    kept for the call."""

    def __init__(self, conn: Connection, weights: tuple[float, float, float],
                 prior_documents: int, vector_floor: float) -> None:
        self.conn = conn
        self.n, n_vectors, total = sql.totals(conn)
        self.mean = (total / n_vectors).astype(np.float32) if total is not None and n_vectors \
            else None
        self.weights = weights
        self.prior = prior_documents
        self.floor = vector_floor
        self.key_ids: dict[str, int] = {}
        self.idf: list[float] = []
        self.docs: dict[str, Prepared] = {}
        self._scratch = np.zeros(0)       # zeros, as wide as the vocabulary seen
        self.dim = len(self.mean) if self.mean is not None else 1

    def prepare(self, feats: Iterable[StoryFeatures]) -> None:
        todo = [f for f in feats if f.document_id not in self.docs]
        unknown = {k for f in todo for part in keys_of(f) for k in part
                   if k not in self.key_ids}
        df = sql.frequencies(self.conn, unknown)
        for key in sorted(unknown):
            self.key_ids[key] = len(self.idf)
            self.idf.append(math.log((1 + self.n + self.prior) / (1 + df.get(key, 1))) + 1.0)
        idf = np.asarray(self.idf)
        for f in todo:
            terms, ents = keys_of(f)
            self.docs[f.document_id] = Prepared(
                terms=self._weights(terms, list(f.terms.values()), idf),
                entities=self._weights(ents, list(f.entities.values()), idf),
                vector=self._unit(f.vector), day=f.day)

    # At most about this many documents are kept prepared between ``trim`` calls (a
    # cache: a document prepared again is prepared the same).
    CACHE_DOCUMENTS = 10_000

    def trim(self) -> None:
        """Forget the documents prepared longest ago, past ``CACHE_DOCUMENTS``."""
        if len(self.docs) > self.CACHE_DOCUMENTS:
            for key in list(self.docs)[:len(self.docs) - self.CACHE_DOCUMENTS // 2]:
                del self.docs[key]

    def load(self, ids: Iterable[str]) -> None:
        missing = [i for i in dict.fromkeys(ids) if i not in self.docs]
        if missing:
            self.prepare(load_features(self.conn, missing, with_sentences=False).values())

    def _weights(self, keys: list[str], counts: list[float], idf: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
        if not keys:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        ids = np.fromiter((self.key_ids[k] for k in keys), dtype=np.int64, count=len(keys))
        weights = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * idf[ids]
        norm = float(np.linalg.norm(weights))
        return ids, (weights / norm if norm else weights)

    def _unit(self, vector: np.ndarray | None) -> np.ndarray:
        if vector is None or self.mean is None or vector.shape != self.mean.shape:
            return np.zeros(self.dim, dtype=np.float32)
        centred = vector - self.mean
        norm = float(np.linalg.norm(centred))
        return centred / norm if norm else centred

    def similarities(self, doc_id: str, others: Sequence[str]) -> np.ndarray:
        """Combined similarity of ``doc_id`` to each of ``others`` (all prepared)."""
        if not others:
            return np.zeros(0)
        me = self.docs[doc_id]
        rows = [self.docs[o] for o in others]
        width = len(self.idf)
        if len(self._scratch) < width:
            self._scratch = np.zeros(max(width, 2 * len(self._scratch)))
        w_terms, w_ents, w_vec = self.weights
        out = w_terms * _sparse_dots(me.terms, [r.terms for r in rows], width, self._scratch)
        out += w_ents * _sparse_dots(me.entities, [r.entities for r in rows], width,
                                     self._scratch)
        if w_vec:
            vecs = np.vstack([r.vector for r in rows]) @ me.vector
            out += w_vec * np.clip((vecs - self.floor) / (1 - self.floor), 0, 1)
        return out


def _sparse_dots(me: tuple[np.ndarray, np.ndarray],
                 rows: list[tuple[np.ndarray, np.ndarray]], width: int,
                 scratch: np.ndarray | None = None) -> np.ndarray:
    """The dot product of ``me`` with each row, sparse (key ids, weights) pairs below
    ``width``: the same sums, bit for bit, as a CSR matrix of the rows times ``me`` made
    dense (each row's products summed in entry order). ``scratch``: zeros at least
    ``width`` long, lent for the call and left zero (so no vector as wide as the
    vocabulary, which grows with the store, is made on every call)."""
    if not len(me[0]):
        return np.zeros(len(rows))
    lengths = np.fromiter((len(r[0]) for r in rows), dtype=np.int64, count=len(rows))
    if not lengths.sum():
        return np.zeros(len(rows))
    dense = np.zeros(width) if scratch is None else scratch
    dense[me[0]] = me[1]
    try:
        products = np.concatenate([r[1] for r in rows]) * \
            dense[np.concatenate([r[0] for r in rows])]
    finally:
        dense[me[0]] = 0.0
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    return np.bincount(owner, weights=products, minlength=len(rows))
