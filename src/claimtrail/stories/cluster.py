"""Incremental, time-aware story clustering.

Each new document, in published order, joins the existing story it is most similar to
(if that similarity clears a threshold that rises with the time gap) or founds a new
story. Similarity to a story is the cosine to the story's centroid in three spaces:

* TF-IDF of content words (title words weighted up),
* TF-IDF of named entities,
* the mean en_core_web_md word vector (rescaled, since any two news texts are close).

The centroid cosine is computed from document-to-document dot products (the dot with
a sum of unit vectors is the sum of dots), so no centroid is ever materialised.
Documents the user placed (``method = 'user'``) are never moved, and a story whose
title the user chose keeps it.
"""
from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

from claimtrail.store import atomic
from claimtrail.store import stories as store
from claimtrail.store.stories import DocumentRow, StoryFeatures
from claimtrail.stories.features import document_title, ensure_features


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


CLUSTER = ClusterSettings()


def assign_stories(conn: sqlite3.Connection, document_ids: list[str] | None = None,
                   settings: ClusterSettings = CLUSTER) -> dict[str, int]:
    """Put each unassigned document (of ``document_ids``, or all) into a story.

    Returns {document_id: story_id} for the documents placed now. Idempotent: an
    assigned document stays where it is.
    """
    assigned = store.memberships(conn)
    every = store.load_documents(conn)
    wanted = set(document_ids) if document_ids is not None else None
    new_docs = [d for d in every if d.id not in assigned and (wanted is None or d.id in wanted)]
    if not new_docs:
        return {}
    with atomic(conn):
        feats = ensure_features(conn, every)
        placed = _place(conn, every, feats, assigned, new_docs, settings)
        for story_id in set(placed.values()):
            refresh_title(conn, story_id, feats)
    from claimtrail.stories.copies import link_copies  # the copy graph follows the stories

    link_copies(conn, [d.id for d in new_docs])
    return placed


class _Space:
    """All documents' unit vectors in the three spaces and their pairwise dot products."""

    def __init__(self, docs: list[DocumentRow], feats: dict[str, StoryFeatures],
                 settings: ClusterSettings) -> None:
        self.index = {d.id: i for i, d in enumerate(docs)}
        self.settings = settings
        terms = _tfidf([feats[d.id].terms for d in docs], settings.prior_documents)
        ents = _tfidf([feats[d.id].entities for d in docs], settings.prior_documents)
        trust = min(1.0, len(docs) / settings.vector_min_documents)
        vector_weight = settings.vector_weight * trust
        scale = 1.0 / (settings.term_weight + settings.entity_weight + vector_weight)
        self.weights = (settings.term_weight * scale, settings.entity_weight * scale,
                        vector_weight * scale)
        self.k_terms = (terms @ terms.T).toarray()
        self.k_ents = (ents @ ents.T).toarray()
        dim = next((len(f.vector) for f in feats.values() if f.vector is not None), 1)
        vecs = np.zeros((len(docs), dim), dtype=np.float32)
        for d in docs:
            v = feats[d.id].vector
            if v is not None and v.shape == (dim,):
                vecs[self.index[d.id]] = v
        # Centre on the corpus mean: raw mean word vectors of any two news texts have a
        # cosine near 0.98; what is left after centring is the topic.
        present = np.abs(vecs).sum(axis=1) > 0
        if present.any():
            vecs[present] -= vecs[present].mean(axis=0)
        vecs = normalize(vecs)
        self.k_vecs = vecs @ vecs.T
        self.days = [_day(d.published) for d in docs]

    def combined(self, i: int, members: list[int]) -> float:
        """Mean combined similarity of document i to the story's members (average
        link: unlike a centroid, a big generic story does not attract everything)."""
        return float(self.pairwise(i, members).mean()) if members else 0.0

    def pairwise(self, i: int, members: list[int]) -> np.ndarray:
        s = self.settings
        vec = np.clip((self.k_vecs[i, members] - s.vector_floor) / (1 - s.vector_floor), 0, 1)
        w_terms, w_ents, w_vec = self.weights
        combined: np.ndarray = (w_terms * self.k_terms[i, members]
                                + w_ents * self.k_ents[i, members] + w_vec * vec)
        return combined

    def gap_days(self, i: int, members: list[int]) -> float | None:
        day = self.days[i]
        if day is None:
            return None
        gaps = [abs(day - other) for j in members if (other := self.days[j]) is not None]
        return float(min(gaps)) if gaps else None


def required_similarity(gap: float | None, settings: ClusterSettings = CLUSTER) -> float:
    """The bar a document must clear to join a story whose nearest member is ``gap`` days
    away: flat inside the window, then rising with the log of the gap (a developing
    story may resume after months, but only with a clearly matching report)."""
    if gap is None or gap <= settings.window_days:
        return settings.threshold
    return settings.threshold + settings.gap_penalty * math.log2(gap / settings.window_days)


def _place(conn: sqlite3.Connection, every: list[DocumentRow], feats: dict[str, StoryFeatures],
           assigned: dict[str, int], new_docs: list[DocumentRow],
           settings: ClusterSettings) -> dict[str, int]:
    space = _Space(every, feats, settings)
    members: dict[int, list[int]] = defaultdict(list)
    for doc_id, story_id in assigned.items():
        if doc_id in space.index:
            members[story_id].append(space.index[doc_id])
    placed: dict[str, int] = {}
    for doc in new_docs:
        i = space.index[doc.id]
        best_story, best_margin, best_score = None, 0.0, 0.0
        for story_id, idx in members.items():
            score = space.combined(i, idx)
            margin = score - required_similarity(space.gap_days(i, idx), settings)
            if margin >= 0 and (best_story is None or margin > best_margin):
                best_story, best_margin, best_score = story_id, margin, score
        if best_story is None:
            best_story = store.create_story(conn)
            store.set_member(conn, doc.id, best_story, None)
        else:
            store.set_member(conn, doc.id, best_story, round(best_score, 4))
            store.touch(conn, best_story)
        members[best_story].append(i)
        placed[doc.id] = best_story
    return placed


def _tfidf(bags: list[dict[str, float]], prior_documents: int = 0) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows (sublinear tf, smooth idf) of term-count dictionaries;
    ``prior_documents`` pseudo-documents without any term temper IDF in a small store."""
    counts = DictVectorizer().fit_transform(bags).tocsr().astype(np.float64)
    if counts.shape[1] == 0:
        return sparse.csr_matrix((len(bags), 1))
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + n + prior_documents) / (1 + df)) + 1.0
    counts.data = 1.0 + np.log(counts.data)
    weighted = counts @ sparse.diags(idf)
    return normalize(weighted.tocsr())


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


# --- titles ----------------------------------------------------------------------

def refresh_title(conn: sqlite3.Connection, story_id: int,
                  feats: dict[str, StoryFeatures] | None = None) -> str | None:
    """Recompute an automatic title: the most central document's title, or its lead
    sentence when untitled (the entities only for a story with no text at all). A title
    the user set is kept."""
    row = store.get_story(conn, story_id)
    if row["title_source"] == "user":
        return str(row["title"])
    ids = store.story_documents(conn, story_id)
    if not ids:
        return None
    docs = store.load_documents(conn, ids)
    feats = feats if feats is not None else ensure_features(conn, docs)
    title = _central_title(docs, feats) or _entity_title(docs, feats)
    store.set_title(conn, story_id, title, "auto")
    return title


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
        # a titled document wins a near tie: its title was written as a headline
        best = max(docs, key=lambda d: (float(centrality[position[d.id]])
                                        * (1.0 if document_title(d) else TITLED_EDGE)))
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
