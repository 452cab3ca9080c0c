"""The competency map as SVG: one petal per competency, its length the confirmed level.

The same drawing goes inline in the portfolio and, rasterised by pygame (nanosvg), into the
PNG, so both look alike. No <text> inside: nanosvg ignores it, and the words live next to
the map (legend) where they can wrap on a phone and be read aloud.
"""

import math
from html import escape

from skillmap.look import ICON_GRID, competency_colors, icon_body, palette

VIEW = 700
CENTER = VIEW / 2
HUB = 46
STEP = 54  # ring k (level k) is at HUB + k * STEP
ICON_RADIUS = 306
ICON_SIZE = 62
GAP_DEGREES = 2.5


def ring(level: int) -> float:
    return HUB + level * STEP


def _point(radius: float, degrees: float) -> tuple[float, float]:
    angle = math.radians(degrees)
    return CENTER + radius * math.cos(angle), CENTER + radius * math.sin(angle)


def _sector(inner: float, outer: float, start: float, end: float) -> str:
    """Path of an annular sector between two radii and two angles (degrees, clockwise)."""
    x1, y1 = _point(outer, start)
    x2, y2 = _point(outer, end)
    x3, y3 = _point(inner, end)
    x4, y4 = _point(inner, start)
    return (
        f"M{x1:.1f},{y1:.1f} A{outer:.1f},{outer:.1f} 0 0 1 {x2:.1f},{y2:.1f} "
        f"L{x3:.1f},{y3:.1f} A{inner:.1f},{inner:.1f} 0 0 0 {x4:.1f},{y4:.1f} Z"
    )


def _icon(name: str, color: str, degrees: float, lit: bool) -> str:
    x, y = _point(ICON_RADIUS, degrees)
    scale = ICON_SIZE / ICON_GRID
    colors = palette()
    ring_color = color if lit else colors["panel_border"]
    return (
        f'<g opacity="{1 if lit else 0.45}">'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{ICON_SIZE / 2 + 6:.1f}" fill="{colors["white"]}" '
        f'stroke="{ring_color}" stroke-width="5"/>'
        f'<g transform="translate({x - ICON_SIZE / 2:.1f},{y - ICON_SIZE / 2:.1f}) '
        f'scale({scale:.4f})">{icon_body(name)}</g></g>'
    )


def _petal(index: int, count: int, color: str, level: int | None, suggested: int | None) -> str:
    span = 360 / count
    start = -90 + index * span - span / 2 + GAP_DEGREES
    end = start + span - 2 * GAP_DEGREES
    parts = [f'<path d="{_sector(HUB, ring(4), start, end)}" fill="{color}" opacity="0.14"/>']
    if level:
        parts.append(f'<path d="{_sector(HUB, ring(level), start, end)}" fill="{color}"/>')
    if suggested and (level or 0) < suggested:
        parts.append(
            f'<path d="{_sector(HUB, ring(suggested), start, end)}" fill="none" '
            f'stroke="{color}" stroke-width="4" stroke-dasharray="10 7"/>'
        )
    return "".join(parts)


def map_svg(
    order: list[str],
    levels: dict[str, int | None],
    suggested: dict[str, int | None] | None = None,
    title: str = "",
    description: str = "",
) -> str:
    """The map of ``order`` competencies; ``suggested`` (game evidence) drawn dashed if given."""
    colors = palette()
    by_id = competency_colors()
    suggested = suggested or {}
    span = 360 / max(len(order), 1)
    rings = "".join(
        f'<circle cx="{CENTER}" cy="{CENTER}" r="{ring(k)}" fill="none" '
        f'stroke="{colors["white"]}" stroke-width="3" opacity="0.85"/>'
        for k in (1, 2, 3)
    )
    petals = "".join(
        _petal(i, len(order), by_id.get(c, colors["accent"]), levels.get(c), suggested.get(c))
        for i, c in enumerate(order)
    )
    icons = "".join(
        _icon(c, by_id.get(c, colors["accent"]), -90 + i * span, bool(levels.get(c)))
        for i, c in enumerate(order)
    )
    hub_scale = (HUB * 1.3) / ICON_GRID
    hub = (
        f'<circle cx="{CENTER}" cy="{CENTER}" r="{HUB - 4}" fill="{colors["panel_dark"]}"/>'
        f'<g transform="translate({CENTER - HUB * 0.65:.1f},{CENTER - HUB * 0.68:.1f}) '
        f'scale({hub_scale:.4f})">{icon_body("star")}</g>'
    )
    outer = (
        f'<circle cx="{CENTER}" cy="{CENTER}" r="{ring(4) + 6}" fill="{colors["panel"]}" '
        f'stroke="{colors["panel_border"]}" stroke-width="2"/>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW} {VIEW}" '
        f'width="{VIEW}" height="{VIEW}" role="img" aria-labelledby="map-title map-desc">'
        f'<title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>'
        f"{outer}{petals}{rings}{hub}{icons}</svg>"
    )
