"""« Vérifier un badge »: uploaded files checked against a real issuer web site on loopback."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from issuer.openbadges import baking, keys, ob3
from issuer.openbadges.verify import (
    Fetched,
    FetchError,
    Reason,
    Verdict,
    explain,
    http_fetch,
    public_fetch,
    verify_baked,
)
from tests.issuer.openbadges_samples import (
    EMAIL,
    BadgeSite,
    issuer_key,
    plain_png,
    publish,
    running_site,
)

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10"/></svg>'


@pytest.fixture
def site() -> Iterator[BadgeSite]:
    yield from running_site()


def check(file_bytes: bytes, email: str = EMAIL) -> Verdict:
    return verify_baked(file_bytes, http_fetch, email)


class TestHostedAssertion:
    def test_baked_png_of_its_recipient_is_valid(self, site: BadgeSite) -> None:
        published = publish(site)
        verdict = check(baking.bake_png(plain_png(), published.assertion_json))
        assert verdict.valid, (verdict.reasons, verdict.detail)
        assert verdict.kind == "ob2" and verdict.recipient_checked
        assert verdict.assertion_url == published.url
        assert verdict.badge_name == "Communiquer à l’oral — niveau 2"
        assert verdict.issuer_name == "Mission Locale de Lens"
        assert {"/assertions/a-0001", "/badgeclasses/communiquer-2"} <= set(site.requests)

    def test_baked_svg_and_a_bare_url_are_valid(self, site: BadgeSite) -> None:
        published = publish(site)
        svg = baking.bake_svg(SVG, published.assertion_json, published.url)
        assert check(svg.encode()).valid
        assert check(baking.bake_png(plain_png(), published.url)).valid
        assert check(published.assertion_json.encode()).valid

    def test_without_email_the_recipient_is_not_claimed(self, site: BadgeSite) -> None:
        verdict = check(publish(site).assertion_json.encode(), email="")
        assert verdict.valid and not verdict.recipient_checked

    def test_another_recipient(self, site: BadgeSite) -> None:
        verdict = check(publish(site).assertion_json.encode(), "leo.martin@exemple.fr")
        assert verdict.reasons == [Reason.RECIPIENT_MISMATCH]

    def test_revoked(self, site: BadgeSite) -> None:
        published = publish(site)
        baked = baking.bake_png(plain_png(), published.assertion_json)
        publish(site, revoked=True, revocation_reason="Délivré par erreur")
        verdict = check(baked)
        assert verdict.reasons == [Reason.REVOKED]
        assert verdict.revocation_reason == "Délivré par erreur"

    def test_altered_copy_is_not_the_hosted_one(self, site: BadgeSite) -> None:
        document = json.loads(publish(site).assertion_json)
        document["badge"] = document["badge"].replace("communiquer-2", "communiquer-4")
        verdict = check(baking.bake_png(plain_png(), json.dumps(document)))
        assert verdict.reasons == [Reason.NOT_HOSTED]

    def test_expired(self, site: BadgeSite) -> None:
        published = publish(site, expires=datetime.now(UTC) - timedelta(hours=1))
        assert check(published.assertion_json.encode()).reasons == [Reason.EXPIRED]

    def test_issuer_on_another_origin(self, site: BadgeSite) -> None:
        published = publish(site, issuer_base=site.base.replace("127.0.0.1", "localhost"))
        assert check(published.assertion_json.encode()).reasons == [Reason.WRONG_ORIGIN]

    def test_issuer_down(self, site: BadgeSite) -> None:
        baked = baking.bake_png(plain_png(), publish(site).assertion_json)
        site.server.shutdown()
        site.server.server_close()
        verdict = check(baked)
        assert verdict.reasons == [Reason.UNREACHABLE]
        assert "ne répond pas" in explain(verdict.reasons[0])


class TestCredentialJwt:
    def test_credential_file_of_its_recipient_is_valid(self, site: BadgeSite) -> None:
        published = publish(site)
        verdict = check(published.credential_jwt.encode())
        assert verdict.valid, (verdict.reasons, verdict.detail)
        assert verdict.kind == "ob3" and verdict.recipient_checked
        assert verdict.assertion_url == published.url
        assert verdict.issuer_name == "Mission Locale de Lens"
        assert "/keys/k1" in site.requests and "/issuers/ml-lens/revocations" in site.requests

    def test_credential_baked_in_a_png(self, site: BadgeSite) -> None:
        token = publish(site).credential_jwt
        baked = baking.bake_png(plain_png(), token)
        assert check(baked).valid
        assert baking.unbake_png(baked) == token

    def test_revoked_in_the_revocation_list(self, site: BadgeSite) -> None:
        pem = keys.generate_private_key()
        token = publish(site, private_pem=pem).credential_jwt
        publish(site, private_pem=pem, revoked=True, revocation_reason="Doublon")
        verdict = check(token.encode())
        assert verdict.reasons == [Reason.REVOKED] and verdict.revocation_reason == "Doublon"

    def test_another_recipient(self, site: BadgeSite) -> None:
        verdict = check(publish(site).credential_jwt.encode(), "leo.martin@exemple.fr")
        assert verdict.reasons == [Reason.RECIPIENT_MISMATCH]

    def test_signed_by_another_key(self, site: BadgeSite) -> None:
        published = publish(site)
        forged = ob3.sign_credential(
            ob3.credential(published.assertion),
            keys.generate_private_key(),
            published.assertion.badge.issuer.public_key_urls[0],
        )
        assert check(forged.encode()).reasons == [Reason.BAD_SIGNATURE]

    def test_key_on_another_origin(self, site: BadgeSite) -> None:
        published = publish(site)
        other_kid = published.assertion.badge.issuer.public_key_urls[0].replace(
            "127.0.0.1", "localhost"
        )
        token = ob3.sign_credential(
            ob3.credential(published.assertion), published.private_pem, other_kid
        )
        assert check(token.encode()).reasons == [Reason.FOREIGN_KEY]

    def test_expired(self, site: BadgeSite) -> None:
        published = publish(site, expires=datetime.now(UTC) - timedelta(days=2))
        assert check(published.credential_jwt.encode()).reasons == [Reason.EXPIRED]

    def test_revocation_list_unreachable(self, site: BadgeSite) -> None:
        published = publish(site)
        del site.pages["/issuers/ml-lens/revocations"]
        verdict = check(published.credential_jwt.encode())
        assert verdict.reasons == [Reason.STATUS_UNAVAILABLE]


class TestBadFiles:
    @pytest.mark.parametrize(
        ("content", "reason"),
        [
            (plain_png(), Reason.NOT_A_BADGE),
            (SVG.encode(), Reason.NOT_A_BADGE),
            (b"", Reason.NOT_A_BADGE),
            (b"\x89PNG\r\n\x1a\nbroken", Reason.BROKEN_FILE),
            (b"\xff\xd8\xff\xe0 a JPEG", Reason.BROKEN_FILE),
            (b"<svg", Reason.BROKEN_FILE),
            (b'{"hello": "world"}', Reason.NOT_A_BADGE),
            (b"aaa.bbb.ccc", Reason.MALFORMED),
            (b'{"id": "file:///etc/passwd"}', Reason.UNREACHABLE),
        ],
    )
    def test_refused_with_a_reason(self, content: bytes, reason: Reason) -> None:
        verdict = verify_baked(content, http_fetch, EMAIL)
        assert verdict.reasons == [reason]
        assert not verdict.valid

    def test_public_fetch_refuses_the_servers_own_networks(self, site: BadgeSite) -> None:
        published = publish(site)
        assert check(published.assertion_json.encode()).valid  # reachable with http_fetch
        for url in (
            published.url,
            published.url.replace("127.0.0.1", "localhost"),
            "http://10.1.2.3/assertions/1",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/x",
        ):
            with pytest.raises(FetchError):
                public_fetch(url)
        verdict = verify_baked(published.assertion_json.encode(), public_fetch, EMAIL)
        assert verdict.reasons == [Reason.UNREACHABLE]
        assert site.requests.count("/assertions/a-0001") == 1  # only the http_fetch check

    def test_every_reason_is_explained_in_french_and_english(self) -> None:
        for reason in Reason:
            french, english = explain(reason), explain(reason, "en")
            assert not french.startswith("verify.") and not english.startswith("verify.")
            assert french != english


def offline(url: str) -> Fetched:
    raise FetchError(f"offline: {url}")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = st.sampled_from(
    ["id", "type", "verification", "recipient", "badge", "issuer", "credentialSubject",
     "credentialStatus", "issuedOn", "expires", "revoked"]
)  # fmt: skip


class TestHostileInput:
    """Whatever is uploaded, a verdict comes back: never an exception."""

    @settings(max_examples=80, deadline=None)
    @given(st.binary(max_size=300))
    def test_any_bytes(self, content: bytes) -> None:
        assert not verify_baked(content, offline, EMAIL).valid

    @settings(max_examples=80, deadline=None)
    @given(st.dictionaries(KEYS, JSON_VALUES, max_size=6), st.sampled_from(["", "http://h/a"]))
    def test_any_json_document(self, document: dict, default_id: str) -> None:
        if default_id:
            document.setdefault("id", default_id)
        text = json.dumps(document).encode()
        assert not verify_baked(text, offline, EMAIL).valid

    @settings(max_examples=80, deadline=None)
    @given(st.dictionaries(KEYS, JSON_VALUES, max_size=6), JSON_VALUES)
    def test_any_hosted_answer(self, hosted: dict, badge: object) -> None:
        """A hostile issuer site: whatever its assertion and badge URLs answer."""
        hosted.setdefault("id", "http://h/a")
        pages = {"http://h/a": hosted, "http://h/b": badge}

        def fetch(url: str) -> Fetched:
            if url not in pages:
                raise FetchError(url)
            return Fetched(200, json.dumps(pages[url]).encode())

        verdict = verify_baked(b"http://h/a", fetch, EMAIL)
        assert isinstance(verdict, Verdict)

    @settings(max_examples=50, deadline=None)
    @given(st.dictionaries(KEYS, JSON_VALUES, max_size=6))
    def test_any_signed_payload(self, claims: dict) -> None:
        """A well-signed JWT whose payload is anything at all."""
        pem = issuer_key()
        claims.setdefault("credentialSubject", {"identifier": claims.pop("recipient", None)})
        claims.update({"iss": "http://h/i", "jti": "http://h/a", "nbf": 1, "id": "http://h/a"})
        claims.update({"issuer": {"id": "http://h/i"}, "validFrom": "1970-01-01T00:00:01Z"})
        token = jwt.encode(claims, pem, algorithm="RS256", headers={"kid": "http://h/k"})

        def fetch(url: str) -> Fetched:
            if url != "http://h/k":
                raise FetchError(url)
            return Fetched(200, json.dumps(keys.public_jwk(pem, url)).encode())

        assert not verify_baked(token.encode(), fetch, EMAIL).valid
