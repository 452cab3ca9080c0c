"""The confirm overlay focuses the safe answer for quitting and « yes » for the tutorial offer."""

from __future__ import annotations

import pygame

from game.app import App
from game.scenes.confirm import ConfirmScene
from game.scenes.map import MapScene
from game.scenes.tutorial import TutorialScene
from game.ui.button import Button
from tests.game.conftest import add_player, frames, key


def test_quitting_focuses_no_so_enter_keeps_the_player_in(app: App) -> None:
    add_player(app)
    app.stack.push(MapScene(app.session))
    frames(app)
    key(app, pygame.K_ESCAPE)
    frames(app)
    confirm = app.stack.top
    assert isinstance(confirm, ConfirmScene)
    focused = confirm.focus.focused
    assert isinstance(focused, Button)
    assert focused.key == "no"
    assert focused.label == app.session.t("confirm.quit_no")
    key(app, pygame.K_RETURN)
    frames(app)
    assert app.running and isinstance(app.stack.top, MapScene)


def test_the_tutorial_offer_focuses_yes(app: App) -> None:
    add_player(app)
    assert app.session.player is not None
    app.session.player.tutorial_done = False
    app.session.options.offer_tutorial = True
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    offer = app.stack.top
    assert isinstance(offer, ConfirmScene) and offer.question_key == "tutorial.offer"
    assert offer.focus.focused is not None
    assert offer.focus.focused.key == "yes"
    key(app, pygame.K_RETURN)
    frames(app)
    assert isinstance(app.stack.top, TutorialScene)


def test_the_default_is_a_parameter(app: App) -> None:
    for default in ("yes", "no"):
        scene = ConfirmScene(
            app.session, "confirm.quit", "yes", "no", lambda: None, default=default
        )
        app.stack.push(scene)
        frames(app)
        assert scene.focus.focused is not None
        assert scene.focus.focused.key == default
        key(app, pygame.K_ESCAPE)
        frames(app)
