"""The app stays flat over a day: a closed screen is freed at the next screen change, and no
parsed file is frozen out of the garbage collector in the app's process."""

from __future__ import annotations

import gc
import weakref

from shared.store import Store
from skillmap.app.app import App
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.screens.players import PlayersScreen
from tests.skillmap.app.conftest import frames


def test_a_closed_screen_is_freed_at_the_next_change(app: App, store: Store) -> None:
    ids = [row["id"] for row in store.players()]
    app.go(PlayerScreen(app.ctx, app.manager, ids[0]))
    frames(app)
    page = weakref.ref(app.screen)
    gc.disable()  # only the app's own collection may free the page's widget cycles
    try:
        app.go(PlayersScreen(app.ctx, app.manager))
        frames(app)
        assert page() is None, "the player's page is still alive after the screen change"
    finally:
        gc.enable()


def test_the_app_freezes_nothing_out_of_the_collector(app: App, store: Store) -> None:
    frozen = gc.get_freeze_count()
    for pid in [row["id"] for row in store.players()]:
        app.go(PlayerScreen(app.ctx, app.manager, pid))  # reads (parses) each player's file
        frames(app)
    assert gc.get_freeze_count() == frozen
