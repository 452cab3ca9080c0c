"""RSA signing keys: generation, PEM, their public JWK and JWKS, a private file written 0600.

RS256 with RSA 2048 is the algorithm every OB 3.0 verifier must accept (the spec's minimum for
interoperability). Keys are made by ``cryptography``; the JWK form comes from PyJWT, the same
library that signs, so what is published is exactly what verifies.
"""

import base64
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

KEY_SIZE = 2048
ALGORITHM = "RS256"

Jwk = dict[str, Any]


class KeyFileError(ValueError):
    """A key file or PEM text that cannot be read as an RSA key."""


def generate_private_key() -> str:
    """A new RSA 2048 private key as unencrypted PKCS#8 PEM (the file's 0600 mode protects it)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


@functools.lru_cache(maxsize=16)
def load_private_key(pem: str) -> rsa.RSAPrivateKey:
    """The RSA private key of a PEM, parsed once per process.

    Parsing checks the key's mathematics and takes ~100 ms, against ~0.5 ms to sign: a server
    signing each credential would spend its time re-reading the same key without this cache.
    """
    try:
        key = serialization.load_pem_private_key(pem.encode("ascii", "replace"), password=None)
    except (ValueError, TypeError) as error:
        raise KeyFileError(f"not a readable PEM key: {error}") from error
    if not isinstance(key, rsa.RSAPrivateKey):
        raise KeyFileError("not an RSA key")
    return key


@functools.lru_cache(maxsize=64)
def _public_key(pem: str) -> rsa.RSAPublicKey:
    """The RSA public key of a private or public PEM (parsed once per process)."""
    if "PRIVATE KEY" in pem:
        return load_private_key(pem).public_key()
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii", "replace"))
    except (ValueError, TypeError) as error:
        raise KeyFileError(f"not a readable PEM key: {error}") from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise KeyFileError("not an RSA key")
    return key


def public_pem(pem: str) -> str:
    """The public PEM (SubjectPublicKeyInfo) of a key, for the OB 2.0 CryptographicKey."""
    return (
        _public_key(pem)
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def public_jwk(pem: str, kid: str) -> Jwk:
    """The public JWK of a key, tagged with its ``kid`` (a URL that serves this JWK)."""
    jwk: Jwk = dict(RSAAlgorithm.to_jwk(_public_key(pem), as_dict=True))
    jwk.pop("key_ops", None)  # RFC 7517 §4.3: not together with "use"
    jwk.update({"kid": kid, "use": "sig", "alg": ALGORITHM})
    return jwk


def jwks(keys: Iterable[Jwk]) -> dict[str, list[Jwk]]:
    """A JWK Set: every published key, old ones included so earlier credentials still verify."""
    return {"keys": list(keys)}


def thumbprint(pem: str) -> str:
    """The RFC 7638 SHA-256 thumbprint of the public key: a stable, unguessable key name."""
    jwk = RSAAlgorithm.to_jwk(_public_key(pem), as_dict=True)
    canonical = json.dumps({"e": jwk["e"], "kty": "RSA", "n": jwk["n"]}, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def write_private_key(path: Path, pem: str) -> None:
    """Write a private key readable by its owner only (0600), atomically.

    The temporary file is created 0600 from the start (never a moment world-readable), synced,
    then renamed over ``path``: a crash leaves the old key or the new one, never half a key.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as stream:
            stream.write(pem)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); silently skipped where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def read_private_key(path: Path) -> str:
    """A private key file's PEM, checked to be an RSA key (clear error otherwise)."""
    try:
        pem = Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise KeyFileError(f"{path}: cannot read the key file ({error})") from error
    _public_key(pem)
    return pem
