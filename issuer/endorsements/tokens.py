"""Single-use links for endorsers: who holds the link may answer, once, within 30 days.

A link carries ``<request id>.<secret>``. The secret is 32 random bytes (256 bits, from
``secrets``); only its SHA-256 digest is stored, so a copy of the database does not let
anyone answer. The request id lets the service find the row without comparing secrets in
a database index; the secret is then compared with ``hmac.compare_digest`` (constant time),
so a wrong guess learns nothing from the time it takes.

The CSRF field of the endorser's form is an HMAC of the link's digest with a server secret:
bound to that one link, it needs no cookie and no server-side session.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

LINK_LIFETIME = timedelta(days=30)
SECRET_BYTES = 32  # token_urlsafe(32): 256 random bits, well above the 128 required
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{40,64}$")


@dataclass(frozen=True)
class LinkToken:
    """A fresh link: ``value`` goes into the e-mail only; ``digest`` is what is stored."""

    value: str
    digest: str
    expires: datetime


@dataclass(frozen=True)
class ParsedLink:
    """A link as read from a URL: the request it names and the secret it carries."""

    request_id: str
    secret: str


def secret_digest(secret: str) -> str:
    """SHA-256 of the secret, hex: the only form of it that is stored."""
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def new_link_token(request_id: str, now: datetime) -> LinkToken:
    """A new single-use link for the request ``request_id``, valid 30 days from ``now``."""
    if not _ID.match(request_id):
        raise ValueError("request id must be URL-safe")
    secret = secrets.token_urlsafe(SECRET_BYTES)
    return LinkToken(f"{request_id}.{secret}", secret_digest(secret), now + LINK_LIFETIME)


def parse_link(value: str) -> ParsedLink | None:
    """Split a link token; None when it cannot be one of ours (tampered or cut)."""
    request_id, dot, secret = value.partition(".")
    if not dot or not _ID.match(request_id) or not _SECRET.match(secret):
        return None
    return ParsedLink(request_id, secret)


def secret_matches(secret: str, stored_digest: str) -> bool:
    """Constant-time check of a presented secret against the stored digest."""
    return hmac.compare_digest(secret_digest(secret), stored_digest)


def is_expired(expires: datetime, now: datetime) -> bool:
    return now >= expires


def csrf_token(server_secret: bytes, link_digest: str) -> str:
    """The hidden form field for one link: HMAC-SHA256(server secret, link digest)."""
    return hmac.new(server_secret, f"csrf:{link_digest}".encode(), hashlib.sha256).hexdigest()


def csrf_matches(server_secret: bytes, link_digest: str, presented: str) -> bool:
    """Constant-time check of the form's CSRF field (a missing field never matches)."""
    if not presented:
        return False
    return hmac.compare_digest(csrf_token(server_secret, link_digest), presented)
