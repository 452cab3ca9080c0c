"""Public endorsement routes (no token): the endorser's page, the documents, their keys.

- ``GET|POST /endorse/{link}``: the endorser's page and their answer (CSRF bound to the link).
- ``GET /endorsements/{id}``: the OB 2.0 Endorsement (JSON-LD; a short page for browsers),
  ``/endorsements/{id}/credential.jwt``: the OB 3.0 EndorsementCredential, signed by the endorser.
- ``GET /endorsers/{id}``: the endorser's OB 2.0 Profile (``/profile.json``: OB 3.0 with keys),
  ``/endorsers/{id}/keys/{kid}``: a public JWK (the ``kid`` URL), ``/endorsers/{id}/jwks.json``.
- ``GET /assertions/{id}/endorsements`` and ``/badgeclasses/{id}/endorsements``: the list.
"""

from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from issuer.api.deps import get_session, state, urls
from issuer.api.pages import json_ld, wants_html
from issuer.db.models import AssertionRow, BadgeClassRow
from issuer.endorsements import documents, pages, service, tokens, views
from issuer.endorsements.forms import FORM_BODY_MAX, FormProblem, read_answer
from issuer.endorsements.models import EndorsementRequestRow, EndorserRow
from issuer.openbadges import keys
from issuer.service.documents import Urls

router = APIRouter(tags=["endorsements"])
Db = Annotated[Session, Depends(get_session)]
Links = Annotated[Urls, Depends(urls)]
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the link never leaks to another site
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}
STATUS = {"invalid": 404, "used": 409, "expired": 410, "withdrawn": 410, "gone": 410}


def _html(body: str, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status_code, headers=PAGE_HEADERS)


def _lang(row: EndorsementRequestRow | None) -> str:
    return str(row.claim.get("lang", "fr")) if row is not None else "fr"


def _outcome(outcome: str, row: EndorsementRequestRow | None, links: Urls) -> HTMLResponse:
    t = pages.catalogue(_lang(row))
    structure = row.issuer.name if row is not None else ""
    link = ""
    if row is not None and outcome == "endorsed" and row.assertion is not None:
        link = links.assertion(row.assertion.entity_id)
    return _html(pages.outcome_page(outcome, t, structure, link), STATUS.get(outcome, 200))


def _form(
    request: Request,
    row: EndorsementRequestRow,
    link: str,
    links: Urls,
    values: dict[str, str],
    problems: list[FormProblem] | None = None,
) -> HTMLResponse:
    secret = service.server_secret(state(request).settings)
    html = pages.form_page(
        views.claim_of(row),
        pages.catalogue(_lang(row)),
        action=f"/endorse/{link}",
        csrf=tokens.csrf_token(secret, row.token_digest),
        expires=row.expires_at,
        values=values,
        problems=problems,
    )
    return _html(html, 422 if problems else 200)


@router.get(
    "/endorse/{link}", response_class=HTMLResponse, summary="Page de la personne sollicitée"
)
def endorser_page(link: str, request: Request, session: Db, links: Links) -> HTMLResponse:
    opened = service.open_link(session, link)
    if opened.outcome != "ok" or opened.request is None:
        return _outcome(
            opened.outcome, opened.request if opened.outcome != "invalid" else None, links
        )
    row = opened.request
    values = {"name": row.endorser_name, "role": row.endorser_role,
              "organisation": row.endorser_organisation, "comment": ""}  # fmt: skip
    return _form(request, row, link, links, values)


async def _read_form(request: Request) -> dict[str, str] | None:
    """The posted fields, or None when the body is too large to be a filled form."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > FORM_BODY_MAX:
            return None

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    return dict(parse_qsl(text, keep_blank_values=True, max_num_fields=20))


@router.post("/endorse/{link}", response_class=HTMLResponse, summary="Réponse de la personne")
async def endorser_answer(link: str, request: Request, links: Links) -> HTMLResponse:
    form = await _read_form(request)
    return await run_in_threadpool(_answer_in_session, link, request, links, form)


def _answer_in_session(
    link: str, request: Request, links: Urls, form: dict[str, str] | None
) -> HTMLResponse:
    """Database work and key generation off the event loop, in a session of its own."""
    session: Session = state(request).sessions()  # type: ignore[operator]
    try:
        return _answer(link, request, session, links, form)
    finally:
        session.close()


def _answer(
    link: str, request: Request, session: Session, links: Urls, form: dict[str, str] | None
) -> HTMLResponse:
    opened = service.open_link(session, link)
    if opened.outcome != "ok" or opened.request is None:
        return _outcome(
            opened.outcome, opened.request if opened.outcome != "invalid" else None, links
        )
    row = opened.request
    t_values = {k: (form or {}).get(k, "") for k in ("name", "role", "organisation", "comment")}
    if form is None:
        return _form(
            request, row, link, links, t_values, [FormProblem("comment", "form.too_large")]
        )
    secret = service.server_secret(state(request).settings)
    if not tokens.csrf_matches(secret, row.token_digest, form.get("csrf", "")):
        return _form(request, row, link, links, t_values, [FormProblem("csrf", "form.csrf")])
    answer, problems = read_answer(form)
    if answer is None:
        return _form(request, row, link, links, t_values, problems)
    try:
        given = service.answer(session, state(request).settings, row, answer)
    except service.Refused:
        return _outcome("used", row, links)
    return _outcome("endorsed" if given is not None else "declined", row, links)


# ---------------------------------------------------------------- hosted documents and keys


def _endorsement_or_404(session: Session, entity_id: str) -> Any:
    """The live endorsement; None when unknown; "gone" when withdrawn (or its young person
    was erased)."""
    try:
        row = service.endorsement_by_id(session, entity_id)
    except service.NotFound:
        return None
    if row.subject_kind == "experience":
        return None  # shown to the endorser with consent, never to the public: not hosted
    return "gone" if row.withdrawn else row


def _not_found(request: Request, gone: bool = False) -> Response:
    t = pages.catalogue()
    if wants_html(request):
        return _html(pages.outcome_page("gone", t), 410 if gone else 404)
    return JSONResponse({"error": "not_found"}, status_code=410 if gone else 404)


@router.get("/endorsements/{entity_id}", summary="Une recommandation (OB 2.0)")
def endorsement_document(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    row = _endorsement_or_404(session, entity_id)
    if row is None or row == "gone":
        return _not_found(request, gone=row == "gone")
    info = views.endorsement_info(links, row, pages.catalogue())
    if wants_html(request):
        return _html(pages.endorsement_page(info, pages.catalogue()))
    return json_ld(request, documents.ob2_endorsement(info))


@router.get("/endorsements/{entity_id}/credential.jwt", summary="La recommandation (OB 3.0)")
def endorsement_credential(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    row = _endorsement_or_404(session, entity_id)
    if row is None or row == "gone":
        return _not_found(request, gone=row == "gone")
    info = views.endorsement_info(links, row, pages.catalogue())
    path = service.endorser_key_path(state(request).settings, row.signing_kid)
    token = documents.sign_endorsement(info, keys.read_private_key(path))
    return Response(
        token, media_type="application/jwt", headers={"Access-Control-Allow-Origin": "*"}
    )


def _endorser(session: Session, entity_id: str) -> EndorserRow | None:
    try:
        return service.endorser_by_id(session, entity_id)
    except service.NotFound:
        return None


def _jwks(links: Urls, row: EndorserRow) -> list[keys.Jwk]:
    return [
        keys.public_jwk(k.public_pem, views.kid_url(links, row.entity_id, k.kid)) for k in row.keys
    ]


@router.get("/endorsers/{entity_id}", summary="Profil d'une personne qui recommande (OB 2.0)")
def endorser_profile(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    row = _endorser(session, entity_id)
    if row is None:
        return _not_found(request)
    info = views.endorser_info(links, row)
    if wants_html(request):
        return _html(pages.endorser_profile_page(info, pages.catalogue()))
    return json_ld(request, documents.ob2_endorser_profile(info))


@router.get("/endorsers/{entity_id}/profile.json", summary="Profil OB 3.0 avec ses clés")
def endorser_profile_ob3(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    row = _endorser(session, entity_id)
    if row is None:
        return _not_found(request)
    info = views.endorser_info(links, row)
    return json_ld(request, documents.ob3_endorser_profile(info, _jwks(links, row)))


@router.get("/endorsers/{entity_id}/jwks.json", summary="Clés publiques d'une personne")
def endorser_jwks(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    row = _endorser(session, entity_id)
    if row is None:
        return _not_found(request)
    return json_ld(request, keys.jwks(_jwks(links, row)))


@router.get("/endorsers/{entity_id}/revocations", summary="Recommandations retirées (OB 3.0)")
def endorser_revocations(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    """The endorser's ``1EdTechRevocationList``: a withdrawn endorsement no longer verifies."""
    row = _endorser(session, entity_id)
    if row is None:
        return _not_found(request)
    withdrawn = service.withdrawn_of_endorser(session, row.id)
    entries = [{"id": views.endorsement_url(links, e.entity_id)} for e in withdrawn]
    document = {
        "id": f"{views.endorser_url(links, entity_id)}/revocations",
        "issuer": views.endorser_url(links, entity_id),
        "revokedCredentials": entries,
    }
    return json_ld(request, document)


@router.get("/endorsers/{entity_id}/keys/{kid}", summary="Une clé publique (JWK)")
def endorser_key(entity_id: str, kid: str, request: Request, session: Db, links: Links) -> Response:
    row = _endorser(session, entity_id)
    found = [k for k in row.keys if k.kid == kid] if row is not None else []
    if row is None or not found:
        return _not_found(request)
    return json_ld(
        request, keys.public_jwk(found[0].public_pem, views.kid_url(links, entity_id, kid))
    )


@router.get("/assertions/{entity_id}/endorsements", summary="Les recommandations d'un badge")
def assertion_endorsements(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    row = session.scalar(select(AssertionRow).where(AssertionRow.entity_id == entity_id))
    if row is None:
        return _not_found(request)
    if row.revoked:
        return _not_found(request, gone=True)
    given = service.endorsements_of_assertion(session, row.id)
    return json_ld(request, {"endorsements": [views.public_summary(links, e) for e in given]})


@router.get(
    "/badgeclasses/{entity_id}/endorsements", summary="Organisations qui reconnaissent ce badge"
)
def badgeclass_endorsements(
    entity_id: str, request: Request, session: Db, links: Links
) -> Response:
    row = session.scalar(select(BadgeClassRow).where(BadgeClassRow.entity_id == entity_id))
    if row is None:
        return _not_found(request)
    given = service.endorsements_of_badgeclass(session, row.id)
    return json_ld(request, {"endorsements": [views.public_summary(links, e) for e in given]})
