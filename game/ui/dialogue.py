"""The dialogue box: a speaker's name tag and a line that appears letter by letter.

The text is wrapped once for its box, so revealing letters never re-flows the lines. One key or
click completes the line; another goes on.
"""

from __future__ import annotations

import pygame

from game.theme import Theme
from game.ui.panel import panel
from game.ui.text import draw_lines, draw_text, fit, line_height, wrap

LETTERS_PER_SECOND = 45.0
MAX_LINE_CHARS = 65  # a dialogue line's measure, as print typography advises
# 65 characters of ordinary French, to measure a line's width with (x's are too wide)
SAMPLE = "Tu aides Karim avec les enfants du club de foot depuis septembre, "[:MAX_LINE_CHARS]
MORE_H = 26  # the « Continuer ▶ » hint's line, kept clear of the text
GROW_MAX = 170  # how much taller the box may get for that (it stays below the toolbar)


class DialogueBox:
    """Holds one line at a time; ``done`` once every letter is shown."""

    def __init__(self, rect: pygame.Rect) -> None:
        self.rect = rect
        self.text = ""
        self.speaker = ""
        self.shown = 0.0
        self.animate = True
        self._fitted: tuple[pygame.font.Font, list[str]] | None = None
        self._grown: tuple[tuple[object, ...], int] | None = None

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
        """Inside the panel, above the « Continuer » hint at its bottom right."""
        box = self.rect.inflate(-56, -48).move(0, 8)
        box.height -= MORE_H
        return box

    def draw(self, surface: pygame.Surface, theme: Theme, more_label: str = "") -> None:
        """Drawn taller (upward, over the portrait's lower part) when a long line needs more
        rows to keep its measure near ``MAX_LINE_CHARS``."""
        base = self.rect
        self.rect = base.inflate(0, 0)
        grow = self._growth(theme)
        self.rect.y -= grow
        self.rect.height += grow
        try:
            self._draw(surface, theme, more_label)
        finally:
            self.rect = base

    def top(self, theme: Theme) -> int:
        """Where the box's top is drawn for the current line (what stands above it must
        end there: the box is never covered)."""
        return self.rect.y - self._growth(theme)

    def _growth(self, theme: Theme) -> int:
        font = theme.font("body")
        key = (self.text, id(font), self.rect.size)
        if self._grown is not None and self._grown[0] == key:
            return self._grown[1]  # asked twice a frame (the stage stands on it): wrap once
        box = self.text_box()
        width = min(box.width, font.size(SAMPLE)[0])
        need = len(wrap(self.text, font, width)) * line_height(font) - box.height
        grow = max(0, min(GROW_MAX, need + 4)) if need > 0 else 0
        self._grown = (key, grow)
        return grow

    def _draw(self, surface: pygame.Surface, theme: Theme, more_label: str) -> None:
        panel(surface, theme, self.rect, radius=26, width=4)
        if self.speaker:
            self._draw_name(surface, theme)
        box = self.text_box()
        if self._fitted is None:
            box = self.measure(theme, box)
            self._fitted = fit(self.text, theme, "body", box)
        else:
            box = self.measure(theme, box)
        font, lines = self._fitted
        draw_lines(surface, theme, lines, font, box, reveal=int(self.shown), text=self.text)
        if self.done and more_label:
            self._draw_more(surface, theme, more_label)

    def measure(self, theme: Theme, box: pygame.Rect) -> pygame.Rect:
        """Lines of about ``MAX_LINE_CHARS`` characters (easier to follow for weak readers),
        unless the text would then need a smaller font: then the box's whole width."""
        font = theme.font("body")
        narrow = box.copy()
        narrow.width = min(box.width, font.size(SAMPLE)[0])
        if len(wrap(self.text, font, narrow.width)) * line_height(font) <= box.height:
            return narrow
        return box

    def relayout(self) -> None:
        self._fitted = None

    def _draw_name(self, surface: pygame.Surface, theme: Theme) -> None:
        font = theme.font("heading")
        width = min(font.size(self.speaker)[0] + 48, self.rect.width - 40)
        height = font.get_height() + 10
        tag = pygame.Rect(self.rect.x + 28, self.rect.y + 22 - height, width, height)
        dark_tag(surface, theme, tag, self.speaker, role="heading", radius=16, inset=(24, 4))

    def _draw_more(self, surface: pygame.Surface, theme: Theme, label: str) -> None:
        """« Continuer ▸ » as a clear, strong button (the thing clicked most): filled in the
        button colour, bold words, an arrow; any click or key goes on anyway."""
        font = theme.font("heading")
        height = font.get_linesize() + 14
        width = font.size(label)[0] + 84
        # on the box's top edge, as the name tag on the left: never over the words
        box = pygame.Rect(self.rect.right - width - 28, self.rect.y + 22 - height, width, height)
        panel(surface, theme, box, fill="button", border="button", radius=height // 2, width=0)
        draw_text(
            surface,
            theme,
            label,
            pygame.Rect(box.x + 24, box.y, box.width - 72, box.height),
            role="heading",
            fg="button_text",
            bg="button",
            align="left",
            valign="middle",
            max_lines=1,
        )
        tip = (box.right - 24, box.centery)
        pygame.draw.polygon(
            surface,
            theme.color("button_text"),
            [(tip[0] - 16, tip[1] - 12), (tip[0] - 16, tip[1] + 12), tip],
        )


def dark_tag(
    surface: pygame.Surface,
    theme: Theme,
    tag: pygame.Rect,
    words: str,
    *,
    role: str,
    radius: int,
    inset: tuple[int, int],
    shadow: bool = True,
) -> None:
    """Words on one line, centred on a dark tag: the speaker's name over the dialogue box,
    « Ta structure » on a place's card (one look, so a player reads them as labels)."""
    fill = "panel_dark"
    panel(surface, theme, tag, fill=fill, border=fill, radius=radius, width=0, shadow=shadow)
    draw_text(
        surface,
        theme,
        words,
        tag.inflate(-inset[0], -inset[1]),
        role=role,
        fg="panel_dark_text",
        bg=fill,
        align="center",
        valign="middle",
        max_lines=1,
    )
