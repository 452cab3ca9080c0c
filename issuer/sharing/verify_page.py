"""« Vérifier un badge »: anyone drops a baked PNG / SVG or a credential file and reads a verdict.

The checks are ``issuer.openbadges.verify`` (hosted OB 2.0 assertion as its issuer serves it,
or OB 3.0 VC-JWT signature with the key its ``kid`` URL serves, and revocation). The page only
decides what may be fetched: URLs found in an uploaded file are fetched only on this issuer's
own origin or on public addresses — never a private, loopback or link-local one (no SSRF) —
without following redirects, with size and time limits.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from issuer.api.deps import urls
from issuer.endorsements.pages import catalogue, date_words, environment
from issuer.openbadges import verify
from issuer.service.documents import Urls
from shared.i18n import Catalogue

UPLOAD_MAX = 60 * 1024  # the service refuses bodies over 64 kB anyway
router = APIRouter(tags=["verify"])
Links = Annotated[Urls, Depends(urls)]
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' "
    "data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx is answered as it is: a redirect cannot lead somewhere private


def _public_host(host: str) -> bool:
    """True when every address of ``host`` is a public one."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return False
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return False
    return bool(infos)


def guarded_fetch(own_origin: str) -> verify.Fetch:
    """A fetch for ``verify``: this issuer's origin, or public hosts only; no redirects."""
    opener = urllib.request.build_opener(_NoRedirect)

    def fetch(url: str) -> verify.Fetched:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise verify.FetchError("not an http(s) URL")
        if origin != own_origin.lower() and not _public_host(parts.hostname):
            raise verify.FetchError("private address refused")
        request = urllib.request.Request(
            url, headers={"Accept": "application/ld+json, application/json;q=0.9, */*;q=0.1"}
        )
        try:
            with opener.open(request, timeout=verify.TIMEOUT_SECONDS) as response:
                return verify.Fetched(response.status, _limited(response))
        except urllib.error.HTTPError as error:
            return verify.Fetched(error.code, _limited(error))
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise verify.FetchError(str(error)) from error

    return fetch


def _limited(stream: Any) -> bytes:
    body: bytes = stream.read(verify.MAX_DOCUMENT_BYTES + 1)
    if len(body) > verify.MAX_DOCUMENT_BYTES:
        raise verify.FetchError("document larger than 1 MB")
    return body


def _page(
    verdict: verify.Verdict | None = None, problem: str = "", status: int = 200
) -> HTMLResponse:
    context = {
        "t": catalogue(),
        "verdict": verdict,
        "endorsement": verdict is not None and verdict.document == verify.ENDORSEMENT,
        **_verdict_words(verdict),
        "problem": problem,
        "issued": _date_words(verdict.issued_on) if verdict is not None else "",
    }
    html = environment().get_template("endorse/verify.html").render(context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def _verdict_words(verdict: verify.Verdict | None) -> dict[str, Any]:
    """The verdict in words: why it is refused, or that it is genuine — about a badge or about
    an endorsement (« Cette recommandation… »), whichever file was dropped."""
    if verdict is None:
        return {"reasons": [], "valid": ""}
    words = Catalogue.load("issuer.openbadges")  # the verdicts' words live with the checks
    reasons = [verify.explain(r, document=verdict.document) for r in verdict.reasons]
    if not verdict.valid:
        return {"reasons": reasons, "valid": ""}
    if verdict.document == verify.ENDORSEMENT:
        return {"reasons": [], "valid": words("verify.endorsement_valid")}
    return {
        "reasons": [],
        "valid": words("verify.valid_for" if verdict.recipient_checked else "verify.valid"),
    }


def _date_words(text: str) -> str:
    """« 15 janvier 2026 » from an ISO date-time; the text itself if it is not one."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text[:40]
    return date_words(moment, catalogue())


@router.get("/verifier", response_class=HTMLResponse, summary="Vérifier un badge (page)")
def verify_form() -> HTMLResponse:
    return _page()


@router.post("/verifier", response_class=HTMLResponse, summary="Vérifier un badge (verdict)")
async def verify_upload(
    links: Links,
    badge: Annotated[UploadFile | None, File()] = None,
    email: Annotated[str, Form(max_length=320)] = "",
) -> HTMLResponse:
    data = await badge.read(UPLOAD_MAX + 1) if badge is not None else b""
    if not data:
        return _page(problem="verify_page.no_file", status=422)
    if len(data) > UPLOAD_MAX:
        return _page(problem="verify_page.too_large", status=413)
    fetch = guarded_fetch(_origin(links.base))
    verdict = await run_in_threadpool(verify.verify_baked, data, fetch, email.strip())
    return _page(verdict)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
