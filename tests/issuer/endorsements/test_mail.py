"""The request e-mail reaches a real SMTP server (aiosmtpd on loopback), or the outbox folder."""

import logging
import ssl
import stat
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from issuer.endorsements import pages
from issuer.endorsements.mail import (
    MailError,
    OutboxSender,
    RequestMail,
    SmtpSender,
    build_request_mail,
    mail_sender,
)

from .smtp_server import Credentials, Inbox, free_port, self_signed, start_server

LINK = "https://badges.example.fr/endorse/req1.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"
ENDORSER = "claire.martin@boulangerie.example"


def _mail(reminder: bool = False) -> RequestMail:
    return RequestMail(
        endorser_name="Claire Martin",
        endorser_email=ENDORSER,
        young_name="Inès",
        subject_title="Communiquer à l'oral — niveau 2 <script>",
        structure="Mission Locale de Lens",
        link=LINK,
        expires=datetime(2027, 1, 5, tzinfo=UTC),
        reminder=reminder,
    )


def _message(reminder: bool = False):
    return build_request_mail(
        _mail(reminder), pages.catalogue("fr"), pages.environment(), "noreply@badges.example.fr"
    )


def test_the_mail_is_french_first_plain_text_and_html_with_the_link() -> None:
    message = _message()
    assert message["Subject"] == "Inès vous demande de confirmer une compétence"
    assert message["Content-Language"] == "fr"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Bonjour Claire Martin," in plain and LINK in plain and "5 janvier 2027" in plain
    assert "« Communiquer à l'oral — niveau 2 <script> »" in plain
    assert f'href="{LINK}"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_reminder_says_so() -> None:
    assert _message(reminder=True)["Subject"].startswith("Rappel : ")


def test_the_mail_reaches_a_real_smtp_server_with_login(caplog: pytest.LogCaptureFixture) -> None:
    inbox = Inbox()
    server = start_server(inbox, Credentials("diva", "s3cr:et"))
    try:
        caplog.set_level(logging.DEBUG, logger="issuer")
        url = f"smtp://diva:s3cr%3Aet@127.0.0.1:{server.port}"
        mail_sender(url, Path("/nonexistent")).send(_message())
        received = inbox.wait()
    finally:
        server.stop()
    assert inbox.recipients == [[ENDORSER]]
    assert received["Subject"] == "Inès vous demande de confirmer une compétence"
    body = received.get_body(("plain",))
    assert body is not None and LINK in body.get_content()
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("issuer")]
    assert ours, "the sender logs that a mail left"
    assert not [line for line in ours if ENDORSER in line or "s3cr" in line]


def test_starttls_is_used_when_the_server_offers_it(tmp_path: Path) -> None:
    inbox = Inbox()
    cert, key = self_signed(tmp_path)
    server = start_server(inbox, Credentials("diva", "pw"), tls=(cert, key))
    try:
        trust = ssl.create_default_context(cafile=str(cert))
        sender = SmtpSender(f"smtp+starttls://diva:pw@127.0.0.1:{server.port}", tls_context=trust)
        sender.send(_message())  # the server requires STARTTLS before AUTH and DATA
        inbox.wait()
    finally:
        server.stop()
    assert inbox.recipients == [[ENDORSER]]


def test_starttls_demanded_but_not_offered_sends_nothing() -> None:
    inbox = Inbox()
    server = start_server(inbox)
    try:
        with pytest.raises(MailError) as refused:
            SmtpSender(f"smtp+starttls://127.0.0.1:{server.port}").send(_message())
    finally:
        server.stop()
    assert refused.value.key == "mail.no_starttls" and inbox.messages == []


def test_wrong_password_and_server_down_are_clear_errors_without_the_address() -> None:
    inbox = Inbox()
    server = start_server(inbox, Credentials("diva", "right"))
    try:
        with pytest.raises(MailError) as refused:
            SmtpSender(f"smtp://diva:wrong@127.0.0.1:{server.port}").send(_message())
    finally:
        server.stop()
    assert refused.value.key == "mail.auth_failed"
    with pytest.raises(MailError) as down:
        SmtpSender(f"smtp://127.0.0.1:{free_port()}").send(_message())
    assert down.value.key == "mail.smtp_failed"
    text = pages.catalogue("fr")(down.value.key, **down.value.values)
    assert "127.0.0.1" in text and ENDORSER not in text


@pytest.mark.parametrize("url", ["http://x", "smtp://", "smtp://host:notaport", "ftp://a@b"])
def test_a_bad_smtp_url_is_refused(url: str) -> None:
    with pytest.raises(MailError) as refused:
        SmtpSender(url)
    assert refused.value.key == "mail.bad_url"


def test_without_smtp_the_mail_is_an_eml_file_readable_by_its_owner_only(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    sender = mail_sender(None, outbox)
    assert isinstance(sender, OutboxSender)
    sender.send(_message())
    sender.send(_message(reminder=True))
    files = sorted(outbox.glob("*.eml"))
    assert len(files) == 2
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["To"] == f"Claire Martin <{ENDORSER}>"


def test_an_unwritable_outbox_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(MailError) as refused:
        OutboxSender(blocker / "outbox").send(_message())
    assert refused.value.key == "mail.outbox_failed"
