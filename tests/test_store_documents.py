"""The document store: documents, aliases, copies, full-text search and the ingest log."""
from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrail.errors import BadInput, NotFound
from claimtrail.ingest.dedup import content_hash
from claimtrail.models import Document
from claimtrail.store import Connection, IntegrityError, atomic, connect
from claimtrail.store import documents as store

DOCS = [
    Document(id="a.txt", title="Troops sent to Kursk", outlet="Outlet A",
             published="2024-12-01", text="About 11,000 North Korean troops were sent to "
             "Kursk, officials said. Casualties were not reported."),
    Document(id="b.txt", title="Heavy casualties in Kursk", outlet="Outlet B",
             published="2025-01-10", origin="Reuters",
             text="North Korean units suffered heavy casualties: over 5,000 casualties in "
             "Kursk, the ministry said, with casualties rising every week."),
    Document(id="c.txt", title="Grain exports", published=None,
             text="Grain shipments through the Black Sea resumed after talks in Istanbul."),
]


@pytest.fixture
def conn(store_url: str) -> Connection:
    conn = connect(store_url)
    with atomic(conn):
        for doc in DOCS:
            store.add_document(conn, doc, content_hash(doc.text))
    return conn


def test_listing_carries_the_contract_fields_in_date_order(conn: Connection) -> None:
    rows = store.list_documents(conn)
    assert [r["id"] for r in rows] == ["a.txt", "b.txt", "c.txt"]   # unknown date last
    assert set(store.LISTING_FIELDS) <= set(rows[0])
    assert rows[1]["origin"] == "Reuters" and rows[1]["text"] == DOCS[1].text
    assert [r["id"] for r in store.list_documents(conn, limit=1, offset=1)] == ["b.txt"]


def test_aliases_and_copies_show_on_the_document(conn: Connection) -> None:
    with atomic(conn):
        store.add_alias(conn, "a-recrawl.txt", "a.txt", input="/x/a-recrawl.txt",
                        published="2024-12-02")
        store.add_copy(conn, "b.txt", "a.txt", 0.83, "minhash")
    doc = store.get_document(conn, "a-recrawl.txt")       # an alias resolves
    assert doc["id"] == "a.txt" and doc["requested_alias"] == "a-recrawl.txt"
    assert [a["alias"] for a in doc["aliases"]] == ["a-recrawl.txt"]
    assert doc["copied_by"] == [{"id": "b.txt", "similarity": 0.83, "method": "minhash"}]
    assert doc["copies"] == 1
    assert store.get_document(conn, "b.txt")["copy_of"][0]["id"] == "a.txt"
    listed = {r["id"]: r for r in store.list_documents(conn)}
    assert (listed["a.txt"]["copies"], listed["a.txt"]["aliases"]) == (1, 1)
    assert listed["b.txt"]["copy_of"] == "a.txt"
    assert store.stored_as(conn, "a-recrawl.txt") == ("a.txt", content_hash(DOCS[0].text))


def test_missing_document_is_not_found_with_a_hint(conn: Connection) -> None:
    with pytest.raises(NotFound) as err:
        store.get_document(conn, "nope.txt")
    assert err.value.hint and "claimtrail docs" in err.value.hint


def test_content_hash_is_unique(conn: Connection) -> None:
    with pytest.raises(IntegrityError):
        with atomic(conn):
            store.add_document(conn, Document(id="dup.txt", text=DOCS[0].text),
                               content_hash(DOCS[0].text))
    assert store.count_documents(conn) == 3


def test_search_ranks_with_snippets_and_stems(conn: Connection) -> None:
    hits = store.search_documents(conn, "casualty Kursk")
    assert [h["id"] for h in hits] == ["b.txt", "a.txt"]   # more and titled mentions rank first
    assert "«" in hits[0]["snippet"] and hits[0]["rank"] <= hits[1]["rank"]
    assert store.search_documents(conn, "grain")[0]["id"] == "c.txt"
    assert store.search_documents(conn, "Kurs*")            # prefix kept
    assert store.search_documents(conn, "tanks") == []


def test_fts_syntax_in_user_words_is_searched_not_parsed(conn: Connection) -> None:
    for query in ['"casualties', "casualties AND (", "NEAR(x", "title:grain", "5,000 -",
                  "OR", "'; DROP TABLE documents; --"]:
        store.search_documents(conn, query)                # must not raise
    with pytest.raises(BadInput):
        store.search_documents(conn, "* ( )")              # no word to look for
    assert [h["id"] for h in store.search_documents(conn, "5,000")] == ["b.txt"]
    assert store.count_documents(conn) == 3


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=40))
def test_any_typed_query_searches_or_says_it_has_no_words(conn: Connection,
                                                          query: str) -> None:
    try:
        store.search_documents(conn, query)
    except BadInput as exc:
        assert "no words" in exc.message


def test_raw_mode_speaks_the_engine_syntax(conn: Connection) -> None:
    assert {h["id"] for h in store.search_documents(conn, "grain OR troops", raw=True)} == \
        {"a.txt", "c.txt"}
    assert store.search_documents(conn, "grain OR troops") == []    # literal words, all required
    assert {h["id"] for h in store.search_documents(conn, '"heavy casualties"', raw=True)} == \
        {"b.txt"}                                                   # a phrase


def test_raw_mode_speaks_fts5_and_explains_bad_syntax(conn: Connection) -> None:
    if conn.dialect == "postgresql":   # websearch syntax has no errors: it searches
        assert [h["id"] for h in store.search_documents(conn, 'casualties AND ("', raw=True)
                ] == ["b.txt", "a.txt"]
        return
    assert [h["id"] for h in store.search_documents(conn, "title:grain", raw=True)] == ["c.txt"]
    with pytest.raises(BadInput) as err:
        store.search_documents(conn, 'casualties AND ("', raw=True)
    assert "drop --raw" in (err.value.hint or "")


def test_search_index_follows_updates_and_deletes(conn: Connection) -> None:
    with atomic(conn):
        conn.execute("UPDATE documents SET title = 'Shells', text = 'Artillery shells counted'"
                     " WHERE id = 'c.txt'")
    assert store.search_documents(conn, "grain") == []
    assert store.search_documents(conn, "artillery")[0]["id"] == "c.txt"
    with atomic(conn):
        conn.execute("DELETE FROM documents WHERE id = 'c.txt'")
    assert store.search_documents(conn, "artillery") == []


def test_runs_and_log(conn: Connection) -> None:
    with atomic(conn):
        run = store.start_run(conn, ["folder"])
        store.log_event(conn, run, "folder/a.txt", stage="store", status="ok",
                        document_id="a.txt")
        store.log_event(conn, run, "folder/bad.bin", stage="read", status="error",
                        reason="not text: binary content")
        store.update_run(conn, run, {"added": 1, "failed": 1}, finished=True)
    errors = store.ingest_log(conn, errors_only=True)
    assert [(e["input"], e["reason"]) for e in errors] == [("folder/bad.bin",
                                                            "not text: binary content")]
    assert len(store.ingest_log(conn, run_id=run)) == 2
    (listed,) = store.ingest_runs(conn)
    assert listed["inputs"] == ["folder"] and listed["failed"] == 1 and listed["finished_at"]
    with pytest.raises(ValueError):
        store.update_run(conn, run, {"bogus": 1})


def test_pending_work_lists(conn: Connection) -> None:
    assert store.documents_pending_extraction(conn) == ["a.txt", "b.txt", "c.txt"]
    with atomic(conn):
        conn.execute("INSERT INTO extractions (document_id, extractor, n_claims)"
                     " VALUES ('a.txt', 'test', 0)")
        run = store.start_run(conn, ["x"])
        store.log_event(conn, run, "x/b.txt", stage="store", status="ok", document_id="b.txt")
    assert store.documents_pending_extraction(conn) == ["b.txt", "c.txt"]
    runs, ids = store.documents_pending_stories(conn)
    assert (runs, ids) == ([run], ["b.txt"])
    with atomic(conn):
        store.mark_stories_done(conn, runs)
    assert store.documents_pending_stories(conn) == ([], [])
    assert store.documents_without_minhash(conn) == ["a.txt", "b.txt", "c.txt"]
