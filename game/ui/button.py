"""A button drawn by the game: big, numbered when it is a choice, with a visible focus ring."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game import art
from game.theme import Theme
from game.ui.panel import panel
from game.ui.text import draw_text

STYLES = {
    # style: (fill, text, border)
    "primary": ("button", "button_text", "button"),
    "secondary": ("panel", "panel_text", "panel_border"),
    "choice": ("panel", "panel_text", "panel_border"),
    "selected": ("accent", "accent_text", "ink"),
    "dark": ("panel_dark", "panel_dark_text", "panel_dark"),
    # flat and muted, but its words still read (4.5:1, 7:1 in high contrast)
    "disabled": ("disabled", "disabled_text", "disabled_border"),
}


def icon_surface(name: str, size: int) -> pygame.Surface | None:
    """An icon from shared/look/icons, or None when it is missing (never a crash)."""
    try:
        return art.icon(name, size)
    except (OSError, FileNotFoundError, pygame.error, ValueError):
        return None


@dataclass(eq=False)
class Button:
    """Something the player can press with a key, a click or a tap."""

    key: str
    label: str
    rect: pygame.Rect
    action: Callable[[], None]
    number: int | None = None
    icon: str | None = None
    style: str = "secondary"
    selected: bool = False
    enabled: bool = True
    hovered: bool = False
    focused: bool = False
    role: str = "body"
    icon_only: bool = False
    context: str = ""  # said before the label (« Animations : Oui »): a switch's row name
    why: str = ""  # why it is disabled, said with it (« désactivé : choisis une carte »)

    def activate(self) -> None:
        if self.enabled:
            self.action()

    def set_focused(self, focused: bool) -> None:
        self.focused = focused

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        style = "selected" if self.selected else self.style
        fill, fg, border = STYLES[style if self.enabled else "disabled"]
        rect = (
            self.rect.move(0, -3) if (self.hovered or self.focused) and self.enabled else self.rect
        )
        panel(
            surface,
            theme,
            rect,
            fill=fill,
            border=border,
            radius=18,
            width=3,
            shadow=self.enabled,
        )
        inner = rect.inflate(-28, -16)
        if self.number is not None:
            inner = self._draw_number(surface, theme, rect, inner)
        if self.icon:
            inner = self._draw_icon(surface, rect, inner)
        if self.selected and self.enabled:
            tick = icon_surface("check", 34)
            if tick is not None:
                surface.blit(tick, (rect.right - 44, rect.y + 8))
                inner.width -= 40
        if not self.icon_only and inner.width > 20:
            align = "left" if self.style == "choice" else "center"
            draw_text(
                surface,
                theme,
                self.label,
                inner,
                role=self.role,
                fg=fg,
                bg=fill,
                align=align,
                valign="middle",
            )

    def _draw_number(
        self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect, inner: pygame.Rect
    ) -> pygame.Rect:
        radius = min(26, rect.height // 2 - 8)
        center = (rect.x + 16 + radius, rect.centery)
        # On a primary or selected button the badge turns light, or it would melt into the fill.
        light = self.style == "primary" or self.selected
        fill, fg = ("panel", "panel_text") if light else ("button", "button_text")
        if not self.enabled:
            fill, fg = "disabled_text", "disabled"
        pygame.draw.circle(surface, theme.color(fill), center, radius)
        badge = pygame.Rect(0, 0, radius * 2, radius * 2)
        badge.center = center
        draw_text(
            surface,
            theme,
            str(self.number),
            badge,
            role="heading",
            fg=fg,
            bg=fill,
            align="center",
            valign="middle",
        )
        return pygame.Rect(badge.right + 16, inner.y, inner.right - badge.right - 16, inner.height)

    def _draw_icon(
        self, surface: pygame.Surface, rect: pygame.Rect, inner: pygame.Rect
    ) -> pygame.Rect:
        size = min(rect.height - 16, 64)
        image = icon_surface(self.icon or "", size)
        if image is None:
            return inner
        if not self.enabled:  # faded, like the rest of the button
            image = image.copy()
            image.set_alpha(110)
        if self.icon_only:
            surface.blit(image, image.get_rect(center=rect.center))
            return inner
        surface.blit(image, (inner.x, rect.centery - size // 2))
        return pygame.Rect(inner.x + size + 10, inner.y, inner.width - size - 10, inner.height)


def draw_buttons(surface: pygame.Surface, theme: Theme, buttons: list[Button]) -> None:
    for button in buttons:
        button.draw(surface, theme)


def column(x: int, y: int, width: int, heights: list[int], gap: int = 14) -> list[pygame.Rect]:
    """Rects stacked top to bottom."""
    rects = []
    for height in heights:
        rects.append(pygame.Rect(x, y, width, height))
        y += height + gap
    return rects


def row(x: int, y: int, widths: list[int], height: int, gap: int = 16) -> list[pygame.Rect]:
    """Rects side by side."""
    rects = []
    for width in widths:
        rects.append(pygame.Rect(x, y, width, height))
        x += width + gap
    return rects
