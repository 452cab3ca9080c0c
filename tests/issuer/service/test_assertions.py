"""Issuing, reading and revoking through the real server, on SQLite and PostgreSQL."""

import uuid
from typing import Any

import requests

from tests.issuer.service.conftest import IssuerServer, init_issuer


def test_issue_answers_badgr_shape_with_hashed_recipient(server: IssuerServer) -> None:
    headers = server.auth()
    badge = server.badge_class(headers, "oral", 2)
    answer = server.issue(headers, badge["entityId"], email=" Lea.Martin@Example.org ")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["status"]["success"] is True
    [result] = body["result"]
    assert result["entityType"] == "Assertion"
    assert result["badgeclass"] == badge["entityId"]
    assert result["openBadgeId"] == f"{server.base}/assertions/{result['entityId']}"
    assert result["image"] == f"{result['openBadgeId']}/image.png"
    assert result["recipient"]["identity"].startswith("sha256$")
    assert "lea" not in answer.text.lower()
    assert result["revoked"] is False and result["revocationReason"] is None
    assert result["evidence"] == [{"url": "https://example.org/preuve", "narrative": "Attestation"}]
    assert result["issuedOn"] == "2026-01-15T10:00:00Z"
    again = requests.get(
        f"{server.base}/v2/assertions/{result['entityId']}", headers=headers, timeout=10
    )
    assert again.status_code == 200
    assert again.json()["result"][0] == result


def test_same_idempotency_key_gives_the_same_assertion(server: IssuerServer) -> None:
    headers = server.auth()
    badge = server.badge_class(headers, "collectif", 3)
    key = str(uuid.uuid4())
    first = server.issue(headers, badge["entityId"], key=key)
    second = server.issue(headers, badge["entityId"], key=key)
    other = server.issue(headers, badge["entityId"], key=str(uuid.uuid4()))
    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json()["result"][0]["entityId"] == first.json()["result"][0]["entityId"]
    assert other.json()["result"][0]["entityId"] != first.json()["result"][0]["entityId"]


def test_same_key_for_another_badge_is_a_conflict(server: IssuerServer) -> None:
    headers = server.auth()
    key = str(uuid.uuid4())
    first = server.issue(headers, server.badge_class(headers, "oral", 1)["entityId"], key=key)
    clash = server.issue(headers, server.badge_class(headers, "oral", 3)["entityId"], key=key)
    assert first.status_code == 201
    assert clash.status_code == 409
    assert clash.json()["status"]["success"] is False
    assert "clé" in clash.json()["status"]["description"]


def test_revoke_then_public_url_answers_410(server: IssuerServer) -> None:
    headers = server.auth()
    badge = server.badge_class(headers, "regles", 1)
    issued = server.issue(headers, badge["entityId"]).json()["result"][0]
    url = issued["openBadgeId"]
    assert requests.get(url, timeout=10).status_code == 200
    revoked = requests.delete(
        f"{server.base}/v2/assertions/{issued['entityId']}",
        json={"revocation_reason": "Délivré par erreur"},
        headers=headers,
        timeout=10,
    )
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["result"][0]["revoked"] is True
    assert revoked.json()["result"][0]["revocationReason"] == "Délivré par erreur"
    public = requests.get(url, headers={"Accept": "application/ld+json"}, timeout=10)
    assert public.status_code == 410
    assert public.json()["revoked"] is True
    assert public.json()["revocationReason"] == "Délivré par erreur"
    assert requests.get(f"{url}/image.png", timeout=10).status_code == 410
    listed = requests.get(f"{issued['issuerOpenBadgeId']}/revocations", timeout=10).json()
    assert {"id": url, "revocationReason": "Délivré par erreur"} in listed["revokedAssertions"]
    assert {"id": url, "revocationReason": "Délivré par erreur"} in listed["revokedCredentials"]
    page = requests.get(url, headers={"Accept": "text/html"}, timeout=10)
    assert page.status_code == 410 and "révoqué" in page.text


def test_another_structures_badge_class_is_not_found(server: IssuerServer) -> None:
    other = init_issuer(
        server.data_dir, server.database_url, name="E2C Arras", email="contact@e2c-arras.fr"
    )
    mine = server.auth()
    theirs = {"Authorization": f"Bearer {server.token(other['client_id'], other['client_secret'])}"}
    their_badge = server.badge_classes(theirs, other["issuer_id"])[0]
    refused = server.issue(mine, their_badge["entityId"])
    assert refused.status_code in (403, 404)
    assert refused.json()["status"]["success"] is False
    listing = requests.get(
        f"{server.base}/v2/issuers/{other['issuer_id']}/badgeclasses", headers=mine, timeout=10
    )
    assert listing.status_code in (403, 404)
    own = requests.get(f"{server.base}/v2/issuers", headers=theirs, timeout=10).json()
    assert [i["entityId"] for i in own["result"]] == [other["issuer_id"]]
    issued = server.issue(theirs, their_badge["entityId"]).json()["result"][0]
    peek = requests.get(
        f"{server.base}/v2/assertions/{issued['entityId']}", headers=mine, timeout=10
    )
    assert peek.status_code == 404


def test_hashed_identity_needs_its_salt(server: IssuerServer) -> None:
    headers = server.auth()
    badge = server.badge_class(headers, "oral", 4)
    hashed = "sha256$" + "a" * 64
    refused = server.issue(headers, badge["entityId"], email=hashed)
    assert refused.status_code == 422
    body: dict[str, Any] = {
        "recipient": {"identity": hashed, "type": "email", "hashed": True, "salt": "sel"},
    }
    kept = requests.post(
        f"{server.base}/v2/badgeclasses/{badge['entityId']}/assertions",
        json=body,
        headers=headers,
        timeout=10,
    )
    assert kept.status_code == 201
    assert kept.json()["result"][0]["recipient"]["identity"] == hashed
    assert kept.json()["result"][0]["recipient"]["salt"] == "sel"


def test_list_a_badge_class_assertions_by_recipient(server: IssuerServer) -> None:
    headers = server.auth()
    badge = server.badge_class(headers, "numerique", 3)
    mine = server.issue(headers, badge["entityId"], email="Nora@Example.org").json()["result"][0]
    server.issue(headers, badge["entityId"], email="autre@example.org")
    url = f"{server.base}/v2/badgeclasses/{badge['entityId']}/assertions"
    everyone = requests.get(url, headers=headers, timeout=10).json()["result"]
    assert len(everyone) >= 2
    found = requests.get(
        url, params={"recipient": " nora@example.org"}, headers=headers, timeout=10
    ).json()["result"]
    assert [a["entityId"] for a in found] == [mine["entityId"]]


def test_issued_on_slightly_ahead_is_now_and_far_ahead_is_refused(server: IssuerServer) -> None:
    from datetime import UTC, datetime, timedelta

    headers = server.auth()
    badge = server.badge_class(headers, "ecrit", 1)["entityId"]
    ahead = (datetime.now(UTC) + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    issued = server.issue(headers, badge, issuedOn=ahead)
    assert issued.status_code == 201
    stamped = datetime.fromisoformat(issued.json()["result"][0]["issuedOn"].replace("Z", "+00:00"))
    assert stamped <= datetime.now(UTC)
    far = (datetime.now(UTC) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    refused = server.issue(headers, badge, issuedOn=far)
    assert refused.status_code == 422
    assert "futur" in refused.json()["status"]["description"]
