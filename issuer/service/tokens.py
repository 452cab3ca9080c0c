"""OAuth2 client credentials: a client trades its id and secret for an expiring bearer token.

Tokens live in the database (as hashes), so any worker can check a token another issued.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from issuer.db.models import AccessToken, ApiClient
from issuer.security import looks_like_id, new_secret, same_digest, token_digest, verify_secret
from issuer.service.clock import now

TOKEN_LIFETIME = timedelta(hours=1)
SCOPE = "rw:issuer"
# A fixed hash to check against when the client id is unknown, so both cases take as long.
_DUMMY_HASH = (
    "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
)


class InvalidClient(Exception):
    """Unknown client, wrong secret or revoked client (never said which)."""


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int


def issue_token(session: Session, client_id: str, client_secret: str) -> IssuedToken:
    client = (
        session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
        if looks_like_id(client_id)
        else None
    )
    stored = client.secret_hash if client is not None else _DUMMY_HASH
    valid = verify_secret(client_secret, stored)
    if client is None or not valid or client.revoked_at is not None:
        raise InvalidClient()
    token = new_secret()
    moment = now()
    session.execute(delete(AccessToken).where(AccessToken.expires_at < moment))
    session.add(
        AccessToken(
            token_hash=token_digest(token), client_pk=client.id, expires_at=moment + TOKEN_LIFETIME
        )
    )
    session.flush()
    return IssuedToken(token, int(TOKEN_LIFETIME.total_seconds()))


# Built once (every /v2 request runs it): SQLAlchemy reuses its compiled form and cache key.
_TOKEN_READ = select(AccessToken).where(AccessToken.token_hash == bindparam("digest"))


def client_for_token(session: Session, token: str) -> ApiClient | None:
    """The live client behind a bearer token, or None (unknown, expired, revoked client)."""
    digest = token_digest(token)
    row = session.scalar(_TOKEN_READ, {"digest": digest})
    if row is None or not same_digest(row.token_hash, digest):
        return None
    if row.expires_at <= now() or row.client.revoked_at is not None:
        return None
    return row.client
