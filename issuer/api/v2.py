"""The /v2 issuing API, shaped like Badgr v2: every route needs a bearer token."""

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from issuer.api.deps import AppState, current_caller, current_client, get_session, state, urls
from issuer.api.envelope import ApiError, ok
from issuer.api.public import BUILDERS, ISSUED_KINDS
from issuer.api.schemas import AssertionRequest, RevocationRequest
from issuer.api.shapes import assertion_shape, badgeclass_shape, issuer_shape
from issuer.api.warmup import warm_up
from issuer.db.lean import Connections
from issuer.db.models import ApiClient
from issuer.service import assertions, issuing
from issuer.service.assertions import NewAssertion
from issuer.service.documents import Urls
from issuer.service.issuing import Caller
from issuer.service.profiles import default_public_url
from issuer.settings import Settings
from issuer.sharing.privacy import Choice, SharedView, apply_choice

log = logging.getLogger(__name__)
router = APIRouter(
    prefix="/v2",
    tags=["v2"],
    responses={401: {"description": "Jeton absent"}},
    lifespan=warm_up,  # a worker prepares the issuing path before it answers
)

Client = Annotated[ApiClient, Depends(current_client)]
Db = Annotated[Session, Depends(get_session)]
Links = Annotated[Urls, Depends(urls)]


@router.get("/issuers", summary="Les profils d'émetteur de ce client")
def list_issuers(client: Client, links: Links) -> JSONResponse:
    return ok([issuer_shape(links, client.issuer)])


@router.get("/issuers/{entity_id}", summary="Un profil d'émetteur")
def get_issuer(entity_id: str, client: Client, links: Links) -> JSONResponse:
    if client.issuer.entity_id != entity_id:
        raise ApiError(404, "error.issuer_not_found")
    return ok([issuer_shape(links, client.issuer)])


@router.get("/issuers/{entity_id}/badgeclasses", summary="Les badges d'un émetteur")
def list_badgeclasses(
    entity_id: str, client: Client, session: Db, links: Links, all_revisions: bool = False
) -> JSONResponse:
    if client.issuer.entity_id != entity_id:
        raise ApiError(404, "error.issuer_not_found")
    rows = assertions.badge_classes_of(session, client.issuer_id, all_revisions=all_revisions)
    return ok([badgeclass_shape(links, r) for r in rows])


@router.get("/badgeclasses/{entity_id}", summary="Un badge")
def get_badgeclass(entity_id: str, client: Client, session: Db, links: Links) -> JSONResponse:
    try:
        row = assertions.badge_class_for(session, client, entity_id)
    except assertions.NotFound:
        raise ApiError(404, "error.badgeclass_not_found") from None
    return ok([badgeclass_shape(links, row)])


@router.post(
    "/badgeclasses/{entity_id}/assertions",
    summary="Délivrer un badge",
    status_code=201,
)
async def issue_assertion(
    entity_id: str,
    request: Request,
    body: AssertionRequest,
    caller: Annotated[Caller, Depends(current_caller)],
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> JSONResponse:
    """On SQLite on the event loop, as the token check and the public reads: a local write of
    a few hundred microseconds plus one RSA signature, where the thread-pool hop cost a third
    of the route's CPU. On PostgreSQL (network round trips) in the thread pool."""
    key = (idempotency_key or "").strip() or None
    if state(request).settings.is_sqlite:
        return _issue(request, caller, entity_id, _wanted(body), key)
    return await run_in_threadpool(_issue, request, caller, entity_id, _wanted(body), key)


def _issue(
    request: Request, caller: Caller, entity_id: str, wanted: NewAssertion, key: str | None
) -> JSONResponse:
    """One connection: the assertion, and the documents its client fetches next (baked PNG,
    VC-JWT, JSON-LD; ``issuer.service.issuing``). On PostgreSQL they are committed together.
    On SQLite the documents are built and stored just after the 201 is written: the RSA
    signature and the JSON-LD were a third of the POST's time, and the client prepares its
    next request meanwhile; the event loop serves nothing else before they are stored."""
    app_state = state(request)
    links = Urls(app_state.public_url or _first_url(app_state, request))
    connections: Connections = request.app.state.issuing
    after = app_state.settings.is_sqlite
    with connections.connection() as connection:
        try:
            badge = issuing.badge_for(connection, caller, entity_id)
            # No lookup first: the (client, key) constraint refuses a repeat, which then
            # gets the earlier assertion (a repeat is rare, a lookup per badge is not).
            made = issuing.insert_assertion(connection, caller, badge, wanted, key)
        except assertions.NotFound:
            raise ApiError(404, "error.badgeclass_not_found") from None
        except assertions.IdempotencyConflict:
            raise ApiError(409, "error.idempotency_conflict") from None
        if isinstance(made, str):  # an earlier request with this key made it: the same one
            return _earlier_answer(app_state, links, made)
        if not after:
            documents = issued_documents(app_state.settings, links, badge, made)
            issuing.store_documents(connection, made, links.base, documents)
        connection.commit()
    answer = ok([assertion_shape(links, issuing.shape_source(badge, made))], status_code=201)
    if after:
        answer.background = BackgroundTask(
            _documents_after, app_state, connections, links, badge, made
        )
    return answer


async def _documents_after(
    app_state: AppState,
    connections: Connections,
    links: Urls,
    badge: issuing.Badge,
    made: issuing.Inserted,
) -> None:
    """Run by Starlette once the 201 is sent, on the event loop (the kept SQLite connection
    is the loop's), with no await: no other request is served before the documents are
    stored. Best effort: a GET builds what is missing."""
    documents = issued_documents(app_state.settings, links, badge, made)
    try:
        with connections.connection() as connection:
            issuing.store_documents_after(connection, made, links.base, documents)
            connection.commit()
    except SQLAlchemyError as error:  # never a traceback after an answer already given
        log.warning("documents of a new assertion not stored: %s", type(error).__name__)


def issued_documents(
    settings: Settings, links: Urls, badge: issuing.Badge, made: issuing.Inserted
) -> dict[str, Any]:
    """The public documents of a badge just issued, built as a public GET builds them (same
    builders) for what a new badge shows: the least (no privacy choice nor endorsement can
    exist yet). Best effort: the badge is issued whatever happens here; a GET builds what is
    missing."""
    try:
        info = issuing.info_of(links, badge, made)
        view = SharedView(apply_choice(info, Choice()))
        built = {kind: BUILDERS[kind](settings, info, view) for kind in ISSUED_KINDS}
    except Exception:  # an optimisation must never turn an issued badge into an error
        log.warning("documents of a new assertion not built", exc_info=True)
        return {}
    return {kind: answer for kind, answer in built.items() if not isinstance(answer, Response)}


def _first_url(app_state: AppState, request: Request) -> str:
    """``deps.urls`` without a session: the first profile's URL, else the request's origin."""
    with app_state.sessions() as session:
        app_state.public_url = default_public_url(session)
    return app_state.public_url or str(request.base_url)


def _earlier_answer(app_state: AppState, links: Urls, made: str) -> JSONResponse:
    with app_state.sessions() as session:
        row = assertions.public_assertion(session, made)
        return ok([assertion_shape(links, row)], status_code=200)


@router.get("/badgeclasses/{entity_id}/assertions", summary="Les badges délivrés d'un badge")
def list_assertions(
    entity_id: str,
    client: Client,
    session: Db,
    links: Links,
    recipient: Annotated[str | None, Query(max_length=320)] = None,
) -> JSONResponse:
    """As Badgr: the newest first, ``?recipient=`` keeps those issued to that e-mail."""
    try:
        badge = assertions.badge_class_for(session, client, entity_id)
    except assertions.NotFound:
        raise ApiError(404, "error.badgeclass_not_found") from None
    rows = assertions.assertions_of(session, badge, recipient)
    return ok([assertion_shape(links, row) for row in rows])


@router.get("/assertions/{entity_id}", summary="Un badge délivré")
def get_assertion(entity_id: str, client: Client, session: Db, links: Links) -> JSONResponse:
    try:
        row = assertions.assertion_for(session, client, entity_id)
    except assertions.NotFound:
        raise ApiError(404, "error.assertion_not_found") from None
    return ok([assertion_shape(links, row)])


@router.delete("/assertions/{entity_id}", summary="Révoquer un badge délivré")
def revoke_assertion(
    entity_id: str,
    client: Client,
    session: Db,
    links: Links,
    body: Annotated[RevocationRequest, Body()],
) -> JSONResponse:
    try:
        row = assertions.assertion_for(session, client, entity_id)
    except assertions.NotFound:
        raise ApiError(404, "error.assertion_not_found") from None
    assertions.revoke(session, row, body.revocation_reason.strip())
    return ok([assertion_shape(links, row)])


def _wanted(body: AssertionRequest) -> NewAssertion:
    identity = body.recipient.identity
    hashed = identity.startswith("sha256$")
    if hashed and not body.recipient.salt:
        raise ApiError(422, "error.hash_without_salt")
    evidence = [
        {k: v for k, v in (("url", e.url), ("narrative", e.narrative)) if v} for e in body.evidence
    ]
    return NewAssertion(
        email="" if hashed else identity,
        narrative=body.narrative.strip(),
        evidence=[e for e in evidence if e],
        issued_on=body.issuedOn,
        expires=body.expires,
        extensions=body.extensions or {},
        recipient_hash=identity if hashed else "",
        recipient_salt=(body.recipient.salt or "") if hashed else "",
    )
