"""The player's map shows « avant » (the end of the first day something was confirmed) and
« maintenant » with one button; readable in both themes."""

import pytest

from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.player import PlayerScreen
from tests.skillmap import builders as b
from tests.skillmap.app.conftest import (
    COUNSELLOR,
    click,
    frames,
    on_screen,
    overlaps,
    read_check,
    shot,
)
from tests.skillmap.test_progression import _confirmed


@pytest.fixture
def grown(store):
    pid = b.player(store, "Zoé", "ML Denain").id
    store.add_experience(_confirmed(pid, 3, {"oral": 1}))
    store.add_experience(_confirmed(pid, 20, {"oral": 3, "collectif": 2}))
    return pid


@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
def test_before_and_now_on_the_map(store, grown, high: bool) -> None:
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high), clock=FixedClock())
    try:
        app.go(PlayerScreen(app.ctx, app.manager, grown))
        frames(app)
        screen = on_screen(app, PlayerScreen)
        assert screen._shown_profile().get("oral").confirmed_level == 3
        click(app, screen.then_button)
        screen = on_screen(app, PlayerScreen)
        assert screen.then
        shown = screen._shown_profile()
        assert shown.get("oral").confirmed_level == 1
        assert shown.get("collectif").confirmed_level is None
        frames(app, 3)
        shot(app, f"map-before{'-hc' if high else ''}")
        problems = read_check(app, high) + overlaps(app)
        assert not problems, "\n".join(problems[:30])
        click(app, screen.then_button)
        assert not on_screen(app, PlayerScreen).then
    finally:
        app.close()
