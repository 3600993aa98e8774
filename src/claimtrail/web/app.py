"""The dossier app: FastAPI, server-rendered Jinja2 pages, a JSON API, strict headers.

``create_app(db_path)`` builds the app for one store. Each worker thread gets its own
SQLite connection (FastAPI runs sync handlers in a thread pool). Every API error, 404s
and 422s and 500s included, has the one shape of errors.py; pages get an HTML error.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Self

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from claimtrail import __version__
from claimtrail.errors import ClaimtrailError
from claimtrail.web import api, apidocs, pages
from claimtrail.web.queries import GZIP_LEVEL, StoryProvider
from claimtrail.web.render import STATIC
from claimtrail.web.state import WebState

log = logging.getLogger("claimtrail.web")

# No inline script or style, no eval: scripts and CSS come from our own /static only.
# Vega draws through its CSP-safe expression interpreter and styles through the CSSOM
# (allowed); vega-tooltip's injected <style> is refused, its rules are in our CSS.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; "
       "img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
STATUS_CODES = {"not_found": 404, "bad_input": 400}


def error_body(code: str, message: str, hint: str | None = None) -> dict[str, Any]:
    return ClaimtrailError(message, hint=hint, code=code).to_dict()


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path.startswith("/openapi")


def create_app(db_path: str | Path, provider: StoryProvider | None = None) -> FastAPI:
    app = FastAPI(title="claimtrail", version=__version__,
                  description="A sourced ledger of every figure in a pile of news: stories, "
                              "claims, sources, search and the ingest log.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.web = WebState(db_path, provider)
    # Every other response over a kilobyte is compressed as it goes (a page of 500
    # claims is ~600 KB of JSON); the big cached bodies come compressed already.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=GZIP_LEVEL)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/static/vendor/"):
            response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    def page_error(request: Request, status: int, code: str, message: str,
                   hint: str | None) -> Response:
        if _wants_json(request):
            response: Response = JSONResponse(error_body(code, message, hint),
                                              status_code=status)
        else:
            response = app.state.web.render("error.html", request, status_code=status,
                                            status=status, message=message, hint=hint, nav="")
        # A 500 is answered outside the middleware stack: set the headers here too.
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(ClaimtrailError)
    async def claimtrail_error(request: Request, exc: ClaimtrailError) -> Response:
        status = STATUS_CODES.get(exc.code, 400)
        if _wants_json(request):
            return JSONResponse(exc.to_dict(), status_code=status)
        return page_error(request, status, exc.code, exc.message, exc.hint)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        hint = "/api/docs describes the API" if exc.status_code == 404 else None
        response = page_error(request, exc.status_code, code, message, hint)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            problems.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        message = "; ".join(problems) or "invalid request"
        return page_error(request, 422, "bad_input", message,
                          "see GET /api/openapi.json for the parameters")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return page_error(request, 500, "internal", "internal error",
                          "this is a bug in claimtrail; the server log has the details")

    app.include_router(apidocs.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app


def serve(db_path: str | Path, host: str, port: int, *, log_level: str = "warning") -> None:
    import uvicorn

    # The ledger's imports (the stories package loads scikit-learn: ~0.8 s) at start,
    # not in the first dossier request.
    import claimtrail.reconcile  # noqa: F401

    app = create_app(db_path)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)


class BackgroundServer:
    """A uvicorn server on a free loopback port in a daemon thread (tests, benchmarks)."""

    def __init__(self, app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> None:
        import socket

        import uvicorn

        if port == 0:
            with socket.socket() as sock:
                sock.bind((host, 0))
                port = sock.getsockname()[1]
        self.url = f"http://{host}:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host=host, port=port,
                                                    log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Self:
        import time

        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
