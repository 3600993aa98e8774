"""`claimtrail extract` and `claimtrail claims`."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrail.cli import main
from claimtrail.extract import extract_and_store, load_nlp
from claimtrail.models import Document
from claimtrail.store import connect
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.slow
MANIFEST = EXAMPLE.parent / "kursk-manifest.csv"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_extract_prints_the_export_contract_as_jsonl() -> None:
    code, out, _ = run("extract", str(EXAMPLE), "--manifest", str(MANIFEST))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) >= 18
    assert {ln["doc"] for ln in lines} == {p.name for p in EXAMPLE.glob("*.txt")}
    keys = {"doc", "sentence", "value", "unit", "kind", "subject", "source", "time", "place",
            "span", "quote", "derived", "derived_from"}
    assert all(set(ln) == keys for ln in lines)
    assert not any(ln["derived"] for ln in lines)
    weekend = next(ln for ln in lines if ln["time"] and ln["time"]["text"] == "over the weekend")
    assert weekend["time"]["start"] == "2024-12-14"      # resolved with the manifest's date


def test_extract_derived_flag_and_csv(tmp_path: Path) -> None:
    code, out, _ = run("extract", str(EXAMPLE / "002_7c1b3e37c3792be6.txt"), "--derived",
                       "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    derived = [r for r in rows if r["derived"] == "true"]   # spelled as export spells it
    assert derived and all(r["derived_from"] for r in derived)
    assert {"source", "source_mention", "time_text", "span_start"} <= set(rows[0])


def test_extract_table_when_piped() -> None:
    code, out, _ = run("extract", str(EXAMPLE / "004_f3a69888d00d513d.txt"), "--format", "table")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split("\t")[:3] == ["doc", "quote", "low"]
    assert any("\twounded\t" in r for r in rows)


def test_extract_reports_bad_inputs_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Moscow has deployed an estimated 100,000 soldiers near the border.", "utf-8")
    code, out, err = run("extract", str(tmp_path / "missing.txt"), str(good))
    assert code == 2
    assert "missing.txt" in err
    assert [json.loads(line)["doc"] for line in out.splitlines()] == ["good.txt"]


def test_extract_unknown_model_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["extract", str(EXAMPLE), "--model", "/no/such/model"])
    assert result.exit_code == 1
    assert "no spaCy pipeline could be loaded" in result.output + result.stderr


def test_claims_lists_and_filters_the_store(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    conn = connect(db)
    from claimtrail.store.documents import add_document

    for path in sorted(EXAMPLE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        add_document(conn, Document(id=path.name, text=text, input=str(path), format="txt"),
                     hashlib.sha256(text.encode()).hexdigest())
    extract_and_store(conn, [p.name for p in sorted(EXAMPLE.glob("*.txt"))], nlp=load_nlp())
    conn.close()
    code, out, _ = run("claims", "--db", str(db), "--kind", "casualties", "--json")
    assert code == 0
    found = json.loads(out)
    assert found and all(c["kind"] == "casualties" for c in found)
    code, out, _ = run("claims", "--db", str(db), "--source", "British defense ministry", "--json")
    assert {c["source"]["name"] for c in json.loads(out)} == {"UK Ministry of Defence"}
    code, out, _ = run("claims", "--db", str(db), "--doc", "004_f3a69888d00d513d.txt", "--wide")
    assert code == 0 and "more than 2,700" in out          # the quote, with --wide
