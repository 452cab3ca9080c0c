"""The ``result`` items of the /v2 API, in Badgr v2's field names."""

from datetime import datetime
from typing import Any

from issuer.db.models import AssertionRow, BadgeClassRow, IssuerProfile
from issuer.service.documents import Urls, competency_url


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, as Badgr writes dates."""
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_shape(urls: Urls, profile: IssuerProfile) -> dict[str, Any]:
    return {
        "entityType": "Issuer",
        "entityId": profile.entity_id,
        "openBadgeId": urls.issuer(profile.entity_id),
        "createdAt": iso(profile.created_at),
        "name": profile.name,
        "url": profile.url,
        "email": profile.email,
        "description": "",
        "image": None,
        "extensions": {},
    }


def badgeclass_shape(urls: Urls, row: BadgeClassRow) -> dict[str, Any]:
    id_url = urls.badgeclass(row.entity_id)
    target_url = competency_url(urls, row)
    return {
        "entityType": "BadgeClass",
        "entityId": row.entity_id,
        "openBadgeId": id_url,
        "createdAt": iso(row.created_at),
        "issuer": row.issuer.entity_id,
        "issuerOpenBadgeId": urls.issuer(row.issuer.entity_id),
        "name": row.name,
        "image": f"{id_url}/image.png",
        "description": row.description,
        "criteriaUrl": f"{id_url}#criteres",
        "criteriaNarrative": row.criteria_narrative,
        "alignments": [
            {
                "targetName": row.competency_name,
                "targetUrl": target_url,
                "targetDescription": None,
                "targetFramework": f"{row.framework_name} {row.framework_version}",
                "targetCode": row.competency_id,
            }
        ],
        "tags": [row.framework_id, row.competency_id, f"niveau-{row.level}"],
        "expires": None,
        # DIVA's own keys, so a client finds a badge class by competency and level.
        "competency": row.competency_id,
        "level": row.level,
        "framework": {"id": row.framework_id, "version": row.framework_version},
        "revision": row.revision,
        "current": row.current,
        "extensions": {
            "extensions:DivaCompetency": {
                "competency": row.competency_id,
                "level": row.level,
                "framework": row.framework_id,
                "frameworkVersion": row.framework_version,
                "revision": row.revision,
            }
        },
    }


def assertion_shape(urls: Urls, row: AssertionRow) -> dict[str, Any]:
    id_url = urls.assertion(row.entity_id)
    badge = row.badge_class
    return {
        "entityType": "Assertion",
        "entityId": row.entity_id,
        "openBadgeId": id_url,
        "createdAt": iso(row.created_at),
        "badgeclass": badge.entity_id,
        "badgeclassOpenBadgeId": urls.badgeclass(badge.entity_id),
        "issuer": badge.issuer.entity_id,
        "issuerOpenBadgeId": urls.issuer(badge.issuer.entity_id),
        "image": f"{id_url}/image.png",
        "recipient": {
            "identity": row.recipient_hash,
            "hashed": True,
            "type": "email",
            "salt": row.recipient_salt,
        },
        "issuedOn": iso(row.issued_on),
        "narrative": row.narrative or None,
        "evidence": list(row.evidence),
        "revoked": row.revoked,
        "revocationReason": row.revocation_reason or None,
        "expires": iso(row.expires),
        "extensions": dict(row.extensions),
        "credential": f"{id_url}/credential.jwt",
        "frameworkVersion": badge.framework_version,
    }
