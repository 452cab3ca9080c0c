"""A place on the town map: a round picture of the place, its number, its status as an icon
on a coloured ring (done, in progress, new), and its name on a sign below, never shrunk.

The sign wraps the name on several lines rather than shrinking it, so a marker's size
depends on the text size and font: :func:`footprint` measures it before the map places it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game import art
from game.theme import Theme
from game.ui.button import Button, icon_surface
from game.ui.images import picture_bytes
from game.ui.text import draw_lines, line_height, wrap
from game.ui.town_layout import Footprint
from shared.look.cache import MB, ByteBudgetCache

STATUS_ICONS = {"new": "star", "in_progress": "resume", "done": "check"}
RING = {"new": "panel_border", "in_progress": "accent", "done": "success"}
PIN = 66  # the picture's diameter
SIGN_PAD = (10, 4)  # inside the sign, left/right and top/bottom


def sign_width(theme: Theme) -> int:
    """The widest a sign may be before its name wraps: about nine letters of small text."""
    return max(170, 7 * theme.px("small"))


def sign_lines(theme: Theme, name: str) -> list[str]:
    return wrap(name, theme.font("small"), sign_width(theme))


def footprint(theme: Theme, name: str) -> Footprint:
    """The marker's size (pin above, sign below) and where the pin's centre is in it."""
    font = theme.font("small")
    lines = sign_lines(theme, name)
    sign_w = max(font.size(line)[0] for line in lines) + 2 * SIGN_PAD[0] if lines else 0
    sign_h = len(lines) * line_height(font) + 2 * SIGN_PAD[1]
    badge = _tag_size(theme) // 2
    width = max(PIN + 2 * badge, sign_w)
    return Footprint(width, badge + PIN + 4 + sign_h, (width // 2, badge + PIN // 2))


def _tag_size(theme: Theme) -> int:
    """The number's round tag: as big as a line of small text needs."""
    return line_height(theme.font("small")) + 2


def status_icon(name: str, size: int) -> pygame.Surface | None:
    """A status icon, kept: the town draws fourteen of them every frame."""
    return _kept.get(("status", name, size), lambda: icon_surface(name, size))


def round_picture(path: str, diameter: int) -> pygame.Surface | None:
    """The place's background, its middle cut into a disc (cached: drawn every frame)."""
    return _kept.get(("disc", path, diameter), lambda: _disc(path, diameter))


# The town's status icons and place discs (~60 KB each at « Énorme »): a town at two sizes.
_kept: ByteBudgetCache[pygame.Surface | None] = ByteBudgetCache(4 * MB, picture_bytes)


def _disc(path: str, diameter: int) -> pygame.Surface | None:
    try:
        wide = art.background(path, (diameter * 16 // 9 + 1, diameter))
    except (OSError, pygame.error, ValueError):
        return None
    disc = pygame.Surface((diameter, diameter), pygame.SRCALPHA)
    pygame.draw.circle(disc, (255, 255, 255, 255), (diameter // 2, diameter // 2), diameter // 2)
    disc.blit(wide, (-(wide.get_width() - diameter) // 2, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return disc


@dataclass(eq=False)
class PlaceMarker(Button):
    """One scenario's place; pressed once it is chosen (its card shows), twice it plays."""

    background: str = ""
    status: str = "new"
    value: str = ""  # the status in words: said with the name when the focus comes
    own: bool = False  # the structure's own scenario: a flag on its pin
    chosen: bool = False
    anchor: tuple[int, int] = (0, 0)  # the pin's centre, relative to ``rect``

    def pin_center(self, rect: pygame.Rect) -> tuple[int, int]:
        return rect.x + self.anchor[0], rect.y + self.anchor[1]

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        rect = self.rect.move(0, -4) if (self.hovered or self.focused) else self.rect
        center = self.pin_center(rect)
        self._draw_pin(surface, theme, center)
        self._draw_sign(surface, theme, rect, center)
        self._draw_tag(surface, theme, center)

    def _draw_pin(self, surface: pygame.Surface, theme: Theme, center: tuple[int, int]) -> None:
        radius = PIN // 2
        shade = pygame.Surface((PIN + 8, PIN + 8), pygame.SRCALPHA)
        pygame.draw.circle(shade, (43, 37, 64, 70), (radius + 4, radius + 4), radius + 3)
        surface.blit(shade, (center[0] - radius - 4, center[1] - radius + 2))
        pygame.draw.circle(surface, theme.color("panel"), center, radius + 4)
        picture = round_picture(self.background, PIN - 8) if self.background else None
        if picture is not None:
            surface.blit(picture, picture.get_rect(center=center))
        ring = "focus" if self.chosen else RING[self.status]
        pygame.draw.circle(surface, theme.color(ring), center, radius + 4, 7 if self.chosen else 5)
        self._draw_status(surface, theme, center)
        if self.own:
            self._draw_flag(surface, theme, center)

    def _draw_status(self, surface: pygame.Surface, theme: Theme, center: tuple[int, int]) -> None:
        """The status icon on a small disc at the pin's lower right."""
        at = (center[0] + PIN // 2 - 4, center[1] + PIN // 2 - 10)
        pygame.draw.circle(surface, theme.color("panel"), at, 17)
        pygame.draw.circle(surface, theme.color(RING[self.status]), at, 17, 3)
        image = status_icon(STATUS_ICONS[self.status], 24)
        if image is not None:
            surface.blit(image, image.get_rect(center=at))

    def _draw_flag(self, surface: pygame.Surface, theme: Theme, center: tuple[int, int]) -> None:
        """The structure's own place: a little flag on the pin's top right."""
        pole = (center[0] + PIN // 2 - 6, center[1] - PIN // 2 - 14)
        pygame.draw.line(surface, theme.color("ink"), pole, (pole[0], pole[1] + 28), 3)
        flag = [pole, (pole[0] + 22, pole[1] + 7), (pole[0], pole[1] + 14)]
        pygame.draw.polygon(surface, theme.color("info"), flag)

    def _draw_tag(self, surface: pygame.Surface, theme: Theme, center: tuple[int, int]) -> None:
        if self.number is None:
            return
        size = _tag_size(theme)
        tag = pygame.Rect(0, 0, size, size)
        tag.center = (center[0] - PIN // 2 + 2, center[1] - PIN // 2 + 6)
        pygame.draw.circle(surface, theme.color("button"), tag.center, size // 2)
        font = theme.font("small")
        draw_lines(
            surface,
            theme,
            [str(self.number)],
            font,
            tag,
            fg="button_text",
            bg="button",
            align="center",
            valign="middle",
            role="small",
        )

    def _draw_sign(
        self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect, center: tuple[int, int]
    ) -> None:
        font = theme.font("small")
        lines = sign_lines(theme, self.label)
        width = max(font.size(line)[0] for line in lines) + 2 * SIGN_PAD[0]
        height = len(lines) * line_height(font) + 2 * SIGN_PAD[1]
        sign = pygame.Rect(0, center[1] + PIN // 2 + 4, width, height)
        sign.centerx = center[0]
        sign.clamp_ip(rect)
        fill, fg = ("panel_dark", "panel_dark_text") if self.chosen else ("panel", "panel_text")
        pygame.draw.rect(surface, theme.color(fill), sign, border_radius=10)
        border = "focus" if self.chosen else RING[self.status]
        pygame.draw.rect(surface, theme.color(border), sign, 3, border_radius=10)
        draw_lines(
            surface,
            theme,
            lines,
            font,
            sign.inflate(-2 * SIGN_PAD[0], -2 * SIGN_PAD[1]),
            fg=fg,
            bg=fill,
            align="center",
            text=self.label,
            role="small",
        )
