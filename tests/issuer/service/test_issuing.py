"""The issuing path (``issuer.service.issuing``, issue 8's speed work), on SQLite and PostgreSQL.

- the documents stored with a new assertion (same transaction on PostgreSQL, just after the
  answer on SQLite) are byte for byte those a public GET builds from the database once they
  are stale: JSON-LD, baked PNG, VC-JWT; stored after the answer, they are never stored over
  a newer revision (an erasure, a revocation come between) nor over what a GET stored;
- the issuing route checks its caller at every request, with no memory: a revoked client
  or an expired token cannot issue, at once;
- nothing of a refused request is written (another structure's badge class, key conflict).
"""

import json
from typing import Any

import jwt
import requests

from issuer.openbadges.baking import bake_png, unbake_png
from issuer.security import token_digest
from tests.issuer.service.conftest import IssuerServer

ISSUED = {"jsonld": "", "png": "/image.png", "jwt": "/credential.jwt"}
LD = {"Accept": "application/ld+json"}


def _same(kind: str, served: bytes, stored: bytes) -> bool:
    """A GET answers the stored bytes; for a PNG, the picture baked with the stored text."""
    if kind != "png":
        return served == stored
    return unbake_png(served) == json.loads(stored)["assertion"]


def _issue(server: IssuerServer, headers: dict[str, str], **extra: Any) -> requests.Response:
    badge = server.badge_class(server.auth(), "oral", 3)  # the caller may not be able to list
    return server.issue(headers, badge["entityId"], email="noe.issuing@example.org", **extra)


def test_documents_stored_at_issue_are_what_a_get_rebuilds(server: IssuerServer) -> None:
    headers = server.auth()
    answer = _issue(server, headers, extensions={"extensions:Note": {"n": "é"}})
    assert answer.status_code == 201, answer.text
    made = answer.json()["result"][0]
    # On SQLite the documents are stored just after the 201 is written, before the server's
    # event loop serves anything else: any next request (here a JWKS) comes after them.
    assert requests.get(server.base + "/.well-known/jwks.json", timeout=10).status_code == 200
    stored = {
        kind: (revision, status, bytes(body))
        for kind, revision, status, body in server.rows(
            "SELECT d.kind, d.revision, d.status, d.body FROM assertion_document d "
            "JOIN assertion a ON a.id = d.assertion_id WHERE a.entity_id = :e",
            e=made["entityId"],
        )
    }
    assert set(stored) == set(ISSUED)  # stored at issue, no GET of them needed
    assert {revision for revision, _, _ in stored.values()} == {1}
    served = {
        k: requests.get(made["openBadgeId"] + s, headers=LD, timeout=10) for k, s in ISSUED.items()
    }
    assert all(_same(k, served[k].content, v[2]) for k, v in stored.items())
    # The baked PNG is stored as its picture's name and the assertion text (~1 kB), not as the
    # whole picture (~34 kB an assertion), and baked on each GET.
    assert not stored["png"][2].startswith(b"\x89PNG") and len(stored["png"][2]) < 4000
    assert len(served["png"].content) > 10 * len(stored["png"][2])
    # Stale now: every worker rebuilds them from the database, and gets the very same bytes.
    server.rows(
        "UPDATE assertion SET revision = revision + 1 WHERE entity_id = :e",
        e=made["entityId"],
    )
    for kind, suffix in ISSUED.items():
        again = requests.get(made["openBadgeId"] + suffix, headers=LD, timeout=10)
        assert again.status_code == 200
        assert again.content == served[kind].content, kind
    document = json.loads(stored["jsonld"][2])
    assert document["id"] == made["openBadgeId"]
    assert json.loads(unbake_png(served["png"].content) or "{}")["id"] == made["openBadgeId"]
    header = jwt.get_unverified_header(stored["jwt"][2].decode())
    assert header["alg"] == "RS256" and header["kid"].startswith(server.base + "/keys/")


def test_a_png_stored_whole_by_an_earlier_version_is_served_as_it_was(
    server: IssuerServer,
) -> None:
    made = _issue(server, server.auth()).json()["result"][0]
    url = made["openBadgeId"] + "/image.png"
    first = requests.get(url, timeout=10).content
    earlier = bake_png(first, '{"stored": "whole, before the text form"}')
    server.rows(
        "UPDATE assertion_document SET body = :b WHERE kind = 'png' AND assertion_id = "
        "(SELECT id FROM assertion WHERE entity_id = :e)",
        b=earlier,
        e=made["entityId"],
    )
    assert requests.get(url, timeout=10).content == earlier


def test_a_revoked_client_or_an_expired_token_cannot_issue_at_once(server: IssuerServer) -> None:
    added = server.cli("client", "add", "--issuer", server.issuer_id, "--label", "v", "--json")
    client = json.loads(added.stdout)

    def bearer() -> tuple[str, dict[str, str]]:
        token = server.token(client["client_id"], client["client_secret"])
        return token, {"Authorization": f"Bearer {token}"}

    token, headers = bearer()
    assert _issue(server, headers).status_code == 201
    past = "'2000-01-01 00:00:00'" + ("" if server.database_url is None else "::timestamptz")
    server.rows(
        f"UPDATE access_token SET expires_at = {past} WHERE token_hash = :h",
        h=token_digest(token),
    )
    expired = _issue(server, headers)
    assert expired.status_code == 401
    assert expired.json()["status"]["success"] is False
    fresh = {
        "Authorization": f"Bearer {server.token(client['client_id'], client['client_secret'])}"
    }
    assert _issue(server, fresh).status_code == 201
    assert server.cli("client", "revoke", client["client_id"]).returncode == 0
    assert _issue(server, fresh).status_code == 401


def test_refused_requests_write_nothing(server: IssuerServer) -> None:
    headers = server.auth()
    before = server.rows("SELECT count(*) FROM assertion")[0][0]
    unknown = server.issue(headers, "AAAAAAAAAAAAAAAAAAAAAA")
    assert unknown.status_code == 404
    assert unknown.json()["status"]["success"] is False
    first = _issue(server, headers, key="cle-unique-issuing")
    assert first.status_code == 201
    other = server.badge_class(headers, "oral", 1)["entityId"]
    conflict = server.issue(headers, other, key="cle-unique-issuing")
    assert conflict.status_code == 409
    again = _issue(server, headers, key="cle-unique-issuing")
    assert again.status_code == 200
    assert again.json()["result"][0]["entityId"] == first.json()["result"][0]["entityId"]
    assert server.rows("SELECT count(*) FROM assertion")[0][0] == before + 1
