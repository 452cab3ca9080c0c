"""Keyboard focus for the skill map: Tab / Shift+Tab move, Enter or Space activates.

pygame_gui buttons only answer the mouse; a counsellor at a desk (or using a screen reader's
keyboard habits) expects Tab to walk through the controls. Each screen registers its
controls in reading order; the ring draws a visible outline around the focused one.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import UIElement
from pygame_gui.elements import UIButton, UICheckBox, UITextEntryBox, UITextEntryLine

TEXT_FIELDS = (UITextEntryLine, UITextEntryBox)


class FocusRing:
    """The ordered controls of one screen and which one has the keyboard focus."""

    def __init__(self, manager: pygame_gui.UIManager, color: tuple[int, int, int]) -> None:
        self.manager = manager
        self.color = color
        self.items: list[UIElement] = []
        self.index = -1

    def clear(self) -> None:
        self.items = []
        self.index = -1

    def add(self, *elements: UIElement) -> None:
        self.items.extend(elements)

    @property
    def current(self) -> UIElement | None:
        if 0 <= self.index < len(self.items):
            element = self.items[self.index]
            if element.alive() and element.visible:
                return element
        return None

    def _usable(self, element: UIElement) -> bool:
        return element.alive() and bool(element.visible) and element.is_enabled

    def move(self, step: int) -> UIElement | None:
        """Focus the next (or previous) usable control, wrapping around."""
        usable = [i for i, e in enumerate(self.items) if self._usable(e)]
        if not usable:
            self.index = -1
            return None
        if self.index not in usable:
            self.index = usable[0] if step > 0 else usable[-1]
        else:
            position = (usable.index(self.index) + step) % len(usable)
            self.index = usable[position]
        element = self.items[self.index]
        self.manager.set_focus_set(element if isinstance(element, TEXT_FIELDS) else None)
        return element

    def focus(self, element: UIElement) -> None:
        if element in self.items:
            self.index = self.items.index(element)
            self.manager.set_focus_set(element if isinstance(element, TEXT_FIELDS) else None)

    def place(self) -> tuple[int, bool] | None:
        """Where the focus is, to find it again after a rebuild: the ring position of the
        text field being typed in (clicked or reached with Tab) or of the control reached with
        Tab, and whether the ring itself holds it (its outline is drawn)."""
        typing = self.manager.get_focus_set() or set()
        for index, element in enumerate(self.items):
            if isinstance(element, TEXT_FIELDS) and element in typing:
                return index, index == self.index
        return (self.index, True) if self.current is not None else None

    def restore(self, place: tuple[int, bool] | None) -> None:
        """Put the focus back at ``place`` among the rebuilt controls: a worker's answer may
        rebuild the screen while someone types, and the next keys must land where they were
        going (a click's focus stays a click's: no outline appears)."""
        if place is None or place[0] >= len(self.items):
            return
        index, by_ring = place
        element = self.items[index]
        if by_ring:
            self.focus(element)
        elif isinstance(element, TEXT_FIELDS):
            self.manager.set_focus_set(element)

    def process_event(self, event: pygame.event.Event) -> bool:
        """Handle Tab and Enter/Space; True when the event was used here."""
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.activate(event.key)
        return False

    def activate(self, key: int = pygame.K_RETURN) -> bool:
        """Press the focused button or tick the focused box, as a click would."""
        element = self.current
        if isinstance(element, UIButton):
            element.on_self_event(pygame_gui.UI_BUTTON_PRESSED, {"mouse_button": 1})
            return True
        if isinstance(element, UICheckBox):
            element.set_state(not element.get_state())
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        element = self.current
        if element is None:
            return
        rect = element.get_abs_rect().inflate(8, 8)
        pygame.draw.rect(surface, self.color, rect, width=3, border_radius=12)
