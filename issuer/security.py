"""Secrets, tokens and ids: made random, stored hashed, compared in constant time.

Client secrets are hashed with scrypt (a leaked database must not give them away, even if
someone chose a weak one by hand); access tokens are 256-bit random values, so their SHA-256
is enough and lets every worker find a token with one indexed lookup.
"""

import base64
import hashlib
import hmac
import re
import secrets

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1


def _random_token(nbytes: int) -> str:
    """URL-safe random text that never starts with « - » or « _ ».

    Ids and secrets are pasted on command lines (``issuer add --client-id ...``), where a
    leading « - » reads as an option; redrawing the rare such token keeps the full randomness
    of the rest.
    """
    while True:
        token = secrets.token_urlsafe(nbytes)
        if token[0].isalnum():
            return token


def new_secret() -> str:
    """A client secret or bearer token: 256 random bits, URL-safe."""
    return _random_token(32)


ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def looks_like_id(value: str) -> bool:
    """Whether ``value`` can be one of our ids; anything else is not looked up at all."""
    return ID_PATTERN.fullmatch(value) is not None


def new_entity_id() -> str:
    """A public id in Badgr's style (22 URL-safe characters, about 128 random bits)."""
    return _random_token(16)


def hash_secret(secret: str) -> str:
    """``scrypt$n$r$p$salt$digest``: the only form a client secret is ever stored in."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(
        ["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)]
    )


def verify_secret(secret: str, stored: str) -> bool:
    """Whether ``secret`` matches ``stored``, in constant time; False for any malformed hash."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.urlsafe_b64decode(digest)
        actual = _scrypt(secret, base64.urlsafe_b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def token_digest(token: str) -> str:
    """The SHA-256 (hex) under which a bearer token is stored and looked up."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    data = secret.encode("utf-8", "surrogatepass")
    return hashlib.scrypt(data, salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")
