"""Rows -> the plain dataclasses of ``issuer.openbadges.model``, with ids on the public URL.

The public URL is given at serve time (``--public-url``), never stored in a row, so moving
the server behind another name only needs a restart.
"""

from urllib.parse import quote

from issuer.db.models import AssertionRow, BadgeClassRow, IssuerProfile
from issuer.openbadges.model import Alignment, AssertionInfo, BadgeClassInfo, IssuerInfo


class Urls:
    """Every public address the issuer serves, built on one public URL."""

    def __init__(self, public_url: str) -> None:
        self.base = public_url.rstrip("/")

    def issuer(self, entity_id: str) -> str:
        return f"{self.base}/issuers/{entity_id}"

    def badgeclass(self, entity_id: str) -> str:
        return f"{self.base}/badgeclasses/{entity_id}"

    def assertion(self, entity_id: str) -> str:
        return f"{self.base}/assertions/{entity_id}"

    def key(self, kid: str) -> str:
        return f"{self.base}/keys/{kid}"

    def jwks(self) -> str:
        return f"{self.base}/.well-known/jwks.json"

    def revocations(self, issuer_entity_id: str) -> str:
        return f"{self.issuer(issuer_entity_id)}/revocations"

    def framework(self, framework_id: str, competency_id: str = "") -> str:
        anchor = f"#{quote(competency_id)}" if competency_id else ""
        return f"{self.base}/frameworks/{quote(framework_id)}{anchor}"


ISSUER_FIELDS = ("entity_id", "name", "url", "email")
BADGE_CLASS_FIELDS = (
    "entity_id", "name", "description", "criteria_narrative", "framework_id",
    "framework_version", "framework_name", "framework_url", "competency_id", "competency_name",
    "level",
)  # fmt: skip


def competency_url(urls: Urls, row: BadgeClassRow) -> str:
    """Where the competency is described: the framework's own page, else this issuer's."""
    if row.framework_url:
        return f"{row.framework_url.rstrip('/')}#{quote(row.competency_id)}"
    return urls.framework(row.framework_id, row.competency_id)


def issuer_info(urls: Urls, profile: IssuerProfile, kids: list[str]) -> IssuerInfo:
    """``profile`` may be the ORM row or any object with the ``ISSUER_FIELDS``."""
    return IssuerInfo(
        id_url=urls.issuer(profile.entity_id),
        entity_id=profile.entity_id,
        name=profile.name,
        url=profile.url,
        email=profile.email,
        public_key_urls=[urls.key(kid) for kid in kids],
        jwks_url=urls.jwks(),
        revocation_list_url=urls.revocations(profile.entity_id),
    )


def badgeclass_info(urls: Urls, row: BadgeClassRow, issuer: IssuerInfo) -> BadgeClassInfo:
    """``row`` may be the ORM row or any object with the ``BADGE_CLASS_FIELDS``."""
    target_url = competency_url(urls, row)
    id_url = urls.badgeclass(row.entity_id)
    return BadgeClassInfo(
        id_url=id_url,
        entity_id=row.entity_id,
        name=row.name,
        description=row.description,
        criteria_narrative=row.criteria_narrative,
        criteria_url=f"{id_url}#criteres",
        image_url=f"{id_url}/image.png",
        issuer=issuer,
        alignment=Alignment(
            target_name=row.competency_name,
            target_url=target_url,
            target_framework=f"{row.framework_name} {row.framework_version}",
            target_code=row.competency_id,
        ),
        competency_id=row.competency_id,
        level=row.level,
        framework_id=row.framework_id,
        framework_version=row.framework_version,
        tags=[row.framework_id, row.competency_id, f"niveau-{row.level}"],
    )


def assertion_info(urls: Urls, row: AssertionRow, badge: BadgeClassInfo) -> AssertionInfo:
    return AssertionInfo(
        id_url=urls.assertion(row.entity_id),
        entity_id=row.entity_id,
        badge=badge,
        recipient_hash=row.recipient_hash,
        recipient_salt=row.recipient_salt,
        issued_on=row.issued_on,
        narrative=row.narrative,
        evidence=[dict(e) for e in row.evidence],
        expires=row.expires,
        revoked=row.revoked,
        revocation_reason=row.revocation_reason,
        signing_kid=urls.key(row.signing_kid),
        revocation_index=row.id,
    )
