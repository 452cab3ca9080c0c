"""Fixtures for the game: a real App on the dummy video driver, driven frame by frame."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar, overload

import pygame
import pytest

from game.app import App, FixedClock
from game.boot import init_pygame, make_session
from game.input import Focusable, to_window
from game.scene import Scene
from game.session import Options
from game.ui.button import Button
from shared.player import Player
from shared.scenario.model import Scenario, SceneNode

S = TypeVar("S", bound=Scene)


def fast_dir() -> Path:
    """A data folder in memory when possible: the tests write thousands of small files."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    return Path(tempfile.mkdtemp(prefix="diva-game-", dir=base))


@pytest.fixture
def data_dir() -> Iterator[Path]:
    import shutil

    folder = fast_dir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def app(data_dir: Path) -> Iterator[App]:
    init_pygame()
    pygame.display.set_mode((1280, 720))
    session = make_session(str(data_dir), options=Options(offer_tutorial=False), record_text=True)
    game = App(session, clock=FixedClock())
    yield game
    session.flush()
    session.writer.close()


@overload
def on_top(app: App) -> Scene: ...
@overload
def on_top(app: App, kind: type[S]) -> S: ...
def on_top(app: App, kind: type[Scene] = Scene) -> Scene:
    """The scene on top of the stack, which must be a ``kind``: the test's next lines read it
    with its own type (``on_top(app, PlayerScene).pager``)."""
    scene = app.stack.top
    assert isinstance(scene, kind), f"{type(scene).__name__} on top, not {kind.__name__}"
    return scene


def focusable(scene: Scene, key: str) -> Focusable:
    """The focusable part of ``scene`` named ``key`` (a button, a field), which must be there."""
    found = scene.focus.find(key)
    assert found is not None, f"no {key!r} on {type(scene).__name__}"
    return found


def labelled(scene: Scene, key: str) -> Button:
    """The button of ``scene`` named ``key``, which must be there (its label is read)."""
    found = focusable(scene, key)
    assert isinstance(found, Button), f"{key!r} on {type(scene).__name__} is not a button"
    return found


def library_scenario(app: App, scenario_id: str) -> Scenario:
    """A scenario of the game's library, which must be there (a bundled one)."""
    found = app.session.library.get(scenario_id)
    assert found is not None, f"no scenario {scenario_id!r} in the library"
    return found


def scene_node(scenario: Scenario, node_id: str | None) -> SceneNode:
    """The node ``node_id`` of ``scenario``, which must be a scene (lines, then choices)."""
    assert node_id is not None, f"no node id in {scenario.id!r}"
    node = scenario.node(node_id)
    assert isinstance(node, SceneNode), f"{node_id!r} is a {node.type}, not a scene"
    return node


def add_player(app: App, name: str = "Lina", **settings: object) -> Player:
    player = Player(pseudonym=name, tutorial_done=True)
    player.settings = player.settings.model_copy(update=settings)
    app.session.store.add_player(player)
    app.session.set_player(player)
    return player


def kept_and_whole(app: App) -> tuple[bytes, bytes]:
    """One frame as the game draws it (kept still drawings: the theme not recording) and the
    same frame drawn whole (every part anew, as while it records); the theme is left
    recording or not as it was found."""
    theme = app.session.theme
    found, drawn = theme.record, []
    for record in (False, True):
        theme.record = record
        app.canvas.fill((255, 0, 255))  # nothing left over from the frame before counts
        app.draw()
        drawn.append(pygame.image.tobytes(app.canvas, "RGB"))
    theme.record = found
    return drawn[0], drawn[1]


def frames(app: App, count: int = 1) -> None:
    for _ in range(count):
        app.frame()


def key(app: App, k: int, unicode: str = "") -> None:
    """Press a key through pygame's event queue, then run one frame."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode=unicode, scancode=0))
    app.frame()


def click(app: App, pos: tuple[int, int]) -> None:
    """A left click at a canvas position, through the event queue, then one frame."""
    at = to_window(pos, app.window_size)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=at, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=at, button=1))
    app.frame()


def tap(app: App, pos: tuple[int, int]) -> None:
    """A finger tap (normalised window coordinates), then one frame."""
    w, h = app.window_size
    at = to_window(pos, app.window_size)
    for kind in (pygame.FINGERDOWN, pygame.FINGERUP):
        pygame.event.post(
            pygame.event.Event(
                kind, x=at[0] / w, y=at[1] / h, dx=0, dy=0, touch_id=1, finger_id=1, pressure=1.0
            )
        )
    app.frame()


def press(app: App, button_key: str, mode: str = "mouse") -> None:
    """Activate the top scene's button ``button_key`` by mouse, keyboard number or touch."""
    top = app.stack.top
    assert top is not None
    button = top.focus.find(button_key)
    assert button is not None, f"{type(top).__name__} has no button {button_key}"
    if mode == "keys" and button.number is not None:
        key(app, pygame.K_0 + button.number)
    elif mode == "keys":
        for _ in range(len(top.focus.items) + 1):
            if top.focus.focused is button:
                break
            key(app, pygame.K_TAB)
        assert top.focus.focused is button
        key(app, pygame.K_RETURN)
    elif mode == "touch":
        tap(app, button.rect.center)
    else:
        click(app, button.rect.center)
