"""Solid panels (text is never drawn on a busy background) and small shapes."""

from __future__ import annotations

from typing import Any

import pygame

from game.art import surface_bytes
from game.theme import Theme
from game.ui.text import draw_text, line_height
from shared.look.cache import MB, ByteBudgetCache


def panel(
    surface: pygame.Surface,
    theme: Theme,
    rect: pygame.Rect,
    *,
    fill: str = "panel",
    border: str = "panel_border",
    radius: int = 22,
    shadow: bool = True,
    width: int = 3,
) -> None:
    """A rounded solid panel with a soft shadow below it."""
    if shadow and not theme.high_contrast:
        surface.blit(_shade(rect.width, rect.height, radius), rect.move(0, 6))
    pygame.draw.rect(surface, theme.color(fill), rect, border_radius=radius)
    if width:
        pygame.draw.rect(surface, theme.color(border), rect, width, border_radius=radius)


# Shadows by size: every button and box has one, every frame; making the translucent
# surface each time cost more than blitting it. A 1280x720 shadow is 3.5 MB: 8 MB is plenty.
_shades: ByteBudgetCache[pygame.Surface] = ByteBudgetCache(8 * MB, surface_bytes)


def _shade(width: int, height: int, radius: int) -> pygame.Surface:
    return _shades.get((width, height, radius), lambda: _new_shade(width, height, radius))


def _new_shade(width: int, height: int, radius: int) -> pygame.Surface:
    shade = pygame.Surface((max(0, width), max(0, height)), pygame.SRCALPHA)
    pygame.draw.rect(shade, (43, 37, 64, 60), shade.get_rect(), border_radius=radius)
    return shade


def dim(surface: pygame.Surface, alpha: int = 150) -> None:
    """Darken everything drawn so far (under an overlay)."""
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((20, 16, 36, alpha))
    surface.blit(veil, (0, 0))


def vertical_gradient(
    size: tuple[int, int], top: pygame.Color, bottom: pygame.Color
) -> pygame.Surface:
    """A plain gradient (used when a background image is missing)."""
    surface = pygame.Surface(size)
    for y in range(size[1]):
        t = y / max(1, size[1] - 1)
        surface.fill(top.lerp(bottom, t), pygame.Rect(0, y, size[0], 1))
    return surface


def overlay(
    surface: pygame.Surface,
    theme: Theme,
    box: pygame.Rect,
    heading: str,
    heading_box: pygame.Rect | None = None,
    **look: Any,
) -> None:
    """An overlay's frame: the screen below dimmed, its panel, its heading (centred at the
    top unless ``heading_box`` places it; ``look`` as ``titled_panel``'s). One look for
    every overlay."""
    dim(surface)
    titled_panel(surface, theme, box, heading, heading_box, **look)


def titled_panel(
    surface: pygame.Surface,
    theme: Theme,
    box: pygame.Rect,
    text: str,
    text_box: pygame.Rect | None = None,
    *,
    role: str = "heading",
    align: str = "center",
    max_lines: int | None = 1,
    radius: int = 30,
    width: int = 4,
) -> None:
    """A panel with its words on it, middled in ``text_box`` (the top of the panel by
    default, as tall as a heading line needs at full size)."""
    panel(surface, theme, box, radius=radius, width=width)
    draw_text(
        surface,
        theme,
        text,
        text_box or heading_rect(theme, box),
        role=role,
        align=align,
        valign="middle",
        max_lines=max_lines,
    )


def heading_rect(theme: Theme, box: pygame.Rect, lines: int = 1) -> pygame.Rect:
    """An overlay's heading at the top of ``box``: as tall as its lines need at full size."""
    tall = max(70, lines * line_height(theme.font("heading")) + 4)
    return pygame.Rect(box.x + 40, box.y + 12, box.width - 80, tall)
