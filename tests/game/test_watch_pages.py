"""The trainer's problems screen and node list page when long (issue 14): a file with 40
problems and a scenario of 60 nodes, at every text size and with the dyslexia font. Every
problem and every node is shown whole on some page, at its role's full size; PageUp /
PageDown, the arrows (mouse) and Up / Down reach them all."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.app import App
from game.watch import NodeListScene, ProblemsScene
from shared.scenario.model import Scenario
from tests.game.conftest import add_player, click, focusable, frames, key, library_scenario
from tests.game.test_map import drawn_whole

PROBLEM = (
    "Ligne {n}, colonne 7 : ce texte ne tient pas à l'écran au plus grand texte ; "
    "enlevez au moins 3 mots ou coupez la réplique en deux (problème n° {n})"
)


def _drawn_whole(app: App, size: str) -> list[str]:
    return [item.text for item in drawn_whole(app, size)]


@pytest.mark.parametrize(("size", "dyslexic"), [("medium", False), ("xxlarge", True)])
def test_forty_problems_are_all_read_on_pages(
    app: App, tmp_path: Path, size: str, dyslexic: bool
) -> None:
    add_player(app, text_size=size, dyslexic_font=dyslexic)
    problems = [PROBLEM.format(n=n) for n in range(1, 41)]
    scene = ProblemsScene(app.session, Path("broken.yaml"), problems, watching=True)
    app.stack.push(scene)
    frames(app, 2)
    assert scene.pager.pages > 1
    seen: list[str] = []
    for _ in range(scene.pager.pages):
        seen += [text for text in _drawn_whole(app, size) if text in problems]
        key(app, pygame.K_PAGEDOWN)
    assert seen == problems  # each once, in order
    assert scene.pager.page == 0  # wrapped round
    click(app, focusable(scene, "page:previous").rect.center)
    assert scene.pager.page == scene.pager.pages - 1
    assert f"Page {scene.pager.pages} / {scene.pager.pages}" in scene.read_aloud_text()
    pygame.image.save(app.canvas, str(tmp_path / f"problems-{size}.png"))


def _sixty_nodes(app: App) -> Scenario:
    base = library_scenario(app, "club-foot")
    scenes = [n for n in base.nodes if hasattr(n, "choices")]
    nodes = [scenes[i % len(scenes)].model_copy(update={"id": f"n{i:02d}"}) for i in range(60)]
    return base.model_copy(update={"nodes": nodes, "start": "n00"})


@pytest.mark.parametrize(("size", "dyslexic"), [("medium", False), ("xxlarge", True)])
def test_sixty_nodes_are_all_reachable_on_pages(app: App, size: str, dyslexic: bool) -> None:
    add_player(app, text_size=size, dyslexic_font=dyslexic)
    scenario = _sixty_nodes(app)
    went: list[str] = []
    scene = NodeListScene(app.session, scenario, "n00", went.append)
    app.stack.push(scene)
    frames(app, 2)
    assert scene.pager.pages > 1
    keys: list[str] = []
    for _ in range(scene.pager.pages):
        _drawn_whole(app, size)
        keys += [b.key for b in scene.buttons if b.key.startswith("node:")]
        key(app, pygame.K_PAGEDOWN)
    assert keys == [f"node:n{i:02d}" for i in range(60)]
    key(app, pygame.K_UP)  # from the first node, Up goes round to the last, on the last page
    assert scene.focus.focused is not None
    assert scene.focus.focused.key == "node:n59"
    assert scene.pager.page == scene.pager.pages - 1
    click(app, focusable(scene, "page:next").rect.center)  # the arrows, by mouse
    assert scene.focus.focused is not None
    assert scene.pager.page == 0 and scene.focus.focused.key == "node:n00"
    key(app, pygame.K_DOWN)  # the next node, on this page or the next
    click(app, focusable(scene, "node:n01").rect.center)
    assert went == ["n01"]
