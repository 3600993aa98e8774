"""What the dossier's handlers share: the store, per-thread connections, the ledger cache
and the templates. The pages, the API and the app all import it; it imports none of them.
"""
from __future__ import annotations

import threading
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from claimtrail import __version__
from claimtrail.store.connection import Connection
from claimtrail.store.db import connect
from claimtrail.web.queries import LedgerCache, PipelineStories, StoryProvider
from claimtrail.web.render import environment


class WebState:
    """What the handlers share: the store path, per-thread connections, the ledger cache."""

    def __init__(self, db_path: str | Path, provider: StoryProvider | None = None) -> None:
        self.db_path = str(db_path)
        self.provider = provider or PipelineStories()
        self.ledgers = LedgerCache(self.db_path, self.provider)
        self.templates = environment()
        self._local = threading.local()
        connect(self.db_path).close()          # bring the schema up to date once

    def conn(self) -> Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.db_path, migrate_schema=False)
            conn.set_read_only()   # the dossier never writes
            self._local.conn = conn
        return conn

    def cached_body(self, request: Request, key: Hashable, body: bytes, media_type: str,
                    status_code: int = 200) -> Response:
        """A cached body, sent gzipped from a cached copy when the client accepts it
        (GZipMiddleware passes a response that already has a Content-Encoding)."""
        headers = {"Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            body = self.ledgers.gzipped(key, body)
            headers["Content-Encoding"] = "gzip"
        return Response(body, status_code=status_code, media_type=media_type, headers=headers)

    def render(self, template: str, request: Request, status_code: int = 200,
               **context: Any) -> HTMLResponse:
        context.setdefault("nav", template.split(".")[0])
        context["version"] = __version__
        context["request_path"] = request.url.path
        html = self.templates.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status_code)


def state(request: Request) -> WebState:
    return request.app.state.web
