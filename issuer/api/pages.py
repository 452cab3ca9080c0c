"""French HTML pages for people who open a badge link in a browser (Jinja2 templates).

Content negotiation: a browser asks for ``text/html`` first; verifiers ask for JSON-LD or
anything. The same URL serves both, as Open Badges hosted verification expects.
"""

import functools
from typing import Any

from fastapi import Request
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


def json_ld(request: Request, document: dict[str, Any], status_code: int = 200) -> JSONResponse:
    accept = request.headers.get("accept", "").lower()
    media = JSON_LD if JSON_LD in accept else "application/json"
    return JSONResponse(
        document,
        status_code=status_code,
        media_type=media,
        headers={"Access-Control-Allow-Origin": "*", "Vary": "Accept"},
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
