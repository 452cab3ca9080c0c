"""End to end, through every real part: the game autoplays, the counsellor reviews and confirms
with the skill map's CLI and builds a badge request, the bundled issuer (``diva-issuer init``
and ``serve``, uvicorn on a free port) issues it over HTTP, and what it published is checked
as a verifier would: the assertion's JSON-LD (recipient hash of the e-mail), the baked PNG and
SVG, the 1EdTech OB 2.0 validator, the OB 3.0 credential (official schema, signature with the
JWKS), then revocation (410). A second test kills the issuer right after it made an assertion,
before its answer reached the client, restarts it, and finds exactly one assertion.
"""

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
import pytest
import requests
from jsonschema import Draft201909Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT201909
from requests.adapters import HTTPAdapter

from shared.store import Store
from skillmap import sending
from skillmap.common import catalogue
from skillmap.issuers import IssuerBook
from tests.issuer.ob2_validator import Ob2Validator, open_validator
from tests.issuer.test_openbadges_baking import openbadges_itxt

ROOT = Path(__file__).resolve().parents[1]
EMAIL = "lina.martin@example.org"
STANDARDS = ROOT.parent / "shared" / "standards" / "openbadges-3.0"
READY_DEADLINE_S = 60.0
JWT_CLAIMS = {"iss", "jti", "nbf", "sub", "exp", "iat", "aud"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIVA_ISSUER_", "DIVA_DATA"))}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _run(*args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT,
        env=env or _env(), timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout


def skillmap(data: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return _run("skillmap.cli", "--data-dir", str(data), *args, env=env)


@dataclass
class Issuer:
    """A real ``diva-issuer serve`` process over one data folder, restartable on its port."""

    folder: Path
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = open(self.folder / "serve.log", "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [sys.executable, "-m", "issuer.cli", "serve", "--host", "127.0.0.1",
             "--port", str(self.port), "--public-url", self.url, "--data-dir", str(self.folder)],
            cwd=ROOT, env=_env(), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        """Poll /openapi.json until it answers; waiting on the process is the pause."""
        process = self.process
        assert process is not None, "start() runs the process first"
        deadline = time.monotonic() + READY_DEADLINE_S
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/openapi.json", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            try:
                process.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                continue
            log = (self.folder / "serve.log").read_text(errors="replace")
            pytest.fail(f"diva-issuer serve stopped: {log[-2000:]}")
        pytest.fail("diva-issuer serve did not answer in time")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, as a crash would."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def assertions(self) -> int:
        with sqlite3.connect(self.folder / "issuer.db") as db:
            return int(db.execute("SELECT count(*) FROM assertion").fetchone()[0])


@pytest.fixture
def issuer(tmp_path: Path) -> Iterator[tuple[Issuer, dict[str, str]]]:
    folder = tmp_path / "issuer"
    port = free_port()
    made = json.loads(
        _run("issuer.cli", "init", "--name", "Mission Locale de Lens",
             "--url", f"http://127.0.0.1:{port}", "--email", "contact@ml-lens.example.fr",
             "--data-dir", str(folder), "--json")
    )  # fmt: skip
    assert set(made) == {"issuer_id", "client_id", "client_secret"}
    server = Issuer(folder, port)
    server.start()
    try:
        yield server, made
    finally:
        server.kill()


@pytest.fixture(scope="session")
def ob2_validator() -> Ob2Validator:
    return open_validator()


def _player_with_a_request(data: Path) -> tuple[str, str]:
    """Autoplay, review, confirm the game's experience, request its first possible badge."""
    played = _run("game.cli", "--headless", "--autoplay", "club-foot", "--seed", "1",
                  "--player", "Lina", "--data-dir", str(data))  # fmt: skip
    assert json.loads(played.strip().splitlines()[-1])["experience_drafts"] >= 1
    drafts = json.loads(skillmap(data, "review", "Lina", "--json"))
    assert drafts and drafts[0]["status"] == "draft"
    skillmap(data, "review", "Lina", "confirm", drafts[0]["id"][:8], "--by", "Anne")
    options = json.loads(skillmap(data, "badge", "list", "Lina", "--json"))["options"]
    option = options[0]
    request = json.loads(
        skillmap(data, "badge", "request", "Lina", "--competency", option["competency"],
                 "--level", str(option["level"]), "--email", EMAIL, "--consent", "--json",
                 "--narrative", "Au club, j’ai organisé le tournoi des petits.")
    )  # fmt: skip
    assert request["status"] == "queued"
    return request["id"], option["competency"]


def _add_issuer(data: Path, server: Issuer, made: dict[str, str]) -> None:
    env = {**_env(), "DIVA_E2E_SECRET": made["client_secret"]}
    out = skillmap(data, "issuer", "add", "structure", "--url", server.url, "--client-id",
                   made["client_id"], "--secret-env", "DIVA_E2E_SECRET", env=env)  # fmt: skip
    assert made["client_secret"] not in out


def _ob3_validator() -> Draft201909Validator:
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


def _verified_credential(token: str, server: Issuer) -> dict[str, Any]:
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["kid"].startswith(server.url)
    jwks = requests.get(server.url + "/.well-known/jwks.json", timeout=10).json()
    (jwk,) = [k for k in jwks["keys"] if k.get("kid") == header["kid"]]
    key = jwt.PyJWK(jwk).key
    return jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": False})


def _linked_data(url: str) -> requests.Response:
    return requests.get(url, headers={"Accept": "application/ld+json"}, timeout=10)


def _salted(email: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest()


def test_play_confirm_request_issue_verify_and_revoke(
    tmp_path: Path, issuer: tuple[Issuer, dict[str, str]], ob2_validator: Ob2Validator
) -> None:
    server, made = issuer
    data = tmp_path / "data"
    request_id, competency = _player_with_a_request(data)
    _add_issuer(data, server, made)
    assert "Connexion réussie" in skillmap(data, "issuer", "test")

    (sent,) = json.loads(skillmap(data, "badge", "send", "--all", "--json"))
    assert set(sent) == {"request", "status", "assertion_url", "message"}
    assert (sent["request"], sent["status"]) == (request_id, "issued"), sent["message"]
    url = sent["assertion_url"]
    assert url.startswith(server.url + "/assertions/")

    # the hosted OB 2.0 assertion, as a verifier fetches it
    hosted = _linked_data(url)
    assert hosted.status_code == 200
    assertion = hosted.json()
    assert assertion["id"] == url and assertion["type"] == "Assertion"
    recipient = assertion["recipient"]
    assert recipient["hashed"] is True and recipient["type"] == "email"
    assert recipient["identity"] == _salted(EMAIL, recipient["salt"])
    assert EMAIL not in hosted.text
    badge_class = _linked_data(assertion["badge"]).json()
    assert competency in json.dumps(badge_class.get("alignment", []))

    # what the skill map saved beside the player's data, 0600
    store = Store(data)
    request = sending.find_request(store, request_id)
    assert request.answer is not None, request.status
    png = (data / request.answer.image_path).read_bytes()
    assert (data / request.answer.image_path).stat().st_mode & 0o777 == 0o600
    (baked,) = openbadges_itxt(png)
    assert url.encode() in baked
    svg = requests.get(url + "/image.svg", timeout=10).text
    assert "openbadges:assertion" in svg and url in svg
    report = ob2_validator(url, EMAIL)
    assert report.valid, report.errors()

    # the OB 3.0 credential: signature with the published key, then the official schema
    token = (data / request.answer.credential_path).read_text().strip()
    payload = _verified_credential(token, server)
    said = payload["issuer"]
    assert payload["iss"] == (said["id"] if isinstance(said, dict) else said)
    assert payload["jti"] == payload["id"]
    credential = {k: v for k, v in payload.items() if k not in JWT_CLAIMS}
    errors = [e.message for e in _ob3_validator().iter_errors(credential)]
    assert not errors, errors[:5]

    # revoke: the hosted assertion says 410 and the skill map shows it
    out = skillmap(data, "badge", "revoke", request_id[:8], "--reason", "Erreur de saisie")
    assert "révoqué" in out
    gone = _linked_data(url)
    assert gone.status_code == 410 and gone.json()["revoked"] is True
    listed = json.loads(skillmap(data, "badge", "list", "Lina", "--json"))["requests"]
    assert listed[0]["answer"]["revoked"] is True
    assert "révoqué : Erreur de saisie" in skillmap(data, "profile", "Lina")
    assert server.assertions() == 1


class KillAfterAnswer(HTTPAdapter):
    """The issuer is killed right after it answered an assertion POST; the answer is lost."""

    def __init__(self, server: Issuer) -> None:
        super().__init__()
        self.server = server
        self.keys: list[str] = []
        self.fired = False

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float | None, float | None] | None = None,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        response = super().send(request, stream, timeout, verify, cert, proxies)
        if request.method == "POST" and request.path_url.endswith("/assertions"):
            self.keys.append(str(request.headers.get("Idempotency-Key")))
            if not self.fired:
                self.fired = True
                assert response.status_code == 201  # the issuer made it...
                self.server.kill()  # ...and died before the client heard of it
                raise requests.ConnectionError("issuer killed before its answer arrived")
        return response


def test_issuer_killed_during_send_then_restarted_gives_exactly_one_assertion(
    tmp_path: Path, issuer: tuple[Issuer, dict[str, str]]
) -> None:
    server, made = issuer
    data = tmp_path / "data"
    request_id, _ = _player_with_a_request(data)
    _add_issuer(data, server, made)
    store, t = Store(data), catalogue("fr")
    session = requests.Session()
    adapter = KillAfterAnswer(server)
    session.mount("http://", adapter)
    waits: list[float] = []
    clients = sending.client_factory(IssuerBook(data), session=session, sleep=waits.append)

    first = sending.send(store, data, sending.find_request(store, request_id), clients, t)
    assert first.status == "queued" and "ne répond pas" in first.message
    request = sending.find_request(store, request_id)
    assert (request.status, request.attempts) == ("queued", 1)
    assert server.process is not None
    assert server.process.poll() is not None and len(waits) == 3  # retried, never waited
    assert server.assertions() == 1

    server.start()  # the same database, the same port
    (again,) = json.loads(skillmap(data, "badge", "send", "--all", "--json"))
    assert again["status"] == "issued", again["message"]
    assert server.assertions() == 1
    issued = sending.find_request(store, request_id)
    assert adapter.keys == [issued.idempotency_key]
    hosted = _linked_data(again["assertion_url"])
    assert hosted.status_code == 200


def test_client_killed_after_its_post_resends_as_the_same_badge(
    tmp_path: Path, issuer: tuple[Issuer, dict[str, str]]
) -> None:
    """A ``badge send`` died after its POST reached the issuer, before it saved the answer:
    the request is still ``sent`` in the player's file. The next run POSTs it again with the
    same idempotency key and the issuer answers with the same assertion."""
    server, made = issuer
    data = tmp_path / "data"
    request_id, _ = _player_with_a_request(data)
    _add_issuer(data, server, made)
    store = Store(data)
    clients = sending.client_factory(IssuerBook(data), sleep=lambda _s: None)
    request = sending.find_request(store, request_id)
    client = clients(None)
    wanted = (request.framework_id, request.competency, request.level)
    class_id = str(client.find_badge_class(*wanted)["entityId"])
    sending.mark_sent(store, request, client.config.name, class_id)  # what the dead run did
    first = client.issue(class_id, sending.assertion_body(store, request), request.idempotency_key)
    assert sending.find_request(store, request_id).status == "sent"

    (again,) = json.loads(skillmap(data, "badge", "send", "--all", "--json"))
    assert again["status"] == "issued", again["message"]
    assert again["assertion_url"] == first["openBadgeId"]
    assert server.assertions() == 1
