"""Rows -> the plain documents of ``documents`` and the words of ``pages``, on the public URL."""

from typing import Any

from issuer.endorsements.documents import EndorsementInfo, EndorserInfo
from issuer.endorsements.models import EndorsementRequestRow, EndorsementRow, EndorserRow
from issuer.endorsements.pages import Claim
from issuer.service.documents import Urls
from shared.i18n import Catalogue


def endorser_url(urls: Urls, entity_id: str) -> str:
    return f"{urls.base}/endorsers/{entity_id}"


def endorsement_url(urls: Urls, entity_id: str) -> str:
    return f"{urls.base}/endorsements/{entity_id}"


def kid_url(urls: Urls, endorser_entity_id: str, kid: str) -> str:
    """The ``kid`` of an endorser's key: a URL that answers its public JWK."""
    return f"{endorser_url(urls, endorser_entity_id)}/keys/{kid}"


def link_url(urls: Urls, token: str) -> str:
    return f"{urls.base}/endorse/{token}"


def describe(row: EndorserRow) -> str:
    """« Tutrice de stage, Boulangerie Martin »: role and organisation in one line."""
    return ", ".join(part for part in (row.role, row.organisation) if part.strip())


def endorser_info(urls: Urls, row: EndorserRow, kid: str = "") -> EndorserInfo:
    return EndorserInfo(
        id_url=endorser_url(urls, row.entity_id),
        entity_id=row.entity_id,
        name=row.name,
        role=row.role,
        organisation=row.organisation,
        description=describe(row),
        contact_email=row.issuer.email,
        kid=kid_url(urls, row.entity_id, kid) if kid else "",
        is_organisation=row.is_organisation,
        revocation_list_url=f"{endorser_url(urls, row.entity_id)}/revocations",
    )


def subject_url(urls: Urls, row: EndorsementRow) -> str:
    if row.assertion is not None and row.subject_kind == "assertion":
        return urls.assertion(row.assertion.entity_id)
    if row.badge_class is not None:
        return urls.badgeclass(row.badge_class.entity_id)
    return f"{endorsement_url(urls, row.entity_id)}#experience"  # an experience has no page


def endorsement_info(urls: Urls, row: EndorsementRow, t: Catalogue) -> EndorsementInfo:
    if row.assertion is not None:
        title = row.assertion.badge_class.name
    elif row.badge_class is not None:
        title = row.badge_class.name
    else:
        title = (row.request.claim.get("experience_title", "") if row.request else "") or "—"
    kind = row.subject_kind if row.subject_kind != "experience" else "assertion"
    return EndorsementInfo(
        id_url=endorsement_url(urls, row.entity_id),
        entity_id=row.entity_id,
        endorser=endorser_info(urls, row.endorser, row.signing_kid),
        subject_kind="badgeclass" if kind == "badgeclass" else "assertion",
        subject_url=subject_url(urls, row),
        name=t("document.name", title=title),
        comment=row.comment,
        issued_on=row.issued_on,
    )


def claim_of(row: EndorsementRequestRow) -> Claim:
    """The words shown to the endorser: badge class facts, then what the request carried."""
    words = dict(row.claim)
    badge = row.assertion.badge_class if row.assertion is not None else row.badge_class
    if badge is not None:
        words["competency"] = words.get("competency") or badge.competency_name
        words["level_word"] = words.get("level_word") or badge.level_word
        words["criteria"] = words.get("criteria") or badge.criteria_narrative
    return Claim(
        young_name=words.get("young_name", ""),
        issuer_name=row.issuer.name,
        competency=words.get("competency", ""),
        level_word=words.get("level_word", ""),
        criteria=words.get("criteria", ""),
        experience_title=words.get("experience_title", ""),
        experience_where=words.get("experience_where", ""),
        experience_when=words.get("experience_when", ""),
        own_words=words.get("own_words", ""),
        kind="badgeclass" if row.subject_kind == "badgeclass" else "person",
    )


def public_summary(urls: Urls, row: EndorsementRow) -> dict[str, Any]:
    """What a public page shows of one endorsement: who, in which role, their words, where the
    signed documents are. Never an e-mail, never a link token."""
    return {
        "id": endorsement_url(urls, row.entity_id),
        "credential": f"{endorsement_url(urls, row.entity_id)}/credential.jwt",
        "endorser": {
            "id": endorser_url(urls, row.endorser.entity_id),
            "name": row.endorser.name,
            "role": row.endorser.role,
            "organisation": row.endorser.organisation,
        },
        "comment": row.comment,
        "issuedOn": row.issued_on.isoformat(),
    }
