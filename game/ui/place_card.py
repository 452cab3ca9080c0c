"""The card of a place chosen on the map: its picture, the scenario's title, the place,
the scenario's summary (what happens there), its status and minutes; the scene adds the big
« Jouer » / « Reprendre » and « Retour » buttons at its foot.

Every text keeps its role's full size and wraps: the card is as wide as its texts need
(:func:`card_width`), and its picture gives up its room first when the text is big. When
even the widest card cannot hold a text, it is cut, and the trainer's layout check
(``authoring.layout``) reports it with its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game import art
from game.theme import Theme
from game.ui.button import icon_surface
from game.ui.dialogue import dark_tag
from game.ui.panel import panel
from game.ui.place_marker import RING, STATUS_ICONS
from game.ui.text import draw_text, line_height, wrap

PAD = 18
GAP = 10
PICTURE_H = 150
WIDTHS = range(640, 1201, 40)  # the card's widths tried, narrowest first


@dataclass
class CardText:
    """What one place's card says."""

    title: str
    place: str
    summary: str
    status: str  # new / in_progress / done
    status_label: str
    minutes: str
    own_label: str = ""  # « Ta structure »
    background: str = ""


def button_height(theme: Theme) -> int:
    """« Jouer »: a big button, taller when its words are."""
    return max(68, line_height(theme.font("choice")) + 24)


def _lines_h(theme: Theme, role: str, text: str, width: int) -> int:
    font = theme.font(role)
    return len(wrap(text, font, width)) * line_height(font) if text else 0


def text_height(theme: Theme, card: CardText, width: int) -> int:
    """The height the card's words and button take at ``width`` (picture left out)."""
    inner = width - 2 * PAD
    chip = line_height(theme.font("small")) + 10
    own = chip - 4 + GAP if card.own_label else 0  # its tag, when the picture gives way
    return (
        2 * PAD
        + own
        + _lines_h(theme, "choice", card.title, inner)
        + GAP
        + _lines_h(theme, "small", card.place, inner)
        + GAP
        + _lines_h(theme, "small", card.summary, inner)
        + GAP
        + chip
        + GAP
        + button_height(theme)
    )


def card_size(theme: Theme, card: CardText, most: int) -> tuple[int, int, bool]:
    """Width, height and whether the picture shows: the narrowest card whose words fit in
    ``most`` pixels of height with the picture (up to half the widths), else without it, else
    the widest."""
    for picture, widths in ((True, WIDTHS[: len(WIDTHS) // 2]), (False, WIDTHS)):
        extra = PICTURE_H + GAP if picture else 0
        for width in widths:
            need = text_height(theme, card, width) + extra
            if need <= most:
                return width, need, picture
    return WIDTHS[-1], most, False


def draw_card(
    surface: pygame.Surface, theme: Theme, box: pygame.Rect, card: CardText, picture: bool
) -> pygame.Rect:
    """The card in ``box``; returns the row where the scene puts its buttons."""
    panel(surface, theme, box, radius=24)
    inner = box.inflate(-2 * PAD, -2 * PAD)
    y = inner.y
    if picture:
        _draw_picture(surface, theme, pygame.Rect(inner.x, y, inner.width, PICTURE_H), card)
        y += PICTURE_H + GAP
    elif card.own_label:
        y = _draw_own(surface, theme, pygame.Rect(inner.x, y, inner.width, 0), card) + GAP
    texts = (
        (card.title, "choice", "panel_text"),
        (card.place, "small", "panel_muted_text"),
        (card.summary, "small", "panel_text"),
    )
    chip = line_height(theme.font("small")) + 10
    room = inner.bottom - button_height(theme) - GAP - chip - y
    heights = _share(
        room - GAP * len(texts), [_lines_h(theme, r, text, inner.width) for text, r, _ in texts]
    )
    for (text, role, fg), height in zip(texts, heights, strict=True):
        # at its role's size or cut (never shrunk): the layout check then names the text
        box_ = pygame.Rect(inner.x, y, inner.width, height)
        draw_text(surface, theme, text, box_, role=role, fg=fg, min_px=theme.px(role))
        y += height + GAP
    _draw_status(surface, theme, pygame.Rect(inner.x, y, inner.width, 0), card)
    height = button_height(theme)
    return pygame.Rect(inner.x, inner.bottom - height, inner.width, height)


def _share(room: int, needs: list[int]) -> list[int]:
    """Each text its height; when they do not all fit, the tallest gives up the difference."""
    over = sum(needs) - room
    if over <= 0:
        return needs
    tallest = needs.index(max(needs))
    return [max(0, need - over) if i == tallest else need for i, need in enumerate(needs)]


def _draw_picture(surface: pygame.Surface, theme: Theme, room: pygame.Rect, card: CardText) -> None:
    try:
        image = art.background(card.background, (room.width, room.width * 9 // 16))
        top = (image.get_height() - room.height) // 2
        surface.blit(image, room, area=pygame.Rect(0, top, room.width, room.height))
    except (OSError, pygame.error, ValueError):
        pygame.draw.rect(surface, theme.color("background_sky"), room, border_radius=14)
    if card.own_label:
        _draw_own(surface, theme, room.inflate(-8, -8), card)


def _draw_own(surface: pygame.Surface, theme: Theme, room: pygame.Rect, card: CardText) -> int:
    """« Ta structure » on a dark tag at the top right of ``room``; returns its bottom."""
    font = theme.font("small")
    tag = pygame.Rect(0, room.y, font.size(card.own_label)[0] + 24, line_height(font) + 6)
    tag.right = room.right
    dark_tag(
        surface, theme, tag, card.own_label, role="small", radius=10, inset=(12, 0), shadow=False
    )
    return tag.bottom


def _draw_status(surface: pygame.Surface, theme: Theme, row: pygame.Rect, card: CardText) -> None:
    """The status in words with its icon, and the minutes, on a light chip."""
    fill = {"new": "info_light", "in_progress": "panel", "done": "success_light"}[card.status]
    font = theme.font("small")
    chip = pygame.Rect(row.x, row.y, row.width, line_height(font) + 10)
    pygame.draw.rect(surface, theme.color(fill), chip, border_radius=12)
    pygame.draw.rect(surface, theme.color(RING[card.status]), chip, 2, border_radius=12)
    image = icon_surface(STATUS_ICONS[card.status], 28)
    if image is not None:
        surface.blit(image, (chip.x + 8, chip.centery - 14))
    minutes_w = font.size(card.minutes)[0] + 4
    words = pygame.Rect(chip.x + 44, chip.y, chip.width - 60 - minutes_w, chip.height)
    for text, box, align in (
        (card.status_label, words, "left"),
        (
            card.minutes,
            pygame.Rect(chip.right - 12 - minutes_w, chip.y, minutes_w, chip.height),
            "right",
        ),
    ):
        draw_text(
            surface,
            theme,
            text,
            box,
            role="small",
            bg=fill,
            align=align,
            valign="middle",
            max_lines=1,
        )
