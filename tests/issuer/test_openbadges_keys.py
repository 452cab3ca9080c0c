"""Signing keys: RSA 2048, public forms without private parts, a 0600 file written atomically."""

import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from issuer.openbadges import keys


@pytest.fixture(scope="module")
def private_pem() -> str:
    return keys.generate_private_key()


def test_rsa_2048(private_pem: str) -> None:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    assert key.key_size == 2048  # type: ignore[union-attr]


def test_public_forms_hold_no_private_part(private_pem: str) -> None:
    public = keys.public_pem(private_pem)
    assert public.startswith("-----BEGIN PUBLIC KEY-----") and "PRIVATE" not in public
    jwk = keys.public_jwk(private_pem, "https://b.example.fr/keys/k1")
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(jwk)
    assert keys.public_jwk(public, "k") | {"kid": "x"} == jwk | {"kid": "x"}


def test_jwks_keeps_every_key(private_pem: str) -> None:
    other = keys.generate_private_key()
    key_set = keys.jwks([keys.public_jwk(private_pem, "k1"), keys.public_jwk(other, "k2")])
    assert [jwk["kid"] for jwk in key_set["keys"]] == ["k1", "k2"]


def test_thumbprint_names_the_public_key(private_pem: str) -> None:
    assert keys.thumbprint(private_pem) == keys.thumbprint(keys.public_pem(private_pem))
    assert keys.thumbprint(private_pem) != keys.thumbprint(keys.generate_private_key())
    assert len(keys.thumbprint(private_pem)) == 43  # base64url of 32 bytes


def test_private_key_file_is_0600_even_with_a_lax_umask(private_pem: str, tmp_path: Path) -> None:
    path = tmp_path / "keys" / "signing.pem"
    previous = os.umask(0)
    try:
        keys.write_private_key(path, private_pem)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keys.read_private_key(path) == private_pem


def test_rewriting_replaces_whole_and_leaves_no_temporary(private_pem: str, tmp_path: Path) -> None:
    path = tmp_path / "signing.pem"
    keys.write_private_key(path, keys.generate_private_key())
    keys.write_private_key(path, private_pem)
    assert path.read_text() == private_pem
    assert [p.name for p in tmp_path.iterdir()] == ["signing.pem"]


@pytest.mark.parametrize("content", ["", "not a key", "-----BEGIN PRIVATE KEY-----\nAAAA\n"])
def test_unreadable_key_files_are_refused_clearly(content: str, tmp_path: Path) -> None:
    path = tmp_path / "signing.pem"
    path.write_text(content)
    with pytest.raises(keys.KeyFileError):
        keys.read_private_key(path)
    with pytest.raises(keys.KeyFileError, match="cannot read"):
        keys.read_private_key(tmp_path / "missing.pem")
