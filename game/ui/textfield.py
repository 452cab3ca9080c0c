"""A one-line text entry (pygame_gui's, for real text input and IME) in the focus ring."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine


class TextField:
    """Joins the game's focus ring: Tab reaches it, typing goes to pygame_gui."""

    number: int | None = None

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
        self.entry = UITextEntryLine(rect, manager, placeholder_text=placeholder)
        self.entry.set_text_length_limit(max_length)
        if initial:
            self.entry.set_text(initial)

    @property
    def text(self) -> str:
        return self.entry.get_text()

    def activate(self) -> None:
        self.entry.focus()

    def set_focused(self, focused: bool) -> None:
        if focused:
            self.entry.focus()
        else:
            self.entry.unfocus()

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
