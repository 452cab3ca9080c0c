"""Backgrounds and portraits, drawn once and cached (bounded), with plain fallbacks.

A missing or broken image never stops a scenario: a gradient or a simple silhouette is drawn.
"""

from __future__ import annotations

import functools
import logging

import pygame

from game import art
from game.theme import Theme
from game.ui.panel import vertical_gradient
from shared.look.avatar_parts import SKIN
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


@functools.lru_cache(maxsize=4)
def _gradient(top: str, bottom: str) -> pygame.Surface:
    return vertical_gradient(CANVAS, pygame.Color(top), pygame.Color(bottom))


def portrait(
    avatar: Avatar, size: tuple[int, int], expression: str = "neutral", dim: bool = False
) -> pygame.Surface:
    """A half-body portrait from avatar parts (game.avatar), or a simple silhouette;
    ``dim``: slightly darker, for who listens while someone else speaks."""
    key = (avatar.model_dump_json(), size, expression)
    if not dim:
        return _portrait(key, avatar, size, expression)
    dimmed = (*key, "dim")
    if dimmed not in _cache:
        image = _portrait(key, avatar, size, expression).copy()
        image.fill(DIM, special_flags=pygame.BLEND_RGB_MULT)
        _remember(dimmed, image)
    return _cache[dimmed]


def _portrait_uncached(avatar: Avatar, size: tuple[int, int], expression: str) -> pygame.Surface:
    try:
        from game.avatar import render_avatar

        return render_avatar(avatar, size, expression)
    except Exception as exc:  # a missing or broken avatar module must not stop the game
        log.info("avatar renderer unavailable: %s", exc)
        return _silhouette(avatar, size)


_cache: dict[tuple, pygame.Surface] = {}
MAX_PORTRAITS = 24  # lit and dimmed: enough for two characters, the player and their faces
DIM = (185, 185, 195)  # multiplies the colours: a listener steps back, still readable


def _portrait(key: tuple, avatar: Avatar, size: tuple[int, int], expression: str) -> pygame.Surface:
    if key not in _cache:
        _remember(key, _portrait_uncached(avatar, size, expression))
    return _cache[key]


def _remember(key: tuple, image: pygame.Surface) -> None:
    if len(_cache) >= MAX_PORTRAITS:
        _cache.pop(next(iter(_cache)))
    _cache[key] = image


def _silhouette(avatar: Avatar, size: tuple[int, int]) -> pygame.Surface:
    surface = pygame.Surface(size, pygame.SRCALPHA)
    w, h = size
    pygame.draw.ellipse(surface, pygame.Color("#3E7BFA"), (w * 0.1, h * 0.62, w * 0.8, h * 0.6))
    pygame.draw.circle(
        surface, pygame.Color(SKIN[avatar.skin]), (w // 2, int(h * 0.4)), int(w * 0.24)
    )
    return surface
