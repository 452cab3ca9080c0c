"""Badge pictures in DIVA's style (``issuer.openbadges.images``), as SVG and as PNG.

Each picture depends only on (framework, competency, level), so a worker renders it once and
keeps it: derived data, the same in every worker, nothing to keep in step. A competency with
no emblem of its own (another framework with no crosswalk, or a framework since removed from
content/) wears a neutral one rather than failing the badge.
"""

import functools

from issuer.openbadges import images
from shared.errors import FrameworkError
from shared.framework import Framework, load_frameworks
from shared.look import badge_svg
from shared.look.png import svg_to_png

NEUTRAL = "organisation"


_LOADED: dict[str, Framework] = {}


def frameworks() -> dict[str, Framework]:
    """The bundled frameworks, read once per worker; a broken file (content being edited)
    gives none this time and is read again next time, never a failed request."""
    if not _LOADED:
        try:
            _LOADED.update(load_frameworks())
        except FrameworkError:
            return {}
    return _LOADED


def picture_svg(competency_id: str, level: int, framework_id: str = "rectec") -> str:
    if framework_id in frameworks():
        try:
            return _framework_svg(competency_id, level, framework_id)
        except images.BadgeImageError:
            pass
    return _neutral_svg(level)


def picture_png(competency_id: str, level: int, framework_id: str = "rectec") -> bytes:
    if framework_id in frameworks():
        try:
            return _framework_png(competency_id, level, framework_id)
        except images.BadgeImageError:
            pass
    return _neutral_png(level)


# Only real drawings are kept: a neutral stand-in (framework unreadable for a moment) is not
# remembered in place of the competency's own emblem.
@functools.lru_cache(maxsize=512)
def _framework_svg(competency_id: str, level: int, framework_id: str) -> str:
    return images.badge_svg(competency_id, level, frameworks()[framework_id])


@functools.lru_cache(maxsize=512)
def _framework_png(competency_id: str, level: int, framework_id: str) -> bytes:
    return images.badge_png(competency_id, level, frameworks()[framework_id])


@functools.lru_cache(maxsize=8)
def _neutral_svg(level: int) -> str:
    return badge_svg(NEUTRAL, max(1, min(level, 4)))


@functools.lru_cache(maxsize=8)
def _neutral_png(level: int) -> bytes:
    return svg_to_png(_neutral_svg(level), images.DEFAULT_WIDTH)
