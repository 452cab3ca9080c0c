"""The game's look, read from its asset files: palette, competency colours, icons.

The portfolio and the app use the same palette and icons as the game, so a young person
recognises their map. Files are read on first use and cached; nothing happens at import.
"""

import functools
import json
from importlib import resources
from pathlib import Path

ICON_GRID = 128  # the icons are drawn on a 128x128 grid
AVATAR_CROP = "60 70 280 280"  # head and shoulders of the game's 400x500 portrait


def assets_dir() -> Path:
    return Path(str(resources.files("game").joinpath("assets")))


@functools.cache
def _palette_file() -> dict:
    return json.loads((assets_dir() / "palette.json").read_text(encoding="utf-8"))


def palette() -> dict[str, str]:
    """Named colours (hex) of the default palette."""
    return dict(_palette_file()["default"])


def competency_colors() -> dict[str, str]:
    return dict(_palette_file()["competencies"])


def font_path(bold: bool = False) -> Path:
    """Andika, the game's font (made for beginning readers)."""
    return assets_dir() / "fonts" / ("Andika-Bold.ttf" if bold else "Andika-Regular.ttf")


@functools.cache
def icon_body(name: str) -> str:
    """The drawing inside icon ``name``'s <svg> element, to embed in another SVG ("" if none)."""
    path = assets_dir() / "icons" / f"{name}.svg"
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    start = text.index(">", text.index("<svg")) + 1
    return text[start : text.rindex("</svg>")].strip()
