"""Solid panels (text is never drawn on a busy background) and small shapes."""

from __future__ import annotations

import pygame

from game.theme import Theme


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
        shade = pygame.Surface((rect.width, rect.height), pygame.SRCALPHA)
        pygame.draw.rect(shade, (43, 37, 64, 60), shade.get_rect(), border_radius=radius)
        surface.blit(shade, rect.move(0, 6))
    pygame.draw.rect(surface, theme.color(fill), rect, border_radius=radius)
    if width:
        pygame.draw.rect(surface, theme.color(border), rect, width, border_radius=radius)


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
