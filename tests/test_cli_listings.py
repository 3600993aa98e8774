"""Every listing command takes --format csv|json|table; `claims` fits 80 columns."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_stories_fixtures import seed_store

from claimtrail.cli import main


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "seed.db"
    seed_store(path).close()
    return str(path)


@pytest.mark.parametrize("command", [["claims"], ["stories"], ["docs"], ["log"],
                                     ["search", "casualties"]])
def test_listings_print_csv_and_json(db: str, command: list[str]) -> None:
    run = CliRunner().invoke
    out = run(main, [*command, "--db", db, "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.output)))
    assert rows and len({len(r) for r in rows}) == 1          # a header and even rows
    out = run(main, [*command, "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    assert isinstance(json.loads(out.output), list)


def test_claims_table_is_narrow_unless_wide(db: str) -> None:
    run = CliRunner().invoke
    narrow = run(main, ["claims", "--db", db]).output.splitlines()
    assert narrow[0].split("\t") == ["id", "value", "kind", "source", "doc"]
    assert "at least 5,000" in "\n".join(narrow)              # the figure in words
    wide = run(main, ["claims", "--db", db, "--wide"]).output.splitlines()
    assert "sentence" not in wide[0] and "qualifier" in wide[0].split("\t")
