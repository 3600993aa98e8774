"""The JSON API: the same data as the pages, under /api, described by OpenAPI."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from claimtrail.errors import NotFound
from claimtrail.models import Kind, Qualifier
from claimtrail.web import queries
from claimtrail.web.dossier import variable_summary
from claimtrail.web.queries import MAX_ID, clean
from claimtrail.web.state import state
from claimtrail.web.schemas import (
    ClaimPage,
    Document,
    ErrorResponse,
    Ledger,
    LogPage,
    SearchPage,
    SourcePage,
    StoryDetail,
    StoryList,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Bad request"},
    404: {"model": ErrorResponse, "description": "Not found"},
    422: {"model": ErrorResponse, "description": "Invalid parameters"},
    500: {"model": ErrorResponse, "description": "Internal error"},
}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

StoryId = Annotated[int, Path(ge=1, le=MAX_ID, description="Story id",
                              openapi_examples={"first story": {"value": 1}})]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Text = Annotated[str | None, Query(max_length=200)]


@router.get("/stories", response_model=StoryList,
            summary="The stories found in the store, largest first")
def stories(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    web = state(request)
    items = web.ledgers.stories(web.conn())
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset:offset + limit]}


@router.get("/stories/{story_id}", response_model=StoryDetail,
            summary="A story: its documents and a summary of each variable")
def story(request: Request, story_id: StoryId) -> dict[str, Any]:
    web = state(request)
    ledger = web.ledgers.get(web.conn(), story_id)
    return {"story": ledger["story"],
            "variables": [variable_summary(v) for v in ledger.get("variables", [])],
            "ledger_url": f"/api/stories/{story_id}/ledger",
            "dossier_url": f"/stories/{story_id}"}


@router.get("/stories/{story_id}/ledger", summary="The story ledger (docs/ledger.md)",
            responses={200: {"model": Ledger, "description": "The ledger"}})
def ledger(request: Request, story_id: StoryId) -> Response:
    # Returned as built and serialised once: a big ledger is not re-validated per request.
    web = state(request)
    return web.cached_body(request, ("ledger-json", story_id),
                           web.ledgers.get_json(web.conn(), story_id), "application/json")


@router.get("/documents/{doc_id:path}", response_model=Document,
            summary="One article: metadata, clean text, copies and its claims")
def document(request: Request,
             doc_id: Annotated[str, Path(min_length=1, max_length=2000)]) -> dict[str, Any]:
    conn = state(request).conn()
    doc = queries.get_document(conn, clean(doc_id) or "")
    if doc is None:
        raise NotFound(f"no document {doc_id!r}", hint="GET /api/search?q= finds documents")
    doc["claims"] = queries.document_claims(conn, doc["id"])
    return doc


@router.get("/claims", response_model=ClaimPage, summary="Claims across the store, filtered")
def claims(request: Request,
           kind: Kind | None = None,
           qualifier: Qualifier | None = None,
           source: Text = None, doc: Text = None, subject: Text = None, place: Text = None,
           min_value: Annotated[float | None, Query(ge=-1e15, le=1e15)] = None,
           max_value: Annotated[float | None, Query(ge=-1e15, le=1e15)] = None,
           since: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
           until: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
           story: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
           after_id: Annotated[int | None, Query(
               ge=0, le=MAX_ID, description="Keyset paging: claims with a greater id, in id "
               "order (pass the previous page's next_after_id)")] = None,
           limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    web = state(request)
    conn = web.conn()
    doc_ids = None
    if story is not None:
        doc_ids = web.provider.story_documents(conn, story)
        if doc_ids is None:
            raise NotFound(f"no story {story}", hint="GET /api/stories lists the stories")
    flt = queries.ClaimFilter(kind=kind, qualifier=qualifier, source=clean(source),
                              doc=clean(doc), subject=clean(subject), place=clean(place),
                              min_value=min_value, max_value=max_value, since=since,
                              until=until, doc_ids=doc_ids)
    total, items = queries.list_claims(conn, flt, limit=limit, offset=offset,
                                       after_id=after_id)
    # keyset paging: the last id of a full page is where the next page starts (pages in
    # document order have no such point)
    next_after = items[-1]["id"] if after_id is not None and len(items) == limit else None
    return {"total": total, "limit": limit, "offset": offset, "after_id": after_id,
            "next_after_id": next_after, "items": items}


@router.get("/sources", response_model=SourcePage,
            summary="Who claimed what: every source with its claim counts")
def sources(request: Request, limit: Limit = 200, offset: Offset = 0) -> dict[str, Any]:
    total, items = queries.list_sources(state(request).conn(), limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/search", response_model=SearchPage, summary="Full-text search over documents")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0
           ) -> dict[str, Any]:
    query = clean(q) or ""
    total, items = queries.search_documents(state(request).conn(), query, limit=limit,
                                            offset=offset)
    return {"query": query, "total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/log", response_model=LogPage, summary="The ingest log, newest first")
def ingest_log(request: Request,
               status: Annotated[str | None, Query(max_length=20)] = None,
               limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    total, items, counts = queries.ingest_log(state(request).conn(), status=clean(status),
                                              limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "counts": counts,
            "items": items}
