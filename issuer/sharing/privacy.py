"""Per badge, what the young person chose to make public — applied everywhere the badge shows.

One function, ``shared_view``, turns a public assertion into what may be shown: the same
result feeds the HTML page, the JSON-LD, the OB 3.0 credential and the baked PNG / SVG, so
they cannot disagree. With no choice recorded the least is shown: no name, no narrative, no
evidence narrative. An erased young person's badge answers 410 everywhere.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, delete, exists, select
from sqlalchemy.orm import Session

from issuer.db.models import AssertionDocumentRow, AssertionRow, BadgeClassRow
from issuer.endorsements import service as endorsements
from issuer.endorsements import views
from issuer.endorsements.models import EndorsementRequestRow, EndorsementRow
from issuer.openbadges.model import AssertionInfo
from issuer.service.clock import now
from issuer.service.documents import Urls
from issuer.sharing.linkedin import Certification, add_to_profile_url
from issuer.sharing.models import NAME_CHOICES, AssertionPrivacyRow


@dataclass(frozen=True)
class Choice:
    """What the young person makes public for one badge (default: the least)."""

    name_kind: str = "none"  # none | pseudonym | first_name
    display_name: str = ""
    show_narrative: bool = False


@dataclass
class SharedView:
    assertion: AssertionInfo  # with only what may be shown
    erased: bool = False
    endorsements: list[dict[str, Any]] = field(default_factory=list)
    linkedin_url: str = ""


def apply_choice(info: AssertionInfo, choice: Choice) -> AssertionInfo:
    """The assertion with the name and the narrative only if chosen."""
    name = choice.display_name.strip() if choice.name_kind != "none" else ""
    if choice.show_narrative:
        return replace(info, recipient_name=name)
    evidence = [{"url": e["url"]} for e in info.evidence if e.get("url")]
    return replace(info, recipient_name=name, narrative="", evidence=evidence)


def shared_view(session: Session, links: Urls, info: AssertionInfo) -> SharedView:
    """What the public may see of this badge, its endorsements and its LinkedIn link.

    The hottest code of the public GETs: ``info`` already carries the assertion's primary key
    (``revocation_index``), so one query reads the choice and whether it was endorsed.
    """
    found = session.execute(_privacy_read(info.revocation_index)).first()
    if found is not None and found.erased_at is not None:
        return SharedView(apply_choice(info, Choice()), erased=True)
    choice = (
        Choice(found.name_kind, found.display_name, found.show_narrative)
        if found is not None and found.name_kind is not None
        else Choice()
    )
    shown = apply_choice(info, choice)
    endorsed = found is not None and found.endorsed
    given = (
        endorsements.endorsements_of_assertion(session, info.revocation_index) if endorsed else []
    )
    cert = Certification(
        name=info.badge.name,
        organisation=info.badge.issuer.name,
        issued=info.issued_on,
        url=info.id_url,
        cert_id=info.entity_id,
        expires=info.expires,
    )
    return SharedView(
        assertion=shown,
        endorsements=[views.public_summary(links, e) for e in given],
        linkedin_url=add_to_profile_url(cert),
    )


def _privacy_read(assertion_id: int) -> Select[str, str, bool, datetime | None, bool]:
    """The badge's privacy choice (NULLs: none recorded) and whether any hosted endorsement
    exists, in one query: endorsements (rare) are then loaded with their four joined
    relations only when there is one."""
    return (
        select(
            AssertionPrivacyRow.name_kind,
            AssertionPrivacyRow.display_name,
            AssertionPrivacyRow.show_narrative,
            AssertionPrivacyRow.erased_at,
            exists().where(_endorsed(assertion_id)).label("endorsed"),
        )
        .select_from(AssertionRow)
        .outerjoin(AssertionPrivacyRow, AssertionPrivacyRow.assertion_id == AssertionRow.id)
        .where(AssertionRow.id == assertion_id)
    )


def _endorsed(assertion_id: int) -> ColumnElement[bool]:
    return and_(EndorsementRow.assertion_id == assertion_id, EndorsementRow.withdrawn.is_(False))


def badgeclass_endorsements(session: Session, links: Urls, entity_id: str) -> list[dict[str, Any]]:
    """Organisations that recognise this badge class (« notre entreprise reconnaît ce badge »)."""
    row = session.scalar(select(BadgeClassRow).where(BadgeClassRow.entity_id == entity_id))
    if row is None:
        return []
    return [
        views.public_summary(links, e)
        for e in endorsements.endorsements_of_badgeclass(session, row.id)
    ]


def ob2_extra(view: SharedView) -> dict[str, Any]:
    """Keys the OB 2.0 assertion gains: the URLs of its hosted endorsements."""
    return {"endorsement": [e["id"] for e in view.endorsements]} if view.endorsements else {}


def choice_of(session: Session, assertion_id: int) -> Choice:
    """The choice in force for one badge (the least when none was recorded)."""
    row = session.get(AssertionPrivacyRow, assertion_id)
    if row is None or row.name_kind is None:
        return Choice()
    return Choice(row.name_kind, row.display_name, row.show_narrative)


def set_choice(session: Session, assertion_id: int, choice: Choice) -> None:
    if choice.name_kind not in NAME_CHOICES:
        raise ValueError(choice.name_kind)
    row = session.get(AssertionPrivacyRow, assertion_id)
    if row is None:
        row = AssertionPrivacyRow(assertion_id=assertion_id)
        session.add(row)
    row.name_kind = choice.name_kind
    row.display_name = choice.display_name if choice.name_kind != "none" else ""
    row.show_narrative = choice.show_narrative
    session.commit()


def erase(session: Session, assertion_id: int) -> None:
    """The young person was erased: the badge's public pages answer 410, what it said is gone."""
    row = session.get(AssertionPrivacyRow, assertion_id)
    if row is None:
        row = AssertionPrivacyRow(assertion_id=assertion_id, name_kind="none", show_narrative=False)
        session.add(row)
    row.display_name = ""
    row.erased_at = now()
    assertion = session.get(AssertionRow, assertion_id)
    if assertion is not None:
        assertion.narrative = ""
        assertion.evidence = []
    given_about = select(EndorsementRow).where(EndorsementRow.assertion_id == assertion_id)
    for given in session.scalars(given_about):  # an endorser's words about this young person
        given.withdrawn = True
        given.comment = ""
    asked_about = select(EndorsementRequestRow).where(
        EndorsementRequestRow.assertion_id == assertion_id
    )
    for asked in session.scalars(asked_about):  # their name and own words, shown to endorsers
        asked.claim = {}
        asked.endorser_email = ""
        asked.state = "withdrawn"  # a link still out there dies
    # Its public documents as they were served (narrative, evidence, name when shown) are
    # kept per revision: stale now, never served again, but still in the database.
    session.execute(
        delete(AssertionDocumentRow).where(AssertionDocumentRow.assertion_id == assertion_id)
    )
    session.commit()
