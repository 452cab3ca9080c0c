"""Sharing routes: published portfolios, per-badge privacy, erasure.

API (bearer token, Badgr envelope):
- ``POST /v2/portfolios``: publish a portfolio page (self-contained HTML, sent gzipped and
  base64-encoded so it fits the 64 kB body limit) with the young person's consent; answers the
  unguessable link. ``DELETE /v2/portfolios/{id}``: unpublish (the link answers 410).
- ``PUT /v2/assertions/{id}/privacy``: name shown or not (pseudonym or first name), narrative;
  ``GET`` the same path: the choice in force (the least when none was made).
- ``POST /v2/erasures``: the young person was erased: their badges' public pages answer 410,
  their portfolios and pending endorsement requests are withdrawn.

Public: ``GET /p/{link}`` (the page, under a CSP that allows no script and no outside
resource) and ``GET /p/{link}/portfolio.pdf`` (printed by headless Chromium).
"""

import base64
import binascii
import gzip
import zlib
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from issuer.api.deps import current_client, get_session, urls
from issuer.api.envelope import ok
from issuer.db.engine import purge_old_pages
from issuer.db.models import ApiClient, AssertionRow
from issuer.endorsements import pages, tokens
from issuer.endorsements import service as endorsements
from issuer.endorsements.api import EndorsementError
from issuer.endorsements.models import EndorsementRequestRow
from issuer.openbadges.ob2 import iso_datetime
from issuer.security import new_entity_id
from issuer.service.clock import now
from issuer.service.documents import Urls
from issuer.sharing import pdf, privacy
from issuer.sharing.models import PublishedPortfolioRow

PORTFOLIO_MAX = 4 * 1024 * 1024  # unpacked; a portfolio is ~100 kB, a zip bomb is refused
PORTFOLIO_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

api = APIRouter(prefix="/v2", tags=["sharing"])
router = APIRouter(tags=["sharing"])
Client = Annotated[ApiClient, Depends(current_client)]
Db = Annotated[Session, Depends(get_session)]
Links = Annotated[Urls, Depends(urls)]


class PortfolioIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    htmlGzipBase64: str = Field(min_length=1, max_length=60_000)
    expires: datetime | None = None
    consent: bool = Field(description="The young person agreed to publish their portfolio.")


class PrivacyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Literal["none", "pseudonym", "first_name"] = "none"
    displayName: str = Field("", max_length=60)
    showNarrative: bool = False


class ErasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    assertions: list[str] = Field(default_factory=list, max_length=1000)
    portfolios: list[str] = Field(default_factory=list, max_length=1000)
    endorsementRequests: list[str] = Field(default_factory=list, max_length=1000)


def _unpack(packed: str) -> str:
    try:
        raw = base64.b64decode(packed, validate=True)
        inflater = zlib.decompressobj(wbits=31)  # gzip
        html = inflater.decompress(raw, PORTFOLIO_MAX + 1)
    except (binascii.Error, ValueError, zlib.error, gzip.BadGzipFile):
        raise EndorsementError(422, "sharing.portfolio_unreadable") from None
    if len(html) > PORTFOLIO_MAX or inflater.unconsumed_tail:
        raise EndorsementError(413, "sharing.portfolio_too_large")
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        raise EndorsementError(422, "sharing.portfolio_unreadable") from None


def portfolio_url(links: Urls, link: str) -> str:
    return f"{links.base}/p/{link}"


def _portfolio_shape(links: Urls, row: PublishedPortfolioRow, link: str = "") -> dict:
    shape = {
        "entityId": row.entity_id,
        "entityType": "PublishedPortfolio",
        "expires": iso_datetime(row.expires_at) if row.expires_at else None,
        "revoked": row.revoked_at is not None,
    }
    if link:  # shown once, at publication: only its digest is kept
        shape["url"] = portfolio_url(links, link)
        shape["pdf"] = f"{portfolio_url(links, link)}/portfolio.pdf"
    return shape


@api.post("/portfolios", summary="Publier un portfolio", status_code=201)
def publish_portfolio(body: PortfolioIn, client: Client, session: Db, links: Links) -> JSONResponse:
    if not body.consent:
        raise EndorsementError(422, "sharing.no_consent")
    if body.expires is not None and (body.expires.tzinfo is None or body.expires <= now()):
        raise EndorsementError(422, "sharing.bad_expiry")
    html = _unpack(body.htmlGzipBase64)
    entity_id = new_entity_id()
    link = tokens.new_link_token(entity_id, now())
    row = PublishedPortfolioRow(
        entity_id=entity_id,
        issuer_id=client.issuer_id,
        client_pk=client.id,
        token_digest=link.digest,
        html=html,
        created_at=now(),
        expires_at=body.expires,
    )
    session.add(row)
    session.commit()
    return ok([_portfolio_shape(links, row, link.value)], status_code=201)


def _own_portfolio(session: Session, client: ApiClient, entity_id: str) -> PublishedPortfolioRow:
    row = session.scalar(
        select(PublishedPortfolioRow).where(PublishedPortfolioRow.entity_id == entity_id)
    )
    if row is None or row.issuer_id != client.issuer_id:
        raise EndorsementError(404, "sharing.portfolio_not_found")
    return row


@api.delete("/portfolios/{entity_id}", summary="Retirer un portfolio publié")
def unpublish_portfolio(entity_id: str, client: Client, session: Db, links: Links) -> JSONResponse:
    row = _own_portfolio(session, client, entity_id)
    if row.revoked_at is None:
        row.revoked_at = now()
        row.html = ""  # nothing of it stays on the server
        session.commit()
    return ok([_portfolio_shape(links, row)])


def _own_assertion(session: Session, client: ApiClient, entity_id: str) -> AssertionRow:
    row = session.scalar(select(AssertionRow).where(AssertionRow.entity_id == entity_id))
    if row is None or row.issuer_id != client.issuer_id:
        raise EndorsementError(404, "api.subject_not_found")
    return row


@api.put("/assertions/{entity_id}/privacy", summary="Ce que le jeune rend public pour ce badge")
def set_privacy(entity_id: str, body: PrivacyIn, client: Client, session: Db) -> JSONResponse:
    row = _own_assertion(session, client, entity_id)
    if body.name != "none" and not body.displayName.strip():
        raise EndorsementError(422, "sharing.name_missing")
    choice = privacy.Choice(body.name, body.displayName.strip(), body.showNarrative)
    privacy.set_choice(session, row.id, choice)
    return ok([_privacy_shape(entity_id, privacy.choice_of(session, row.id))])


@api.get("/assertions/{entity_id}/privacy", summary="Ce que ce badge montre aujourd'hui")
def get_privacy(entity_id: str, client: Client, session: Db) -> JSONResponse:
    row = _own_assertion(session, client, entity_id)
    choice = privacy.choice_of(session, row.id)
    return ok([_privacy_shape(entity_id, choice)])


def _privacy_shape(entity_id: str, choice: privacy.Choice) -> dict:
    return {
        "entityId": entity_id,
        "name": choice.name_kind,
        "displayName": choice.display_name,
        "showNarrative": choice.show_narrative,
    }


@api.post("/erasures", summary="Effacer un jeune : ses pages publiques répondent 410")
def erase(body: ErasureIn, client: Client, session: Db) -> JSONResponse:
    for entity_id in body.assertions:
        privacy.erase(session, _own_assertion(session, client, entity_id).id)
    for entity_id in body.portfolios:
        row = _own_portfolio(session, client, entity_id)
        row.revoked_at = row.revoked_at or now()
        row.html = ""
    for entity_id in body.endorsementRequests:
        request = session.scalar(
            select(EndorsementRequestRow).where(EndorsementRequestRow.entity_id == entity_id)
        )
        if request is not None and request.issuer_id == client.issuer_id:
            endorsements.withdraw(session, request)
    session.commit()
    purge_old_pages(session)
    return ok([{"erased": len(body.assertions) + len(body.portfolios)}])


# ------------------------------------------------------------------------ public portfolio


def _published(session: Session, link: str) -> PublishedPortfolioRow | int:
    """The live portfolio behind a link, or the status to answer (404 unknown, 410 gone)."""
    parsed = tokens.parse_link(link)
    if parsed is None:
        return 404
    row = session.scalar(
        select(PublishedPortfolioRow).where(PublishedPortfolioRow.entity_id == parsed.request_id)
    )
    if row is None or not tokens.secret_matches(parsed.secret, row.token_digest):
        return 404
    if row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= now()):
        return 410
    return row


def _gone(status: int) -> HTMLResponse:
    t = pages.catalogue()
    outcome = "gone" if status == 410 else "invalid"
    return HTMLResponse(
        pages.outcome_page(outcome, t), status_code=status, headers={"Cache-Control": "no-store"}
    )


@router.get("/p/{link}", response_class=HTMLResponse, summary="Portfolio publié")
def portfolio_page(link: str, session: Db) -> Response:
    found = _published(session, link)
    if isinstance(found, int):
        return _gone(found)
    headers = {
        "Content-Security-Policy": PORTFOLIO_CSP,
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex",
        "X-Content-Type-Options": "nosniff",
    }
    return HTMLResponse(found.html, headers=headers)


@router.get("/p/{link}/portfolio.pdf", summary="Portfolio publié, en PDF")
async def portfolio_pdf(link: str, request: Request) -> Response:
    session: Session = request.app.state.issuer.sessions()
    try:
        found = _published(session, link)
        html = found.html if not isinstance(found, int) else ""
    finally:
        session.close()
    if isinstance(found, int):
        return _gone(found)
    try:
        document = await run_in_threadpool(pdf.html_to_pdf, html)
    except pdf.PdfError as exc:
        text = pages.catalogue()(f"sharing.{exc.key}")
        return JSONResponse({"error": exc.key, "message": text}, status_code=503)
    headers = {
        "Content-Disposition": 'attachment; filename="portfolio.pdf"',
        "Cache-Control": "no-store",
        "X-Robots-Tag": "noindex",
    }
    return Response(document, media_type="application/pdf", headers=headers)


def erased_response(html: bool) -> Response:
    """What an erased young person's badge answers, everywhere: 410 Gone, nothing else."""
    if html:
        return _gone(410)
    return JSONResponse({"error": "gone"}, status_code=410, headers={"Cache-Control": "no-store"})
