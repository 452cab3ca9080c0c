"""Scenes and the scene stack.

After Tuxemon's ``StateManager`` (push / pop / replace, every pause matched by a resume) and
ppb's engine (scenes *request* a change; the stack applies it between frames, so no scene
reaches into the stack in the middle of a frame).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game import access
from game.input import FocusRing

if TYPE_CHECKING:
    from game.input import Focusable
    from game.session import Session
    from game.ui.button import Button


@dataclass(frozen=True)
class Press:
    """An autoplay action: click (or tap) this button."""

    button: Button


@dataclass(frozen=True)
class Key:
    """An autoplay action: press this key."""

    key: int


Action = Press | Key


class Scene:
    """One screen. Subclasses build their buttons in ``layout`` and draw in ``draw``.

    ``opaque`` scenes hide what is below them; overlays (settings, confirm) are not opaque.
    """

    opaque = True

    def __init__(self, session: Session) -> None:
        self.session = session
        self.stack: SceneStack | None = None
        self.focus = FocusRing()
        self.focus.on_focus = self.announce
        self._auto_said: str | None = None  # what auto_speak last said on this screen
        self._speak_pending = False
        self._chrome_said = False  # the toolbar is said once per screen

    # -- lifecycle (called by the stack only) -------------------------------------------
    def enter(self) -> None:
        """Lay out, then, with « read aloud » on, read the whole screen (every screen speaks)."""
        self.layout()
        self.auto_speak()

    def exit(self) -> None:
        """Leaving for good: release widgets, flush writes."""

    def pause(self) -> None:
        """Another scene was pushed on top."""

    def resume(self) -> None:
        """The scene above was popped."""
        self.layout()

    # -- per frame ----------------------------------------------------------------------
    def layout(self) -> None:
        """Build buttons for the current settings (text size, language)."""

    def handle(self, event: pygame.event.Event) -> bool:
        """Give the event to the focus ring; Esc goes back. True when consumed."""
        if self.focus.handle(event):
            if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONUP):
                self.session.sound("click")  # a press or a focus move, not the button going down
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return True
        return False

    def update(self, dt: float) -> None:
        """Advance animations by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the scene on the 1280x720 canvas."""

    def draw_focus(self, surface: pygame.Surface) -> None:
        self.focus.draw(surface, self.session.theme)

    def back(self) -> None:
        """Esc: by default, leave this scene."""
        self.request_pop()

    def autoplay(self, rng: random.Random) -> Action | None:
        """What a random player does now (None: nothing to do this frame)."""
        return None

    def read_aloud_text(self) -> str:
        """The screen's words written for the ear (« 1 : … »); the base adds what it forgets."""
        return ""

    def screen_text(self, chrome: bool = True) -> str:
        """Everything visible, in reading order: ``read_aloud_text`` completed by the base."""
        return access.screen_text(self, chrome)

    def auto_speak(self) -> None:
        """With « read aloud » on, read the screen as it appears (many players read slowly).

        Said at the end of the frame (``speak_pending``), once the scene is laid out: the
        toolbar too the first time, then what is new (a new line, the choices)."""
        if self.session.settings.read_aloud:
            self._speak_pending = True

    def speak_pending(self) -> None:
        """Called by the app after each frame's update, for the top scene."""
        if not self._speak_pending:
            return
        self._speak_pending = False
        if not self.session.settings.read_aloud:
            return
        text = self.screen_text(chrome=not self._chrome_said)
        self._chrome_said = self._chrome_said or any(
            item.key in access.CHROME_KEYS for item in self.focus.items
        )
        if text != self._auto_said:
            self._auto_said = text
            self.speak(text)

    def speak_screen(self) -> None:
        """The speaker button and R: the whole screen again, whatever the setting."""
        self.speak(self.screen_text())

    def speak(self, text: str) -> None:
        """Say ``text`` and keep it in the « Revoir » history."""
        if self.stack is not None:
            self.stack.history.add(text)
        self.session.say(text)

    def announce(self, item: Focusable) -> None:
        """The focus moved: with « read aloud » on, say the button and its state."""
        if self.session.settings.read_aloud:
            self.session.say(access.describe(self, item))

    def settled(self) -> bool:
        """Nothing is animating (autoplay screenshots are taken only then)."""
        return True

    # -- requests (applied between frames) ---------------------------------------------
    def request_push(self, scene: Scene) -> None:
        if self.stack is not None:
            self.stack.push(scene)

    def request_pop(self) -> None:
        if self.stack is not None:
            self.stack.pop()

    def request_replace(self, scene: Scene) -> None:
        if self.stack is not None:
            self.stack.replace(scene)


class SceneStack:
    """Holds scenes; changes are queued and applied by ``apply`` between frames."""

    def __init__(self) -> None:
        self.scenes: list[Scene] = []
        self._pending: list[Callable[[], None]] = []
        self.history = access.History()  # the last lines said or shown, for « Revoir »

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def push(self, scene: Scene) -> None:
        self._pending.append(lambda: self._push(scene))

    def pop(self) -> None:
        self._pending.append(self._pop)

    def replace(self, scene: Scene) -> None:
        self._pending.append(lambda: self._replace(scene))

    def clear(self) -> None:
        """Pop everything (the app then quits)."""
        self._pending.append(self._clear)

    def apply(self) -> bool:
        """Apply queued changes in order; True when something changed."""
        changed = bool(self._pending)
        while self._pending:
            self._pending.pop(0)()
        return changed

    def visible(self) -> list[Scene]:
        """The scenes to draw: from the topmost opaque one upward."""
        start = 0
        for index, scene in enumerate(self.scenes):
            if scene.opaque:
                start = index
        return self.scenes[start:]

    def relayout(self) -> None:
        """Settings changed (size, language, contrast): every scene rebuilds its layout."""
        for scene in self.scenes:
            scene.layout()

    def _push(self, scene: Scene) -> None:
        if self.top is not None:
            self.top.pause()
        scene.stack = self
        self.scenes.append(scene)
        scene.enter()

    def _pop(self) -> None:
        if not self.scenes:
            return
        self.scenes.pop().exit()
        if self.top is not None:
            self.top.resume()

    def _replace(self, scene: Scene) -> None:
        if self.scenes:
            self.scenes.pop().exit()
        scene.stack = self
        self.scenes.append(scene)
        scene.enter()

    def _clear(self) -> None:
        while self.scenes:
            self.scenes.pop().exit()
