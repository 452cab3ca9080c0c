"""Public Open Badges documents (no token), on the issuer's own origin.

JSON-LD for verifiers, a French page for people, baked images, the OB 3.0 VC-JWT, keys.
"""

import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from issuer.api.deps import get_session, public_urls, state, urls
from issuer.api.envelope import TEXTS, failure
from issuer.api.pages import json_bytes, json_ld, json_ld_bytes, page, wants_html
from issuer.endorsements.pages import catalogue as et
from issuer.openbadges import baking, keys, ob2, ob3
from issuer.openbadges.model import AssertionInfo
from issuer.service import public, stored
from issuer.service.documents import Urls
from issuer.service.keystore import private_pem
from issuer.service.pictures import frameworks, picture_png, picture_svg
from issuer.service.sqlite_read import SqliteReader
from issuer.service.stored_async import AsyncReader
from issuer.settings import Settings
from issuer.sharing.privacy import SharedView, badgeclass_endorsements, ob2_extra, shared_view
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


# The assertions' routes come first (and this router first in the app): Starlette tries the
# routes in order, and trying the 17 before cost the hottest public GET ~30 % of its CPU.
@router.get("/assertions/{entity_id}", summary="Un badge délivré, public (OB 2.0)")
async def assertion_page(entity_id: str, request: Request) -> Response:
    if not wants_html(request):  # verifiers: the JSON-LD stored for this revision
        return await _stored_answer(request, entity_id, "jsonld")
    links = await public_urls(request)
    return await run_in_threadpool(_assertion_html, request, links, entity_id)


def _assertion_html(request: Request, links: Urls, entity_id: str) -> Response:
    with state(request).sessions() as session:
        try:
            info = public.assertion_by_id(session, links, entity_id)
        except public.Missing:
            return _missing(request, "assertion")
        view = shared_view(session, links, info)  # issue 9: privacy, erasure, endorsements
        if view.erased:
            return erased_response(True)
        shown = view.assertion
        status_code = 410 if shown.revoked else 200
        return page(
            "assertion.html", status_code=status_code, assertion=shown, shared=view, et=et()
        )


@router.get("/assertions/{entity_id}/image.png", summary="Badge délivré, PNG « cuit »")
async def assertion_png(entity_id: str, request: Request) -> Response:
    return await _stored_answer(request, entity_id, "png")


@router.get("/assertions/{entity_id}/image.svg", summary="Badge délivré, SVG « cuit »")
async def assertion_svg(entity_id: str, request: Request) -> Response:
    return await _stored_answer(request, entity_id, "svg")


@router.get("/assertions/{entity_id}/credential.jwt", summary="Badge délivré, OB 3.0 (VC-JWT)")
async def assertion_credential(entity_id: str, request: Request) -> Response:
    return await _stored_answer(request, entity_id, "jwt")


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


# -- an assertion's public documents, stored per revision (issuer.service.stored) ----------

Built = Response | tuple[int, bytes]  # a Response is answered as it is and not stored
Builder = Callable[[Settings, AssertionInfo, SharedView], Built]
MEDIA = {"png": "image/png", "svg": "image/svg+xml", "jwt": "application/vc+jwt"}
NO_CACHE = {"Cache-Control": "no-cache"}
ISSUED_KINDS = ("jsonld", "png", "jwt")  # built when a badge is issued: clients fetch them


async def _stored_answer(request: Request, entity_id: str, kind: str) -> Response:
    """The document stored for the assertion's current revision: one indexed read on the
    event loop (SQLite: a local read of microseconds on a kept connection, a thread-pool hop
    cost more than the read; PostgreSQL: asyncpg, one query for the GETs of one loop turn).
    Else built in the thread pool and stored for the next GET on any worker."""
    links = await public_urls(request)
    reader: SqliteReader | AsyncReader = request.app.state.stored_reader
    try:
        found = await reader.lookup(entity_id, kind, links.base)
    except stored.Unknown:
        return _missing_assertion(request, kind)
    if found.fresh:
        return _respond(request, kind, found.status, found.body)
    return await run_in_threadpool(_build_and_keep, request, links, entity_id, kind, found)


def _build_and_keep(
    request: Request, links: Urls, entity_id: str, kind: str, found: stored.Found
) -> Response:
    with state(request).sessions() as session:
        try:
            built = build_documents(session, links, state(request).settings, entity_id, [kind])
        except public.Missing:
            return _missing_assertion(request, kind)
        answer = built[kind]
        if isinstance(answer, Response):
            return answer
        stored.keep(session, found, links.base, {kind: answer})
    return _respond(request, kind, *answer)


def build_documents(
    session: Session, links: Urls, settings: Settings, entity_id: str, kinds: Sequence[str]
) -> dict[str, Built]:
    """The public documents ``kinds`` of an assertion, from one read of it and of what its
    young person chose to show (issue 9: privacy, erasure, endorsements)."""
    info = public.assertion_by_id(session, links, entity_id)
    view = shared_view(session, links, info)
    return {kind: BUILDERS[kind](settings, info, view) for kind in kinds}


def _respond(request: Request, kind: str, status: int, body: bytes) -> Response:
    if kind == "jsonld":
        return json_ld_bytes(request, body, status)
    if kind == "png" and status == 200:
        body = baked_png(body)
    media = MEDIA[kind] if status == 200 else "application/json"
    return Response(body, status_code=status, media_type=media, headers=NO_CACHE)


def _missing_assertion(request: Request, kind: str) -> Response:
    if kind in ("png", "svg"):  # an image URL answers in the API's envelope, never a page
        return failure(404, TEXTS("public.missing.assertion"))
    return _missing(request, "assertion")


def _assertion_json(settings: Settings, info: AssertionInfo, view: SharedView) -> Built:
    if view.erased:
        return erased_response(False)
    document = ob2.assertion_document(view.assertion) | ob2_extra(view)
    return (410 if info.revoked else 200), json_bytes(document)


def _baked_file(kind: str) -> Builder:
    """The builder of the baked PNG or SVG: 410 with the revocation when revoked."""

    def build(settings: Settings, info: AssertionInfo, view: SharedView) -> Built:
        if info.revoked:
            return 410, json_bytes(ob2.revoked_assertion_document(info))
        if view.erased:
            return erased_response(False)
        shown = view.assertion  # issue 9: the same choice for the baked files
        document = json.dumps(ob2.assertion_document(shown), ensure_ascii=False)
        if kind == "png":
            return 200, png_to_bake(_picture_of(shown), document)
        svg = picture_svg(*_picture_of(shown))
        return 200, baking.bake_svg(svg, document, shown.id_url).encode()

    return build


def png_to_bake(picture: tuple[str, int, str], assertion_json: str) -> bytes:
    """What is stored of a baked PNG: which picture and the assertion text, ~1 kB where the
    baked file is the whole picture (~34 kB an assertion, 3.4 GB for a region's 100,000);
    a GET bakes it (``baked_png``, a few microseconds with the picture's chunks kept)."""
    competency_id, level, framework_id = picture
    recipe = {"picture": [competency_id, level, framework_id], "assertion": assertion_json}
    return json.dumps(recipe, ensure_ascii=False).encode()


def baked_png(stored: bytes) -> bytes:
    """The baked PNG from what was stored: ``png_to_bake``'s text, or a whole PNG (stored so
    before the text form, kept as it was)."""
    if stored.startswith(baking.PNG_SIGNATURE):
        return stored
    recipe = json.loads(stored)
    competency_id, level, framework_id = recipe["picture"]
    picture = picture_png(str(competency_id), int(level), str(framework_id))
    return baking.bake_png(picture, str(recipe["assertion"]))


def _signed_credential(settings: Settings, info: AssertionInfo, view: SharedView) -> Built:
    if view.erased:
        return erased_response(False)
    shown = view.assertion  # issue 9: the same choice for the credential
    pem = private_pem(settings, shown.signing_kid.rsplit("/", 1)[-1])
    return 200, ob3.sign_credential(ob3.credential(shown), pem, shown.signing_kid).encode()


BUILDERS: dict[str, Builder] = {
    "jsonld": _assertion_json,
    "png": _baked_file("png"),
    "svg": _baked_file("svg"),
    "jwt": _signed_credential,
}
