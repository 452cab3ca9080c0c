"""The competency map, drawn as a wheel: ten sectors, four rings (one per level).

For each competency: the sector is filled up to the level confirmed with the young person,
an outlined band with a marker shows the level the game suggests, the icon sits on the rim
with a small badge counting the experiences behind it, and the name and level word are
written outside. Shapes are drawn at twice the size and smoothed down (pygame's polygons
have no anti-aliasing); text and icons are drawn at full size on top.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from shared.framework import Framework
from shared.profile import CompetencyProfile, SkillProfile
from shared.text import localize
from skillmap.app import raster
from skillmap.app.ui import (
    Color,
    blit_text,
    colors,
    competency_ink,
    draw_text,
    font,
    shade,
    wrap,
)

HUB = 46
RING = 29
ICON = 44
SS = 2  # supersampling factor for the shapes


@dataclass
class Wheel:
    """Geometry of one wheel; ``sector_at`` maps a point back to a competency."""

    center: tuple[int, int]
    ids: list[str]

    @property
    def outer(self) -> int:
        return HUB + 4 * RING

    def radius(self, level: float) -> float:
        return HUB + level * RING

    def angles(self, index: int) -> tuple[float, float, float]:
        """Start, middle and end angle (radians) of sector ``index``, first one at the top."""
        span = 2 * math.pi / len(self.ids)
        middle = -math.pi / 2 + index * span
        gap = math.radians(1.6)
        return middle - span / 2 + gap, middle, middle + span / 2 - gap

    def sector_at(self, pos: tuple[int, int]) -> str | None:
        dx, dy = pos[0] - self.center[0], pos[1] - self.center[1]
        distance = math.hypot(dx, dy)
        if distance < HUB or distance > self.outer + 2 * ICON:
            return None
        span = 2 * math.pi / len(self.ids)
        angle = (math.atan2(dy, dx) + math.pi / 2 + span / 2) % (2 * math.pi)
        return self.ids[int(angle // span) % len(self.ids)]


def _arc(cx: float, cy: float, radius: float, start: float, end: float) -> list[tuple]:
    steps = max(4, int(abs(end - start) * radius / 6))
    return [
        (
            cx + radius * math.cos(start + (end - start) * i / steps),
            cy + radius * math.sin(start + (end - start) * i / steps),
        )
        for i in range(steps + 1)
    ]


def _band(
    surface: pygame.Surface,
    center: tuple[float, float],
    inner: float,
    outer: float,
    start: float,
    end: float,
    color: Color | tuple[int, int, int, int],
) -> None:
    outside = _arc(*center, outer, start, end)
    inside = _arc(*center, inner, end, start)
    pygame.draw.polygon(surface, color, outside + inside)


def _shapes(
    wheel: Wheel,
    profile: SkillProfile,
    c: dict[str, Color],
    size: tuple[int, int],
    origin: tuple[int, int],
) -> pygame.Surface:
    """Sectors, rings and suggestion bands at SS x size, smoothed back down."""
    big = pygame.Surface((size[0] * SS, size[1] * SS), pygame.SRCALPHA)
    cx, cy = (wheel.center[0] - origin[0]) * SS, (wheel.center[1] - origin[1]) * SS
    hub, ring = HUB * SS, RING * SS
    pygame.draw.circle(big, shade(c["panel_border"], 1.2), (cx, cy), hub + 4 * ring + 6 * SS)
    for index, competency in enumerate(wheel.ids):
        start, _, end = wheel.angles(index)
        color = c[competency]
        row = profile.get(competency)
        _band(big, (cx, cy), hub, hub + 4 * ring, start, end, shade(color, 1.82))
        suggested = row.suggested_level or 0
        confirmed = row.confirmed_level or 0
        if suggested > confirmed:
            _band(
                big,
                (cx, cy),
                hub + confirmed * ring,
                hub + suggested * ring,
                start,
                end,
                shade(color, 1.5),
            )
        if confirmed:
            _band(big, (cx, cy), hub, hub + confirmed * ring, start, end, color)
        if suggested:
            edge = hub + suggested * ring
            _band(big, (cx, cy), edge - 3 * SS, edge + 3 * SS, start, end, shade(color, 0.55))
    for level in range(1, 4):
        pygame.draw.circle(big, (255, 255, 255, 150), (cx, cy), hub + level * ring, width=SS)
    pygame.draw.circle(big, c["hub"], (cx, cy), hub - 3 * SS)
    pygame.draw.circle(big, c["panel_border"], (cx, cy), hub - 3 * SS, width=2 * SS)
    return pygame.transform.smoothscale(big, size)


def _marker(surface: pygame.Surface, wheel: Wheel, index: int, level: int, color: Color) -> None:
    """A small diamond on the suggested ring: colour never carries the meaning alone."""
    _, middle, _ = wheel.angles(index)
    r = wheel.radius(level)
    x, y = wheel.center[0] + r * math.cos(middle), wheel.center[1] + r * math.sin(middle)
    points = [(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)]
    pygame.draw.polygon(surface, (255, 255, 255), points)
    pygame.draw.polygon(surface, color, points, width=3)


def _icon(
    surface: pygame.Surface, wheel: Wheel, index: int, row: CompetencyProfile, c: dict[str, Color]
) -> tuple[float, float]:
    x, y = icon_center(wheel, index)
    pygame.draw.circle(surface, c["white"], (x, y), ICON // 2 + 6)
    pygame.draw.circle(surface, c[row.competency], (x, y), ICON // 2 + 6, width=3)
    image = raster.icon(row.competency, ICON - 6)
    surface.blit(image, image.get_rect(center=(round(x), round(y))))
    if row.experiences:
        badge = (x + ICON // 2 + 2, y - ICON // 2 + 2)
        pygame.draw.circle(surface, c["badge"], badge, 11)
        top = round(badge[1]) + 1 - font(13, bold=True).get_height() // 2
        count = str(row.experiences)
        blit_text(
            surface, count, (round(badge[0]), top), font(13, bold=True), c["badge_text"], "center"
        )
    return x, y


def icon_center(wheel: Wheel, index: int) -> tuple[float, float]:
    """Where the icon of sector ``index`` sits, just outside the rim."""
    _, middle, _ = wheel.angles(index)
    r = wheel.outer + ICON // 2 + 10
    return wheel.center[0] + r * math.cos(middle), wheel.center[1] + r * math.sin(middle)


def _label(
    surface: pygame.Surface,
    wheel: Wheel,
    index: int,
    row: CompetencyProfile,
    name: str,
    word: str,
    c: dict[str, Color],
    high_contrast: bool = False,
) -> None:
    """Name and level word beside the icon: outward on the sides, above or below at the poles."""
    _, middle, _ = wheel.angles(index)
    x, y = icon_center(wheel, index)
    cos, sin = math.cos(middle), math.sin(middle)
    face, small = font(14, bold=True), font(13)
    pole = abs(cos) < 0.2
    lines = wrap(name, 190 if pole else 124, face, max_lines=2 if pole else 3)
    height = len(lines) * (face.get_linesize() + 1) + small.get_linesize()
    if pole:
        align = "center"
        top = y + ICON // 2 + 10 if sin > 0 else y - ICON // 2 - 10 - height
    else:
        align = "left" if cos > 0 else "right"
        x += (ICON // 2 + 12) * (1 if cos > 0 else -1)
        top = y - height / 2
    top = draw_text(
        surface,
        "\n".join(lines),
        (round(x), round(top)),
        face,
        c["panel_text"],
        line_gap=1,
        align=align,
    )
    ink = c["panel_muted_text"]
    if row.confirmed_level:
        ink = competency_ink(c, row.competency, c["panel"], high_contrast)
    draw_text(surface, word, (round(x), round(top)), small, ink, align=align)


def draw_wheel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    profile: SkillProfile,
    framework: Framework,
    t,
    lang: str = "fr",
    high_contrast: bool = False,
) -> Wheel:
    """Draw the map of ``profile`` centred in ``rect``; returns its geometry for hit tests."""
    c = colors(high_contrast)
    ids = [comp.id for comp in framework.competencies]
    wheel = Wheel(rect.center, ids)
    surface.blit(_shapes(wheel, profile, c, rect.size, rect.topleft), rect.topleft)
    for index, competency in enumerate(ids):
        row = profile.get(competency)
        if row.suggested_level:
            _marker(surface, wheel, index, row.suggested_level, shade(c[competency], 0.55))
        _icon(surface, wheel, index, row, c)
        name = localize(framework.competency(competency).name, lang)
        word = (
            framework.level_word(row.confirmed_level, lang)
            if row.confirmed_level
            else t("app.map.not_yet")
        )
        _label(surface, wheel, index, row, name, word, c, high_contrast)
    confirmed = sum(1 for row in profile.competencies if row.confirmed_level)
    _hub_text(surface, rect.center, f"{confirmed}/{len(ids)}", t("app.map.hub"), c)
    return wheel


def _hub_text(
    surface: pygame.Surface, center: tuple[int, int], count: str, caption: str, c: dict[str, Color]
) -> None:
    """« 3/10 » over « confirmées », stacked from their real heights and centred in the hub:
    fixed offsets put the count's line box over the caption's (a font's line box is taller
    than its digits), so each line is measured and the pair sits in the hub as one block."""
    big, small = font(20, bold=True), font(11)
    gap = 1
    height = big.get_height() + gap + small.get_height()
    top = center[1] - height // 2
    ink = c["panel_text"]  # on the hub: white by default, black in high contrast
    blit_text(surface, count, (center[0], top), big, ink, "center")
    top += big.get_height() + gap
    blit_text(surface, caption, (center[0], top), small, c["panel_muted_text"], "center")


def highlight(surface: pygame.Surface, wheel: Wheel, competency: str, color: Color) -> None:
    """Outline one sector (hovered or selected)."""
    index = wheel.ids.index(competency)
    start, _, end = wheel.angles(index)
    points = _arc(*wheel.center, wheel.outer + 3, start, end) + _arc(
        *wheel.center, HUB - 2, end, start
    )
    pygame.draw.polygon(surface, color, points, width=3)


def draw_legend(surface: pygame.Surface, pos: tuple[int, int], t, c: dict[str, Color]) -> None:
    """What the fill, the outline and the count mean, in words and shapes."""
    x, y = pos
    face = font(14)
    sample = c["collectif"]
    pygame.draw.rect(surface, sample, (x, y + 3, 22, 14), border_radius=3)
    x = draw_inline(surface, t("app.map.legend_confirmed"), (x + 30, y), face, c) + 22
    pygame.draw.rect(surface, shade(sample, 1.5), (x, y + 3, 22, 14), border_radius=3)
    pygame.draw.line(surface, shade(sample, 0.55), (x, y + 3), (x + 21, y + 3), 4)
    x = draw_inline(surface, t("app.map.legend_suggested"), (x + 30, y), face, c) + 22
    pygame.draw.circle(surface, c["badge"], (x + 10, y + 10), 10)
    top = y + 11 - font(12, bold=True).get_height() // 2
    blit_text(surface, "3", (x + 10, top), font(12, bold=True), c["badge_text"], "center")
    draw_inline(surface, t("app.map.legend_count"), (x + 28, y), face, c)


def draw_inline(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    face: pygame.font.Font,
    c: dict[str, Color],
) -> int:
    return blit_text(surface, text, pos, face, c["panel_muted_text"]).right
