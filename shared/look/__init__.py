"""DIVA's look without pygame: palette, colours, icons, fonts, badge and avatar drawings.

The game, the skill map and the badge issuer all draw from here, so a young person recognises
the same colours, icons and portrait everywhere, and the issuer (which has no pygame and no
display) can make badge images. Everything is SVG text or a file path; rasterising is the
caller's job (pygame in the apps, ``shared.look.png`` with cairosvg for the issuer).
Files are read on first use; nothing happens at import.
"""

from shared.look.avatar import avatar_svg
from shared.look.badge import badge_svg, competency_ids
from shared.look.colors import INK, contrast_ratio, hex_to_rgb, mix, relative_luminance, shade
from shared.look.files import ICON_GRID, font_path, icon_body, icon_path
from shared.look.palette import competency_colors, palette, text_pairs

__all__ = [
    "ICON_GRID",
    "INK",
    "avatar_svg",
    "badge_svg",
    "competency_colors",
    "competency_ids",
    "contrast_ratio",
    "font_path",
    "hex_to_rgb",
    "icon_body",
    "icon_path",
    "mix",
    "palette",
    "relative_luminance",
    "shade",
    "text_pairs",
]
