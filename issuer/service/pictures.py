"""Badge pictures in DIVA's style (``issuer.openbadges.images``), as SVG and as PNG.

Each picture depends only on (framework, competency, level), so a worker renders it once and
keeps it: derived data, the same in every worker, nothing to keep in step. A competency with
no emblem of its own (another framework with no crosswalk, or a framework since removed from
content/) wears a neutral one rather than failing the badge.
"""

import functools

from issuer.openbadges import images
from shared.framework import Framework, load_frameworks
from shared.look import badge_svg
from shared.look.png import svg_to_png

NEUTRAL = "organisation"


@functools.cache
def _frameworks() -> dict[str, Framework]:
    return load_frameworks()


@functools.lru_cache(maxsize=512)
def picture_svg(competency_id: str, level: int, framework_id: str = "rectec") -> str:
    framework = _frameworks().get(framework_id)
    if framework is not None:
        try:
            return images.badge_svg(competency_id, level, framework)
        except images.BadgeImageError:
            pass
    return badge_svg(NEUTRAL, max(1, min(level, 4)))


@functools.lru_cache(maxsize=512)
def picture_png(competency_id: str, level: int, framework_id: str = "rectec") -> bytes:
    framework = _frameworks().get(framework_id)
    if framework is not None:
        try:
            return images.badge_png(competency_id, level, framework)
        except images.BadgeImageError:
            pass
    return svg_to_png(badge_svg(NEUTRAL, max(1, min(level, 4))), images.DEFAULT_WIDTH)
