"""The question at the top of a full-screen step (« Tu as déjà vécu ça ? », « Où ? »): on a
solid panel between the toolbar's buttons, as tall as its words need at full size, over the
place's dimmed background; and the height of the big buttons at the bottom."""

from __future__ import annotations

import pygame

from game.theme import Theme
from game.ui.images import background
from game.ui.panel import dim, panel
from game.ui.text import draw_text, line_height, wrap

QUESTION = pygame.Rect(104, 16, 990, 96)  # clear of the back and speaker buttons


def question_rect(theme: Theme, text: str) -> pygame.Rect:
    font = theme.font("heading")
    need = len(wrap(text, font, QUESTION.width - 40)) * line_height(font) + 16
    return pygame.Rect(QUESTION.x, QUESTION.y, QUESTION.width, max(QUESTION.height, need))


def bottom_button_height(theme: Theme) -> int:
    """A big bottom button's words (heading size) on one line at full size."""
    return max(94, line_height(theme.font("heading")) + 20)


def draw_question(surface: pygame.Surface, theme: Theme, backdrop: str, text: str) -> None:
    surface.blit(background(theme, backdrop), (0, 0))
    dim(surface, 110)
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
