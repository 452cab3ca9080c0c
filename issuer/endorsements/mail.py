"""The request e-mail to an endorser, and the two ways it leaves: SMTP or an outbox folder.

With no ``--smtp-url`` the mail is written as a ``.eml`` file (0600) into the outbox folder, so a
structure with no mail account still works: the counsellor opens the file or forwards it. With
``smtp://user:pass@host:port`` it is sent by SMTP, upgraded with STARTTLS whenever the server
offers it (``smtp+starttls://`` demands it; ``smtps://`` is TLS from the first byte).

Addresses are personal data: they are never logged, and errors name the server, not the person.
"""

import logging
import os
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit
from uuid import uuid4

from jinja2 import Environment

from issuer.endorsements.pages import date_words
from shared.i18n import Catalogue

log = logging.getLogger(__name__)
SMTP_TIMEOUT = 20.0


class MailError(Exception):
    """The mail could not leave; ``key`` is a catalogue key, ``values`` fill it."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class RequestMail:
    """What the request e-mail says. ``young_name`` is what the young person agreed to show."""

    endorser_name: str
    endorser_email: str
    young_name: str
    subject_title: str  # « Communiquer à l'oral — niveau 2 » or the experience's title
    structure: str  # the issuing structure (Mission Locale de Lens)
    link: str  # the single-use link
    expires: datetime
    reminder: bool = False


def build_request_mail(
    mail: RequestMail, t: Catalogue, env: Environment, sender: str, reply_to: str = ""
) -> EmailMessage:
    """The e-mail, plain text first and HTML as the alternative (Jinja2, autoescaped)."""
    values = {
        "endorser": mail.endorser_name,
        "young": mail.young_name,
        "subject": mail.subject_title,
        "structure": mail.structure,
        "link": mail.link,
        "date": date_words(mail.expires, t),
    }
    message = EmailMessage()
    subject_key = "mail.subject_reminder" if mail.reminder else "mail.subject"
    message["Subject"] = t(subject_key, **values)
    message["From"] = formataddr((mail.structure, sender))
    message["To"] = formataddr((mail.endorser_name, mail.endorser_email))
    if reply_to:
        message["Reply-To"] = reply_to
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["Date"] = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    context = {"t": t, "v": values, "reminder": mail.reminder}
    message.set_content(env.get_template("endorse/mail.txt").render(context))
    message.add_alternative(env.get_template("endorse/mail.html").render(context), subtype="html")
    message["Content-Language"] = t.lang  # after the body: set_content drops Content-* headers
    return message


class MailSender(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Deliver the message or raise MailError."""


class OutboxSender:
    """Writes each mail as ``<outbox>/<time>-<id>.eml``, readable by its owner only (0600)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid4().hex[:12]}.eml"
        path = self.folder / name
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(message.as_bytes())
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            raise MailError("mail.outbox_failed", path=str(self.folder), detail=str(exc)) from exc
        log.info("endorsement request mail written to the outbox (%s)", name)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    mode: str  # "starttls-if-offered" | "starttls" | "tls"


def parse_smtp_url(url: str) -> SmtpSettings:
    """``smtp://user:pass@host:port`` (and ``smtp+starttls://``, ``smtps://``) → settings."""
    parts = urlsplit(url)
    modes = {"smtp": "starttls-if-offered", "smtp+starttls": "starttls", "smtps": "tls"}
    if parts.scheme not in modes or not parts.hostname:
        raise MailError("mail.bad_url")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
    except ValueError as exc:
        raise MailError("mail.bad_url") from exc
    return SmtpSettings(
        parts.hostname,
        port,
        unquote(parts.username or ""),
        unquote(parts.password or ""),
        modes[parts.scheme],
    )


class SmtpSender:
    """Sends through an SMTP server; TLS certificates are checked (``tls_context``)."""

    def __init__(self, url: str, tls_context: ssl.SSLContext | None = None) -> None:
        self.settings = parse_smtp_url(url)
        self.tls_context = tls_context or ssl.create_default_context()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.mode == "tls":
            return smtplib.SMTP_SSL(s.host, s.port, timeout=SMTP_TIMEOUT, context=self.tls_context)
        smtp = smtplib.SMTP(s.host, s.port, timeout=SMTP_TIMEOUT)
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls(context=self.tls_context)
            smtp.ehlo()
        elif s.mode == "starttls":
            smtp.quit()
            raise MailError("mail.no_starttls", server=s.host)
        return smtp

    def send(self, message: EmailMessage) -> None:
        s = self.settings
        try:
            smtp = self._connect()
            try:
                if s.user:
                    smtp.login(s.user, s.password)
                smtp.send_message(message)
            finally:
                smtp.quit()
        except MailError:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError("mail.auth_failed", server=s.host) from exc
        except (smtplib.SMTPException, OSError) as exc:
            # Never the exception text: a refused recipient's message quotes the address.
            raise MailError("mail.smtp_failed", server=f"{s.host}:{s.port}") from exc
        log.info("endorsement request mail sent by SMTP through %s", s.host)


def mail_sender(smtp_url: str | None, outbox: Path) -> MailSender:
    """SMTP when a URL is configured, else the outbox folder (the default)."""
    return SmtpSender(smtp_url) if smtp_url else OutboxSender(outbox)
