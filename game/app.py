"""The window and the frame loop: a fixed 1280x720 canvas scaled (letterboxed) to the window.

The clock is swappable: ``RealClock`` caps at 60 FPS; ``FixedClock`` returns a fixed step at
once, so tests and autoplay run frames as fast as the machine draws them.
"""

from __future__ import annotations

import logging
from typing import Protocol

import pygame

from game import controls
from game.input import LOGICAL_SIZE, letterbox, to_logical, touch_to_mouse
from game.scene import SceneStack
from game.scenes.confirm import ConfirmScene
from game.session import Session
from game.ui.panel import panel
from game.ui.text import draw_text, fit, line_height

log = logging.getLogger(__name__)
FPS = 60
MOUSE_EVENTS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION)
DISMISS_EVENTS = (pygame.KEYDOWN, pygame.MOUSEBUTTONUP)


class Clock(Protocol):
    def tick(self, fps: int) -> int:
        """Wait for the next frame; milliseconds since the previous one."""


class RealClock:
    def __init__(self) -> None:
        self._clock = pygame.time.Clock()

    def tick(self, fps: int) -> int:
        return self._clock.tick(fps)


class FixedClock:
    """No waiting: every frame lasts exactly 1/fps seconds of game time."""

    def __init__(self) -> None:
        self.frames = 0

    def tick(self, fps: int) -> int:
        self.frames += 1
        return round(1000 / fps)


class Driver(Protocol):
    """Something that plays instead of a person (autoplay, tests)."""

    def before_events(self, app: App) -> None: ...

    def after_draw(self, app: App) -> None: ...


class App:
    """Owns the window, the canvas, the scene stack and the loop."""

    def __init__(
        self,
        session: Session,
        *,
        clock: Clock | None = None,
        fullscreen: bool = False,
        window_size: tuple[int, int] = LOGICAL_SIZE,
    ) -> None:
        self.session = session
        self.clock = clock or RealClock()
        self.stack = SceneStack()
        self.canvas = pygame.Surface(LOGICAL_SIZE)
        self.fullscreen = fullscreen
        self.window = self._open_window(window_size)
        self.running = True
        self.render = True  # tests that only check what is recorded may skip drawing
        self.driver: Driver | None = None
        self.frames = 0
        self._notice = ""  # stays until the player acts (a key, a click, a tap)
        self.save_problem = ""  # shown until every write is on disk
        self._said_problem = ""
        self.scanner = controls.Scanner()  # scan mode: the focus moves on by itself
        self.pads: list[object] = []  # gamepads opened as they are plugged in
        session.on_settings_changed = self._settings_changed

    # -- window ---------------------------------------------------------------------------
    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        flags = pygame.RESIZABLE
        if self.fullscreen:
            flags = pygame.FULLSCREEN
            size = (0, 0)
        return pygame.display.set_mode(size, flags)

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.window = self._open_window(LOGICAL_SIZE)

    @property
    def window_size(self) -> tuple[int, int]:
        return self.window.get_size()

    # -- loop -----------------------------------------------------------------------------
    def run(self, max_frames: int | None = None) -> None:
        """Run until the stack is empty, quit is confirmed, or ``max_frames`` have passed."""
        while self.running and (max_frames is None or self.frames < max_frames):
            self.frame()
        self.session.flush()

    def frame(self) -> None:
        """One frame: input, scene changes, update, draw."""
        dt = self.clock.tick(FPS) / 1000
        if self.driver is not None:
            self.driver.before_events(self)
        for event in pygame.event.get():
            self.dispatch(event)
        if self.stack.apply():
            pygame.event.clear((pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP))
        if self.stack.top is None:
            self.running = False
            return
        self.stack.top.update(dt)
        if self.session.settings.scan:  # a switch cannot type: fields are passed over
            self.scanner.update(dt, self.stack.top)
        self.stack.top.speak_pending()
        if (manager := self.session.made_manager) is not None:
            manager.update(dt)
        self._take_errors(dt)
        if self.render:
            self.draw()
        self.frames += 1
        if self.driver is not None:
            self.driver.after_draw(self)

    def dispatch(self, event: pygame.event.Event) -> None:
        """Window events here; the rest, translated to canvas coordinates, to the top scene."""
        if event.type == pygame.QUIT:
            self.ask_quit()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        translated: pygame.event.Event | None = event
        if event.type in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            translated = touch_to_mouse(event, self.window_size)
        elif event.type in MOUSE_EVENTS:
            if getattr(event, "touch", False):
                return  # SDL's copy of a finger event: the finger event itself is used
            translated = self._to_canvas(event)
        if translated is None:
            return
        event = translated
        if event.type == pygame.JOYDEVICEADDED:
            self._open_pad(event)
            return
        event = controls.translate(event, self.session.settings)  # gamepad, remapped keys
        if event.type in DISMISS_EVENTS and self._notice:
            self._notice = ""  # read at the player's pace, gone when they act
        manager = self.session.made_manager
        if manager is not None and manager.process_events(event):
            if self.stack.top is not None:
                self.stack.top.focus.follow_typing()
            return
        top = self.stack.top
        if top is None:
            return
        if self.session.settings.scan and self.scanner.handle(event, top):
            return
        if top.handle(event):
            return
        if event.type == pygame.KEYDOWN and not self.typing():
            if event.key == pygame.K_r:
                top.speak_screen()
            elif event.key == pygame.K_h:
                from game.scenes.history import open_history  # on first use: start time

                open_history(top)

    def _open_pad(self, event: pygame.event.Event) -> None:
        """A gamepad plugged in: opened, so its buttons send events (next, choose, back)."""
        try:
            self.pads.append(pygame.joystick.Joystick(event.device_index))
        except (pygame.error, AttributeError) as exc:
            log.info("gamepad not opened: %s", exc)

    def typing(self) -> bool:
        """A text entry has the keyboard: letters must not act as shortcuts."""
        manager = self.session.made_manager
        return manager is not None and bool(manager.get_focus_set())

    def _to_canvas(self, event: pygame.event.Event) -> pygame.event.Event:
        if self.window_size == LOGICAL_SIZE:
            return event
        attrs = dict(event.dict)
        attrs["pos"] = to_logical(event.pos, self.window_size)
        return pygame.event.Event(event.type, attrs)

    def ask_quit(self) -> None:
        """Closing the window asks first (progress is saved either way)."""

        top = self.stack.top
        if top is None or isinstance(top, ConfirmScene):
            self.quit()
            return
        self.stack.push(ConfirmScene.quit_game(self.session, self.quit))

    def quit(self) -> None:
        self.session.flush()
        self.running = False

    # -- drawing --------------------------------------------------------------------------
    def draw(self) -> None:
        self.session.theme.drawn.clear()
        for scene in self.stack.visible():
            scene.draw(self.canvas)
        if self.stack.top is not None:
            self.stack.top.draw_focus(self.canvas)
        if (manager := self.session.made_manager) is not None:
            manager.draw_ui(self.canvas)
        if self._notice:
            self._draw_notice()
        if self.save_problem:
            self._draw_save_problem()
        self.present()

    def present(self) -> None:
        if self.window_size == LOGICAL_SIZE:
            self.window.blit(self.canvas, (0, 0))
        else:
            box = letterbox(self.window_size)
            self.window.fill((0, 0, 0))
            self.window.blit(pygame.transform.smoothscale(self.canvas, box.size), box)
        pygame.display.flip()

    def notify(self, text: str) -> None:
        """Show ``text`` until the player acts; said aloud with « read aloud » on; kept in
        « Revoir »."""
        self._notice = text
        if not text:
            return
        self.stack.history.add(text)
        if self.session.settings.read_aloud:
            self.session.say(text)

    def _take_errors(self, dt: float) -> None:
        """Log the store's messages; what is not saved stays on screen until it is."""
        writer = self.session.writer
        errors = writer.take_errors()
        if errors:
            log.error("store: %s", "; ".join(errors))
        self.save_problem = self._save_problem(writer.unsaved(), writer.stopped)
        if self.session.notices:
            self.notify(self.session.notices.pop(0))
        problem = self.save_problem
        if problem and problem != self._said_problem and self.session.settings.read_aloud:
            self.session.say(problem)  # a save problem is said once, shown until solved
        if problem:
            self.stack.history.add(problem)
        self._said_problem = problem

    def _save_problem(self, unsaved: int, stopped: bool) -> str:
        if stopped:
            return self.session.t("save.stopped", count=unsaved)
        if unsaved:
            return self.session.t("save.retrying", count=unsaved)
        return ""

    def _draw_save_problem(self) -> None:
        """A band across the top, above every scene, for as long as something is not saved."""
        theme = self.session.theme
        width = 1000
        font, lines = fit(self.save_problem, theme, "body", pygame.Rect(0, 0, width - 40, 600))
        box = pygame.Rect(140, 8, width, len(lines) * line_height(font) + 28)  # full size
        stopped = self.session.writer.stopped
        panel(
            theme=theme,
            surface=self.canvas,
            rect=box,
            fill="panel",
            border="warning",
            width=6 if stopped else 3,
        )
        draw_text(
            self.canvas,
            theme,
            self.save_problem,
            box.inflate(-40, -16),
            fg="warning" if stopped else "panel_text",
            bg="panel",
            align="center",
            valign="middle",
        )

    def _draw_notice(self) -> None:
        theme = self.session.theme
        box = pygame.Rect(240, 600, 800, 96)
        panel(theme=theme, surface=self.canvas, rect=box, fill="panel_dark", border="accent")
        draw_text(
            self.canvas,
            theme,
            self._notice,
            box.inflate(-40, -20),
            fg="panel_dark_text",
            bg="panel_dark",
            align="center",
            valign="middle",
        )

    def _settings_changed(self) -> None:
        """New text size, contrast or language: re-theme pygame_gui and rebuild every scene."""
        manager = self.session.made_manager  # not made yet: it will be, with the new theme
        if manager is not None:
            manager.get_theme().load_theme(self.session.theme.gui_theme())
            manager.rebuild_all_from_changed_theme_data()
        self.stack.relayout()
