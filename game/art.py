"""The game's look: palette, SVG rasterising with a cache, icons, backgrounds, fonts, badge emblems.

All art is SVG written by the project. It is rasterised at the window's real size with pygame's
bundled nanosvg (``load_sized_svg``) and cached, since a full-screen SVG costs ~16 ms to draw.
Nothing is loaded at import time: every function reads its file on first use.
"""

from __future__ import annotations

import functools
import io
import json
import re
from pathlib import Path

import pygame

from shared.paths import content_dir

ASSETS = Path(__file__).resolve().parent / "assets"
ICONS = ASSETS / "icons"
FONTS = ASSETS / "fonts"
COMPETENCY_IDS = (
    "oral",
    "ecrit",
    "numerique",
    "maths",
    "codes-sociaux",
    "informations",
    "organisation",
    "regles",
    "imprevus",
    "collectif",
)
INK = "#2B2540"

Size = tuple[int, int]


# --- palette ---------------------------------------------------------------------------------


@functools.cache
def _palette_file() -> dict:
    return json.loads((ASSETS / "palette.json").read_text(encoding="utf-8"))


def palette(high_contrast: bool = False) -> dict[str, str]:
    """The named colours (hex) of the default or the high-contrast variant."""
    return dict(_palette_file()["high_contrast" if high_contrast else "default"])


def competency_colors() -> dict[str, str]:
    """Each competency's colour, keyed by competency id: the same on cards, map and badges."""
    return dict(_palette_file()["competencies"])


def text_pairs() -> list[tuple[str, str]]:
    """The (text, background) colour names the game draws text with, checked for contrast."""
    return [(fg, bg) for fg, bg in _palette_file()["text_pairs"]]


def hex_to_rgb(hex_color: str) -> tuple[int, int, int]:
    """ "#RRGGBB" (or "RRGGBB", or "#RGB") as an (r, g, b) tuple of 0-255 ints."""
    value = hex_color.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        raise ValueError(f"not a hex colour: {hex_color!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in hex_to_rgb(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(hex1: str, hex2: str) -> float:
    """WCAG contrast ratio between two colours, 1 to 21; text needs 4.5 (or 7 for AAA)."""
    high, low = sorted((relative_luminance(hex1), relative_luminance(hex2)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- rasterising ---------------------------------------------------------------------------


def svg_surface(svg: str | bytes, size: Size) -> pygame.Surface:
    """Rasterise SVG text at ``size`` (not cached: callers cache by their own key)."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    surface = pygame.image.load_sized_svg(io.BytesIO(data), size)
    return surface.convert_alpha() if pygame.display.get_surface() is not None else surface


@functools.lru_cache(maxsize=64)
def _load_svg_cached(path: str, size: Size) -> pygame.Surface:
    return svg_surface(Path(path).read_bytes(), size)


def load_svg(path: str | Path, size: Size) -> pygame.Surface:
    """An SVG file rasterised at ``size``, cached (bounded) by path and size.

    The returned surface is shared: copy it before drawing on it.
    """
    return _load_svg_cached(str(Path(path).resolve()), (int(size[0]), int(size[1])))


def icon_path(name: str) -> Path:
    """The file of icon ``name`` (a competency id, or dont-know, speaker, settings...)."""
    return ICONS / f"{name}.svg"


def icon(name: str, size: int | Size) -> pygame.Surface:
    """Icon ``name`` rasterised square (or at ``size``), cached."""
    if isinstance(size, int):
        size = (size, size)
    return load_svg(icon_path(name), size)


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


# --- fonts ---------------------------------------------------------------------------------


def font_path(bold: bool = False, dyslexic: bool = False) -> Path:
    """The game's font file: Andika (SIL, made for beginning readers) or OpenDyslexic."""
    if dyslexic:
        return FONTS / ("OpenDyslexic-Bold.otf" if bold else "OpenDyslexic-Regular.otf")
    return FONTS / ("Andika-Bold.ttf" if bold else "Andika-Regular.ttf")


# --- badge emblems -------------------------------------------------------------------------


def icon_body(name: str) -> str:
    """The drawing inside an icon's <svg> element (128x128 grid), to embed in other SVGs."""
    text = icon_path(name).read_text(encoding="utf-8")
    start = text.index(">", text.index("<svg")) + 1
    return text[start : text.rindex("</svg>")].strip()


def _shade(hex_color: str, factor: float) -> str:
    """Darker (factor < 1) or lighter (factor > 1, towards white) version of a colour."""
    r, g, b = hex_to_rgb(hex_color)
    if factor <= 1:
        r, g, b = (round(c * factor) for c in (r, g, b))
    else:
        t = min(1.0, factor - 1)
        r, g, b = (round(c + (255 - c) * t) for c in (r, g, b))
    return f"#{r:02X}{g:02X}{b:02X}"


def _star(cx: float, cy: float, outer: float, inner: float) -> str:
    import math

    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy + radius * math.sin(angle):.1f}")
    return " ".join(points)


def badge_svg(competency_id: str, level: int) -> str:
    """An Open Badge image: the competency's icon in an emblem of its colour, level as stars.

    No words are drawn (nanosvg ignores <text>, and a badge must read in any language): the
    level is shown by 1-4 gold stars on a ribbon, out of four marks.
    """
    if competency_id not in COMPETENCY_IDS:
        raise ValueError(f"unknown competency id: {competency_id!r}")
    if not 1 <= level <= 4:
        raise ValueError(f"level must be 1-4, got {level}")
    color = competency_colors()[competency_id]
    dark, light = _shade(color, 0.62), _shade(color, 1.45)
    marks = []
    for i in range(4):
        x = 200 + (i - 1.5) * 54
        lit = i < level
        fill, stroke = ("#FFC83D", "#A86A00") if lit else ("#FFFFFF", "#FFFFFF")
        opacity = "1" if lit else "0.35"
        marks.append(
            f'<polygon points="{_star(x, 352, 22, 10)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="3" stroke-linejoin="round" opacity="{opacity}"/>'
        )
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"
 width="400" height="400">
<defs>
<linearGradient id="rim" gradientUnits="userSpaceOnUse" x1="0" y1="20" x2="0" y2="380">
<stop offset="0" stop-color="{light}"/><stop offset="1" stop-color="{dark}"/></linearGradient>
<linearGradient id="face" gradientUnits="userSpaceOnUse" x1="0" y1="50" x2="0" y2="330">
<stop offset="0" stop-color="#FFFFFF"/><stop offset="1" stop-color="#FFF1DE"/></linearGradient>
</defs>
<path d="M200 18 L352 80 L352 210 C352 300 280 356 200 384 C120 356 48 300 48 210 L48 80 Z"
 fill="url(#rim)" stroke="{INK}" stroke-width="8" stroke-linejoin="round"/>
<path d="M200 44 L328 96 L328 208 C328 282 268 330 200 356 C132 330 72 282 72 208 L72 96 Z"
 fill="{color}"/>
<circle cx="200" cy="182" r="108" fill="url(#face)" stroke="{INK}" stroke-width="6"/>
<g transform="translate(107 88) scale(1.45)">{icon_body(competency_id)}</g>
<path d="M62 320 L338 320 L356 352 L338 384 L62 384 L44 352 Z" fill="{dark}" stroke="{INK}"
 stroke-width="6" stroke-linejoin="round"/>
{"".join(marks)}
</svg>"""


def badge_surface(competency_id: str, level: int, size: int = 256) -> pygame.Surface:
    """The badge emblem rasterised (for previews; the issuer bakes its own PNG)."""
    return svg_surface(badge_svg(competency_id, level), (size, size))
