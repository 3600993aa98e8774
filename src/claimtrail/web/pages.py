"""Server-rendered pages: stories, a story's dossier, articles, sources, search, log."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from claimtrail.errors import BadInput, NotFound
from claimtrail.export import FORMATS, export_bytes
from claimtrail.web import queries
from claimtrail.web.dossier import FINDING_CLAIMS, FINDINGS, FLAGS, TABLE_ROWS, dossier_context
from claimtrail.web.queries import MAX_ID, clean
from claimtrail.web.render import display_title, highlight
from claimtrail.web.state import state

router = APIRouter(include_in_schema=False)


def page(path: str) -> Any:
    """A page route: GET, and HEAD for link checkers and `curl -I`."""
    return router.api_route(path, methods=["GET", "HEAD"], response_class=HTMLResponse)


__all__ = ["router", "FINDINGS", "FINDING_CLAIMS", "FLAGS", "TABLE_ROWS"]


STORIES_PER_PAGE = 100


@page("/")
def stories_page(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    web = state(request)
    conn = web.conn()
    stories = web.ledgers.stories(conn)
    counts = web.ledgers.cache.get(("counts",), lambda: queries.store_counts(conn))
    return web.render("stories.html", request, stories=stories[offset:offset + STORIES_PER_PAGE],
                      total=len(stories), offset=offset, per_page=STORIES_PER_PAGE,
                      counts=counts)


@page("/stories/{story_id}")
def story_page(request: Request, story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    web = state(request)
    conn = web.conn()
    ledger = web.ledgers.get(conn, story_id)

    def render() -> HTMLResponse:
        doc_ids = {d["id"] for d in ledger["story"].get("documents", [])}
        doc_ids |= {c.get("doc") for v in ledger.get("variables", [])
                    for c in v.get("claims", [])}
        documents = queries.document_summaries(conn, (d for d in doc_ids if d))
        return web.render("story.html", request, nav="stories",
                          **dossier_context(ledger, documents))

    # A big story's page is megabytes of table and chart data: render it once per
    # version of the store.
    page = web.ledgers.cache.get(("dossier", story_id), render)
    return web.cached_body(request, ("dossier", story_id), bytes(page.body),
                           "text/html; charset=utf-8", page.status_code)


@router.get("/stories/{story_id}/export.{fmt}")
def story_export(request: Request, story_id: Annotated[int, Path(ge=1, le=MAX_ID)],
                 fmt: str) -> Response:
    if fmt not in FORMATS:
        raise BadInput(f"unknown export format {fmt!r}", hint="html, csv, json or parquet")
    web = state(request)
    ledger = web.ledgers.get(web.conn(), story_id)
    body = export_bytes(web.conn(), ledger, fmt)
    media, _ = FORMATS[fmt]
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="story-{story_id}.{fmt}"'})


@page("/documents/{doc_id:path}")
def document_page(request: Request, doc_id: str,
                  claim: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> Response:
    web = state(request)
    conn = web.conn()
    doc = queries.get_document(conn, clean(doc_id) or "")
    if doc is None:
        raise NotFound(f"no document {doc_id!r}", hint="search finds documents by their words")
    claims = queries.document_claims(conn, doc["id"])
    marked = None
    chosen = None
    if claim is not None:
        chosen = next((c for c in claims if c["id"] == claim), None)
        if chosen is None:
            raise NotFound(f"claim {claim} is not in document {doc['id']!r}")
        marked = highlight(doc["text"], chosen)
    titles = {s["id"]: s for s in web.ledgers.stories(conn)}
    stories = [titles[sid] for sid in sorted(set(web.provider.stories_of(conn, [doc["id"]])
                                                 .values())) if sid in titles]
    return web.render("document.html", request, nav="", doc=doc, claims=claims,
                      chosen=chosen, marked=marked, stories=stories,
                      title=display_title(dict(doc, lead=doc.get("text", "")[:400]), doc["id"]))


@page("/sources")
def sources_page(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    web = state(request)
    total, items = queries.list_sources(web.conn(), limit=200, offset=offset)
    return web.render("sources.html", request, sources=items, total=total, offset=offset)


@page("/sources/{source_id}")
def source_page(request: Request, source_id: Annotated[int, Path(ge=1, le=MAX_ID)],
                offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    web = state(request)
    conn = web.conn()
    source = queries.get_source(conn, source_id)
    if source is None:
        raise NotFound(f"no source {source_id}")
    total, claims = queries.list_claims(conn, queries.ClaimFilter(source=source["name"]),
                                        limit=200, offset=offset)
    doc_ids = {c["doc"] for c in claims}
    titles = {s["id"]: s for s in web.ledgers.stories(conn)}
    stories_of = {doc: titles[sid] for doc, sid in web.provider.stories_of(conn, doc_ids).items()
                  if sid in titles}
    documents = queries.document_summaries(conn, doc_ids)
    return web.render("source.html", request, nav="sources", source=source, claims=claims,
                      total=total, offset=offset, documents=documents, stories_of=stories_of)


@page("/search")
def search_page(request: Request, q: Annotated[str, Query(max_length=200)] = "",
                offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    web = state(request)
    query = clean(q) or ""
    total, hits = (queries.search_documents(web.conn(), query, limit=20, offset=offset)
                   if query.strip() else (0, []))
    return web.render("search.html", request, q=query, hits=hits, total=total, offset=offset)


@page("/log")
def log_page(request: Request, status: Annotated[str | None, Query(max_length=20)] = None,
             offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    web = state(request)
    total, entries, counts = queries.ingest_log(web.conn(), status=clean(status) or None,
                                                limit=100, offset=offset)
    return web.render("log.html", request, entries=entries, counts=counts, total=total,
                      status=status, offset=offset)
