"""Incremental, time-aware story clustering.

Each new document, in published order, joins the existing story it is most similar to
(if that similarity clears a threshold that rises with the time gap) or founds a new
story. Similarity to a story is the mean (average link) of the similarity to its
members, a weighted sum of cosines in three spaces:

* TF-IDF of content words (title words weighted up),
* TF-IDF of names (stories/names.py),
* the mean en_core_web_md word vector, centred on the store's mean (rescaled, since
  any two news texts are close).

Only stories that can take the document are scored: its candidates come from the
blocking index (stories/index.py: rare names and terms, MinHash LSH, a time window),
and a story is scored against its members nearest in time. So a document costs about
the same whatever the size of the store. Documents the user placed (``method =
'user'``) are never moved, and a story whose title the user chose keeps it.
"""
from __future__ import annotations

import math
import multiprocessing as mp
import re
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from claimtrail.store import atomic
from claimtrail.store import stories as store
from claimtrail.store import story_index as index_sql
from claimtrail.store.connection import Connection
from claimtrail.store.stories import DocumentRow, StoryFeatures
from claimtrail.stories.copies import SharedSentences, link_copies
from claimtrail.stories.features import document_title, ensure_stored_features
from claimtrail.stories.index import BLOCKING, BlockingSettings, Space, index_stored


@dataclass(frozen=True)
class ClusterSettings:
    term_weight: float = 0.45
    entity_weight: float = 0.35
    vector_weight: float = 0.20
    vector_floor: float = 0.0         # centred word-vector cosine below this counts as 0
    threshold: float = 0.22           # combined similarity to join a story at gap 0
    window_days: float = 10.0         # a gap up to this costs nothing
    gap_penalty: float = 0.04         # threshold rise per doubling of the gap beyond it
    # A small store cannot tell common words from telling ones, nor what a "typical"
    # document vector is: IDF gets this many pseudo-documents that contain no term, and
    # the vector signal only counts fully from this many documents on.
    prior_documents: int = 30
    vector_min_documents: int = 100
    # Candidates from the blocking index; False scores every story (the exhaustive pass
    # the index replaces: for tests and benchmarks that check what blocking misses).
    blocking: bool = True
    # A title is worked out from the story's latest documents and, for the entities
    # rare in the store, this many stored documents around them.
    title_documents: int = 200
    title_store_sample: int = 500


CLUSTER = ClusterSettings()


def assign_stories(conn: Connection, document_ids: list[str] | None = None,
                   settings: ClusterSettings = CLUSTER,
                   blocking: BlockingSettings = BLOCKING) -> dict[str, int]:
    """Put each unassigned document (of ``document_ids``, or all) into a story.

    Returns {document_id: story_id} for the documents placed now. Idempotent: an
    assigned document stays where it is.
    """
    if document_ids is None:
        document_ids = [r[0] for r in conn.execute(
            "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM story_members)")]
    assigned = index_sql.stories_of(conn, document_ids)
    order = index_sql.document_order(conn, [i for i in document_ids if i not in assigned])
    # published order (unknown dates last), then ingest order; only ids, days and the
    # features of a chunk at a time are held, so memory does not grow with the batch
    ids = sorted(order, key=order.__getitem__)
    if not ids:
        return {}
    with atomic(conn):
        ensure_stored_features(conn, ids)
        index_stored(conn, ids, blocking)
    # The index is committed (a run killed from here on finds the documents indexed and
    # places them). The copies' shared sentences depend on the index alone, not on the
    # stories, so a second process looks for them while this one places the documents.
    days = store.feature_days(conn, ids)
    with _meanwhile(conn, ids, [days[i] for i in ids], settings,
                    blocking) as (shared, lookups):
        with atomic(conn):
            placed = _place(conn, ids, settings, blocking, lookups)
            titles = _TitleFeatures(conn, settings)
            for story_id in sorted(set(placed.values())):
                refresh_title(conn, story_id, titles)
        # the copy graph follows the stories: linked as the shared sentences come in
        link_copies(conn, ids, shared=shared())
    return placed


# Below this many new documents the second process costs more than it saves.
PARALLEL_COPIES_MIN_DOCUMENTS = 64
# The blocking lookups of this many documents are one task of a second process ...
LOOKUP_CHUNK = 24
# ... and the shared sentences of this many.
SHARED_CHUNK = 200

# A document's blocking neighbours: {other document: how many of its keys found it}.
Lookup = dict[str, int]


@contextmanager
def _meanwhile(conn: Connection, ids: list[str], days: list[int | None],
               settings: ClusterSettings, blocking: BlockingSettings
               ) -> Iterator[tuple[Callable[[], Iterator[SharedSentences] | None],
                               Iterator[Lookup] | None]]:
    """Start, in two forked processes (each with its own connection to the store), what
    depends on the committed index alone and not on the stories: the copies' shared
    sentences (``SHARED_CHUNK`` documents a task), and each document's blocking lookups
    (the neighbours under its keys; the index does not change while the documents are
    placed). Yields a callable that gives the shared sentences, part after part as they
    come (None: not looked for, ``link_copies`` finds them itself), and an iterator of
    the lookups of ``ids`` in order (None: looked up in place)."""
    from claimtrail.config import WORKERS

    if WORKERS < 2 or len(ids) < PARALLEL_COPIES_MIN_DOCUMENTS or \
            "fork" not in mp.get_all_start_methods():
        yield (lambda: None), None
        return
    with ProcessPoolExecutor(2, mp_context=mp.get_context("fork")) as pool:
        # the lookups first, on both processes: the placement waits for them in order,
        # while the shared sentences are only needed once the documents are placed
        chunks = [pool.submit(_lookups, conn.target, ids[i:i + LOOKUP_CHUNK],
                              days[i:i + LOOKUP_CHUNK], settings.blocking, blocking)
                  for i in range(0, len(ids), LOOKUP_CHUNK)] if settings.blocking else []
        # the shared sentences in chunks too, so that both processes look for them
        shared = [pool.submit(_find_shared_sentences, conn.target, ids[i:i + SHARED_CHUNK])
                  for i in range(0, len(ids), SHARED_CHUNK)]

        def lookups() -> Iterator[Lookup]:
            # each chunk is let go once read: the lookups are not held for the batch
            waiting = deque(chunks)
            chunks.clear()
            while waiting:
                yield from waiting.popleft().result()

        def found() -> Iterator[SharedSentences]:
            # in order, each let go once read (the copy links are made part by part)
            waiting = deque(shared)
            shared.clear()
            while waiting:
                yield waiting.popleft().result()
        yield found, (lookups() if chunks else None)


_WORKER_CONNECTIONS: dict[str, Connection] = {}


def _worker_connection(target: str) -> Connection:
    """A pool process's connection to the store (one per process, kept for its later
    tasks)."""
    from claimtrail.store import connect

    conn = _WORKER_CONNECTIONS.get(target)
    if conn is None:
        conn = _WORKER_CONNECTIONS[target] = connect(target)
    return conn


def _lookups(target: str, ids: list[str], days: list[int | None], use_blocking: bool,
             blocking: BlockingSettings) -> list[Lookup]:
    """``_block_lookup`` of each of ``ids`` (in a pool process)."""
    conn = _worker_connection(target)
    return [_block_lookup(conn, doc_id, day, blocking)
            for doc_id, day in zip(ids, days, strict=True)]


def _block_lookup(conn: Connection, doc_id: str, day: int | None,
                  blocking: BlockingSettings) -> Lookup:
    """The documents found under ``doc_id``'s blocking keys, with how many keys found
    each (the document itself left out)."""
    return dict(Counter(other for other in index_sql.block_neighbours(
        conn, index_sql.blocks_of(conn, doc_id), day, blocking.window_days,
        blocking.per_block) if other != doc_id))


def _find_shared_sentences(target: str, ids: list[str]) -> SharedSentences:
    from claimtrail.stories.copies import find_shared_sentences

    return find_shared_sentences(_worker_connection(target), ids)


def required_similarity(gap: float | None, settings: ClusterSettings = CLUSTER) -> float:
    """The bar a document must clear to join a story whose nearest member is ``gap`` days
    away: flat inside the window, then rising with the log of the gap (a developing
    story may resume after months, but only with a clearly matching report)."""
    if gap is None or gap <= settings.window_days:
        return settings.threshold
    return settings.threshold + settings.gap_penalty * math.log2(gap / settings.window_days)


def _weights(n_documents: int, settings: ClusterSettings) -> tuple[float, float, float]:
    trust = min(1.0, n_documents / settings.vector_min_documents)
    vector_weight = settings.vector_weight * trust
    scale = 1.0 / (settings.term_weight + settings.entity_weight + vector_weight)
    return (settings.term_weight * scale, settings.entity_weight * scale,
            vector_weight * scale)


# Documents are placed this many at a time (their features read together).
PLACE_CHUNK = 500


def _place(conn: Connection, ids: list[str], settings: ClusterSettings,
           blocking: BlockingSettings, lookups: Iterator[Lookup] | None = None
           ) -> dict[str, int]:
    n_documents = index_sql.totals(conn)[0]
    space = Space(conn, _weights(n_documents, settings), settings.prior_documents,
                  settings.vector_floor)
    placed: dict[str, int] = {}
    for k, doc_id in enumerate(ids):
        if doc_id not in space.docs:
            space.trim()                  # the cache stays bounded, this chunk loaded
            space.load(ids[k:k + PLACE_CHUNK])
        day = space.docs[doc_id].day
        found = next(lookups) if lookups is not None else None
        candidates = _candidate_stories(conn, space, doc_id, day, settings, blocking, found)
        best_story, best_margin, best_score = None, 0.0, 0.0
        for story_id in candidates:
            members = index_sql.members_near(conn, story_id, day, blocking.story_members)
            others = [m for m, _ in members if m != doc_id]
            if not others:
                continue
            space.load(others)
            score = float(space.similarities(doc_id, others).mean())
            gaps = [abs(day - d) for _, d in members if d is not None] if day is not None \
                else []
            margin = score - required_similarity(float(min(gaps)) if gaps else None, settings)
            if margin >= 0 and (best_story is None or margin > best_margin):
                best_story, best_margin, best_score = story_id, margin, score
        if best_story is None:
            best_story = store.create_story(conn)
            store.set_member(conn, doc_id, best_story, None)
        else:
            store.set_member(conn, doc_id, best_story, round(best_score, 4))
            store.touch(conn, best_story)
        placed[doc_id] = best_story
    return placed


def _candidate_stories(conn: Connection, space: Space, doc_id: str, day: int | None,
                       settings: ClusterSettings, blocking: BlockingSettings,
                       found: Lookup | None = None) -> list[int]:
    """Stories holding a document similar enough to ``doc_id`` that the story might
    take it, best first: the mean over a story's members cannot clear the bar (never
    below ``threshold``) unless one member does. ``found``: the document's blocking
    lookup, when it was made beforehand."""
    if settings.blocking:
        hits = found if found is not None else _block_lookup(conn, doc_id, day, blocking)
        story_of = index_sql.stories_of(conn, list(hits))
        ranked = sorted((o for o in hits if o in story_of), key=lambda o: (-hits[o], o))
        others = ranked[:blocking.max_candidates]
    else:
        story_of = {r[0]: int(r[1]) for r in conn.execute(
            "SELECT document_id, story_id FROM story_members")}
        others = [o for o in story_of if o != doc_id]
    if not others:
        return []
    space.load(others)
    sims = space.similarities(doc_id, others)
    best: dict[int, float] = {}
    for other, sim in zip(others, sims, strict=True):
        if sim >= settings.threshold:
            story = story_of[other]
            best[story] = max(best.get(story, 0.0), float(sim))
    ranked_stories = sorted(best, key=lambda s: (-best[s], s))
    return ranked_stories if not settings.blocking else ranked_stories[:blocking.max_stories]


def _tfidf(bags: list[dict[str, float]], prior_documents: int = 0) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows (sublinear tf, smooth idf) of term-count dictionaries;
    ``prior_documents`` pseudo-documents without any term temper IDF in a small store.

    Built on scipy.sparse directly: scikit-learn's DictVectorizer and normalize did the
    same (columns in sorted term order) but importing scikit-learn cost 0.5 to 1 s of
    every ingest's serial start."""
    column = {term: k for k, term in enumerate(sorted({t for bag in bags for t in bag}))}
    if not column:
        return sparse.csr_matrix((len(bags), 1))
    indptr, indices, values = [0], [], []
    for bag in bags:
        for k, count in sorted((column[t], c) for t, c in bag.items()):
            indices.append(k)
            values.append(count)
        indptr.append(len(indices))
    counts = sparse.csr_matrix((np.asarray(values, dtype=np.float64),
                                np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
                               shape=(len(bags), len(column)))
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + n + prior_documents) / (1 + df)) + 1.0
    counts.data = 1.0 + np.log(counts.data)
    weighted = (counts @ sparse.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted)


# --- titles ----------------------------------------------------------------------

def refresh_title(conn: Connection, story_id: int,
                  feats: Mapping[str, StoryFeatures] | None = None) -> str | None:
    """Recompute an automatic title: the most central document's title, or its lead
    sentence when untitled (the entities only for a story with no text at all). A title
    the user set is kept."""
    row = store.get_story(conn, story_id)
    if row["title_source"] == "user":
        return str(row["title"])
    ids = store.story_documents(conn, story_id)
    if not ids:
        return None
    view = feats if isinstance(feats, _TitleFeatures) else _TitleFeatures(conn, CLUSTER)
    docs = store.load_documents(conn, ids[-view.settings.title_documents:])
    view.include([d.id for d in docs])
    title = _central_title(docs, view) or _entity_title(docs, view)
    store.set_title(conn, story_id, title, "auto")
    return title


class _TitleFeatures(dict[str, StoryFeatures]):
    """The features titles read: the story's documents, and for how rare an entity is
    in the store, the stored documents (all of a small store; in a large one a sample of
    ``title_store_sample`` documents, the latest, read once per assignment call), with
    the documents of the story being titled."""

    def __init__(self, conn: Connection, settings: ClusterSettings) -> None:
        super().__init__()
        self.conn, self.settings = conn, settings
        self.sampled: set[str] | None = None

    def include(self, ids: list[str]) -> None:
        """Hold the sample and ``ids`` (a story's documents) only: the documents of the
        stories titled before are let go, so memory does not grow with the batch."""
        if self.sampled is None:
            sample = [r[0] for r in self.conn.execute(
                "SELECT document_id FROM story_features ORDER BY day IS NULL, day DESC,"
                " document_id LIMIT ?", (self.settings.title_store_sample,))]
            self.update(store.load_features(self.conn, sample, with_sentences=False))
            self.sampled = set(self)
        wanted = set(ids)
        for key in [k for k in self if k not in self.sampled and k not in wanted]:
            del self[key]
        missing = [i for i in ids if i not in self]
        if missing:
            self.update(store.load_features(self.conn, missing, with_sentences=False))


def _central_title(docs: list[DocumentRow], feats: dict[str, StoryFeatures]) -> str | None:
    """The most central document's title, or its lead sentence when it has none: a
    title reads like a headline, never a list of names."""
    if not docs:
        return None
    if len(docs) == 1:
        best = docs[0]
    else:
        matrix = _tfidf([feats[d.id].terms for d in docs])
        centroid = np.asarray(matrix.sum(axis=0)).ravel()
        centrality = matrix @ centroid
        position = {d.id: k for k, d in enumerate(docs)}
        # a titled document wins a near tie: its title was written as a headline. An
        # exact tie (the two documents of a pair are always equally central) goes to the
        # earliest published, not to rounding noise: centralities compared to 9 decimals
        best = max(docs, key=lambda d: round(float(centrality[position[d.id]])
                                             * (1.0 if document_title(d) else TITLED_EDGE), 9))
    return document_title(best) or lead_sentence(best.text)


TITLED_EDGE = 0.9          # an untitled document needs 1/0.9 the centrality to win
LEAD_WORDS = 16            # a lead sentence longer than this is cut at a word
# a wire dateline before the lead: "OSIPOVICHI DISTRICT, 17 February (BelTA) – "
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}\b[^–—]{0,40}?[–—]\s+")


def lead_sentence(text: str | None) -> str | None:
    """The first sentence of an article (its lead), cut to LEAD_WORDS words."""
    body = _DATELINE.sub("", " ".join((text or "").split()))
    if not body:
        return None
    match = re.search(r"(?<=[a-z0-9)”\"’'][.!?])[”\"’]?\s+(?=[A-Z“\"‘(])", body)
    first = body[:match.start()].strip() if match else body
    words = first.split()
    if len(words) > LEAD_WORDS:
        first = " ".join(words[:LEAD_WORDS]).rstrip(",;:") + " …"
    return first.rstrip(".") if first.endswith(".") and not first.endswith("..") else first


def _entity_title(docs: list[DocumentRow], feats: dict[str, StoryFeatures]) -> str | None:
    """The entities most characteristic of the story: named in many of its documents,
    rare in the store (so "Russia" and "Ukraine" do not title every war story)."""
    n_all = len(feats)
    df: Counter[str] = Counter()
    for f in feats.values():
        df.update(f.entities.keys())
    in_docs: Counter[str] = Counter()
    for d in docs:
        in_docs.update(feats[d.id].entities.keys())

    def weight(key: str) -> float:
        # shared by the story's documents first, then rare in the store
        return in_docs[key] ** 2 * math.log((1 + n_all) / (1 + df[key]))

    shared = min(2, len(docs))
    ranked = sorted((k for k in in_docs if weight(k) > 0 and in_docs[k] >= shared),
                    key=lambda k: (-weight(k), k))
    chosen: list[str] = []
    for key in ranked:
        same = [k for k, other in enumerate(chosen) if _same_entity(key, other)]
        if not same:
            chosen.append(key)
        elif set(chosen[same[0]].split()) < set(key.split()):
            chosen[same[0]] = key           # the full name: "Boris Johnson" over "Johnson"
        if len(chosen) == 4:
            break
    top = [_display_entity(k) for k in chosen]
    if not top:
        first = docs[0].text.strip().split("\n", 1)[0]
        return first[:80] or None
    return " · ".join(top)


def _same_entity(a: str, b: str) -> bool:
    """"Biden" within "Joe Biden", "Serbia" and "Serbian": one name for a title."""
    wa, wb = set(a.split()), set(b.split())
    if wa <= wb or wb <= wa:
        return True
    return len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]


def _display_entity(key: str) -> str:
    if len(key) <= 4 and key.isalpha():
        return key.upper()                 # nato, eu, gur, isw
    return " ".join(w if not w.isalpha() else w[:1].upper() + w[1:] for w in key.split())
