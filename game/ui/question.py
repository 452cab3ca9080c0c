"""The question at the top of a full-screen step (« Tu as déjà vécu ça ? », « Où ? »): on a
solid panel between the toolbar's buttons, as tall as its words need at full size, over the
place's dimmed background; and the height of the big buttons at the bottom."""

from __future__ import annotations

import pygame

from game.art import surface_bytes
from game.theme import Theme
from game.ui.images import background
from game.ui.panel import dim, panel
from game.ui.text import draw_text, line_height, wrap
from shared.look.cache import MB, ByteBudgetCache

QUESTION = pygame.Rect(104, 16, 990, 96)  # clear of the back and speaker buttons


def question_rect(theme: Theme, text: str) -> pygame.Rect:
    font = theme.font("heading")
    need = len(wrap(text, font, QUESTION.width - 40)) * line_height(font) + 16
    return pygame.Rect(QUESTION.x, QUESTION.y, QUESTION.width, max(QUESTION.height, need))


def bottom_button_height(theme: Theme) -> int:
    """A big bottom button's words (heading size) on one line at full size."""
    return max(94, line_height(theme.font("heading")) + 20)


def dimmed(theme: Theme, backdrop: str) -> pygame.Surface:
    """The place's background under a dark veil, made once (a full-screen veil blended
    every frame was a third of the screen's frame time). Kept by the source surface, held
    with it, so a new background is never mistaken for the last one."""
    image = background(theme, backdrop)
    return _dimmed.get(id(image), lambda: (image, _veiled(image)))[1]


def _veiled(image: pygame.Surface) -> pygame.Surface:
    veiled = image.copy()
    dim(veiled, 110)
    return veiled


# The source and its veiled copy, 7 MB at 1280x720: one place at a time.
_dimmed: ByteBudgetCache[tuple[pygame.Surface, pygame.Surface]] = ByteBudgetCache(
    8 * MB, lambda pair: sum(surface_bytes(image) for image in pair)
)


def draw_question(surface: pygame.Surface, theme: Theme, backdrop: str, text: str) -> None:
    surface.blit(dimmed(theme, backdrop), (0, 0))
    rect = question_rect(theme, text)
    panel(surface, theme, rect, radius=24)
    draw_text(
        surface,
        theme,
        text,
        rect.inflate(-40, -12),
        role="heading",
        align="center",
        valign="middle",
    )
