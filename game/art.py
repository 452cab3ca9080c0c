"""The game's pygame side of the look: SVG rasterising with a cache, icons, backgrounds, badges.

The drawings themselves (palette, colours, icons, fonts, badge and avatar SVG) live in
``shared.look`` so the skill map and the issuer draw the same things without pygame; this
module rasterises them at the window's real size with pygame's bundled nanosvg
(``load_sized_svg``) and caches the result, since a full-screen SVG costs ~16 ms to draw.
Nothing is loaded at import time: every function reads its file on first use.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pygame

from game import raster_cache
from shared.look import (
    badge_svg,
    competency_colors,
    contrast_ratio,
    font_path,
    hex_to_rgb,
    icon_body,
    icon_path,
    palette,
    relative_luminance,
    text_pairs,
)
from shared.look.cache import MB, ByteBudgetCache
from shared.paths import content_dir

__all__ = [
    "background",
    "background_path",
    "badge_surface",
    "badge_svg",
    "competency_colors",
    "contrast_ratio",
    "font_path",
    "hex_to_rgb",
    "icon",
    "icon_body",
    "icon_path",
    "load_svg",
    "palette",
    "relative_luminance",
    "surface_bytes",
    "svg_surface",
    "text_pairs",
]

Size = tuple[int, int]


# --- rasterising ---------------------------------------------------------------------------


def svg_surface(svg: str | bytes, size: Size) -> pygame.Surface:
    """Rasterise SVG text at ``size`` (callers keep it in memory by their own key; big
    pictures are also kept on disk for the next start, ``game.raster_cache``)."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    size = (int(size[0]), int(size[1]))
    keep = raster_cache.worth_keeping(size)
    surface = raster_cache.load(data, size) if keep else None
    if surface is None:
        surface = pygame.image.load_sized_svg(io.BytesIO(data), size)
        if keep:
            raster_cache.save(data, size, surface)
    return surface.convert_alpha() if pygame.display.get_surface() is not None else surface


def surface_bytes(surface: pygame.Surface) -> int:
    """What a surface's pixels take in memory."""
    return surface.get_pitch() * surface.get_height()


# Rasterised files (icons, full-window backgrounds) kept by bytes: a 1280x720 background is
# 3.5 MB, an icon a few KB; 24 MB holds the current place's backgrounds, the town's and every
# icon in use (48 MB kept the places already left too: the game's peak was over 150 MB).
_svg_files: ByteBudgetCache[pygame.Surface] = ByteBudgetCache(24 * MB, surface_bytes)


def load_svg(path: str | Path, size: Size) -> pygame.Surface:
    """An SVG file rasterised at ``size``, cached (bounded in bytes) by path and size.

    The returned surface is shared: copy it before drawing on it.
    """
    file = _resolved(str(path))
    key = (str(file), int(size[0]), int(size[1]))
    return _svg_files.get(key, lambda: svg_surface(file.read_bytes(), (key[1], key[2])))


@functools.lru_cache(maxsize=1024)
def _resolved(path: str) -> Path:
    """A file's absolute path, resolved once: toolbar icons are asked for every frame, and
    resolving (a system call per folder) cost more than blitting them."""
    return Path(path).resolve()


def icon(name: str, size: int | Size) -> pygame.Surface:
    """Icon ``name`` rasterised square (or at ``size``), cached."""
    if isinstance(size, int):
        size = (size, size)
    return load_svg(_icon_file(name), size)


@functools.cache
def _icon_file(name: str) -> str:
    return str(icon_path(name))


def background_path(path: str | Path) -> Path:
    """Resolve a scenario's background: absolute, relative to content/, or a bare file name."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate
    for folder in (content_dir(), content_dir() / "images" / "backgrounds"):
        if (folder / candidate).exists():
            return folder / candidate
    return content_dir() / "images" / "backgrounds" / candidate


def background(path: str | Path, size: Size) -> pygame.Surface:
    """A place's background rasterised to fill ``size`` (the SVGs are 16:9), cached."""
    return load_svg(background_path(path), size)


def badge_surface(competency_id: str, level: int, size: int = 256) -> pygame.Surface:
    """The badge emblem rasterised (for previews; the issuer bakes its own PNG)."""
    return svg_surface(badge_svg(competency_id, level), (size, size))
