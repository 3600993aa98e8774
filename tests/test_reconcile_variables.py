"""Variables: subject variants normalised by actor, kinds and units kept apart, shares
resolved against their base, added contingents told from force sizes."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_stories_fixtures import insert_claim, load_seeds, manual_story, seed_store

from claimtrail.reconcile.claims import load_claims
from claimtrail.reconcile.variables import (
    actor_of,
    assign_variables,
    is_generic_people,
    resolve_shares,
)
from claimtrail.store import connect
from claimtrail.store.stories import story_documents



@pytest.mark.parametrize(("subject", "actor", "people"), [
    ("North Korean soldiers", "North Korean", True),
    ("North Korean servicemen", "North Korean", True),
    ("North Korean troops", "North Korean", True),
    ("North Koreans", "North Korean", True),
    ("DPRK troops", "North Korean", True),
    ("Pyongyang's forces", "North Korean", True),
    ("troops", None, True),
    ("individuals", None, True),
    (None, None, True),
    ("Russian fighters", "Russian", True),
    ("U.S. troops", "American", True),
    ("North Korea's nuclear arsenal", "North Korean", False),
    ("villages", None, False),
])
def test_subject_variants_reduce_to_an_actor(subject: str | None, actor: str | None,
                                             people: bool) -> None:
    assert actor_of(subject) == actor
    assert is_generic_people(subject) == people


def _ledger_claims(tmp_path: Path, extra: bool = False):  # type: ignore[no-untyped-def]
    conn = seed_store(tmp_path / "v.db")
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    if extra:
        # a bare "troops" and "individuals" in the seed about North Korean soldiers
        # "... 10,000 to 12,000 troops to bolster Moscow's faltering war effort": Moscow
        # comes after the head noun and is not whose troops they are
        insert_claim(conn, "001_992cb9edb926320c.txt", "dispatched 10,000 to 12,000 troops",
                     10000, 12000, "personnel", subject="troops", quote="10,000 to 12,000")
        insert_claim(conn, "004_f3a69888d00d513d.txt",
                     "comprising approximately 12,000 individuals", 12000, 12000, "personnel",
                     qualifier="approx", subject="individuals")
    story = manual_story(conn, ids)
    claims = load_claims(conn, story_documents(conn, story))
    assign_variables(claims)
    return conn, claims


def test_personnel_and_casualties_are_separate_variables_of_one_subject(tmp_path: Path) -> None:
    _, claims = _ledger_claims(tmp_path)
    by_var: dict[str, set[str]] = {}
    for c in claims:
        by_var.setdefault(c.variable, set()).add(c.subject or "")
    assert by_var["north-korean-troops/personnel"] == {
        "North Korean soldiers", "North Korean troops", "North Koreans"}
    assert by_var["north-korean-troops/casualties"] == {
        "North Korean soldiers", "North Korean troops"}
    assert "North Korean servicemen" in by_var["north-korean-troops/missing"]
    # another actor's troops, shares and other units are variables of their own
    assert "russian-troops/personnel" in by_var
    assert "north-korean-troops/killed-share" in by_var
    assert "russian-troops/territory-km2-day" in by_var
    assert not any(v.startswith("north-korean-troops/personnel") and v != (
        "north-korean-troops/personnel") for v in by_var)


def test_a_bare_troops_inherits_the_documents_dominant_actor(tmp_path: Path) -> None:
    _, claims = _ledger_claims(tmp_path, extra=True)
    bare = [c for c in claims if c.subject in ("troops", "individuals")]
    assert len(bare) == 2
    assert {c.variable for c in bare} == {"north-korean-troops/personnel"}


def test_an_added_contingent_is_an_increment_and_a_lower_bound_is_not(tmp_path: Path) -> None:
    _, claims = _ledger_claims(tmp_path)
    added = [c for c in claims if c.increment]
    assert [(c.low, c.kind) for c in added] == [(3000, "personnel")]
    wounded = [c for c in claims if c.kind == "wounded"]
    assert wounded and not any(c.increment for c in wounded)   # "more than 2,700 injured"


def test_the_one_third_fatality_share_yields_a_derived_killed_figure(tmp_path: Path) -> None:
    _, claims = _ledger_claims(tmp_path)
    derived = resolve_shares(claims)
    assert len(derived) == 1
    (d,) = derived
    share = next(c for c in claims if c.kind == "killed" and c.is_share)
    base = next(c for c in claims if c.id == d.derived_from_claims[1])
    assert d.derived and d.kind == "killed" and d.id == -share.id
    assert base.kind == "casualties" and base.low == 5000 and base.doc == share.doc
    assert (d.low, d.high, d.qualifier) == (1667, None, "at_least")
    assert "5,000" in (d.derived_from or "")
    assign_variables(claims + derived)
    assert d.variable == "north-korean-troops/killed"


def test_a_share_with_the_extractors_own_derived_figure_is_not_derived_twice(
        tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db")
    load_seeds(conn)
    doc = "002_7c1b3e37c3792be6.txt"
    insert_claim(conn, doc, "over 5,000 casualties", 5000, None, "casualties",
                 qualifier="at_least", subject="North Korean troops")
    insert_claim(conn, doc, "approximately one-third of the casualties", 0.3333, 0.3333,
                 "killed", qualifier="approx", unit="share", subject="North Korean troops")
    conn.execute("INSERT INTO claims(document_id, seq, sentence, low, high, qualifier, unit,"
                 " kind, subject, derived, derived_from) VALUES (?, 99, 'x', 1667, NULL,"
                 " 'at_least', 'people', 'killed', 'North Korean troops', 1, 'one-third')",
                 (doc,))
    claims = load_claims(conn, [doc])
    assign_variables(claims)
    assert resolve_shares(claims) == []


def _war_news_claims(tmp_path: Path, rows: list[tuple[str, str, float, str, dict]]):  # type: ignore[no-untyped-def,type-arg]
    from test_stories_fixtures import UKRAINE, add_document, ukraine_date

    conn = connect(tmp_path / "w.db")
    docs: dict[str, str] = {}
    for prefix, evidence, value, kind, extra in rows:
        if prefix not in docs:
            (path,) = sorted(UKRAINE.glob(prefix + "*.txt"))
            docs[prefix] = add_document(conn, path, ukraine_date(path.name))
        doc = docs[prefix]
        insert_claim(conn, doc, evidence, value, value, kind, **extra)
    claims = load_claims(conn, sorted(docs.values()))
    assign_variables(claims)
    return claims


def test_a_daily_rate_is_not_the_same_variable_as_a_total(tmp_path: Path) -> None:
    claims = _war_news_claims(tmp_path, [
        ("20230216T153000Z_US_en_1", "killing nearly 1,000 Russian troops every day", 1000,
         "killed", {"subject": "Russian troops", "qualifier": "approx"}),
        ("20230216T153000Z_US_en_1", "they eliminated 5,000 troops in a single battle", 5000,
         "killed", {"subject": "troops"}),
        ("20230216T153000Z_US_en_1", "824 Russian troops dying each day", 824, "killed",
         {"subject": "Russian troops", "source": "U.K. officials"}),
    ])
    by_value = {c.low: c.variable for c in claims}
    assert by_value[1000] == by_value[824] == "russian-troops/killed-per-day"
    assert by_value[5000] == "russian-troops/killed"


def test_the_actor_named_after_the_figure_beats_the_documents_dominant_one(
        tmp_path: Path) -> None:
    claims = _war_news_claims(tmp_path, [
        ("20220209T154500Z_GB_en_cba", "about 75,000 US troops still on European soil", 75000,
         "personnel", {"subject": "troops", "qualifier": "approx", "quote": "about 75,000"}),
        ("20220202T194500Z_US_en_dc5", "will deploy 3,000 more troops to Romania", 3000,
         "personnel", {"subject": "Russian troops"}),
    ])
    us = next(c for c in claims if c.low == 75000)
    assert (us.actor, us.variable) == ("American", "american-troops/personnel")
