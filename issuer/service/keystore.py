"""Signing keys: the private PEM in a 0600 file of the data folder, the public one in the DB.

Files rather than database rows for the private half: a database dump or a replica never
carries the keys, and a backup of the data folder does (docs/issuer.md says so).
"""

import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select
from sqlalchemy.orm import Session

from issuer.db.models import IssuerProfile, SigningKey
from issuer.service.clock import now
from issuer.settings import Settings

RSA_BITS = 2048


class KeyMissing(Exception):
    """A private key file named in the database is not in the data folder."""


def create_key(session: Session, settings: Settings, profile: IssuerProfile) -> SigningKey:
    """A new active RSA key for ``profile``; earlier keys stay published but stop signing."""
    private_pem = _new_private_pem()
    kid = f"k{secrets.token_hex(12)}"  # starts with a letter: a file name safe in any shell
    write_private_file(settings.keys_dir / f"{kid}.pem", private_pem)
    for key in session.scalars(select(SigningKey).where(SigningKey.issuer_id == profile.id)):
        if key.active:
            key.active = False
            key.retired_at = now()
    key = SigningKey(
        kid=kid,
        issuer_id=profile.id,
        public_pem=_public_pem(private_pem),
        active=True,
        created_at=now(),
    )
    session.add(key)
    session.flush()
    return key


def active_key(session: Session, profile_id: int) -> SigningKey:
    key = session.scalar(
        select(SigningKey)
        .where(SigningKey.issuer_id == profile_id, SigningKey.active.is_(True))
        .order_by(SigningKey.id.desc())
    )
    if key is None:
        raise KeyMissing(f"no active signing key for issuer profile {profile_id}")
    return key


def private_pem(settings: Settings, kid: str) -> str:
    path = settings.keys_dir / f"{kid}.pem"
    try:
        return path.read_text(encoding="ascii")
    except OSError as exc:
        raise KeyMissing(f"private key file missing: {path}") from exc


def write_private_file(path: Path, text: str) -> None:
    """Create ``path`` readable by its owner only (0600) from the first byte on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _new_private_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def _public_pem(private_pem_text: str) -> str:
    key = serialization.load_pem_private_key(private_pem_text.encode("ascii"), password=None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )
