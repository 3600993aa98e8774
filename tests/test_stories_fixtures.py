"""A store filled with real documents (and gold claims) without the ingest pipeline, so
story and ledger tests do not depend on other stages' heuristics. Imported by the other
test_stories*/test_reconcile*/test_ledger* modules; its own tests check the loader."""
from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import CORPUS, EXAMPLE, SHARED

from claimtrail.store import connect
from claimtrail.store.connection import Connection

MANIFEST = EXAMPLE.parent / "kursk-manifest.csv"
GOLD = SHARED / "eval" / "seeds.gold.jsonl"
UKRAINE = CORPUS / "ukraine-news"
_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z_")


def guess_title(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0].strip()
    if first and len(first.split()) <= 20 and not first.endswith("."):
        return first
    return None


def add_document(conn: Connection, path: Path, published: str | None,
                 origin: str | None = None) -> str:
    """Store one file as ingest would: exact copies become aliases of the first."""
    text = path.read_text(encoding="utf-8").strip()
    digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
    found = conn.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
    if found:
        conn.execute("INSERT INTO document_aliases(alias, document_id, input, published)"
                     " VALUES (?, ?, ?, ?)", (path.name, found[0], str(path), published))
        return str(found[0])
    if origin is None:
        m = re.search(r"Original Source:\s*(\S+)", text)
        origin = m.group(1) if m else None
    conn.execute("INSERT INTO documents(id, title, published, origin, text, content_hash, input,"
                 " format) VALUES (?, ?, ?, ?, ?, ?, ?, 'txt')",
                 (path.name, guess_title(text), published, origin, text, digest, str(path)))
    return path.name


def seed_dates() -> dict[str, str]:
    with MANIFEST.open(encoding="utf-8") as f:
        return {row["file"]: row["published"] for row in csv.DictReader(f)}


def load_seeds(conn: Connection) -> list[str]:
    dates = seed_dates()
    return [add_document(conn, p, dates.get(p.name)) for p in sorted(EXAMPLE.glob("*.txt"))]


def ukraine_date(name: str) -> str | None:
    m = _STAMP.match(name)
    if not m:
        return None
    y, mo, d, h, mi, s = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


def load_ukraine(conn: Connection, limit: int | None = None) -> list[str]:
    paths = sorted(UKRAINE.glob("*.txt"))[:limit]
    return [add_document(conn, p, ukraine_date(p.name)) for p in paths]


# The gold file gives time words only; these are their dates, resolved by hand against
# the manifest's publication dates (what a time resolver should produce).
GOLD_TIMES: dict[tuple[str, str], tuple[str, str]] = {
    ("001", "over the weekend"): ("2024-12-14", "2024-12-15"),
    ("002", "last year"): ("2024-01-01", "2024-12-31"),
    ("002", "the previous year"): ("2024-01-01", "2024-12-31"),
    ("002", "during January and February of this year"): ("2025-01-01", "2025-02-28"),
    ("004", "As of January"): ("2025-01-31", "2025-01-31"),
    ("004", "since January"): ("2025-01-01", "2025-03-11"),
}


def add_gold_claims(conn: Connection) -> None:
    """The hand-made claims of seeds.gold.jsonl as claims rows (sources canonicalised)."""
    seq: dict[str, int] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        text = conn.execute("SELECT text FROM documents WHERE id = ?", (g["doc"],)).fetchone()[0]
        start = text.find(g["evidence"])
        source_id = None
        if g["source"]:
            conn.execute("INSERT INTO sources(name) VALUES (?) ON CONFLICT DO NOTHING",
                         (g["source"],))
            source_id = conn.execute("SELECT id FROM sources WHERE name = ?",
                                     (g["source"],)).fetchone()[0]
        seq[g["doc"]] = seq.get(g["doc"], 0) + 1
        t_start, t_end = GOLD_TIMES.get((g["doc"][:3], g["time_text"] or ""), (None, None))
        conn.execute(
            "INSERT INTO claims(document_id, seq, sentence, span_start, span_end, quote, low,"
            " high, qualifier, unit, kind, subject, source_id, source_mention, time_text,"
            " time_start, time_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (g["doc"], seq[g["doc"]], g["evidence"], start, start + len(g["evidence"]),
             g["evidence"], g["low"], g["high"], g["qualifier"], g["unit"], g["kind"],
             g["subject"], source_id, g["source"], g["time_text"], t_start, t_end))


def insert_claim(conn: Connection, doc: str, evidence: str, low: float | None,
                 high: float | None, kind: str, *, qualifier: str = "exact",
                 subject: str | None = None, source: str | None = None, unit: str = "people",
                 time: tuple[str, str] | None = None, quote: str | None = None,
                 place: str | None = None) -> int:
    """One more claim on a stored document, resting on ``evidence`` (a substring);
    ``quote`` is the figure's own words (default: the whole evidence)."""
    text = conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()[0]
    start = text.find(evidence)
    assert start >= 0, f"{evidence!r} is not in {doc}"
    source_id = None
    if source:
        conn.execute("INSERT INTO sources(name) VALUES (?) ON CONFLICT DO NOTHING", (source,))
        source_id = conn.execute("SELECT id FROM sources WHERE name = ?", (source,)).fetchone()[0]
    seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM claims WHERE document_id = ?",
                       (doc,)).fetchone()[0]
    cur = conn.execute(
        "INSERT INTO claims(document_id, seq, sentence, span_start, span_end, quote, low, high,"
        " qualifier, unit, kind, subject, source_id, source_mention, time_start, time_end,"
        " place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (doc, seq, evidence, start, start + len(evidence), quote or evidence, low, high,
         qualifier, unit,
         kind, subject, source_id, source, time[0] if time else None, time[1] if time else None,
         place))
    return int(cur.fetchone()[0])


def manual_story(conn: Connection, ids: list[str], title: str = "test story") -> int:
    """A story holding exactly these documents, without clustering (no spaCy)."""
    from claimtrail.store import stories as story_store

    story_id = story_store.create_story(conn, title)
    for doc in ids:
        story_store.set_member(conn, doc, story_id, None)
    return story_id


def seed_ledger(path: Path, edit: Callable[[Connection], Any] | None = None
                ) -> dict[str, Any]:
    """The ledger of the five seeds as one story, after ``edit`` (if any) changed the store."""
    from claimtrail.reconcile import build_ledger

    conn = seed_store(path)
    if edit:
        edit(conn)
    ids = [r[0] for r in conn.execute("SELECT id FROM documents")]
    return build_ledger(conn, manual_story(conn, ids))


def seed_store(path: Path, with_claims: bool = True) -> Connection:
    conn = connect(path)
    load_seeds(conn)
    if with_claims:
        add_gold_claims(conn)
    return conn


def test_seed_store_holds_five_documents_and_gold_claims(tmp_path: Path) -> None:
    conn = seed_store(tmp_path / "s.db")
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 5
    assert conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == len(
        GOLD.read_text().splitlines())
    assert conn.execute("SELECT origin FROM documents WHERE id LIKE '002%'").fetchone()[0] \
        == "en.yna.co.kr"


def test_recrawled_files_become_aliases(tmp_path: Path) -> None:
    conn = connect(tmp_path / "u.db")
    load_ukraine(conn)
    docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    aliases = conn.execute("SELECT COUNT(*) FROM document_aliases").fetchone()[0]
    assert docs + aliases == 431 and aliases >= 7
