"""With no mail server configured (the default), the request mail is a 0600 ``.eml`` file in
the issuer's ``outbox/`` folder, and its link works."""

import stat
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.issuer.endorsements.conftest import LINK
from tests.issuer.service.conftest import IssuerServer, make_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[IssuerServer]:
    running = make_server(tmp_path, None)
    running.start()  # `diva-issuer serve` without --smtp-url
    try:
        yield running
    finally:
        running.stop()


def test_the_request_mail_lands_in_the_outbox(server: IssuerServer) -> None:
    headers = server.auth()
    badge = server.badge_class(headers, "numerique", 1)
    assertion = server.issue(headers, badge["entityId"]).json()["result"][0]
    body: dict[str, Any] = {
        "subject": {"type": "assertion", "entityId": assertion["entityId"]},
        "endorser": {"name": "Karim", "email": "karim@example.org"},
        "recipientName": "Léa",
        "consent": True,
    }
    answer = requests.post(f"{server.base}/v2/endorsements", json=body, headers=headers, timeout=60)
    assert answer.status_code == 201, answer.text
    assert answer.json()["result"][0]["delivered"] is True
    [mail] = list((server.data_dir / "outbox").glob("*.eml"))
    assert stat.S_IMODE(mail.stat().st_mode) == 0o600
    message = message_from_bytes(mail.read_bytes(), policy=policy.default)
    assert message["To"] == "Karim <karim@example.org>"
    plain = message.get_body(("plain",))
    assert plain is not None
    found = LINK.search(plain.get_content())
    assert found is not None
    page = requests.get(found.group(0), headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and "Léa" in page.text
    assert "karim@example.org" not in server.log_text()  # never in the logs
