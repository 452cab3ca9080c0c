"""The skill map's look: pygame_gui theme built from the game's palette, fonts, text drawing.

The theme is generated from ``shared/look/palette.json`` rather than kept as a second JSON
file, so the counsellor's tool and the game can never drift apart in colour.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui

from shared import look
from shared.look.text import wrap_text

CANVAS = (1280, 720)
FONT_NAME = "andika"

Color = tuple[int, int, int]


def contrast(color: Color, background: Color) -> float:
    """WCAG contrast ratio of two RGB colours (1 to 21)."""
    return look.contrast_ratio(_hex(color[:3]), _hex(background[:3]))


def minimum_contrast(high_contrast: bool = False) -> float:
    """What text needs against its background: 4.5:1, or 7:1 in high contrast."""
    return 7.0 if high_contrast else 4.5


def readable(color: Color, background: Color, minimum: float) -> Color:
    """``color`` darkened (or lightened, on a dark background) until it reads on ``background``."""
    towards_white = contrast((255, 255, 255), background) > contrast((0, 0, 0), background)
    step = 0
    found = tuple(color[:3])
    while contrast(found, background) < minimum and step < 40:  # type: ignore[arg-type]
        step += 1
        found = shade(color, 1 + step / 40) if towards_white else shade(color, 1 - step / 40)
    return found  # type: ignore[return-value]


# Colours the palette does not name, per theme: (default, high contrast). High contrast is
# black panels with white or yellow marks; nothing may be white on white there.
DERIVED = {
    "field": ("white", "panel"),  # text fields and drop-downs
    "hub": ("white", "panel"),  # the centre of the map
    "badge": ("ink", "accent"),  # the count of experiences on the map
    "badge_text": ("white", "accent_text"),
    "success_text": ("white", "accent_text"),  # on a success fill
    "topbar_subtitle": ("background_warm", "panel_dark_text"),
    "topbar_who": ("background_sky", "panel_dark_text"),
}


@functools.cache
def colors(high_contrast: bool = False) -> dict[str, Color]:
    """The palette as RGB tuples, the derived colours above, and the competency colours keyed
    by competency id."""
    named = {k: look.hex_to_rgb(v) for k, v in look.palette(high_contrast).items()}
    for key, (default, high) in DERIVED.items():
        named[key] = named[high if high_contrast else default]
    named["field_border"] = shade(named["panel_border"], 0.8)
    named["danger_light"] = (0, 0, 0) if high_contrast else (255, 230, 220)
    named.update({k: look.hex_to_rgb(v) for k, v in look.competency_colors().items()})
    return named


def competency_ink(c: dict[str, Color], competency: str, background: Color, high: bool) -> Color:
    """A competency's colour made readable as text on ``background`` (level words)."""
    return readable(c[competency], background, minimum_contrast(high) + 0.3)


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
        "regular_path": str(look.font_path()),
        "bold_path": str(look.font_path(bold=True)),
    }


def _button_colors(
    bg: Color, text: Color, border: Color, high_contrast: bool = False
) -> dict[str, str]:
    if high_contrast:  # a disabled button stays black, its words grey but readable (7:1)
        disabled = {"disabled_bg": "#000000", "disabled_text": "#B8B8B8"}
        disabled["disabled_border"] = "#6E6E6E"
    else:
        disabled = {
            "disabled_bg": _hex(shade(bg, 1.55)),
            "disabled_text": _hex(
                readable(shade(text, 1.3), shade(bg, 1.55), 4.6)
                if text != (255, 255, 255)
                else (255, 255, 255)
            ),
            "disabled_border": _hex(shade(border, 1.4)),
        }
    return {
        "normal_bg": _hex(bg),
        "hovered_bg": _hex(shade(bg, 0.88) if bg != (255, 255, 255) else shade(bg, 0.95)),
        "active_bg": _hex(shade(bg, 0.75)),
        "selected_bg": _hex(shade(bg, 0.75)),
        "normal_text": _hex(text),
        "hovered_text": _hex(text),
        "active_text": _hex(text),
        "selected_text": _hex(text),
        "normal_border": _hex(border),
        "hovered_border": _hex(border),
        "active_border": _hex(border),
        "selected_border": _hex(border),
        **disabled,
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

    def buttons(bg: Color, text: Color, border: Color) -> dict[str, str]:
        return _button_colors(bg, text, border, high_contrast)

    ink, panel, border = c["panel_text"], c["panel"], c["panel_border"]
    secondary = buttons(panel, ink, shade(border, 0.8))
    field = {
        "dark_bg": _hex(c["field"]),
        "normal_text": _hex(ink),
        "selected_text": _hex(ink),
        "text_cursor": _hex(ink),
        "selected_bg": _hex(c["info_light"]),
        "normal_border": _hex(c["field_border"]),
        "focused_border": _hex(c["focus"]),
        "disabled_dark_bg": _hex(c["background"]),
    }
    return {
        "defaults": {
            "colours": {
                "dark_bg": _hex(panel),
                "normal_text": _hex(ink),
                "normal_border": _hex(border),
                **buttons(panel, ink, border),
            },
            "font": _font(17),
        },
        "button": {"colours": secondary, "font": _font(16), "misc": _rounded(8, 2)},
        "@primary": {
            "colours": buttons(c["button"], c["button_text"], c["button"]),
            "font": _font(17, bold=True),
            "misc": _rounded(10),
        },
        "@secondary": {"colours": secondary, "font": _font(16, bold=True), "misc": _rounded(10, 2)},
        "@chip": {"colours": secondary, "font": _font(15), "misc": _rounded(16, 2)},
        "@chip_on": {
            "colours": buttons(c["info_light"], ink, c["focus"]),
            "font": _font(15, bold=True),
            "misc": _rounded(16, 2),
        },
        "@danger": {
            "colours": buttons(panel, c["accent_dark"], c["accent_dark"]),
            "font": _font(16, bold=True),
            "misc": _rounded(10, 2),
        },
        "@success": {
            "colours": buttons(c["success"], c["success_text"], c["success"]),
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
            "colours": buttons(
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
            "colours": {**secondary, "dark_bg": _hex(c["field"])},
            "font": _font(16),
            "misc": {**_rounded(8, 2), "expand_direction": "down"},
        },
        "check_box": {
            "colours": {
                **secondary,
                "normal_bg": _hex(c["field"]),
                "selected_bg": _hex(c["success"]),
                "selected_text": _hex(c["success_text"]),
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
            "colours": {"dark_bg": _hex(c["background"]), **buttons(border, ink, border)}
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
    return pygame.font.Font(str(look.font_path(bold=bold)), size)


def wrap(text: str, width: int, face: pygame.font.Font, max_lines: int = 0) -> list[str]:
    """Split ``text`` into lines that fit ``width``; an ellipsis ends a truncated last line
    (the rules, French punctuation included, are ``shared.look.text``'s, the game's too)."""
    return wrap_text(text, width, lambda part: face.size(part)[0], max_lines)


@dataclass
class Drawn:
    """One text drawn by hand, in canvas coordinates; ``box`` is where it must stay."""

    text: str
    rect: pygame.Rect
    color: Color
    box: pygame.Rect | None = None


class TextLog:
    """While ``items`` is a list, every text drawn by hand is added to it (tests read it to
    check contrast and overflow). Texts drawn on a subsurface of the canvas are placed."""

    items: list[Drawn] | None = None


def blit_text(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    face: pygame.font.Font,
    color: Color,
    align: str = "left",
    box: pygame.Rect | None = None,
) -> pygame.Rect:
    """Draw one line with its top at ``pos`` (left, centre or right aligned); returns its rect."""
    image = face.render(text, True, color)
    rect = image.get_rect(top=pos[1])
    setattr(rect, {"left": "left", "center": "centerx", "right": "right"}[align], pos[0])
    surface.blit(image, rect)
    if TextLog.items is not None and text.strip():
        offset = surface.get_abs_offset()
        placed = box.move(offset) if box is not None else None
        TextLog.items.append(Drawn(text, rect.move(offset), (color[0], color[1], color[2]), placed))
    return rect


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
    box: pygame.Rect | None = None,
) -> int:
    """Draw (wrapped if ``width``) text at ``pos``; returns the y just below it."""
    x, y = pos
    lines = wrap(text, width, face, max_lines) if width else (text.splitlines() or [""])
    for line in lines:
        blit_text(surface, line, (x, y), face, color, align, box)
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
    width, height = face.size(text)
    rect = pygame.Rect(0, 0, width + 18, height + 4)
    if align == "right":
        rect.topright = pos
    else:
        rect.topleft = pos
    pygame.draw.rect(surface, fill, rect, border_radius=rect.h // 2)
    blit_text(surface, text, (rect.centerx, rect.y + 2), face, color, "center", rect)
    return rect
