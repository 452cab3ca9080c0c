"""Autoplay: the real scenes, played by a seeded random player through real pygame events.

Used by trainers (``diva-game --headless --autoplay ID``) and by the tests. Each step asks the
top scene what a random player would do (``Scene.autoplay``) and posts the matching key press
or mouse click into pygame's event queue, so input goes through the same path as a person's.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

import pygame

from game.app import App
from game.input import to_window
from game.scene import Key, Press
from game.scenes.map import MapScene

HANG_ENV = "DIVA_TEST_HANG_AFTER"  # test hook: stop acting after N steps and hang (for SIGKILL)
PAUSE_ENV = "DIVA_TEST_PAUSE_AT"  # test hook: "5,9": after those steps, print the writer's pid
# on stderr and wait for a line on stdin (a test kills the writer meanwhile)
MAX_STEPS = 2000


def post_click(app: App, pos: tuple[int, int]) -> None:
    """A left click at a canvas position, as the window would report it."""
    window_pos = to_window(pos, app.window_size)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=window_pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=window_pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=window_pos, button=1))


def post_key(key: int, unicode: str = "") -> None:
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0)
    )
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=unicode, scancode=0))


class AutoPlayer:
    """Plays until the scenario is over and the map is back on top."""

    def __init__(
        self, seed: int, screenshots: Path | None = None, hang_after: int | None = None
    ) -> None:
        self.rng = random.Random(seed)
        self.screenshots = screenshots
        self.hang_after = hang_after if hang_after is not None else _env_int(HANG_ENV)
        self.pause_at = {int(n) for n in os.environ.get(PAUSE_ENV, "").split(",") if n.isdigit()}
        self.steps = 0
        self.finished = False
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)

    def before_events(self, app: App) -> None:
        if app.stack.pending or app.stack.top is None:
            return
        top = app.stack.top
        if app.session.last_run is not None and isinstance(top, MapScene):
            self.finished = True
            app.running = False
            return
        action = top.autoplay(self.rng)
        if action is None:
            return
        if self.screenshots is not None and app.frames and top.settled():
            name = f"{self.steps:03d}-{type(top).__name__.removesuffix('Scene').lower()}.png"
            pygame.image.save(app.canvas, str(self.screenshots / name))
        if isinstance(action, Press):
            post_click(app, action.button.rect.center)
        elif isinstance(action, Key):
            post_key(action.key)
        self.steps += 1
        if self.steps in self.pause_at:
            self._pause(app)
        if self.hang_after is not None and self.steps >= self.hang_after:
            self._hang(app)
        if self.steps >= MAX_STEPS:
            app.running = False

    def after_draw(self, app: App) -> None:
        """Nothing: screenshots are taken before each action, of what the player sees."""

    def _pause(self, app: App) -> None:
        pid = getattr(app.session.writer, "pid", None)
        print(f"paused after {self.steps} steps, writer {pid}", file=sys.stderr, flush=True)
        sys.stdin.readline()

    def _hang(self, app: App) -> None:
        app.session.flush()
        print(f"hanging after {self.steps} steps", file=sys.stderr, flush=True)
        while True:
            time.sleep(60)


def _env_int(name: str) -> int | None:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() else None
