"""The badges part of a player's page: « Envoyer » sends a queued request to a real HTTP issuer
(the Badgr-shaped server on 127.0.0.1) in a worker thread while the page keeps drawing; an
issued badge shows its image and « Vérifier ce badge »; a revoked one says so; an issuer that
does not answer leaves the request waiting with the reason, in French."""

import socket
import time
from collections.abc import Iterator

import pytest
from pygame_gui.elements import UIButton

from shared.badge import BadgeRequest, IssuerAnswer
from skillmap import badges
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.ui import TextLog
from skillmap.issuers import IssuerBook, IssuerConfig
from tests.skillmap.app.conftest import click, frames, player_id, shot
from tests.skillmap.badgr_server import CLIENT_ID, CLIENT_SECRET, BadgrServer

DEADLINE_S = 30.0


@pytest.fixture
def badgr() -> Iterator[BadgrServer]:
    with BadgrServer() as server:
        yield server


def _configure(store, url: str) -> None:
    mapping = {"rectec/collectif/3": "Zm9vYmFyMw"}
    config = IssuerConfig(name="badgr", url=url, client_id=CLIENT_ID, kind="badgr", mapping=mapping)
    IssuerBook(store.root).add(config, CLIENT_SECRET)


def _queued(store) -> BadgeRequest:
    pid = player_id(store, "Lina")
    words = "Au tournoi, j’ai fait les équipes avec le coach."
    return badges.request_badge(
        store, pid, "collectif", 3, "lina@example.org", consent=True, narrative=words
    )


def _open(app, store) -> PlayerScreen:
    app.go(PlayerScreen(app.ctx, app.manager, player_id(store, "Lina"), tab="badges"))
    frames(app)
    app.screen.badges_part.client_options = {"sleep": lambda _s: None}
    return app.screen


def _button(screen: PlayerScreen, request_id: str) -> UIButton:
    """The request's button (« Envoyer », « Vérifier ce badge »), typed for its label."""
    button = screen.badges_part.buttons[request_id]
    assert isinstance(button, UIButton), button
    return button


def _wait_for_send(app) -> PlayerScreen:
    """Step frames until the worker is done (it sets an event); bounded by a deadline."""
    screen = app.screen
    job = screen.badges_part.last_job
    assert job is not None
    assert job.done.wait(DEADLINE_S)
    deadline = time.monotonic() + DEADLINE_S
    while screen.badges_part.job is not None and time.monotonic() < deadline:
        frames(app, 1)
    frames(app)  # the rebuilt widgets drawn once
    return app.screen


def test_send_issues_and_shows_the_badge(app, store, badgr: BadgrServer) -> None:
    _configure(store, badgr.state.base)
    request = _queued(store)
    screen = _open(app, store)
    send = _button(screen, request.id)
    assert send.text == "Envoyer"
    click(app, send)
    assert screen.badges_part.last_job is not None
    screen = _wait_for_send(app)
    assert screen.message_ok and screen.message.startswith("Envoyé : badge émis"), screen.message
    (stored,) = [r for r in store.badge_requests(request.player_id) if r.id == request.id]
    assert stored.status == "issued" and stored.answer.image_path
    assert len(badgr.state.assertions) == 1
    frames(app)
    verify = _button(screen, request.id)
    assert verify.text == "Vérifier ce badge"
    opened: list[str] = []
    screen.badges_part.open_url = opened.append
    click(app, verify)
    assert opened == [stored.answer.assertion_url]
    shot(app, "player-badges-issued")


def test_issuer_down_keeps_it_waiting_with_the_reason(app, store) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    _configure(store, f"http://127.0.0.1:{port}")
    request = _queued(store)
    screen = _open(app, store)
    click(app, screen.badges_part.buttons[request.id])
    screen = _wait_for_send(app)
    assert not screen.message_ok and "ne répond pas" in screen.message
    (stored,) = [r for r in store.badge_requests(request.player_id) if r.id == request.id]
    assert (stored.status, stored.attempts) == ("queued", 1)
    assert _button(screen, request.id).text == "Envoyer"
    shot(app, "player-badges-waiting")


def test_no_issuer_configured_is_said_plainly(app, store) -> None:
    request = _queued(store)
    screen = _open(app, store)
    click(app, screen.badges_part.buttons[request.id])
    screen = _wait_for_send(app)
    assert not screen.message_ok and "issuer add" in screen.message


def test_revoked_badge_says_so(app, store) -> None:
    request = _queued(store)
    request.move_to("sent")
    request.move_to("issued")
    request.answer = IssuerAnswer(
        assertion_url="https://badges.example.org/assertions/1",
        assertion_id="1",
        issuer="structure",
        revoked=True,
        revocation_reason="Erreur de saisie",
    )
    store.save_badge_request(request)
    screen = _open(app, store)
    TextLog.items = []
    try:
        app.render()
        drawn = " ".join(item.text for item in TextLog.items)
    finally:
        TextLog.items = None
    assert "Révoqué" in drawn and "Erreur de saisie" in drawn
    assert _button(screen, request.id).text == "Vérifier ce badge"
    shot(app, "player-badges-revoked")
