"""The copy graph: which documents repeat which.

Links come from three places, all kept in the shared ``copies`` table (document_id is
the later document, copy_of the earlier):

* ``minhash``: near-duplicates, written by ingest (re-crawls, syndicated copies);
* ``shared-sentences``: two or more long sentences shared verbatim or nearly (8-word
  shingles), the trace of a rewrite of the same wire report;
* ``credit``: both documents credit the same original source (an ``Original Source:``
  line: explicit syndication), within the same story; or both carry the same wire
  dateline ("(Reuters) -") and share at least one distinctive sentence (two reports
  of one agency are not copies of each other by the dateline alone).

Exact copies never reach this graph: ingest stores them once, with aliases.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from claimtrail.store import atomic
from claimtrail.store import stories as store
from claimtrail.store.connection import Connection
from claimtrail.store.stories import DocumentRow, load_features
from claimtrail.store.story_index import (
    block_counts,
    block_neighbours,
    document_order,
    present_blocks,
    same_credit_members,
    stories_of,
    totals,
)
from claimtrail.stories.index import BLOCKING

SKETCH_HASHES = BLOCKING.sketch_hashes


@dataclass(frozen=True)
class CopySettings:
    sentence_overlap: float = 0.5     # share of a sentence's 8-grams found in the other
    min_shared_sentences: int = 2     # one shared sentence can be a common quotation
    # An 8-gram in more documents than this (or this share of the store) is boilerplate
    # (newsletter boxes, cookie notices), not the trace of a copy.
    boilerplate_docs: int = 5
    boilerplate_share: float = 0.01


COPY = CopySettings()

_WIRES = {"reuters": "Reuters", "ap": "Associated Press", "afp": "AFP", "upi": "UPI",
          "associated press": "Associated Press", "bloomberg": "Bloomberg", "dpa": "dpa",
          "yonhap": "Yonhap", "tass": "TASS", "ria novosti": "RIA Novosti",
          "interfax": "Interfax", "ukrinform": "Ukrinform", "belta": "BelTA"}
_DATELINE = re.compile(r"\((Reuters|AP|AFP|UPI|Bloomberg|dpa|Yonhap|TASS|Interfax|Ukrinform|"
                       r"BelTA|Associated Press)\)\s*[-—–]", re.IGNORECASE)
_REPORTING_BY = re.compile(r"\n\s*\(?(?:Reporting|Additional reporting) by [^\n]{3,200}",
                           re.IGNORECASE)


def credit_of(doc: DocumentRow) -> str | None:
    """The original source a document credits, normalised; None when it credits none."""
    found = credit_line(doc)
    return found[0] if found else None


def credit_line(doc: DocumentRow) -> tuple[str, bool] | None:
    """(credited source, explicit): explicit for an ``Original Source:`` credit (the
    document says it rewrites that source), not for a wire dateline or sign-off."""
    if doc.origin:
        return normalise_credit(doc.origin), True
    head, tail = doc.text[:600], doc.text[-600:]
    match = _DATELINE.search(head)
    if match:
        return normalise_credit(match.group(1)), False
    if _REPORTING_BY.search(tail):
        return "Reuters", False     # "Reporting by X; Editing by Y" is Reuters house style
    return None


def normalise_credit(name: str) -> str:
    key = name.strip().lower()
    key = re.sub(r"^https?://", "", key).split("/", 1)[0]
    key = re.sub(r"^(www|en|m|english)\.", "", key)
    return _WIRES.get(key, key)


def link_copies(conn: Connection, document_ids: list[str],
                settings: CopySettings = COPY,
                shared: SharedSentences | Iterable[SharedSentences] | None = None
                ) -> list[tuple[str, str, str]]:
    """Add shared-sentence and credit links for ``document_ids`` against the stored
    documents that may share a sentence with them (found through the sentence sketches
    of stories/index.py) or a story. Returns the (document_id, copy_of, method) links
    added. ``shared``: the shared sentences already found (``find_shared_sentences``
    on the same documents, by other processes say: one result, or the results of
    consecutive parts of ``document_ids`` in order, read one at a time), else they are
    found here, ``LINK_CHUNK`` documents at a time."""
    ids = list(dict.fromkeys(document_ids))
    parts: Iterable[SharedSentences]
    if shared is None:
        parts = (find_shared_sentences(conn, ids[i:i + LINK_CHUNK], settings)
                 for i in range(0, len(ids), LINK_CHUNK))
    elif isinstance(shared, SharedSentences):
        parts = [SharedSentences(shared.pairs, shared.others, shared.documents or ids)]
    else:
        parts = shared
    added: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    with atomic(conn):
        # a part, ``LINK_CHUNK`` new documents at a time, with the features its pairs
        # need: memory stays that of a chunk, whatever the size of the batch
        for found in parts:
            by_document: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
            for pair, count in found.pairs.items():
                by_document[pair[0]][pair] = count
            for start in range(0, len(found.documents), LINK_CHUNK):
                part = found.documents[start:start + LINK_CHUNK]
                added += _link_chunk(conn, part, by_document, settings, seen)
    return added


def _link_chunk(conn: Connection, part: list[str],
                by_document: dict[str, dict[tuple[str, str], int]],
                settings: CopySettings, seen: set[tuple[str, str]]
                ) -> list[tuple[str, str, str]]:
    feats = load_features(conn, part)
    new = [i for i in part if i in feats]
    pairs = {pair: count for i in new for pair, count in by_document.get(i, {}).items()}
    missing = list(dict.fromkeys(o for _, o in pairs if o not in feats))
    if missing:
        feats.update(load_features(conn, missing))
    order = document_order(conn, list({d for pair in pairs for d in pair} | set(new)))
    links = _shared_sentence_links(pairs, feats, order, settings, seen)
    links += _credit_links(conn, new, feats, pairs)
    added = []
    for later, earlier, sim, method in links:
        cur = conn.execute("INSERT INTO copies(document_id, copy_of, similarity, method)"
                           " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           (later, earlier, sim, method))
        if cur.rowcount:
            added.append((later, earlier, method))
    return added


# Copy links are made for this many new documents at a time.
LINK_CHUNK = 500


@dataclass
class SharedSentences:
    """What ``find_shared_sentences`` found: per (new document, other document) how
    many of the other's long sentences the new one shares, and the other documents it
    compared with (whose features the links need)."""

    pairs: dict[tuple[str, str], int]
    others: list[str]
    documents: list[str] = field(default_factory=list)   # the new documents looked at


def find_shared_sentences(conn: Connection, document_ids: list[str],
                          settings: CopySettings = COPY,
                          feats: dict[str, store.StoryFeatures] | None = None
                          ) -> SharedSentences:
    """The shared sentences of ``document_ids`` (stored features and sentence sketches
    only: they do not depend on the stories, so they may be looked for while the
    documents are being placed)."""
    feats = dict(feats) if feats is not None else load_features(conn, document_ids)
    new = [i for i in dict.fromkeys(document_ids) if i in feats]
    if not new:
        return SharedSentences({}, [], [])
    known = set(feats)
    n_documents = max(totals(conn)[0], len(feats))
    limit = max(settings.boilerplate_docs, int(settings.boilerplate_share * n_documents))
    pairs = _shared_sentences(conn, new, feats, limit, settings)
    return SharedSentences(pairs, [o for o in feats if o not in known], new)


def _ordered(a: str, b: str, order: dict[str, tuple[bool, str, int]]) -> tuple[str, str]:
    """(later, earlier) by published date, then ingest order."""
    return (a, b) if order[a] > order[b] else (b, a)


def _shared_sentences(conn: Connection, new: list[str],
                      feats: dict[str, store.StoryFeatures], limit: int,
                      settings: CopySettings) -> dict[tuple[str, str], int]:
    """For each new document and each other document: how many of the other's long
    sentences it shares, verbatim or nearly. The others are the documents whose
    sentence sketches hold one of its 8-grams (nearest in time, most shared first); a
    sentence whose sketch is in more than ``limit`` documents is boilerplate and
    ignored, on both sides."""
    out: dict[tuple[str, str], int] = {}
    for doc_id in new:
        grams_of = feats[doc_id].sentences
        present = present_blocks(conn, [f"s:{g}" for grams in grams_of for g in grams])
        counts = block_counts(conn, sorted(present), limit)
        common = {int(k[2:]) for k, c in counts.items() if c > limit}
        telling = sorted(k for k, c in counts.items() if c <= limit)
        hits = Counter(other for other in block_neighbours(
            conn, telling, feats[doc_id].day, BLOCKING.copy_window_days,
            BLOCKING.copy_per_sketch) if other != doc_id)
        others = sorted(hits, key=lambda o: (-hits[o], o))[:BLOCKING.copy_candidates]
        missing = [o for o in others if o not in feats]
        if missing:
            feats.update(load_features(conn, missing))
        for d, count in _matched_sentences(feats[doc_id], [feats[o] for o in others],
                                           common, settings).items():
            out[(doc_id, others[d])] = count
    return out


@dataclass
class _Grams:
    """A document's long sentences as flat arrays: each 8-gram hash, the sentence it is
    in, each sentence's length (hashes, repeats counted) and the sketch positions (its
    first ``SKETCH_HASHES`` hashes)."""

    grams: np.ndarray          # int64, the hashes sentence after sentence
    sentence: np.ndarray       # int64, the sentence of each hash
    lengths: np.ndarray        # int64, per sentence
    sketch: np.ndarray         # bool, per hash: one of its sentence's first hashes

    @classmethod
    def of(cls, sentences: list[list[int]]) -> _Grams:
        lengths = np.fromiter((len(s) for s in sentences), dtype=np.int64,
                              count=len(sentences))
        total = int(lengths.sum())
        grams = np.fromiter(chain.from_iterable(sentences), dtype=np.int64, count=total)
        sentence = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        starts = np.cumsum(lengths) - lengths
        position = np.arange(total, dtype=np.int64) - np.repeat(starts, lengths)
        return cls(grams, sentence, lengths, position < SKETCH_HASHES)

    def boilerplate(self, common: np.ndarray) -> np.ndarray:
        """Per sentence: its sketch holds a hash of ``common``: a newsletter box or a
        cookie notice, not the trace of a copy."""
        out = np.zeros(len(self.lengths), dtype=bool)
        if len(common):
            heads = self.sketch & np.isin(self.grams, common)
            out[self.sentence[heads]] = True
        return out


def _matched_sentences(mine: store.StoryFeatures, others: list[store.StoryFeatures],
                       common_set: set[int], settings: CopySettings) -> dict[int, int]:
    """{index in ``others``: how many of its long sentences one of ``mine``'s shares}.

    A pair of sentences matches when the hashes they share (``mine``'s counted once,
    the other's with repeats) are at least ``sentence_overlap`` of the shorter; neither
    may be boilerplate. Done on arrays: the other sentences' hashes sorted once, each of
    ``mine``'s looked up by binary search, the pairs counted with ``np.unique``."""
    if not mine.sentences or not others:
        return {}
    common = np.fromiter(sorted(common_set), dtype=np.int64, count=len(common_set))
    me = _Grams.of(mine.sentences)
    keep = ~me.boilerplate(common)[me.sentence]
    # mine: each sentence's distinct hashes (``set(grams)``), as (sentence, hash) pairs
    pairs = np.unique(np.stack([me.sentence[keep], me.grams[keep]], axis=1), axis=0) \
        if keep.any() else np.zeros((0, 2), dtype=np.int64)
    if not len(pairs):
        return {}
    my_sentence, my_grams = pairs[:, 0], pairs[:, 1]
    # the others: every hash of every sentence that is not boilerplate, numbered across
    # the others (sentence j of the lot), with its document and length
    grams, sentence, lengths, doc_of = [], [], [], []
    offset = 0
    for d, other in enumerate(others):
        g = _Grams.of(other.sentences)
        keep_other = ~g.boilerplate(common)[g.sentence]
        grams.append(g.grams[keep_other])
        sentence.append(g.sentence[keep_other] + offset)
        lengths.append(g.lengths)
        doc_of.append(np.full(len(g.lengths), d, dtype=np.int64))
        offset += len(g.lengths)
    if not offset:
        return {}
    all_grams, all_sentence = np.concatenate(grams), np.concatenate(sentence)
    all_lengths, all_docs = np.concatenate(lengths), np.concatenate(doc_of)
    order = np.argsort(all_grams, kind="stable")
    sorted_grams, sorted_sentence = all_grams[order], all_sentence[order]
    left = np.searchsorted(sorted_grams, my_grams, side="left")
    found = np.searchsorted(sorted_grams, my_grams, side="right") - left
    total = int(found.sum())
    if not total:
        return {}
    # every (my sentence, other sentence) meeting of a hash, then counted per pair
    starts = np.repeat(left, found) + (np.arange(total, dtype=np.int64)
                                       - np.repeat(np.cumsum(found) - found, found))
    mine_k = np.repeat(my_sentence, found)
    other_j = sorted_sentence[starts]
    keys, counts = np.unique(mine_k * offset + other_j, return_counts=True)
    k, j = keys // offset, keys % offset
    smaller = np.minimum(me.lengths[k], all_lengths[j])
    ok = (smaller > 0) & (counts / np.maximum(smaller, 1) >= settings.sentence_overlap)
    matched = np.unique(j[ok])
    per_doc = np.bincount(all_docs[matched], minlength=len(others))
    return {int(d): int(per_doc[d]) for d in np.flatnonzero(per_doc)}


def _shared_sentence_links(shared: dict[tuple[str, str], int],
                           feats: dict[str, store.StoryFeatures],
                           order: dict[str, tuple[bool, str, int]],
                           settings: CopySettings, seen: set[tuple[str, str]] | None = None
                           ) -> list[tuple[str, str, float, str]]:
    """Links for the pairs sharing enough sentences; ``seen``: the (later, earlier)
    pairs linked already (by earlier chunks of the same call), updated."""
    out = []
    seen = set() if seen is None else seen
    for (doc_id, other_doc), count in shared.items():
        if count < settings.min_shared_sentences:
            continue
        later, earlier = _ordered(doc_id, other_doc, order)
        if (later, earlier) in seen:
            continue
        seen.add((later, earlier))
        smaller = min(len(feats[doc_id].sentences), len(feats[other_doc].sentences)) or 1
        out.append((later, earlier, round(min(1.0, count / smaller), 4), "shared-sentences"))
    return out


def _credit_links(conn: Connection, new: list[str],
                  feats: dict[str, store.StoryFeatures], shared: dict[tuple[str, str], int]
                  ) -> list[tuple[str, str, float, str]]:
    """Documents of one story rewriting one credited report."""
    story_of = stories_of(conn, new)
    out = []
    for doc_id in new:
        mine, story = feats[doc_id], story_of.get(doc_id)
        if mine.credit is None or story is None:
            continue
        others = [(o, explicit) for o, explicit in same_credit_members(conn, story, mine.credit)
                  if o != doc_id]
        order = document_order(conn, [doc_id, *(o for o, _ in others)])
        for other, explicit in others:
            if (mine.credit_explicit and explicit) or shared.get((doc_id, other), 0) >= 1:
                later, earlier = _ordered(doc_id, other, order)
                out.append((later, earlier, 1.0, "credit"))
    return out


# --- reading the graph -----------------------------------------------------------

def copy_groups(conn: Connection, document_ids: list[str]) -> dict[str, str]:
    """For each document, the earliest document of its copy group (itself if alone),
    following every link in ``copies`` among ``document_ids``."""
    docs = store.load_documents(conn, document_ids)
    order = {d.id: k for k, d in enumerate(docs)}
    parent = {d.id: d.id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in _links_among(conn, list(parent)):
        ra, rb = find(a), find(b)
        if ra != rb:
            # the root is always the earliest document, so it names the group's origin
            if order[ra] <= order[rb]:
                parent[rb] = ra
            else:
                parent[ra] = rb
    return {d: find(d) for d in parent}


def _links_among(conn: Connection, ids: list[str]) -> list[tuple[str, str]]:
    wanted = set(ids)
    return [(r[0], r[1]) for r in conn.execute("SELECT document_id, copy_of FROM copies")
            if r[0] in wanted and r[1] in wanted]


def copies_of(conn: Connection, document_id: str) -> list[dict[str, object]]:
    """Every link touching one document, for display."""
    rows = conn.execute("SELECT document_id, copy_of, similarity, method FROM copies"
                        " WHERE document_id = ? OR copy_of = ?", (document_id, document_id))
    return [dict(r) for r in rows]


def aliases_of(conn: Connection, document_ids: list[str]) -> dict[str, list[str]]:
    """The other ids (re-crawls, exact copies) under which each document was seen."""
    out: dict[str, list[str]] = defaultdict(list)
    wanted = set(document_ids)
    for r in conn.execute("SELECT alias, document_id FROM document_aliases ORDER BY alias"):
        if r[1] in wanted:
            out[r[1]].append(r[0])
    return dict(out)
