"""OB 3.0: the OpenBadgeCredential passes the official JSON Schema; its VC-JWT verifies with the
published JWKS, and a tampered, foreign-key, unknown-key, expired or premature one is refused
with its reason.

The schemas come from ``shared/standards/openbadges-3.0`` on disk (a ``referencing`` registry of
every local file, so a ``$ref`` between them never reaches the network).
"""

import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
from jsonschema import Draft201909Validator

from issuer.openbadges import keys, ob3
from issuer.openbadges.model import Revocation
from tests.issuer.ob3_schemas import schema_errors
from tests.issuer.ob3_schemas import schema_validator as official_schema
from tests.issuer.openbadges_samples import EMAIL, sample_assertion, sample_issuer

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "openbadges-3.0"
BASE = "https://badges.mission-locale-lens.example.fr"
KID = f"{BASE}/keys/k1"

# VC Data Model 2.0 terms (https://www.w3.org/ns/credentials/v2) the credential uses.
VC_TERMS = {
    "@context", "id", "type", "name", "description", "issuer", "validFrom", "validUntil",
    "credentialSubject", "credentialSchema", "credentialStatus", "evidence", "url", "email",
}  # fmt: skip


@pytest.fixture(scope="module")
def schema_validator() -> Draft201909Validator:
    return official_schema("achievementcredential.json")


@pytest.fixture(scope="module")
def private_pem() -> str:
    return keys.generate_private_key()


@pytest.fixture(scope="module")
def key_set(private_pem: str) -> dict[str, Any]:
    return keys.jwks([keys.public_jwk(private_pem, KID)])


def signed(private_pem: str, **changes: Any) -> str:
    return ob3.sign_credential(ob3.credential(sample_assertion(BASE, **changes)), private_pem, KID)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TestCredential:
    def test_passes_the_official_schema(self, schema_validator: Draft201909Validator) -> None:
        credential = ob3.credential(sample_assertion(BASE))
        assert schema_errors(schema_validator, credential) == []

    def test_decoded_jwt_payload_passes_the_official_schema(
        self, schema_validator: Draft201909Validator, private_pem: str
    ) -> None:
        token = signed(private_pem, expires=datetime.now(UTC) + timedelta(days=365))
        payload = jwt.decode(token, options={"verify_signature": False})
        assert schema_errors(schema_validator, payload) == []

    def test_schema_check_is_not_a_rubber_stamp(
        self, schema_validator: Draft201909Validator
    ) -> None:
        credential = ob3.credential(sample_assertion(BASE))
        del credential["credentialSubject"]["achievement"]["criteria"]
        credential["credentialSubject"]["identifier"][0]["identityType"] = "courriel"
        credential["@context"] = credential["@context"][:1]
        assert len(schema_errors(schema_validator, credential)) >= 3

    def test_shape(self) -> None:
        assertion = sample_assertion(BASE)
        credential = ob3.credential(assertion)
        assert credential["@context"] == [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ]
        assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert credential["id"] == assertion.id_url
        assert credential["issuer"]["type"] == ["Profile"]
        assert credential["credentialStatus"] == {
            "id": f"{BASE}/issuers/ml-lens/revocations",
            "type": "1EdTechRevocationList",
        }
        assert credential["credentialSchema"][0]["id"].endswith(
            "ob_v3p0_achievementcredential_schema.json"
        )
        [identity] = credential["credentialSubject"]["identifier"]
        assert identity["identityHash"] == assertion.recipient_hash
        assert identity["salt"] == assertion.recipient_salt
        [alignment] = credential["credentialSubject"]["achievement"]["alignment"]
        assert alignment["targetCode"] == "communiquer"
        assert credential["evidence"][0]["type"] == ["Evidence"]

    def test_every_term_is_defined_by_the_contexts(self) -> None:
        context_text = (STANDARDS / "context-3.0.3.json").read_text(encoding="utf-8")
        credential = ob3.credential(sample_assertion(BASE))
        undefined = {key for key in _keys(credential) if key not in VC_TERMS}
        undefined = {key for key in undefined if f'"{key}"' not in context_text}
        assert undefined == set()

    def test_no_email_in_clear(self, private_pem: str) -> None:
        token = signed(private_pem)
        payload = jwt.decode(token, options={"verify_signature": False})
        text = json.dumps([payload, jwt.get_unverified_header(token)], ensure_ascii=False).lower()
        assert EMAIL.lower() not in text and "lea.martin" not in text


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {key for value in node.values() for key in _keys(value)}
    if isinstance(node, list):
        return {key for value in node for key in _keys(value)}
    return set()


class TestVcJwt:
    def test_header_and_registered_claims(self, private_pem: str) -> None:
        expires = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
        assertion = sample_assertion(BASE, expires=expires)
        token = signed(private_pem, expires=expires)
        assert jwt.get_unverified_header(token) == {"alg": "RS256", "typ": "JWT", "kid": KID}
        claims = jwt.decode(token, options={"verify_signature": False})
        assert claims["iss"] == f"{BASE}/issuers/ml-lens"
        assert claims["jti"] == assertion.id_url
        assert claims["nbf"] == int(assertion.issued_on.timestamp())
        assert claims["exp"] == int(expires.timestamp())
        assert claims["sub"] == assertion.recipient_hash
        assert "vc" not in claims, "OB 3.0 §8.2: the payload is the credential itself"

    def test_verifies_with_the_jwks(self, private_pem: str, key_set: dict[str, Any]) -> None:
        credential = ob3.credential(sample_assertion(BASE))
        token = ob3.sign_credential(credential, private_pem, KID)
        assert ob3.verify_credential(token, key_set) == credential

    def test_jwk_is_public_only(self, key_set: dict[str, Any]) -> None:
        [jwk] = key_set["keys"]
        assert set(jwk) == {"kty", "n", "e", "kid", "use", "alg"}
        assert jwk["kid"] == KID and jwk["alg"] == "RS256"

    def test_tampered_payload_is_refused(self, private_pem: str, key_set: dict[str, Any]) -> None:
        header, payload, signature = signed(private_pem).split(".")
        claims = json.loads(unb64(payload))
        claims["credentialSubject"]["achievement"]["name"] = "Diriger une entreprise — niveau 4"
        forged = ".".join([header, b64(json.dumps(claims).encode()), signature])
        assert _reason(forged, key_set) == ob3.Reason.BAD_SIGNATURE

    def test_another_key_under_the_same_kid_is_refused(self, key_set: dict[str, Any]) -> None:
        assert _reason(signed(keys.generate_private_key()), key_set) == ob3.Reason.BAD_SIGNATURE

    def test_unknown_kid_is_refused(self, private_pem: str, key_set: dict[str, Any]) -> None:
        credential = ob3.credential(sample_assertion(BASE))
        token = ob3.sign_credential(credential, private_pem, f"{BASE}/keys/k2")
        assert _reason(token, key_set) == ob3.Reason.UNKNOWN_KID

    def test_expired_is_refused(self, private_pem: str, key_set: dict[str, Any]) -> None:
        token = signed(private_pem, expires=datetime.now(UTC) - timedelta(days=1))
        assert _reason(token, key_set) == ob3.Reason.EXPIRED

    def test_not_yet_valid_is_refused(self, private_pem: str, key_set: dict[str, Any]) -> None:
        token = signed(private_pem, issued_on=datetime.now(UTC) + timedelta(days=1))
        assert _reason(token, key_set) == ob3.Reason.NOT_YET_VALID

    def test_other_algorithms_are_refused(self, key_set: dict[str, Any]) -> None:
        claims = ob3.jwt_claims(ob3.credential(sample_assertion(BASE)))
        hs256 = jwt.encode(claims, "a shared secret of 32 bytes at least!", headers={"kid": KID})
        assert _reason(hs256, key_set) == ob3.Reason.WRONG_ALGORITHM
        unsigned = ".".join(
            [b64(b'{"alg":"none","kid":"%s"}' % KID.encode()), hs256.split(".")[1], ""]
        )
        assert _reason(unsigned, key_set) == ob3.Reason.WRONG_ALGORITHM

    def test_claims_must_agree_with_the_credential(
        self, private_pem: str, key_set: dict[str, Any]
    ) -> None:
        claims = ob3.jwt_claims(ob3.credential(sample_assertion(BASE)))
        claims["jti"] = f"{BASE}/assertions/someone-else"
        token = jwt.encode(claims, private_pem, algorithm="RS256", headers={"kid": KID})
        assert _reason(token, key_set) == ob3.Reason.CLAIMS_MISMATCH

    @pytest.mark.parametrize("garbage", ["", "not a jwt", "a.b.c", "é" * 40])
    def test_garbage_is_malformed(self, garbage: str, key_set: dict[str, Any]) -> None:
        assert _reason(garbage, key_set) == ob3.Reason.MALFORMED


def _reason(token: str, key_set: dict[str, Any]) -> ob3.Reason:
    with pytest.raises(ob3.CredentialError) as refused:
        ob3.verify_credential(token, key_set)
    return refused.value.reason


class TestRevocationList:
    def test_lists_revoked_credentials(self) -> None:
        issuer = sample_issuer(BASE)
        document = ob3.revocation_list(issuer, [Revocation(f"{BASE}/assertions/a-1", "doublon")])
        assert document == {
            "id": f"{BASE}/issuers/ml-lens/revocations",
            "issuer": f"{BASE}/issuers/ml-lens",
            "revokedCredentials": [{"id": f"{BASE}/assertions/a-1", "revocationReason": "doublon"}],
        }
        assert ob3.is_revoked(f"{BASE}/assertions/a-1", document) == (True, "doublon")
        assert ob3.is_revoked(f"{BASE}/assertions/a-2", document) == (False, "")
