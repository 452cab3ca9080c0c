"""Colours and fonts from ``assets/palette.json`` at four text sizes, and the pygame_gui theme.

The theme also keeps, when asked, a log of every text it drew with its container, so a test can
check that no text overflows its box.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game import art

TEXT_SIZES = ("medium", "large", "xlarge", "xxlarge")
# Pixel sizes on the 1280x720 canvas, per role, for each text size setting.
FONT_PX: dict[str, dict[str, int]] = {
    "medium": {"small": 20, "body": 25, "choice": 25, "heading": 34, "title": 64},
    "large": {"small": 23, "body": 29, "choice": 28, "heading": 38, "title": 72},
    "xlarge": {"small": 26, "body": 34, "choice": 32, "heading": 44, "title": 80},
    # « énorme »: for low vision, read from the back of the room (issue 16)
    "xxlarge": {"small": 32, "body": 42, "choice": 40, "heading": 50, "title": 88},
}
BOLD_ROLES = {"heading", "title", "choice"}
ASSETS = Path(__file__).resolve().parent / "assets"


@dataclass
class DrawnText:
    """One text drawn on screen: its rect and the box it had to stay in."""

    text: str
    rect: pygame.Rect
    container: pygame.Rect
    fg: str
    bg: str
    cut: bool = False  # did not fit even at the smallest size: ends with « … »
    px: int = 0  # the font size it was drawn at
    role: str = ""  # its role (body, small, heading…), whose size it should keep


@dataclass
class Theme:
    """The current look: palette variant and font sizes. Rebuilt when settings change."""

    text_size: str = "large"
    high_contrast: bool = False
    record: bool = False
    dyslexic: bool = False  # OpenDyslexic in every text and text field
    drawn: list[DrawnText] = field(default_factory=list)
    _fonts: dict[tuple[int, bool], pygame.font.Font] = field(default_factory=dict)
    _colors: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.text_size not in TEXT_SIZES:
            self.text_size = "large"
        self._colors = art.palette(self.high_contrast)

    def hex(self, name: str) -> str:
        return self._colors.get(name, name if name.startswith("#") else "#FF00FF")

    def color(self, name: str) -> pygame.Color:
        return pygame.Color(self.hex(name))

    def competency_color(self, competency_id: str) -> pygame.Color:
        return pygame.Color(art.competency_colors().get(competency_id, self.hex("accent")))

    def px(self, role: str) -> int:
        return FONT_PX[self.text_size][role]

    def font(self, role: str = "body", px: int | None = None) -> pygame.font.Font:
        """The game font for ``role`` (or at ``px``); bold for titles, headings and choices."""
        size = px or self.px(role)
        bold = role in BOLD_ROLES
        key = (size, bold)
        if key not in self._fonts:
            self._fonts[key] = _load_font(size, bold, self.dyslexic)
        return self._fonts[key]

    def log(self, item: DrawnText) -> None:
        if self.record:
            self.drawn.append(item)

    def gui_theme(self) -> dict:
        """The pygame_gui theme (text entries only: the game draws its own buttons)."""
        c = self._colors
        return {
            "defaults": {
                "colours": {
                    "normal_bg": c["panel"],
                    "dark_bg": c["panel"],
                    "normal_text": c["panel_text"],
                    "selected_text": c["button_text"],
                    "text_cursor": c["panel_text"],
                    "selected_bg": c["button"],
                    "normal_border": c["panel_border"],
                    "focused_border": c["focus"],
                },
                "misc": {
                    "border_width": "3",
                    "shape": "rounded_rectangle",
                    "shape_corner_radius": "12",
                },
            },
            "text_entry_line": {
                "font": {
                    "name": "opendyslexic" if self.dyslexic else "andika",
                    "size": str(self.px("body")),
                    "regular_path": str(art.font_path(False, self.dyslexic)),
                    "bold_path": str(art.font_path(True, self.dyslexic)),
                    "italic_path": str(art.font_path(False, self.dyslexic)),
                    "bold_italic_path": str(art.font_path(True, self.dyslexic)),
                },
                "misc": {"padding": "12,4"},
            },
        }


def _load_font(size: int, bold: bool, dyslexic: bool = False) -> pygame.font.Font:
    try:
        return pygame.font.Font(str(art.font_path(bold, dyslexic)), size)
    except (OSError, FileNotFoundError):
        return pygame.font.Font(None, size)
