"""False conflicts and failed checks seen on ukraine-news, with the real sentences: figures
that count different contingents, places, measures or periods are not rival estimates.
Each case has a control where the same sentences do make a conflict."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from test_stories_fixtures import UKRAINE, add_document, insert_claim, manual_story, ukraine_date

from claimtrail.reconcile import build_ledger
from claimtrail.store import connect


Row = tuple[str, str, float | None, float | None, str, dict[str, Any]]


def _ledger(tmp_path: Path, rows: list[Row]) -> tuple[sqlite3.Connection, int, list[int]]:
    """A story of the named ukraine-news documents with these claims (document prefix,
    sentence, low, high, kind, extras as the extractor stored them)."""
    conn = connect(tmp_path / "s.db")
    docs: dict[str, str] = {}
    ids = []
    for prefix, sentence, low, high, kind, extra in rows:
        if prefix not in docs:
            (path,) = sorted(UKRAINE.glob(prefix + "*.txt"))
            docs[prefix] = add_document(conn, path, ukraine_date(path.name))
        ids.append(insert_claim(conn, docs[prefix], sentence, low, high, kind, **extra))
    return conn, manual_story(conn, sorted(docs.values())), ids


US_ROMANIA = ("20220202T194500Z_US_en_dc57", ("There are already approximately 900 U.S. troops "
              "in Romania."), 900, 900, "personnel",
              {"qualifier": "approx", "subject": "U.S. troops", "quote": "approximately 900"})
US_SEND = ("20220203T223000Z_US_en_7a85", ("The Biden administration announced it would send "
           "3,000 troops to Eastern Europe"), 3000, 3000, "personnel",
           {"subject": "troops", "source": "Biden administration", "quote": "3,000"})
US_STANDBY = ("20220202T194500Z_US_en_dc57", ("But Kirby said that the 8,500 troops that Austin "
              "put on heightened standby"), 8500, 8500, "personnel",
              {"subject": "troops", "source": "John Kirby", "quote": "8,500",
               "time": ("2022-02-02", "2022-02-02")})
US_INCLUDE = ("20220202T194500Z_US_en_dc57", ("The 3,000 troops include 2,000 from 82nd "
              "Airborne Division"), 3000, 3000, "personnel",
              {"subject": "troops", "quote": "3,000", "place": "Germany",
               "time": ("2022-02-02", "2022-02-02")})


def test_us_contingents_in_different_places_and_states_do_not_conflict(tmp_path: Path) -> None:
    conn, story, _ = _ledger(tmp_path, [US_ROMANIA, US_SEND, US_STANDBY, US_INCLUDE])
    ledger = build_ledger(conn, story)
    (var,) = [v for v in ledger["variables"] if v["id"] == "american-troops/personnel"]
    assert len(var["claims"]) == 4
    assert ledger["conflicts"] == []
    scopes = {(c["value"]["low"], c["doc"][:27]): c["scope"] for c in var["claims"]}
    assert scopes[(8500, US_STANDBY[0])] == ["standby"]
    assert scopes[(3000, US_SEND[0])] == ["projected"]        # "would send"
    assert scopes[(3000, US_INCLUDE[0])] == scopes[(900, US_ROMANIA[0])] == []
    places = {c["value"]["low"]: c["place"] for c in var["claims"]}
    assert places[900] is None                 # read after the figure by the ledger only


def test_a_rival_figure_for_the_same_contingent_still_conflicts(tmp_path: Path) -> None:
    rival = (US_SEND[0], US_SEND[1], 30000, 30000, "personnel",
             dict(US_SEND[5], source="Russian MoD"))
    conn, story, ids = _ledger(tmp_path, [US_SEND, rival])
    (conflict,) = build_ledger(conn, story)["conflicts"]
    assert set(conflict["claims"]) == set(ids)


def test_a_whole_army_is_not_the_force_on_the_border(tmp_path: Path) -> None:
    doc = "20220501T183000Z_US_en_f666"
    conn, story, _ = _ledger(tmp_path, [
        (doc, ("Western intelligence estimated Russia had positioned near the border as many "
              "as 190,000 troops; Ukraine’s standing military totals about 200,000"), None,
         190000, "personnel", {"qualifier": "at_most", "subject": "Russian troops",
                               "source": "Western intelligence",
                               "quote": "as many as 190,000"}),
        (doc, "Overall, the Russian army has an estimated 900,000 active-duty personnel.",
         900000, 900000, "personnel", {"qualifier": "approx", "quote": "an estimated 900,000",
                                       "subject": "active duty personnel"}),
    ])
    ledger = build_ledger(conn, story)
    by_low = {c["value"]["high"]: c for v in ledger["variables"] for c in v["claims"]}
    assert by_low[190000]["place"] is None and "whole-force" in by_low[900000]["scope"]
    assert "whole-force" not in by_low[190000]["scope"]   # the standing army is Ukraine's
    assert ledger["conflicts"] == []


def test_one_report_does_not_contradict_itself(tmp_path: Path) -> None:
    doc = "20220208T181500Z_US_en_2c52"
    rows: list[Row] = [
        (doc, "but Russia has placed roughly 1,000 troops in the region for military drills",
         1000, 1000, "personnel", {"qualifier": "approx", "subject": "Russian troops",
                                   "quote": "roughly 1,000"}),
        (doc, "The Kremlin has not only amassed roughly 100,000 troops", 100000, 100000,
         "personnel", {"qualifier": "approx", "subject": "troops", "quote": "roughly 100,000"}),
    ]
    conn, story, ids = _ledger(tmp_path, rows)
    assert build_ledger(conn, story)["conflicts"] == []
    # the same two figures from two named claimants are rival estimates
    conn.execute("INSERT INTO sources(name) VALUES ('Kremlin'), ('Pentagon')")
    conn.execute("UPDATE claims SET source_id = (SELECT id FROM sources WHERE name = 'Kremlin')"
                 " WHERE id = ?", (ids[0],))
    conn.execute("UPDATE claims SET source_id = (SELECT id FROM sources WHERE name = 'Pentagon')"
                 " WHERE id = ?", (ids[1],))
    assert len(build_ledger(conn, story)["conflicts"]) == 1


DAILY = "20240504T130000Z_PL_en_0ea2"
SUNDAY = (DAILY, ("it was reported that during the last day 1260 Russian military were "
                 "\"eliminated\""), 1260, 1260, "casualties",
          {"subject": "Russian military", "quote": "1260", "time": ("2024-04-28", "2024-04-28"),
           "source": "General Staff of the Armed Forces of Ukraine"})
APRIL = (DAILY, ("the average daily number of Russian victims, which in April amounted to 899 "
                "soldiers"), 899, 899, "casualties",
         {"subject": "soldiers", "quote": "899", "time": ("2024-04-01", "2024-04-30"),
          "source": "UK Ministry of Defence"})


def test_a_days_count_and_a_months_daily_average_are_rates_that_do_not_conflict(
        tmp_path: Path) -> None:
    conn, story, _ = _ledger(tmp_path, [SUNDAY, APRIL, (
        DAILY, "The average daily number of Russian losses in people in Ukraine is 899 soldiers",
        899, 899, "casualties", {"subject": "soldiers", "quote": "899",
                                 "source": "UK Ministry of Defence", "place": "Ukraine"}), (
        DAILY, "1260 Russian soldiers were \"eliminated\" during the last day", 1260, 1260,
        "casualties", {"subject": "Russian soldiers", "quote": "1260",
                       "source": "General Staff of the Armed Forces of Ukraine"})])
    ledger = build_ledger(conn, story)
    (var,) = ledger["variables"]
    assert var["id"] == "russian-troops/casualties-per-day"
    assert ledger["conflicts"] == []
    assert var["timeline"]["trend"] != "cumulative"     # a rate is not a running total
    assert not any("only grows" in x["reason"] for x in ledger["conflicts"])


def test_two_counts_for_the_same_day_conflict(tmp_path: Path) -> None:
    rival = (SUNDAY[0], SUNDAY[1], 300, 300, "casualties", dict(SUNDAY[5], source="Russian MoD"))
    conn, story, ids = _ledger(tmp_path, [SUNDAY, rival])
    (conflict,) = build_ledger(conn, story)["conflicts"]
    assert set(conflict["claims"]) == set(ids)


def test_confirmed_deaths_are_a_floor_not_a_rival_estimate(tmp_path: Path) -> None:
    doc = "20230711T160000Z_PL_en_c6ef"
    conn, story, _ = _ledger(tmp_path, [
        (doc, ("In May, Scott Berrier, head of intelligence in the US Department of Defense, "
              "said that at least eight Russian generals were killed."), 8, None, "killed",
         {"qualifier": "at_least", "subject": "Russian generals", "source": "Scott Berrier",
          "quote": "at least eight", "time": ("2023-05-01", "2023-05-31")}),
        (doc, ("the death of four Russian generals, 58 colonels and 176 lieutenant colonels were"
              " confirmed"), 4, 4, "killed",
         {"subject": "Russian generals", "quote": "four", "time": ("2023-06-04", "2023-06-04")}),
    ])
    ledger = build_ledger(conn, story)
    assert ledger["conflicts"] == []
    four = next(c for v in ledger["variables"] for c in v["claims"] if c["value"]["low"] == 4)
    assert four["scope"] == ["confirmed"]


def test_civilian_tolls_by_place_and_an_elliptical_count_of_tanks(tmp_path: Path) -> None:
    doc = "20240426T011500Z_GB_en_1f5d"
    conn, story, _ = _ledger(tmp_path, [
        (doc, "Five have been lost to Russian attacks.", 5, 5, "casualties", {"quote": "Five"}),
        (doc, "left at least 10 people dead and more than a dozen wounded", 10, None,
         "casualties", {"qualifier": "at_least", "subject": "people", "quote": "at least 10",
                        "source": "regional officials"}),
        (doc, "Russian attacks killed at least six in the Donetsk region", 6, None, "killed",
         {"qualifier": "at_least", "quote": "at least six", "place": "Donetsk region",
          "source": "Ukrainian officials"}),
        (doc, ("Four people were killed in Russian-occupied parts of southern and eastern "
              "Ukraine"), 4, 4, "killed", {"subject": "people", "quote": "Four",
                                          "source": "Moscow-installed authorities"}),
    ])
    ledger = build_ledger(conn, story)
    assert ledger["conflicts"] == []
    assert all(c["ok"] for c in ledger["checks"])
    by_low = {c["value"]["low"]: c for v in ledger["variables"] for c in v["claims"]}
    assert by_low[4]["place"] is None          # the ledger reads the place after the figure
    variables = {c["value"]["low"]: v["id"] for v in ledger["variables"] for c in v["claims"]}
    assert variables[5] != variables[10]       # five Abrams tanks are not people


def test_people_in_hospital_are_not_a_rival_count_of_the_injured(tmp_path: Path) -> None:
    doc = "20220429T000000Z_GB_en_2088"
    conn, story, _ = _ledger(tmp_path, [
        (doc, "Kyiv mayor Vitali Klitschko said three people were in hospital.", 3, 3,
         "wounded", {"subject": "people", "quote": "three", "source": "Vitali Klitschko"}),
        (doc, "At least 10 people were injured when one of the two missiles launched struck",
         10, None, "wounded", {"qualifier": "at_least", "subject": "people",
                               "quote": "At least 10",
                               "source": "Ukrainian state emergency officials"}),
    ])
    ledger = build_ledger(conn, story)
    assert ledger["conflicts"] == []
    # people hurt in a strike on Kyiv are not the troops of whoever the report names most
    assert {v["id"] for v in ledger["variables"]} == {"unattributed-people/wounded"}


def test_victims_are_not_the_troops_of_the_report(tmp_path: Path) -> None:
    doc = "20220219T191500Z_UA_en_d9b0"
    conn, story, _ = _ledger(tmp_path, [
        (doc, "And start to build a new system BEFORE we have millions of victims.",
         2000000, 999999999, "casualties", {"qualifier": "vague", "quote": "millions of"}),
        (doc, ("now sees 150,000 Russian troops, equipment, and heavy weapons stationed near its"
              " borders"), 150000, 150000, "personnel",
         {"subject": "Russian troops", "quote": "150,000"}),
    ])
    ledger = build_ledger(conn, story)
    assert all(c["ok"] for c in ledger["checks"])
    victims = next(v for v in ledger["variables"] if v["kind"] == "casualties")
    assert victims["id"] == "unattributed-people/casualties"


def test_a_count_for_one_place_can_be_part_of_a_count_that_names_none(tmp_path: Path) -> None:
    doc = "20240426T011500Z_GB_en_1f5d"
    rows: list[Row] = [
        (doc, "left at least 10 people dead and more than a dozen wounded", 10, None, "killed",
         {"qualifier": "at_least", "subject": "people", "quote": "at least 10",
          "source": "regional officials"}),
        (doc, ("Four people were killed in Russian-occupied parts of southern and eastern "
               "Ukraine"), 4, 4, "killed", {"subject": "people", "quote": "Four",
                                            "source": "Moscow-installed authorities"}),
    ]
    conn, story, ids = _ledger(tmp_path, rows)
    assert build_ledger(conn, story)["conflicts"] == []
    # forty killed in one place cannot be part of a total of at most ten
    conn.execute("UPDATE claims SET low = NULL, high = 10, qualifier = 'at_most' WHERE id = ?",
                 (ids[0],))
    conn.execute("UPDATE claims SET low = 40, high = 40 WHERE id = ?", (ids[1],))
    (conflict,) = build_ledger(conn, story)["conflicts"]
    assert set(conflict["claims"]) == set(ids)


def test_counts_of_students_expelled_admitted_and_enrolled_are_three_measures(
        tmp_path: Path) -> None:
    doc = "20240507T114500Z_US_en_662b"
    rows: list[Row] = [
        (doc, ("seven students, including Martin, were accused of desecrating Solomonov’s memory"
              " and expelled"), 7, 7, "other",
         {"subject": "students", "quote": "seven", "unit": "students"}),
        (doc, "nearly 900 students were admitted to 13 top universities through war quotas", 900,
         900, "other", {"qualifier": "approx", "subject": "students", "quote": "nearly 900",
                        "unit": "students", "source": "investigation"}),
        (doc, "about 8,500 students were enrolled based on these preferences", 8500, 8500,
         "other", {"qualifier": "approx", "subject": "students", "quote": "about 8,500",
                   "unit": "students", "source": "government officials"}),
    ]
    conn, story, ids = _ledger(tmp_path, rows)
    assert build_ledger(conn, story)["conflicts"] == []
    # a rival count of the students admitted through the quotas is a conflict
    conn.execute("UPDATE claims SET sentence = (SELECT sentence FROM claims WHERE id = ?)"
                 " WHERE id = ?", (ids[1], ids[2]))
    conn.execute("UPDATE claims SET quote = 'nearly 900' WHERE id = ?", (ids[2],))
    (conflict,) = build_ledger(conn, story)["conflicts"]
    assert set(conflict["claims"]) == {ids[1], ids[2]}
