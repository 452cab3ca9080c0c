"""How far the player has come, in words and at a glance: « Situations terminées : 5 sur 14 »
above a row of ticks, one per situation (filled green when done, orange when started)."""

from __future__ import annotations

import pygame

from game.theme import Theme
from game.ui.panel import panel
from game.ui.text import draw_text, line_height

TICK = 16  # one situation's tick
TICK_GAP = 5
PAD = 16
FILL = {"done": "success", "in_progress": "accent", "new": "panel"}


def progress_width(theme: Theme, words: str, count: int) -> int:
    """The panel's width: its words at full size, or its row of ticks, whichever is wider."""
    ticks = count * (TICK + TICK_GAP) - TICK_GAP
    return max(theme.font("small").size(words)[0], ticks) + 2 * PAD


def draw_progress(
    surface: pygame.Surface, theme: Theme, box: pygame.Rect, words: str, statuses: list[str]
) -> None:
    """The words on the first line, the ticks below, centred in ``box``."""
    panel(surface, theme, box, radius=24)
    font = theme.font("small")
    text_h = line_height(font)
    top = box.y + (box.height - text_h - 6 - TICK) // 2
    draw_text(
        surface,
        theme,
        words,
        pygame.Rect(box.x + PAD, top, box.width - 2 * PAD, text_h),
        role="small",
        align="center",
        max_lines=1,
    )
    width = len(statuses) * (TICK + TICK_GAP) - TICK_GAP
    x, y = box.centerx - width // 2, top + text_h + 6
    for status in sorted(statuses, key=lambda s: ("done", "in_progress", "new").index(s)):
        tick = pygame.Rect(x, y, TICK, TICK)
        pygame.draw.ellipse(surface, theme.color(FILL[status]), tick)
        pygame.draw.ellipse(surface, theme.color("panel_text"), tick, 2)
        x += TICK + TICK_GAP
