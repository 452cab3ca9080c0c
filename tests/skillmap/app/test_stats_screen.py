"""The statistics screen: the record's figures, a chart by month, the CSV export (0600, `;`,
BOM), the same figures after an erasure; readable in both themes."""

import csv
import io
import stat

import pytest

from skillmap import funders
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.players import PlayersScreen
from skillmap.app.screens.stats_screen import StatsScreen
from tests.skillmap.app.conftest import (
    COUNSELLOR,
    click,
    frames,
    overlaps,
    player_id,
    read_check,
    shot,
)


def test_players_list_opens_the_statistics_and_exports_the_csv(app, store):
    app.go(PlayersScreen(app.ctx, app.manager))
    frames(app)
    click(app, app.screen.stats_button)
    screen = app.screen
    assert isinstance(screen, StatsScreen)
    expected = funders.figures(store).as_dict()["totals"]
    assert screen.figures.as_dict()["totals"] == expected and expected["people"] == 4
    click(app, screen.export_button)
    (path,) = (store.root / "exports").glob("statistiques-*.csv")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert screen.message_ok and str(path) in screen.message
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][2:] == [str(expected[m]) for m in funders.METRICS]


def test_the_figures_stay_after_erasing_a_person(app, store):
    before = funders.figures(store).as_dict()
    store.erase_player(player_id(store, "Lina"))
    app.go(StatsScreen(app.ctx, app.manager))
    frames(app)
    assert app.screen.figures.as_dict() == before


@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
def test_the_statistics_read_in_both_themes(store, high: bool) -> None:
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high), clock=FixedClock())
    try:
        app.go(StatsScreen(app.ctx, app.manager))
        frames(app, 3)
        assert app.screen is not None
        assert app.screen.message_ok, app.screen.message
        shot(app, f"statistics{'-hc' if high else ''}")
        problems = read_check(app, high) + overlaps(app)
        assert not problems, "\n".join(problems[:30])
    finally:
        app.close()
