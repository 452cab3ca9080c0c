"""Open Badges 2.0 hosted documents (JSON-LD) and the recipient's hashed e-mail.

Hosted verification: each document lives at its own ``id`` URL on the issuer's origin, and a
verifier trusts what that URL answers now (a revoked assertion answers ``revoked: true``).
The young person's e-mail never appears in clear: only ``sha256$`` of it with a salt.
"""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from issuer.openbadges.model import (
    Alignment,
    AssertionInfo,
    BadgeClassInfo,
    IssuerInfo,
    Revocation,
)

CONTEXT = "https://w3id.org/openbadges/v2"
# The Open Badges 2.0 Recipient Profile extension (openbadgespec.org/extensions/recipientProfile):
# the one standard place for a recipient's display name, as Badgr writes it. OB 2.0's
# IdentityObject has no name; the e-mail stays hashed.
RECIPIENT_PROFILE = "extensions:recipientProfile"
RECIPIENT_PROFILE_CONTEXT = "https://openbadgespec.org/extensions/recipientProfile/context.json"

Document = dict[str, Any]


def normalise_email(email: str) -> str:
    """The one spelling of an e-mail address that is hashed.

    A counsellor types « Lea.Martin@Mail.fr » (or pastes it with a trailing space) and an
    employer's verifier later types « lea.martin@mail.fr »: both must give the same hash, or
    a genuine badge looks like someone else's. Domains are case-insensitive and no common mail
    provider treats the local part's case as meaningful, so surrounding spaces go and the whole
    address is lowercased (as Badgr does). Verifiers must hash the address the same way.
    """
    return email.strip().lower()


def hash_email(email: str, salt: str) -> str:
    """``sha256$`` + hex SHA-256 of the normalised e-mail and the salt (OB 2.0 IdentityHash)."""
    digest = hashlib.sha256((normalise_email(email) + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def new_salt() -> str:
    """A fresh random salt, one per assertion, so hashes of one address cannot be linked."""
    return secrets.token_hex(16)


def recipient_matches(email: str, identity: str, salt: str) -> bool:
    """Whether ``email`` is the address behind a hashed ``identity`` (constant-time compare)."""
    return secrets.compare_digest(hash_email(email, salt), identity.strip().lower())


def iso_datetime(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``, as verifiers expect (a naive datetime is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def issuer_document(issuer: IssuerInfo) -> Document:
    """The issuer Profile. Its e-mail is the structure's public contact, never a young person's."""
    document: Document = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer.id_url,
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
    }
    if issuer.public_key_urls:
        document["publicKey"] = list(issuer.public_key_urls)
    if issuer.revocation_list_url:
        document["revocationList"] = issuer.revocation_list_url
    return document


def alignment_document(alignment: Alignment) -> Document:
    """The AlignmentObject naming the competency in its framework."""
    document: Document = {
        "targetName": alignment.target_name,
        "targetUrl": alignment.target_url,
        "targetFramework": alignment.target_framework,
        "targetCode": alignment.target_code,
    }
    if alignment.target_description:
        document["targetDescription"] = alignment.target_description
    return document


def badgeclass_document(badge: BadgeClassInfo) -> Document:
    """The BadgeClass: one competency at one level, in one version of its framework."""
    criteria: Document = {"narrative": badge.criteria_narrative}
    if badge.criteria_url:
        criteria["id"] = badge.criteria_url
    document: Document = {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge.id_url,
        "name": badge.name,
        "description": badge.description,
        "image": badge.image_url,
        "criteria": criteria,
        "issuer": badge.issuer.id_url,
        "alignment": [alignment_document(badge.alignment)],
    }
    if badge.tags:
        document["tags"] = list(badge.tags)
    return document


def evidence_document(evidence: dict[str, str]) -> Document:
    """One Evidence item: its URL as ``id`` (when there is one) and its narrative."""
    document: Document = {"type": "Evidence"}
    if evidence.get("url"):
        document["id"] = evidence["url"]
    if evidence.get("narrative"):
        document["narrative"] = evidence["narrative"]
    return document


def assertion_document(assertion: AssertionInfo) -> Document:
    """The hosted Assertion, or the revoked stub when it has been revoked.

    ``image`` is the baked PNG at ``<assertion URL>/image.png`` (the issuer serves it).
    """
    if assertion.revoked:
        return revoked_assertion_document(assertion)
    document: Document = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion.id_url,
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": assertion.recipient_salt,
            "identity": assertion.recipient_hash,
        },
        "badge": assertion.badge.id_url,
        "issuedOn": iso_datetime(assertion.issued_on),
        "verification": {"type": "hosted"},
        "image": f"{assertion.id_url}/image.png",
    }
    if assertion.recipient_name:
        document[RECIPIENT_PROFILE] = recipient_profile(assertion.recipient_name)
    if assertion.narrative:
        document["narrative"] = assertion.narrative
    evidence = [evidence_document(item) for item in assertion.evidence if any(item.values())]
    if evidence:
        document["evidence"] = evidence
    if assertion.expires is not None:
        document["expires"] = iso_datetime(assertion.expires)
    return document


def recipient_profile(name: str) -> Document:
    """The Recipient Profile extension naming the young person as they chose to be shown
    (a pseudonym or a first name): present only when they chose one."""
    return {
        "@context": RECIPIENT_PROFILE_CONTEXT,
        "type": ["Extension", "extensions:RecipientProfile"],
        "name": name,
    }


def revoked_assertion_document(assertion: AssertionInfo) -> Document:
    """What a revoked assertion's URL answers (with HTTP 410): nothing but the revocation."""
    return {
        "@context": CONTEXT,
        "id": assertion.id_url,
        "revoked": True,
        "revocationReason": assertion.revocation_reason,
    }


def cryptographic_key_document(
    key_url: str, owner_url: str, public_pem: str, jwk: Document | None = None
) -> Document:
    """The CryptographicKey an issuer profile lists in ``publicKey``.

    With ``jwk`` (``keys.public_jwk``) the same URL also serves the OB 3.0 key: the VC-JWT's
    ``kid`` is this URL, and verifiers read ``publicKeyJwk`` (``verify`` accepts it).
    """
    document: Document = {
        "@context": CONTEXT,
        "type": "CryptographicKey",
        "id": key_url,
        "owner": owner_url,
        "publicKeyPem": public_pem,
    }
    if jwk is not None:
        document["publicKeyJwk"] = jwk
    return document


def revocation_list_document(issuer: IssuerInfo, revoked: Iterable[Revocation]) -> Document:
    """The OB 2.0 RevocationList at the issuer's ``revocationList`` URL.

    Its keys do not clash with the OB 3.0 ``1EdTechRevocationList`` (``ob3.revocation_list``,
    same ``id`` and ``issuer``), so one URL may serve both merged: ``ob2 | ob3``.
    """
    return {
        "@context": CONTEXT,
        "type": "RevocationList",
        "id": issuer.revocation_list_url,
        "issuer": issuer.id_url,
        "revokedAssertions": [_revoked_entry(item) for item in revoked],
    }


def _revoked_entry(item: Revocation) -> Document:
    entry: Document = {"id": item.id_url}
    if item.reason:
        entry["revocationReason"] = item.reason
    return entry
