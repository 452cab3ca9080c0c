"""The keyboard / mouse / touch layer over the game's own buttons.

pygame_gui buttons ignore the keyboard, so the game keeps its own focus ring: Tab / arrows move
it, Enter or Space activates, 1-9 activate the button with that number, a click or a tap
activates what is under it. Finger events are turned into clicks by ``touch_to_mouse``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

import pygame

if TYPE_CHECKING:
    from game.theme import Theme

LOGICAL_SIZE = (1280, 720)
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {
    getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)
}
NEXT_KEYS = (pygame.K_DOWN, pygame.K_RIGHT)
PREVIOUS_KEYS = (pygame.K_UP, pygame.K_LEFT)
ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class Focusable(Protocol):
    key: str
    rect: pygame.Rect
    number: int | None
    enabled: bool
    hovered: bool

    def activate(self) -> None: ...

    def set_focused(self, focused: bool) -> None: ...


class FocusRing:
    """Which of a scene's buttons has the keyboard focus, and what the pointer is over."""

    def __init__(self) -> None:
        self.items: list[Focusable] = []
        self.index: int | None = None
        self._pressed: Focusable | None = None
        # told of every focus move (the scene announces the new button when reading aloud)
        self.on_focus: Callable[[Focusable], None] | None = None

    @property
    def focused(self) -> Focusable | None:
        return self.items[self.index] if self.index is not None else None

    def set(self, items: Sequence[Focusable], keep: bool = True) -> None:
        """Replace the buttons, keeping the focus on the same key when it still exists."""
        old = self.focused.key if (keep and self.focused) else None
        self.items = list(items)
        self.index = None
        self._pressed = None
        if old is not None:
            for index, item in enumerate(self.items):
                if item.key == old:
                    self.index = index

    def find(self, key: str) -> Focusable | None:
        return next((item for item in self.items if item.key == key), None)

    def move(self, step: int) -> None:
        enabled = [i for i, item in enumerate(self.items) if item.enabled]
        if not enabled:
            return
        if self.index not in enabled:
            new = enabled[0] if step > 0 else enabled[-1]
        else:
            new = enabled[(enabled.index(self.index) + step) % len(enabled)]
        self._focus(new)

    def focus_item(self, item: Focusable) -> None:
        """Give the keyboard focus to ``item`` (one of the ring's)."""
        if item in self.items:
            self._focus(self.items.index(item))

    def focus_none(self) -> None:
        """No button has the focus (scan mode: the screen itself, between two rounds)."""
        self._focus(None)

    def follow_typing(self) -> None:
        """A text field took the keys (pygame_gui handled the click): the ring goes there too."""
        for index, item in enumerate(self.items):
            if getattr(item, "typing", False) and index != self.index:
                self.index = index  # no set_focused: the field already has the keys
                return

    def _focus(self, index: int | None) -> None:
        if self.focused is not None:
            self.focused.set_focused(False)
        self.index = index
        if self.focused is not None:
            self.focused.set_focused(True)
            if self.on_focus is not None:
                self.on_focus(self.focused)

    def handle(self, event: pygame.event.Event) -> bool:
        """True when the event moved the focus or activated a button."""
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEMOTION:
            self._hover(event.pos)
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pressed = self._at(event.pos)
            return self._pressed is not None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            target, self._pressed = self._at(event.pos), None
            if target is not None:
                at = getattr(target, "activate_at", None)  # pickers: which arrow was hit
                at(event.pos) if at is not None else target.activate()
                return True
        return False

    def _key(self, event: pygame.event.Event) -> bool:
        field = next((item for item in self.items if getattr(item, "typing", False)), None)
        if field is not None:  # focused by Tab, or clicked
            # A text field has the keys: digits, letters, arrows and Space belong to the text
            # (« Lina59 »), not to the numbered buttons; Tab leaves it, Enter goes to the next.
            if event.key in (pygame.K_TAB, *ACTIVATE_KEYS[:2]):
                self._focus(self.items.index(field))
                self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            return False
        own = getattr(self.focused, "handle_key", None)  # pickers take Left / Right
        if own is not None and own(event):
            return True
        if event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if event.key in NEXT_KEYS or event.key in PREVIOUS_KEYS:
            self.move(1 if event.key in NEXT_KEYS else -1)
            return True
        if event.key in ACTIVATE_KEYS and self.focused is not None and self.focused.enabled:
            self.focused.activate()
            return True
        number = NUMBER_KEYS.get(event.key)
        if number is not None:
            for index, item in enumerate(self.items):
                if item.number == number and item.enabled:
                    self._focus(index)
                    item.activate()
                    return True
        return False

    def _at(self, pos: tuple[int, int]) -> Focusable | None:
        for item in reversed(self.items):
            if item.enabled and item.rect.collidepoint(pos):
                return item
        return None

    def _hover(self, pos: tuple[int, int]) -> None:
        under = self._at(pos)
        for item in self.items:
            item.hovered = item is under

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        """A thick ring around the focused button, in a colour that is not the button's."""
        item = self.focused
        if item is None:
            return
        pad = getattr(item, "ring_pad", 14)  # text fields: closer, clear of their label
        ring = item.rect.inflate(pad, pad)
        pygame.draw.rect(surface, theme.color("white"), ring.inflate(6, 6), 3, border_radius=22)
        pygame.draw.rect(surface, theme.color("focus"), ring, 6, border_radius=20)


def letterbox(window: tuple[int, int], logical: tuple[int, int] = LOGICAL_SIZE) -> pygame.Rect:
    """Where the logical canvas goes in the window: scaled to fit, centred, bars around."""
    scale = min(window[0] / logical[0], window[1] / logical[1])
    width, height = round(logical[0] * scale), round(logical[1] * scale)
    return pygame.Rect((window[0] - width) // 2, (window[1] - height) // 2, width, height)


def to_logical(
    pos: tuple[float, float], window: tuple[int, int], logical: tuple[int, int] = LOGICAL_SIZE
) -> tuple[int, int]:
    """A window position as a canvas position (may fall outside the canvas in the bars)."""
    box = letterbox(window, logical)
    x = (pos[0] - box.x) * logical[0] / max(1, box.width)
    y = (pos[1] - box.y) * logical[1] / max(1, box.height)
    return int(x), int(y)


def to_window(
    pos: tuple[int, int], window: tuple[int, int], logical: tuple[int, int] = LOGICAL_SIZE
) -> tuple[int, int]:
    """A canvas position as a window position (for posting synthetic clicks)."""
    box = letterbox(window, logical)
    return (
        int(box.x + pos[0] * box.width / logical[0]),
        int(box.y + pos[1] * box.height / logical[1]),
    )


def touch_to_mouse(event: pygame.event.Event, window: tuple[int, int]) -> pygame.event.Event | None:
    """FINGERDOWN / FINGERUP / FINGERMOTION as the matching mouse event in canvas coordinates."""
    kinds = {
        pygame.FINGERDOWN: pygame.MOUSEBUTTONDOWN,
        pygame.FINGERUP: pygame.MOUSEBUTTONUP,
        pygame.FINGERMOTION: pygame.MOUSEMOTION,
    }
    kind = kinds.get(event.type)
    if kind is None:
        return None
    pos = to_logical((event.x * window[0], event.y * window[1]), window)
    if kind == pygame.MOUSEMOTION:
        return pygame.event.Event(kind, pos=pos, rel=(0, 0), buttons=(1, 0, 0), touch=True)
    return pygame.event.Event(kind, pos=pos, button=1, touch=True)
