"""Picture cards: a pictogram (a scene, a place, a person, a calendar) on a coloured band,
the competency icons it is about, and a few words, big enough for a finger.

Used by the reflect step for the suggestions (« J'ai déjà… » cards) and for the picture
answers (« Où ? Avec qui ? Quand ? »). Pictures are SVG files rasterised once and cached;
a missing picture leaves the band plain (never a crash).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game import art
from game.theme import Theme
from game.ui.button import Button, icon_surface
from game.ui.card import draw_number_tag
from game.ui.images import picture_bytes
from game.ui.panel import panel
from game.ui.text import draw_text, line_height, wrap
from shared.look.cache import MB, ByteBudgetCache

log = logging.getLogger(__name__)
WIDE = 2.8  # wider than this many times its height: picture on the left, words on the right


def picture(path: str, size: int) -> pygame.Surface | None:
    """An SVG picture (absolute path) rasterised square, or None when it cannot be drawn.

    Kept by (path, size): a card asks for its pictures every frame, and resolving the
    path for the shared SVG cache each time cost more than drawing the card."""
    return _kept((path, size), lambda: art.load_svg(path, (size, size)))


def competency_icon(competency: str, size: int) -> pygame.Surface | None:
    """A competency's icon, kept by (id, size): finding its file costs more than a frame's
    share (``importlib.resources`` on every call)."""
    return _kept((f"icon:{competency}", size), lambda: art.icon(competency, size))


def _kept(key: tuple[str, int], load: Callable[[], pygame.Surface]) -> pygame.Surface | None:
    return _pictures.get(key, lambda: _loaded(key[0], load))


def _loaded(name: str, load: Callable[[], pygame.Surface]) -> pygame.Surface | None:
    """The picture, or None (kept too, so a missing file is not looked for every frame)."""
    try:
        return load()
    except (OSError, pygame.error, ValueError) as exc:
        log.info("picture %s unavailable: %s", name, exc)
        return None


# Every picture of the reflect screens at two sizes and the icons (~40 KB each): a few MB.
_pictures: ByteBudgetCache[pygame.Surface | None] = ByteBudgetCache(8 * MB, picture_bytes)


def backing(theme: Theme) -> pygame.Color:
    """What a picture is drawn on: the panel, or white in high contrast (the drawings'
    dark outlines would vanish on its black)."""
    return theme.color("white" if theme.high_contrast else "panel")


def parts(rect: pygame.Rect, share: float = 1 / 3) -> tuple[pygame.Rect, pygame.Rect]:
    """A card's picture band and the box of its words: band on top, or on the left of a
    wide, low card (large text sizes leave little height). ``share``: the band's part of
    the height (a third on suggestion cards, more where the picture is the answer)."""
    if rect.width > WIDE * rect.height:
        band = pygame.Rect(rect.x + 6, rect.y + 6, rect.height - 12 + 40, rect.height - 12)
        words = pygame.Rect(band.right + 12, rect.y + 8, rect.right - band.right - 24, 0)
        words.height = rect.height - 16
        return band, words
    band_h = max(56, min(int(110 * share * 3), int(rect.height * share) - 4))
    band = pygame.Rect(rect.x + 6, rect.y + 6, rect.width - 12, band_h)
    words = pygame.Rect(rect.x + 12, band.bottom + 4, rect.width - 24, 0)
    words.height = rect.bottom - 6 - words.y
    return band, words


def words_fit(theme: Theme, text: str, rect: pygame.Rect, share: float = 1 / 3) -> bool:
    """Does ``text`` fit in a card of ``rect`` at its role's full size, no word cut?"""
    font = theme.font("choice")
    _, box = parts(rect, share)
    height = box.height
    if any(font.size(word)[0] > box.width for word in text.split()):
        return False
    return len(wrap(text, font, box.width)) * line_height(font) <= height


@dataclass(eq=False)
class PictureCard(Button):
    """A selectable card with a picture; ``words`` are drawn, ``label`` is said."""

    words: str = ""
    picture: str = ""  # an SVG file (absolute path)
    competencies: list[str] = field(default_factory=list)  # their icons, on the band's side
    band: str = ""  # the band's colour: a competency id, else the soft background
    share: float = 1 / 3  # the picture band's part of the card's height

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        lift = 6 if (self.selected or self.hovered or self.focused) else 0
        rect = self.rect.move(0, -lift)
        border = "focus" if self.selected else "panel_border"
        panel(surface, theme, rect, border=border, radius=20, width=6 if self.selected else 3)
        band, words = parts(rect, self.share)
        self._draw_band(surface, theme, band)
        if self.number is not None:
            draw_number_tag(surface, theme, rect, self.number)
        draw_text(surface, theme, self.words, words, role="choice", align="center", valign="middle")

    def band_parts(self, band: pygame.Rect) -> tuple[pygame.Rect, list[pygame.Rect]]:
        """The picture's disc and the competency icons' squares (side by side in the band's
        top right corner; the picture moves left to make room)."""
        count = len(self.competencies[:2])
        side = min(band.height - 16, 44) if count else 0
        room = count * (side + 4)
        size = min(band.height - 8, band.width - 2 * room - 16, 112)
        disc = pygame.Rect(0, 0, size, size)
        disc.center = (band.centerx - room // 2, band.centery)
        icons = [
            pygame.Rect(band.right - (i + 1) * (side + 4) - 2, band.y + 6, side, side)
            for i in range(count)
        ]
        return disc, icons

    def _draw_band(self, surface: pygame.Surface, theme: Theme, band: pygame.Rect) -> None:
        color = theme.competency_color(self.band) if self.band else theme.color("background_sky")
        if theme.high_contrast:
            color = theme.color("panel")
        pygame.draw.rect(surface, color, band, border_radius=16)
        disc, squares = self.band_parts(band)
        pygame.draw.ellipse(surface, backing(theme), disc)
        image = picture(self.picture, disc.width * 4 // 5) if self.picture else None
        if image is not None:
            surface.blit(image, image.get_rect(center=disc.center))
        for competency, square in zip(self.competencies, squares, strict=False):
            icon = competency_icon(competency, square.width)
            if icon is not None:
                if theme.high_contrast:  # dark outlines would vanish on black
                    pygame.draw.rect(surface, backing(theme), square.inflate(4, 4), border_radius=8)
                surface.blit(icon, square)
        if self.selected:
            self._draw_tick(surface, disc)

    def _draw_tick(self, surface: pygame.Surface, disc: pygame.Rect) -> None:
        """A tick on the picture's corner: the pick is told by a shape, not by the border's
        colour alone (and said: « coché »)."""
        size = max(30, min(44, disc.height // 2))
        tick = icon_surface("check", size)
        if tick is not None:
            surface.blit(tick, (disc.right - size * 2 // 3, disc.bottom - size * 3 // 4))


@dataclass(eq=False)
class AnswerSlot(Button):
    """« Où ? — au club » on the reflect screen: opens the pictures of that question."""

    title: str = ""  # « Où ? »
    value: str = ""  # the picked answer's words, or « à choisir »
    picture: str = ""
    picked: bool = False

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        rect = self.rect.move(0, -3) if (self.hovered or self.focused) else self.rect
        border = "success" if self.picked else "panel_border"
        panel(surface, theme, rect, border=border, radius=18, width=5 if self.picked else 3)
        size = min(rect.height - 16, 72)
        image = picture(self.picture, size) if self.picture else None
        if image is not None:
            if not self.picked:  # a hint of what is asked, faded until something is picked
                image = image.copy()
                image.set_alpha(120)
            spot = pygame.Rect(rect.x + 10, rect.centery - size // 2, size, size)
            if theme.high_contrast:
                pygame.draw.ellipse(surface, backing(theme), spot.inflate(6, 6))
            surface.blit(image, spot)
        inner = pygame.Rect(rect.x + size + 20, rect.y + 6, rect.width - size - 30, 0)
        inner.height = rect.height - 12
        title_h = min(line_height(theme.font("small")), inner.height // 2)
        top = pygame.Rect(inner.x, inner.y, inner.width, title_h)
        bottom = pygame.Rect(inner.x, top.bottom, inner.width, inner.bottom - top.bottom)
        draw_text(
            surface, theme, self.title, top, role="small", fg="panel_muted_text", valign="middle"
        )
        draw_text(surface, theme, self.value, bottom, role="choice", valign="middle")
