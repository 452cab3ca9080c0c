"""Backgrounds and portraits, drawn once and cached (bounded in bytes), with plain fallbacks.

A missing or broken image never stops a scenario: a gradient or a simple silhouette is drawn.
"""

from __future__ import annotations

import logging

import pygame

from game import art
from game.theme import Theme
from game.ui.panel import vertical_gradient
from shared.look.avatar_parts import SKIN
from shared.look.cache import MB, ByteBudgetCache
from shared.player import Avatar

log = logging.getLogger(__name__)
CANVAS = (1280, 720)


def background(theme: Theme, path: str | None) -> pygame.Surface:
    """The place's background at canvas size, or a warm gradient."""
    if path:
        try:
            return art.background(path, CANVAS)
        except (OSError, FileNotFoundError, pygame.error, ValueError) as exc:
            log.info("background %s unavailable: %s", path, exc)
    return _gradient(theme.hex("background_sky"), theme.hex("background_warm"))


def _gradient(top: str, bottom: str) -> pygame.Surface:
    return _gradients.get(
        (top, bottom), lambda: vertical_gradient(CANVAS, pygame.Color(top), pygame.Color(bottom))
    )


# A canvas-sized gradient is 3.5 MB: the theme's one and the high-contrast one.
_gradients: ByteBudgetCache[pygame.Surface] = ByteBudgetCache(8 * MB, art.surface_bytes)


def portrait(
    avatar: Avatar, size: tuple[int, int], expression: str = "neutral", dim: bool = False
) -> pygame.Surface:
    """A half-body portrait from avatar parts (game.avatar), or a simple silhouette;
    ``dim``: slightly darker, for who listens while someone else speaks."""
    key = (avatar.look(), size, expression)
    if not dim:
        return _portrait(key, avatar, size, expression)
    return _portraits.get((*key, "dim"), lambda: _dimmed(_portrait(key, avatar, size, expression)))


def _dimmed(lit: pygame.Surface) -> pygame.Surface:
    image = lit.copy()
    image.fill(DIM, special_flags=pygame.BLEND_RGB_MULT)
    return image


def _portrait_uncached(avatar: Avatar, size: tuple[int, int], expression: str) -> pygame.Surface:
    try:
        from game.avatar import render_avatar  # local: a broken avatar module is caught below

        return render_avatar(avatar, size, expression)
    except Exception as exc:  # a missing or broken avatar module must not stop the game
        log.info("avatar renderer unavailable: %s", exc)
        return _silhouette(avatar, size)


# Lit and dimmed portraits: a 540 px staged figure is ~0.9 MB, so 16 MB holds two characters,
# the player and their faces, lit and dimmed, whatever size the staging asks for.
_portraits: ByteBudgetCache[pygame.Surface] = ByteBudgetCache(16 * MB, art.surface_bytes)
DIM = (185, 185, 195)  # multiplies the colours: a listener steps back, still readable


def _portrait(key: tuple, avatar: Avatar, size: tuple[int, int], expression: str) -> pygame.Surface:
    return _portraits.get(key, lambda: _portrait_uncached(avatar, size, expression))


def picture_bytes(image: pygame.Surface | None) -> int:
    """What a kept picture takes; None (a picture that could not be drawn, kept so that it
    is not looked for every frame) takes nothing."""
    return 0 if image is None else art.surface_bytes(image)


def _silhouette(avatar: Avatar, size: tuple[int, int]) -> pygame.Surface:
    surface = pygame.Surface(size, pygame.SRCALPHA)
    w, h = size
    pygame.draw.ellipse(surface, pygame.Color("#3E7BFA"), (w * 0.1, h * 0.62, w * 0.8, h * 0.6))
    pygame.draw.circle(
        surface, pygame.Color(SKIN[avatar.skin]), (w // 2, int(h * 0.4)), int(w * 0.24)
    )
    return surface
