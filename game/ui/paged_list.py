"""Lists of items of different heights, cut into pages rather than into « … and 12 more »:
every item is shown whole on some page, at its role's full size (the trainer's problems, the
node list, the town's places)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui.picker import ArrowButton

if TYPE_CHECKING:
    from game.ui.button import Button
    from game.ui.pager import Pager


def split_pages(heights: list[int], room: int, gap: int) -> list[list[int]]:
    """The items' indices page by page: as many as ``room`` holds, in order (an item taller
    than the room is alone on its page)."""
    pages: list[list[int]] = [[]]
    used = 0
    for index, height in enumerate(heights):
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0
        pages[-1].append(index)
        used += height + gap
    return pages


def page_arrows(pager: Pager, left: pygame.Rect, right: pygame.Rect) -> list[Button]:
    """The two big arrows that turn ``pager``'s pages (mouse and touch; PageUp / PageDown
    are the pager's own keys)."""
    t = pager.scene.session.t
    back, on = partial(pager.turn, -1), partial(pager.turn, 1)
    return [
        ArrowButton("page:previous", t("map.previous_page"), left, back, step=-1),
        ArrowButton("page:next", t("map.next_page"), right, on),
    ]
