"""The blocking index's reads on both stores: nearest in time, ties by id, from the index."""
from __future__ import annotations

from claimtrail.store import atomic, connect
from claimtrail.store import story_index as sql
from claimtrail.store.connection import Connection


def _documents(conn: Connection, ids: list[str]) -> None:
    for i in ids:
        conn.execute("INSERT INTO documents(id, published, published_from, text, content_hash,"
                     " input, format) VALUES (?, NULL, 'metadata', ?, ?, 'test', 'txt')",
                     (i, f"text of {i}", f"hash {i}"))


def test_documents_of_one_day_are_taken_in_id_order_whatever_the_insertion_order(
        store_url: str) -> None:
    """A key's nearest documents in time, past a LIMIT that cuts inside one day: the
    same ones on both databases and in whatever order the index was written."""
    conn = connect(store_url)
    ids = ["d3", "d1", "d4", "d2", "d0"]          # written out of id order, all on day 10
    with atomic(conn):
        _documents(conn, [*ids, "late"])
        sql.add_blocks(conn, [("e:kursk", i, 10) for i in ids] + [("e:kursk", "late", 12)])
    # before or on day 10: the two highest ids (nearest first); after it: the later day
    assert sql.block_neighbours(conn, ["e:kursk"], 10, 400, 2) == ["d4", "d3", "late"]
    # after day 9: the lowest ids of day 10
    assert sql.block_neighbours(conn, ["e:kursk"], 9, 400, 2) == ["d0", "d1"]
    # no day: the latest documents
    assert sql.block_neighbours(conn, ["e:kursk"], None, 400, 2) == ["late", "d4"]
    conn.close()


def test_the_lookups_read_the_index_alone() -> None:
    """SQLite answers a key's and a story's nearest documents from covering indexes (no
    table lookup per row, no sort)."""
    conn = connect(":memory:")
    plans = [" ".join(str(r[3]) for r in conn.execute("EXPLAIN QUERY PLAN " + q, p))
             for q, p in (
                 ("SELECT document_id FROM story_blocks WHERE block = ? AND day <= ?"
                  " AND day >= ? ORDER BY day DESC, document_id DESC LIMIT 6", ("k", 2, 1)),
                 ("SELECT document_id FROM story_blocks WHERE block = ? AND day > ?"
                  " AND day <= ? ORDER BY day, document_id LIMIT 6", ("k", 1, 2)),
                 ("SELECT document_id, day FROM story_members WHERE story_id = ?"
                  " AND day > ? ORDER BY day, document_id LIMIT 6", (1, 2)))]
    for plan in plans:
        assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, plan


def test_sparse_similarities_equal_a_csr_product_bit_for_bit() -> None:
    """The per-row dot products of stories/index.py: exactly what scipy's CSR matrix
    times the dense vector gives (so the scores, and the stories, stay the same)."""
    import numpy as np
    from scipy import sparse

    from claimtrail.stories.index import _sparse_dots

    rng = np.random.default_rng(3)
    width = 500
    for _ in range(200):
        def row() -> tuple[np.ndarray, np.ndarray]:
            ids = rng.choice(width, size=int(rng.integers(0, 40)), replace=False)
            weights = rng.random(len(ids))
            return ids.astype(np.int64), weights / (np.linalg.norm(weights) or 1.0)
        me = row()
        rows = [row() for _ in range(int(rng.integers(1, 30)))]
        got = _sparse_dots(me, rows, width)
        scratch = np.zeros(width + 7)
        assert _sparse_dots(me, rows, width, scratch).tolist() == got.tolist()
        assert not scratch.any()                 # lent, and given back zero
        if not len(me[0]) or not sum(len(r[0]) for r in rows):
            assert not got.any()
            continue
        indptr = np.concatenate([[0], np.cumsum([len(r[0]) for r in rows])])
        matrix = sparse.csr_matrix((np.concatenate([r[1] for r in rows]),
                                    np.concatenate([r[0] for r in rows]), indptr),
                                   shape=(len(rows), width))
        dense = np.zeros(width)
        dense[me[0]] = me[1]
        expected = np.asarray(matrix @ dense).ravel()
        assert got.tolist() == expected.tolist()


def test_lsh_bands_equal_a_fresh_datasketch_minhash_per_document() -> None:
    """The bands come from one empty MinHash copied, with its key hashes remembered:
    the same bands as a new datasketch MinHash with its default hash, document after
    document (keys shared between documents, and the cache cleared midway)."""
    import hashlib

    import numpy as np
    from datasketch import MinHash  # type: ignore[import-untyped]

    import claimtrail.stories.index as index
    from claimtrail.store.stories import StoryFeatures

    def fresh(f: StoryFeatures) -> list[str]:
        settings = index.BLOCKING
        terms, ents = index.keys_of(f)
        sketch = MinHash(num_perm=settings.lsh_bands * settings.lsh_rows,
                         seed=settings.lsh_seed)
        sketch.update_batch([k.encode("utf-8") for k in (*terms, *ents)])
        values = np.asarray(sketch.hashvalues, dtype=np.uint64)
        r = settings.lsh_rows
        return [f"b{b}:" + hashlib.blake2b(values[b * r:(b + 1) * r].tobytes(),
                                           digest_size=8).hexdigest()
                for b in range(settings.lsh_bands)]

    words = [f"w{k}" for k in range(40)]
    docs = [StoryFeatures(f"d{n}", {w: 1.0 for w in words[n % 7:n % 7 + 12]},
                          {f"name {n % 3}": 1.0}, None, []) for n in range(30)]
    for n, f in enumerate(docs):
        if n == 15:
            index._KEY_HASHES.clear()
        assert index.lsh_bands(f) == fresh(f)
    assert index.lsh_bands(StoryFeatures("empty", {}, {}, None, [])) == []
