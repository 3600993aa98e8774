"""Cumulative rise versus conflict, and independent origins, on the seed story."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from test_stories_fixtures import (
    UKRAINE,
    add_document,
    insert_claim,
    manual_story,
    seed_ledger,
    ukraine_date,
)

from claimtrail.reconcile import build_ledger
from claimtrail.store import connect


D002, D004 = "002_7c1b3e37c3792be6.txt", "004_f3a69888d00d513d.txt"


def _seed_ledger(tmp_path: Path, edit: Any = None) -> dict[str, Any]:
    return seed_ledger(tmp_path / "t.db", edit)


def _var(ledger: dict[str, Any], var_id: str) -> dict[str, Any]:
    return next(v for v in ledger["variables"] if v["id"] == var_id)


def _values(var: dict[str, Any]) -> list[tuple[Any, Any]]:
    return [(c["value"]["low"], c["value"]["high"]) for c in var["claims"]]


def test_the_seed_flags_the_4000_against_the_over_5000_as_a_possible_rise(tmp_path: Path
                                                                         ) -> None:
    """South Korea's military "recently estimated" 4,000 and the UK Ministry of Defence's
    "over 5,000", both dated by the 2025-03-10 report: independent origins, incompatible,
    one day. The conflict is flagged with both sides, labelled as a possible rise (the
    lower figure is marked as older), and the 4,000 is no longer quietly superseded."""
    ledger = _seed_ledger(tmp_path)
    cas = _var(ledger, "north-korean-troops/casualties")
    assert _values(cas) == [(30, 30), (4000, 4000), (5000, None), (5000, None), (5000, None)]
    [conflict] = cas["conflicts"]
    assert conflict["kind"] == "possible-rise"
    sides = [(s["low"], s["high"], s["claimants"]) for s in conflict["sides"]]
    assert sides == [(4000, 4000, ["South Korea's military"]),
                     (5000, None, ["UK Ministry of Defence"])]
    assert "recently" in conflict["explanation"] and "risen" in conflict["explanation"]
    four = next(c["id"] for c in cas["claims"] if c["value"]["low"] == 4000)
    assert four in conflict["claims"]
    latest = cas["estimate"][-1]
    assert (latest["low"], latest["high"], latest["agreed"]) == (4000, None, False)
    assert latest["superseded"] == [] and four in latest["disagreeing"]
    # the running total's best figure is the higher one; the summary shows the range
    head = next(h for h in ledger["summary"]["variables"] if h["variable"] == cas["id"])
    assert head["current"]["value"] == "at least 5,000"
    assert head["current"]["holders"] == ["UK Ministry of Defence"]
    assert head["range"]["text"] == ("4,000 (South Korea's military) to at least 5,000 "
                                      "(UK Ministry of Defence)")
    assert head["conflicts"] == [conflict["id"]]
    killed = _var(ledger, "north-korean-troops/killed")
    assert killed["timeline"]["trend"] == "cumulative"
    assert [c["id"] for c in ledger["conflicts"]] == [conflict["id"]]


def test_personnel_lists_every_figure_with_its_source(tmp_path: Path) -> None:
    ledger = _seed_ledger(tmp_path)
    per = _var(ledger, "north-korean-troops/personnel")
    rows = [(c["value"]["low"], c["value"]["high"], (c["source"] or {}).get("name"),
             "increment" in c["flags"]) for c in per["claims"]]
    assert (10000, 10000, None, False) in rows
    assert (11000, 11000, "Volodymyr Zelenskyy", False) in rows
    assert (10000, 12000, "Washington and Kyiv", False) in rows
    assert (11000, 11000, "UK Ministry of Defence", False) in rows
    assert (12000, 12000, None, False) in rows
    assert (3000, 3000, None, True) in rows
    assert per["timeline"]["trend"] == "rising" and per["conflicts"] == []
    # Zelenskyy's 11,000 and the same document's unsourced 11,000: one origin
    zel = {c["origin"]["id"] for c in per["claims"] if c["doc"].startswith("000")}
    assert zel == {"volodymyr-zelenskyy@000_8190c09c5cc3a211.txt"}


def test_independent_origins_disagreeing_at_one_moment_conflict(tmp_path: Path) -> None:
    def rival(conn: sqlite3.Connection) -> None:
        insert_claim(conn, D002, "North Korea had sustained 4,000 casualties", 500, 500,
                     "casualties", subject="North Korean troops", source="Russian MoD")
    ledger = _seed_ledger(tmp_path, rival)
    cas = _var(ledger, "north-korean-troops/casualties")
    assert cas["timeline"]["trend"] in ("conflicting", "mixed")
    rival_id = next(c["id"] for c in cas["claims"] if (c["source"] or {}).get("name")
                    == "Russian MoD")
    clashes = [x for x in cas["conflicts"] if rival_id in x["claims"]]
    assert clashes and all("same moment" in x["reason"] for x in clashes)
    others = {i for x in clashes for i in x["claims"]} - {rival_id}
    # the UK's over 5,000, and South Korea's 4,000 of the same day: one clash, one conflict
    assert {c["value"]["low"] for c in cas["claims"] if c["id"] in others} == {4000, 5000}
    assert len(clashes) == 1 and clashes[0]["kind"] == "same-moment"
    flagged = next(c for c in cas["claims"] if c["id"] == rival_id)
    assert any(f.startswith("conflict:") for f in flagged["flags"])


def test_a_running_total_that_falls_later_is_a_conflict(tmp_path: Path) -> None:
    def fall(conn: sqlite3.Connection) -> None:
        insert_claim(conn, D004, "over 300 North Korean soldiers reported killed", 1000, 1000,
                     "casualties", subject="North Korean soldiers", source="Kremlin",
                     time=("2025-03-11", "2025-03-11"))
    ledger = _seed_ledger(tmp_path, fall)
    cas = _var(ledger, "north-korean-troops/casualties")
    assert any("fell" in x["reason"] for x in cas["conflicts"])


def test_the_same_claimant_repeated_is_one_origin_not_corroboration(tmp_path: Path) -> None:
    def repeat(conn: sqlite3.Connection) -> None:
        insert_claim(conn, D004, "with high casualty rates reported", 5000, None, "casualties",
                     qualifier="at_least", subject="North Korean troops",
                     source="UK Ministry of Defence")
    ledger = _seed_ledger(tmp_path, repeat)
    cas = _var(ledger, "north-korean-troops/casualties")
    uk = [c for c in cas["claims"] if (c["source"] or {}).get("name") == "UK Ministry of Defence"]
    assert len({c["doc"] for c in uk}) == 2
    assert {c["origin"]["id"] for c in uk} == {"uk-ministry-of-defence@" + D002}
    assert {c["independent_origins"] for c in uk} == {1}
    later = next(c for c in uk if c["doc"] == D004)
    assert D002 in later["copies"]


def test_recrawled_near_copies_count_as_one_origin(tmp_path: Path) -> None:
    conn = connect(tmp_path / "r.db")
    early, late = (sorted(UKRAINE.glob("*_07addd3422.txt")))
    ids = [add_document(conn, p, ukraine_date(p.name)) for p in (early, late)]
    assert len(set(ids)) == 2                       # near, not exact, copies
    conn.execute("INSERT INTO copies(document_id, copy_of, similarity, method)"
                 " VALUES (?, ?, 0.96, 'minhash')", (ids[1], ids[0]))
    for doc in ids:
        insert_claim(conn, doc, "with just over 1,000 children born there", 1000, None,
                     "other", qualifier="at_least", subject="children", unit="children")
    ledger = build_ledger(conn, manual_story(conn, ids))
    (var,) = ledger["variables"]
    assert {c["origin"]["id"] for c in var["claims"]} == {f"unsourced@{ids[0]}"}
    assert {c["independent_origins"] for c in var["claims"]} == {1}
    assert ledger["story"]["documents"][1]["copy_of"] == ids[0]
    # without the copy link the two would be independent reports
    conn.execute("DELETE FROM copies")
    ledger = build_ledger(conn, 1)
    assert {c["independent_origins"] for c in ledger["variables"][0]["claims"]} == {2}


def test_figures_for_different_places_do_not_conflict(tmp_path: Path) -> None:
    conn = connect(tmp_path / "p.db")
    (path,) = sorted(UKRAINE.glob("20220202T194500Z_US_en_dc57*.txt"))
    doc = add_document(conn, path, ukraine_date(path.name))
    insert_claim(conn, doc, "There are already approximately 900 U.S. troops in Romania", 900,
                 900, "personnel", qualifier="approx", subject="U.S. troops",
                 source="Pentagon", place="Romania")
    rival = insert_claim(conn, doc, "The 3,000 troops include 2,000 from 82nd Airborne", 3000,
                         3000, "personnel", subject="U.S. troops", source="Biden",
                         place="Poland", quote="3,000")
    story = manual_story(conn, [doc])
    assert build_ledger(conn, story)["conflicts"] == []
    conn.execute("UPDATE claims SET place = 'Romania' WHERE id = ?", (rival,))
    (conflict,) = build_ledger(conn, story)["conflicts"]
    assert rival in conflict["claims"]


def test_a_share_of_the_force_sent_last_year_is_dated_by_the_report(tmp_path: Path) -> None:
    """The extractor's "the casualties represent nearly half of the original 11,000 troops
    ... sent last year" -> ~5,500 carries the base's "last year"; the losses are counted
    when the report is, and the reported "over 5,000" stays the estimate."""
    def nearly_half(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO claims(document_id, seq, sentence, quote, low, high, qualifier, unit,"
            " kind, subject, time_text, time_start, time_end, derived, derived_from) VALUES"
            " (?, 99, ?, 'nearly half of', 5500, 5500, 'approx', 'people', 'casualties',"
            " 'North Korean troops', 'last year', '2024-01-01', '2024-12-31', 1,"
            " 'nearly half of 11,000 troops')",
            (D002, ("The casualties represent nearly half of the original 11,000 troops that "
                   "North Korea had sent to support Russia’s military efforts in Ukraine last "
                   "year.")))
    ledger = _seed_ledger(tmp_path, nearly_half)
    cas = _var(ledger, "north-korean-troops/casualties")
    derived = next(c for c in cas["claims"] if c["derived"])
    assert derived["as_of"] == "2025-03-10" and derived["time"] is None
    assert len(derived["derived_from_claims"]) == 1            # the 11,000 it rests on
    latest = cas["estimate"][-1]
    assert (latest["low"], latest["high"]) == (4000, None)     # 4,000 vs over 5,000
    assert derived["id"] not in latest["supporting"]
    assert all(c["value"]["low"] == 5000 for c in cas["claims"]
               if c["id"] in latest["supporting"])
    assert [x["kind"] for x in cas["conflicts"]] == ["possible-rise"]


def test_a_period_still_running_at_publication_holds_as_of_the_report() -> None:
    """"In January" in a report of 30 January is read as 1-31 January; the figure is
    known as of the 30th, not stamped a day after the report."""
    from claimtrail.reconcile.claims import RClaim

    def claim(start: str | None, end: str | None) -> RClaim:
        return RClaim(id=1, doc="d", doc_order=0, published="2025-01-30T18:00:00Z",
                      sentence="", span=None, quote=None, low=1.0, high=1.0,
                      qualifier="exact", unit="people", kind="killed", subject=None,
                      source=None, time_start=start, time_end=end, time_text="in January",
                      place=None)

    assert claim("2025-01-01", "2025-01-31").as_of == "2025-01-30"
    assert claim("2024-12-01", "2024-12-31").as_of == "2024-12-31"    # wholly before
    assert claim("2025-03-01", "2025-03-31").as_of == "2025-03-31"    # a plan, after
    assert claim(None, None).as_of == "2025-01-30"
