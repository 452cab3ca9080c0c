"""Endorsement documents: OB 3.0 schema and signature with the endorser's own key; OB 2.0 shape."""

from datetime import UTC, datetime

import jwt
import pytest

from issuer.endorsements.documents import (
    EndorsementInfo,
    EndorserInfo,
    ob2_endorsement,
    ob2_endorser_profile,
    ob3_endorsement_credential,
    ob3_endorser_profile,
    sign_endorsement,
)
from issuer.openbadges import keys, ob3
from tests.issuer.ob3_schemas import schema_validator

PUBLIC = "https://badges.example.fr"


@pytest.fixture(scope="module")
def endorser_key() -> str:
    return keys.generate_private_key()


def _endorsement(
    pem: str, comment: str = "Ponctuelle et attentive aux clients."
) -> EndorsementInfo:
    kid = f"{PUBLIC}/endorsers/e1/keys/{keys.thumbprint(pem)}"
    endorser = EndorserInfo(
        id_url=f"{PUBLIC}/endorsers/e1",
        entity_id="e1",
        name="Claire Martin",
        role="Tutrice de stage",
        organisation="Boulangerie Martin",
        description="Tutrice de stage, Boulangerie Martin",
        contact_email="contact@ml-lens.fr",
        kid=kid,
    )
    return EndorsementInfo(
        id_url=f"{PUBLIC}/endorsements/n1",
        entity_id="n1",
        endorser=endorser,
        subject_kind="assertion",
        subject_url=f"{PUBLIC}/assertions/a1",
        name="Confirmation : Communiquer à l'oral — niveau 2",
        comment=comment,
        issued_on=datetime(2026, 11, 6, 10, 0, tzinfo=UTC),
    )


def test_the_endorsement_credential_validates_against_the_official_schema(
    endorser_key: str,
) -> None:
    credential = ob3_endorsement_credential(_endorsement(endorser_key))
    errors = sorted(schema_validator("endorsementcredential.json").iter_errors(credential), key=str)
    assert errors == [], [e.message for e in errors]
    assert credential["credentialSubject"] == {
        "id": f"{PUBLIC}/assertions/a1",
        "type": ["EndorsementSubject"],
        "endorsementComment": "Ponctuelle et attentive aux clients.",
    }
    assert credential["issuer"]["id"] == f"{PUBLIC}/endorsers/e1"


def test_the_schema_check_is_not_a_formality(endorser_key: str) -> None:
    credential = ob3_endorsement_credential(_endorsement(endorser_key))
    credential["type"] = ["VerifiableCredential", "OpenBadgeCredential"]
    del credential["validFrom"]
    messages = [
        e.message for e in schema_validator("endorsementcredential.json").iter_errors(credential)
    ]
    assert any("validFrom" in m for m in messages)
    assert len(messages) >= 2


def test_the_credential_is_signed_by_the_endorsers_key_and_verifies_with_it(
    endorser_key: str,
) -> None:
    endorsement = _endorsement(endorser_key)
    token = sign_endorsement(endorsement, endorser_key)
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["kid"] == endorsement.endorser.kid
    key_set = keys.jwks([keys.public_jwk(endorser_key, endorsement.endorser.kid)])
    verified = ob3.verify_credential(token, key_set)
    assert verified == ob3_endorsement_credential(endorsement)
    payload = jwt.decode(token, options={"verify_signature": False})
    assert payload["iss"] == endorsement.endorser.id_url and payload["jti"] == endorsement.id_url
    assert payload["sub"] == endorsement.subject_url


def test_another_key_does_not_verify_it(endorser_key: str) -> None:
    endorsement = _endorsement(endorser_key)
    token = sign_endorsement(endorsement, endorser_key)
    structure_key = keys.generate_private_key()
    wrong_set = keys.jwks([keys.public_jwk(structure_key, endorsement.endorser.kid)])
    with pytest.raises(ob3.CredentialError) as refused:
        ob3.verify_credential(token, wrong_set)
    assert refused.value.reason == ob3.Reason.BAD_SIGNATURE


def test_the_ob2_endorsement_and_profile_have_the_hosted_shape(endorser_key: str) -> None:
    endorsement = _endorsement(endorser_key, comment="Très <b>bien</b>")
    document = ob2_endorsement(endorsement)
    assert document == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Endorsement",
        "id": f"{PUBLIC}/endorsements/n1",
        "issuer": f"{PUBLIC}/endorsers/e1",
        "issuedOn": "2026-11-06T10:00:00Z",
        "claim": {"id": f"{PUBLIC}/assertions/a1", "endorsementComment": "Très <b>bien</b>"},
        "verification": {"type": "HostedBadge"},
    }
    profile = ob2_endorser_profile(endorsement.endorser)
    assert profile["type"] == "Profile" and profile["name"] == "Claire Martin"
    assert profile["url"] == profile["id"] and profile["email"] == "contact@ml-lens.fr"


def test_the_ob3_profile_publishes_the_endorsers_key_and_no_private_part(endorser_key: str) -> None:
    endorser = _endorsement(endorser_key).endorser
    profile = ob3_endorser_profile(endorser, [keys.public_jwk(endorser_key, endorser.kid)])
    errors = list(schema_validator("profile.json").iter_errors(profile))
    assert errors == [], [e.message for e in errors]
    (jwk,) = profile["publicKey"]
    assert jwk["kid"] == endorser.kid and "d" not in jwk and "p" not in jwk


def test_a_revocation_list_makes_the_credential_carry_its_status(endorser_key: str) -> None:
    from dataclasses import replace

    endorsement = _endorsement(endorser_key)
    listed = replace(
        endorsement,
        endorser=replace(
            endorsement.endorser, revocation_list_url=f"{PUBLIC}/endorsers/e1/revocations"
        ),
    )
    credential = ob3_endorsement_credential(listed)
    assert credential["credentialStatus"] == {
        "id": f"{PUBLIC}/endorsers/e1/revocations",
        "type": "1EdTechRevocationList",
    }
    errors = list(schema_validator("endorsementcredential.json").iter_errors(credential))
    assert errors == [], [e.message for e in errors]
