"""Story clustering on real articles: the five Kursk reports against unrelated war news."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_stories_fixtures import UKRAINE, add_document, load_seeds, ukraine_date

from claimtrail.store import connect
from claimtrail.store.stories import list_stories, memberships
from claimtrail.stories import assign_stories
from claimtrail.stories.cluster import CLUSTER, required_similarity

# Belarusian state-agency reports (Jan-Feb 2022) on one theme, and unrelated others.
BELTA = ["20220128T100000Z_BY_en_b", "20220207T081500Z_BY_en_5", "20220214T103000Z_BY_en_5",
         "20220216T141500Z_BY_en_0", "20220216T141500Z_BY_en_9"]
OTHERS = ["20220125T090000Z_GB_en_7d015e6984", "20230126T204500Z_UA_en_1",
          "20220818T133000Z_UA_en_1", "20230314", "20240424T151500Z_BY_en_5"]


def _files(prefixes: list[str]) -> list[Path]:
    found = []
    for prefix in prefixes:
        found += sorted(UKRAINE.glob(prefix + "*.txt"))[:1]
    return found


def test_threshold_rises_with_the_gap_but_not_inside_the_window() -> None:
    assert required_similarity(None) == CLUSTER.threshold
    assert required_similarity(CLUSTER.window_days) == CLUSTER.threshold
    assert required_similarity(30) < required_similarity(90) < required_similarity(365)
    # a developing story may resume months later, with a clearly matching report
    assert required_similarity(90) < 0.45


@pytest.mark.slow
def test_the_five_seed_reports_form_one_story(store_url: str) -> None:
    conn = connect(store_url)
    ids = load_seeds(conn)
    placed = assign_stories(conn, ids)
    assert set(placed) == set(ids)
    assert len(set(placed.values())) == 1
    story = list_stories(conn)[0]
    assert story["size"] == 5
    assert (story["start"], story["end"]) == ("2024-11-04", "2025-03-11")
    assert "North Korean" in story["title"]


@pytest.mark.slow
def test_assignment_is_incremental_and_idempotent(store_url: str) -> None:
    conn = connect(store_url)
    ids = load_seeds(conn)
    first = assign_stories(conn, ids[:2])
    assert len(set(first.values())) == 1
    later = assign_stories(conn, ids)            # the three new ones join the story
    assert set(later) == set(ids[2:])
    assert set(later.values()) == set(first.values())
    assert assign_stories(conn, ids) == {}       # nothing left to place
    assert set(memberships(conn).values()) == set(first.values())
    # a rebuild re-reads the stored features: the index counts each document once
    from claimtrail.store.story_index import totals
    from claimtrail.stories.decisions import rebuild_stories

    blocks = conn.execute("SELECT COUNT(*) FROM story_blocks").fetchone()[0]
    assert rebuild_stories(conn)["stories"] == 1
    assert totals(conn)[0] == 5
    assert conn.execute("SELECT COUNT(*) FROM story_blocks").fetchone()[0] == blocks


@pytest.mark.slow
def test_seeds_stay_apart_from_unrelated_war_news_and_one_theme_groups(store_url: str) -> None:
    conn = connect(store_url)
    belta = [add_document(conn, p, ukraine_date(p.name)) for p in _files(BELTA)]
    others = [add_document(conn, p, ukraine_date(p.name)) for p in _files(OTHERS)]
    seeds = load_seeds(conn)
    assert len(belta) == 5 and len(others) == 5
    where = assign_stories(conn)
    seed_story = {where[d] for d in seeds}
    assert len(seed_story) == 1
    assert not seed_story & {where[d] for d in belta + others}
    # the Belarusian reports of three weeks on one theme: mostly one story
    belta_stories = [where[d] for d in belta]
    assert max(belta_stories.count(s) for s in belta_stories) >= 3
    # five unrelated reports across two years are not merged into one lump
    assert len({where[d] for d in others}) >= 4


def test_the_lead_is_cut_at_a_space() -> None:
    from claimtrail.stories.features import lead

    text = "North Korean troops arrived in the Kursk region"
    assert lead(text, 100) == text
    assert lead(text, 24) == "North Korean troops"     # not "North Korean troops arr"


def test_names_are_runs_of_capitalised_words_without_titles_or_sentence_openers() -> None:
    from claimtrail.stories.features import nlp
    from claimtrail.stories.names import find_names

    text = ("Officials said on Monday that Ukrainian President Volodymyr Zelensky met the "
            "Ministry of Defence in Kyiv. The US and NATO agreed. Kyiv's mayor spoke. "
            "Officials were not named.")
    names = find_names(nlp().make_doc(text), nlp().make_doc("Zelensky In Kyiv"))
    assert names["volodymyr zelensky"] == 1 and names["ukrainian"] == 1
    assert names["ministry of defence"] == 1
    assert names["kyiv"] == 3                      # twice in the text, once in the headline
    assert names["us"] == 1 and names["nato"] == 1
    # sentence openers, weekdays, the person title: not names
    assert not {"officials", "monday", "the", "president", "zelensky in kyiv"} & set(names)


@pytest.mark.slow
def test_features_come_from_the_extraction_pipeline_on_one_or_two_processes(
        store_url: str) -> None:
    """One spaCy model per process (extraction's), its tokenizer and static vectors
    only; the per-document function gives the same features on forked workers."""
    import numpy as np

    from claimtrail.extract.nlp import load_nlp
    from claimtrail.store.stories import load_documents
    from claimtrail.stories.features import (
        MAX_CHARS,
        compute_features,
        document_features,
        lead,
        nlp,
    )

    assert nlp() is load_nlp()
    conn = connect(store_url)
    load_seeds(conn)
    docs = load_documents(conn)
    one = [document_features(d) for d in docs]
    two = compute_features(docs * 20, n_process=2)[:len(docs)]   # enough to fork
    for doc, a, b in zip(docs, one, two, strict=True):
        assert (a.terms, a.entities, a.sentences, a.day) == (b.terms, b.entities,
                                                             b.sentences, b.day)
        assert a.vector is not None and b.vector is not None
        assert np.array_equal(a.vector, b.vector)
        assert "kursk" in a.entities and a.day is not None
        parsed = load_nlp()(lead(doc.text, MAX_CHARS))
        assert np.allclose(a.vector, parsed.vector, atol=1e-5)


@pytest.mark.slow
def test_blocking_finds_the_stories_the_exhaustive_pass_finds(tmp_path: Path) -> None:
    """Candidates from the index (rare names and terms, LSH, time window) instead of
    every story: on 200 ukraine-news reports the stories agree with scoring all."""
    from sklearn.metrics import adjusted_rand_score  # type: ignore[import-untyped]
    from test_stories_fixtures import load_ukraine

    from claimtrail.stories.cluster import ClusterSettings

    blocked_conn = connect(tmp_path / "b.db")
    ids = load_ukraine(blocked_conn, limit=200)
    blocked = assign_stories(blocked_conn, ids)
    full_conn = connect(tmp_path / "f.db")
    load_ukraine(full_conn, limit=200)
    full = assign_stories(full_conn, ids, settings=ClusterSettings(blocking=False))
    keys = sorted(full)
    assert set(blocked) == set(full)
    agreement = adjusted_rand_score([full[k] for k in keys], [blocked[k] for k in keys])
    assert agreement >= 0.95, agreement
    assert len(set(blocked.values())) < len(keys)        # stories form, not singletons


def _story_tables(conn) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    queries = {
        "members": "SELECT document_id, story_id, score, method, day FROM story_members",
        "stories": "SELECT id, title, title_source FROM stories",
        "copies": "SELECT document_id, copy_of, similarity, method FROM copies",
        "blocks": "SELECT block, document_id, day FROM story_blocks",
        "vocabulary": "SELECT key, df FROM story_vocabulary",
        "totals": "SELECT name, count, vector FROM story_totals",
        "features": "SELECT document_id, terms, entities, vector, sentences, day, credit,"
                    " credit_explicit FROM story_features",
    }
    return {name: sorted(tuple(r) for r in conn.execute(q)) for name, q in queries.items()}


@pytest.mark.slow
def test_a_batch_placed_in_small_chunks_gets_the_same_stories(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch is featured, indexed, placed, titled and linked a chunk at a time (so
    memory does not grow with it), with a bounded cache of prepared documents: with
    chunks and a cache of a few documents, every story table is what one chunk gives."""
    import claimtrail.stories.cluster as cluster
    import claimtrail.stories.copies as copies
    import claimtrail.stories.features as features
    import claimtrail.stories.index as index
    from test_stories_fixtures import load_ukraine

    def run(name: str) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
        conn = connect(tmp_path / name)
        ids = load_seeds(conn) + load_ukraine(conn, limit=120)
        placed = assign_stories(conn, ids)
        assert set(placed) == {r[0] for r in conn.execute("SELECT id FROM documents")}
        tables = _story_tables(conn)
        conn.close()
        return tables

    whole = run("whole.db")
    for module, name, size in ((cluster, "PLACE_CHUNK", 3), (index, "INDEX_CHUNK", 4),
                               (features, "FEATURE_CHUNK", 5), (copies, "LINK_CHUNK", 6),
                               (cluster, "SHARED_CHUNK", 7), (cluster, "LOOKUP_CHUNK", 5)):
        monkeypatch.setattr(module, name, size)
    monkeypatch.setattr(index.Space, "CACHE_DOCUMENTS", 8)
    chunked = run("chunked.db")
    assert len(whole["copies"]) > 0 and len(whole["stories"]) < len(whole["members"])
    for table in whole:
        assert chunked[table] == whole[table], table
