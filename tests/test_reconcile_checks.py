"""Arithmetic across variables on the seed story: killed + wounded against totals, parts
against totals, losses against the force sent, a share against its base."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from test_stories_fixtures import insert_claim, seed_ledger


D004 = "004_f3a69888d00d513d.txt"


def _ledger(tmp_path: Path, edit: Any = None) -> dict[str, Any]:
    return seed_ledger(tmp_path / "c.db", edit)


def _claim(ledger: dict[str, Any], cid: int) -> dict[str, Any]:
    return next(c for v in ledger["variables"] for c in v["claims"] if c["id"] == cid)


def test_killed_and_wounded_are_checked_against_the_later_totals(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    sums = [c for c in ledger["checks"] if c["rule"] == "killed+wounded<=casualties"]
    later = {}
    for check in sums:
        k, w, total = (_claim(ledger, i) for i in check["claims"])
        assert (k["kind"], w["kind"], total["kind"]) == ("killed", "wounded", "casualties")
        assert (k["value"]["low"], w["value"]["low"]) == (300, 2700)
        later[total["value"]["low"]] = check["ok"]
    # the weekend's 30 killed or wounded is a count for that weekend, not a running total
    # the January figures could be held against; of the later totals the sum is held
    # against the tightest (4,000: within it, within "over 5,000" too), not every one
    assert later == {4000: True}
    assert all(c["ok"] for c in ledger["checks"])
    weekend = next(c for v in ledger["variables"] for c in v["claims"]
                   if c["value"]["low"] == 30 and c["kind"] == "casualties")
    assert weekend["period_count"] and "period" in weekend["flags"]
    assert not any(weekend["id"] in c["claims"] for c in ledger["checks"]
                   if c["rule"] != "casualties<=personnel")


def test_the_share_check_shows_the_derivation(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    (share,) = [c for c in ledger["checks"] if c["rule"] == "share-of-base"]
    derived = _claim(ledger, share["claims"][-1])
    assert derived["derived"] and derived["value"] == {"low": 1667, "high": None,
                                                       "qualifier": "at_least"}
    assert "north-korean-troops/killed" in share["variables"]
    assert "north-korean-troops/killed-share" in share["variables"]
    # the derived figure is compared with the reported totals like any other
    assert any(c["rule"] == "killed<=casualties" and derived["id"] in c["claims"]
               for c in ledger["checks"])


def test_losses_are_checked_against_the_force_sent(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    force = [c for c in ledger["checks"] if c["rule"] == "casualties<=personnel"]
    assert force and all(c["ok"] for c in force)
    latest = max(force, key=lambda c: _claim(ledger, c["claims"][0])["as_of"])
    assert "3,000 added" in latest["detail"]


def test_impossible_arithmetic_fails_and_names_its_claims(tmp_path: Path) -> None:
    added: list[int] = []

    def impossible(conn: sqlite3.Connection) -> None:
        added.append(insert_claim(
            conn, D004, "more than 2,700 injured", 6000, 6000, "killed",
            subject="North Korean soldiers", source="Some analyst",
            time=("2025-01-31", "2025-01-31")))
        added.append(insert_claim(
            conn, D004, "casualty figures have reached concerning levels", 20000, 20000,
            "casualties", subject="North Korean troops", source="Another analyst",
            time=("2025-03-11", "2025-03-11")))
    ledger = _ledger(tmp_path, impossible)
    failed = [c for c in ledger["checks"] if not c["ok"]]
    rules = {c["rule"] for c in failed}
    assert "killed<=casualties" in rules          # 6,000 killed, 4,000 casualties later
    assert "killed+wounded<=casualties" in rules  # 6,000 + 2,700 > 4,000
    assert "casualties<=personnel" in rules       # 20,000 lost of ~15,000 sent
    six_k = added[0]
    assert any(six_k in c["claims"] for c in failed)
    assert f"check:{failed[0]['id']}" in _claim(ledger, failed[0]["claims"][0])["flags"]
