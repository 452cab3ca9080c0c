"""Plain data the Open Badges documents are built from: no database, no web framework.

The service (``issuer/service``, ``issuer/api``) reads its rows into these, then calls the
pure builders in ``ob2``, ``ob3``, ``baking`` and ``keys``. Keeping the documents pure means
they are tested alone against the official schemas and validators.

All URLs are absolute and built on the issuer's public URL (``serve --public-url``).
"""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class IssuerInfo:
    """One structure's issuer profile (Mission Locale de Lens, an E2C, ...)."""

    id_url: str  # {public}/issuers/{entity_id}
    entity_id: str
    name: str
    url: str  # the structure's own web site (init --url)
    email: str  # the structure's contact address (public, not a young person's)
    public_key_urls: list[str] = field(default_factory=list)  # OB 2.0 CryptographicKey ids
    jwks_url: str = ""  # {public}/.well-known/jwks.json
    revocation_list_url: str = ""  # {public}/issuers/{entity_id}/revocations


@dataclass(frozen=True)
class Alignment:
    """The competency a BadgeClass recognises, in its framework."""

    target_name: str
    target_url: str
    target_framework: str
    target_code: str
    target_description: str = ""


@dataclass(frozen=True)
class BadgeClassInfo:
    """One competency x level x framework version."""

    id_url: str  # {public}/badgeclasses/{entity_id}
    entity_id: str
    name: str  # « Communiquer à l'oral — niveau 2 »
    description: str
    criteria_narrative: str  # the level descriptor, in plain words
    criteria_url: str
    image_url: str  # {public}/badgeclasses/{entity_id}/image.png
    issuer: IssuerInfo
    alignment: Alignment
    competency_id: str
    level: int
    framework_id: str
    framework_version: str
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AssertionInfo:
    """One issued badge. The recipient e-mail is never stored in clear: only its hash."""

    id_url: str  # {public}/assertions/{entity_id}
    entity_id: str
    badge: BadgeClassInfo
    recipient_hash: str  # "sha256$" + hex(sha256(normalised e-mail + salt))
    recipient_salt: str
    issued_on: datetime  # timezone-aware, UTC
    narrative: str = ""
    evidence: list[dict[str, str]] = field(default_factory=list)  # [{"url"?, "narrative"?}]
    expires: datetime | None = None
    revoked: bool = False
    revocation_reason: str = ""
    recipient_name: str = ""  # shown only if the young person chose it (else "")
    signing_kid: str = ""  # the kid URL of the key that signs the OB 3.0 credential
    revocation_index: int = 0  # position in the issuer's 1EdTechRevocationList


@dataclass(frozen=True)
class Revocation:
    """One line of an issuer's revocation list: a revoked assertion's URL and why.

    Kept apart from ``AssertionInfo`` so a list of thousands of revocations is built from two
    columns, without loading every badge class behind them.
    """

    id_url: str  # the assertion URL, which is also the OB 3.0 credential id
    reason: str = ""
