"""Recipient e-mails: normalised, salted, hashed; the address itself is never stored."""

import hashlib
import secrets


def normalise_email(email: str) -> str:
    """Same address, same hash: no surrounding spaces, lower case."""
    return email.strip().lower()


def hash_email(email: str, salt: str) -> str:
    """OB 2.0's ``sha256$`` + hex(sha256(normalised e-mail + salt))."""
    digest = hashlib.sha256((normalise_email(email) + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def new_salt() -> str:
    return secrets.token_hex(16)
