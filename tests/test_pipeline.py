"""The ingest pipeline over documents made in code: dedup, resumption, log, stages."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrail import pipeline
from claimtrail.models import Document, IngestProblem
from claimtrail.pipeline import IngestReport, ingest_items
from claimtrail.store import Connection, connect
from claimtrail.store import documents as store

BASE = ("Ukraine's military intelligence agency said approximately 30 North Korean soldiers "
        "were killed or wounded over the weekend near the village of Plekhovo in the Kursk "
        "region, where they fought alongside Russian marines and paratroopers. The agency said "
        "the soldiers had been deployed in small groups, lacked drones and artillery cover, and "
        "that at least three of them went missing near Vorozhba. Officials in Seoul said they "
        "could not confirm the figures but estimated that some 11,000 troops had been sent.")
EDITED = BASE.replace("small groups", "small units")   # one word changed
OTHER = ("Grain shipments through the Black Sea resumed on Tuesday after talks in Istanbul, "
         "with three vessels leaving Odesa under the supervision of a joint coordination centre "
         "that inspects every ship for weapons before it enters Ukrainian waters.")


def doc(doc_id: str, text: str, published: str | None = None) -> Document:
    return Document(id=doc_id, text=text, published=published, input=f"in/{doc_id}",
                    format="txt")


def dangling_keys(conn: Connection) -> list[tuple[str, str, int]]:
    """(table, column, rows) of every foreign key pointing at no row, on either store."""
    out = []
    for table in conn.tables():
        for column, target, key in conn.foreign_keys(table):
            n = conn.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL AND'
                             f' "{column}" NOT IN (SELECT "{key}" FROM "{target}")').fetchone()[0]
            if n:
                out.append((table, column, n))
    return out


@pytest.fixture
def conn(store_url: str) -> Connection:
    return connect(store_url)


def run(conn: Connection, items: Iterable[Document | IngestProblem],
        **kwargs: object) -> IngestReport:
    kwargs.setdefault("extract", False)
    kwargs.setdefault("stories", False)
    kwargs.setdefault("on_problem", lambda p: None)
    return ingest_items(conn, items, inputs=["in"], **kwargs)  # type: ignore[arg-type]


def test_exact_copy_is_stored_once_with_an_alias(conn: Connection) -> None:
    recrawl = BASE.replace(". ", ".\n\n").upper()
    report = run(conn, [doc("a.txt", BASE), doc("a-again.txt", recrawl), doc("o.txt", OTHER)])
    assert (report.added, report.duplicates, report.failed) == (2, 1, 0)
    assert store.stats(conn)["aliases"] == 1
    assert store.get_document(conn, "a-again.txt")["id"] == "a.txt"
    (logged,) = [r for r in store.ingest_log(conn) if r["status"] == "duplicate"]
    assert logged["document_id"] == "a.txt" and logged["input"] == "in/a-again.txt"


def test_an_earlier_published_exact_copy_takes_the_stored_place(
        conn: Connection) -> None:
    # a feed lists the newest first: the re-crawl arrives before the original
    report = run(conn, [doc("recrawl.txt", BASE, "2024-12-17T08:00:00Z"),
                        doc("near.txt", EDITED, "2024-12-18"),
                        doc("first.txt", BASE.upper(), "2024-12-16")])
    assert (report.added, report.duplicates) == (2, 1)
    assert report.added_ids == ["first.txt", "near.txt"]
    stored = store.get_document(conn, "recrawl.txt")
    assert stored["id"] == "first.txt" and stored["published"] == "2024-12-16"
    assert stored["aliases"][0]["alias"] == "recrawl.txt"
    assert stored["aliases"][0]["published"] == "2024-12-17T08:00:00Z"
    assert [tuple(r) for r in conn.execute("SELECT document_id, copy_of FROM copies")] == \
        [("near.txt", "first.txt")]
    assert {r[0] for r in conn.execute("SELECT document_id FROM minhashes")} == \
        {"first.txt", "near.txt"}
    assert dangling_keys(conn) == []
    logged = {r["input"]: r["document_id"] for r in store.ingest_log(conn)}
    assert logged["in/recrawl.txt"] == logged["in/first.txt"] == "first.txt"
    # the signature followed the new id: a later near-copy links to it
    later = run(conn, [doc("near2.txt", BASE.replace("Seoul", "Seoul, South Korea"),
                           "2024-12-19")])
    assert later.copies == 1
    assert store.get_document(conn, "near2.txt")["copy_of"][0]["id"] == "first.txt"


def test_once_in_a_story_an_earlier_exact_copy_is_only_an_alias(
        conn: Connection) -> None:
    # Claims and features are the document's own (they give way to the copy's: see
    # test_an_earlier_exact_copy_takes_the_place_of_an_extracted_document); a story
    # refers to the id, so that pins it.
    run(conn, [doc("recrawl.txt", BASE, "2024-12-17")])
    conn.execute("INSERT INTO stories (id, title) VALUES (1, 'Kursk')")
    conn.execute("INSERT INTO story_members (document_id, story_id) VALUES ('recrawl.txt', 1)")
    report = run(conn, [doc("first.txt", BASE, "2024-12-16")])
    assert report.duplicates == 1
    assert store.get_document(conn, "first.txt")["id"] == "recrawl.txt"


def test_near_copy_is_linked_not_dropped_and_the_later_is_the_copy(
        conn: Connection) -> None:
    # the edited version arrives first but was published later
    report = run(conn, [doc("late.txt", EDITED, "2024-12-17"), doc("early.txt", BASE,
                                                                   "2024-12-16T09:00:00Z")])
    assert (report.added, report.copies) == (2, 1)
    links = [dict(r) for r in conn.execute("SELECT * FROM copies")]
    assert len(links) == 1
    assert (links[0]["document_id"], links[0]["copy_of"]) == ("late.txt", "early.txt")
    assert 0.8 <= links[0]["similarity"] < 1
    log = {r["document_id"]: r for r in store.ingest_log(conn)}
    assert log["early.txt"]["status"] == "copy" and "original of late.txt" in \
        log["early.txt"]["reason"]


def test_near_copies_are_found_across_runs(conn: Connection, store_url: str) -> None:
    run(conn, [doc("first.txt", BASE), doc("o.txt", OTHER)])
    conn.close()
    later = connect(store_url)            # a new process: the LSH index comes from the store
    report = run(later, [doc("second.txt", EDITED)])
    assert report.copies == 1
    assert [tuple(r) for r in later.execute("SELECT document_id, copy_of FROM copies")] == \
        [("second.txt", "first.txt")]


def test_two_ingests_at_once_see_each_other(conn: Connection, store_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrail.config import EngineSettings

    # one document per batch, so that o.txt is stored before the other ingest reads
    monkeypatch.setattr(pipeline, "ENGINE", EngineSettings(batch_docs=1))

    def items() -> Iterator[Document]:
        yield doc("o.txt", OTHER)
        other = connect(store_url)         # a second ingest commits while this one runs
        run(other, [doc("first.txt", BASE, "2024-12-16"), doc("x.txt", OTHER + " Again.")])
        other.close()
        yield doc("second.txt", EDITED, "2024-12-17")
        yield doc("x2.txt", OTHER + " again")     # exact copy of the other ingest's x.txt

    from claimtrail.engine import LocalEngine

    # consumed lazily, as iter_documents is (one process: no batches read ahead)
    report = run(conn, items(), engine=LocalEngine(workers=1))
    assert report.copies == 1 and report.duplicates == 1
    assert store.get_document(conn, "x2.txt")["id"] == "x.txt"
    assert {tuple(r) for r in conn.execute("SELECT document_id, copy_of FROM copies")} == \
        {("second.txt", "first.txt"), ("x.txt", "o.txt")}   # the other ingest saw o.txt too


def test_rerun_adds_nothing(conn: Connection) -> None:
    items = [doc("a.txt", BASE), doc("b.txt", EDITED), doc("a2.txt", BASE), doc("o.txt", OTHER),
             IngestProblem("in/bad.bin", "binary file, not text")]
    first = run(conn, items)
    before = store.stats(conn)
    second = run(conn, items)
    assert store.stats(conn) == before
    assert (second.added, second.duplicates, second.copies, second.skipped) == (0, 0, 0, 4)
    assert second.failed == first.failed == 1          # a bad input stays reported
    assert conn.execute("SELECT count(*) FROM ingest_log WHERE run_id = ?",
                        (second.run_id,)).fetchone()[0] == 1      # only the error


def test_same_id_with_new_text_keeps_the_stored_version_and_says_so(
        conn: Connection) -> None:
    run(conn, [doc("a.txt", BASE)])
    report = run(conn, [doc("a.txt", OTHER)])
    assert report.skipped == 1 and store.get_document(conn, "a.txt")["text"] == BASE
    (row,) = store.ingest_log(conn, run_id=report.run_id)
    assert row["status"] == "skipped" and "different text" in row["reason"]


def test_problems_are_logged_reported_and_the_batch_goes_on(conn: Connection) -> None:
    seen: list[IngestProblem] = []
    report = run(conn, [IngestProblem("in/x.pdf", "unsupported format: PDF", "read"),
                        doc("a.txt", BASE), doc("blank.txt", " … — "), doc("o.txt", OTHER)],
                 on_problem=seen.append)
    assert report.added == 2 and report.failed == 2 and not report.ok
    assert [p.input for p in seen] == ["in/x.pdf", "in/blank.txt"]
    errors = store.ingest_log(conn, errors_only=True)
    assert {(e["input"], e["stage"]) for e in errors} == {("in/x.pdf", "read"),
                                                          ("in/blank.txt", "clean")}
    (run_row,) = store.ingest_runs(conn)
    assert (run_row["added"], run_row["failed"], bool(run_row["finished_at"])) == (2, 2, True)


def test_default_problem_printer_writes_one_line_to_stderr(
        conn: Connection, capsys: pytest.CaptureFixture[str]) -> None:
    ingest_items(conn, [IngestProblem("in/x.pdf", "unsupported format: PDF")], extract=False,
                 stories=False)
    assert capsys.readouterr().err == "error: in/x.pdf: unsupported format: PDF\n"


def test_signatures_missing_from_the_store_are_rebuilt(conn: Connection) -> None:
    run(conn, [doc("first.txt", BASE)])
    conn.execute("DELETE FROM minhashes")
    report = run(conn, [doc("second.txt", EDITED)])
    assert report.copies == 1 and store.stats(conn)["minhashes"] == 2


# --- the stages after storing --------------------------------------------------------

def claim_rows(conn: Connection) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(
        "SELECT document_id, seq, quote, low, high, kind FROM claims ORDER BY document_id, seq")]


@pytest.mark.slow
def test_claims_are_stored_with_each_document_and_pending_ones_catch_up(
        conn: Connection) -> None:
    # a run that stored documents without claims (--no-extract, or killed before them)
    first = run(conn, [doc("a.txt", BASE), doc("o.txt", OTHER)])
    assert first.extracted is None and store.documents_pending_extraction(conn) == [
        "a.txt", "o.txt"]
    report = run(conn, [doc("b.txt", EDITED), doc("a.txt", BASE)], extract=True)
    assert report.extracted == 3 and store.documents_pending_extraction(conn) == []
    quotes = {(d, q) for d, _, q, *_ in claim_rows(conn)}
    assert {("a.txt", "approximately 30"), ("b.txt", "approximately 30"),
            ("a.txt", "some 11,000")} <= quotes
    again = run(conn, [doc("a.txt", BASE)], extract=True)
    assert (again.extracted, again.skipped) == (0, 1)


@pytest.mark.slow
def test_an_earlier_exact_copy_takes_the_place_of_an_extracted_document(
        conn: Connection) -> None:
    rewrapped = BASE.replace(". ", ".\n\n")
    run(conn, [doc("late.txt", BASE, "2024-05-03")], extract=True)
    before = [row[1:] for row in claim_rows(conn)]
    report = run(conn, [doc("early.txt", rewrapped, "2024-05-01")], extract=True)
    assert report.duplicates == 1 and store.get_document(conn, "late.txt")["id"] == "early.txt"
    after = claim_rows(conn)
    assert {row[0] for row in after} == {"early.txt"} and [row[1:] for row in after] == before
    orphans = conn.execute("SELECT count(*) FROM sources WHERE id NOT IN"
                           " (SELECT source_id FROM claims WHERE source_id IS NOT NULL)")
    assert orphans.fetchone()[0] == 0


def test_a_failing_stage_surfaces_after_documents_are_safe(
        conn: Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrail import stories

    def exploding(conn: Connection, ids: list[str]) -> dict[str, int]:
        raise RuntimeError("model exploded")

    run(conn, [doc("a.txt", BASE)])                  # stored; its stories still pending
    monkeypatch.setattr(stories, "assign_stories", exploding)
    with pytest.raises(pipeline.StageError, match="model exploded") as err:
        run(conn, [], stories=True)
    assert isinstance(err.value.__cause__, RuntimeError)
    assert "rerun the same command" in (err.value.hint or "")
    assert store.count_documents(conn) == 1
    assert all(r["finished_at"] for r in store.ingest_runs(conn))
    assert store.documents_pending_stories(conn)[1] == ["a.txt"]   # retried next time


def test_stages_that_are_off_report_none(conn: Connection) -> None:
    report = run(conn, [doc("a.txt", BASE)])
    assert report.extracted is None and report.assigned_to_stories is None


def test_ingest_reads_real_files_with_a_manifest_and_a_progress_bar(
        conn: Connection, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import EXAMPLE, ROOT

    report = pipeline.ingest(conn, [EXAMPLE], manifest=str(ROOT / "examples" /
                                                            "kursk-manifest.csv"),
                             progress=True, extract=False, stories=False)
    assert (report.added, report.failed) == (5, 0) and report.ok
    dated = conn.execute("SELECT count(*) FROM documents WHERE published_from = 'manifest'")
    assert dated.fetchone()[0] == 5
    assert "error" not in capsys.readouterr().err


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["base", "edited", "other", "base-upper"]),
                          st.one_of(st.none(), st.dates().map(str))),
                min_size=1, max_size=8))
def test_any_order_of_copies_keeps_the_store_consistent(
        tmp_path_factory: pytest.TempPathFactory,
        versions: list[tuple[str, str | None]]) -> None:
    texts = {"base": BASE, "edited": EDITED, "other": OTHER, "base-upper": BASE.upper()}
    docs = [doc(f"d{i}.txt", texts[name], published) for i, (name, published)
            in enumerate(versions)]
    conn = connect(tmp_path_factory.mktemp("prop") / "p.db")
    report = run(conn, docs)
    distinct = {store_hash(d.text) for d in docs}
    assert store.count_documents(conn) == len(distinct) == report.added
    assert report.added + report.duplicates == len(docs)
    for d in docs:                                     # every input id still finds its text
        found = store.get_document(conn, d.id)
        assert store_hash(found["text"]) == store_hash(d.text)
    for d in store.list_documents(conn):               # the stored one is the earliest copy
        aliases = store.get_document(conn, d["id"])["aliases"]
        if d["published"]:
            assert all(a["published"] is None or a["published"] >= d["published"]
                       for a in aliases)
    assert dangling_keys(conn) == []
    assert conn.execute("SELECT count(*) FROM minhashes").fetchone()[0] == len(distinct)
    before = store.stats(conn)
    assert run(conn, docs).added == 0 and store.stats(conn) == before
    conn.close()


def store_hash(text: str) -> str:
    from claimtrail.ingest.dedup import content_hash

    return content_hash(text)
