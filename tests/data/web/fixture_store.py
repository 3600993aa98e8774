"""A small store in the real schema, matching the hand-written ledgers next to this file.

Documents are the five Kursk examples, a syndicated copy of one of them, and two crafted
hostile articles (script tags, event handlers, javascript: links). Claims are inserted
from the ledgers, so every claim id, span and sentence in a ledger is also in the store.
Used until (and alongside) the real ingest/stories pipeline.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from claimtrail.store import Connection
from claimtrail.store.db import atomic, connect
from claimtrail.web.queries import FixtureStories

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
EXAMPLE = ROOT / "examples" / "kursk"
LEDGERS = (HERE / "ledger.json", HERE / "ledger-xss.json")
XSS_TEXT = "<script>alert(1)</script>"
# Debian's Chromium (Playwright's own browser download does not work offline).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def document_texts() -> dict[str, str]:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))}
    texts["xss-article.txt"] = (HERE / "xss-article.txt").read_text(encoding="utf-8")
    texts.update(json.loads((HERE / "texts.json").read_text(encoding="utf-8")))
    return texts


def build_fixture_store(path: str | Path) -> FixtureStories:
    """Create the store at ``path``; return the story provider serving its ledgers."""
    texts = document_texts()
    ledgers = [json.loads(p.read_text(encoding="utf-8")) for p in LEDGERS]
    conn = connect(path)
    with atomic(conn):
        _insert(conn, texts, ledgers)
    conn.close()
    return FixtureStories(LEDGERS)


def _insert(conn: Connection, texts: dict[str, str], ledgers: list[dict]) -> None:
    run = conn.execute("INSERT INTO ingest_runs(inputs, added, failed) VALUES (?, ?, 1)"
                       " RETURNING id",
                       (json.dumps(["examples/kursk", "tests/data/web"]), len(texts))).fetchone()[0]
    for ledger in ledgers:
        for d in ledger["story"]["documents"]:
            doc_id = d["id"]
            url = ("javascript:alert(3)" if doc_id == "xss-article.html"
                   else f"https://example.org/news/{doc_id}")
            conn.execute(
                "INSERT INTO documents(id, title, outlet, url, published, published_from, text,"
                " content_hash, input, format) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc_id, d.get("title"), d.get("outlet"), url, d.get("published"), "manifest",
                 texts[doc_id], hashlib.sha256(texts[doc_id].encode()).hexdigest(),
                 f"fixture/{doc_id}", doc_id.rsplit(".", 1)[-1]))
            conn.execute("INSERT INTO ingest_log(run_id, input, stage, status, document_id)"
                         " VALUES (?, ?, 'store', 'ok', ?)", (run, f"fixture/{doc_id}", doc_id))
            if d.get("copy_of"):
                conn.execute("INSERT INTO copies(document_id, copy_of, similarity, method)"
                             " VALUES (?, ?, 0.93, 'minhash')", (doc_id, d["copy_of"]))
    conn.execute("INSERT INTO ingest_log(run_id, input, stage, status, reason) VALUES "
                 "(?, 'fixture/broken <b>file</b>.pdf', 'read', 'error', "
                 "'unsupported format: <script>alert(11)</script>')", (run,))
    for ledger in ledgers:
        for var in ledger["variables"]:
            for c in var["claims"]:
                _insert_claim(conn, texts[c["doc"]], c)


def _insert_claim(conn: Connection, text: str, c: dict) -> None:
    source_id = None
    if c.get("source"):
        conn.execute("INSERT INTO sources(name, type) VALUES (?, 'org') ON CONFLICT DO NOTHING",
                     (c["source"]["name"],))
        source_id = conn.execute("SELECT id FROM sources WHERE name = ?",
                                 (c["source"]["name"],)).fetchone()[0]
        if c["source"].get("mention"):
            conn.execute("INSERT INTO source_mentions VALUES (?, ?) ON CONFLICT DO NOTHING",
                         (source_id, c["source"]["mention"]))
    start = text.find(c["sentence"])
    assert start >= 0, f"claim {c['id']}: sentence not in {c['doc']}"
    assert text[c["span"][0]:c["span"][1]] == c["quote"], f"claim {c['id']}: span mismatch"
    seq = conn.execute("SELECT count(*) FROM claims WHERE document_id = ?",
                       (c["doc"],)).fetchone()[0]
    time = c.get("time") or {}
    source = c.get("source") or {}
    conn.execute(
        "INSERT INTO claims(id, document_id, seq, sentence, sentence_start, sentence_end,"
        " span_start, span_end, quote, low, high, qualifier, unit, kind, subject, source_id,"
        " source_mention, source_via, time_text, time_start, time_end, place, derived,"
        " derived_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (c["id"], c["doc"], seq, c["sentence"], start, start + len(c["sentence"]),
         c["span"][0], c["span"][1], c["quote"], c["value"]["low"], c["value"]["high"],
         c["value"]["qualifier"], c.get("unit"), c["kind"], c.get("subject"), source_id,
         source.get("mention"), source.get("via"), time.get("text"), time.get("start"),
         time.get("end"), c.get("place"), int(bool(c.get("derived"))), c.get("derived_from")))


def load_ledger(name: str = "ledger.json") -> dict:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def attach_pipeline_stories(path: str | Path) -> None:
    """Put the fixture documents into stories 1 and 2 of the stories tables, so the real
    ``claimtrail.reconcile.build_ledger`` (``PipelineStories``) serves them too."""
    conn = connect(path)
    with atomic(conn):
        for ledger in (json.loads(p.read_text(encoding="utf-8")) for p in LEDGERS):
            story = ledger["story"]
            conn.execute("INSERT INTO stories(id, title) VALUES (?, ?)",
                         (story["id"], story["title"]))
            for d in story["documents"]:
                conn.execute("INSERT INTO story_members(document_id, story_id) VALUES (?, ?)",
                             (d["id"], story["id"]))
    conn.close()
