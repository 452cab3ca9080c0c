"""One privacy choice governs every public form of a badge, fetched from a real issuer.

For each choice (no name, a pseudonym, a first name; narrative or not) the hosted JSON-LD, the
signed OB 3.0 credential (decoded, checked against the JWKS and the official schema), the baked
PNG (its iTXt chunk) and SVG carry the chosen name and narrative, and only those; the e-mail is
never in any of them. A change of choice after issuing changes what every form says.
"""

import json
from typing import Any

import jwt
import pytest
import requests

from issuer.openbadges import ob2
from issuer.openbadges.baking import unbake_png, unbake_svg
from tests.issuer.endorsements.conftest import World
from tests.issuer.ob2_validator import Ob2Validator, open_validator
from tests.issuer.ob3_schemas import schema_errors, schema_validator

EMAIL = "yanis.privacy@example.org"
STORY = "poussins"  # a word of the narrative the test issuer gives every badge
# The Recipient Profile extension's context and schema, as openbadgespec.org publishes them
# (the 1EdTech validator fetches both; the network is not reachable from the tests).
EXTENSION_DOCUMENTS: dict[str, Any] = {
    ob2.RECIPIENT_PROFILE_CONTEXT: {
        "@context": {
            "obi": "https://w3id.org/openbadges#",
            "extensions": "https://w3id.org/openbadges/extensions#",
        },
        "obi:validation": [
            {
                "obi:validatesType": "extensions:RecipientProfile",
                "obi:validationSchema": (
                    "https://openbadgespec.org/extensions/recipientProfile/schema.json"
                ),
            }
        ],
    },
    "https://openbadgespec.org/extensions/recipientProfile/schema.json": {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    },
}


@pytest.fixture(scope="module")
def ob2_validator() -> Ob2Validator:
    return open_validator()


def _issue(world: World) -> dict[str, Any]:
    badge = world.server.badge_class(world.headers, "numerique", 2)
    issued = world.server.issue(world.headers, badge["entityId"], email=EMAIL)
    assert issued.status_code == 201, issued.text
    return dict(issued.json()["result"][0])


def _choose(world: World, entity_id: str, name: str, shown: str, narrative: bool) -> None:
    answer = requests.put(
        f"{world.server.base}/v2/assertions/{entity_id}/privacy",
        json={"name": name, "displayName": shown, "showNarrative": narrative},
        headers=world.headers,
        timeout=30,
    )
    assert answer.status_code == 200, answer.text


def _in_force(world: World, entity_id: str) -> dict[str, Any]:
    """What ``GET /v2/assertions/{id}/privacy`` says is chosen now (the skill map shows it)."""
    answer = requests.get(
        f"{world.server.base}/v2/assertions/{entity_id}/privacy", headers=world.headers, timeout=30
    )
    assert answer.status_code == 200, answer.text
    found = dict(answer.json()["result"][0])
    return {k: found[k] for k in ("name", "displayName", "showNarrative")}


def _credential(world: World, url: str) -> dict[str, Any]:
    """The VC-JWT, its signature checked with the issuer's published JWKS."""
    token = requests.get(f"{url}/credential.jwt", timeout=30).text
    jwks = requests.get(f"{world.server.base}/.well-known/jwks.json", timeout=30).json()
    key = jwt.PyJWKSet.from_dict(jwks)[jwt.get_unverified_header(token)["kid"]]
    return dict(jwt.decode(token, key.key, algorithms=["RS256"], options={"verify_aud": False}))


def _forms(world: World, url: str) -> dict[str, Any]:
    """Each public form of the badge, parsed: JSON-LD, credential, baked PNG and SVG."""
    png = unbake_png(requests.get(f"{url}/image.png", timeout=30).content)
    svg = unbake_svg(requests.get(f"{url}/image.svg", timeout=30).text)
    assert png and svg, "a baked file carries no assertion"
    return {
        "jsonld": requests.get(url, timeout=30).json(),
        "credential": _credential(world, url),
        "png": json.loads(png),
        "svg": json.loads(svg),
    }


def _shown_names(form: str, document: dict[str, Any]) -> list[str]:
    """The names a form gives its recipient, read where each standard puts it."""
    if form == "credential":
        identities = document["credentialSubject"]["identifier"]
        return [i["identityHash"] for i in identities if i["identityType"] == "name"]
    profile = document.get(ob2.RECIPIENT_PROFILE)
    return [profile["name"]] if profile else []


CHOICES = [
    ("none", "", False, []),
    ("pseudonym", "Yaya92", False, ["Yaya92"]),
    ("first_name", "Yanis", True, ["Yanis"]),
    ("none", "Yanis", True, []),  # a name typed but « no name » chosen: still no name
]


def test_every_form_follows_each_choice_in_turn(world: World) -> None:
    validator = schema_validator("achievementcredential.json")
    assertion = _issue(world)
    url = assertion["openBadgeId"]
    assert _in_force(world, assertion["entityId"]) == {
        "name": "none", "displayName": "", "showNarrative": False,
    }  # fmt: skip
    before = _forms(world, url)
    for form, document in before.items():  # default: the least
        assert _shown_names(form, document) == [], form
        assert STORY not in json.dumps(document, ensure_ascii=False), form
    for name, shown, narrative, expected in CHOICES:
        _choose(world, assertion["entityId"], name, shown, narrative)
        kept = shown if name != "none" else ""
        assert _in_force(world, assertion["entityId"]) == {
            "name": name, "displayName": kept, "showNarrative": narrative,
        }  # fmt: skip
        forms = _forms(world, url)
        assert schema_errors(validator, forms["credential"]) == []
        for form, document in forms.items():
            text = json.dumps(document, ensure_ascii=False)
            assert _shown_names(form, document) == expected, (name, form)
            assert (STORY in text) is narrative, (name, form)
            assert EMAIL not in text.lower() and "yanis.privacy" not in text, (name, form)
            if not expected:
                assert "Yanis" not in text and "Yaya92" not in text, (name, form)
        # the baked files carry the same assertion the issuer hosts now
        assert forms["png"] == forms["svg"] == forms["jsonld"], name
        page = requests.get(url, headers={"Accept": "text/html"}, timeout=30).text
        assert (f"Délivré à : {expected[0]}" in page) if expected else ("Délivré à" not in page)


def test_the_named_assertion_passes_the_1edtech_validator(
    world: World, ob2_validator: Ob2Validator
) -> None:
    assertion = _issue(world)
    _choose(world, assertion["entityId"], "first_name", "Yanis", False)
    report = ob2_validator(assertion["openBadgeId"], EMAIL, EXTENSION_DOCUMENTS)
    assert report.valid, report.errors()
    node = report.node("Assertion")
    assert node is not None and ob2.RECIPIENT_PROFILE in node
    # the validator did check the extension against its schema: a schema the name cannot
    # satisfy makes the same assertion fail
    schema_url = "https://openbadgespec.org/extensions/recipientProfile/schema.json"
    strict = {**EXTENSION_DOCUMENTS, schema_url: {"properties": {"name": {"type": "integer"}}}}
    refused = ob2_validator(assertion["openBadgeId"], EMAIL, strict)
    assert not refused.valid and "RecipientProfile" in " ".join(refused.errors())
