"""The skill map's window: one loop, a fixed 1280x720 canvas scaled into a resizable window.

Screens ask for a change (``ctx.go``); the app applies it between frames, so no screen
tears down widgets while pygame_gui is still walking them. The clock is swappable and
``step`` runs exactly one frame, so tests drive the app with real events, frame by frame.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Protocol

import pygame

from skillmap.app.context import Context
from skillmap.app.navigation import Target
from skillmap.app.navigator import screen_for
from skillmap.app.screens.base import Screen
from skillmap.app.ui import CANVAS, CanvasUIManager, colors

MOUSE_EVENTS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION)
FPS = 30
COLLECT_EVERY = 20  # screen changes between two full garbage collections (see _release)


class Clock(Protocol):
    def tick(self, framerate: int = 0) -> int: ...


class FixedClock:
    """A clock that never waits: every frame lasts ``ms`` (tests, benchmarks, autoplay)."""

    def __init__(self, ms: int = 33) -> None:
        self.ms = ms

    def tick(self, framerate: int = 0) -> int:
        return self.ms


class View:
    """Where the canvas sits in the window (letterboxed, aspect kept)."""

    def __init__(self) -> None:
        self.scale = 1.0
        self.offset = (0, 0)

    def fit(self, window_size: tuple[int, int]) -> None:
        width, height = window_size
        self.scale = min(width / CANVAS[0], height / CANVAS[1]) or 1.0
        shown = (round(CANVAS[0] * self.scale), round(CANVAS[1] * self.scale))
        self.offset = ((width - shown[0]) // 2, (height - shown[1]) // 2)

    def to_canvas(self, pos: tuple[int, int]) -> tuple[int, int]:
        return (
            round((pos[0] - self.offset[0]) / self.scale),
            round((pos[1] - self.offset[1]) / self.scale),
        )


class App:
    """Owns the window, the UI manager and the current screen."""

    def __init__(
        self, ctx: Context, window_size: tuple[int, int] = CANVAS, clock: Clock | None = None
    ) -> None:
        pygame.init()
        pygame.key.set_repeat(400, 40)
        self.window = pygame.display.set_mode(window_size, pygame.RESIZABLE)
        self.canvas = pygame.Surface(CANVAS)
        self.view = View()
        self.view.fit(self.window.get_size())
        self.manager = CanvasUIManager(ctx.high_contrast)
        self.manager.to_canvas = self.view.to_canvas
        self.clock: Clock = clock or pygame.time.Clock()
        self.ctx = ctx
        ctx.go = self.open
        self.screen: Screen | None = None
        self.pending: Screen | None = None
        self._changes = 0  # screen changes, for the periodic collection
        self.running = True

    def go(self, screen: Screen) -> None:
        """Ask to show ``screen`` from the next frame on."""
        self.pending = screen

    def open(self, target: Target) -> None:
        """What screens ask for (``ctx.go``): the navigator builds the screen, shown next frame."""
        self.go(screen_for(self.ctx, self.manager, target))

    def _switch(self) -> None:
        if self.pending is None:
            return
        closed = self.screen
        if closed is not None:
            closed.exit()
        self.screen, self.pending = self.pending, None
        if closed is not None:
            _release(closed)
            self._changes += 1
            if self._changes % COLLECT_EVERY == 0:
                gc.collect()  # what pygame_gui keeps in cycles: see _release
        self.screen.enter()

    def _map_event(self, event: pygame.event.Event) -> pygame.event.Event:
        if event.type in MOUSE_EVENTS:
            data = dict(event.dict)
            data["pos"] = self.view.to_canvas(event.pos)
            return pygame.event.Event(event.type, data)
        return event

    def handle(self, event: pygame.event.Event) -> None:
        """Route one event: window, then keyboard focus, then widgets, then the screen."""
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.view.fit(self.window.get_size())
            return
        event = self._map_event(event)
        screen = self.screen
        escape = event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE
        if screen is not None and escape and screen.escape():
            return
        if screen is not None and screen.focus.process_event(event):
            return
        consumed = self.manager.process_events(event)
        if screen is not None and not consumed:
            screen.process_event(event)

    def step(self, dt: float | None = None) -> bool:
        """Run one frame; False once the window was closed."""
        self._switch()
        ms = self.clock.tick(FPS)
        dt = ms / 1000 if dt is None else dt
        for event in pygame.event.get():
            self.handle(event)
        self.manager.update(dt)
        if self.screen is not None:
            self.screen.update(dt)
        self.render()
        self.present()
        return self.running

    def render(self) -> pygame.Surface:
        """Draw the current screen on the canvas (background, widgets, overlays, focus)."""
        self.canvas.fill(colors(self.ctx.high_contrast)["background"])
        if self.screen is not None:
            self.screen.draw(self.canvas)
            self.screen.draw_frames(self.canvas)
        self.manager.draw_ui(self.canvas)
        if self.screen is not None:
            self.screen.draw_over(self.canvas)
            self.screen.focus.draw(self.canvas)
        return self.canvas

    def present(self) -> None:
        size = self.window.get_size()
        if size == CANVAS:
            self.window.blit(self.canvas, (0, 0))
        else:
            self.window.fill(colors(self.ctx.high_contrast)["background_deep"])
            shown = (round(CANVAS[0] * self.view.scale), round(CANVAS[1] * self.view.scale))
            self.window.blit(pygame.transform.smoothscale(self.canvas, shown), self.view.offset)
        pygame.display.flip()

    def run(self) -> int:
        while self.step():
            pass
        self.close()
        return 0

    def screenshot(self, path: Path) -> Path:
        """Save the canvas as PNG (tests, docs)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.render(), str(path))
        return path

    def close(self) -> None:
        if self.screen is not None:
            self.screen.exit()
            self.screen = None
        pygame.display.quit()


def _release(closed: Screen) -> None:
    """Drop what a closed screen holds, so its pictures are freed now, by reference counting.

    A screen and its parts, widgets and callbacks refer to each other (reference cycles): left
    to the garbage collector, closed screens piled up by hundreds (~40 MB each) before a full
    collection came, and forcing one at every change cost ~100-250 ms with a large folder
    parsed in memory. Screens are never shown again once closed (each change builds a new
    one), so emptying the closed one is safe. What pygame_gui keeps in cycles inside its killed
    widgets is small (~0.2 MB a change): one full collection every ``COLLECT_EVERY`` changes
    clears it.
    """
    vars(closed).clear()
