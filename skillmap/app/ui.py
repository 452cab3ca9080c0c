"""The skill map's look: pygame_gui theme built from the game's palette, fonts, text drawing.

The theme is generated from ``game/assets/palette.json`` rather than kept as a second JSON
file, so the counsellor's tool and the game can never drift apart in colour.
"""

from __future__ import annotations

import functools
from typing import Any

import pygame
import pygame_gui

from game import art

CANVAS = (1280, 720)
FONT_NAME = "andika"

Color = tuple[int, int, int]


@functools.cache
def colors(high_contrast: bool = False) -> dict[str, Color]:
    """The palette as RGB tuples, plus the competency colours keyed by competency id."""
    named = {k: art.hex_to_rgb(v) for k, v in art.palette(high_contrast).items()}
    named.update({k: art.hex_to_rgb(v) for k, v in art.competency_colors().items()})
    return named


def shade(color: Color, factor: float) -> Color:
    """Darker (factor < 1) or lighter towards white (factor > 1)."""
    if factor <= 1:
        return tuple(round(c * factor) for c in color)  # type: ignore[return-value]
    t = min(1.0, factor - 1)
    return tuple(round(c + (255 - c) * t) for c in color)  # type: ignore[return-value]


def _hex(rgb: Color, alpha: int | None = None) -> str:
    text = "#{:02X}{:02X}{:02X}".format(*rgb)
    return text if alpha is None else f"{text}{alpha:02X}"


def _font(size: int, bold: bool = False) -> dict[str, str]:
    return {
        "name": FONT_NAME,
        "size": str(size),
        "bold": "1" if bold else "0",
        "regular_path": str(art.font_path()),
        "bold_path": str(art.font_path(bold=True)),
    }


def _button_colors(bg: Color, text: Color, border: Color) -> dict[str, str]:
    return {
        "normal_bg": _hex(bg),
        "hovered_bg": _hex(shade(bg, 0.88) if bg != (255, 255, 255) else shade(bg, 0.95)),
        "active_bg": _hex(shade(bg, 0.75)),
        "selected_bg": _hex(shade(bg, 0.75)),
        "disabled_bg": _hex(shade(bg, 1.55)),
        "normal_text": _hex(text),
        "hovered_text": _hex(text),
        "active_text": _hex(text),
        "selected_text": _hex(text),
        "disabled_text": _hex(shade(text, 1.4) if text != (255, 255, 255) else (255, 255, 255)),
        "normal_border": _hex(border),
        "hovered_border": _hex(border),
        "active_border": _hex(border),
        "selected_border": _hex(border),
        "disabled_border": _hex(shade(border, 1.4)),
    }


def _rounded(radius: int, border: int = 0) -> dict[str, str]:
    return {
        "shape": "rounded_rectangle",
        "shape_corner_radius": str(radius),
        "border_width": str(border),
        "shadow_width": "0",
    }


def theme(high_contrast: bool = False) -> dict[str, Any]:
    """The pygame_gui theme: warm panels, orange primary buttons, Andika everywhere."""
    c = colors(high_contrast)
    ink, panel, border = c["panel_text"], c["panel"], c["panel_border"]
    secondary = _button_colors(panel, ink, shade(border, 0.8))
    field = {
        "dark_bg": _hex(c["white"]),
        "normal_text": _hex(ink),
        "selected_text": _hex(ink),
        "text_cursor": _hex(ink),
        "selected_bg": _hex(c["info_light"]),
        "normal_border": _hex(shade(border, 0.8)),
        "focused_border": _hex(c["focus"]),
        "disabled_dark_bg": _hex(c["background"]),
    }
    return {
        "defaults": {
            "colours": {
                "dark_bg": _hex(panel),
                "normal_text": _hex(ink),
                "normal_border": _hex(border),
                **_button_colors(panel, ink, border),
            },
            "font": _font(17),
        },
        "button": {"colours": secondary, "font": _font(16), "misc": _rounded(8, 2)},
        "@primary": {
            "colours": _button_colors(c["button"], c["button_text"], c["button"]),
            "font": _font(17, bold=True),
            "misc": _rounded(10),
        },
        "@secondary": {"colours": secondary, "font": _font(16, bold=True), "misc": _rounded(10, 2)},
        "@chip": {"colours": secondary, "font": _font(15), "misc": _rounded(16, 2)},
        "@chip_on": {
            "colours": _button_colors(c["info_light"], ink, c["focus"]),
            "font": _font(15, bold=True),
            "misc": _rounded(16, 2),
        },
        "@danger": {
            "colours": _button_colors(panel, c["accent_dark"], c["accent_dark"]),
            "font": _font(16, bold=True),
            "misc": _rounded(10, 2),
        },
        "@success": {
            "colours": _button_colors(c["success"], c["white"], c["success"]),
            "font": _font(16, bold=True),
            "misc": _rounded(10),
        },
        "@row": {
            "colours": {
                "normal_bg": "#00000000",
                "hovered_bg": _hex(c["focus"], 0x16),
                "active_bg": _hex(c["focus"], 0x28),
                "normal_border": "#00000000",
                "hovered_border": _hex(c["focus"]),
                "active_border": _hex(c["focus"]),
            },
            "misc": _rounded(14, 2),
        },
        "@topbar": {
            "colours": _button_colors(
                c["background_deep"], c["panel_dark_text"], shade(c["background_deep"], 1.3)
            ),
            "font": _font(16, bold=True),
            "misc": _rounded(10, 2),
        },
        "label": {
            "colours": {"dark_bg": "#00000000", "normal_text": _hex(ink)},
            "misc": {"text_horiz_alignment": "left"},
        },
        "@muted": {"colours": {"normal_text": _hex(c["panel_muted_text"])}, "font": _font(15)},
        "@heading": {"font": _font(20, bold=True)},
        "@error": {
            "colours": {"normal_text": _hex(c["accent_dark"])},
            "font": _font(15, bold=True),
        },
        "text_entry_line": {"colours": field, "font": _font(17), "misc": _rounded(8, 2)},
        "text_entry_box": {"colours": field, "font": _font(16), "misc": _rounded(8, 2)},
        "text_box": {
            "colours": {**field, "dark_bg": "#00000000", "normal_border": "#00000000"},
            "font": _font(16),
            "misc": {"border_width": "0", "padding": "4,2"},
        },
        "drop_down_menu": {
            "colours": {**secondary, "dark_bg": _hex(c["white"])},
            "font": _font(16),
            "misc": {**_rounded(8, 2), "expand_direction": "down"},
        },
        "check_box": {
            "colours": {
                **secondary,
                "normal_bg": _hex(c["white"]),
                "selected_bg": _hex(c["success"]),
                "selected_text": _hex(c["white"]),
                "normal_border": _hex(ink),
            },
            "font": _font(16),
            "misc": _rounded(4, 2),
        },
        "panel": {
            "colours": {"dark_bg": _hex(panel), "normal_border": _hex(border)},
            "misc": _rounded(16, 2),
        },
        "@overlay": {
            "colours": {"dark_bg": _hex(c["background_deep"], 0xB0), "normal_border": "#00000000"},
            "misc": {"shape": "rectangle", "border_width": "0"},
        },
        "scrolling_container": {"colours": {"dark_bg": "#00000000"}},
        "vertical_scroll_bar": {
            "colours": {"dark_bg": _hex(c["background"]), **_button_colors(border, ink, border)}
        },
        "tool_tip": {
            "colours": {
                "dark_bg": _hex(c["background_deep"]),
                "normal_text": _hex(c["panel_dark_text"]),
            },
            "font": _font(15),
        },
    }


class CanvasUIManager(pygame_gui.UIManager):
    """A UIManager laid out on the fixed 1280x720 canvas, shown scaled in a resizable window.

    Events reach it already mapped to canvas coordinates by the app; only the hover
    position, read from the real mouse each frame, needs mapping here.
    """

    def __init__(self, high_contrast: bool = False) -> None:
        super().__init__(CANVAS, theme_path=theme(high_contrast), enable_live_theme_updates=False)
        self.to_canvas = lambda pos: pos
        self.pointer: tuple[int, int] | None = None  # tests set this to show a hover state

    def _update_mouse_position(self) -> None:
        real = self.pointer if self.pointer is not None else self.to_canvas(pygame.mouse.get_pos())
        self.mouse_position = (int(real[0]), int(real[1]))


# --- text drawn by hand (map labels, cards): faster and finer than widgets ----------------


@functools.cache
def font(size: int, bold: bool = False) -> pygame.font.Font:
    """Andika at ``size`` px, cached (pygame.font must be initialised)."""
    return pygame.font.Font(str(art.font_path(bold=bold)), size)


def wrap(text: str, width: int, face: pygame.font.Font, max_lines: int = 0) -> list[str]:
    """Split ``text`` into lines that fit ``width``; an ellipsis ends a truncated last line."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if face.size(candidate)[0] <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and face.size(last + "…")[0] > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def draw_text(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    face: pygame.font.Font,
    color: Color,
    width: int = 0,
    max_lines: int = 0,
    line_gap: int = 2,
    align: str = "left",
) -> int:
    """Draw (wrapped if ``width``) text at ``pos``; returns the y just below it."""
    x, y = pos
    lines = wrap(text, width, face, max_lines) if width else (text.splitlines() or [""])
    for line in lines:
        image = face.render(line, True, color)
        dx = {"left": 0, "center": -image.get_width() // 2, "right": -image.get_width()}[align]
        surface.blit(image, (x + dx, y))
        y += face.get_linesize() + line_gap
    return y


def card(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fill: Color,
    border: Color | None = None,
    radius: int = 14,
    shadow: bool = True,
) -> None:
    """A rounded panel with a soft drop shadow: the building block of every screen."""
    if shadow:
        ghost = pygame.Surface((rect.w + 8, rect.h + 8), pygame.SRCALPHA)
        pygame.draw.rect(
            ghost,
            (43, 37, 64, 22),
            ghost.get_rect().inflate(-4, -2).move(0, 3),
            border_radius=radius + 2,
        )
        surface.blit(ghost, (rect.x - 4, rect.y - 2))
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border:
        pygame.draw.rect(surface, border, rect, width=2, border_radius=radius)


def pill(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    fill: Color,
    color: Color,
    size: int = 14,
    bold: bool = True,
    align: str = "left",
) -> pygame.Rect:
    """A rounded tag ("Nouveau", "À revoir", a status); returns its rect."""
    face = font(size, bold)
    image = face.render(text, True, color)
    rect = pygame.Rect(0, 0, image.get_width() + 18, image.get_height() + 4)
    if align == "right":
        rect.topright = pos
    else:
        rect.topleft = pos
    pygame.draw.rect(surface, fill, rect, border_radius=rect.h // 2)
    surface.blit(image, image.get_rect(center=rect.center))
    return rect
