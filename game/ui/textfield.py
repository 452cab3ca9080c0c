"""A one-line text entry (pygame_gui's, for real text input and IME) in the focus ring."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine


class TextField:
    """Joins the game's focus ring: Tab reaches it, typing goes to pygame_gui."""

    number: int | None = None
    ring_pad = 6  # the focus ring hugs the field, clear of the label just above

    def __init__(
        self,
        key: str,
        rect: pygame.Rect,
        manager: pygame_gui.UIManager,
        placeholder: str = "",
        max_length: int = 200,
        initial: str = "",
    ) -> None:
        self.key = key
        self.rect = rect
        self.enabled = True
        self.hovered = False
        self.manager = manager
        self.entry = UITextEntryLine(rect, manager, placeholder_text=placeholder)
        self.entry.set_text_length_limit(max_length)
        if initial:
            self.entry.set_text(initial)

    @property
    def text(self) -> str:
        return self.entry.get_text()

    def activate(self) -> None:
        self.set_focused(True)

    def set_focused(self, focused: bool) -> None:
        # through the manager, so that a later click on another field takes the keys from
        # this one (entry.focus() alone left two fields with a caret)
        if focused:
            self.manager.set_focus_set(self.entry)
        elif self.entry.is_focused:
            self.manager.set_focus_set(None)

    @property
    def typing(self) -> bool:
        return bool(self.entry.is_focused)

    def show(self, visible: bool) -> None:
        if visible:
            self.entry.show()
        else:
            self.entry.hide()

    def kill(self) -> None:
        self.entry.kill()

    def draw(self, surface: pygame.Surface, theme: object) -> None:
        """Drawn by the UIManager after the scenes."""
