"""The skill map's side: ``diva-skillmap endorse`` records the consent, then the real issuer
mails the link; states, reminder and withdrawal come back through ``endorsement``."""

import json
import re
from pathlib import Path

import pytest
import requests

from shared.badge import BadgeRequest, IssuerAnswer
from shared.store import Store
from skillmap import review
from tests.issuer.endorsements.conftest import World, free_port
from tests.skillmap import builders as b

HTML = {"Accept": "text/html"}
EMAIL = "paul.dubois@club.example"


@pytest.fixture
def data(tmp_path: Path, world: World, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A skill map data folder with the real issuer configured and one issued badge."""
    folder = tmp_path / "skillmap"
    store = Store(folder)
    pid = b.player(store, "Inès").id
    b.draft(store, pid, "Accueil des parents au club", {"oral": 2},
            "Le samedi j’accueille les parents et je leur explique le planning.")  # fmt: skip
    review.confirm_experience(store, pid, "1", "Anne")
    experience = store.experiences(pid)[0]
    answer = IssuerAnswer(
        assertion_url=world.assertion["openBadgeId"],
        assertion_id=world.assertion["entityId"],
        issuer="ml",
    )
    store.add_badge_request(
        BadgeRequest(
            id="badge0001aaaa", player_id=pid, competency="oral", level=2,
            experience_ids=[experience.id], narrative="J’explique le planning aux parents.",
            criteria="c", recipient_email="ines@example.org", consent=True, status="issued",
            answer=answer,
        )
    )  # fmt: skip
    monkeypatch.setenv("DIVA_TEST_ISSUER_SECRET", world.server.client_secret)
    code, _, err = b.run(folder, "issuer", "add", "ml", "--url", world.server.base,
                         "--client-id", world.server.client_id,
                         "--secret-env", "DIVA_TEST_ISSUER_SECRET")  # fmt: skip
    assert code == 0, err
    return folder


def _endorse(data: Path, *extra: str) -> tuple[int, str, str]:
    return b.run(data, "endorse", "Inès", "--name", "Paul Dubois", "--role", "Entraîneur",
                 "--organisation", "FC Lens Jeunes", "--email", EMAIL, *extra)  # fmt: skip


def _answer(world: World, comment: str) -> None:
    link = world.link_in(world.next_mail())
    page = requests.get(link, headers=HTML, timeout=30).text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf
    done = requests.post(link, data={"csrf": csrf.group(1), "decision": "confirm",
                                     "name": "Paul Dubois", "comment": comment},
                         headers=HTML, timeout=60)  # fmt: skip
    assert done.status_code == 200, done.text


def test_without_consent_nothing_is_recorded_or_sent(data: Path, world: World) -> None:
    code, _, err = _endorse(data, "--badge", "badge0001")
    assert code == 1 and "accepter" in err and "--consent" in err
    store = Store(data)
    assert store.endorsements(store.players()[0]["id"]) == []
    assert not world.inbox.arrived.is_set()


def test_a_badge_is_endorsed_and_the_state_comes_back(data: Path, world: World) -> None:
    code, out, err = _endorse(data, "--badge", "badge0001", "--consent", "--json")
    assert code == 0, err
    [shown] = json.loads(out)
    assert shown["status"] == "requested" and EMAIL not in out
    store = Store(data)
    [stored] = store.endorsements(store.players()[0]["id"])
    assert stored.consent_at is not None and stored.endorser_email == ""  # the issuer has it
    _answer(world, "Toujours présent pour les parents.")
    code, out, _ = b.run(data, "endorsement", "list", "Inès", "--refresh", "--json")
    [listed] = json.loads(out)
    assert listed["status"] == "given"
    assert listed["comment"] == "Toujours présent pour les parents."
    assert listed["endorsement_url"].startswith(world.server.base + "/endorsements/")
    code, out, _ = b.run(data, "endorsement", "list")
    assert "recommandé ✓" in out and "Paul Dubois (Entraîneur, FC Lens Jeunes)" in out
    page = data / "portfolio.html"
    code, _, err = b.run(data, "export", "Inès", "--out", str(page), "--consent")
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert "Recommandé par Paul Dubois — Entraîneur, FC Lens Jeunes" in html
    assert "Toujours présent pour les parents." in html


def test_an_experience_reminder_and_withdrawal(data: Path, world: World) -> None:
    code, out, err = _endorse(data, "--experience", "1", "--consent", "--json")
    assert code == 0, err
    endorsement_id = json.loads(out)[0]["id"]
    link = world.link_in(world.next_mail())
    page = requests.get(link, headers=HTML, timeout=30).text
    assert "Accueil des parents au club" in page and "planning" in page
    code, out, err = b.run(data, "endorsement", "remind", endorsement_id[:8], "--json")
    assert code == 0, err
    assert json.loads(out)[0]["reminders"] == 1
    new_link = world.link_in(world.next_mail())
    assert requests.get(link, headers=HTML, timeout=30).status_code == 404
    code, out, err = b.run(data, "endorsement", "withdraw", endorsement_id[:8], "--json")
    assert code == 0, err
    assert json.loads(out)[0]["status"] == "withdrawn"
    assert requests.get(new_link, headers=HTML, timeout=30).status_code == 410


def test_an_unreachable_issuer_keeps_the_request_queued(data: Path, world: World) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    code, _, err = b.run(data, "issuer", "add", "down", "--url", dead, "--client-id", "x",
                         "--secret-env", "DIVA_TEST_ISSUER_SECRET")  # fmt: skip
    assert code == 0, err
    code, out, _ = b.run(data, "endorse", "Inès", "--experience", "1", "--name", "A",
                         "--email", EMAIL, "--consent", "--issuer", "down", "--json")  # fmt: skip
    assert code == 1
    [shown] = json.loads(out)
    assert shown["status"] == "queued" and shown["message"]
    store = Store(data)
    queued = [e for e in store.endorsements(store.players()[0]["id"]) if e.status == "queued"]
    assert len(queued) == 1 and queued[0].consent_at is not None
    assert queued[0].endorser_email == EMAIL  # kept until the issuer has it


def test_the_portfolio_is_published_with_a_qr_code_replaced_and_withdrawn(
    data: Path, tmp_path: Path
) -> None:
    code, _, err = b.run(data, "share", "publish", "Inès")
    assert code == 1 and "accord" in err
    qr = tmp_path / "lien.svg"
    code, out, err = b.run(data, "share", "publish", "Inès", "--consent", "--qr", str(qr), "--json")
    assert code == 0, err
    first = json.loads(out)
    page = requests.get(first["url"], timeout=30)
    assert page.status_code == 200 and "Accueil des parents au club" in page.text
    assert qr.read_text(encoding="utf-8").startswith("<?xml") and "<svg" in qr.read_text()
    registry = data / "published-portfolios.json"
    assert registry.stat().st_mode & 0o777 == 0o600
    code, out, _ = b.run(data, "share", "publish", "Inès", "--expires", "2099-12-31")
    assert code == 0 and "jusqu’au 2099-12-31" in out
    assert requests.get(first["url"], timeout=30).status_code == 410  # one live link
    code, out, _ = b.run(data, "share", "unpublish", "Inès")
    assert code == 0 and "ne marche plus" in out
    assert first["url"] not in registry.read_text()
    code, _, err = b.run(data, "share", "publish", "Inès", "--expires", "2001-01-01")
    assert code == 1 and "AAAA-MM-JJ" in err


def test_privacy_then_erasure_reach_the_issuer(data: Path, world: World) -> None:
    url = world.assertion["openBadgeId"]
    assert "poussins" not in requests.get(url, timeout=30).text  # the least, by default
    code, out, err = b.run(data, "share", "privacy", "badge0001", "--name", "first_name",
                           "--shown-name", "Inès", "--narrative")  # fmt: skip
    assert code == 0, err
    assert "poussins" in requests.get(url, timeout=30).text
    code, out, err = b.run(data, "share", "publish", "Inès", "--consent", "--json")
    link = json.loads(out)["url"]
    code, out, err = b.run(data, "share", "erase", "Inès")
    assert code == 0, err
    assert requests.get(url, timeout=30).status_code == 410
    assert requests.get(f"{url}/image.png", timeout=30).status_code == 410
    assert requests.get(link, timeout=30).status_code == 410


def _issued_player(
    data: Path, world: World, pseudonym: str, issuer: str = "ml", revoked: bool = False
) -> str:
    """A new player with one badge really issued by the test issuer (and revoked there if
    ``revoked``); its assertion URL."""
    badge = world.server.badge_class(world.headers, "regles", 1)
    issued = world.server.issue(world.headers, badge["entityId"], email="y@example.org")
    assertion = issued.json()["result"][0]
    if revoked:
        gone = requests.delete(
            f"{world.server.base}/v2/assertions/{assertion['entityId']}",
            json={"revocation_reason": "Délivré par erreur"},
            headers=world.headers,
            timeout=30,
        )
        assert gone.status_code == 200, gone.text
    store = Store(data)
    pid = b.player(store, pseudonym).id
    b.draft(store, pid, "Respecter le planning", {"regles": 1})
    review.confirm_experience(store, pid, "1", "Anne")
    store.add_badge_request(
        BadgeRequest(
            player_id=pid, competency="regles", level=1,
            experience_ids=[store.experiences(pid)[0].id], narrative="n", criteria="c",
            recipient_email="y@example.org", consent=True, status="issued",
            answer=IssuerAnswer(assertion_url=assertion["openBadgeId"],
                                assertion_id=assertion["entityId"], issuer=issuer,
                                revoked=revoked),
        )
    )  # fmt: skip
    return str(assertion["openBadgeId"])


def test_erasing_a_player_erases_their_public_badges_first(data: Path, world: World) -> None:
    url = _issued_player(data, world, "Yanis")
    assert requests.get(url, timeout=30).status_code == 200
    code, out, err = b.run(data, "erase", "Yanis", "--yes")
    assert code == 0, err
    assert "effacé chez l’émetteur" in out
    assert requests.get(url, timeout=30).status_code == 410


def test_erasing_a_player_erases_their_revoked_badges_too(data: Path, world: World) -> None:
    """A revoked badge's page already answers 410, but the issuer still held what it said
    (narrative, evidence): the erasure is for every badge, revoked or not."""
    url = _issued_player(data, world, "Maé", revoked=True)
    entity_id = url.rstrip("/").rsplit("/", 1)[-1]
    assert "poussins" in _narrative_at_issuer(world, entity_id)
    code, out, err = b.run(data, "erase", "Maé", "--yes")
    assert code == 0, err
    assert "effacé chez l’émetteur" in out
    assert _narrative_at_issuer(world, entity_id) == ""


def _narrative_at_issuer(world: World, entity_id: str) -> str:
    [(said,)] = world.server.rows(
        "SELECT narrative FROM assertion WHERE entity_id = :e", e=entity_id
    )
    return str(said)


def test_an_unreachable_issuer_stops_the_erasure_until_local_only(data: Path, world: World) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    b.run(data, "issuer", "add", "down", "--url", dead, "--client-id", "x",
          "--secret-env", "DIVA_TEST_ISSUER_SECRET")  # fmt: skip
    url = _issued_player(data, world, "Lou", issuer="down")
    code, _, err = b.run(data, "erase", "Lou", "--yes")
    assert code == 1 and err.strip()
    assert Store(data).find_players("Lou")  # nothing erased here either
    code, _, err = b.run(data, "erase", "Lou", "--yes", "--local-only")
    assert code == 0, err
    assert not Store(data).find_players("Lou")
    assert requests.get(url, timeout=30).status_code == 200  # as the option says


def test_an_experience_endorsement_is_shown_where_the_young_person_publishes_it(
    data: Path, world: World
) -> None:
    """An experience has no public page of its own: its endorsement is published with the
    portfolio the young person agreed to publish (under that experience), and nowhere else."""
    code, out, err = _endorse(data, "--experience", "1", "--consent", "--json")
    assert code == 0, err
    _answer(world, "Il explique très bien le planning.")
    code, out, _ = b.run(data, "endorsement", "list", "Inès", "--refresh", "--json")
    given = [e for e in json.loads(out) if e["comment"] == "Il explique très bien le planning."]
    assert len(given) == 1 and given[0]["status"] == "given"
    assert given[0]["endorsement_url"] == ""  # nothing hosted about an experience on its own
    code, out, err = b.run(data, "share", "publish", "Inès", "--consent", "--json")
    assert code == 0, err
    page = requests.get(json.loads(out)["url"], timeout=30)
    assert page.status_code == 200
    experience = page.text.split("Accueil des parents au club", 1)[1].split("</article>", 1)[0]
    assert "Recommandé par Paul Dubois — Entraîneur, FC Lens Jeunes" in experience
    assert "Il explique très bien le planning." in experience
    assert EMAIL not in page.text
    code, out, err = b.run(data, "share", "unpublish", "Inès")
    assert code == 0, err
