"""The JSON API: shapes, filters, the one error shape, and schemathesis over OpenAPI."""
from __future__ import annotations

import pytest
import schemathesis
from conftest import STORES
from data.web.fixture_store import load_ledger
from hypothesis import HealthCheck, settings

pytest_plugins = ["data.web.plugin"]   # web_store, web_app, client


@pytest.fixture(scope="module", params=STORES)
def web_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The fixture store, once in SQLite and once in PostgreSQL: the same API on both."""
    from data.web.fixture_store import build_fixture_store

    if request.param == "sqlite":
        where = str(tmp_path_factory.mktemp("webstore") / "fixture.db")
    else:
        where = request.getfixturevalue("postgres_server").new_database()
    return where, build_fixture_store(where)


def assert_error(r, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert body["error"]["message"]


def test_stories_list(client) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 2
    first = body["items"][0]
    assert first == {"id": 1, "title": "North Korean troops in Kursk", "size": 6,
                     "start": "2024-11-04", "end": "2025-03-12", "n_claims": 12,
                     "n_variables": 4}


def test_story_summarises_each_variable(client) -> None:
    body = client.get("/api/stories/1").json()
    casualties = next(v for v in body["variables"] if v["kind"] == "casualties")
    # Claims 7 and 9 share one origin (9 is the syndicated copy of 7).
    assert casualties == {"id": "north-korean-troops/casualties",
                          "subject": "North Korean troops", "kind": "casualties",
                          "n_claims": 4, "independent_origins": 3, "trend": "cumulative",
                          "conflicts": 1, "failed_checks": 0}
    assert body["ledger_url"] == "/api/stories/1/ledger"


def test_ledger_is_the_docs_ledger_shape_verbatim(client) -> None:
    assert client.get("/api/stories/1/ledger").json() == load_ledger()


def test_document_carries_text_copies_and_claims(client) -> None:
    body = client.get("/api/documents/web-fixture-copy-of-002.txt").json()
    assert body["copy_of"] == [{"id": "002_7c1b3e37c3792be6.txt", "similarity": 0.93,
                                "method": "minhash"}]
    assert [c["id"] for c in body["claims"]] == [9]
    claim = body["claims"][0]
    assert body["text"][claim["span"][0]:claim["span"][1]] == claim["quote"]
    original = client.get("/api/documents/002_7c1b3e37c3792be6.txt").json()
    assert original["copies"][0]["id"] == "web-fixture-copy-of-002.txt"


@pytest.mark.parametrize("query, ids", [
    ("kind=casualties", [6, 7, 8, 9]),
    ("kind=killed&qualifier=at_least", [10]),
    ("source=UK%20Ministry%20of%20Defence&kind=personnel", [4]),
    ("min_value=4500&kind=casualties", [7, 9]),            # "over 5,000" reaches 4,500
    ("max_value=100", [6]),
    ("since=2025-03-01&kind=killed", [11, 101, 102]),
    ("since=2025-03-01&until=2025-03-10&kind=killed&story=1", [11]),
    ("until=2024-11-30&kind=personnel", [1, 2]),
    ("subject=soldiers%20%3Cscript", [101, 102, 103]),
    ("doc=xss-article.html", [102]),
    ("story=2", [101, 102, 103]),
    ("story=1&place=oblast", [6]),
    ("subject=%25", []),                                    # LIKE wildcards are literal
])
def test_claims_filters(client, query: str, ids: list[int]) -> None:
    body = client.get(f"/api/claims?{query}&limit=500").json()
    assert sorted(c["id"] for c in body["items"]) == ids
    assert body["total"] == len(ids)


def test_claims_paginate(client) -> None:
    page = client.get("/api/claims?limit=5&offset=5").json()
    assert page["total"] == 15 and len(page["items"]) == 5 and page["offset"] == 5
    assert page["after_id"] is None and page["next_after_id"] is None


def test_claims_keyset_pages_walk_every_claim_once_in_id_order(client) -> None:
    everything = sorted(c["id"] for c in client.get("/api/claims?limit=500").json()["items"])
    seen: list[int] = []
    after = 0
    while after is not None:
        page = client.get(f"/api/claims?limit=4&after_id={after}").json()
        assert page["total"] == 15 and page["after_id"] == after
        seen += [c["id"] for c in page["items"]]
        after = page["next_after_id"]
    assert seen == everything
    # filters hold across keyset pages; a page short of the limit is the last
    killed = sorted(c["id"] for c in client.get("/api/claims?kind=killed").json()["items"])
    page = client.get(f"/api/claims?kind=killed&after_id={killed[0]}").json()
    assert [c["id"] for c in page["items"]] == killed[1:] and len(killed) > 2
    assert page["total"] == len(killed) and page["next_after_id"] is None


def test_big_bodies_are_sent_gzipped_when_asked(client) -> None:
    plain = client.get("/api/stories/1/ledger", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    zipped = client.get("/api/stories/1/ledger", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.json() == plain.json() == load_ledger()
    assert "Accept-Encoding" in zipped.headers["vary"]
    page = client.get("/stories/1", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip" and "<html" in page.text


def test_sources_count_claims_by_kind(client) -> None:
    items = client.get("/api/sources").json()["items"]
    mod = next(s for s in items if s["name"] == "UK Ministry of Defence")
    assert mod["kinds"] == {"casualties": 2, "killed": 1, "personnel": 1}
    assert mod["n_documents"] == 2 and mod["mentions"] == ["the British defense ministry"]


def test_search_returns_plain_snippets_with_match_parts(client) -> None:
    body = client.get("/api/search?q=hermit kingdom").json()
    assert body["total"] == 1 and body["items"][0]["id"] == "001_992cb9edb926320c.txt"
    parts = body["items"][0]["snippet_parts"]
    assert [p["text"].lower() for p in parts if p["match"]] == ["hermit", "kingdom"]
    assert "\x02" not in body["items"][0]["snippet"]


def test_log_counts_statuses(client) -> None:
    body = client.get("/api/log?status=error").json()
    assert body["total"] == 1 and body["counts"]["error"] == 1
    assert body["items"][0]["input"] == "fixture/broken <b>file</b>.pdf"


def test_every_error_has_the_one_shape(client) -> None:
    assert_error(client.get("/api/stories/99"), 404, "not_found")
    assert_error(client.get("/api/stories/99/ledger"), 404, "not_found")
    assert_error(client.get("/api/claims?story=99"), 404, "not_found")
    assert_error(client.get("/api/documents/nope"), 404, "not_found")
    assert_error(client.get("/api/no/such/route"), 404, "not_found")
    assert_error(client.get("/api/stories/abc"), 422, "bad_input")
    assert_error(client.get("/api/claims?kind=nonsense"), 422, "bad_input")
    assert_error(client.get("/api/claims?limit=0"), 422, "bad_input")
    assert_error(client.get("/api/search"), 422, "bad_input")
    assert_error(client.get("/api/stories/99999999999999999999999"), 422, "bad_input")
    assert_error(client.post("/api/stories"), 405, "method_not_allowed")


def test_server_errors_use_the_error_shape(web_app, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("claimtrail.web.queries.list_sources", boom)
    with TestClient(web_app, raise_server_exceptions=False) as c:
        r = c.get("/api/sources")
    assert_error(r, 500, "internal")
    assert "kaboom" not in r.text                      # no internals leak to the client


def test_openapi_documents_the_error_shape(client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/ledger",
                 "/api/documents/{doc_id}", "/api/claims", "/api/sources", "/api/search",
                 "/api/log"):
        assert path in paths, path
        responses = paths[path]["get"]["responses"]
        assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ErrorResponse")
    assert not any(p.startswith("/stories") for p in paths)   # pages are not API


# --- schemathesis: property-based, over the OpenAPI schema, in-process (ASGI) ---------------
@pytest.fixture(scope="module")
def api_schema(web_app):
    return schemathesis.openapi.from_asgi("/api/openapi.json", web_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_schema(case) -> None:
    """No 500s, documented status codes and content types, bodies matching the schema."""
    case.call_and_validate()


# The same over a store whose stories and ledgers come from the real stories tables and
# claimtrail.reconcile.build_ledger, so the real ledger is checked against the schema too.
@pytest.fixture(scope="module")
def pipeline_api_schema(tmp_path_factory):
    from data.web.fixture_store import attach_pipeline_stories, build_fixture_store

    from claimtrail.web.app import create_app

    path = tmp_path_factory.mktemp("pipelinestore") / "store.db"
    build_fixture_store(path)
    attach_pipeline_stories(path)
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(path))


pipeline_schema = schemathesis.pytest.from_fixture("pipeline_api_schema")


@pipeline_schema.include(path_regex="^/api/stories").parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_with_real_ledgers_conforms_to_its_schema(case) -> None:
    case.call_and_validate()
