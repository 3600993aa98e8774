"""The ledger contract (docs/ledger.md), its Markdown and JSON through the CLI, and the
whole chain on the example story through the real ingest pipeline."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE
from test_stories_fixtures import MANIFEST, manual_story, seed_store

from claimtrail.cli import main
from claimtrail.errors import NotFound
from claimtrail.reconcile import build_ledger, render_markdown

CLAIM_KEYS = {"id", "doc", "sentence", "span", "quote", "value", "unit", "kind", "subject",
              "source", "time", "as_of", "place", "derived", "origin", "copies",
              "independent_origins", "flags"}


def _seed_ledger(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    db = tmp_path / "l.db"
    conn = seed_store(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM documents")]
    return db, build_ledger(conn, manual_story(conn, ids, "Kursk"))


def test_the_ledger_has_the_documented_shape(tmp_path: Path) -> None:
    _, ledger = _seed_ledger(tmp_path)
    json.dumps(ledger)                                   # plain JSON all the way down
    story = ledger["story"]
    assert {"id", "title", "size", "start", "end", "documents"} <= set(story)
    assert (story["size"], story["start"], story["end"]) == (5, "2024-11-04", "2025-03-11")
    assert {"id", "title", "outlet", "published", "origin", "copy_of"} <= set(
        story["documents"][0])
    conflict_ids = {c["id"] for c in ledger["conflicts"]}
    check_ids = {c["id"] for c in ledger["checks"]}
    seen: set[int] = set()
    for var in ledger["variables"]:
        assert {"id", "subject", "kind", "claims", "timeline", "conflicts", "checks",
                "estimate"} <= set(var)
        assert var["timeline"]["trend"] in ("cumulative", "conflicting", "stable", "mixed",
                                            "rising", "falling")
        assert var["timeline"]["points"] == [c["id"] for c in var["claims"]]
        for claim in var["claims"]:
            assert CLAIM_KEYS <= set(claim)
            assert claim["id"] not in seen
            seen.add(claim["id"])
            assert {"id", "claimant", "first_doc"} == set(claim["origin"])
            for flag in claim["flags"]:
                kind, _, ref = flag.partition(":")
                if kind == "conflict":
                    assert int(ref) in conflict_ids
                elif kind == "check":
                    assert int(ref) in check_ids
        for e in var["estimate"]:
            assert {"period", "low", "high", "origins", "supporting", "disagreeing"} <= set(e)
            assert set(e["supporting"]) <= {c["id"] for c in var["claims"]}
    assert all(set(c["claims"]) <= seen for c in ledger["checks"])


def test_the_markdown_has_a_timeline_table_per_variable(tmp_path: Path) -> None:
    _, ledger = _seed_ledger(tmp_path)
    md = render_markdown(ledger)
    assert md.startswith("# Story ")
    assert "## North Korean troops — personnel" in md
    assert "## North Korean troops — casualties" in md
    assert "| # | as of | value | source | origin | agreeing origins | mentions |" in md
    assert "trend: **cumulative**" in md
    # the summary leads, and no reader sees a raw qualifier code
    assert md.index("## Summary") < md.index("## North Korean troops — personnel")
    assert "at_least" not in md.split("## Checks")[0].replace("`", "")
    assert "## Conflicts" in md and "## Checks" in md
    assert "(`share-of-base`) ok: " in md and "1,667" in md


def test_the_cli_prints_the_ledger_and_a_missing_story_is_an_error(tmp_path: Path) -> None:
    db, ledger = _seed_ledger(tmp_path)
    run = CliRunner().invoke
    out = run(main, ["story", str(ledger["story"]["id"]), "--db", str(db), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["variables"][0]["id"] == ledger["variables"][0]["id"]
    out = run(main, ["story", str(ledger["story"]["id"]), "--db", str(db)])
    assert out.exit_code == 0 and "## Checks" in out.output
    done = subprocess.run(["claimtrail", "story", "77", "--db", str(db), "--json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert json.loads(done.stderr)["error"]["code"] == "not_found"
    with pytest.raises(NotFound):
        build_ledger(seed_store(tmp_path / "other.db", with_claims=False), 1)


@pytest.mark.slow
def test_the_example_through_the_real_pipeline(tmp_path: Path) -> None:
    """claimtrail ingest examples/kursk: one story; personnel and casualties apart; the
    4,000 / over 5,000 disagreement of 2025-03-10 flagged (docs/stories.md), in the JSON
    and in the Markdown."""
    db = str(tmp_path / "kursk.db")
    run = CliRunner().invoke
    out = run(main, ["ingest", str(EXAMPLE), "--manifest", str(MANIFEST), "--db", db])
    assert out.exit_code == 0, out.output
    stories = json.loads(run(main, ["stories", "--db", db, "--json"]).output)
    assert [s["size"] for s in stories] == [5]
    ledger = json.loads(run(main, ["story", str(stories[0]["id"]), "--db", db,
                                   "--format", "json"]).output)
    variables = {v["id"]: v for v in ledger["variables"]}
    personnel = variables["north-korean-troops/personnel"]
    casualties = variables["north-korean-troops/casualties"]
    lows = {c["value"]["low"] for c in personnel["claims"]}
    assert {10000, 11000, 12000, 3000} <= lows
    assert not {c["kind"] for c in personnel["claims"]} - {"personnel"}
    [conflict] = casualties["conflicts"]
    assert [(s["low"], s["high"]) for s in conflict["sides"]] == [(4000, 4000), (5000, None)]
    assert {n for s in conflict["sides"] for n in s["claimants"]} == {
        "South Korea's military", "UK Ministry of Defence"}
    assert {s["as_of"] for s in conflict["sides"]} == {"2025-03-10"}
    md = run(main, ["story", str(stories[0]["id"]), "--db", db]).output
    flagged = md.split("### Conflicts flagged")[1].split("*Independent origins.*")[0]
    assert "South Korea's military: 4,000" in flagged and "UK Ministry of Defence: at least 5,000" in flagged
    killed = variables["north-korean-troops/killed"]
    assert any(c["derived"] and c["value"]["low"] in (1666, 1667) for c in killed["claims"])
