"""Endorsement documents as pure functions of plain data (no database, no web framework).

The endorser is the issuer of their endorsement: a Profile hosted by the service (name, role,
organisation), with a signing key the service holds *for that endorser* and publishes under
that profile. The structure's key never signs an endorsement: a tutor's word is the tutor's,
not the Mission Locale's.

- OB 2.0: a hosted ``Endorsement`` (``claim.id`` = the endorsed assertion or badge class,
  ``claim.endorsementComment``), its ``issuer`` the endorser's hosted ``Profile``.
- OB 3.0: an ``EndorsementCredential`` (VC 2.0), ``credentialSubject`` an
  ``EndorsementSubject``, signed as a VC-JWT (RS256) by ``issuer.openbadges.ob3``.

The OB 2.0 validator requires a Profile to carry ``url`` and ``email``. An endorser's own
address is personal data and never published: their profile gives the profile page itself as
``url`` and the issuing structure's public contact address as ``email`` (the structure put the
endorser in touch and relays any question), which the profile's description says in words.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from issuer.openbadges import keys, ob3
from issuer.openbadges.ob2 import CONTEXT as OB2_CONTEXT
from issuer.openbadges.ob2 import iso_datetime

Document = dict[str, Any]
SubjectKind = Literal["assertion", "badgeclass"]


@dataclass(frozen=True)
class EndorserInfo:
    """A person (tutor, employer, trainer) or an organisation that endorses."""

    id_url: str  # {public}/endorsers/{entity_id}
    entity_id: str
    name: str
    role: str = ""
    organisation: str = ""
    description: str = ""  # one line in words: « Tutrice de stage, Boulangerie Martin »
    contact_email: str = ""  # the issuing structure's public contact, never the endorser's
    kid: str = ""  # {public}/endorsers/{entity_id}/keys/{thumbprint}: serves the public JWK
    is_organisation: bool = False  # « notre entreprise reconnaît ce badge »
    revocation_list_url: str = ""  # {id_url}/revocations: their withdrawn endorsements


@dataclass(frozen=True)
class EndorsementInfo:
    """One given endorsement of an assertion (a person) or a badge class (an organisation)."""

    id_url: str  # {public}/endorsements/{entity_id}
    entity_id: str
    endorser: EndorserInfo
    subject_kind: SubjectKind
    subject_url: str  # the endorsed assertion's or badge class's id (OB 2.0 and OB 3.0 alike)
    name: str  # « Confirmation : Communiquer à l'oral — niveau 2 »
    comment: str
    issued_on: datetime  # timezone-aware, UTC


def ob2_endorser_profile(endorser: EndorserInfo) -> Document:
    """The endorser's hosted OB 2.0 Profile (JSON-LD)."""
    document: Document = {
        "@context": OB2_CONTEXT,
        "type": "Profile",
        "id": endorser.id_url,
        "name": endorser.name,
        "url": endorser.id_url,
    }
    if endorser.description:
        document["description"] = endorser.description
    if endorser.contact_email:
        document["email"] = endorser.contact_email
    return document


def ob2_endorsement(endorsement: EndorsementInfo) -> Document:
    """The hosted OB 2.0 Endorsement; the assertion or badge class lists its URL."""
    claim: Document = {"id": endorsement.subject_url}
    if endorsement.comment:
        claim["endorsementComment"] = endorsement.comment
    return {
        "@context": OB2_CONTEXT,
        "type": "Endorsement",
        "id": endorsement.id_url,
        "issuer": endorsement.endorser.id_url,
        "issuedOn": iso_datetime(endorsement.issued_on),
        "claim": claim,
        "verification": {"type": "HostedBadge"},
    }


def ob3_endorser_profile(endorser: EndorserInfo, published_keys: list[keys.Jwk]) -> Document:
    """The endorser as an OB 3.0 Profile, with the public keys that sign their credentials."""
    document: Document = {
        "@context": list(ob3.CONTEXTS),
        "id": endorser.id_url,
        "type": ["Profile"],
        "name": endorser.name,
    }
    if endorser.description:
        document["description"] = endorser.description
    if endorser.contact_email:
        document["email"] = endorser.contact_email
    if published_keys:
        # Not an OB 3.0 term (additional properties are allowed): where a verifier finds the
        # keys without guessing, as the DID-less VC-JWT profile of OB 3.0 expects.
        document["publicKey"] = [dict(jwk) for jwk in published_keys]
    return document


def _ob3_issuer(endorser: EndorserInfo) -> Document:
    issuer: Document = {"id": endorser.id_url, "type": ["Profile"], "name": endorser.name}
    if endorser.description:
        issuer["description"] = endorser.description
    return issuer


def ob3_endorsement_credential(endorsement: EndorsementInfo) -> Document:
    """The ``EndorsementCredential``; its id is the hosted endorsement's URL."""
    subject: Document = {"id": endorsement.subject_url, "type": ["EndorsementSubject"]}
    if endorsement.comment:
        subject["endorsementComment"] = endorsement.comment
    document: Document = {
        "@context": list(ob3.CONTEXTS),
        "id": endorsement.id_url,
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": endorsement.name,
        "issuer": _ob3_issuer(endorsement.endorser),
        "validFrom": iso_datetime(endorsement.issued_on),
        "awardedDate": iso_datetime(endorsement.issued_on),
        "credentialSubject": subject,
    }
    if endorsement.endorser.revocation_list_url:  # a withdrawn endorsement is listed there
        document["credentialStatus"] = {
            "id": endorsement.endorser.revocation_list_url,
            "type": ob3.STATUS_TYPE,
        }
    return document


def sign_endorsement(endorsement: EndorsementInfo, endorser_private_pem: str) -> str:
    """The ``EndorsementCredential`` as a VC-JWT signed with the endorser's own key."""
    if not endorsement.endorser.kid:
        raise ValueError("the endorser has no key id: make their key before signing")
    return ob3.sign_credential(
        ob3_endorsement_credential(endorsement), endorser_private_pem, endorsement.endorser.kid
    )
