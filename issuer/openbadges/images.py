"""Badge pictures in DIVA's style, as the game and the skill map show them (``shared.look``).

The emblem is drawn for the bundled framework's competencies (RECTEC: one icon and colour each).
A competency of another framework with levels is drawn as the RECTEC competency its crosswalk
names first, so every badge still has a recognisable emblem; one with no such link is refused.
PNG comes from ``shared.look.png`` (cairosvg): no pygame, no display.
"""

from shared.framework import Framework
from shared.look import badge_svg as emblem_svg
from shared.look import competency_ids
from shared.look.png import svg_to_png

DEFAULT_WIDTH = 400  # the emblem's own size: sharp on a 2x screen at 200 px
EMBLEM_FRAMEWORK = "rectec"


class BadgeImageError(ValueError):
    """No emblem for this competency (unknown, no crosswalk) or a level out of range."""


def emblem_competency(competency_id: str, framework: Framework) -> str:
    """The competency whose emblem ``competency_id`` of ``framework`` wears."""
    known = competency_ids()
    if framework.id == EMBLEM_FRAMEWORK:
        if competency_id in known:
            return competency_id
        raise BadgeImageError(f"{framework.id}: unknown competency {competency_id!r}")
    competency = next((c for c in framework.competencies if c.id == competency_id), None)
    if competency is None:
        raise BadgeImageError(f"{framework.id}: unknown competency {competency_id!r}")
    for target in competency.crosswalk.get(EMBLEM_FRAMEWORK, []):
        if target in known:
            return target
    raise BadgeImageError(
        f"{framework.id}/{competency_id}: no crosswalk to {EMBLEM_FRAMEWORK}, so no emblem"
    )


def badge_svg(competency_id: str, level: int, framework: Framework) -> str:
    """The badge picture as SVG (400 x 400, no words: it reads in any language)."""
    emblem = emblem_competency(competency_id, framework)
    try:
        return emblem_svg(emblem, level)
    except ValueError as error:
        raise BadgeImageError(f"{framework.id}/{competency_id}: {error}") from error


def badge_png(
    competency_id: str, level: int, framework: Framework, width: int = DEFAULT_WIDTH
) -> bytes:
    """The badge picture as PNG, ``width`` pixels wide (square)."""
    svg = badge_svg(competency_id, level, framework)
    try:
        return svg_to_png(svg, width)
    except ValueError as error:
        raise BadgeImageError(f"{framework.id}/{competency_id}: {error}") from error
