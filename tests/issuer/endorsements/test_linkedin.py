"""LinkedIn's add-to-profile URL carries the certification's fields."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

from issuer.sharing.linkedin import Certification, add_to_profile_url


def test_the_url_opens_linkedins_certification_form_prefilled() -> None:
    cert = Certification(
        name="Communiquer à l'oral — niveau 2 & plus",
        organisation="Mission Locale de Lens",
        issued=datetime(2026, 3, 9, tzinfo=UTC),
        url="https://badges.example.fr/assertions/abc123",
        cert_id="abc123",
    )
    parts = urlsplit(add_to_profile_url(cert))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    fields = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
    assert fields == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Communiquer à l'oral — niveau 2 & plus",
        "organizationName": "Mission Locale de Lens",
        "issueYear": "2026",
        "issueMonth": "3",
        "certUrl": "https://badges.example.fr/assertions/abc123",
        "certId": "abc123",
    }


def test_an_expiring_badge_carries_its_expiry_and_a_known_organisation_its_id() -> None:
    cert = Certification(
        name="B",
        organisation="ML",
        issued=datetime(2026, 1, 1, tzinfo=UTC),
        url="https://x/a",
        cert_id="a",
        expires=datetime(2028, 12, 31, tzinfo=UTC),
        organisation_id="1234",
    )
    fields = parse_qs(urlsplit(add_to_profile_url(cert)).query)
    assert fields["expirationYear"] == ["2028"] and fields["expirationMonth"] == ["12"]
    assert fields["organizationId"] == ["1234"] and "organizationName" not in fields
