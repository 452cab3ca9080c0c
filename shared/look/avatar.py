"""Half-body portraits assembled from parts: the player's avatar and every character's face.

A portrait is SVG text built from layers (hair behind, shoulders and clothes, neck, ears, face,
eyes, brows, nose, mouth, facial hair, hair in front, accessory), so any combination of the
``Avatar`` model draws, the avatar creator needs no image files, and the dialogue can show a
neutral, happy or worried face. The viewBox is 400x500 with a transparent background.

The body and face parts live in ``shared.look.avatar_parts``; this module draws what frames the
face (hair behind and in front, headwear) and stacks the layers. Rasterising is the caller's job
(``game.avatar.render_avatar`` with pygame, ``shared.look.png`` with cairosvg).
"""

from __future__ import annotations

import math

from shared.look.avatar_parts import (
    CLOTHES,
    EXPRESSIONS,
    HAIR,
    INK,
    SKIN,
    VIEWBOX,
    Look,
    body,
    brows,
    dark,
    ears,
    eyes,
    face,
    facial_hair,
    make_look,
    mix,
    mouth,
    neck,
    nose,
)
from shared.player import Avatar

__all__ = ["CLOTHES", "EXPRESSIONS", "HAIR", "SKIN", "VIEWBOX", "avatar_svg"]


# --- hair -----------------------------------------------------------------------------------


def _scarf(look: Look) -> str:
    """A headscarf in a lighter tint of the clothes: matching, yet apart from them."""
    return mix(look.clothes, "#FFFFFF", 0.4) if look.avatar.clothes_color != "white" else "#8E9AAF"


def _hair_back(look: Look) -> str:
    kind, c, top, cy = look.avatar.hair, look.hair, look.top, look.face_cy
    shade = dark(c, 0.2)
    if kind == "long":
        return (
            f'<path d="M106 {cy} C96 {top + 10} 150 {top - 10} 200 {top - 10} C250 {top - 10} '
            f"304 {top + 10} 294 {cy} L306 {cy + 170} C280 {cy + 184} 250 {cy + 170} 240 "
            f'{cy + 150} L160 {cy + 150} C150 {cy + 170} 120 {cy + 184} 94 {cy + 170} Z" '
            f'fill="{shade}"/>'
        )
    if kind == "afro":
        bumps = "".join(
            f'<circle cx="{200 + 118 * _cos(a):.0f}" cy="{cy - 24 + 108 * _sin(a):.0f}" r="34" '
            f'fill="{c}"/>'
            for a in range(0, 360, 30)
        )
        return f'<circle cx="200" cy="{cy - 24}" r="122" fill="{c}"/>{bumps}'
    if kind == "curly":
        return "".join(
            f'<circle cx="{200 + 92 * _cos(a):.0f}" cy="{cy - 14 + 92 * _sin(a):.0f}" r="26" '
            f'fill="{shade}"/>'
            for a in range(150, 400, 22)
        )
    if kind == "braids":
        out = ""
        for x in (112, 132, 268, 288):
            out += (
                f'<rect x="{x - 9}" y="{cy - 40}" width="18" height="190" rx="9" fill="{shade}"/>'
            )
            out += "".join(
                f'<ellipse cx="{x}" cy="{y}" rx="10" ry="8" fill="{c}"/>'
                for y in range(int(cy - 30), int(cy + 150), 16)
            )
        return out
    if kind == "bun":
        return (
            f'<circle cx="200" cy="{top - 14}" r="36" fill="{c}"/>'
            f'<path d="M176 {top - 22} Q200 {top - 40} 224 {top - 22}" fill="none" '
            f'stroke="{shade}" stroke-width="4" stroke-linecap="round"/>'
        )
    if kind == "headscarf":
        return (
            f'<path d="M200 {top - 12} C112 {top - 12} 92 {top + 70} 98 {cy + 40} C102 {cy + 100} '
            f"118 {cy + 130} 100 {cy + 170} L300 {cy + 170} C282 {cy + 130} 298 {cy + 100} 302 "
            f'{cy + 40} C308 {top + 70} 288 {top - 12} 200 {top - 12} Z" fill="{_scarf(look)}"/>'
        )
    return ""


def _short(look: Look) -> str:
    """Short hair with volume: a cap that rises above the skull in three soft tufts, a fringe
    that makes a clear hairline, sideburns, an outline and light strands, so it never reads
    as a bald head on dark skin with dark hair."""
    c, top, cy, rx = look.hair, look.top, look.face_cy, look.face_rx
    left, right = 200 - rx - 8, 200 + rx + 8
    cap = (
        f"M{left + 2} {cy + 2} C{left - 12} {top + 30} {left + 6} {top - 4} 150 {top - 12} "
        f"Q164 {top - 30} 186 {top - 20} Q204 {top - 36} 222 {top - 20} Q244 {top - 32} 254 "
        f"{top - 10} C{right - 6} {top} {right + 12} {top + 30} {right - 2} {cy + 2} "
        f"L{right - 14} {cy - 6} L{right - 14} {cy - 30} "
        f"Q258 {cy - 40} 250 {cy - 58} Q240 {cy - 44} 226 {cy - 56} Q214 {cy - 42} 200 {cy - 56} "
        f"Q186 {cy - 42} 174 {cy - 56} Q160 {cy - 44} 150 {cy - 58} Q142 {cy - 40} "
        f"{left + 14} {cy - 30} L{left + 14} {cy - 6} Z"
    )
    edge = dark(c, 0.55)
    shine = mix(c, "#FFFFFF", 0.35)
    strands = "".join(
        f'<path d="M{x} {cy - 60} Q{x + bend} {top + 14} {x + 2 * bend} {top - 10}" fill="none" '
        f'stroke="{shine}" stroke-width="5" stroke-linecap="round" opacity="0.55"/>'
        for x, bend in ((168, -8), (198, 2), (230, 8))
    )
    return (
        f'<path d="{cap}" fill="{c}" stroke="{edge}" stroke-width="5" stroke-linejoin="round"/>'
        + strands
    )


def _hair_front(look: Look) -> str:
    kind, c, top, cy, rx = look.avatar.hair, look.hair, look.top, look.face_cy, look.face_rx
    shine = mix(c, "#FFFFFF", 0.3)
    left, right = 200 - rx - 6, 200 + rx + 6
    if kind == "short":
        return _short(look)
    if kind in ("long", "bun"):
        return (
            f'<path d="M{left - 2} {cy + 30} C{left - 8} {top + 20} 150 {top - 8} 200 {top - 8} '
            f"C250 {top - 8} {right + 8} {top + 20} {right + 2} {cy + 30} C{right - 6} {cy - 30} "
            f"250 {cy - 66} 200 {cy - 70} C150 {cy - 66} {left + 6} {cy - 30} {left - 2} "
            f'{cy + 30} Z" fill="{c}"/>'
            f'<path d="M160 {top + 14} Q180 {top + 2} 196 {top + 2}" fill="none" '
            f'stroke="{shine}" stroke-width="6" stroke-linecap="round" opacity="0.6"/>'
        )
    if kind == "curly":
        return "".join(
            f'<circle cx="{200 + (rx + 4) * _cos(a):.0f}" cy="{cy - 16 + (rx + 14) * _sin(a):.0f}" '
            f'r="{22 if i % 2 else 26}" fill="{c}"/>'
            for i, a in enumerate(range(180, 361, 20))
        )
    if kind == "afro":
        return (
            f'<path d="M{left} {cy} C{left} {cy - 70} 160 {cy - 66} 200 {cy - 62} C240 {cy - 66} '
            f"{right} {cy - 70} {right} {cy} C{right + 20} {cy - 120} {left - 20} {cy - 120} "
            f'{left} {cy} Z" fill="{c}"/>'
        )
    if kind == "braids":
        lines = "".join(
            f'<path d="M{200 + dx} {cy - 58} Q{200 + dx * 1.3:.0f} {top + 10} {200 + dx * 0.6:.0f} '
            f'{top - 4}" fill="none" stroke="{dark(c, 0.35)}" stroke-width="4"/>'
            for dx in (-48, -24, 0, 24, 48)
        )
        return (
            f'<path d="M{left} {cy} C{left - 6} {top + 20} 150 {top - 8} 200 {top - 8} C250 '
            f"{top - 8} {right + 6} {top + 20} {right} {cy} C{right - 10} {cy - 50} 240 {cy - 60} "
            f'200 {cy - 62} C160 {cy - 60} {left + 10} {cy - 50} {left} {cy} Z" fill="{c}"/>{lines}'
        )
    if kind == "shaved":
        return (
            f'<path d="M{left + 4} {cy - 4} C{left} {top + 20} 150 {top - 2} 200 {top - 2} C250 '
            f"{top - 2} {right} {top + 20} {right - 4} {cy - 4} C{right - 14} {cy - 46} 240 "
            f'{cy - 56} 200 {cy - 56} C160 {cy - 56} {left + 14} {cy - 46} {left + 4} {cy - 4} Z" '
            f'fill="{c}" opacity="0.55"/>'
        )
    if kind == "headscarf":
        scarf = _scarf(look)
        fold = dark(scarf, 0.2)
        return (
            f'<path d="M{left - 2} {cy - 4} C{left} {top + 10} 150 {top - 10} 200 {top - 10} '
            f"C250 {top - 10} {right} {top + 10} {right + 2} {cy - 4} C{right - 12} {cy - 44} 246 "
            f'{cy - 62} 200 {cy - 62} C154 {cy - 62} {left + 12} {cy - 44} {left - 2} {cy - 4} Z" '
            f'fill="{scarf}" stroke="{fold}" stroke-width="3"/>'
            f'<path d="M{left + 2} {cy + 40} C{left + 10} {cy + 110} 170 {cy + 120} 200 '
            f"{cy + 122} C230 {cy + 120} {right - 10} {cy + 110} {right - 2} {cy + 40} "
            f"L{right + 20} "
            f'{cy + 150} C260 {cy + 180} 140 {cy + 180} {left - 20} {cy + 150} Z" '
            f'fill="{scarf}" stroke="{fold}" stroke-width="3"/>'
        )
    return ""  # bald


# --- accessories ----------------------------------------------------------------------------


def _accessory(look: Look) -> str:
    kind, cy, top = look.avatar.accessory, look.face_cy + 4, look.top
    if kind == "glasses":
        return (
            f'<rect x="140" y="{cy - 20}" width="56" height="42" rx="14" fill="#BFE6F5" '
            f'fill-opacity="0.25" stroke="{INK}" stroke-width="5"/>'
            f'<rect x="204" y="{cy - 20}" width="56" height="42" rx="14" fill="#BFE6F5" '
            f'fill-opacity="0.25" stroke="{INK}" stroke-width="5"/>'
            f'<path d="M196 {cy - 4} Q200 {cy - 9} 204 {cy - 4}" fill="none" stroke="{INK}" '
            f'stroke-width="5"/>'
        )
    if kind == "cap":
        color = "#E5484D" if look.avatar.clothes_color in ("navy", "blue") else "#2E3A6B"
        shade = dark(color, 0.3)
        return (
            f'<path d="M{200 - look.face_rx - 8} {cy - 44} C{200 - look.face_rx - 8} {top - 24} '
            f'{200 + look.face_rx + 8} {top - 24} {200 + look.face_rx + 8} {cy - 44} Z" '
            f'fill="{color}"/>'
            f'<path d="M200 {top - 14} V{cy - 46}" stroke="{shade}" stroke-width="3"/>'
            f'<circle cx="200" cy="{top - 12}" r="6" fill="{shade}"/>'
            f'<path d="M116 {cy - 46} C170 {cy - 60} 250 {cy - 62} 316 {cy - 40} C326 {cy - 32} '
            f'318 {cy - 24} 304 {cy - 26} C250 {cy - 40} 170 {cy - 40} 118 {cy - 34} Z" '
            f'fill="{shade}"/>'
        )
    if kind == "headphones":
        dx = look.face_rx + 10
        return (
            f'<path d="M{200 - dx} {cy} C{200 - dx} {top - 40} {200 + dx} {top - 40} {200 + dx} '
            f'{cy}" fill="none" stroke="{INK}" stroke-width="12" stroke-linecap="round"/>'
            f'<rect x="{200 - dx - 16}" y="{cy - 20}" width="30" height="52" rx="12" '
            f'fill="{look.clothes}" stroke="{INK}" stroke-width="5"/>'
            f'<rect x="{200 + dx - 14}" y="{cy - 20}" width="30" height="52" rx="12" '
            f'fill="{look.clothes}" stroke="{INK}" stroke-width="5"/>'
        )
    return ""  # none; earrings are drawn with the ears


def _cos(degrees: float) -> float:
    return math.cos(math.radians(degrees))


def _sin(degrees: float) -> float:
    return math.sin(math.radians(degrees))


# --- public API -----------------------------------------------------------------------------


def avatar_svg(avatar: Avatar, expression: str = "neutral") -> str:
    """The half-body portrait of ``avatar`` as SVG text (viewBox 0 0 400 500, no background).

    An unknown expression draws the neutral face rather than failing mid-dialogue.
    """
    look = make_look(avatar, expression if expression in EXPRESSIONS else "neutral")
    layers = (
        _hair_back(look),
        body(look),
        neck(look),
        ears(look),
        face(look),
        eyes(look),
        brows(look),
        nose(look),
        facial_hair(look),
        mouth(look),
        _hair_front(look),
        _accessory(look),
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 500" width="400" '
        'height="500">' + "".join(layers) + "</svg>"
    )
