"""The issuer client against Badgr's real response shapes, served over HTTP on 127.0.0.1.

The server (``badgr_server.py``) answers with the shapes recorded from badgr-server's
serializers and tests (``fixtures/badgr/README.md``). These tests go through the real client,
the real store and the real CLI: token, badge classes, issuing, a 401 then one refresh, 500
twice then 201, an answer lost after the assertion was made, garbage or HTML, a refused
connection, a 4xx refusal, revoking. No test sleeps: the backoff's sleeper is a recorder.
"""

import json
import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shared.store import Store
from skillmap import badges, review, sending
from skillmap.common import catalogue
from skillmap.issuer_client import IssuerClient, IssuerError
from skillmap.issuers import IssuerBook, IssuerConfig
from tests.skillmap import builders as b
from tests.skillmap.badgr_server import CLIENT_ID, CLIENT_SECRET, FIXTURES, BadgrServer

EMAIL = "lina@example.org"
T = catalogue("fr")


@pytest.fixture
def badgr() -> Iterator[BadgrServer]:
    with BadgrServer() as server:
        yield server


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path) -> Store:
    return Store(data)


def _config(url: str) -> IssuerConfig:
    mapping = json.loads((FIXTURES / "mapping.json").read_text(encoding="utf-8"))
    return IssuerConfig(name="badgr", url=url, client_id=CLIENT_ID, kind="badgr", mapping=mapping)


class Naps:
    """The injected sleeper: remembers the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def naps() -> Naps:
    return Naps()


@pytest.fixture
def book(data: Path, badgr: BadgrServer) -> IssuerBook:
    book = IssuerBook(data)
    book.add(_config(badgr.state.base), CLIENT_SECRET)
    return book


def _clients(book: IssuerBook, naps: Naps) -> sending.ClientFactory:
    return sending.client_factory(book, sleep=naps, timeout=(2.0, 5.0))


@pytest.fixture
def request_id(store: Store) -> str:
    """A queued request for « oral » level 2, backed by a confirmed experience."""
    pid = b.player(store).id
    b.draft(store, pid, "Entraîner les U9 au club", {"oral": 2})
    review.confirm_experience(store, pid, "1", "Anne")
    return badges.request_badge(store, pid, "oral", 2, EMAIL, consent=True).id


def _request(store: Store, request_id: str):
    return sending.find_request(store, request_id)


def _send(store: Store, data: Path, book: IssuerBook, naps: Naps, request_id: str):
    request = _request(store, request_id)
    return sending.send(store, data, request, _clients(book, naps), T)


# -- the client alone ------------------------------------------------------------------------


def test_token_issuers_and_badge_class_from_the_mapping(badgr: BadgrServer, naps: Naps) -> None:
    client = IssuerClient(_config(badgr.state.base), CLIENT_SECRET, sleep=naps)
    assert client.issuers()[0]["name"] == "Mission Locale de Lens"
    found = client.find_badge_class("rectec", "oral", 2)
    assert found["entityId"] == "Zm9vYmFyMg"
    client.badge_classes()
    assert badgr.state.token_calls == 1  # the token is kept
    form_posts = [p for m, p, _h in badgr.state.seen if p == "/o/token"]
    assert len(form_posts) == 1


def test_without_mapping_a_level_cannot_be_guessed(badgr: BadgrServer, naps: Naps) -> None:
    config = _config(badgr.state.base).model_copy(update={"mapping": {}})
    client = IssuerClient(config, CLIENT_SECRET, sleep=naps)
    with pytest.raises(IssuerError) as caught:
        client.find_badge_class("rectec", "oral", 2)
    assert caught.value.key == "error.issuer_no_class"
    assert "rectec/oral/2" in caught.value.message(T)


def test_wrong_client_id_is_a_french_login_error(badgr: BadgrServer, naps: Naps) -> None:
    config = _config(badgr.state.base).model_copy(update={"client_id": "nobody"})
    with pytest.raises(IssuerError) as caught:
        IssuerClient(config, CLIENT_SECRET, sleep=naps).token()
    text = caught.value.message(T)
    assert "Connexion refusée" in text and "invalid client_id" in text
    assert CLIENT_SECRET not in text


# -- sending through the store ---------------------------------------------------------------


def test_send_issues_and_saves_the_baked_image(
    store: Store, data: Path, book: IssuerBook, naps: Naps, badgr: BadgrServer, request_id: str
) -> None:
    outcome = _send(store, data, book, naps, request_id)
    assert outcome.status == "issued", outcome.message
    request = _request(store, request_id)
    assert request.answer.assertion_id in badgr.state.assertions
    assert (
        outcome.assertion_url
        == f"{badgr.state.base}/public/assertions/{request.answer.assertion_id}"
    )
    image = data / request.answer.image_path
    assert image.read_bytes() == badgr.state.png
    assert stat.S_IMODE(image.stat().st_mode) == 0o600
    assert request.answer.credential_path == ""  # Badgr has no OB 3.0 credential
    posts = badgr.state.posts()
    assert [h["Idempotency-Key"] for h in posts] == [request.idempotency_key]
    sent = json.loads(json.dumps(sending.assertion_body(store, request)))
    assert sent["recipient"] == {"identity": EMAIL, "type": "email", "hashed": True}


def test_expired_token_is_refreshed_once(
    store: Store, data: Path, book: IssuerBook, naps: Naps, badgr: BadgrServer, request_id: str
) -> None:
    badgr.state.fail_next("expired")
    outcome = _send(store, data, book, naps, request_id)
    assert outcome.status == "issued"
    assert badgr.state.token_calls == 2
    assert len(badgr.state.assertions) == 1


def test_500_twice_then_201_is_one_assertion_with_the_same_key(
    store: Store, data: Path, book: IssuerBook, naps: Naps, badgr: BadgrServer, request_id: str
) -> None:
    badgr.state.fail_next("500", "500")
    outcome = _send(store, data, book, naps, request_id)
    assert outcome.status == "issued"
    assert len(badgr.state.assertions) == 1
    keys = {h["Idempotency-Key"] for h in badgr.state.posts()}
    assert len(badgr.state.posts()) == 3 and keys == {_request(store, request_id).idempotency_key}
    assert naps.waits == [0.5, 1.0]  # bounded exponential backoff, never really waited


def test_answer_lost_after_issuing_is_not_a_second_badge(
    store: Store, data: Path, book: IssuerBook, naps: Naps, badgr: BadgrServer, request_id: str
) -> None:
    """Badgr made the assertion but the answer was lost: the retry's « previous award »
    refusal leads to the existing assertion, not to a second one."""
    badgr.state.fail_next("lost")
    outcome = _send(store, data, book, naps, request_id)
    assert outcome.status == "issued"
    assert len(badgr.state.assertions) == 1
    (made,) = badgr.state.assertions
    assert _request(store, request_id).answer.assertion_id == made
    assert len(badgr.state.posts()) == 2  # the lost one, then the refused repeat


@pytest.mark.parametrize("fault", ["html", "garbage"])
def test_garbage_or_html_is_a_french_error_and_stays_queued(
    store: Store,
    data: Path,
    book: IssuerBook,
    naps: Naps,
    badgr: BadgrServer,
    request_id: str,
    fault: str,
) -> None:
    badgr.state.fail_next(fault)
    outcome = _send(store, data, book, naps, request_id)
    assert outcome.status == "queued"
    assert "pas une réponse d’API" in outcome.message
    request = _request(store, request_id)
    assert (request.status, request.attempts) == ("queued", 1)
    assert "pas une réponse d’API" in request.last_error
    again = _send(store, data, book, naps, request_id)  # the next run sends it
    assert again.status == "issued"
    assert len(badgr.state.assertions) == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_stays_queued_with_attempts(
    store: Store, data: Path, naps: Naps, request_id: str
) -> None:
    book = IssuerBook(data)
    book.add(_config(f"http://127.0.0.1:{_free_port()}"), CLIENT_SECRET)
    for attempt in (1, 2):
        outcome = _send(store, data, book, naps, request_id)
        assert outcome.status == "queued"
        request = _request(store, request_id)
        assert (request.status, request.attempts) == ("queued", attempt)
        assert "ne répond pas" in request.last_error
    assert len(naps.waits) == 2 * 3  # three waits between four tries, each run


def test_a_wrong_mapping_is_ours_to_fix_and_nothing_is_sent(
    store: Store, data: Path, naps: Naps, badgr: BadgrServer, request_id: str
) -> None:
    book = IssuerBook(data)
    config = _config(badgr.state.base).model_copy(update={"mapping": {"rectec/oral/2": "nope"}})
    book.add(config, CLIENT_SECRET)
    outcome = _send(store, data, book, naps, request_id)
    assert outcome.status == "queued"
    assert "nope" in outcome.message
    assert badgr.state.posts() == []


def test_a_4xx_refusal_fails_with_the_issuers_message(
    store: Store, data: Path, book: IssuerBook, naps: Naps, badgr: BadgrServer, request_id: str
) -> None:
    """The badge class went away between the listing and the POST: Badgr's 404."""
    book.add(_config(badgr.state.base).model_copy(update={"mapping": {}}), CLIENT_SECRET)
    client = _clients(book, naps)(None)
    gone = {"entityId": "R29uZQ", "extensions": {"competency": "oral", "level": 2}}
    client._classes[client.issuer_id()] = [gone]
    outcome = sending.send(store, data, _request(store, request_id), lambda _n: client, T)
    assert outcome.status == "failed"
    assert "refusé (erreur 404)" in outcome.message
    assert "entity not found or insufficient privileges" in outcome.message
    request = _request(store, request_id)
    assert (request.status, request.attempts) == ("failed", 1)
    assert request.answer.message == outcome.message


# -- the command line ------------------------------------------------------------------------


def test_cli_issuer_add_send_json_and_revoke(
    data: Path, store: Store, badgr: BadgrServer, request_id: str, tmp_path: Path
) -> None:
    env_name = "DIVA_TEST_BADGR_SECRET"
    mapping = FIXTURES / "mapping.json"
    os.environ[env_name] = CLIENT_SECRET
    try:
        code, out, err = b.run(
            data, "issuer", "add", "badgr", "--url", badgr.state.base, "--client-id", CLIENT_ID,
            "--secret-env", env_name, "--kind", "badgr", "--mapping", str(mapping),
        )  # fmt: skip
    finally:
        del os.environ[env_name]
    assert code == 0, err
    assert CLIENT_SECRET not in out + err
    secrets_file = data / "issuer-secrets.json"
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    assert CLIENT_SECRET not in (data / "issuers.json").read_text(encoding="utf-8")
    code, out, err = b.run(data, "issuer", "list")
    assert code == 0 and "badgr" in out and CLIENT_SECRET not in out
    code, out, err = b.run(data, "issuer", "test")
    assert code == 0, err
    assert "Connexion réussie" in out and "Mission Locale de Lens" in out
    assert "Modèles de badge : 3" in out

    code, out, err = b.run(data, "badge", "send", "--all", "--json")
    assert code == 0, err
    (row,) = json.loads(out)
    assert set(row) == {"request", "status", "assertion_url", "message"}
    assert row["request"] == request_id and row["status"] == "issued"
    assert row["assertion_url"].startswith(badgr.state.base + "/public/assertions/")
    code, out, _ = b.run(data, "badge", "send", "--all", "--json")
    assert (code, json.loads(out)) == (0, [])  # nothing left to send

    code, out, err = b.run(data, "badge", "revoke", request_id[:8], "--reason", "Erreur de saisie")
    assert code == 0, err
    (made,) = badgr.state.assertions.values()
    assert made["revoked"] and made["shape"]["revocationReason"] == "Erreur de saisie"
    code, out, _ = b.run(data, "profile", _request(store, request_id).player_id)
    assert "révoqué : Erreur de saisie" in out
    assert "Vérifier ce badge : " + row["assertion_url"] in out
    assert "Image du badge : badges/" in out


def test_cli_without_issuer_says_how_to_add_one(data: Path, request_id: str) -> None:
    code, out, err = b.run(data, "badge", "send", "--all")
    assert code == 1
    assert "issuer add" in err and "Traceback" not in err


def test_a_silent_issuer_times_out_and_the_request_waits(
    store: Store, data: Path, naps: Naps, request_id: str
) -> None:
    """A server that accepts the connection and never answers: the read timeout ends each
    try, the tries are bounded, and the request stays queued."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections wait in the backlog, never answered
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        book = IssuerBook(data)
        book.add(_config(url), CLIENT_SECRET)
        clients = sending.client_factory(book, sleep=naps, timeout=(2.0, 0.2), tries=2)
        outcome = sending.send(store, data, _request(store, request_id), clients, T)
    assert outcome.status == "queued"
    assert "met trop de temps à répondre" in outcome.message
    assert naps.waits == [0.5]


def test_get_assertion_and_revoke_through_the_client(badgr: BadgrServer, naps: Naps) -> None:
    client = IssuerClient(_config(badgr.state.base), CLIENT_SECRET, sleep=naps)
    body = {"recipient": {"identity": EMAIL, "type": "email", "hashed": True}}
    made = client.issue("Zm9vYmFyMg", body, "key-1")
    again = client.assertion(made["entityId"])
    assert again["entityId"] == made["entityId"] and again["revoked"] is False
    assert again["recipient"]["identity"].startswith("sha256$")
    with pytest.raises(IssuerError) as caught:
        client.revoke(made["entityId"], "")
    assert caught.value.status == 400 and "revocation_reason" in caught.value.message(T)
    client.revoke(made["entityId"], "Erreur")
    assert client.assertion(made["entityId"])["revocationReason"] == "Erreur"


def test_erase_removes_the_saved_badge_files(
    store: Store, data: Path, book: IssuerBook, naps: Naps, request_id: str
) -> None:
    assert _send(store, data, book, naps, request_id).status == "issued"
    request = _request(store, request_id)
    image = data / request.answer.image_path
    assert image.exists()
    code, out, err = b.run(data, "erase", request.player_id, "--yes")
    assert code == 0, err
    assert not image.exists() and not image.parent.exists()
    assert str(image) in out


def test_a_players_requests_are_all_saved_sent_before_the_first_post(
    store: Store,
    data: Path,
    book: IssuerBook,
    naps: Naps,
    badgr: BadgrServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pid = b.player(store).id
    b.draft(store, pid, "Entraîner les U9 au club", {"oral": 2})
    review.confirm_experience(store, pid, "1", "Anne")
    first = badges.request_badge(store, pid, "oral", 1, EMAIL, consent=True)
    second = badges.request_badge(store, pid, "oral", 2, EMAIL, consent=True)
    client = _clients(book, naps)(None)
    seen: list[list[str]] = []
    real_issue = client.issue

    def issue(class_id: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        seen.append(sorted(r.status for r in store.badge_requests(pid)))
        return real_issue(class_id, body, key)

    monkeypatch.setattr(client, "issue", issue)  # a recorder over the real method
    outcomes = sending.send_many(store, data, sending.pending(store), lambda _n: client, T)
    assert [(o.request, o.status) for o in outcomes] == [
        (first.id, "issued"),
        (second.id, "issued"),
    ]
    assert seen == [["sent", "sent"], ["sent", "sent"]]
    assert len(badgr.state.assertions) == 2
    assert {r.status for r in store.badge_requests(pid)} == {"issued"}


def test_two_sends_of_one_request_at_once_make_one_badge(
    store: Store,
    data: Path,
    book: IssuerBook,
    badgr: BadgrServer,
    request_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app and a script send the same request at the same moment: both POST (the same
    key), Badgr makes one assertion and refuses the other as a previous award, which the
    client then finds. Both runs end with the same, single badge."""
    import threading

    barrier = threading.Barrier(2, timeout=30)
    outcomes: list[sending.Outcome] = []

    def run() -> None:
        client = _clients(book, Naps())(None)
        real_issue = client.issue

        def issue(class_id: str, body: dict[str, Any], key: str) -> dict[str, Any]:
            barrier.wait()  # both are about to POST
            return real_issue(class_id, body, key)

        monkeypatch.setattr(client, "issue", issue)  # a recorder over the real method
        request = _request(store, request_id)
        outcomes.append(sending.send(store, data, request, lambda _n: client, T))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [o.status for o in outcomes] == ["issued", "issued"]
    assert len(badgr.state.assertions) == 1
    assert len({o.assertion_url for o in outcomes}) == 1
    assert _request(store, request_id).status == "issued"


def test_a_huge_answer_is_not_read_whole(
    store: Store, data: Path, book: IssuerBook, naps: Naps, badgr: BadgrServer, request_id: str
) -> None:
    """The baked image is 12 MB: refused without filling the memory; the badge is issued and
    its image will be fetched at the next run."""
    normal = badgr.state.png
    badgr.state.png = normal + b"\0" * (12 * 2**20)
    outcome = _send(store, data, book, naps, request_id)
    assert outcome.status == "issued"
    assert "trop grande" in outcome.message and "relancez" in outcome.message
    assert _request(store, request_id).answer.image_path == ""
    badgr.state.png = normal
    assert [r.id for r in sending.pending(store)] == [request_id]  # fetched again next run
    again = _send(store, data, book, naps, request_id)
    assert again.status == "issued" and _request(store, request_id).answer.image_path
    assert len(badgr.state.assertions) == 1


def test_files_come_over_a_second_connection_while_the_next_badge_is_posted(
    store: Store, data: Path, book: IssuerBook, naps: Naps, badgr: BadgrServer
) -> None:
    """The POSTs stay on the sending thread; each badge's image is fetched by one worker over
    its own session (same adapters, so the same pools and settings), and every file is on
    disk, 0600, when the requests are saved ``issued``."""
    pid = b.player(store).id
    b.draft(store, pid, "Entraîner les U9 au club", {"oral": 2})
    review.confirm_experience(store, pid, "1", "Anne")
    made = [badges.request_badge(store, pid, "oral", n, EMAIL, consent=True) for n in (1, 2)]
    client = _clients(book, naps)(None)
    files = client.files_client()
    assert files is client.files_client() and files.session is not client.session
    assert files.session.adapters == client.session.adapters  # the very same adapter objects
    assert (files.timeout, files.tries, files.sleep) == (client.timeout, client.tries, naps)
    assert files.session.trust_env == client.session.trust_env
    threads: dict[str, set[str]] = {"POST": set(), "GET": set()}
    real_send = IssuerClient._send

    def send(self: IssuerClient, method: str, url: str, **kwargs: Any):
        if (method, "/v2/" in url) in (("POST", True), ("GET", False)):  # POSTs, files
            threads[method].add(threading.current_thread().name)
        return real_send(self, method, url, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(IssuerClient, "_send", send)
        outcomes = sending.send_many(store, data, sending.pending(store), lambda _n: client, T)
    assert [o.status for o in outcomes] == ["issued", "issued"]
    assert threads["POST"] == {threading.current_thread().name}
    assert len(threads["GET"]) == 1 and next(iter(threads["GET"])).startswith("badge-fetch")
    for request in made:
        saved = _request(store, request.id)
        image = data / saved.answer.image_path
        assert image.read_bytes() == badgr.state.png
        assert stat.S_IMODE(image.stat().st_mode) == 0o600
