"""Portraits rasterised for the game: the player's avatar and every character's face.

The drawing (SVG built from parts, three expressions) is ``shared.look.avatar`` so the skill
map and the issuer draw the same portrait without pygame; this module only rasterises it with
pygame and caches the surfaces.
"""

from __future__ import annotations

import pygame

from game.art import surface_bytes, svg_surface
from shared.look.avatar import CLOTHES, EXPRESSIONS, HAIR, SKIN, VIEWBOX, avatar_svg
from shared.look.cache import MB, ByteBudgetCache
from shared.player import Avatar

__all__ = ["CLOTHES", "EXPRESSIONS", "HAIR", "SKIN", "VIEWBOX", "avatar_svg", "render_avatar"]


# Portraits kept by bytes: a dialogue portrait is ~1 MB at full size, a map thumbnail ~40 KB;
# the staging keeps its lit and dimmed figures itself (game.ui.images), so 12 MB is enough.
_portraits: ByteBudgetCache[pygame.Surface] = ByteBudgetCache(12 * MB, surface_bytes)


def render_avatar(
    avatar: Avatar, size: tuple[int, int], expression: str = "neutral"
) -> pygame.Surface:
    """The portrait rasterised at ``size`` (keep the 4:5 ratio), cached; do not draw on it."""
    box = (int(size[0]), int(size[1]))
    key = (avatar.look(), box, expression)
    return _portraits.get(key, lambda: svg_surface(avatar_svg(avatar, expression), box))
