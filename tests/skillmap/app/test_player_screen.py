"""A player's page: the competency wheel drawn from the profile, evidence with provenance."""

import pygame

from skillmap.app.screens.player import PlayerScreen
from skillmap.app.wheel import icon_center
from tests.skillmap.app.conftest import click, frames, player_id, shot


def open_page(app, store, pseudonym: str = "Lina") -> PlayerScreen:
    app.go(PlayerScreen(app.ctx, app.manager, player_id(store, pseudonym)))
    frames(app)
    return app.screen


def test_map_renders_with_confirmed_and_suggested_levels(app, store):
    screen = open_page(app, store)
    profile = screen.data.profile
    assert profile.get("collectif").confirmed_level == 3  # the confirmed football experience
    assert any(row.suggested_level for row in profile.competencies)
    assert screen.wheel is not None and len(screen.wheel.ids) == 10
    shot(app, "player-map")


def test_hovering_a_sector_names_the_competency(app, store):
    screen = open_page(app, store)
    index = screen.wheel.ids.index("collectif")
    x, y = icon_center(screen.wheel, index)
    inward = (
        round(x + (screen.wheel.center[0] - x) * 0.3),
        round(y + (screen.wheel.center[1] - y) * 0.3),
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=inward, rel=(0, 0), buttons=()))
    frames(app)
    assert screen.hovered == "collectif"
    shot(app, "player-map-hover")


def test_evidence_tab_lists_the_newest_choices_first(app, store):
    screen = open_page(app, store)
    evidence_tab = next(b for b in screen.focus.items if "jeu" in getattr(b, "text", ""))
    click(app, evidence_tab)
    screen = app.screen
    assert screen.tab == "evidence"
    dates = [e.created for e in screen.evidence]
    assert dates == sorted(dates, reverse=True)
    shot(app, "player-evidence")


def test_unknown_player_shows_a_message_not_a_traceback(app, store):
    app.go(PlayerScreen(app.ctx, app.manager, "0123abcd"))
    frames(app)
    assert app.screen.data is None
    assert app.screen.message and not app.screen.message_ok
