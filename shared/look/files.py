"""The look's files (palette, icons, fonts), found inside the installed package.

They are package data of ``shared.look``, located through ``importlib.resources`` so they are
found the same way from a checkout, an editable install or a wheel.
"""

import functools
from importlib import resources
from pathlib import Path

ICON_GRID = 128  # the icons are drawn on a 128x128 grid


def look_dir() -> Path:
    """The folder holding palette.json, icons/ and fonts/ (a real folder: wheels unpack)."""
    return Path(str(resources.files(__package__ or "shared.look")))


def icon_path(name: str) -> Path:
    """The file of icon ``name`` (a competency id, or dont-know, speaker, settings...)."""
    return look_dir() / "icons" / f"{name}.svg"


@functools.cache
def icon_body(name: str) -> str:
    """The drawing inside icon ``name``'s <svg> element (128x128 grid), to embed in other
    SVGs; "" when there is no such icon (a drawing must never break a page)."""
    path = icon_path(name)
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    start = text.index(">", text.index("<svg")) + 1
    return text[start : text.rindex("</svg>")].strip()


def font_path(bold: bool = False, dyslexic: bool = False) -> Path:
    """DIVA's font file: Andika (SIL, made for beginning readers) or OpenDyslexic."""
    fonts = look_dir() / "fonts"
    if dyslexic:
        return fonts / ("OpenDyslexic-Bold.otf" if bold else "OpenDyslexic-Regular.otf")
    return fonts / ("Andika-Bold.ttf" if bold else "Andika-Regular.ttf")
