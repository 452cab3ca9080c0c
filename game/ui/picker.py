"""A value picker with two big arrows: ◀ value ▶.

One focusable item per choice (not three buttons), so Tab stays short: when it has the focus,
Left / Right change the value; a click or tap on an arrow goes that way, on the middle goes
forward; Enter, Space or its number key also go forward.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.theme import Theme
from game.ui.button import Button
from game.ui.panel import panel
from game.ui.text import draw_text, line_height

ARROW = 58


def draw_arrow(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, step: int) -> None:
    """A filled triangle in a round button: big enough for a finger, clear without words."""
    pygame.draw.rect(surface, theme.color("button"), rect, border_radius=16)
    cx, cy = rect.center
    side = min(rect.width, rect.height)
    w, h = side * 0.22, side * 0.28
    tip = cx + step * w
    points = [(tip, cy), (cx - step * w, cy - h), (cx - step * w, cy + h)]
    pygame.draw.polygon(surface, theme.color("button_text"), points)


@dataclass(eq=False)
class Picker(Button):
    """``label`` is what is chosen (small, above), ``value`` the current choice's word."""

    value: str = ""
    change: Callable[[int], None] | None = None

    def _arrows(self, rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        side = min(ARROW, rect.height - 12)
        left = pygame.Rect(rect.x + 6, rect.centery - side // 2, side, side)
        right = pygame.Rect(rect.right - 6 - side, rect.centery - side // 2, side, side)
        return left, right

    def step(self, step: int) -> None:
        if self.enabled and self.change is not None:
            self.change(step)

    def activate(self) -> None:
        self.step(1)

    def activate_at(self, pos: tuple[int, int]) -> None:
        """A click or tap: on the left arrow goes back, anywhere else goes forward."""
        left, _ = self._arrows(self.rect)
        self.step(-1 if pos[0] < left.right + 4 else 1)

    def handle_key(self, event: pygame.event.Event) -> bool:
        """Left / Right change the value while the picker has the focus."""
        if event.key == pygame.K_LEFT:
            self.step(-1)
            return True
        if event.key == pygame.K_RIGHT:
            self.step(1)
            return True
        return False

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        rect = self.rect.move(0, -3) if (self.hovered or self.focused) else self.rect
        panel(surface, theme, rect, radius=18, width=3)
        left, right = self._arrows(rect)
        draw_arrow(surface, theme, left, -1)
        draw_arrow(surface, theme, right, 1)
        middle = pygame.Rect(left.right + 8, rect.y + 4, right.x - left.right - 16, rect.height - 8)
        # the label takes one line of small text, the value the rest: both at full size when
        # the picker is as tall as the two lines need (about 100 px at « très grand »)
        label_h = min(line_height(theme.font("small")), middle.height // 2)
        top = pygame.Rect(middle.x, middle.y, middle.width, label_h)
        bottom = pygame.Rect(middle.x, top.bottom, middle.width, middle.height - label_h)
        draw_text(
            surface,
            theme,
            self.label,
            top,
            role="small",
            fg="panel_muted_text",
            align="center",
            valign="middle",
            max_lines=1,
        )
        draw_text(
            surface,
            theme,
            self.value,
            bottom,
            role="choice",
            align="center",
            valign="middle",
            max_lines=1,
        )


@dataclass(eq=False)
class ArrowButton(Button):
    """A big arrow alone (map pages): ``step`` is -1 for back, 1 for forward."""

    step: int = 1

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        rect = self.rect.move(0, -3) if (self.hovered or self.focused) else self.rect
        panel(surface, theme, rect, fill="button", border="panel", radius=20, width=3)
        draw_arrow(surface, theme, rect.inflate(-6, -6), self.step)
