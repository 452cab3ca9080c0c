"""Pages of numbered items (the map's scenarios, the players): PageUp / PageDown and two big
side arrows turn them, wrapping round, and « Page 1 / 3 » says where the player is in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.input import LOGICAL_SIZE
from game.ui.button import Button
from game.ui.panel import titled_panel
from game.ui.picker import ArrowButton

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
        text_box = box.inflate(-16, -8)
        titled_panel(surface, theme, box, self.label(), text_box, role="small", radius=18, width=3)


def pack(heights: list[int], room: int, gap: int, most: int) -> list[list[int]]:
    """Items of different heights (each as tall as its words need at full size) put on pages:
    as many as fit in ``room`` one below the other, at most ``most`` a page, in order.

    Lists page instead of shrinking (issue 16): a page always takes at least one item, so an
    item taller than the room still shows (its box grows past the room, never cut).
    """
    pages: list[list[int]] = [[]]
    used = 0
    for index, height in enumerate(heights):
        page = pages[-1]
        if page and (used + gap + height > room or len(page) >= most):
            pages.append([])
            page, used = pages[-1], 0
        used += height + (gap if page else 0)
        page.append(index)
    return pages
