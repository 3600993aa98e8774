"""Human-readable API documentation at /api/docs, rendered on the server from the app's
own OpenAPI schema: no script, no CDN, nothing fetched from outside, so it reads the
same offline. ``/api`` leads there; the machine-readable schema stays at
/api/openapi.json."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimtrail.web.state import state

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


def _type(schema: dict[str, Any] | None) -> str:
    """A parameter's type in a few words: "integer ≥ 1", "string or null"."""
    if not schema:
        return ""
    if "anyOf" in schema:
        return " or ".join(t for t in (_type(s) for s in schema["anyOf"]) if t)
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    kind = str(schema.get("type", ""))
    if "enum" in schema:
        return "one of " + ", ".join(str(x) for x in schema["enum"])
    bounds = []
    if "minimum" in schema:
        bounds.append(f"≥ {schema['minimum']}")
    if "maximum" in schema and schema["maximum"] < 2**62:
        bounds.append(f"≤ {schema['maximum']}")
    if "maxLength" in schema:
        bounds.append(f"up to {schema['maxLength']} characters")
    if "pattern" in schema:
        bounds.append(f"matching {schema['pattern']}")
    return " ".join([kind, *bounds]).strip()


def endpoints(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, item in sorted((openapi.get("paths") or {}).items()):
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            params = [{"name": p.get("name"), "in": p.get("in"),
                       "required": bool(p.get("required")),
                       "type": _type(p.get("schema")),
                       "default": (p.get("schema") or {}).get("default"),
                       "description": p.get("description")
                       or (p.get("schema") or {}).get("description") or ""}
                      for p in op.get("parameters") or []]
            responses = [{"status": code, "description": r.get("description", "")}
                         for code, r in sorted((op.get("responses") or {}).items())]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary"),
                        "description": op.get("description") or "", "params": params,
                        "responses": responses,
                        "anchor": (method + path).replace("/", "-").replace("{", "")
                        .replace("}", "").strip("-")})
    return out


@router.api_route("/api/docs", methods=["GET", "HEAD"], response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    web = state(request)
    openapi = request.app.openapi()
    return web.render("apidocs.html", request, nav="api", info=openapi.get("info") or {},
                      endpoints=endpoints(openapi))


@router.api_route("/api", methods=["GET", "HEAD"])
@router.api_route("/api/", methods=["GET", "HEAD"])
def api_index() -> Response:
    return RedirectResponse("/api/docs", status_code=307)
