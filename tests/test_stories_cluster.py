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


@pytest.mark.slow
def test_features_run_the_entity_recogniser_alone_with_the_same_entities(store_url: str) -> None:
    """Only NER is enabled (tok2vec, tagger, attribute ruler fed nothing we read), and
    it finds what the whole pipeline found; the mean vector is spaCy's doc.vector."""
    import numpy as np

    from claimtrail.store.stories import load_documents
    from claimtrail.stories.features import (
        ENTITY_LABELS,
        MAX_CHARS,
        compute_features,
        document_title,
        lead,
        load_pipeline,
        mean_vector,
        nlp,
        normalise_entity,
    )

    assert nlp().pipe_names == ["ner"]
    conn = connect(store_url)
    load_seeds(conn)
    docs = load_documents(conn)
    whole = load_pipeline(exclude=["parser", "lemmatizer"])
    assert {"tok2vec", "tagger", "ner"} <= set(whole.pipe_names)
    for doc, feats in zip(docs, compute_features(docs), strict=True):
        parsed = whole(lead(doc.text, MAX_CHARS))
        title = whole(document_title(doc) or "")
        expected: dict[str, int] = {}
        for ent in list(parsed.ents) + list(title.ents):
            key = normalise_entity(ent.text)
            if ent.label_ in ENTITY_LABELS and key:
                expected[key] = expected.get(key, 0) + 1
        assert expected and feats.entities == expected
        assert feats.vector is not None
        assert np.allclose(feats.vector, parsed.vector)
        assert np.allclose(mean_vector(parsed), parsed.vector)
