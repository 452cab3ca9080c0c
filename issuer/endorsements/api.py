"""The /v2 endorsement API for the skill map, in Badgr's envelope (bearer token required).

- ``POST /v2/endorsements``: ask a person (or an organisation) to endorse an issued badge, a
  confirmed experience, or a badge class; the young person's consent is required. The mail
  leaves at once; the answer says whether it did.
- ``GET /v2/endorsements/{id}``: its state (sent, endorsed, declined, expired, withdrawn) and,
  once endorsed, the endorsement's public URL, the endorser and their comment.
- ``POST /v2/endorsements/{id}/reminder``: a new link sent again (the old one stops working).
- ``DELETE /v2/endorsements/{id}``: withdraw it (a given endorsement is unpublished).
"""

import os
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from issuer.api.deps import current_client, get_session, state, urls
from issuer.api.envelope import ApiError, ok
from issuer.db.models import ApiClient
from issuer.endorsements import mail, service, views
from issuer.endorsements.forms import NAME_MAX, ORGANISATION_MAX, ROLE_MAX, clean_text
from issuer.endorsements.models import EndorsementRequestRow, EndorsementRow
from issuer.endorsements.pages import catalogue, environment
from issuer.openbadges.ob2 import iso_datetime
from issuer.service.documents import Urls

ENV_SMTP = "DIVA_ISSUER_SMTP_URL"
ENV_MAIL_FROM = "DIVA_ISSUER_MAIL_FROM"
OUTBOX = "outbox"
WORDS_MAX = 2000

router = APIRouter(prefix="/v2", tags=["endorsements"])
Client = Annotated[ApiClient, Depends(current_client)]
Db = Annotated[Session, Depends(get_session)]
Links = Annotated[Urls, Depends(urls)]


class EndorsementError(ApiError):
    """An API error whose sentence comes from the endorsement catalogue."""

    def __init__(self, status_code: int, key: str) -> None:
        super().__init__(status_code, key)
        self.description = catalogue()(key)


class Subject(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["assertion", "badgeclass", "experience"]
    entityId: str = Field("", max_length=64)
    title: str = Field("", max_length=200)
    where: str = Field("", max_length=200)
    when: str = Field("", max_length=100)
    competency: str = Field("", max_length=200)
    levelWord: str = Field("", max_length=200)
    criteria: str = Field("", max_length=WORDS_MAX)


class EndorserIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=NAME_MAX)
    role: str = Field("", max_length=ROLE_MAX)
    organisation: str = Field("", max_length=ORGANISATION_MAX)
    email: str = Field(max_length=320, pattern=r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
    isOrganisation: bool = False


class EndorsementRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject: Subject
    endorser: EndorserIn
    recipientName: str = Field("", max_length=100)
    ownWords: str = Field("", max_length=WORDS_MAX)
    consent: bool = Field(description="The young person agreed to show this to this endorser.")
    lang: Literal["fr", "en"] = "fr"


def _claim(body: EndorsementRequestIn) -> dict[str, str]:
    s = body.subject
    words = {
        "young_name": body.recipientName,
        "own_words": clean_text(body.ownWords, multiline=True),
        "experience_title": s.title,
        "experience_where": s.where,
        "experience_when": s.when,
        "competency": s.competency,
        "level_word": s.levelWord,
        "criteria": clean_text(s.criteria, multiline=True),
        "lang": body.lang,
    }
    return {k: clean_text(v) if k not in ("own_words", "criteria") else v for k, v in words.items()}


def request_shape(links: Urls, row: EndorsementRequestRow, given: EndorsementRow | None) -> dict:
    """One request as the skill map reads it (never the endorser's e-mail, never the link)."""
    shape: dict[str, Any] = {
        "entityId": row.entity_id,
        "entityType": "EndorsementRequest",
        "state": row.state,
        "subjectType": row.subject_kind,
        "expires": iso_datetime(row.expires_at),
        "reminders": row.reminders,
        "delivered": not row.delivery_error and row.last_sent_at is not None,
        "deliveryError": catalogue()(row.delivery_error) if row.delivery_error else "",
        "endorsement": None,
    }
    if given is not None and not given.withdrawn:
        hosted = given.subject_kind != "experience"  # an experience's endorsement stays private
        url = views.endorsement_url(links, given.entity_id) if hosted else ""
        shape["endorsement"] = {
            "entityId": given.entity_id,
            "openBadgeId": url,
            "credential": f"{url}/credential.jwt" if hosted else "",
            "comment": given.comment,
            "issuedOn": iso_datetime(given.issued_on),
            "endorser": {
                "name": given.endorser.name,
                "role": given.endorser.role,
                "organisation": given.endorser.organisation,
            },
        }
    return shape


def _given(session: Session, row: EndorsementRequestRow) -> EndorsementRow | None:
    return session.scalar(select(EndorsementRow).where(EndorsementRow.request_id == row.id))


def send_mail(
    request: Request, session: Session, links: Urls, row: EndorsementRequestRow, link: str
) -> None:
    """Send (or write) the request mail; a failure is recorded on the request, never raised."""
    settings = state(request).settings
    claim = views.claim_of(row)
    t = catalogue(row.claim.get("lang", "fr"))
    host = links.base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    sender_address = os.environ.get(ENV_MAIL_FROM) or f"no-reply@{host}"
    subject_title = claim.competency or claim.experience_title
    if claim.competency and claim.level_word:
        subject_title = f"{claim.competency} — {claim.level_word}"
    message = mail.build_request_mail(
        mail.RequestMail(
            endorser_name=row.endorser_name,
            endorser_email=row.endorser_email,
            young_name=claim.young_name or row.issuer.name,
            subject_title=subject_title,
            structure=row.issuer.name,
            link=views.link_url(links, link),
            expires=row.expires_at,
            reminder=row.reminders > 0,
        ),
        t,
        environment(),
        sender_address,
        reply_to=row.issuer.email,
    )
    sender = mail.mail_sender(os.environ.get(ENV_SMTP) or None, settings.data_dir / OUTBOX)
    try:
        sender.send(message)
    except mail.MailError as exc:
        service.record_delivery(session, row, exc.key)
        return
    service.record_delivery(session, row)


@router.post("/endorsements", summary="Demander une recommandation", status_code=201)
def create_endorsement_request(
    body: EndorsementRequestIn,
    request: Request,
    client: Client,
    session: Db,
    links: Links,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> JSONResponse:
    subject = body.subject
    if subject.type in ("assertion", "badgeclass") and not subject.entityId:
        raise EndorsementError(422, "api.subject_missing")
    if subject.type == "experience" and not subject.title.strip():
        raise EndorsementError(422, "api.experience_missing")
    new = service.NewRequest(
        subject_kind=subject.type,
        subject_id=subject.entityId,
        claim=_claim(body),
        endorser_name=clean_text(body.endorser.name),
        endorser_role=clean_text(body.endorser.role),
        endorser_organisation=clean_text(body.endorser.organisation),
        endorser_email=body.endorser.email.strip(),
        is_organisation=body.endorser.isOrganisation or subject.type == "badgeclass",
        consent=body.consent,
    )
    try:
        row, link = service.create_request(
            session, client, new, (idempotency_key or "").strip() or None
        )
    except service.Refused as exc:
        raise EndorsementError(422, exc.key) from None
    except service.NotFound:
        raise EndorsementError(404, "api.subject_not_found") from None
    if link is not None:
        send_mail(request, session, links, row, link)
    return ok([request_shape(links, row, _given(session, row))], 201 if link else 200)


def _owned(session: Session, client: ApiClient, entity_id: str) -> EndorsementRequestRow:
    try:
        row = service.request_for(session, client, entity_id)
    except service.NotFound:
        raise EndorsementError(404, "api.request_not_found") from None
    session.commit()  # an expiry noticed now is kept
    return row


@router.get("/endorsements/{entity_id}", summary="État d'une demande de recommandation")
def get_endorsement_request(
    entity_id: str, client: Client, session: Db, links: Links
) -> JSONResponse:
    row = _owned(session, client, entity_id)
    return ok([request_shape(links, row, _given(session, row))])


@router.post("/endorsements/{entity_id}/reminder", summary="Relancer la personne")
def remind(
    entity_id: str, request: Request, client: Client, session: Db, links: Links
) -> JSONResponse:
    row = _owned(session, client, entity_id)
    try:
        link = service.new_link(session, row)
    except service.Refused as exc:
        raise EndorsementError(409, exc.key) from None
    send_mail(request, session, links, row, link)
    return ok([request_shape(links, row, _given(session, row))])


@router.delete("/endorsements/{entity_id}", summary="Retirer une demande de recommandation")
def withdraw(entity_id: str, client: Client, session: Db, links: Links) -> JSONResponse:
    row = _owned(session, client, entity_id)
    service.withdraw(session, row)
    return ok([request_shape(links, row, _given(session, row))])
