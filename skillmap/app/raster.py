"""The skill map app's pictures: DIVA's shared drawings rasterised with pygame, cached.

The drawings (icons, badge emblems, portraits) are ``shared.look``'s SVG; this module only turns
them into pygame surfaces at the size a screen asks for, with pygame's bundled nanosvg. The
caches are bounded in bytes (the app stays open all day; see bench/bench_skillmap_memory.py).
"""

from __future__ import annotations

import io

import pygame

from shared.look import avatar_svg, badge_svg, icon_path
from shared.look.cache import MB, ByteBudgetCache
from shared.player import Avatar

Size = tuple[int, int]


def surface_bytes(surface: pygame.Surface) -> int:
    """What a surface's pixels take in memory."""
    return surface.get_pitch() * surface.get_height()


_icons: ByteBudgetCache[pygame.Surface] = ByteBudgetCache(8 * MB, surface_bytes)
_portraits: ByteBudgetCache[pygame.Surface] = ByteBudgetCache(16 * MB, surface_bytes)


def svg_surface(svg: str | bytes, size: Size) -> pygame.Surface:
    """Rasterise SVG text at ``size`` (not cached: callers cache by their own key)."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    surface = pygame.image.load_sized_svg(io.BytesIO(data), size)
    return surface.convert_alpha() if pygame.display.get_surface() is not None else surface


def icon(name: str, size: int | Size) -> pygame.Surface:
    """Icon ``name`` (a competency id, star, check...) rasterised square (or at ``size``), cached;
    the surface is shared: copy it before drawing on it."""
    box = (size, size) if isinstance(size, int) else (int(size[0]), int(size[1]))
    return _icons.get((name, box), lambda: svg_surface(icon_path(name).read_bytes(), box))


def badge_surface(competency_id: str, level: int, size: int = 256) -> pygame.Surface:
    """The badge emblem rasterised (a preview; the issuer bakes its own PNG)."""
    return svg_surface(badge_svg(competency_id, level), (size, size))


def render_avatar(avatar: Avatar, size: Size, expression: str = "neutral") -> pygame.Surface:
    """The player's portrait at ``size`` (keep the 4:5 ratio), cached; do not draw on it."""
    box = (int(size[0]), int(size[1]))
    key = (avatar.look(), box, expression)
    return _portraits.get(key, lambda: svg_surface(avatar_svg(avatar, expression), box))
