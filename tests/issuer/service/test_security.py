"""Security through the real server: no token no access, bounded bodies, readable refusals,
private files 0600, no secret or e-mail in the logs, and random requests never a 500."""

import json
import os
import re
import stat
import string
from typing import Any

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.issuer.service.conftest import IssuerServer

PLACEHOLDER = re.compile(r"\{[^}]+\}")


def v2_operations(server: IssuerServer) -> list[tuple[str, str]]:
    spec = requests.get(f"{server.base}/openapi.json", timeout=10).json()
    operations = [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        if path.startswith("/v2")
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    assert len(operations) >= 6, operations
    return operations


def test_every_v2_route_needs_a_token(server: IssuerServer) -> None:
    body: dict[str, Any] = {"recipient": {"identity": "a@b.fr"}, "revocation_reason": "x"}
    for method, path in v2_operations(server):
        url = server.base + PLACEHOLDER.sub("abc", path)
        for headers in ({}, {"Authorization": "Bearer forged"}, {"Authorization": "Basic eDp5"}):
            answer = requests.request(method, url, json=body, headers=headers, timeout=10)
            assert answer.status_code == 401, (method, path, headers, answer.text)
            assert answer.json()["status"]["success"] is False
            assert answer.headers["www-authenticate"] == "Bearer"


def test_revoked_client_tokens_stop_working(server: IssuerServer) -> None:
    added = server.cli("client", "add", "--issuer", server.issuer_id, "--label", "test", "--json")
    assert added.returncode == 0, added.stderr
    client = json.loads(added.stdout)
    token = server.token(client["client_id"], client["client_secret"])
    headers = {"Authorization": f"Bearer {token}"}
    assert requests.get(f"{server.base}/v2/issuers", headers=headers, timeout=10).ok
    revoked = server.cli("client", "revoke", client["client_id"])
    assert revoked.returncode == 0, revoked.stderr
    answer = requests.get(f"{server.base}/v2/issuers", headers=headers, timeout=10)
    assert answer.status_code == 401
    refused = requests.post(
        f"{server.base}/o/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client["client_id"],
            "client_secret": client["client_secret"],
        },
        timeout=10,
    )
    assert refused.status_code == 401
    listing = json.loads(server.cli("client", "list", "--json").stdout)
    assert {c["client_id"]: c["revoked"] for c in listing}[client["client_id"]] is True
    assert "secret" not in json.dumps(listing).lower()


def test_bodies_over_64_kb_are_413(server: IssuerServer) -> None:
    headers = server.auth()
    badge = server.badge_class(headers, "oral", 1)
    url = f"{server.base}/v2/badgeclasses/{badge['entityId']}/assertions"
    big: dict[str, Any] = {"recipient": {"identity": "a@b.fr"}, "narrative": "x" * (65 * 1024)}
    answer = requests.post(url, json=big, headers=headers, timeout=10)
    assert answer.status_code == 413
    assert "64" in answer.json()["status"]["description"]

    def chunks() -> Any:  # no Content-Length: the server counts what arrives
        for _ in range(70):
            yield b"x" * 1024

    streamed = requests.post(
        url, data=chunks(), headers={**headers, "Content-Type": "application/json"}, timeout=10
    )
    assert streamed.status_code == 413
    token = requests.post(f"{server.base}/o/token", data={"x": "y" * 70_000}, timeout=10)
    assert token.status_code == 413


def test_malformed_requests_are_422_with_a_french_message(server: IssuerServer) -> None:
    headers = server.auth()
    badge = server.badge_class(headers, "oral", 1)
    url = f"{server.base}/v2/badgeclasses/{badge['entityId']}/assertions"
    cases = [
        (b"{not json", "JSON"),
        (json.dumps({"narrative": "sans destinataire"}).encode(), "recipient"),
        (json.dumps({"recipient": {"identity": "pas-une-adresse"}}).encode(), "e-mail"),
        (json.dumps({"recipient": {"identity": "a@b.fr", "type": "url"}}).encode(), "type"),
        (json.dumps({"recipient": {"identity": "a@b.fr"}, "issuedOn": "hier"}).encode(), "date"),
        (json.dumps({"recipient": {"identity": "a@b.fr"}, "evidence": "x"}).encode(), "liste"),
        (json.dumps([1, 2]).encode(), "objet"),
    ]
    for raw, word in cases:
        answer = requests.post(
            url, data=raw, headers={**headers, "Content-Type": "application/json"}, timeout=10
        )
        assert answer.status_code == 422, (raw, answer.text)
        body = answer.json()
        assert body["status"]["success"] is False
        assert body["status"]["description"].startswith("Requête invalide")
        assert word.lower() in body["status"]["description"].lower(), body
        assert body["validationErrors"]


def test_private_files_are_0600(server: IssuerServer) -> None:
    keys = list((server.data_dir / "keys").glob("*.pem"))
    assert keys
    for path in keys:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((server.data_dir / "keys").stat().st_mode) == 0o700
    assert stat.S_IMODE(server.data_dir.stat().st_mode) == 0o700
    if server.database_url is None:
        for path in server.data_dir.glob("issuer.db*"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_no_secret_token_or_email_in_the_logs(server: IssuerServer) -> None:
    email = "Yasmine.Logs@Example.net"
    token = server.token()
    headers = {"Authorization": f"Bearer {token}"}
    badge = server.badge_class(headers, "ecrit", 2)
    assert server.issue(headers, badge["entityId"], email=email).status_code == 201
    requests.post(
        f"{server.base}/o/token",
        data={"grant_type": "client_credentials", "client_id": server.client_id,
              "client_secret": server.client_secret + "-wrong"},
        timeout=10,
    )  # fmt: skip
    requests.get(f"{server.base}/v2/issuers", headers={"Authorization": "Bearer x" * 3}, timeout=10)
    log = server.log_text()
    assert "Uvicorn running" in log  # the log is really captured
    for secret in (server.client_secret, token, email, email.lower(), "yasmine"):
        assert secret.lower() not in log.lower(), secret
    for path in (server.data_dir / "keys").glob("*.pem"):
        body = path.read_text().splitlines()[1]
        assert body not in log


TEXT = st.text(alphabet=string.printable + "éà’«»\u0000\u202e", max_size=40)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "recipient": st.fixed_dictionaries(
            {},
            optional={
                "identity": TEXT | st.just("a@b.fr"),
                "type": TEXT,
                "hashed": JSON_VALUES,
                "salt": JSON_VALUES,
            },  # fmt: skip
        )
        | JSON_VALUES,
        "narrative": JSON_VALUES,
        "evidence": st.lists(st.dictionaries(st.sampled_from(["url", "narrative"]), TEXT)),
        "issuedOn": TEXT | st.just("2020-02-30T10:00:00Z") | st.just("1970-01-01T00:00:00"),
        "expires": TEXT,
        "extensions": JSON_VALUES,
        "revocation_reason": JSON_VALUES,
    },
)


def test_random_requests_from_the_openapi_routes_never_500(server: IssuerServer) -> None:
    operations = v2_operations(server) + [("POST", "/o/token"), ("GET", "/assertions/{id}")]
    headers = server.auth()
    badge = server.badge_class(headers, "maths", 1)["entityId"]
    real_ids = [badge, server.issuer_id, "", "..", "%00", "a" * 300]

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        operation=st.sampled_from(operations),
        path_id=st.sampled_from(real_ids) | TEXT.filter(lambda t: "/" not in t and "?" not in t),
        body=FIELDS | JSON_VALUES,
        raw=st.none() | st.binary(max_size=200),
        key=st.none() | TEXT,
        authorised=st.booleans(),
        query=st.dictionaries(st.sampled_from(["all_revisions", "x"]), TEXT, max_size=2),
    )
    def check(
        operation: tuple[str, str],
        path_id: str,
        body: Any,
        raw: bytes | None,
        key: str | None,
        authorised: bool,
        query: dict[str, str],
    ) -> None:
        method, path = operation
        url = server.base + PLACEHOLDER.sub(requests.utils.quote(path_id, safe="") or "x", path)
        sent = dict(headers) if authorised else {}
        if key and key.isprintable() and key.isascii() and key == key.strip():
            sent["Idempotency-Key"] = key
        if raw is not None:
            sent["Content-Type"] = "application/json"
            answer = requests.request(method, url, data=raw, headers=sent, params=query, timeout=10)
        else:
            answer = requests.request(
                method, url, json=body, headers=sent, params=query, timeout=10
            )
        assert answer.status_code < 500, (method, url, body, answer.status_code, answer.text)

    check()
    assert "Traceback" not in server.log_text()


def test_environment_has_no_secret_leak_in_process_list(server: IssuerServer) -> None:
    """The server's command line (visible to every user in ps) names no secret."""
    assert server.process is not None
    cmdline = open(f"/proc/{server.process.pid}/cmdline", "rb").read().decode()  # noqa: SIM115
    assert server.client_secret not in cmdline
    assert os.path.exists(f"/proc/{server.process.pid}")


def test_expired_token_is_refused_and_a_new_one_works(server: IssuerServer) -> None:
    from sqlalchemy import create_engine, text

    from issuer.security import token_digest
    from issuer.settings import sqlite_url

    token = server.token()
    headers = {"Authorization": f"Bearer {token}"}
    assert requests.get(f"{server.base}/v2/issuers", headers=headers, timeout=10).ok
    engine = create_engine(server.database_url or sqlite_url(server.data_dir))
    try:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE access_token SET expires_at = :past WHERE token_hash = :digest"),
                {"past": "2000-01-01 00:00:00", "digest": token_digest(token)},
            )
    finally:
        engine.dispose()
    expired = requests.get(f"{server.base}/v2/issuers", headers=headers, timeout=10)
    assert expired.status_code == 401
    assert "expiré" in expired.json()["status"]["description"]
    assert requests.get(f"{server.base}/v2/issuers", headers=server.auth(), timeout=10).ok


def test_expiry_before_issue_is_422_in_french(server: IssuerServer) -> None:
    headers = server.auth()
    badge = server.badge_class(headers, "oral", 1)
    refused = server.issue(
        headers, badge["entityId"], issuedOn="2026-01-15T10:00:00Z", expires="2026-01-01T00:00:00Z"
    )
    assert refused.status_code == 422
    assert "expiration" in refused.json()["status"]["description"]
