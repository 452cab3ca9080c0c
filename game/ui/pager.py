"""Pages of numbered items (the map's scenarios, the players): PageUp / PageDown and two big
side arrows turn them, wrapping round, and « Page 1 / 3 » says where the player is in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.input import LOGICAL_SIZE
from game.ui.button import Button
from game.ui.panel import panel
from game.ui.picker import ArrowButton
from game.ui.text import draw_text

if TYPE_CHECKING:
    from game.scene import Scene

PAGE_KEYS = {pygame.K_PAGEDOWN: 1, pygame.K_PAGEUP: -1}
ARROW_SIZE = (64, 124)


class Pager:
    """The page shown of a scene's list; a page turn lays the scene out again."""

    def __init__(self, scene: Scene, per_page: int, count: Callable[[], int]) -> None:
        self.scene = scene
        self.per_page = per_page
        self.count = count  # how many items there are now
        self.page = 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.count() // self.per_page))

    def shown(self, items: list) -> list:
        """The items on the page shown (the last page, if the list got shorter)."""
        self.page = min(self.page, self.pages - 1)
        first = self.page * self.per_page
        return items[first : first + self.per_page]

    def turn(self, step: int) -> None:
        """Show the next (1) or previous (-1) page, wrapping round."""
        self.page = (self.page + step) % self.pages
        self.scene.session.sound("page")
        self.scene.layout()

    def handle_key(self, event: pygame.event.Event) -> bool:
        """PageUp / PageDown turn the pages when there are several. True when consumed."""
        if event.type == pygame.KEYDOWN and event.key in PAGE_KEYS and self.pages > 1:
            self.turn(PAGE_KEYS[event.key])
            return True
        return False

    def arrows(self, y: int, inset: int) -> list[Button]:
        """The big side arrows, ``inset`` from the screen's left and right edges."""
        t = self.scene.session.t
        return [
            ArrowButton(
                "page:previous",
                t("map.previous_page"),
                pygame.Rect((inset, y), ARROW_SIZE),
                lambda: self.turn(-1),
                step=-1,
            ),
            ArrowButton(
                "page:next",
                t("map.next_page"),
                pygame.Rect((LOGICAL_SIZE[0] - inset - ARROW_SIZE[0], y), ARROW_SIZE),
                lambda: self.turn(1),
                step=1,
            ),
        ]

    def label(self) -> str:
        return self.scene.session.t("map.page", page=self.page + 1, pages=self.pages)

    def draw_number(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """« Page 1 / 3 » on a small panel."""
        theme = self.scene.session.theme
        panel(surface, theme, box, radius=18)
        draw_text(
            surface,
            theme,
            self.label(),
            box.inflate(-16, -8),
            role="small",
            align="center",
            valign="middle",
            max_lines=1,
        )
