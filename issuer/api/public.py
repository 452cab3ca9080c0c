"""Public Open Badges documents (no token), on the issuer's own origin.

JSON-LD for verifiers, a French page for people, baked images, the OB 3.0 VC-JWT, keys.
"""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from issuer.api.deps import get_session, state, urls
from issuer.api.envelope import TEXTS, failure
from issuer.api.pages import json_ld, page, wants_html
from issuer.endorsements.pages import catalogue as et
from issuer.openbadges import baking, keys, ob2, ob3
from issuer.openbadges.model import AssertionInfo
from issuer.service import public
from issuer.service.documents import Urls
from issuer.service.keystore import private_pem
from issuer.service.pictures import frameworks, picture_png, picture_svg
from issuer.sharing.privacy import badgeclass_endorsements, ob2_extra, shared_view
from issuer.sharing.routes import erased_response
from shared.text import localize

router = APIRouter(tags=["public"])
Db = Annotated[Session, Depends(get_session)]
Links = Annotated[Urls, Depends(urls)]
PUBLIC_CACHE = {"Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*"}


def _missing(request: Request, what: str) -> Response:
    if wants_html(request):
        return page("missing.html", status_code=404, what=TEXTS(f"public.missing.{what}"))
    return failure(404, TEXTS(f"public.missing.{what}"))


@router.get("/issuers/{entity_id}", summary="Profil public d'un émetteur (OB 2.0)")
def issuer_page(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    try:
        info = public.issuer_by_id(session, links, entity_id)
    except public.Missing:
        return _missing(request, "issuer")
    if wants_html(request):
        return page("issuer.html", issuer=info)
    return json_ld(request, ob2.issuer_document(info))


@router.get("/issuers/{entity_id}/revocations", summary="Liste de révocation (OB 2.0 et 3.0)")
def revocations(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    try:
        profile = public.profile_by_id(session, entity_id)
    except public.Missing:
        return _missing(request, "issuer")
    info = public.issuer_of(session, links, profile)
    revoked = public.revocations_of(session, links, profile.id)
    document = ob2.revocation_list_document(info, revoked) | ob3.revocation_list(info, revoked)
    return json_ld(request, document)


@router.get("/badgeclasses/{entity_id}", summary="Un badge, public (OB 2.0)")
def badgeclass_page(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    try:
        info = public.badgeclass_by_id(session, links, entity_id)
    except public.Missing:
        return _missing(request, "badgeclass")
    recognised = badgeclass_endorsements(session, links, entity_id)  # issue 9
    if wants_html(request):
        return page("badgeclass.html", badge=info, recognised=recognised, et=et())
    extra = {"endorsement": [e["id"] for e in recognised]} if recognised else {}
    return json_ld(request, ob2.badgeclass_document(info) | extra)


@router.get("/badgeclasses/{entity_id}/image.png", summary="Image d'un badge (PNG)")
def badgeclass_png(entity_id: str, request: Request, session: Db) -> Response:
    try:
        row = public.badgeclass_row(session, entity_id)
    except public.Missing:
        return _missing(request, "badgeclass")
    png = picture_png(row.competency_id, row.level, row.framework_id)
    return Response(png, media_type="image/png", headers=PUBLIC_CACHE)


@router.get("/badgeclasses/{entity_id}/image.svg", summary="Image d'un badge (SVG)")
def badgeclass_svg(entity_id: str, request: Request, session: Db) -> Response:
    try:
        row = public.badgeclass_row(session, entity_id)
    except public.Missing:
        return _missing(request, "badgeclass")
    svg = picture_svg(row.competency_id, row.level, row.framework_id)
    return Response(svg, media_type="image/svg+xml", headers=PUBLIC_CACHE)


@router.get("/assertions/{entity_id}", summary="Un badge délivré, public (OB 2.0)")
def assertion_page(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    try:
        info = public.assertion_by_id(session, links, entity_id)
    except public.Missing:
        return _missing(request, "assertion")
    view = shared_view(session, links, info)  # issue 9: privacy, erasure, endorsements
    if view.erased:
        return erased_response(wants_html(request))
    info = view.assertion
    status_code = 410 if info.revoked else 200
    if wants_html(request):
        return page("assertion.html", status_code=status_code, assertion=info, shared=view, et=et())
    document = ob2.assertion_document(info) | ob2_extra(view)
    return json_ld(request, document, status_code=status_code)


@router.get("/assertions/{entity_id}/image.png", summary="Badge délivré, PNG « cuit »")
def assertion_png(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    info = _live_assertion(session, links, entity_id)
    if isinstance(info, Response):
        return info
    document = json.dumps(ob2.assertion_document(info), ensure_ascii=False)
    baked = baking.bake_png(_picture_png(info), document)
    return Response(baked, media_type="image/png", headers={"Cache-Control": "no-cache"})


@router.get("/assertions/{entity_id}/image.svg", summary="Badge délivré, SVG « cuit »")
def assertion_svg(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    info = _live_assertion(session, links, entity_id)
    if isinstance(info, Response):
        return info
    document = json.dumps(ob2.assertion_document(info), ensure_ascii=False)
    svg = picture_svg(*_picture_of(info))
    baked = baking.bake_svg(svg, document, info.id_url)
    return Response(baked, media_type="image/svg+xml", headers={"Cache-Control": "no-cache"})


@router.get("/assertions/{entity_id}/credential.jwt", summary="Badge délivré, OB 3.0 (VC-JWT)")
def assertion_credential(entity_id: str, request: Request, session: Db, links: Links) -> Response:
    try:
        info = public.assertion_by_id(session, links, entity_id)
    except public.Missing:
        return _missing(request, "assertion")
    view = shared_view(session, links, info)  # issue 9: the same choice for the credential
    if view.erased:
        return erased_response(False)
    info = view.assertion
    row_kid = info.signing_kid.rsplit("/", 1)[-1]
    pem = private_pem(state(request).settings, row_kid)
    token = ob3.sign_credential(ob3.credential(info), pem, info.signing_kid)
    return Response(token, media_type="application/vc+jwt", headers={"Cache-Control": "no-cache"})


@router.get("/keys/{kid}", summary="Clé publique (OB 2.0 CryptographicKey et JWK)")
def public_key(kid: str, request: Request, session: Db, links: Links) -> Response:
    try:
        key = public.key_by_kid(session, kid)
    except public.Missing:
        return _missing(request, "key")
    jwk = keys.public_jwk(key.public_pem, links.key(key.kid))
    owner = links.issuer(key.issuer.entity_id)
    document = ob2.cryptographic_key_document(links.key(key.kid), owner, key.public_pem)
    # One URL, both readings: a JWK (kid of the VC-JWT) and an OB 2.0 CryptographicKey.
    return json_ld(request, {**jwk, **document})


@router.get("/.well-known/jwks.json", summary="Clés publiques de signature (JWKS)")
def jwks(session: Db, links: Links) -> JSONResponse:
    published = [keys.public_jwk(k.public_pem, links.key(k.kid)) for k in public.all_keys(session)]
    return JSONResponse(keys.jwks(published), headers=PUBLIC_CACHE)


@router.get("/frameworks/{framework_id}", summary="Un référentiel de compétences")
def framework_page(framework_id: str, request: Request) -> Response:
    framework = frameworks().get(framework_id)
    if framework is None:
        return _missing(request, "framework")
    if wants_html(request):
        return page("framework.html", framework=framework, localize=localize)
    document: dict[str, Any] = {
        "id": framework.id,
        "version": framework.version,
        "name": localize(framework.name),
        "competencies": [
            {"id": c.id, "name": localize(c.name), "description": localize(c.description)}
            for c in framework.competencies
        ],
    }
    return json_ld(request, document)


def _picture_of(info: AssertionInfo) -> tuple[str, int, str]:
    return info.badge.competency_id, info.badge.level, info.badge.framework_id


def _picture_png(info: AssertionInfo) -> bytes:
    return picture_png(*_picture_of(info))


def _live_assertion(session: Session, links: Urls, entity_id: str) -> Any:
    """The assertion, or the answer to give instead (404 unknown, 410 revoked)."""
    try:
        info = public.assertion_by_id(session, links, entity_id)
    except public.Missing:
        return failure(404, TEXTS("public.missing.assertion"))
    if info.revoked:
        return JSONResponse(ob2.revoked_assertion_document(info), status_code=410)
    view = shared_view(session, links, info)  # issue 9: the same choice for the baked files
    if view.erased:
        return erased_response(False)
    return view.assertion
