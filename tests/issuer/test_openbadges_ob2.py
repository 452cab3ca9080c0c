"""OB 2.0 hosted documents: the recipient hash, no e-mail in clear, and the 1EdTech validator.

The validator (PyPI ``openbadges`` 1.1.2, in its own venv) fetches the documents over real HTTP
from a loopback server that serves exactly what ``issuer.openbadges.ob2`` builds.
"""

import hashlib
import json
from collections.abc import Iterator

import pytest

from issuer.openbadges import ob2
from issuer.openbadges.model import Revocation
from tests.issuer.ob2_validator import Ob2Validator, open_validator
from tests.issuer.openbadges_samples import (
    EMAIL,
    ISSUED_ON,
    BadgeSite,
    publish,
    running_site,
    sample_assertion,
    sample_badge,
    sample_issuer,
)


@pytest.fixture(scope="session")
def ob2_validator() -> Ob2Validator:
    return open_validator()


@pytest.fixture
def site() -> Iterator[BadgeSite]:
    yield from running_site()


class TestRecipientHash:
    def test_is_sha256_of_normalised_email_and_salt(self) -> None:
        expected = hashlib.sha256(b"lea.martin@exemple.frs4lt").hexdigest()
        assert ob2.hash_email("Lea.Martin@Exemple.fr", "s4lt") == f"sha256${expected}"

    @pytest.mark.parametrize(
        "typed",
        [
            "lea.martin@exemple.fr",
            " Lea.Martin@Exemple.FR ",
            "LEA.MARTIN@EXEMPLE.FR\n",
            "\tlea.martin@exemple.fr",
        ],
    )
    def test_every_spelling_of_one_address_gives_one_hash(self, typed: str) -> None:
        assert ob2.normalise_email(typed) == "lea.martin@exemple.fr"
        assert ob2.hash_email(typed, "x") == ob2.hash_email("lea.martin@exemple.fr", "x")
        assert ob2.recipient_matches(typed, ob2.hash_email(EMAIL, "x"), "x")

    def test_another_address_or_salt_gives_another_hash(self) -> None:
        assert ob2.hash_email("lea.martin@exemple.fr", "a") != ob2.hash_email(
            "lea.martin@exemple.fr", "b"
        )
        assert not ob2.recipient_matches("leo.martin@exemple.fr", ob2.hash_email(EMAIL, "a"), "a")

    def test_fresh_salts_differ(self) -> None:
        assert len({ob2.new_salt() for _ in range(20)}) == 20


class TestDocuments:
    BASE = "https://badges.example.fr"

    def test_assertion_is_hosted_and_hashed(self) -> None:
        document = ob2.assertion_document(sample_assertion(self.BASE))
        assert document["@context"] == "https://w3id.org/openbadges/v2"
        assert document["verification"] == {"type": "hosted"}
        assert document["recipient"]["hashed"] is True
        assert document["recipient"]["identity"].startswith("sha256$")
        assert document["issuedOn"] == ISSUED_ON.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert document["badge"] == f"{self.BASE}/badgeclasses/communiquer-2"

    def test_badgeclass_aligns_to_its_competency(self) -> None:
        document = ob2.badgeclass_document(sample_badge(self.BASE))
        [alignment] = document["alignment"]
        assert alignment["targetCode"] == "communiquer"
        assert alignment["targetFramework"].startswith("DIVA")
        assert alignment["targetUrl"].endswith("/communiquer")
        assert alignment["targetName"] == "Communiquer à l’oral"
        assert document["criteria"]["narrative"].startswith("Explique")

    def test_revoked_assertion_says_only_that(self) -> None:
        assertion = sample_assertion(self.BASE, revoked=True, revocation_reason="Erreur de saisie")
        assert ob2.assertion_document(assertion) == {
            "@context": "https://w3id.org/openbadges/v2",
            "id": assertion.id_url,
            "revoked": True,
            "revocationReason": "Erreur de saisie",
        }

    def test_revocation_list_names_revoked_assertions(self) -> None:
        issuer = sample_issuer(self.BASE)
        document = ob2.revocation_list_document(issuer, [Revocation("https://x/a/1", "doublon")])
        assert document["type"] == "RevocationList"
        assert document["revokedAssertions"] == [
            {"id": "https://x/a/1", "revocationReason": "doublon"}
        ]

    def test_no_email_in_clear_in_any_document(self) -> None:
        assertion = sample_assertion(self.BASE)
        issuer = assertion.badge.issuer
        documents = [
            ob2.assertion_document(assertion),
            ob2.badgeclass_document(assertion.badge),
            ob2.issuer_document(issuer),
            ob2.revocation_list_document(issuer, [Revocation(assertion.id_url, "x")]),
        ]
        text = json.dumps(documents, ensure_ascii=False).lower()
        assert EMAIL.lower() not in text
        assert "lea.martin" not in text
        # The only address is the structure's own public contact.
        assert text.count("@") == text.count("contact@mission-locale-lens.example.fr") + text.count(
            '"@context'
        )


class TestIndependentValidator:
    """The 1EdTech validator core fetches the hosted documents over real HTTP."""

    def test_hosted_assertion_validates_for_its_recipient(
        self, site: BadgeSite, ob2_validator: Ob2Validator
    ) -> None:
        url = publish(site).url
        report = ob2_validator(url, ob2.normalise_email(EMAIL))
        assert report.valid, report.errors()
        assertion = report.node("Assertion")
        assert assertion is not None and assertion["id"] == url
        assert report.messages == [], report.errors()
        # The validator compacts every document with the OB 2.0 context: a term it does not
        # define would be dropped here, so these prove the documents use the spec's terms.
        assert assertion["recipient"]["identity"].startswith("sha256$")
        assert assertion["verification"]["type"] in ("hosted", "HostedBadge")
        badge = report.node("BadgeClass")
        assert badge is not None
        alignments = (
            badge["alignment"] if isinstance(badge["alignment"], list) else [badge["alignment"]]
        )
        assert {a["targetCode"] for a in alignments} == {"communiquer"}
        assert set(alignments[0]) >= {"targetName", "targetUrl", "targetFramework", "targetCode"}
        assert badge["criteria"]["narrative"].startswith("Explique")
        issuer = report.node("Issuer")
        assert issuer is not None and set(issuer) >= {"name", "url", "email", "revocationList"}
        assert {"/issuers/ml-lens", "/badgeclasses/communiquer-2", "/assertions/a-0001"} <= set(
            site.requests
        )

    def test_another_recipient_is_refused(
        self, site: BadgeSite, ob2_validator: Ob2Validator
    ) -> None:
        report = ob2_validator(publish(site).url, "leo.martin@exemple.fr")
        assert not report.valid
        assert any("recipient" in str(m.get("result", "")).lower() for m in report.messages), (
            report.errors()
        )

    def test_revoked_assertion_is_refused(
        self, site: BadgeSite, ob2_validator: Ob2Validator
    ) -> None:
        # 410 with the spec's revoked stub: validator 1.1.2 cannot read a node without a type
        # and reports an error, so the badge does not verify (which is what matters).
        url = publish(site, revoked=True, revocation_reason="Délivré par erreur").url
        report = ob2_validator(url, ob2.normalise_email(EMAIL))
        assert not report.valid
        assert report.node("Assertion") is None

    def test_assertion_on_another_origin_than_its_issuer_is_refused(
        self, site: BadgeSite, ob2_validator: Ob2Validator
    ) -> None:
        url = publish(site, issuer_base=site.base.replace("127.0.0.1", "localhost")).url
        report = ob2_validator(url, ob2.normalise_email(EMAIL))
        assert not report.valid, (
            "the validator must refuse a hosted assertion off its issuer's origin"
        )
        assert any("origin" in str(m.get("result", "")).lower() for m in report.messages), (
            report.errors()
        )
