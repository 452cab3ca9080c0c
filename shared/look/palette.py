"""The named colours of DIVA (default and high contrast) and each competency's colour."""

import functools
import json

from shared.look.files import look_dir


@functools.cache
def _palette_file() -> dict:
    return json.loads((look_dir() / "palette.json").read_text(encoding="utf-8"))


def palette(high_contrast: bool = False) -> dict[str, str]:
    """The named colours (hex) of the default or the high-contrast variant."""
    return dict(_palette_file()["high_contrast" if high_contrast else "default"])


def competency_colors() -> dict[str, str]:
    """Each competency's colour, keyed by competency id: the same on cards, map and badges."""
    return dict(_palette_file()["competencies"])


def text_pairs() -> list[tuple[str, str]]:
    """The (text, background) colour names text is drawn with, checked for contrast."""
    return [(fg, bg) for fg, bg in _palette_file()["text_pairs"]]
