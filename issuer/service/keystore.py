"""Signing keys: the private PEM in a 0600 file of the data folder, the public one in the DB.

Files rather than database rows for the private half: a database dump or a replica never
carries the keys, and a backup of the data folder does (docs/issuer.md says so).
"""

import os
import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from issuer.db.models import IssuerProfile, SigningKey
from issuer.openbadges import keys
from issuer.service.clock import now
from issuer.settings import Settings


class KeyMissing(Exception):
    """A private key file named in the database is not in the data folder."""


def create_key(session: Session, settings: Settings, profile: IssuerProfile) -> SigningKey:
    """A new active RSA key for ``profile``; earlier keys stay published but stop signing."""
    private = keys.generate_private_key()
    kid = f"k{secrets.token_hex(12)}"  # starts with a letter: a file name safe in any shell
    write_private_file(settings.keys_dir / f"{kid}.pem", private)
    for key in session.scalars(select(SigningKey).where(SigningKey.issuer_id == profile.id)):
        if key.active:
            key.active = False
            key.retired_at = now()
    key = SigningKey(
        kid=kid,
        issuer_id=profile.id,
        public_pem=keys.public_pem(private),
        active=True,
        created_at=now(),
    )
    session.add(key)
    session.flush()
    return key


# Private PEMs read by this process, by file. A key file is written once under a new random
# kid and never rewritten (``key rotate`` makes another kid, which the database names), so a
# file read once stays right: every credential signed saves a file read.
_READ_PEMS: dict[Path, str] = {}


def private_pem(settings: Settings, kid: str) -> str:
    path = settings.keys_dir / f"{kid}.pem"
    pem = _READ_PEMS.get(path)
    if pem is None:
        try:
            pem = keys.read_private_key(path)
        except keys.KeyFileError as exc:
            raise KeyMissing(f"private key file missing or unreadable: {path}") from exc
        _READ_PEMS[path] = pem
    return pem


def write_private_file(path: Path, text: str) -> None:
    """The key file 0600 (written atomically), in a folder only its owner can enter."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    keys.write_private_key(path, text)
