"""Where the places go on the town map: each at its scenario's ``map_x`` / ``map_y``, moved
the least it takes so that no two signs touch, and onto another page when the town is full.

Pure geometry (rects in, rects out) so it is tested and cached apart from the drawing: at
« Énorme » with the dyslexia font the signs are big, and a town of fourteen places may need
two pages rather than signs drawn over each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pygame

GAP = 14  # between two places: the focus ring (drawn outside a place) covers no neighbour
FARTHEST = 0.25  # of the town's diagonal: a place pushed farther goes to the next page


@dataclass(frozen=True)
class Footprint:
    """A place's size, and where its pin's centre is inside it (the point put on the map)."""

    width: int
    height: int
    anchor: tuple[int, int]


def ideal_point(area: pygame.Rect, map_x: float, map_y: float, margin: int) -> tuple[int, int]:
    """The map's (0-1, 0-1) position as a point in ``area``, ``margin`` in from its edges."""
    x = area.x + margin + map_x * (area.width - 2 * margin)
    y = area.y + margin + map_y * (area.height - 2 * margin)
    return round(x), round(y)


def arrange(
    prints: tuple[Footprint, ...],
    points: tuple[tuple[int, int], ...],
    area: tuple[int, int, int, int],
    keep_out: tuple[tuple[int, int, int, int], ...] = (),
) -> tuple[tuple[tuple[int, tuple[int, int, int, int]], ...], ...]:
    """Pages of (index, rect): every place as near its point as the others let it be.

    Places are put in order; each takes the nearest free spot (rings of growing radius round
    its point) inside ``area`` and clear of ``keep_out``; a place with no free spot left
    starts the next page. Cached: the same town is laid out again on every page turn."""
    return _arrange(prints, points, area, keep_out)


@lru_cache(maxsize=32)
def _arrange(
    prints: tuple[Footprint, ...],
    points: tuple[tuple[int, int], ...],
    area: tuple[int, int, int, int],
    keep_out: tuple[tuple[int, int, int, int], ...],
) -> tuple[tuple[tuple[int, tuple[int, int, int, int]], ...], ...]:
    room = pygame.Rect(area)
    left = list(range(len(prints)))
    pages: list[tuple[tuple[int, tuple[int, int, int, int]], ...]] = []
    while left:
        taken = [pygame.Rect(r).inflate(GAP, GAP) for r in keep_out]
        page: list[tuple[int, tuple[int, int, int, int]]] = []
        later: list[int] = []
        for index in left:
            spot = _free_spot(prints[index], points[index], room, taken)
            if spot is None:
                later.append(index)
                continue
            taken.append(spot.inflate(GAP, GAP))
            page.append((index, (spot.x, spot.y, spot.width, spot.height)))
        if not page:  # one place bigger than the whole town: alone, clipped to it
            index = later.pop(0)
            page.append((index, (room.x, room.y, room.width, room.height)))
        pages.append(tuple(page))
        left = later
    return tuple(pages)


def _free_spot(
    foot: Footprint, point: tuple[int, int], room: pygame.Rect, taken: list[pygame.Rect]
) -> pygame.Rect | None:
    """The free spot nearest the place's point (None beyond ``FARTHEST``: a place far from
    its point would tell a wrong town). The nearest free spot always has its left or
    right side on a side of the room or of a place already put (or stays at its point), and
    the same for its top or bottom: those few positions are tried, nearest first."""
    if foot.width > room.width or foot.height > room.height:
        return None
    home = pygame.Rect(point[0] - foot.anchor[0], point[1] - foot.anchor[1], *_size(foot))
    home.clamp_ip(room)
    if home.collidelist(taken) == -1:
        return home
    xs = {home.x, room.x, room.right - foot.width}
    ys = {home.y, room.y, room.bottom - foot.height}
    for rect in taken:
        xs |= {rect.right, rect.left - foot.width}
        ys |= {rect.bottom, rect.top - foot.height}
    far = (FARTHEST * math.hypot(room.width, room.height)) ** 2
    spots = [(x, y) for x in xs for y in ys if (x - home.x) ** 2 + (y - home.y) ** 2 <= far]
    spots.sort(key=lambda at: (at[0] - home.x) ** 2 + (at[1] - home.y) ** 2)
    for x, y in spots:
        spot = pygame.Rect(x, y, foot.width, foot.height)
        if room.contains(spot) and spot.collidelist(taken) == -1:
            return spot
    return None


def _size(foot: Footprint) -> tuple[int, int]:
    return foot.width, foot.height
