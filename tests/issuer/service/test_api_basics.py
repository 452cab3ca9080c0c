"""The issuing API through a real server: tokens, the envelope, the client's own issuer."""

import base64

import requests

from shared.framework import default_framework
from shared.text import localize
from tests.issuer.service.conftest import IssuerServer


def test_token_then_own_issuer_in_badgr_envelope(server: IssuerServer) -> None:
    answer = requests.post(
        f"{server.base}/o/token",
        data={
            "grant_type": "client_credentials",
            "client_id": server.client_id,
            "client_secret": server.client_secret,
        },
        timeout=10,
    )
    assert answer.status_code == 200
    token = answer.json()
    assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
    assert token["scope"] == "rw:issuer"
    issuers = requests.get(
        f"{server.base}/v2/issuers",
        headers={"Authorization": f"Bearer {token['access_token']}"},
        timeout=10,
    )
    assert issuers.status_code == 200
    body = issuers.json()
    assert body["status"] == {"success": True, "description": "ok"}
    [issuer] = body["result"]
    assert issuer["entityId"] == server.issuer_id
    assert issuer["openBadgeId"] == f"{server.base}/issuers/{server.issuer_id}"
    assert issuer["name"] == "Mission Locale de Lens"


def test_token_by_http_basic(server: IssuerServer) -> None:
    basic = base64.b64encode(f"{server.client_id}:{server.client_secret}".encode()).decode()
    answer = requests.post(
        f"{server.base}/o/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text


def test_wrong_secret_is_invalid_client(server: IssuerServer) -> None:
    answer = requests.post(
        f"{server.base}/o/token",
        data={
            "grant_type": "client_credentials",
            "client_id": server.client_id,
            "client_secret": "not-the-secret",
        },
        timeout=10,
    )
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"
    assert answer.json()["error_description"]


def test_bad_token_is_401_in_envelope(server: IssuerServer) -> None:
    answer = requests.get(
        f"{server.base}/v2/issuers", headers={"Authorization": "Bearer nope"}, timeout=10
    )
    assert answer.status_code == 401
    assert answer.json()["status"]["success"] is False
    assert "jeton" in answer.json()["status"]["description"]


def test_badge_classes_one_per_competency_and_level(server: IssuerServer) -> None:
    answer = requests.get(
        f"{server.base}/v2/issuers/{server.issuer_id}/badgeclasses",
        headers=server.auth(),
        timeout=10,
    )
    assert answer.status_code == 200
    classes = answer.json()["result"]
    assert len(classes) == 40  # RECTEC: 10 graded competencies x 4 levels
    keys = {(c["competency"], c["level"]) for c in classes}
    assert len(keys) == 40
    oral2 = next(c for c in classes if c["competency"] == "oral" and c["level"] == 2)
    assert oral2["alignments"][0]["targetCode"] == "oral"
    rectec = default_framework()  # the texts come from the framework file, whatever its version
    assert oral2["alignments"][0]["targetName"] == localize(rectec.competency("oral").name)
    assert oral2["framework"] == {"id": "rectec", "version": rectec.version}
    assert oral2["criteriaNarrative"] == rectec.competency("oral").descriptor(2)
    assert oral2["criteriaNarrative"]
    assert oral2["openBadgeId"].startswith(f"{server.base}/badgeclasses/")
