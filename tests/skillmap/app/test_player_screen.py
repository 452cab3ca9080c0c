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


def test_evidence_names_the_scenario_by_its_title(app, store):
    from skillmap.app.ui import TextLog

    screen = open_page(app, store)
    screen.show_tab("evidence")
    frames(app)
    TextLog.items = []
    try:
        app.render()
        drawn = " ".join(item.text for item in TextLog.items)
    finally:
        TextLog.items = None
    shown = {e.scenario_id for e in app.screen.evidence[:3]}
    for scenario_id in shown:
        assert app.ctx.scenario_titles[scenario_id] in drawn
        assert f"{scenario_id} ·" not in drawn


def test_titles_survive_a_broken_scenario_and_fall_back_to_ids(tmp_path):
    import shutil

    from shared.paths import content_dir
    from skillmap.app import scenario_titles

    content = tmp_path / "content"
    for needed in ("frameworks", "images"):
        shutil.copytree(content_dir() / needed, content / needed)
    (content / "scenarios").mkdir()
    shutil.copy(content_dir() / "scenarios" / "marche.yaml", content / "scenarios")
    (content / "scenarios" / "abime.yaml").write_text("id: abime\ntitle: [", encoding="utf-8")
    titles = scenario_titles("fr", content / "scenarios")
    assert titles == {"marche": "Un samedi au marché"}
    assert titles.get("retire", "retire") == "retire"  # no longer installed: its id
