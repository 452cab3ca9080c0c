"""A list shown one page at a time, as the app's other lists are (the players, a young
person's page): « Précédent » / « Suivant » under the list, « Page 2 sur 3 » beside them, the
mouse wheel turns pages. Nothing is cut silently: what does not fit is on the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import pygame
from pygame_gui.elements import UIButton

from skillmap.app.ui import draw_text, font

if TYPE_CHECKING:
    from skillmap.app.screens.base import Screen

Item = TypeVar("Item")
BUTTON_W, BUTTON_H = 130, 40
PAGER_W = 2 * BUTTON_W + 10 + 20  # the two buttons and the gap before them


class Pager:
    """Which page of a list is shown; the screen rebuilds when it turns."""

    def __init__(self, per_page: int) -> None:
        self.per_page = per_page
        self.page = 0
        self.count = 0
        self.prev_button: UIButton | None = None
        self.next_button: UIButton | None = None

    def pages(self) -> int:
        return max(1, (self.count + self.per_page - 1) // self.per_page)

    def shown(self, items: Sequence[Item]) -> list[Item]:
        """This page's items (the page stays in range when the list shrank)."""
        self.count = len(items)
        self.page = max(0, min(self.page, self.pages() - 1))
        return list(items[self.page * self.per_page : (self.page + 1) * self.per_page])

    def can_turn(self, step: int) -> bool:
        return 0 <= self.page + step < self.pages()

    def turn(self, step: int) -> bool:
        """Turn ``step`` pages if there is one there; True when it turned."""
        if not self.can_turn(step):
            return False
        self.page += step
        return True

    def build(self, screen: Screen, right: int, y: int, on_turn: Callable[[int], None]) -> None:
        """The two buttons, right-aligned at ``right``; none when everything fits one page."""
        self.prev_button = self.next_button = None
        if self.pages() == 1:
            return
        t = screen.t
        self.prev_button = screen.button(
            pygame.Rect(right - 2 * BUTTON_W - 10, y, BUTTON_W, BUTTON_H),
            t("app.previous"),
            lambda: on_turn(-1),
            "@secondary",
        )
        self.next_button = screen.button(
            pygame.Rect(right - BUTTON_W, y, BUTTON_W, BUTTON_H),
            t("app.next"),
            lambda: on_turn(1),
            "@secondary",
        )
        if not self.can_turn(-1):
            self.prev_button.disable()
        if not self.can_turn(1):
            self.next_button.disable()

    def draw(self, canvas: pygame.Surface, screen: Screen, pos: tuple[int, int]) -> None:
        """« Page 2 sur 3 », left of the buttons (nothing when it all fits one page)."""
        if self.pages() > 1:
            words = screen.t("app.page", page=self.page + 1, pages=self.pages())
            draw_text(canvas, words, pos, font(15), screen.c["panel_muted_text"])

    def wheel_step(self, event: pygame.event.Event, area: pygame.Rect) -> int:
        """The page step a mouse-wheel event over ``area`` asks for (0: none)."""
        if event.type != pygame.MOUSEWHEEL or not event.y:
            return 0
        if not area.collidepoint(pygame.mouse.get_pos()):
            return 0
        step = -1 if event.y > 0 else 1
        return step if self.can_turn(step) else 0
