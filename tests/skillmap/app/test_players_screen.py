"""The list of players: search, what is new, opening a page marks the player reviewed."""

import re

import pygame
import pytest

from skillmap import people
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.screens.players import PlayersScreen
from tests.skillmap.app.conftest import (
    click,
    frames,
    key,
    on_screen,
    player_id,
    shot,
    type_text,
)


def open_list(app) -> PlayersScreen:
    app.go(PlayersScreen(app.ctx, app.manager))
    frames(app)
    return app.screen


def test_list_puts_what_is_new_first_and_renders(app, store):
    screen = open_list(app)
    assert [r["pseudonym"] for r in screen.rows] == ["Lina", "Maëlys", "Yanis59", "Sofiane"]
    assert [r["new"] for r in screen.rows] == [True, True, True, False]
    shot(app, "players")


def test_search_box_filters_as_you_type(app, store):
    screen = open_list(app)
    type_text(app, screen.search_box, "maë")
    assert [r["pseudonym"] for r in screen.rows] == ["Maëlys"]
    assert len(screen.row_buttons) == 1


def test_clicking_a_row_opens_the_page_and_new_stays_until_reviewed(app, store):
    """Issue 13: « nouveau » clears when the counsellor has reviewed, not when a page opens."""
    screen = open_list(app)
    click(app, screen.row_buttons[0])
    assert isinstance(app.screen, PlayerScreen)
    lina = player_id(store, "Lina")
    assert app.screen.player_id == lina
    assert lina not in people.review_marks(store, app.ctx.counsellor)
    click(app, app.screen.focus.items[0])  # the back button
    rows = {r["pseudonym"]: r for r in app.screen.rows}
    assert rows["Lina"]["new"] and rows["Yanis59"]["new"]


def test_only_new_chip_hides_reviewed_players(app, store):
    people.mark_reviewed(store, player_id(store, "Lina"), app.ctx.counsellor)
    screen = open_list(app)
    click(app, screen.new_chip)
    assert "Lina" not in [r["pseudonym"] for r in app.screen.rows]
    assert app.screen.only_new


def test_tab_then_enter_opens_a_player(app, store):
    open_list(app)
    for _ in range(5):  # search, structure, workshop, "only new", first row
        key(app, pygame.K_TAB)
    assert app.screen.focus.current is app.screen.row_buttons[0]
    key(app, pygame.K_RETURN)
    frames(app)
    assert isinstance(app.screen, PlayerScreen)


def test_empty_data_folder_explains_what_to_do(tmp_path):
    from shared.store import Store
    from skillmap.app import make_context
    from skillmap.app.app import App, FixedClock

    ctx = make_context(Store(tmp_path / "empty"), counsellor="Nadia", titles={})
    app = App(ctx, clock=FixedClock())
    app.go(PlayersScreen(ctx, app.manager))
    frames(app)
    assert app.screen.rows == []
    shot(app, "players-empty")
    app.close()


def test_main_accepts_the_clis_namespace_and_closes_cleanly(tmp_path, monkeypatch):
    import argparse

    from skillmap.app import main, options_from
    from skillmap.app.app import App

    options = options_from(argparse.Namespace(data_dir=str(tmp_path), lang=None, by="Nadia"))
    assert options.data_dir == str(tmp_path) and options.lang == "fr"
    assert options.counsellor == "Nadia"
    monkeypatch.setattr(App, "step", lambda self, dt=None: False)  # the window is closed at once
    assert main(["--data-dir", str(tmp_path / "data")]) == 0


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fr", "Atelier ABC234 · 12 nov. 2026"), ("en", "Workshop ABC234 · Nov 12 2026")],
)
def test_the_workshop_filter_says_its_dates_in_words(store, lang: str, words: str) -> None:
    """Issue 13: the filter said « 2026-11-12 »; it says the day as the rest of the app does,
    and choosing the option by the mouse still filters on that workshop."""
    from shared.player import Workshop
    from skillmap.app import make_context
    from skillmap.app.app import App, FixedClock
    from tests.skillmap.app.conftest import COUNSELLOR
    from tests.skillmap.app.test_endorsements_sharing import _choose

    store.add_workshop(
        Workshop(code="ABC234", structure="ML Denain", counsellor=COUNSELLOR, date="2026-11-12")
    )
    app = App(make_context(store, lang=lang, counsellor=COUNSELLOR), clock=FixedClock())
    try:
        screen = open_list(app)
        assert words in screen.workshop_names
        assert not [n for n in screen.workshop_names if re.search(r"\d{4}-\d\d-\d\d", n)]
        _choose(app, screen.workshop_menu, words)
        assert on_screen(app, PlayersScreen).workshop == "ABC234"
        assert on_screen(app, PlayersScreen).workshop_menu.selected_option[0] == words
        shot(app, f"players-workshop-filter-{lang}")
    finally:
        app.close()
