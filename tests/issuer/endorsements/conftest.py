"""A real issuer (``diva-issuer serve`` on 127.0.0.1) wired to a real SMTP server (aiosmtpd),
with one issued badge, for the endorsement tests."""

import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.issuer.endorsements.smtp_server import Inbox, start_server
from tests.issuer.service.conftest import (  # noqa: F401 - backend, postgres: fixtures
    CLI,
    ROOT,
    Backend,
    IssuerServer,
    _env,
    backend,
    free_port,
    make_server,
    postgres,
)

LINK = re.compile(r"https?://\S+/endorse/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


class MailingServer(IssuerServer):
    """The issuer started with ``--smtp-url`` pointing at the test's SMTP server."""

    smtp_url: str = ""

    def start(self) -> None:
        self.port = free_port()
        log = self.data_dir.parent / f"server-{len(self.logs)}.log"
        self.logs.append(log)
        command = [
            *CLI, "serve", "--host", "127.0.0.1", "--port", str(self.port),
            "--public-url", self.base, "--smtp-url", self.smtp_url, *self.db_args(),
        ]  # fmt: skip
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=_env(), stdout=out, stderr=subprocess.STDOUT
            )
        self._wait_ready()

    def sql(self, statement: str, **values: object) -> list[tuple]:
        """Read or change the database directly (expiry tests, stored-nothing checks)."""
        url = self.database_url or f"sqlite:///{self.data_dir / 'issuer.db'}"
        engine = create_engine(url)
        try:
            with engine.begin() as connection:
                result = connection.execute(text(statement), values)
                return [tuple(r) for r in result] if result.returns_rows else []
        finally:
            engine.dispose()


@dataclass
class World:
    server: MailingServer
    inbox: Inbox
    headers: dict[str, str]
    assertion: dict

    def ask(self, key: str | None = None, **body: object) -> requests.Response:
        payload: dict = {
            "subject": {"type": "assertion", "entityId": self.assertion["entityId"]},
            "endorser": {
                "name": "Claire Martin",
                "role": "Tutrice de stage",
                "organisation": "Boulangerie Martin",
                "email": "claire.martin@boulangerie.example",
            },
            "recipientName": "Inès",
            "ownWords": "J'ai tenu la caisse seule le samedi et j'ai expliqué les prix.",
            "consent": True,
        }
        payload.update(body)
        headers = dict(self.headers)
        if key:
            headers["Idempotency-Key"] = key
        return requests.post(
            f"{self.server.base}/v2/endorsements", json=payload, headers=headers, timeout=60
        )

    def next_mail(self) -> EmailMessage:
        """The mail that arrives after the one already read (waits on the server's event)."""
        message = self.inbox.wait(30)
        self.inbox.arrived.clear()
        return message

    def link_in(self, message: EmailMessage) -> str:
        body = message.get_body(("plain",))
        assert body is not None, "no plain text in the mail"
        found = LINK.search(body.get_content())
        assert found, "no link in the mail"
        return found.group(0)


@contextmanager
def running_world(
    folder: Path, database_url: str | None, competency: str, email: str
) -> Iterator[World]:
    """An issuer in ``folder`` (SQLite when ``database_url`` is None) mailing through a real
    SMTP server, with one badge of ``competency`` (level 2) issued to ``email``; both stopped
    on leaving. The endorsement tests' world, and the skill map app's."""
    inbox = Inbox()
    smtp = start_server(inbox)
    made = make_server(folder, database_url)
    server = MailingServer(**{k: getattr(made, k) for k in (
        "data_dir", "database_url", "issuer_id", "client_id", "client_secret")})  # fmt: skip
    server.smtp_url = f"smtp://127.0.0.1:{smtp.port}"
    server.start()
    try:
        headers = server.auth()
        badge = server.badge_class(headers, competency, 2)
        issued = server.issue(headers, badge["entityId"], email=email)
        assert issued.status_code == 201, issued.text
        yield World(server, inbox, headers, issued.json()["result"][0])
    finally:
        server.stop()
        smtp.stop()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[World]:  # noqa: F811
    """Per test module, on SQLite and on PostgreSQL (the service's ``backend`` fixture)."""
    folder = tmp_path_factory.mktemp("endorse")
    with running_world(folder, backend.new_database_url(), "oral", "ines@example.org") as world:
        yield world


def screenshots_dir(tmp_path: Path) -> Path:
    """Screenshots go under tmp_path, or DIVA_SCREENSHOTS when a person wants to look."""
    folder = Path(os.environ.get("DIVA_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
