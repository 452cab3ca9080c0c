"""A structure's own scenarios folder (<data dir>/scenarios, or --content DIR) appears on the
map beside the bundled scenarios, each place flagged and its card marked as the structure's."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.app import App
from game.boot import make_session
from game.scenes.map import MapScene, PlaceMarker
from game.scenes.map_card import PlaceCardScene
from shared.paths import content_dir
from shared.scenario.cli import main as scenario_cli
from tests.game.conftest import add_player, click, focusable, frames, on_top


def _structure_scenario(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    assert scenario_cli(["new", "covoiturage", "--dir", str(folder)]) == 0


def _markers(app: App) -> list[PlaceMarker]:
    return [b for b in on_top(app, MapScene).buttons if isinstance(b, PlaceMarker)]


def test_data_folder_scenarios_are_on_the_map_and_marked(
    app: App, data_dir: Path, tmp_path
) -> None:
    _structure_scenario(data_dir / "scenarios")
    app.session._library = None
    library = app.session.library
    bundled = {p.stem for p in (content_dir() / "scenarios").glob("*.yaml")}
    assert {s.id for s in library.scenarios} == bundled | {"covoiturage"}, library.broken
    assert library.structure_ids == {"covoiturage"}
    add_player(app)
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    marked = [m.key for m in _markers(app) if m.own]
    assert marked == ["scenario:covoiturage"]  # on the town's first page, flagged
    [place] = marked
    click(app, focusable(on_top(app), place).rect.center)
    frames(app)
    card = app.stack.top
    assert isinstance(card, PlaceCardScene) and card.card.own_label == "Ta structure"
    [tag] = [d for d in app.session.theme.drawn if d.text == "Ta structure"]
    assert not tag.cut and card.box.contains(tag.rect)
    pygame.image.save(app.canvas, str(tmp_path / "map-structure.png"))


def test_content_option_folder_replaces_the_data_folder(tmp_path: Path, data_dir: Path) -> None:
    own = tmp_path / "structure"
    _structure_scenario(own)
    session = make_session(str(data_dir), structure_folder=own)
    try:
        assert session.library.structure_ids == {"covoiturage"}
    finally:
        session.writer.close()
