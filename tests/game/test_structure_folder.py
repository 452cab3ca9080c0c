"""A structure's own scenarios folder (<data dir>/scenarios, or --content DIR) appears on the
map beside the bundled scenarios, each card marked as the structure's."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.app import App
from game.boot import make_session
from game.scenes.map import MapScene, ScenarioCard
from shared.paths import content_dir
from shared.scenario.cli import main as scenario_cli
from tests.game.conftest import add_player, frames


def _structure_scenario(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    assert scenario_cli(["new", "covoiturage", "--dir", str(folder)]) == 0


def _cards(app: App) -> list[ScenarioCard]:
    return [b for b in app.stack.top.buttons if isinstance(b, ScenarioCard)]


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
    marked = [c.scenario.id for c in _cards(app) if c.own_label]
    assert marked == ["covoiturage"]  # sorted by id: on the first page
    [card] = [c for c in _cards(app) if c.scenario.id == "covoiturage"]
    assert card.own_label == "Ta structure"
    [tag] = [d for d in app.session.theme.drawn if d.text == "Ta structure"]
    assert not tag.cut and card.rect.contains(tag.rect)
    pygame.image.save(app.canvas, "/tmp/map-structure.png")


def test_content_option_folder_replaces_the_data_folder(tmp_path: Path, data_dir: Path) -> None:
    own = tmp_path / "structure"
    _structure_scenario(own)
    session = make_session(str(data_dir), structure_folder=own)
    try:
        assert session.library.structure_ids == {"covoiturage"}
    finally:
        session.writer.close()
