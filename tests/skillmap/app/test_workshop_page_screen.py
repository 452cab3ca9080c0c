"""The workshop page in the app: reached from the players list (mouse and keyboard), who
played and what waits (oldest first), the group's map, « Imprimer » (0600, the CLI's page),
paging with nobody cut, both themes; a workshop of 15 generated players reviewed from it."""

import re
import stat
from pathlib import Path

import pygame
import pytest

from bench.skillmap_sample import make_sample
from shared.player import Workshop
from shared.store import Store
from skillmap import review, workshop_page
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.screens.players import PlayersScreen
from skillmap.app.screens.review import ReviewScreen
from skillmap.app.screens.words_form import WordsFormScreen
from skillmap.app.screens.workshop_page import PER_PAGE, WorkshopPageScreen
from tests.skillmap import builders as b
from tests.skillmap.app.conftest import (
    COUNSELLOR,
    click,
    frames,
    key,
    on_screen,
    overlaps,
    read_check,
    shot,
    type_text,
)
from tests.skillmap.app.test_endorsements_sharing import _choose  # a drop-down, by events
from tests.skillmap.app.test_words_form import button

CODE = "DNA4K7"


@pytest.fixture
def big(tmp_path: Path) -> Store:
    """45 generated players: 15 in each of the three workshops."""
    return make_sample(tmp_path / "data", players=45, evidence=180)


def _open_page(app: App) -> WorkshopPageScreen:
    app.go(PlayersScreen(app.ctx, app.manager))
    frames(app)
    players = on_screen(app, PlayersScreen)
    assert not players.page_button.visible  # no workshop chosen: no page to open
    _choose(app, players.workshop_menu, f"Atelier {CODE}")
    assert players.workshop == CODE and players.page_button.visible
    click(app, players.page_button)
    return on_screen(app, WorkshopPageScreen)


def test_the_page_lists_who_played_oldest_draft_first_and_prints(big: Store) -> None:
    app = App(make_context(big, counsellor=COUNSELLOR), clock=FixedClock())
    try:
        screen = _open_page(app)
        page = workshop_page.gather(big, CODE)
        assert len(page.members) == 15
        ordered = screen.members()
        assert {m.player_id for m in ordered} == {m.player_id for m in page.members}
        waiting = [m for m in ordered if m.drafts]
        assert waiting and [m.oldest_draft for m in waiting] == sorted(
            m.oldest_draft for m in waiting
        )
        assert all(not m.drafts for m in ordered[len(waiting) :])
        # paging: every member is on one page, none twice, none cut
        seen = []
        for _ in range(screen.pager.pages()):
            shown = on_screen(app, WorkshopPageScreen)
            seen += [b.tool_tip_text for b in shown.row_buttons]
            assert len(shown.row_buttons) <= PER_PAGE
            if shown.pager.next_button is not None and shown.pager.can_turn(1):
                click(app, shown.pager.next_button)
        assert len(seen) == 15 and len(set(seen)) == 15
        assert on_screen(app, WorkshopPageScreen).pager.pages() == 3
        # the group's map: per competency, how many have it confirmed and the best level
        profile = on_screen(app, WorkshopPageScreen).group_profile()
        for row in profile.competencies:
            levels = page.group.get(row.competency, [])
            assert row.experiences == len(levels)
            assert row.confirmed_level == (max(levels) if levels else None)
        click(app, on_screen(app, WorkshopPageScreen).print_button)
        out = big.root / "exports" / f"atelier-{CODE}.html"
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        printed = on_screen(app, WorkshopPageScreen)
        assert printed.message_ok and str(out) in printed.message
        assert out.read_text(encoding="utf-8") == workshop_page.to_html(page, app.ctx.t)
    finally:
        app.close()


def test_the_page_is_reached_and_used_by_keyboard(big: Store) -> None:
    app = App(make_context(big, counsellor=COUNSELLOR), clock=FixedClock())
    try:
        app.go(PlayersScreen(app.ctx, app.manager))
        frames(app)
        players = on_screen(app, PlayersScreen)
        _choose(app, players.workshop_menu, f"Atelier {CODE}")
        players.focus.focus(players.workshop_menu)
        key(app, pygame.K_TAB)  # « Seulement les nouveautés », then the workshop's page
        key(app, pygame.K_TAB)
        assert on_screen(app, PlayersScreen).focus.current is players.page_button
        key(app, pygame.K_RETURN)
        frames(app)
        screen = app.screen
        assert isinstance(screen, WorkshopPageScreen)
        key(app, pygame.K_TAB)  # « Retour »
        key(app, pygame.K_TAB)  # the first row: the oldest draft waiting
        first = screen.members()[0]
        assert screen.focus.current is screen.row_buttons[0]
        key(app, pygame.K_RETURN)
        frames(app)
        assert isinstance(app.screen, ReviewScreen) and app.screen.player_id == first.player_id
    finally:
        app.close()


@pytest.fixture
def fifteen(tmp_path: Path) -> Store:
    """One workshop of 15 young people, each with one or two game drafts without words."""
    store = Store(tmp_path / "fifteen")
    store.add_workshop(Workshop(code="ABC234", structure="ML Denain", counsellor=COUNSELLOR,
                                date="2026-11-12"))  # fmt: skip
    for index in range(15):
        pid = b.player(store, f"Jeune{index:02d}", "ML Denain", workshops=["ABC234"]).id
        for number in range(1 + index % 2):
            b.draft(store, pid, f"Une sortie ({number + 1})", {"organisation": 2}, words="")
    return store


def _review_from_the_first_row(app: App, members: set[str], most: int) -> tuple[int, int]:
    """Click the page's first row, then confirm each draft shown with the young person's
    words (« Confirmer » → their words → « Enregistrer et confirmer ») while the app goes on
    by itself; every young person reviewed is one of ``members``. (drafts, actions)."""
    t = app.ctx.t
    click(app, on_screen(app, WorkshopPageScreen).row_buttons[0])
    actions, drafts = 1, 0
    while isinstance(app.screen, ReviewScreen):
        assert app.screen.player_id in members, "the queue left the workshop"
        click(app, button(app.screen, t("app.review.confirm")))
        actions += 1
        if isinstance(app.screen, WordsFormScreen):  # no words yet: asked for first
            type_text(app, app.screen.words_box, "Je l’ai fait avec mes mots.")
            click(app, button(app.screen, t("app.words.save_confirm")))
            actions += 2
        frames(app)
        drafts += 1
        assert drafts <= most
    return drafts, actions


def test_a_workshop_of_15_is_reviewed_from_its_page_counting_the_actions(fifteen, capsys):
    """From the page: a click on the first row (the oldest draft), then for each draft
    « Confirmer » → their words → « Enregistrer et confirmer »; the app goes on by itself."""
    app = App(make_context(fifteen, counsellor=COUNSELLOR), clock=FixedClock())
    try:
        app.go(WorkshopPageScreen(app.ctx, app.manager, "ABC234"))
        frames(app)
        members = app.screen.members()
        assert sum(m.drafts for m in members) == 22
        drafts, actions = _review_from_the_first_row(app, {m.player_id for m in members}, 22)
        assert (drafts, actions) == (22, 1 + 3 * 22)  # none had their words: 3 each
        # the last draft confirmed, the app is back on the page, which says it
        assert isinstance(app.screen, WorkshopPageScreen)
        assert app.screen.message == app.ctx.t("app.wpage.done", code="ABC234")
        assert all(
            e.status == "confirmed" and e.own_words
            for r in fifteen.players()
            for e in fifteen.experiences(r["id"])
        )
        assert all(m.drafts == 0 and m.confirmed >= 1 for m in app.screen.members())
        with capsys.disabled():
            print(f"\nworkshop page, 15 young people, {drafts} drafts: {actions} actions")
        assert (actions - 1) / drafts <= 4
    finally:
        app.close()


def test_from_a_workshops_page_the_queue_stays_in_that_workshop(big: Store) -> None:
    """VAL9P2 comes last in the queue (by code): from its page, the review goes from one of
    its young people to the next of its own, never to another workshop's."""
    app = App(make_context(big, counsellor=COUNSELLOR), clock=FixedClock())
    try:
        app.go(WorkshopPageScreen(app.ctx, app.manager, "VAL9P2"))
        frames(app)
        page = on_screen(app, WorkshopPageScreen)
        members = {m.player_id for m in page.members()}
        others = {r["id"] for r in big.players()} - members
        drafts_elsewhere = sum(len(review.drafts(big, pid)) for pid in others)
        waiting = sum(m.drafts for m in page.members())
        assert waiting and drafts_elsewhere
        done, _actions = _review_from_the_first_row(app, members, waiting)
        assert done == waiting
        assert not any(review.drafts(big, pid) for pid in members)
        assert sum(len(review.drafts(big, pid)) for pid in others) == drafts_elsewhere
        assert isinstance(app.screen, WorkshopPageScreen)  # VAL9P2 reviewed: back on its page
        assert all(m.drafts == 0 for m in app.screen.members())
        click(app, app.screen.focus.items[0])  # « Retour »: the list, where the queue is everyone's
        assert app.ctx.reviewing_workshop == ""
    finally:
        app.close()


@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
def test_the_page_reads_in_both_themes(big: Store, high: bool) -> None:
    app = App(make_context(big, counsellor=COUNSELLOR, high_contrast=high), clock=FixedClock())
    try:
        app.go(WorkshopPageScreen(app.ctx, app.manager, CODE))
        frames(app, 3)
        page = on_screen(app, WorkshopPageScreen)
        assert page.message_ok, page.message
        path = shot(app, f"workshop-page{'-hc' if high else ''}")
        assert path.exists()
        problems = read_check(app, high) + overlaps(app)  # the wheel's hub included
        assert not problems, "\n".join(problems[:30])
    finally:
        app.close()


def _drawn(app: App, monkeypatch: pytest.MonkeyPatch) -> list:
    """Every text drawn by hand on the app's canvas in one frame (the map drawn again)."""
    from skillmap.app.ui import TextLog

    screen = app.screen
    if isinstance(screen, PlayerScreen) and screen.map_surface is not None:
        screen.map_surface = None  # drawn again, so its words are logged
    with monkeypatch.context() as logging:
        logging.setattr(TextLog, "items", [])
        app.render()
        return list(TextLog.items or [])


def _hub_lines(app: App, caption: str, monkeypatch: pytest.MonkeyPatch) -> list:
    """The wheel's hub: the count (« 3/10 ») and its caption."""
    drawn = _drawn(app, monkeypatch)
    return [d for d in drawn if re.fullmatch(r"\d+/10", d.text) or d.text == caption]


@pytest.mark.parametrize(
    ("lang", "said"), [("fr", r"atelier du \d{1,2} \w+\.? 20\d\d"), ("en", r"\w+ \d{1,2} 20\d\d")]
)
def test_the_pages_heading_says_the_day_in_words(
    big: Store, lang: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = App(make_context(big, counsellor=COUNSELLOR, lang=lang), clock=FixedClock())
    try:
        app.go(WorkshopPageScreen(app.ctx, app.manager, CODE))
        frames(app, 2)
        words = " ".join(d.text for d in _drawn(app, monkeypatch))
        assert re.search(said, words) and not re.search(r"\d{4}-\d\d-\d\d", words), words
    finally:
        app.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
def test_the_wheels_hub_count_stands_clear_of_its_caption(
    big: Store, high: bool, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the workshop page and on a young person's map (the two places the wheel is
    drawn), « 3/10 » and « confirmées » do not touch: their boxes, trimmed as overlaps()
    trims them, are apart, the count above, both within the hub's disc."""
    from skillmap.app.wheel import HUB

    ctx = make_context(big, counsellor=COUNSELLOR, high_contrast=high, lang=lang)
    app = App(ctx, clock=FixedClock())
    try:
        caption = app.ctx.t("app.map.hub")
        pid = next(iter(big.players()))["id"]
        for screen in (
            WorkshopPageScreen(app.ctx, app.manager, CODE),
            PlayerScreen(app.ctx, app.manager, pid),
        ):
            app.go(screen)
            frames(app, 2)
            lines = _hub_lines(app, caption, monkeypatch)
            assert [d.text == caption for d in lines] == [False, True], lines
            count, under = (d.rect for d in lines)
            assert count.bottom <= under.top, (count, under)
            assert count.centerx == under.centerx
            centre = (count.centerx, (count.top + under.bottom) // 2)
            for corner in (under.bottomleft, under.bottomright):
                inner = (corner[0] - centre[0], corner[1] - centre[1] - under.h // 4)
                assert inner[0] ** 2 + inner[1] ** 2 < HUB**2, (corner, centre)
            assert not [p for p in overlaps(app) if caption in p or "/10'" in p]
    finally:
        app.close()
