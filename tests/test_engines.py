"""The engines share one per-document step, so the Spark engine stores what the local
engine stores: same documents, aliases, copy links, claims, features and ledger."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CORPUS, EXAMPLE, ROOT
from postgres_server import PostgresServer

from claimtrail.cli import main
from claimtrail.engine import LocalEngine, Steps, process_document
from claimtrail.models import Document
from claimtrail.pipeline import ingest
from claimtrail.store import connect

MANIFEST = ROOT / "examples" / "kursk-manifest.csv"

CLAIM_COLUMNS = ("c.document_id, c.seq, c.sentence, c.sentence_start, c.sentence_end,"
                 " c.span_start, c.span_end, c.quote, c.low, c.high, c.qualifier, c.unit,"
                 " c.kind, c.subject, s.name, s.type, c.source_mention, c.source_via,"
                 " c.time_text, c.time_start, c.time_end, c.place, c.derived, c.derived_from")


def snapshot(db: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything an ingest stores, by value (row ids aside), from either store."""
    conn = connect(db, migrate_schema=False)
    try:
        queries = {
            "documents": "SELECT id, content_hash, title, outlet, published, published_from,"
                         " language, text, extra FROM documents",
            "aliases": "SELECT alias, document_id FROM document_aliases",
            "copies": "SELECT document_id, copy_of, similarity, method FROM copies",
            "claims": f"SELECT {CLAIM_COLUMNS} FROM claims c"
                      " LEFT JOIN sources s ON s.id = c.source_id",
            "extractions": "SELECT document_id, extractor, n_claims FROM extractions",
            "features": "SELECT document_id, terms, entities, vector, sentences"
                        " FROM story_features",
            "log": "SELECT input, stage, status, reason, document_id FROM ingest_log",
        }
        return {name: sorted((tuple(r) for r in conn.execute(sql)), key=repr)
                for name, sql in queries.items()}
    finally:
        conn.close()


def ledger(db: str | Path, story: int = 1) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["story", str(story), "--db", str(db), "--format",
                                       "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def assert_same_store(local_db: str | Path, spark_db: str | Path
                      ) -> dict[str, list[tuple[Any, ...]]]:
    local, spark = snapshot(local_db), snapshot(spark_db)
    for table in local:
        assert spark[table] == local[table], f"{table} differ between the engines"
    return local


@pytest.mark.slow
def test_spark_stores_what_the_local_engine_stores_on_the_seeds(
        tmp_path: Path, spark_session: Any, postgres_server: PostgresServer) -> None:
    # the default run (local engine, SQLite) against --engine spark --db postgresql://...
    local_db, spark_db = tmp_path / "local.db", postgres_server.new_database()
    conn = connect(local_db)
    report = ingest(conn, [str(EXAMPLE)], manifest=str(MANIFEST), engine=LocalEngine())
    conn.close()
    # The command line, as a user runs it (it finds the session this process has).
    spark_run = CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--manifest", str(MANIFEST),
                                          "--db", str(spark_db), "--engine", "spark",
                                          "--json"], catch_exceptions=False)
    assert spark_run.exit_code == 0, spark_run.output
    spark_report = json.loads(spark_run.output)
    assert spark_report["engine"] == "spark" and report.engine == "local"
    assert (spark_report["added"], spark_report["extracted"]) == (report.added, 5) == (5, 5)
    stored = assert_same_store(local_db, spark_db)
    assert len(stored["claims"]) >= 20 and len(stored["features"]) == 5
    seed = ledger(local_db)
    assert seed["variables"] and ledger(spark_db) == seed

    from claimtrail.engine.spark import SparkEngine

    loads = SparkEngine(spark_session).worker_model_loads()
    # every worker that ran the step loaded each pipeline once, however many tasks it ran
    assert any(worker == {"default": 1} for worker in loads.values()), loads
    assert all(n == 1 for worker in loads.values() for n in worker.values()), loads


@pytest.mark.slow
def test_spark_stores_what_the_local_engine_stores_on_ukraine_news(
        tmp_path: Path, spark_session: Any, postgres_server: PostgresServer) -> None:
    from claimtrail.engine.spark import SparkEngine

    news = str(CORPUS / "ukraine-news")
    # the default run (local engine, SQLite) against Spark writing to PostgreSQL
    stores: dict[str, str | Path] = {"local": tmp_path / "local.db",
                                     "spark": postgres_server.new_database()}
    for name, engine in (("local", LocalEngine()), ("spark", SparkEngine(spark_session))):
        conn = connect(stores[name])
        ingest(conn, [news], engine=engine, on_problem=lambda p: None)
        conn.close()
    stored = assert_same_store(stores["local"], stores["spark"])
    # the corpus has re-crawls (exact copies) and a lightly edited copy
    assert len(stored["documents"]) > 400 and stored["aliases"] and stored["copies"]
    assert len(stored["claims"]) > 250
    assert ledger(stores["spark"]) == ledger(stores["local"])


@pytest.mark.slow
def test_out_writes_what_a_store_would_hold_as_parquet(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    db, out = tmp_path / "kursk.db", tmp_path / "out"
    runner = CliRunner()
    for target in (["--db", str(db)], ["--out", str(out)]):
        result = runner.invoke(main, ["ingest", str(EXAMPLE), "--manifest", str(MANIFEST),
                                      "--no-stories", *target], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "aliases.parquet", "claims.parquet", "copies.parquet", "documents.parquet",
        "ingest_log.parquet"]                       # the scratch store is gone
    conn = connect(db)
    from claimtrail.store.claims import list_claims

    stored = list_claims(conn)
    hashes = dict(conn.execute("SELECT id, content_hash FROM documents").fetchall())
    conn.close()
    written = pq.read_table(out / "claims.parquet").to_pylist()
    assert len(written) == len(stored) > 0
    for row, claim in zip(written, stored, strict=True):
        assert {k: v for k, v in row.items() if k != "source"} == \
            {k: v for k, v in claim.items() if k != "source"}
        assert {k: v for k, v in (row["source"] or {}).items() if v is not None} == \
            (claim["source"] or {})
    documents = pq.read_table(out / "documents.parquet").to_pylist()
    assert {d["id"]: d["content_hash"] for d in documents} == hashes


def test_the_per_document_step_depends_on_the_document_alone() -> None:
    # Stored form only (no spaCy): equal texts up to case and spacing share a hash.
    steps = Steps(extract=False, features=False)
    first = process_document(Document("a.txt", "Some 11,000 troops were sent."), steps)
    again = process_document(Document("b.txt", "SOME 11,000  troops were\nsent"), steps)
    other = process_document(Document("c.txt", "Some 12,000 troops were sent."), steps)
    assert first.content_hash == again.content_hash != other.content_hash
    assert first.signature == again.signature and first.claims is None
    empty = process_document(Document("d.txt", " … — "), steps)
    assert empty.content_hash is None and empty.signature is None


def test_spark_master_needs_the_spark_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--db", str(tmp_path / "x.db"),
                                       "--spark-master", "local[1]"])
    assert result.exit_code == 1 and "--spark-master needs --engine spark" in result.output
    assert not (tmp_path / "x.db").exists()


def test_the_spark_engine_without_pyspark_says_how_to_get_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyspark.sql", None)    # import pyspark.sql fails
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--db", str(tmp_path / "x.db"),
                                       "--engine", "spark"])
    assert result.exit_code == 1 and "needs PySpark" in result.output
    assert "claimtrail[spark]" in result.output and not (tmp_path / "x.db").exists()


@pytest.mark.slow
def test_a_document_whose_features_fail_does_not_stop_its_batch(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrail.engine import process_documents
    from claimtrail.stories import features

    real = features.document_features

    def failing_on_bad(doc: Any, pipeline: Any = None) -> Any:   # an injected fault
        if doc.id == "bad.txt":
            raise ValueError("unreadable")
        return real(doc, pipeline)

    monkeypatch.setattr(features, "document_features", failing_on_bad)
    docs = [Document("good.txt", "Some 11,000 North Korean troops were sent to Kursk."),
            Document("bad.txt", "Officials in Seoul said 30 soldiers were killed.")]
    good, bad = process_documents(docs, Steps(extract=True, features=True))
    assert good.features is not None and good.features.terms and bad.features is None
    assert bad.claims is not None and bad.claims.claims        # its claims are still there


@pytest.mark.slow
def test_spark_reads_and_extracts_the_text_of_each_input_in_its_partitions(
        tmp_path: Path, spark_session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # What the executors are sent is the inputs' paths; what comes back is the text
    # already extracted from the HTML and normalised: the reading ran in the partitions.
    from claimtrail.config import INGEST
    from claimtrail.engine.spark import SparkEngine
    from claimtrail.ingest.pipeline import Prepared, Source, read_sources

    page = ("<html><head><title>Troops sent</title></head><body><article><h1>Troops sent"
            "</h1><p>Officials in Kyiv said on Monday that about 11,000 North Korean troops"
            " had been sent to the Kursk region to fight alongside Russian forces.</p>"
            "<p>Some 3,000 of them were killed\u00a0or wounded, Ukrainian intelligence "
            "said.</p></article></body></html>")
    (tmp_path / "a.html").write_text(page)
    (tmp_path / "b.txt").write_text("Some 12,000  troops were sent.\r\n")
    sources = [Source(str(tmp_path / name), str(tmp_path / name))
               for name in ("a.html", "b.txt", "missing.txt")]
    sent: list[list[Any]] = []
    context = spark_session.sparkContext
    parallelize = context.parallelize

    def spy(data: Any, slices: Any = None) -> Any:
        sent.append(list(data))
        return parallelize(data, slices)

    monkeypatch.setattr(context, "parallelize", spy)
    entries = list(SparkEngine(spark_session).read(iter(sources), INGEST))
    assert sent == [sources]                       # paths, not texts, went to the tasks
    assert all(s.path and s.page is None for s in sent[0])
    assert entries == list(read_sources(sources, INGEST))   # the same as in this process
    (html,), (text,), (missing,) = entries
    assert isinstance(html, Prepared) and html.html is not None and "<p>" not in html.text
    assert "11,000 North Korean troops" in html.text and html.item.body == ""
    assert isinstance(text, Prepared) and text.text == "Some 12,000 troops were sent.\n"
    assert text.profile is not None and missing.reason == "no such file or folder"
