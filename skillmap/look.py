"""The skill map's look for documents (portfolio, map SVG and PNG): DIVA's shared drawings.

The portfolio and the app use the same palette, icons and portrait as the game (all from
``shared.look``), so a young person recognises their map. Nothing happens at import.
"""

from shared.look import (
    ICON_GRID,
    avatar_svg,
    badge_svg,
    competency_colors,
    font_path,
    icon_body,
    icon_path,
    palette,
)

__all__ = [
    "AVATAR_CROP",
    "ICON_GRID",
    "avatar_svg",
    "badge_svg",
    "competency_colors",
    "font_path",
    "icon_body",
    "icon_path",
    "palette",
]

AVATAR_CROP = "60 70 280 280"  # head and shoulders of the 400x500 portrait
