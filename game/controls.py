"""Controls beyond the keyboard's defaults: remapped keys, a gamepad, and scan mode.

* Remapping: ``Settings.keys`` maps an action (next, choose, back) to a key name
  (``pygame.key.name``); that key then acts as the default one (Tab, Enter, Esc).
* Gamepad: button A (0) chooses, B (1) goes back, any other button or the pad's hat moves
  on (pygame joystick events, translated to the same keys).
* Scan mode, for one switch: the focus moves on by itself every ``scan_seconds`` of game
  time (the app's clock, so tests advance frames rather than sleep); any key, click, tap or
  gamepad button chooses the button that has the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from shared.player import Settings

if TYPE_CHECKING:
    from game.scene import Scene
    from game.session import Session

REMAPPABLE = ("next", "choose", "back")
DEFAULT_KEYS = {"next": pygame.K_TAB, "choose": pygame.K_RETURN, "back": pygame.K_ESCAPE}
PAD_BUTTONS = {0: "choose", 1: "back"}  # A, B; any other button: next
SWITCH_EVENTS = (pygame.KEYDOWN, pygame.MOUSEBUTTONUP, pygame.JOYBUTTONDOWN)
NEVER_SWITCH = (pygame.K_F11,)


def key_event(action: str) -> pygame.event.Event:
    key = DEFAULT_KEYS[action]
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def key_names(settings: Settings, action: str, t: Callable[..., str] | None = None) -> str:
    """« Tab » or « Tab, Espace »: the default key (named in the player's language) and the
    player's own."""
    names = [t(f"controls.key.{action}") if t else pygame.key.name(DEFAULT_KEYS[action])]
    own = settings.keys.get(action)
    if own and own.lower() != names[0].lower():
        names.append(own.capitalize())
    return ", ".join(names)


def translate(event: pygame.event.Event, settings: Settings) -> pygame.event.Event:
    """A gamepad event, or a remapped key, as the default key it stands for."""
    if event.type == pygame.JOYBUTTONDOWN:
        return key_event(PAD_BUTTONS.get(getattr(event, "button", -1), "next"))
    if event.type == pygame.JOYHATMOTION and getattr(event, "value", (0, 0)) != (0, 0):
        return key_event("next")
    if event.type == pygame.KEYDOWN and settings.keys:
        name = pygame.key.name(event.key)
        for action, own in settings.keys.items():
            if action in DEFAULT_KEYS and own == name and event.key != DEFAULT_KEYS[action]:
                return key_event(action)
    return event


class Scanner:
    """Scan mode: moves the top scene's focus at the player's pace; any switch chooses."""

    def __init__(self) -> None:
        self.waited = 0.0
        self.scene: Scene | None = None

    def update(self, dt: float, scene: Scene) -> None:
        if scene is not self.scene:  # a new screen: start from the screen itself, at leisure
            self.scene, self.waited = scene, 0.0
            return
        self.waited += dt
        if self.waited >= scene.session.settings.scan_seconds:
            self.waited = 0.0
            self.step(scene)

    def step(self, scene: Scene) -> None:
        """The next button; after the last, the screen itself (where a press reads on, as
        Space does in a dialogue). Text fields are skipped: a switch cannot type."""
        ring = scene.focus
        enabled = [item for item in ring.items if item.enabled and not hasattr(item, "entry")]
        if not enabled:
            return
        if ring.focused is enabled[-1]:
            ring.focus_none()
            return
        after = enabled.index(ring.focused) + 1 if ring.focused in enabled else 0
        ring.focus_item(enabled[after])

    def handle(self, event: pygame.event.Event, scene: Scene) -> bool:
        """A switch press (any key, click, tap or gamepad button): choose the focused button,
        or, on the screen itself, what Space does there (the next line of a dialogue)."""
        if event.type not in SWITCH_EVENTS:
            return event.type in (pygame.MOUSEBUTTONDOWN, pygame.FINGERDOWN)
        if event.type == pygame.KEYDOWN and event.key in NEVER_SWITCH:
            return False
        self.waited = 0.0
        focused = scene.focus.focused
        if focused is None:
            space = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ")
            if not scene.handle(space):
                self.step(scene)
            return True
        if focused.enabled:
            scene.session.sound("click")
            focused.activate()
        return True


def explained(session: Session) -> str:
    """Every control in words, for the settings' controls tab and the first launch."""
    t, s = session.t, session.settings
    return t(
        "controls.explained",
        next=key_names(s, "next", t),
        choose=key_names(s, "choose", t),
        back=key_names(s, "back", t),
    )
