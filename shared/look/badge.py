"""Badge emblems as SVG: a competency's icon in an emblem of its colour, its level as stars.

The same drawing is previewed in the game and the skill map and baked by the issuer, so it is
plain SVG with no words (a badge must read in any language, and nanosvg ignores <text>).
"""

import functools
import math

from shared.framework import LEVELS, default_framework
from shared.look.colors import INK, shade
from shared.look.files import icon_body
from shared.look.palette import competency_colors


@functools.cache
def competency_ids() -> tuple[str, ...]:
    """The competency ids of the bundled framework (RECTEC), in its order: the only list."""
    return tuple(c.id for c in default_framework().competencies)


def _star(cx: float, cy: float, outer: float, inner: float) -> str:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy + radius * math.sin(angle):.1f}")
    return " ".join(points)


def _marks(level: int) -> str:
    """Four stars on the ribbon, the first ``level`` of them lit."""
    marks = []
    for i in range(len(LEVELS)):
        x = 200 + (i - 1.5) * 54
        lit = i < level
        fill, stroke = ("#FFC83D", "#A86A00") if lit else ("#FFFFFF", "#FFFFFF")
        opacity = "1" if lit else "0.35"
        marks.append(
            f'<polygon points="{_star(x, 352, 22, 10)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="3" stroke-linejoin="round" opacity="{opacity}"/>'
        )
    return "".join(marks)


def badge_svg(competency_id: str, level: int) -> str:
    """An Open Badge image (400x400 SVG) for ``competency_id`` of the framework at ``level``.

    Raises ValueError for a competency the framework does not have or a level out of 1-4.
    """
    colors = competency_colors()
    if competency_id not in competency_ids() or competency_id not in colors:
        raise ValueError(f"unknown competency id: {competency_id!r}")
    if level not in LEVELS:
        raise ValueError(f"level must be {LEVELS[0]}-{LEVELS[-1]}, got {level}")
    color = colors[competency_id]
    dark, light = shade(color, 0.62), shade(color, 1.45)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"
 width="400" height="400">
<defs>
<linearGradient id="rim" gradientUnits="userSpaceOnUse" x1="0" y1="20" x2="0" y2="380">
<stop offset="0" stop-color="{light}"/><stop offset="1" stop-color="{dark}"/></linearGradient>
<linearGradient id="face" gradientUnits="userSpaceOnUse" x1="0" y1="50" x2="0" y2="330">
<stop offset="0" stop-color="#FFFFFF"/><stop offset="1" stop-color="#FFF1DE"/></linearGradient>
</defs>
<path d="M200 18 L352 80 L352 210 C352 300 280 356 200 384 C120 356 48 300 48 210 L48 80 Z"
 fill="url(#rim)" stroke="{INK}" stroke-width="8" stroke-linejoin="round"/>
<path d="M200 44 L328 96 L328 208 C328 282 268 330 200 356 C132 330 72 282 72 208 L72 96 Z"
 fill="{color}"/>
<circle cx="200" cy="182" r="108" fill="url(#face)" stroke="{INK}" stroke-width="6"/>
<g transform="translate(107 88) scale(1.45)">{icon_body(competency_id)}</g>
<path d="M62 320 L338 320 L356 352 L338 384 L62 384 L44 352 Z" fill="{dark}" stroke="{INK}"
 stroke-width="6" stroke-linejoin="round"/>
{_marks(level)}
</svg>"""
