"""Badge pictures in DIVA's style (``shared.look``), as SVG and as PNG without pygame.

Each picture depends only on (competency, level), so a worker renders it once and keeps it:
derived data, the same in every worker, nothing to keep in step.
"""

import functools

from shared.look import badge_svg
from shared.look.png import svg_to_png

PNG_WIDTH = 400
NEUTRAL = "organisation"  # a competency of another framework borrows a neutral emblem


@functools.lru_cache(maxsize=256)
def picture_svg(competency_id: str, level: int) -> str:
    try:
        return badge_svg(competency_id, level)
    except ValueError:
        return badge_svg(NEUTRAL, max(1, min(level, 4)))


@functools.lru_cache(maxsize=256)
def picture_png(competency_id: str, level: int) -> bytes:
    return svg_to_png(picture_svg(competency_id, level), PNG_WIDTH)
