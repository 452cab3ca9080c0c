"""Public documents over HTTP: JSON-LD or a French page at one URL, baked images that carry
the assertion, an OB 3.0 VC-JWT that passes the official schema and verifies with the JWKS,
and old keys still published after a rotation."""

import hashlib
import io
import json
import struct
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import jwt
import pytest
import requests
from jsonschema import Draft201909Validator
from PIL import Image
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT201909

from tests.issuer.service.conftest import IssuerServer

STANDARDS = Path(__file__).resolve().parents[4] / "shared" / "standards" / "openbadges-3.0"
EMAIL = "Sami.Benali@Example.org"
JWT_CLAIMS = {"iss", "jti", "nbf", "sub", "exp", "iat"}


@pytest.fixture(scope="module")
def issued(server: IssuerServer) -> dict[str, Any]:
    headers = server.auth()
    badge = server.badge_class(headers, "imprevus", 3)
    answer = server.issue(headers, badge["entityId"], email=EMAIL)
    assert answer.status_code == 201, answer.text
    return dict(answer.json()["result"][0])


def png_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    chunks, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        chunks.append((png[at + 4 : at + 8], png[at + 8 : at + 8 + length]))
        at += 12 + length
    return chunks


def test_json_ld_for_verifiers_and_french_page_for_browsers(issued: dict[str, Any]) -> None:
    url = issued["openBadgeId"]
    as_ld = requests.get(url, headers={"Accept": "application/ld+json"}, timeout=10)
    assert as_ld.status_code == 200
    assert as_ld.headers["content-type"].startswith("application/ld+json")
    document = as_ld.json()
    assert document["@context"] == "https://w3id.org/openbadges/v2"
    assert document["type"] == "Assertion" and document["id"] == url
    assert document["verification"] == {"type": "hosted"}
    assert requests.get(url, timeout=10).json() == document  # no Accept: JSON too
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = requests.get(url, headers={"Accept": browser}, timeout=10)
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in page.text and "Badge valable" in page.text
    badge = requests.get(document["badge"], headers={"Accept": "application/ld+json"}, timeout=10)
    assert badge.json()["type"] == "BadgeClass"
    assert badge.json()["alignment"][0]["targetCode"] == "imprevus"
    issuer = requests.get(badge.json()["issuer"], timeout=10).json()
    assert issuer["type"] == "Issuer" and issuer["publicKey"]


def test_recipient_hash_matches_the_email_and_no_email_is_public(
    issued: dict[str, Any],
) -> None:
    document = requests.get(issued["openBadgeId"], timeout=10).json()
    recipient = document["recipient"]
    expected = hashlib.sha256((EMAIL.strip().lower() + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == f"sha256${expected}"
    for suffix in ("", "/image.svg", "/credential.jwt"):
        text = requests.get(issued["openBadgeId"] + suffix, timeout=10).text.lower()
        assert "sami" not in text and "example.org" not in text.replace("example.org/preuve", "")


def test_baked_png_carries_the_assertion_uncompressed(issued: dict[str, Any]) -> None:
    png = requests.get(issued["image"], timeout=10)
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    itxt = [data for kind, data in png_chunks(png.content) if kind == b"iTXt"]
    baked = [d for d in itxt if d.startswith(b"openbadges\x00")]
    assert len(baked) == 1
    compression_flag = baked[0][len(b"openbadges\x00")]
    assert compression_flag == 0
    text = Image.open(io.BytesIO(png.content)).text["openbadges"]  # type: ignore[attr-defined]
    assert json.loads(text)["id"] == issued["openBadgeId"]


def test_baked_svg_carries_the_assertion(issued: dict[str, Any]) -> None:
    svg = requests.get(issued["openBadgeId"] + "/image.svg", timeout=10)
    assert svg.headers["content-type"].startswith("image/svg+xml")
    root = ElementTree.fromstring(svg.content)
    element = root.find("{http://openbadges.org}assertion")
    assert element is not None
    assert element.get("verify") == issued["openBadgeId"]
    assert json.loads(element.text or "")["id"] == issued["openBadgeId"]


def _schema_validator() -> Draft201909Validator:
    resources = []
    for path in sorted(STANDARDS.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        if "$id" in contents:
            resource = Resource.from_contents(contents, default_specification=DRAFT201909)
            resources.append((contents["$id"], resource))
    schema = json.loads((STANDARDS / "achievementcredential.json").read_text(encoding="utf-8"))
    return Draft201909Validator(
        schema,
        registry=Registry().with_resources(resources),
        format_checker=Draft201909Validator.FORMAT_CHECKER,
    )


def test_ob3_credential_passes_schema_and_verifies_with_jwks(
    server: IssuerServer, issued: dict[str, Any]
) -> None:
    token = requests.get(issued["openBadgeId"] + "/credential.jwt", timeout=10).text
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256"
    kid = header["kid"]
    assert kid.startswith(f"{server.base}/keys/")
    key_set = requests.get(f"{server.base}/.well-known/jwks.json", timeout=10).json()
    assert kid in [k["kid"] for k in key_set["keys"]]
    signing = jwt.PyJWKSet.from_dict(key_set)[kid]
    payload = jwt.decode(token, signing.key, algorithms=["RS256"], options={"verify_aud": False})
    assert payload["iss"] == payload["issuer"]["id"] == issued["issuerOpenBadgeId"]
    assert payload["jti"] == payload["id"] == issued["openBadgeId"]
    assert payload["credentialStatus"]["type"] == "1EdTechRevocationList"
    # The kid URL itself answers the JWK.
    dereferenced = requests.get(kid, timeout=10).json()
    assert jwt.PyJWK(dereferenced).key.public_numbers() == signing.key.public_numbers()
    assert dereferenced["type"] == "CryptographicKey" and "publicKeyPem" in dereferenced
    credential = {k: v for k, v in payload.items() if k not in JWT_CLAIMS}
    errors = sorted(_schema_validator().iter_errors(credential), key=lambda e: e.path)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_key_rotation_keeps_old_credentials_verifiable(
    server: IssuerServer, issued: dict[str, Any]
) -> None:
    old_token = requests.get(issued["openBadgeId"] + "/credential.jwt", timeout=10).text
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    rotated = server.cli("key", "rotate", "--issuer", server.issuer_id, "--json")
    assert rotated.returncode == 0, rotated.stderr
    new_kid = f"{server.base}/keys/{json.loads(rotated.stdout)['kid']}"
    headers = server.auth()
    fresh = server.issue(headers, server.badge_class(headers, "numerique", 1)["entityId"])
    new_token = requests.get(fresh.json()["result"][0]["credential"], timeout=10).text
    assert jwt.get_unverified_header(new_token)["kid"] == new_kid
    key_set = jwt.PyJWKSet.from_dict(
        requests.get(f"{server.base}/.well-known/jwks.json", timeout=10).json()
    )
    for token, kid in ((old_token, old_kid), (new_token, new_kid)):
        jwt.decode(token, key_set[kid].key, algorithms=["RS256"], options={"verify_aud": False})
    # Served again after the rotation, the old credential is still signed with its own key.
    again = requests.get(issued["openBadgeId"] + "/credential.jwt", timeout=10).text
    assert jwt.get_unverified_header(again)["kid"] == old_kid
    issuer = requests.get(issued["issuerOpenBadgeId"], timeout=10).json()
    assert {old_kid, new_kid} <= set(issuer["publicKey"])


def test_badge_class_images(server: IssuerServer) -> None:
    badge = server.badge_class(server.auth(), "oral", 2)
    png = requests.get(badge["image"], timeout=10)
    assert png.status_code == 200
    image = Image.open(io.BytesIO(png.content))
    assert image.size == (400, 400)
    svg = requests.get(badge["openBadgeId"] + "/image.svg", timeout=10)
    assert ElementTree.fromstring(svg.content).tag == "{http://www.w3.org/2000/svg}svg"


def test_unknown_public_ids_are_404(server: IssuerServer) -> None:
    for path in ("/assertions/nope", "/badgeclasses/nope", "/issuers/nope", "/keys/nope"):
        answer = requests.get(server.base + path, timeout=10)
        assert answer.status_code == 404, path
        page = requests.get(server.base + path, headers={"Accept": "text/html"}, timeout=10)
        assert page.status_code == 404 and "Introuvable" in page.text
