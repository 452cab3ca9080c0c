"""French HTML pages for people who open a badge link in a browser (Jinja2 templates).

Content negotiation: a browser asks for ``text/html`` first; verifiers ask for JSON-LD or
anything. The same URL serves both, as Open Badges hosted verification expects.
"""

import functools
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from issuer.api.envelope import TEXTS
from shared.look import palette

JSON_LD = "application/ld+json"


def wants_html(request: Request) -> bool:
    """True when the client prefers a page: text/html asked, and no JSON asked before it."""
    accept = request.headers.get("accept", "").lower()
    if "text/html" not in accept:
        return False
    html_at = accept.index("text/html")
    json_at = min((accept.find(t) for t in ("application/ld+json", "application/json")
                   if t in accept), default=len(accept))  # fmt: skip
    return html_at < json_at


JSON_HEADERS = {"Access-Control-Allow-Origin": "*", "Vary": "Accept"}


def _json_media(request: Request) -> str:
    return JSON_LD if JSON_LD in request.headers.get("accept", "").lower() else "application/json"


def json_ld(request: Request, document: dict[str, Any], status_code: int = 200) -> JSONResponse:
    return JSONResponse(
        document, status_code=status_code, media_type=_json_media(request), headers=JSON_HEADERS
    )


def json_bytes(document: dict[str, Any]) -> bytes:
    """``document`` encoded as ``JSONResponse`` encodes it (so a stored copy reads the same)."""
    return bytes(JSONResponse(document).body)


def json_ld_bytes(request: Request, body: bytes, status_code: int = 200) -> Response:
    """An already encoded JSON(-LD) document, with the media type the client asked for."""
    return Response(
        body, status_code=status_code, media_type=_json_media(request), headers=JSON_HEADERS
    )


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("issuer", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = TEXTS
    env.globals["colors"] = palette()
    return env


def page(template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    html = _environment().get_template(template).render(**values)
    return HTMLResponse(html, status_code=status_code, headers={"Vary": "Accept"})
