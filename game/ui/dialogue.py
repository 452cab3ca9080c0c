"""The dialogue box: a speaker's name tag and a line that appears letter by letter.

The text is wrapped once for its box, so revealing letters never re-flows the lines. One key or
click completes the line; another goes on.
"""

from __future__ import annotations

import pygame

from game.theme import Theme
from game.ui.panel import panel
from game.ui.text import draw_lines, draw_text, fit

LETTERS_PER_SECOND = 45.0


class DialogueBox:
    """Holds one line at a time; ``done`` once every letter is shown."""

    def __init__(self, rect: pygame.Rect) -> None:
        self.rect = rect
        self.text = ""
        self.speaker = ""
        self.shown = 0.0
        self.animate = True
        self._fitted: tuple[pygame.font.Font, list[str]] | None = None

    def show(self, text: str, speaker: str = "", animate: bool = True) -> None:
        self.text, self.speaker, self.animate = text, speaker, animate
        self.shown = 0.0 if animate else float(len(text))
        self._fitted = None

    @property
    def done(self) -> bool:
        return self.shown >= len(self.text)

    def complete(self) -> None:
        self.shown = float(len(self.text))

    def update(self, dt: float) -> None:
        if not self.done:
            self.shown = min(float(len(self.text)), self.shown + dt * LETTERS_PER_SECOND)

    def text_box(self) -> pygame.Rect:
        return self.rect.inflate(-56, -48).move(0, 8)

    def draw(self, surface: pygame.Surface, theme: Theme, more_label: str = "") -> None:
        panel(surface, theme, self.rect, radius=26, width=4)
        if self.speaker:
            self._draw_name(surface, theme)
        box = self.text_box()
        if self._fitted is None:
            self._fitted = fit(self.text, theme, "body", box)
        font, lines = self._fitted
        draw_lines(surface, theme, lines, font, box, reveal=int(self.shown), text=self.text)
        if self.done and more_label:
            self._draw_more(surface, theme, more_label)

    def relayout(self) -> None:
        self._fitted = None

    def _draw_name(self, surface: pygame.Surface, theme: Theme) -> None:
        font = theme.font("heading")
        width = min(font.size(self.speaker)[0] + 48, self.rect.width - 40)
        height = font.get_height() + 10
        tag = pygame.Rect(self.rect.x + 28, self.rect.y + 22 - height, width, height)
        panel(surface, theme, tag, fill="panel_dark", border="panel_dark", radius=16, width=0)
        draw_text(
            surface,
            theme,
            self.speaker,
            tag.inflate(-24, -4),
            role="heading",
            fg="panel_dark_text",
            bg="panel_dark",
            align="center",
            valign="middle",
            max_lines=1,
        )

    def _draw_more(self, surface: pygame.Surface, theme: Theme, label: str) -> None:
        font = theme.font("small")
        width = font.size(label)[0] + 60
        box = pygame.Rect(self.rect.right - width - 20, self.rect.bottom - 44, width, 34)
        draw_text(
            surface,
            theme,
            label,
            pygame.Rect(box.x, box.y, box.width - 40, box.height),  # the arrow sits after it
            role="small",
            fg="panel_muted_text",
            bg="panel",
            align="right",
            valign="middle",
            max_lines=1,
        )
        tip = (box.right - 18, box.centery)
        pygame.draw.polygon(
            surface,
            theme.color("button"),
            [(tip[0] - 12, tip[1] - 9), (tip[0] - 12, tip[1] + 9), tip],
        )
