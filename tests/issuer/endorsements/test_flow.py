"""Endorsement requests end to end on a real issuer: API -> SMTP -> link -> answer -> documents.

Every refusal (reused, expired, tampered link; missing CSRF; oversized or missing fields) gets
a clear French page and stores nothing (the database is read to check it).
"""

import json
from pathlib import Path

import jwt
import pytest
import requests
from jsonschema import Draft201909Validator

from issuer.openbadges import ob3
from tests.issuer.endorsements.conftest import World

STANDARDS = Path(__file__).resolve().parents[4] / "shared" / "standards" / "openbadges-3.0"
HTML = {"Accept": "text/html"}


def _form_fields(page: str) -> dict[str, str]:
    import re

    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf, "no CSRF field in the form"
    return {"csrf": csrf.group(1)}


def _open(world: World, key: str | None = None, **body: object) -> tuple[str, str]:
    """A new request; returns (its entity id, the link from the mail that arrived)."""
    answer = world.ask(key, **body)
    assert answer.status_code == 201, answer.text
    [shape] = answer.json()["result"]
    assert shape["state"] == "sent" and shape["delivered"] is True
    return shape["entityId"], world.link_in(world.next_mail())


def _post(link: str, fields: dict[str, str]) -> requests.Response:
    return requests.post(link, data=fields, headers=HTML, timeout=60)


def _stored(world: World) -> int:
    return int(world.server.sql("SELECT count(*) FROM endorsement")[0][0])


def test_the_request_needs_the_young_persons_consent_and_sends_nothing_without(
    world: World,
) -> None:
    before = world.server.sql("SELECT count(*) FROM endorsement_request")
    answer = world.ask(consent=False)
    assert answer.status_code == 422
    assert "accord" in answer.json()["status"]["description"]
    assert not world.inbox.arrived.is_set()
    assert world.server.sql("SELECT count(*) FROM endorsement_request") == before


def test_a_confirmation_is_stored_once_signed_by_the_endorser_and_listed(world: World) -> None:
    request_id, link = _open(world)
    page = requests.get(link, headers=HTML, timeout=30)
    assert page.status_code == 200
    assert "Communiquer à l’oral" in page.text and "J&#39;ai tenu la caisse" in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    fields = _form_fields(page.text) | {
        "decision": "confirm",
        "name": "Claire Martin",
        "role": "Tutrice de stage",
        "organisation": "Boulangerie Martin",
        "comment": "Inès accueille les clients <b>avec le sourire</b>.",
    }
    done = _post(link, fields)
    assert done.status_code == 200 and "confirmation est enregistrée" in done.text
    again = _post(link, fields)
    assert again.status_code == 409 and "déjà servi" in again.text
    state = requests.get(
        f"{world.server.base}/v2/endorsements/{request_id}", headers=world.headers, timeout=30
    ).json()["result"][0]
    assert state["state"] == "endorsed"
    endorsement = state["endorsement"]
    assert endorsement["comment"] == "Inès accueille les clients <b>avec le sourire</b>."
    # the e-mail is forgotten once answered
    emails = world.server.sql(
        "SELECT endorser_email FROM endorsement_request WHERE entity_id = :e", e=request_id
    )
    assert emails == [("",)]
    # OB 2.0 hosted endorsement, its endorser's profile
    ob2 = requests.get(endorsement["openBadgeId"], timeout=30).json()
    assert ob2["type"] == "Endorsement" and ob2["claim"]["id"] == world.assertion["openBadgeId"]
    profile = requests.get(ob2["issuer"], timeout=30).json()
    assert profile["type"] == "Profile" and profile["name"] == "Claire Martin"
    assert "boulangerie.example" not in json.dumps(profile)
    # OB 3.0: schema, and the signature with the key published under the endorser's profile
    token = requests.get(endorsement["credential"], timeout=30).text
    header = jwt.get_unverified_header(token)
    assert header["kid"].startswith(ob2["issuer"] + "/keys/")
    key_set = requests.get(f"{ob2['issuer']}/jwks.json", timeout=30).json()
    credential = ob3.verify_credential(token, key_set)
    schema = json.loads((STANDARDS / "endorsementcredential.json").read_text(encoding="utf-8"))
    assert list(Draft201909Validator(schema).iter_errors(credential)) == []
    assert credential["issuer"]["id"] == ob2["issuer"]
    structure_keys = requests.get(f"{world.server.base}/.well-known/jwks.json", timeout=30).json()
    with pytest.raises(ob3.CredentialError):
        ob3.verify_credential(token, structure_keys)  # never the structure's word
    listed = requests.get(f"{world.assertion['openBadgeId']}/endorsements", timeout=30).json()
    assert [e["id"] for e in listed["endorsements"]] == [endorsement["openBadgeId"]]


def test_a_decline_stores_no_endorsement(world: World) -> None:
    before = _stored(world)
    request_id, link = _open(world)
    fields = _form_fields(requests.get(link, headers=HTML, timeout=30).text)
    done = _post(link, fields | {"decision": "decline"})
    assert done.status_code == 200 and "Merci pour votre réponse" in done.text
    assert _stored(world) == before
    state = requests.get(
        f"{world.server.base}/v2/endorsements/{request_id}", headers=world.headers, timeout=30
    ).json()["result"][0]
    assert state["state"] == "declined" and state["endorsement"] is None


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"csrf": ""}, 422, "Le formulaire a expiré"),
        ({"csrf": "0" * 64}, 422, "Le formulaire a expiré"),
        ({"comment": "x" * 10_000}, 422, "est trop long : 2000 caractères au plus"),
        ({"name": ""}, 422, "Indiquez votre nom"),
        ({"decision": "maybe"}, 422, "Choisissez"),
    ],
)
def test_a_refused_answer_gets_a_clear_page_and_stores_nothing(
    world: World, change: dict[str, str], status: int, words: str
) -> None:
    before = _stored(world)
    _, link = _open(world)
    fields = _form_fields(requests.get(link, headers=HTML, timeout=30).text)
    fields |= {"decision": "confirm", "name": "Paul", "comment": "ok"} | change
    refused = _post(link, fields)
    assert refused.status_code == status and words in refused.text
    assert "<html" in refused.text  # a page, not a traceback
    assert _stored(world) == before
    assert requests.get(link, headers=HTML, timeout=30).status_code == 200  # still usable


def test_a_100_kb_comment_is_refused_before_anything_is_read(world: World) -> None:
    before = _stored(world)
    _, link = _open(world)
    fields = _form_fields(requests.get(link, headers=HTML, timeout=30).text)
    refused = _post(link, fields | {"decision": "confirm", "name": "P", "comment": "x" * 100_000})
    assert refused.status_code == 413
    assert refused.headers["content-type"].startswith("text/html")  # a page for a person
    assert "raccourcissez le commentaire" in refused.text
    assert _stored(world) == before


def test_tampered_expired_and_withdrawn_links_get_their_page(world: World) -> None:
    request_id, link = _open(world)
    base, _, secret = link.rpartition(".")
    flipped = ("B" if secret[0] == "A" else "A") + secret[1:]
    tampered = requests.get(f"{base}.{flipped}", headers=HTML, timeout=30)
    assert tampered.status_code == 404 and "n’est pas valable" in tampered.text
    cut = requests.get(link[:-10], headers=HTML, timeout=30)
    assert cut.status_code == 404
    world.server.sql(
        "UPDATE endorsement_request SET expires_at = '2020-01-01 00:00:00' WHERE entity_id = :e",
        e=request_id,
    )
    expired = requests.get(link, headers=HTML, timeout=30)
    assert expired.status_code == 410 and "a expiré" in expired.text
    forged = _post(link, {"decision": "confirm", "name": "X", "csrf": "0"})
    assert forged.status_code == 410
    state = requests.get(
        f"{world.server.base}/v2/endorsements/{request_id}", headers=world.headers, timeout=30
    ).json()["result"][0]
    assert state["state"] == "expired"
    other_id, other_link = _open(world)
    gone = requests.delete(
        f"{world.server.base}/v2/endorsements/{other_id}", headers=world.headers, timeout=30
    )
    assert gone.status_code == 200 and gone.json()["result"][0]["state"] == "withdrawn"
    withdrawn = requests.get(other_link, headers=HTML, timeout=30)
    assert withdrawn.status_code == 410 and "retirée" in withdrawn.text


def test_a_reminder_sends_a_new_link_and_the_old_one_stops(world: World) -> None:
    request_id, first = _open(world)
    reminded = requests.post(
        f"{world.server.base}/v2/endorsements/{request_id}/reminder",
        headers=world.headers,
        timeout=60,
    )
    assert reminded.status_code == 200 and reminded.json()["result"][0]["reminders"] == 1
    message = world.next_mail()
    assert message["Subject"].startswith("Rappel : ")
    second = world.link_in(message)
    assert second != first
    assert requests.get(first, headers=HTML, timeout=30).status_code == 404
    assert requests.get(second, headers=HTML, timeout=30).status_code == 200


def test_the_same_idempotency_key_sends_one_request(world: World) -> None:
    first = world.ask(key="endorse-once")
    world.next_mail()
    second = world.ask(key="endorse-once")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["result"][0]["entityId"] == second.json()["result"][0]["entityId"]
    assert not world.inbox.arrived.is_set()


def test_another_structures_badge_or_request_is_not_found(world: World) -> None:
    answer = world.ask(subject={"type": "assertion", "entityId": "nope"})
    assert answer.status_code == 404
    missing = requests.get(
        f"{world.server.base}/v2/endorsements/nope", headers=world.headers, timeout=30
    )
    assert missing.status_code == 404
    assert (
        requests.post(f"{world.server.base}/v2/endorsements", json={}, timeout=30).status_code
        == 401
    )


def test_an_organisation_recognises_a_badge_class(world: World) -> None:
    badge_class = world.assertion["badgeclass"]
    answer = world.ask(
        subject={"type": "badgeclass", "entityId": badge_class},
        endorser={"name": "Julie Petit", "role": "DRH", "organisation": "Boulangerie Martin",
                  "email": "rh@boulangerie.example", "isOrganisation": True},
        recipientName="", ownWords="",
    )  # fmt: skip
    assert answer.status_code == 201, answer.text
    link = world.link_in(world.next_mail())
    page = requests.get(link, headers=HTML, timeout=30)
    assert "Votre organisation reconnaît-elle ce badge ?" in page.text
    fields = _form_fields(page.text) | {
        "decision": "confirm", "name": "Julie Petit", "role": "DRH",
        "organisation": "Boulangerie Martin", "comment": "Nous recrutons sur ce critère.",
    }  # fmt: skip
    assert _post(link, fields).status_code == 200
    listed = requests.get(
        f"{world.server.base}/badgeclasses/{badge_class}/endorsements", timeout=30
    ).json()["endorsements"]
    assert [e["endorser"]["organisation"] for e in listed] == ["Boulangerie Martin"]
    document = requests.get(listed[0]["id"], timeout=30).json()
    assert document["claim"]["id"] == f"{world.server.base}/badgeclasses/{badge_class}"
    page = requests.get(f"{world.server.base}/badgeclasses/{badge_class}", headers=HTML, timeout=30)
    assert "Reconnu par des employeurs" in page.text and "Boulangerie Martin" in page.text
    jsonld = requests.get(f"{world.server.base}/badgeclasses/{badge_class}", timeout=30).json()
    assert jsonld["endorsement"] == [listed[0]["id"]]
