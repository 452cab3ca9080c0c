"""Single-use endorsement links: random, stored hashed, expiring, compared in constant time."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from issuer.endorsements import tokens

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


def test_a_link_carries_at_least_128_random_bits_and_only_its_digest_is_stored() -> None:
    link = tokens.new_link_token("req42", NOW)
    parsed = tokens.parse_link(link.value)
    assert parsed is not None and parsed.request_id == "req42"
    assert len(parsed.secret) >= 43  # 32 bytes in URL-safe base64: 256 bits
    assert link.digest == hashlib.sha256(parsed.secret.encode()).hexdigest()
    assert parsed.secret not in link.digest
    assert tokens.secret_matches(parsed.secret, link.digest)


def test_two_links_never_share_a_secret() -> None:
    secrets = {tokens.new_link_token("r", NOW).digest for _ in range(200)}
    assert len(secrets) == 200


def test_a_link_expires_after_30_days() -> None:
    link = tokens.new_link_token("r", NOW)
    assert link.expires == NOW + timedelta(days=30)
    assert not tokens.is_expired(link.expires, NOW + timedelta(days=29, hours=23))
    assert tokens.is_expired(link.expires, NOW + timedelta(days=30))


@pytest.mark.parametrize(
    "value",
    ["", "req42", "req42.", ".abc", "req42.short", "re q." + "A" * 43,
     "req42." + "A" * 43 + "<script>", "r/../x." + "A" * 43],
)  # fmt: skip
def test_a_cut_or_forged_link_is_not_parsed(value: str) -> None:
    assert tokens.parse_link(value) is None


def test_a_tampered_secret_does_not_match() -> None:
    link = tokens.new_link_token("r", NOW)
    parsed = tokens.parse_link(link.value)
    assert parsed is not None
    flipped = ("B" if parsed.secret[0] == "A" else "A") + parsed.secret[1:]
    assert not tokens.secret_matches(flipped, link.digest)


def test_the_csrf_field_is_bound_to_one_link_and_one_server_secret() -> None:
    server = b"s" * 32
    first, second = tokens.new_link_token("a", NOW), tokens.new_link_token("b", NOW)
    field = tokens.csrf_token(server, first.digest)
    assert tokens.csrf_matches(server, first.digest, field)
    assert not tokens.csrf_matches(server, second.digest, field)
    assert not tokens.csrf_matches(b"t" * 32, first.digest, field)
    assert not tokens.csrf_matches(server, first.digest, "")
