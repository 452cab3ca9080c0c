"""The skill map app's pictures: DIVA's shared drawings rasterised with pygame, cached.

The drawings (icons, badge emblems, portraits) are ``shared.look``'s SVG; this module only turns
them into pygame surfaces at the size a screen asks for, with pygame's bundled nanosvg.
"""

from __future__ import annotations

import functools
import io

import pygame

from shared.look import avatar_svg, badge_svg, icon_path
from shared.player import Avatar


def svg_surface(svg: str | bytes, size: tuple[int, int]) -> pygame.Surface:
    """Rasterise SVG text at ``size`` (not cached: callers cache by their own key)."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    surface = pygame.image.load_sized_svg(io.BytesIO(data), size)
    return surface.convert_alpha() if pygame.display.get_surface() is not None else surface


@functools.lru_cache(maxsize=64)
def _icon(name: str, size: tuple[int, int]) -> pygame.Surface:
    return svg_surface(icon_path(name).read_bytes(), size)


def icon(name: str, size: int | tuple[int, int]) -> pygame.Surface:
    """Icon ``name`` (a competency id, star, check...) rasterised square (or at ``size``), cached;
    the surface is shared: copy it before drawing on it."""
    if isinstance(size, int):
        size = (size, size)
    return _icon(name, (int(size[0]), int(size[1])))


def badge_surface(competency_id: str, level: int, size: int = 256) -> pygame.Surface:
    """The badge emblem rasterised (a preview; the issuer bakes its own PNG)."""
    return svg_surface(badge_svg(competency_id, level), (size, size))


@functools.lru_cache(maxsize=128)
def _portrait(avatar_json: str, size: tuple[int, int], expression: str) -> pygame.Surface:
    return svg_surface(avatar_svg(Avatar.model_validate_json(avatar_json), expression), size)


def render_avatar(
    avatar: Avatar, size: tuple[int, int], expression: str = "neutral"
) -> pygame.Surface:
    """The player's portrait at ``size`` (keep the 4:5 ratio), cached; do not draw on it."""
    return _portrait(avatar.model_dump_json(), (int(size[0]), int(size[1])), expression)
