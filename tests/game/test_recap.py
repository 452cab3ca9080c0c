"""« On reprend » (issue 16): a scenario left half-way starts again with a short recap, its
summary and what happened last time (the last lines and the choice made), spoken; one press,
Esc or any switch goes on, and the story resumes where it was left."""

from __future__ import annotations

import pygame

from game.app import App
from game.scenes.map import MapScene
from game.scenes.play import PlayScene
from game.scenes.recap import RecapScene
from shared.scenario.model import SceneNode
from tests.game.conftest import add_player, frames, key, library_scenario, press
from tests.game.test_read_aloud import RecordingSpeaker


def _leave_after_first_choice(app: App) -> tuple[SceneNode, str]:
    """Play club-foot up to its first choice, take the first one, then leave (Esc, yes)."""
    scenario = library_scenario(app, "club-foot")
    app.stack.push(MapScene(app.session))
    play = PlayScene(app.session, scenario)
    app.stack.push(play)
    frames(app)
    while play.phase != "choices":
        play.advance()
    node = play.node
    assert isinstance(node, SceneNode)
    choice = node.choices[0]
    play.choose(choice)
    frames(app)
    while app.stack.top is not play:  # the moment of recognition: go on
        key(app, pygame.K_RETURN)
    app.stack.clear()
    frames(app)
    app.running = True
    app.session.flush()
    return node, app.session.loc(choice.text)


def test_a_resumed_scenario_opens_on_a_spoken_recap_of_last_time(app: App) -> None:
    player = add_player(app)
    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    node, chosen = _leave_after_first_choice(app)
    scenario = library_scenario(app, "club-foot")
    progress = app.session.store.progress(player.id)["club-foot"]
    assert progress.status == "in_progress" and progress.node_id != node.id
    app.stack.push(MapScene(app.session))
    app.stack.push(PlayScene(app.session, scenario, resume=progress))
    frames(app, 2)
    recap = app.stack.top
    assert isinstance(recap, RecapScene)
    last = app.session.loc(node.lines[-1].text)
    assert any(last in line for line in recap.lines)
    assert recap.lines[-1] == app.session.t("recap.chose", choice=chosen)
    said = speaker.said[-1]  # spoken though read-aloud is off: short, and new
    for words in (app.session.loc(scenario.summary), app.session.t("recap.last_time"), chosen):
        assert words in said
    theme = app.session.theme
    theme.drawn.clear()
    recap.draw(app.canvas)
    shown = " ".join(item.text for item in theme.drawn)
    assert app.session.loc(scenario.summary) in shown and chosen in shown
    press(app, "continue", "touch")
    frames(app)
    play = app.stack.top
    assert isinstance(play, PlayScene) and play.node.id == progress.node_id


def test_the_recap_is_skipped_by_any_key_and_absent_on_a_fresh_start(app: App) -> None:
    player = add_player(app)
    _leave_after_first_choice(app)
    scenario = library_scenario(app, "club-foot")
    progress = app.session.store.progress(player.id)["club-foot"]
    app.stack.push(PlayScene(app.session, scenario, resume=progress))
    frames(app, 2)
    assert isinstance(app.stack.top, RecapScene)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, PlayScene)
    app.stack.clear()
    frames(app)
    app.running = True
    app.stack.push(PlayScene(app.session, scenario))  # from the start: nothing to recap
    frames(app, 2)
    assert isinstance(app.stack.top, PlayScene)
