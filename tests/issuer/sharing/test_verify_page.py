"""« Vérifier un badge » on a real issuer: genuine files pass, tampered, revoked and foreign-key
ones are refused with the reason in French; URLs in uploads never reach private addresses."""

import json

import jwt
import requests

from issuer.openbadges import baking, keys
from tests.issuer.endorsements.conftest import World
from tests.issuer.sharing.hits import counting_server


def _issue(world: World) -> dict:
    badge = world.server.badge_class(world.headers, "imprevus", 2)
    issued = world.server.issue(world.headers, badge["entityId"], email="nour@example.org")
    assert issued.status_code == 201, issued.text
    return dict(issued.json()["result"][0])


def _verify(world: World, name: str, data: bytes, email: str = "") -> requests.Response:
    return requests.post(
        f"{world.server.base}/verifier",
        files={"badge": (name, data)},
        data={"email": email},
        timeout=60,
    )


def test_the_page_asks_for_a_file_in_french(world: World) -> None:
    page = requests.get(f"{world.server.base}/verifier", timeout=30)
    assert page.status_code == 200 and "Déposer un badge" in page.text
    assert 'enctype="multipart/form-data"' in page.text and "<script" not in page.text
    empty = requests.post(f"{world.server.base}/verifier", data={"email": ""}, timeout=30)
    assert empty.status_code == 422 and "Choisissez un fichier" in empty.text


def test_genuine_png_svg_and_credential_are_valid(world: World) -> None:
    url = _issue(world)["openBadgeId"]
    png = requests.get(f"{url}/image.png", timeout=30).content
    answer = _verify(world, "badge.png", png, email="Nour@Example.org")
    assert answer.status_code == 200
    assert "Badge authentique" in answer.text and "bien été délivré à cette adresse" in answer.text
    svg = requests.get(f"{url}/image.svg", timeout=30).content
    assert "Badge authentique" in _verify(world, "badge.svg", svg).text
    token = requests.get(f"{url}/credential.jwt", timeout=30).content
    assert "Badge authentique" in _verify(world, "badge.jwt", token).text
    other = _verify(world, "badge.png", png, email="someone@example.org")
    assert "n’a pas été délivré à cette adresse" in other.text


def test_one_changed_byte_of_the_assertion_is_refused(world: World) -> None:
    url = _issue(world)["openBadgeId"]
    png = requests.get(f"{url}/image.png", timeout=30).content
    baked = baking.unbake_png(png)
    assert baked is not None
    document = json.loads(baked)
    identity = document["recipient"]["identity"]
    flipped = identity[:-1] + ("0" if identity[-1] != "0" else "1")  # one character of the hash
    document["recipient"]["identity"] = flipped
    forged = baking.bake_png(png, json.dumps(document))
    answer = _verify(world, "badge.png", forged)
    assert "Ce badge n’est pas accepté" in answer.text
    assert "ne correspond pas à celui que publie l’organisme" in answer.text
    raw = bytearray(png)
    start = bytes(raw).index(b"sha256$")
    raw[start + 10] ^= 0x01  # the bytes themselves, CRC left wrong
    broken = _verify(world, "badge.png", bytes(raw))
    assert "Badge authentique" not in broken.text and "<li>" in broken.text


def test_a_revoked_badge_is_refused_with_its_reason(world: World) -> None:
    issued = _issue(world)
    png = requests.get(f"{issued['openBadgeId']}/image.png", timeout=30).content
    revoked = requests.delete(
        f"{world.server.base}/v2/assertions/{issued['entityId']}",
        json={"revocation_reason": "Délivré par erreur"},
        headers=world.headers,
        timeout=30,
    )
    assert revoked.status_code == 200
    answer = _verify(world, "badge.png", png)
    assert "a été retiré par l’organisme" in answer.text
    assert "Délivré par erreur" in answer.text


def test_a_credential_signed_by_another_key_is_refused(world: World) -> None:
    url = _issue(world)["openBadgeId"]
    token = requests.get(f"{url}/credential.jwt", timeout=30).text
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["name"] = "Badge modifié"
    forged = jwt.encode(
        claims, keys.generate_private_key(), algorithm="RS256", headers={"kid": header["kid"]}
    )
    answer = _verify(world, "badge.jwt", forged.encode())
    assert "La signature de ce badge est fausse" in answer.text


def test_urls_in_an_upload_never_reach_a_private_address(world: World) -> None:
    with counting_server(200) as (port, hits):
        for target in (f"http://127.0.0.1:{port}/a", "http://169.254.169.254/latest/meta-data"):
            upload = json.dumps({"id": target, "type": "Assertion"}).encode()
            answer = _verify(world, "badge.json", upload)
            assert answer.status_code == 200 and "ne répond pas" in answer.text
    assert hits == []


def test_an_endorsement_verifies_in_its_own_words_until_it_is_withdrawn(world: World) -> None:
    asked = world.ask()
    assert asked.status_code == 201, asked.text
    request_id = asked.json()["result"][0]["entityId"]
    link = world.link_in(world.next_mail())
    page = requests.get(link, headers={"Accept": "text/html"}, timeout=30).text
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    fields = {"csrf": csrf, "decision": "confirm", "name": "Claire", "comment": "Fiable."}
    assert requests.post(link, data=fields, timeout=60).status_code == 200
    state = requests.get(
        f"{world.server.base}/v2/endorsements/{request_id}", headers=world.headers, timeout=30
    ).json()["result"][0]
    token = requests.get(state["endorsement"]["credential"], timeout=30).content
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["credentialStatus"]["type"] == "1EdTechRevocationList"
    hosted = requests.get(state["endorsement"]["openBadgeId"], timeout=30).content
    for name, data in (("recommandation.jwt", token), ("recommandation.json", hosted)):
        answer = _verify(world, name, data, email="nour@example.org").text
        assert "Recommandation authentique" in answer, name
        assert "Cette recommandation est authentique" in answer, name
        assert "Donnée par" in answer and "Claire" in answer and "Fiable." in answer, name
        assert "Badge authentique" not in answer and "Ce badge" not in answer, name
        assert "le badge recommandé" in answer, name  # a link to what it recommends
    forged = jwt.encode(
        {**claims, "credentialSubject": {**claims["credentialSubject"], "endorsementComment": "!"}},
        keys.generate_private_key(),
        algorithm="RS256",
        headers={"kid": jwt.get_unverified_header(token)["kid"]},
    )
    refused = _verify(world, "recommandation.jwt", forged.encode()).text
    assert "Cette recommandation n’est pas acceptée" in refused
    assert "La signature de cette recommandation est fausse" in refused
    altered = json.loads(hosted)
    altered["claim"]["endorsementComment"] = "Excellent en tout."
    changed = _verify(world, "recommandation.json", json.dumps(altered).encode()).text
    assert "ne correspond pas à celle qui est publiée" in changed
    withdrawn = requests.delete(
        f"{world.server.base}/v2/endorsements/{request_id}", headers=world.headers, timeout=30
    )
    assert withdrawn.status_code == 200
    for name, data in (("recommandation.jwt", token), ("recommandation.json", hosted)):
        assert "Cette recommandation a été retirée" in _verify(world, name, data).text, name
