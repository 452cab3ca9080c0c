"""Portraits rasterised for the game: the player's avatar and every character's face.

The drawing (SVG built from parts, three expressions) is ``shared.look.avatar`` so the skill
map and the issuer draw the same portrait without pygame; this module only rasterises it with
pygame and caches the surfaces.
"""

from __future__ import annotations

import functools

import pygame

from game.art import svg_surface
from shared.look.avatar import CLOTHES, EXPRESSIONS, HAIR, SKIN, VIEWBOX, avatar_svg
from shared.player import Avatar

__all__ = ["CLOTHES", "EXPRESSIONS", "HAIR", "SKIN", "VIEWBOX", "avatar_svg", "render_avatar"]


@functools.lru_cache(maxsize=128)
def _render(avatar_json: str, size: tuple[int, int], expression: str) -> pygame.Surface:
    return svg_surface(avatar_svg(Avatar.model_validate_json(avatar_json), expression), size)


def render_avatar(
    avatar: Avatar, size: tuple[int, int], expression: str = "neutral"
) -> pygame.Surface:
    """The portrait rasterised at ``size`` (keep the 4:5 ratio), cached; do not draw on it."""
    return _render(avatar.model_dump_json(), (int(size[0]), int(size[1])), expression)
