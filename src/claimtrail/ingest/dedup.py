"""Exact and near-duplicate detection.

Exact copies (the same article crawled twice, a feed item that repeats a page) share a
*normalised content hash*: the text after Unicode NFKC, case folding, dropping
punctuation and collapsing whitespace, so that a curly quote, a doubled space or a
re-wrapped line does not make two copies look different.

Near-duplicates (a wire story lightly edited by a second outlet, a corrected re-crawl)
are found with MinHash over word shingles and a MinHashLSH index (datasketch). The
signatures are persisted in the store, so the index is rebuilt from them at the start of
every ingest and detection is incremental across ingests.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from datasketch import LeanMinHash, MinHash, MinHashLSH

from claimtrail.config import DEDUP, DedupSettings
from claimtrail.store.connection import Connection

# Runs of blanks and single non-space blanks: the single spaces between words are left
# alone, or re.sub builds one piece per word (hundreds of MB on a 50 MB text).
_SPACES = re.compile(r"\s{2,}|[^\S ]")


def normalise_text(text: str) -> str:
    """Canonical form for comparing texts: NFKC, case-folded, no punctuation, single spaces.

    Punctuation is replaced by a space rather than deleted so that "war.Shortly" and
    "war. Shortly" agree, while "5,000" and "5000" still differ only by a space.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", text.translate(_FOLD)).strip()


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each code point (fast after warm-up)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        category = unicodedata.category(ch)
        if category == "Cf":        # soft hyphens, zero-width joiners: invisible, so drop
            folded = ""
        elif category[0] in "PC" and not ch.isspace():
            folded = " "
        else:
            folded = ch
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def content_hash(text: str, *, normalised: str | None = None) -> str:
    """sha256 of the normalised text: equal for exact copies.

    Pass ``normalised`` (``normalise_text(text)``) when already computed.
    """
    norm = normalise_text(text) if normalised is None else normalised
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = DEDUP.shingle_words, *,
             normalised: str | None = None) -> set[bytes]:
    """Overlapping runs of ``size`` words of the normalised text (the whole text if shorter)."""
    words = (normalise_text(text) if normalised is None else normalised).split()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, settings: DedupSettings = DEDUP, *,
              normalised: str | None = None) -> LeanMinHash:
    """The MinHash signature of a text (lean: no permutation tables kept in memory)."""
    mh = MinHash(num_perm=settings.num_perm)
    norm = normalise_text(text) if normalised is None else normalised
    size = settings.shingle_words
    # In slices of words, so that a 50 MB text never holds all its shingles at once
    # (a MinHash does not change when a shingle is seen twice; slices overlap by
    # size - 1 words so that no shingle is missed).
    batch: list[str] = []
    first = True
    for word in _words(norm):
        batch.append(word)
        if len(batch) >= SIGNATURE_SLICE_WORDS:
            mh.update_batch(list(shingles("", size, normalised=" ".join(batch))))
            batch = batch[len(batch) - (size - 1):] if size > 1 else []
            first = False
    if batch and (first or len(batch) >= size):
        mh.update_batch(list(shingles("", size, normalised=" ".join(batch))))
    return LeanMinHash(mh)


SIGNATURE_SLICE_WORDS = 50_000
_WORD = re.compile(r"\S+")


def _words(normalised: str) -> Iterator[str]:
    return (m.group() for m in _WORD.finditer(normalised))


def signature_to_bytes(sig: LeanMinHash) -> bytes:
    buf = bytearray(sig.bytesize())
    sig.serialize(buf)
    return bytes(buf)


def signature_from_bytes(blob: bytes) -> LeanMinHash:
    return LeanMinHash.deserialize(blob)


@dataclass(frozen=True)
class NearMatch:
    document_id: str
    similarity: float          # estimated Jaccard similarity of the shingle sets


class NearDuplicateIndex:
    """An in-memory MinHashLSH over every stored signature.

    Candidates from LSH are confirmed with the signatures' own Jaccard estimate, because
    LSH banding lets through some pairs below the threshold.
    """

    def __init__(self, settings: DedupSettings = DEDUP) -> None:
        self.settings = settings
        # LSH only proposes candidates (each is then confirmed against the real threshold),
        # and its banding cannot be tuned above ~0.9 with few permutations: cap it there.
        self._lsh = MinHashLSH(threshold=min(settings.near_duplicate_threshold, 0.9),
                               num_perm=settings.num_perm)
        self._signatures: dict[str, LeanMinHash] = {}
        self._last_rowid = 0       # of the minhashes table, for catch_up()

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self._signatures

    def add(self, document_id: str, sig: LeanMinHash) -> None:
        if document_id in self._signatures:
            return
        self._lsh.insert(document_id, sig)
        self._signatures[document_id] = sig

    def rename(self, old_id: str, new_id: str) -> None:
        """Follow a stored document that changed id (an earlier exact copy took its place)."""
        sig = self._signatures.pop(old_id, None)
        if sig is None:
            return
        self._lsh.remove(old_id)
        self.add(new_id, sig)

    def matches(self, sig: LeanMinHash) -> list[NearMatch]:
        """Stored documents whose estimated similarity reaches the threshold, best first."""
        found = []
        for doc_id in self._lsh.query(sig):
            similarity = float(sig.jaccard(self._signatures[doc_id]))
            if similarity >= self.settings.near_duplicate_threshold:
                found.append(NearMatch(doc_id, round(similarity, 4)))
        return sorted(found, key=lambda m: (-m.similarity, m.document_id))

    @classmethod
    def from_store(cls, conn: Connection,
                   settings: DedupSettings = DEDUP) -> NearDuplicateIndex:
        """Rebuild the index from the ``minhashes`` table.

        Documents without a usable signature (none stored, or made with another
        ``num_perm``) get one computed from their text and saved, so a change of settings
        or an interrupted ingest heals itself.
        """
        from claimtrail.store import atomic
        from claimtrail.store import documents as store

        index = cls(settings)
        stale: list[str] = []
        for rowid, doc_id, num_perm, blob in store.iter_minhashes(conn):
            index._last_rowid = rowid
            if num_perm != settings.num_perm or blob is None:
                stale.append(doc_id)
                continue
            index.add(doc_id, signature_from_bytes(blob))
        stale.extend(store.documents_without_minhash(conn))
        healed = [(doc_id, signature(text, settings)) for doc_id, text in store.texts(conn, stale)]
        if healed:
            with atomic(conn):
                for doc_id, sig in healed:
                    store.save_minhash(conn, doc_id, settings.num_perm, signature_to_bytes(sig))
        for doc_id, sig in healed:
            index.add(doc_id, sig)
        index.catch_up(conn)
        return index

    def catch_up(self, conn: Connection) -> int:
        """Add the signatures other writers stored since the index was loaded.

        Called inside each document's write transaction, so two ingests running at once
        on one store still see each other's documents. Returns how many were added.
        """
        from claimtrail.store import documents as store

        added = 0
        for rowid, doc_id, num_perm, blob in store.iter_minhashes(conn, after=self._last_rowid):
            self._last_rowid = rowid
            if num_perm == self.settings.num_perm and blob is not None \
                    and doc_id not in self._signatures:
                self.add(doc_id, signature_from_bytes(blob))
                added += 1
        return added


def copy_direction(new: tuple[str, str | None], old: tuple[str, str | None]) -> tuple[str, str]:
    """(copy, original) for two near-duplicates given as (id, published).

    The later-published one is the copy; when either date is unknown, or both are equal,
    the one ingested later (``new``) is the copy.
    """
    new_id, new_published = new
    old_id, old_published = old
    if new_published and old_published and _date_key(new_published) < _date_key(old_published):
        return old_id, new_id
    return new_id, old_id


def _date_key(iso: str) -> str:
    """Comparable form of an ISO date or datetime ('2024-05-06' sorts before its times)."""
    return iso.strip().replace(" ", "T").removesuffix("Z")

