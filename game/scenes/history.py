"""« Revoir »: the last lines said or shown (dialogue, notices, errors), to read or hear again.

A line read too fast, a notice gone by: anyone may catch up, on every screen (key H, or the
settings' « Revoir » button). Pressing a line says it again, whatever the read-aloud setting.
The lines keep their full size at every text size: those that do not fit go on the next page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from game.scene import Scene
from game.ui.button import Button, draw_buttons
from game.ui.pager import PAGE_KEYS, pack
from game.ui.panel import heading_rect, overlay
from game.ui.picker import ArrowButton
from game.ui.text import draw_text, line_height, wrap

BOX = pygame.Rect(100, 20, 1080, 680)
KEPT = 12  # every line the history keeps can be reached, a page at a time
LINE_GAP = 12
BADGE = 84  # a choice button's number badge and its margins, left of its words


class HistoryScene(Scene):
    """An overlay: the newest lines first, each a button that says it again."""

    opaque = False
    page = 0
    pages = 1

    def layout(self) -> None:
        t, theme = self.session.t, self.session.theme
        lines = self.stack.history.latest(KEPT) if self.stack is not None else []
        close_h = max(84, line_height(theme.font("heading")) + 18)
        close = pygame.Rect(BOX.centerx - 180, BOX.bottom - close_h - 16, 360, close_h)
        top = heading_rect(theme, BOX).bottom + 12
        width = BOX.width - 80
        body = theme.font("body")
        step = line_height(body)
        heights = [max(96, len(wrap(line, body, width - BADGE - 28)) * step + 22) for line in lines]
        pages = pack(heights, close.y - 16 - top, LINE_GAP, KEPT)
        self.pages = len(pages)
        self.page = min(self.page, self.pages - 1)
        self.buttons: list[Button] = []
        y = top
        for n in pages[self.page] if lines else []:
            rect = pygame.Rect(BOX.x + 40, y, width, heights[n])
            self.buttons.append(
                Button(
                    f"line:{n}", lines[n], rect, self._say(lines[n]), number=n + 1, style="choice"
                )
            )
            y += heights[n] + LINE_GAP
        self.buttons.append(
            Button("close", t("common.close"), close, self.back, style="primary", role="heading")
        )
        if self.pages > 1:
            for key, step_, x in (
                ("page:previous", -1, BOX.x + 40),
                ("page:next", 1, BOX.right - 140),
            ):
                label = t("map.previous_page" if step_ < 0 else "map.next_page")
                rect = pygame.Rect(x, close.centery - 42, 100, 84)
                self.buttons.append(
                    ArrowButton(key, label, rect, partial(self.turn, step_), step=step_)
                )
        self.focus.set(self.buttons)

    def turn(self, step: int) -> None:
        """The next (1) or previous (-1) page of lines, wrapping round."""
        self.page = (self.page + step) % self.pages
        self.session.sound("page")
        self.layout()
        self.auto_speak()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in PAGE_KEYS and self.pages > 1:
            self.turn(PAGE_KEYS[event.key])
            return True
        return super().handle(event)

    def _say(self, line: str) -> Callable[[], None]:
        return lambda: self.session.say(line)

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        overlay(surface, theme, BOX, t("history.title"))
        if len(self.buttons) == 1:
            draw_text(
                surface,
                theme,
                t("history.empty"),
                pygame.Rect(BOX.x + 40, BOX.y + 120, BOX.width - 80, 300),
                align="center",
            )
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        title = self.session.t("history.title")
        if self.pages > 1:
            page = self.session.t("map.page", page=self.page + 1, pages=self.pages)
            return f"{title}. {page}"
        return title


def open_history(scene: Scene) -> None:
    """H, or the settings' « Revoir »: the history over ``scene`` (not over itself)."""
    if not isinstance(scene, HistoryScene):
        scene.request_push(HistoryScene(scene.session))
