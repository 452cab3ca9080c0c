"""Issue 9 in the app, against a real issuer (``diva-issuer serve`` on 127.0.0.1, SQLite) that
mails through a real SMTP server (aiosmtpd): asking for an endorsement (consent first), its
state coming back, « Relancer » and « Retirer » asked first, an issuer that does not answer
keeping the request; publishing the portfolio with its QR code, each badge's privacy, « Ne plus
partager ». Driven by posted events; both themes read."""

import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pygame
import pytest
import requests
from pygame_gui.elements import UIButton

from shared.badge import BadgeRequest, Endorsement, Endorser, IssuerAnswer
from shared.store import Store
from skillmap import publishing
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.navigation import ToPersonFile
from skillmap.app.screens.endorsements import LIST as LIST_AREA
from skillmap.app.screens.endorsements import EndorsementsScreen
from skillmap.app.screens.sharing import SharingScreen, qr_modules
from tests.issuer.endorsements.conftest import World, running_world
from tests.issuer.endorsements.smtp_server import free_port
from tests.skillmap import builders as b
from tests.skillmap.app.conftest import (
    COUNSELLOR,
    click,
    frames,
    on_screen,
    overlaps,
    player_id,
    read_check,
    shot,
    type_text,
)

HTML = {"Accept": "text/html"}
EMAIL = "paul.dubois@club.example"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The endorsement tests' issuer and SMTP server, on SQLite only (the issuer's own tests
    cover PostgreSQL); one badge issued to be endorsed and shown."""
    folder = tmp_path_factory.mktemp("app-issuer")
    with running_world(folder, None, "collectif", "lina@example.org") as world:
        yield world


def _configure(store: Store, url: str, secret: str, client_id: str, monkeypatch) -> None:
    monkeypatch.setenv("DIVA_TEST_ISSUER_SECRET", secret)
    code, _, err = b.run(store.root, "issuer", "add", "ml", "--url", url, "--client-id",
                         client_id, "--secret-env", "DIVA_TEST_ISSUER_SECRET")  # fmt: skip
    assert code == 0, err


@pytest.fixture
def lina(store: Store, world: World, monkeypatch: pytest.MonkeyPatch) -> str:
    """Lina (sample data: one confirmed experience) with the world's badge issued to her."""
    pid = player_id(store, "Lina")
    experience = next(e for e in store.experiences(pid) if e.status == "confirmed")
    answer = IssuerAnswer(assertion_url=world.assertion["openBadgeId"],
                          assertion_id=world.assertion["entityId"], issuer="ml")  # fmt: skip
    store.add_badge_request(
        BadgeRequest(
            id=f"badge{pid[:8]}", player_id=pid, competency="collectif", level=2,
            experience_ids=[experience.id], narrative="Je fais les équipes pour les petits.",
            criteria="c", recipient_email="lina@example.org", consent=True, status="issued",
            answer=answer,
        )
    )  # fmt: skip
    _configure(store, world.server.base, world.server.client_secret, world.server.client_id,
               monkeypatch)  # fmt: skip
    world.inbox.arrived.clear()
    return pid


def _open(app: App, pid: str, which: str):
    app.ctx.go(ToPersonFile(pid))
    frames(app)
    click(app, getattr(app.screen, f"{which}_button"))
    return app.screen


def _answer(world: World, comment: str) -> None:
    link = world.link_in(world.next_mail())
    page = requests.get(link, headers=HTML, timeout=30).text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf
    fields = {"csrf": csrf.group(1), "decision": "confirm", "name": "Paul Dubois",
              "comment": comment}  # fmt: skip
    assert requests.post(link, data=fields, headers=HTML, timeout=60).status_code == 200


def _fill(app: App, screen: EndorsementsScreen, subject: str) -> None:
    for field, text in (("name", "Paul Dubois"), ("role", "Entraîneur"),
                        ("organisation", "FC Lens Jeunes"), ("email", EMAIL)):  # fmt: skip
        type_text(app, screen.boxes[field], text)
    _choose(app, screen.subject_menu, subject)


def _choose(app: App, menu, starting: str) -> None:
    """Open a drop-down by a click and click the option that starts with ``starting``, a
    moment later (two clicks within pygame_gui's double-click time are a double click)."""
    click(app, menu)
    frames(app, 40)
    options = [
        s for s in app.manager.get_sprite_group().sprites()
        if isinstance(s, UIButton) and s.visible and s.text.startswith(starting)
        and s.get_abs_rect().top > menu.get_abs_rect().top
    ]  # fmt: skip
    assert options, f"no option {starting!r}"
    pos = options[-1].get_abs_rect().center  # a list item wants the press and the release
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    frames(app, 1)  # in two frames, as a hand gives them
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 4)  # pressed, then the list's new selection, then the menu's
    assert menu.selected_option[0].startswith(starting)


def _drawn_words(app: App) -> str:
    from skillmap.app.ui import TextLog

    TextLog.items = []
    try:
        app.render()
        return " ".join(item.text for item in TextLog.items)
    finally:
        TextLog.items = None


def test_a_request_by_events_then_its_state_reminder_and_withdrawal(app, store, world, lina):
    screen = _open(app, lina, "endorse")
    assert isinstance(screen, EndorsementsScreen)
    _fill(app, screen, "badge")
    click(app, screen.ask_button)  # consent not ticked: refused, nothing stored nor sent
    assert not screen.message_ok and "accepter" in screen.message
    assert store.endorsements(lina) == [] and not world.inbox.arrived.is_set()
    click(app, screen.consent_box)
    click(app, screen.ask_button)
    screen = app.screen
    assert screen.message_ok, screen.message
    [sent] = store.endorsements(lina)
    assert sent.status == "requested" and sent.consent_at is not None
    assert sent.subject_kind == "badge" and sent.endorser.organisation == "FC Lens Jeunes"
    assert "envoyée" in _drawn_words(app) and "Paul Dubois" in _drawn_words(app)
    _answer(world, "Toujours là pour les petits.")
    app.ctx.go(ToPersonFile(lina))  # coming back asks the issuer for the states
    frames(app)
    screen = _open(app, lina, "endorse")
    _settled(app)  # in a worker thread: the screen shows the answer once it is in
    screen = app.screen
    words = _drawn_words(app)
    assert "recommandée" in words and "Toujours là pour les petits." in words
    assert store.endorsements(lina)[0].status == "given"

    _fill(app, screen, "expérience")
    click(app, screen.consent_box)
    click(app, screen.ask_button)
    screen = app.screen
    link = world.link_in(world.next_mail())
    [asked] = [e for e in store.endorsements(lina) if e.subject_kind == "experience"]
    remind, withdraw = screen.row_buttons[asked.id]
    click(app, remind)
    assert screen.dialog is not None and store.endorsements(lina)  # asked first
    shot(app, "endorsements-remind-question")
    assert read_check(app, high_contrast=False) == []
    click(app, screen.dialog_buttons[0])
    assert "Relance envoyée" in app.screen.message
    new_link = world.link_in(world.next_mail())
    assert requests.get(link, headers=HTML, timeout=30).status_code == 404
    [asked] = [e for e in store.endorsements(lina) if e.subject_kind == "experience"]
    assert asked.reminders == 1
    screen = app.screen
    click(app, screen.row_buttons[asked.id][1])
    click(app, screen.dialog_buttons[1])  # « Annuler »: nothing withdrawn
    assert [e.status for e in store.endorsements(lina) if e.id == asked.id] == ["requested"]
    click(app, screen.row_buttons[asked.id][1])
    click(app, screen.dialog_buttons[0])
    assert [e.status for e in store.endorsements(lina) if e.id == asked.id] == ["withdrawn"]
    assert requests.get(new_link, headers=HTML, timeout=30).status_code == 410
    assert "retirée" in _drawn_words(app)
    app.screen.message = ""  # the banner's own green is the base screen's (see the report)
    shot(app, "endorsements")
    assert read_check(app, high_contrast=False) == []
    assert overlaps(app) == []


def test_an_issuer_that_does_not_answer_keeps_the_request(app, store, world, lina, monkeypatch):
    dead = f"http://127.0.0.1:{free_port()}"
    _configure(store, dead, world.server.client_secret, world.server.client_id, monkeypatch)
    screen = _open(app, lina, "endorse")
    _fill(app, screen, "expérience")
    click(app, screen.consent_box)
    click(app, screen.ask_button)
    screen = app.screen
    assert not screen.message_ok and "ne répond pas" in screen.message
    [kept] = store.endorsements(lina)
    assert kept.status == "queued" and kept.consent_at is not None
    assert kept.endorser_email == EMAIL  # kept until the issuer has it
    assert "pas encore envoyée" in _drawn_words(app)
    _configure(
        store, world.server.base, world.server.client_secret, world.server.client_id, monkeypatch
    )  # the issuer is back: « Relancer » sends what was kept
    click(app, screen.row_buttons[kept.id][0])
    click(app, screen.dialog_buttons[0])
    assert app.screen.message_ok, app.screen.message
    [sent] = store.endorsements(lina)
    assert sent.status == "requested" and sent.endorser_email == ""
    assert world.link_in(world.next_mail())  # the request mail went out, with its link


def _module_colours(canvas: pygame.Surface, modules: list[list[bool]], where: pygame.Rect):
    step = where.w // len(modules)
    return [
        [canvas.get_at((where.x + c * step + step // 2, where.y + r * step + step // 2))[:3]
         for c in range(len(modules))]
        for r in range(len(modules))
    ]  # fmt: skip


@pytest.mark.parametrize("high_contrast", [False, True])
def test_publish_with_consent_show_the_qr_code_privacy_then_stop(
    store, world, lina, high_contrast, tmp_path: Path
):
    ctx = make_context(store, counsellor=COUNSELLOR, high_contrast=high_contrast)
    app = App(ctx, clock=FixedClock())
    try:
        store.withdraw_consent(lina, "share_portfolio")
        screen = _open(app, lina, "share")
        assert isinstance(screen, SharingScreen) and not screen.consent_box.get_state()
        click(app, screen.publish_button)  # no consent ticked: nothing published
        assert not screen.message_ok and publishing.published(store.root, lina) is None
        until = (date.today() + timedelta(days=30)).isoformat()
        click(app, screen.consent_box)
        type_text(app, screen.expiry_box, until)
        click(app, screen.publish_button)
        screen = on_screen(app, SharingScreen)
        assert screen.message_ok, screen.message
        done = publishing.published(store.root, lina)
        assert done is not None and done.expires.startswith(until)
        assert store.player(lina).consent.share_portfolio  # the consent is recorded
        page = requests.get(done.url, headers=HTML, timeout=30)
        assert page.status_code == 200 and "Lina" in page.text
        canvas = app.render()
        assert screen.qr_rect is not None and screen.qr_rect.w >= 300  # big on screen
        modules = qr_modules(done.url)
        seen = _module_colours(canvas, modules, screen.qr_rect)
        assert [[c == (0x2B, 0x25, 0x40) for c in row] for row in seen] == modules
        assert done.url in _drawn_words(app).replace(" ", "")  # the link, cut over two lines
        screen.message = ""
        theme = "contrast" if high_contrast else "light"
        shot(app, f"sharing-{theme}")
        assert read_check(app, high_contrast) == []
        assert overlaps(app) == []

        _until(app, lambda: on_screen(app, SharingScreen).reading is None)  # rows usable
        screen = on_screen(app, SharingScreen)
        menu, first, narrative, apply, _labels = screen.privacy[f"badge{lina[:8]}"]
        assert first.is_enabled
        url = world.assertion["openBadgeId"]
        assert "Délivré à" not in requests.get(url, headers=HTML, timeout=30).text  # the least
        _choose(app, menu, "Le prénom")
        type_text(app, first, "Lina")
        click(app, narrative)
        click(app, apply)
        assert on_screen(app, SharingScreen).message_ok, on_screen(app, SharingScreen).message
        public = requests.get(url, headers=HTML, timeout=30).text
        assert "Délivré à : Lina" in public and "poussins" in public
        app.ctx.go(ToPersonFile(lina))  # coming back: the rows show the choice in force
        frames(app)
        screen = _open(app, lina, "share")
        assert "Lecture des choix" in _drawn_words(app) or screen.reading is None
        _until(app, lambda: on_screen(app, SharingScreen).reading is None)
        menu, first, narrative, apply, _labels = screen.privacy[f"badge{lina[:8]}"]
        assert menu.selected_option[0] == "Le prénom" and first.get_text() == "Lina"
        assert narrative.get_state() and apply.is_enabled

        click(app, screen.unpublish_button)
        assert screen.dialog is not None and publishing.published(store.root, lina)  # asked
        click(app, screen.dialog_buttons[0])
        assert publishing.published(store.root, lina) is None
        assert requests.get(done.url, headers=HTML, timeout=30).status_code in (404, 410)
        app.render()
        assert on_screen(app, SharingScreen).qr_rect is None and "Pas de lien" in _drawn_words(app)
    finally:
        requests.put(f"{world.server.base}/v2/assertions/{world.assertion['entityId']}/privacy",
                     json={"name": "none", "displayName": "", "showNarrative": False},
                     headers=world.server.auth(), timeout=30)  # fmt: skip
        app.close()


def test_the_requests_read_in_high_contrast(store, world, lina):
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=True), clock=FixedClock())
    try:
        screen = _open(app, lina, "endorse")
        _fill(app, screen, "badge")
        click(app, screen.consent_box)
        click(app, screen.ask_button)
        world.next_mail()
        [asked] = store.endorsements(lina)
        assert asked.status == "requested" and "envoyée" in _drawn_words(app)
        app.screen.message = ""
        shot(app, "endorsements-contrast")
        assert read_check(app, high_contrast=True) == []
        assert overlaps(app) == []
        click(app, app.screen.row_buttons[asked.id][1])  # the question reads too
        assert read_check(app, high_contrast=True) == []
    finally:
        app.close()


# --- an issuer that hangs; lists that page ---------------------------------------------------


class HangingIssuer:
    """A real TCP server that accepts connections and never answers (a hung issuer)."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.accepted = threading.Event()
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            self.connections.append(connection)
            self.accepted.set()

    def close(self) -> None:
        """Hang up on everyone and stop listening: the client now gets refused at once."""
        self.listener.close()
        for connection in self.connections:
            connection.close()
        self.thread.join(10)


def _until(app: App, done, seconds: float = 60) -> None:
    """Run frames until ``done()`` (a deadline, never a sleep)."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "the screen never got there"
        frames(app, 1)


def _settled(app: App) -> None:
    """Until the screen has the issuer's answer about the states (the worker is done)."""
    _until(app, lambda: getattr(app.screen, "refresh_job", None) is None)


def _endorsement(store: Store, pid: str, n: int, status: str, **extra) -> Endorsement:
    made = Endorsement(
        player_id=pid, endorser=Endorser(name=f"Personne {n}", role="Tutrice",
                                         organisation="Club"),
        subject_kind="experience", subject_id="x", status=status,
        created=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=n), issuer="ml", **extra,
    )  # fmt: skip
    return store.add_endorsement(made)


def test_a_hanging_issuer_never_freezes_the_requests_screen(app, store, world, lina, monkeypatch):
    hung = HangingIssuer()
    try:
        _configure(store, hung.url, world.server.client_secret, world.server.client_id,
                   monkeypatch)  # fmt: skip
        monkeypatch.setattr(EndorsementsScreen, "client_options", {"sleep": lambda _s: None})
        waiting = _endorsement(store, lina, 1, "requested", request_id="r-hung")
        screen = _open(app, lina, "endorse")
        assert hung.accepted.wait(30)  # the worker is talking to the issuer, which hangs
        frames(app, 3)
        assert screen.updating and "Mise à jour des états…" in _drawn_words(app)
        shot(app, "endorsements-updating")
        assert read_check(app, high_contrast=False) == [] and overlaps(app) == []
        remind, withdraw = screen.row_buttons[waiting.id]
        assert not remind.is_enabled and not withdraw.is_enabled  # until the states are in
        type_text(app, screen.boxes["name"], "Paul")  # the screen answers meanwhile
        assert screen.boxes["name"].get_text() == "Paul" and screen.updating
        click(app, screen.consent_box)
        assert screen.consent_box.get_state()
        hung.close()
        _settled(app)
        screen = app.screen
        assert not screen.message_ok and "n’ont pas pu être mis à jour" in screen.message
        assert "ne répond pas" in screen.message
        assert "Mise à jour" not in _drawn_words(app)
        assert screen.boxes["name"].get_text() == "Paul" and screen.consent_box.get_state()
        assert screen.row_buttons[waiting.id][0].is_enabled
        assert [e.status for e in store.endorsements(lina)] == ["requested"]  # unchanged
    finally:
        hung.close()


def _drawn_names(app: App) -> list[str]:
    return re.findall(r"Personne \d+", _drawn_words(app))


@pytest.mark.parametrize("high_contrast", [False, True])
def test_more_than_five_requests_page_by_events(store, high_contrast):
    pid = player_id(store, "Lina")
    for n, status in enumerate(("given", "declined", "expired", "withdrawn", "queued",
                                "given", "declined")):  # fmt: skip
        _endorsement(store, pid, n, status)
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high_contrast),
              clock=FixedClock())  # fmt: skip
    try:
        screen = _open(app, pid, "endorse")
        assert _drawn_names(app) == [f"Personne {n}" for n in (6, 5, 4, 3, 2)]  # newest first
        assert "Page 1 sur 2" in _drawn_words(app)
        assert not screen.pager.prev_button.is_enabled and screen.pager.next_button.is_enabled
        theme = "contrast" if high_contrast else "light"
        shot(app, f"endorsements-paged-{theme}")
        assert read_check(app, high_contrast) == [] and overlaps(app) == []
        click(app, screen.pager.next_button)
        screen = app.screen
        assert _drawn_names(app) == ["Personne 1", "Personne 0"]
        assert "Page 2 sur 2" in _drawn_words(app) and not screen.pager.next_button.is_enabled
        assert read_check(app, high_contrast) == [] and overlaps(app) == []
        pygame.mouse.set_pos(LIST_AREA.center)
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))  # wheel up
        frames(app)
        assert _drawn_names(app)[0] == "Personne 6"
    finally:
        app.close()


def _with_issued_badges(store: Store, count: int) -> str:
    """Lina with ``count`` badges issued (``badge{n}{id[:8]}``), all backed by her one
    confirmed experience; returns her id."""
    pid = player_id(store, "Lina")
    lived = next(e for e in store.experiences(pid) if e.status == "confirmed")
    rated = lived.competencies[0]
    for n in range(count):
        answer = IssuerAnswer(assertion_url=f"https://badges.example/a/{n}",
                              assertion_id=f"a{n}", issuer="ml")  # fmt: skip
        store.add_badge_request(
            BadgeRequest(id=f"badge{n}{pid[:8]}", player_id=pid, competency=rated.competency,
                         level=rated.level, experience_ids=[lived.id], narrative="n",
                         criteria="c", recipient_email="l@example.org", consent=True,
                         status="issued", answer=answer)
        )  # fmt: skip
    return pid


@pytest.mark.parametrize("high_contrast", [False, True])
def test_rows_wait_while_the_choices_are_read_and_still_read(store, high_contrast, monkeypatch):
    """Until the issuer has said what each badge shows, its row cannot be changed (what is
    typed there would be replaced by the answer); greyed, it still reads."""
    pid = _with_issued_badges(store, 1)
    answered = threading.Event()

    def slow_issuer(_store, _ref, _clients) -> dict:
        answered.wait(60)
        return {"name": "first_name", "displayName": "Lina", "showNarrative": True}

    monkeypatch.setattr(publishing, "privacy_of", slow_issuer)
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high_contrast),
              clock=FixedClock())  # fmt: skip
    try:
        screen = _open(app, pid, "share")
        menu, first, narrative, apply, _labels = screen.privacy[f"badge0{pid[:8]}"]
        assert screen.reading is not None
        assert not any(c.is_enabled for c in (menu, first, narrative, apply))
        shot(app, f"sharing-reading-{'contrast' if high_contrast else 'light'}")
        assert read_check(app, high_contrast) == [] and overlaps(app) == []
        answered.set()
        _until(app, lambda: app.screen.reading is None)
        menu, first, narrative, apply, _labels = screen.privacy[f"badge0{pid[:8]}"]
        assert all(c.is_enabled for c in (menu, first, narrative, apply))
        assert first.get_text() == "Lina" and narrative.get_state()
    finally:
        answered.set()
        app.close()


@pytest.mark.parametrize("high_contrast", [False, True])
def test_more_than_three_badges_page_on_the_sharing_screen(store, high_contrast):
    pid = _with_issued_badges(store, 4)
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high_contrast),
              clock=FixedClock())  # fmt: skip
    try:
        screen = _open(app, pid, "share")
        _until(app, lambda: app.screen.reading is None)  # no issuer here: said, rows at least
        assert "n’ont pas pu être lus" in screen.message
        screen.message = ""
        first_page = set(screen.privacy)
        assert len(first_page) == 3 and "Page 1 sur 2" in _drawn_words(app)
        theme = "contrast" if high_contrast else "light"
        shot(app, f"sharing-paged-{theme}")
        assert read_check(app, high_contrast) == [] and overlaps(app) == []
        click(app, screen.pager.next_button)
        _until(app, lambda: app.screen.reading is None)  # the fourth badge's choice asked
        screen = app.screen
        screen.message = ""  # the error banner's colours are the base screen's
        [last] = screen.privacy
        assert last not in first_page and "Page 2 sur 2" in _drawn_words(app)
        assert last.startswith("badge3")  # the fourth badge, on the second page
        assert read_check(app, high_contrast) == [] and overlaps(app) == []
        click(app, screen.pager.prev_button)
        assert set(app.screen.privacy) == first_page
    finally:
        app.close()
