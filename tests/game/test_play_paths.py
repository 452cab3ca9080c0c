"""Every bundled scenario, every path, played with real events (keys, mouse, touch):
afterwards the store holds exactly the evidence those choices show."""

from __future__ import annotations

import pygame
import pytest

from game.app import App
from game.scenes.identify import IdentifyScene
from game.scenes.map import MapScene
from game.scenes.play import BOX, PlayScene
from game.scenes.recognise import RecognitionScene
from game.scenes.reflect import ReflectScene
from game.scenes.summary import SummaryScene
from shared.paths import content_dir
from shared.scenario.model import Scenario
from shared.scenario.playthrough import iter_paths
from tests.game.conftest import add_player, click, key, library_scenario, press, scene_node, tap

SCENARIOS = sorted(p.stem for p in (content_dir() / "scenarios").glob("*.yaml"))
MODES = ("keys", "mouse", "touch")
MAX_ACTIONS = 3000


def advance(app: App, mode: str) -> None:
    if mode == "keys":
        key(app, pygame.K_SPACE)
    elif mode == "touch":
        tap(app, BOX.center)
    else:
        click(app, BOX.center)


def expected_choice(scenario: Scenario, node_id: str, choice_id: str) -> tuple:
    node = scene_node(scenario, node_id)
    choice = next(c for c in node.choices if c.id == choice_id)
    return ("choice", node_id, choice_id, [(s.competency, s.level) for s in choice.shows])


def identify(app: App, scene: IdentifyScene, mode: str) -> tuple:
    """Keys pick what the player's choice showed; mouse and touch pick the first card only."""
    answers = list(scene.question.answers)
    picks = answers if mode == "keys" else [scene.question.cards[0]]
    for competency in picks:
        press(app, f"card:{competency}", mode)
    press(app, "validate", mode)
    return ("identify", scene.node.id, picks, answers, set(picks) == set(answers))


def play_path(app: App, scenario: Scenario, path: list, mode: str) -> list[tuple]:
    """Play one path through the real scenes; the evidence it should have recorded."""
    planned = [(node, choice) for node, choice in path if choice is not None]
    expected: list[tuple] = []
    app.session.last_run = None
    app.stack.clear()
    app.stack.push(MapScene(app.session))
    app.stack.push(PlayScene(app.session, scenario))
    app.frame()
    for _ in range(MAX_ACTIONS):
        top = app.stack.top
        assert top is not None
        if isinstance(top, MapScene) and app.session.last_run is not None:
            break
        if isinstance(top, PlayScene) and top.phase == "choices":
            node_id, choice_id = planned.pop(0)
            assert top.node.id == node_id
            expected.append(expected_choice(scenario, node_id, choice_id))
            press(app, f"choice:{choice_id}", mode)
        elif isinstance(top, PlayScene):
            advance(app, mode)
        elif isinstance(top, IdentifyScene) and top.phase == "pick":
            expected.append(identify(app, top, mode))
        elif isinstance(top, (IdentifyScene, RecognitionScene)):
            press(app, "continue", mode)
        elif isinstance(top, ReflectScene):
            press(app, "suggestion:" + scenario.reflect.suggestions[0].id, mode)
            press(app, "send", mode)
        elif isinstance(top, SummaryScene):
            press(app, "map", mode)
        else:
            app.frame()
    else:
        pytest.fail(f"{scenario.id}: path did not finish: {path}")
    assert not planned
    assert app.session.last_run["ending"] == path[-1][0]
    return expected


def recorded(app: App, player_id: str) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for e in app.session.store.evidence(player_id):
        if e.kind == "choice":
            rows.append(
                (e.kind, e.node_id, e.choice_id, [(s.competency, s.level) for s in e.shown])
            )
        else:
            rows.append((e.kind, e.node_id, e.identified, e.expected, e.matched))
    return rows


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_path_records_exactly_what_it_shows(app: App, scenario_id: str) -> None:
    scenario = library_scenario(app, scenario_id)
    assert scenario is not None, app.session.library.broken
    app.render = False
    for index, path in enumerate(iter_paths(scenario)):
        mode = MODES[index % len(MODES)]
        player = add_player(app, f"p{index}", animations=index % 2 == 0)
        expected = play_path(app, scenario, path, mode)
        app.session.flush()
        assert recorded(app, player.id) == expected, (mode, path)
        drafts = app.session.store.experiences(player.id)
        assert [(d.source, d.status, d.scenario_id) for d in drafts] == [
            ("game", "draft", scenario_id)
        ]
        progress = app.session.store.progress(player.id)[scenario_id]
        assert (progress.status, progress.ending) == ("done", path[-1][0])
