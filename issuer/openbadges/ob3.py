"""Open Badges 3.0: the ``OpenBadgeCredential`` (VC 2.0) of an assertion, signed as a VC-JWT.

OB 3.0 §8.2 (JSON Web Token proof format): the JWT payload *is* the credential, with the
registered claims added beside it — ``iss`` (issuer id), ``jti`` (credential id), ``nbf``
(``validFrom``), ``sub`` and ``exp`` (``validUntil``, when there is one). The JOSE header says
``alg: RS256``, ``typ: JWT`` and a ``kid`` URL that answers the public JWK. PyJWT (a maintained
JOSE library) signs and checks; failures come back as a reason key the pages translate.
"""

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

import jwt

from issuer.openbadges.keys import ALGORITHM, load_private_key
from issuer.openbadges.model import AssertionInfo, IssuerInfo, Revocation
from issuer.openbadges.ob2 import iso_datetime

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019"
STATUS_TYPE = "1EdTechRevocationList"
CLOCK_SKEW_SECONDS = 60

Credential = dict[str, Any]


class Reason(StrEnum):
    """Why a VC-JWT is refused: stable keys, explained in the catalogues (``verify.reason.*``)."""

    MALFORMED = "malformed"
    UNKNOWN_KID = "unknown_kid"
    BAD_SIGNATURE = "bad_signature"
    WRONG_ALGORITHM = "wrong_algorithm"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    CLAIMS_MISMATCH = "claims_mismatch"


class CredentialError(ValueError):
    """A credential that does not verify; ``reason`` says why, ``detail`` is for logs."""

    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


def profile(issuer: IssuerInfo) -> Credential:
    """The issuer as an OB 3.0 Profile (the structure's public contact details only)."""
    return {
        "id": issuer.id_url,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
    }


def achievement(assertion: AssertionInfo) -> Credential:
    """The badge class as an OB 3.0 Achievement of type Competency, aligned to its framework."""
    badge = assertion.badge
    criteria: Credential = {"narrative": badge.criteria_narrative}
    if badge.criteria_url:
        criteria["id"] = badge.criteria_url
    alignment: Credential = {
        "type": ["Alignment"],
        "targetName": badge.alignment.target_name,
        "targetUrl": badge.alignment.target_url,
        "targetFramework": badge.alignment.target_framework,
        "targetCode": badge.alignment.target_code,
        "targetType": "ceasn:Competency",
    }
    if badge.alignment.target_description:
        alignment["targetDescription"] = badge.alignment.target_description
    document: Credential = {
        "id": badge.id_url,
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": badge.name,
        "description": badge.description,
        "criteria": criteria,
        "image": {"id": badge.image_url, "type": "Image"},
        "alignment": [alignment],
        "version": badge.framework_version,
    }
    if badge.tags:
        document["tag"] = list(badge.tags)
    return document


def credential(assertion: AssertionInfo) -> Credential:
    """The assertion as an ``OpenBadgeCredential``; its id is the assertion URL.

    The young person is named by the salted hash of their e-mail (an IdentityObject), the
    same hash as the OB 2.0 assertion, so one address proves both; and, only if they chose
    it, by the pseudonym or first name they want shown (a second, plain IdentityObject).
    """
    identifiers: list[Credential] = [
        {
            "type": "IdentityObject",
            "identityHash": assertion.recipient_hash,
            "identityType": "emailAddress",
            "hashed": True,
            "salt": assertion.recipient_salt,
        }
    ]
    if assertion.recipient_name:
        identifiers.append(name_identity(assertion.recipient_name))
    subject: Credential = {
        "type": ["AchievementSubject"],
        "identifier": identifiers,
        "achievement": achievement(assertion),
    }
    document: Credential = {
        "@context": list(CONTEXTS),
        "id": assertion.id_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": assertion.badge.name,
        "issuer": profile(assertion.badge.issuer),
        "validFrom": iso_datetime(assertion.issued_on),
        "awardedDate": iso_datetime(assertion.issued_on),
        "credentialSubject": subject,
        "credentialSchema": [{"id": SCHEMA_URL, "type": SCHEMA_TYPE}],
    }
    if assertion.expires is not None:
        document["validUntil"] = iso_datetime(assertion.expires)
    evidence = [_evidence(item) for item in assertion.evidence if any(item.values())]
    if evidence:
        document["evidence"] = evidence
    if assertion.narrative:
        document["description"] = assertion.narrative
    if assertion.badge.issuer.revocation_list_url:
        document["credentialStatus"] = {
            "id": assertion.badge.issuer.revocation_list_url,
            "type": STATUS_TYPE,
        }
    return document


def name_identity(name: str) -> Credential:
    """The shown name as OB 3.0 says a name is given: an IdentityObject of type ``name``,
    not hashed (AchievementSubject has no ``name`` property of its own)."""
    return {"type": "IdentityObject", "identityHash": name, "identityType": "name", "hashed": False}


def _evidence(item: dict[str, str]) -> Credential:
    document: Credential = {"type": ["Evidence"]}
    if item.get("url"):
        document["id"] = item["url"]
    if item.get("narrative"):
        document["narrative"] = item["narrative"]
    return document


def _epoch(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def subject_claim(document: Credential) -> str:
    """``sub``: the subject's id, else its first identity hash (DIVA's subjects have no id)."""
    subject = document["credentialSubject"]
    if subject.get("id"):
        return str(subject["id"])
    identifiers = subject.get("identifier") or [{}]
    return str(identifiers[0].get("identityHash", ""))


def jwt_claims(document: Credential) -> Credential:
    """The VC-JWT payload: the credential plus ``iss``, ``jti``, ``nbf``, ``sub``, ``exp``."""
    issuer = document["issuer"]
    claims = dict(document)
    claims["iss"] = issuer["id"] if isinstance(issuer, dict) else issuer
    claims["jti"] = document["id"]
    claims["nbf"] = _epoch(document["validFrom"])
    sub = subject_claim(document)
    if sub:
        claims["sub"] = sub
    if document.get("validUntil"):
        claims["exp"] = _epoch(document["validUntil"])
    return claims


def sign_credential(document: Credential, private_pem: str, kid: str) -> str:
    """The credential as a compact VC-JWT signed RS256; ``kid`` is the URL serving the JWK."""
    return jwt.encode(
        jwt_claims(document),
        load_private_key(private_pem),
        algorithm=ALGORITHM,
        headers={"kid": kid, "typ": "JWT"},
    )


def unverified_header(token: str) -> dict[str, Any]:
    """The JOSE header, read before checking anything (to find which key to fetch)."""
    try:
        return jwt.get_unverified_header(token.strip())
    except jwt.PyJWTError as error:
        raise CredentialError(Reason.MALFORMED, str(error)) from error


def _signing_key(kid: str, key_set: dict[str, Any]) -> jwt.PyJWK:
    for entry in key_set.get("keys", []):
        if isinstance(entry, dict) and entry.get("kid") == kid:
            try:
                return jwt.PyJWK.from_dict(entry)
            except jwt.PyJWTError as error:
                raise CredentialError(Reason.UNKNOWN_KID, f"unusable key {kid}: {error}") from error
    raise CredentialError(Reason.UNKNOWN_KID, f"no key {kid!r} in the key set")


def verify_credential(token: str, key_set: dict[str, Any]) -> Credential:
    """Check a VC-JWT against a JWKS and return the credential (the payload without JWT claims).

    Refused with a ``CredentialError`` whose ``reason`` is: ``malformed`` (not a JWT, missing
    claims), ``unknown_kid`` (no such key published), ``wrong_algorithm`` (not RS256),
    ``bad_signature`` (tampered or signed by another key), ``expired`` / ``not_yet_valid``
    (``exp`` / ``nbf``, one minute of clock skew allowed) or ``claims_mismatch`` (``iss`` /
    ``jti`` / ``nbf`` disagree with the credential they wrap).
    """
    header = unverified_header(token)
    if header.get("alg") != ALGORITHM:
        raise CredentialError(Reason.WRONG_ALGORITHM, f"alg {header.get('alg')!r}")
    key = _signing_key(str(header.get("kid", "")), key_set)
    try:
        claims = jwt.decode(
            token.strip(),
            key,
            algorithms=[ALGORITHM],
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["iss", "jti", "nbf"], "verify_aud": False},
        )
    except jwt.ExpiredSignatureError as error:
        raise CredentialError(Reason.EXPIRED, str(error)) from error
    except jwt.ImmatureSignatureError as error:
        raise CredentialError(Reason.NOT_YET_VALID, str(error)) from error
    except jwt.InvalidSignatureError as error:
        raise CredentialError(Reason.BAD_SIGNATURE, str(error)) from error
    except jwt.PyJWTError as error:
        raise CredentialError(Reason.MALFORMED, str(error)) from error
    return _credential_of(claims)


def _credential_of(claims: Credential) -> Credential:
    """The credential inside verified claims, after checking the claims agree with it."""
    try:
        document = {key: value for key, value in claims.items() if key not in _JWT_CLAIMS}
        expected = jwt_claims(document)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CredentialError(Reason.MALFORMED, f"not a credential: {error}") from error
    for name in ("iss", "jti", "nbf", "exp"):
        if claims.get(name) != expected.get(name):
            raise CredentialError(Reason.CLAIMS_MISMATCH, f"{name} disagrees with the credential")
    return document


_JWT_CLAIMS = frozenset({"iss", "jti", "nbf", "sub", "exp", "iat", "aud"})


def revocation_list(issuer: IssuerInfo, revoked: Iterable[Revocation]) -> Credential:
    """The ``1EdTechRevocationList`` a credential's ``credentialStatus.id`` points to.

    A verifier fetches it and refuses a credential whose id is listed in ``revokedCredentials``.
    """
    return {
        "id": issuer.revocation_list_url,
        "issuer": issuer.id_url,
        "revokedCredentials": [_revoked(item) for item in revoked],
    }


def _revoked(item: Revocation) -> Credential:
    entry: Credential = {"id": item.id_url}
    if item.reason:
        entry["revocationReason"] = item.reason
    return entry


def is_revoked(credential_id: str, status_list: dict[str, Any]) -> tuple[bool, str]:
    """Whether a revocation list names ``credential_id``, and the reason it gives."""
    for entry in (
        status_list.get("revokedCredentials") or status_list.get("revokedAssertions") or []
    ):
        if isinstance(entry, dict) and entry.get("id") == credential_id:
            return True, str(entry.get("revocationReason", ""))
    return False, ""
