"""« Revoir »: the last lines said or shown (dialogue, notices, errors), to read or hear again.

A line read too fast, a notice gone by: anyone may catch up, on every screen (key H, or the
settings' « Revoir » button). Pressing a line says it again, whatever the read-aloud setting.
"""

from __future__ import annotations

import pygame

from game.scene import Scene
from game.ui.button import Button, column, draw_buttons
from game.ui.panel import dim, panel
from game.ui.text import draw_text

BOX = pygame.Rect(100, 20, 1080, 680)
SHOWN = 4
LINE_H = 118


class HistoryScene(Scene):
    """An overlay: the newest lines first, each a button that says it again."""

    opaque = False

    def layout(self) -> None:
        t = self.session.t
        lines = self.stack.history.latest(SHOWN) if self.stack is not None else []
        rects = column(BOX.x + 40, BOX.y + 100, BOX.width - 80, [LINE_H] * len(lines), gap=12)
        self.buttons = [
            Button(f"line:{n}", line, rect, self._say(line), number=n + 1, style="choice")
            for n, (line, rect) in enumerate(zip(lines, rects, strict=True))
        ]
        self.buttons.append(
            Button(
                "close",
                t("common.close"),
                pygame.Rect(BOX.centerx - 180, BOX.bottom - 100, 360, 84),
                self.back,
                style="primary",
                role="heading",
            )
        )
        self.focus.set(self.buttons)

    def _say(self, line: str):
        return lambda: self.session.say(line)

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        dim(surface)
        panel(surface, theme, BOX, radius=30, width=4)
        draw_text(
            surface,
            theme,
            t("history.title"),
            pygame.Rect(BOX.x + 40, BOX.y + 16, BOX.width - 80, 76),
            role="heading",
            align="center",
            valign="middle",
            max_lines=1,
        )
        if len(self.buttons) == 1:
            draw_text(
                surface,
                theme,
                t("history.empty"),
                pygame.Rect(BOX.x + 40, BOX.y + 120, BOX.width - 80, 200),
                align="center",
            )
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        return self.session.t("history.title")


def open_history(scene: Scene) -> None:
    """H, or the settings' « Revoir »: the history over ``scene`` (not over itself)."""
    if not isinstance(scene, HistoryScene):
        scene.request_push(HistoryScene(scene.session))
