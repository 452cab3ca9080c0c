"""The parts of a portrait below the hair: palettes, proportions, body, clothes and face.

Each function returns one SVG layer for a ``Look`` (the avatar's colours and proportions worked
out once), in the 400x500 viewBox of ``shared.look.avatar``, which stacks the layers with the
hair and headwear. Kept apart so the assembly stays short and each part can be read on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.look.colors import INK, mix
from shared.player import Avatar

EXPRESSIONS = ("neutral", "happy", "worried")
VIEWBOX = (400, 500)

# Real skin tones, lightest to darkest (0-5): the only skin palette (portraits, silhouettes).
SKIN = ("#F6D9C2", "#EEC09A", "#D49C70", "#B07A4F", "#87553A", "#5A3826")
HAIR = {
    "black": "#2A2026",
    "brown": "#5A3A24",
    "auburn": "#8A3E24",
    "blond": "#E0B462",
    "red": "#C4521F",
    "grey": "#A3A2A8",
    "white": "#ECEAE6",
}
CLOTHES = {
    "red": "#E5484D",
    "orange": "#F07C24",
    "yellow": "#F2B705",
    "green": "#5FA83A",
    "teal": "#12A594",
    "blue": "#3E7BFA",
    "navy": "#2E3A6B",
    "purple": "#8E4EC6",
    "pink": "#E5589A",
    "grey": "#8E9AAF",
    "white": "#F4F1EC",
}
MIN_HAIR_DISTANCE = 70
DARK_HAIR = ("black", "brown", "auburn", "red")


def dark(color: str, t: float = 0.22) -> str:
    return mix(color, "#2B1A14", t)


@dataclass(frozen=True)
class Look:
    """Colours and proportions derived once from the avatar, shared by every layer."""

    avatar: Avatar
    expression: str
    skin: str
    skin_shade: str
    hair: str
    clothes: str
    face_rx: float
    face_ry: float
    face_cy: float
    eye_r: float
    shoulders: float

    @property
    def top(self) -> float:
        """Top of the skull."""
        return self.face_cy - self.face_ry - 8


def distance(a: str, b: str) -> float:
    """How far apart two colours look, roughly (RGB distance, 0 to 441)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return sum((x - y) ** 2 for x, y in zip(ca, cb, strict=True)) ** 0.5


def hair_apart_from(hair: str, skin: str) -> str:
    """Hair darkened until it stands apart from the skin.

    Brown hair on the darkest skin is the same colour (#5A3A24 / #5A3826): drawn as chosen,
    short hair reads as a bald head. Real hair is darker than such skin, so deepen it.
    """
    for _ in range(4):
        if distance(hair, skin) >= MIN_HAIR_DISTANCE:
            break
        hair = mix(hair, "#140C0A", 0.3)
    return hair


def make_look(avatar: Avatar, expression: str) -> Look:
    skin = SKIN[avatar.skin]
    hair = HAIR[avatar.hair_color]
    if avatar.age == "senior" and avatar.hair_color not in ("grey", "white"):
        hair = mix(hair, "#B8B8BE", 0.6)
    if avatar.hair_color in DARK_HAIR:
        hair = hair_apart_from(hair, skin)  # light hair differs by hue; the outline does the rest
    face = {
        "child": (80, 82, 218, 1.2, 0.8),
        "young": (76, 92, 204, 1.0, 1.0),
        "adult": (78, 96, 202, 0.95, 1.05),
        "senior": (78, 96, 204, 0.9, 1.0),
    }[avatar.age]
    rx, ry, cy, eye, shoulders = face
    return Look(
        avatar, expression, skin, dark(skin), hair, CLOTHES[avatar.clothes_color],
        rx, ry, cy, eye, shoulders,
    )  # fmt: skip


# --- body and clothes ------------------------------------------------------------------------


def _torso_path(look: Look) -> str:
    w = 150 * look.shoulders
    top = look.face_cy + look.face_ry + 34
    return (
        f"M{200 - w - 20:.0f} 500 C{200 - w - 16:.0f} {top + 60:.0f} {200 - w + 30:.0f} {top:.0f} "
        f"200 {top - 6:.0f} C{200 + w - 30:.0f} {top:.0f} {200 + w + 16:.0f} {top + 60:.0f} "
        f"{200 + w + 20:.0f} 500 Z"
    )


def body(look: Look) -> str:
    kind, c = look.avatar.clothes, look.clothes
    shade, light = dark(c, 0.25), mix(c, "#FFFFFF", 0.35)
    neck_y = look.face_cy + look.face_ry + 26
    torso = f'<path d="{_torso_path(look)}" fill="{c}" stroke="{shade}" stroke-width="4"/>'
    under = mix(c, "#FFFFFF", 0.8) if kind != "apron" else "#F4F1EC"
    parts = {
        "hoodie": (
            f'<path d="M138 {neck_y + 4} C140 {neck_y + 60} 260 {neck_y + 60} 262 {neck_y + 4} '
            f'C250 {neck_y + 40} 150 {neck_y + 40} 138 {neck_y + 4} Z" fill="{shade}"/>'
            f'<path d="M186 {neck_y + 44} V{neck_y + 100} M214 {neck_y + 44} V{neck_y + 96}" '
            f'stroke="{light}" stroke-width="6" stroke-linecap="round"/>'
            f'<path d="M140 470 C150 430 250 430 260 470 Z" fill="{shade}" opacity="0.5"/>'
        ),
        "tshirt": (
            f'<path d="M160 {neck_y + 4} C170 {neck_y + 40} 230 {neck_y + 40} 240 {neck_y + 4}" '
            f'fill="none" stroke="{shade}" stroke-width="8"/>'
            f'<path d="M106 {neck_y + 70} L122 470 M294 {neck_y + 70} L278 470" '
            f'stroke="{shade}" stroke-width="3" opacity="0.5"/>'
        ),
        "jacket": (
            f'<path d="M168 {neck_y} L200 {neck_y + 120} L232 {neck_y} Z" fill="{under}"/>'
            f'<path d="M168 {neck_y} L150 {neck_y + 40} L190 {neck_y + 110} M232 {neck_y} '
            f'L250 {neck_y + 40} L210 {neck_y + 110}" fill="none" stroke="{shade}" '
            f'stroke-width="6" stroke-linejoin="round"/>'
            f'<path d="M200 {neck_y + 120} V500" stroke="{shade}" stroke-width="5"/>'
        ),
        "shirt": (
            f'<path d="M170 {neck_y - 2} L200 {neck_y + 30} L230 {neck_y - 2} L238 {neck_y + 30} '
            f'L200 {neck_y + 40} L162 {neck_y + 30} Z" fill="{light}" stroke="{shade}" '
            f'stroke-width="3" stroke-linejoin="round"/>'
            + "".join(
                f'<circle cx="200" cy="{neck_y + 60 + i * 34}" r="4.5" fill="{shade}"/>'
                for i in range(4)
            )
        ),
        "sweater": (
            f'<path d="M164 {neck_y + 2} C172 {neck_y + 34} 228 {neck_y + 34} 236 {neck_y + 2}" '
            f'fill="none" stroke="{shade}" stroke-width="12"/>'
            f'<path d="M120 480 H280" stroke="{shade}" stroke-width="10" opacity="0.5"/>'
            f'<path d="M150 {neck_y + 80} l10 14 l10 -14 M190 {neck_y + 80} l10 14 l10 -14 '
            f'M230 {neck_y + 80} l10 14 l10 -14" fill="none" stroke="{light}" stroke-width="4"/>'
        ),
        "apron": (
            f'<path d="M164 {neck_y + 2} C172 {neck_y + 30} 228 {neck_y + 30} 236 {neck_y + 2}" '
            f'fill="none" stroke="#C9C4BC" stroke-width="7"/>'
            f'<path d="M150 {neck_y + 50} H250 L262 500 H138 Z" fill="{c}" stroke="{shade}" '
            f'stroke-width="4" stroke-linejoin="round"/>'
            f'<path d="M152 {neck_y + 52} L168 {neck_y} M248 {neck_y + 52} L232 {neck_y}" '
            f'stroke="{shade}" stroke-width="7" stroke-linecap="round"/>'
            f'<rect x="172" y="{neck_y + 96}" width="56" height="40" rx="6" fill="{shade}" '
            f'opacity="0.45"/>'
        ),
        "jersey": (
            f'<path d="M172 {neck_y} L200 {neck_y + 40} L228 {neck_y}" fill="none" '
            f'stroke="#FFFFFF" stroke-width="9" stroke-linejoin="round"/>'
            f'<path d="M96 {neck_y + 60} C110 {neck_y + 30} 130 {neck_y + 20} 150 {neck_y + 16} '
            f'M304 {neck_y + 60} C290 {neck_y + 30} 270 {neck_y + 20} 250 {neck_y + 16}" '
            f'fill="none" stroke="#FFFFFF" stroke-width="10" stroke-linecap="round"/>'
            f'<rect x="180" y="{neck_y + 70}" width="40" height="46" rx="8" fill="#FFFFFF" '
            f'opacity="0.85"/><circle cx="200" cy="{neck_y + 93}" r="11" fill="{c}"/>'
        ),
        "cardigan": (
            f'<path d="M176 {neck_y} L200 {neck_y + 110} L224 {neck_y} Z" fill="{under}"/>'
            f'<path d="M176 {neck_y} L200 {neck_y + 110} L224 {neck_y} M200 {neck_y + 110} V500" '
            f'fill="none" stroke="{shade}" stroke-width="6" stroke-linejoin="round"/>'
            + "".join(
                f'<circle cx="212" cy="{neck_y + 130 + i * 30}" r="5" fill="{light}"/>'
                for i in range(3)
            )
        ),
    }
    if kind in ("jacket", "cardigan", "apron"):
        inner = "#F4F1EC" if kind == "apron" else under
        base = (
            f'<path d="{_torso_path(look)}" fill="{inner}" stroke="#C9C4BC" stroke-width="4"/>'
            if kind == "apron"
            else torso
        )
        return base + parts[kind]
    if kind == "hoodie":
        hood = (
            f'<path d="M124 {neck_y + 10} C120 {neck_y - 40} 280 {neck_y - 40} 276 {neck_y + 10} '
            f'Z" fill="{shade}"/>'
        )
        return hood + torso + parts[kind]
    return torso + parts[kind]


def neck(look: Look) -> str:
    y = look.face_cy + look.face_ry - 30
    h = 64 if look.avatar.age != "child" else 50
    w = 30 if look.avatar.age != "child" else 24
    return (
        f'<rect x="{200 - w}" y="{y:.0f}" width="{2 * w}" height="{h}" rx="14" fill="{look.skin}"/>'
        f'<path d="M{200 - w} {y + 22:.0f} C190 {y + 46:.0f} 210 {y + 46:.0f} '
        f"{200 + w} {y + 22:.0f} "
        f'V{y + 8:.0f} H{200 - w} Z" fill="{look.skin_shade}" opacity="0.55"/>'
    )


# --- head -----------------------------------------------------------------------------------


def ears(look: Look) -> str:
    if look.avatar.hair == "headscarf":
        return ""
    y = look.face_cy + 8
    dx = look.face_rx + 2
    out = ""
    for x in (200 - dx, 200 + dx):
        out += (
            f'<ellipse cx="{x:.0f}" cy="{y:.0f}" rx="14" ry="22" fill="{look.skin}" '
            f'stroke="{look.skin_shade}" stroke-width="3"/>'
            f'<ellipse cx="{x:.0f}" cy="{y:.0f}" rx="6" ry="11" fill="{look.skin_shade}" '
            f'opacity="0.5"/>'
        )
        if look.avatar.accessory == "earrings":
            out += f'<circle cx="{x:.0f}" cy="{y + 26:.0f}" r="6" fill="#F2B705" stroke="#B07F00"/>'
    return out


def face(look: Look) -> str:
    cy, rx, ry = look.face_cy, look.face_rx, look.face_ry
    jaw = ry * (0.86 if look.avatar.age == "child" else 1.0)
    d = (
        f"M{200 - rx} {cy - 10} C{200 - rx} {cy - ry - 6} {200 + rx} {cy - ry - 6} {200 + rx} "
        f"{cy - 10} C{200 + rx} {cy + jaw * 0.6} {200 + rx * 0.5} {cy + jaw} 200 {cy + jaw} "
        f"C{200 - rx * 0.5} {cy + jaw} {200 - rx} {cy + jaw * 0.6} {200 - rx} {cy - 10} Z"
    )
    blush = 0.35 if look.expression == "happy" else 0.18
    out = f'<path d="{d}" fill="{look.skin}" stroke="{look.skin_shade}" stroke-width="3"/>'
    for x in (200 - rx * 0.58, 200 + rx * 0.58):
        out += (
            f'<ellipse cx="{x:.0f}" cy="{cy + 36:.0f}" rx="16" ry="10" fill="#F0607A" '
            f'opacity="{blush}"/>'
        )
    if look.avatar.age == "senior":
        out += _wrinkles(look)
    return out


def _wrinkles(look: Look) -> str:
    cy, line = look.face_cy, f'stroke="{look.skin_shade}" stroke-width="3" fill="none"'
    return (
        f'<path d="M170 {cy - 58} Q200 {cy - 64} 230 {cy - 58} M178 {cy - 46} Q200 {cy - 51} '
        f'222 {cy - 46}" {line} stroke-linecap="round" opacity="0.7"/>'
        f'<path d="M138 {cy + 4} l-10 -4 M138 {cy + 12} l-10 4 M262 {cy + 4} l10 -4 '
        f'M262 {cy + 12} l10 4" {line} stroke-linecap="round" opacity="0.7"/>'
        f'<path d="M172 {cy + 44} Q166 {cy + 60} 174 {cy + 72} M228 {cy + 44} Q234 {cy + 60} '
        f'226 {cy + 72}" {line} stroke-linecap="round" opacity="0.6"/>'
    )


def eyes(look: Look) -> str:
    cy, r = look.face_cy + 4, look.eye_r
    out = ""
    for x in (168, 232):
        out += (
            f'<ellipse cx="{x}" cy="{cy}" rx="{13 * r:.1f}" ry="{14 * r:.1f}" fill="#FFFFFF"/>'
            f'<circle cx="{x + 1}" cy="{cy + 1}" r="{9 * r:.1f}" fill="#3B2A20"/>'
            f'<circle cx="{x + 4}" cy="{cy - 3}" r="{3.2 * r:.1f}" fill="#FFFFFF"/>'
            f'<path d="M{x - 14 * r:.1f} {cy - 2} C{x - 10 * r:.1f} {cy - 17 * r:.1f} '
            f'{x + 10 * r:.1f} {cy - 17 * r:.1f} {x + 14 * r:.1f} {cy - 2}" fill="none" '
            f'stroke="{INK}" stroke-width="4" stroke-linecap="round"/>'
        )
        if look.expression == "happy":
            out += (
                f'<path d="M{x - 13 * r:.1f} {cy + 12 * r:.1f} Q{x} {cy + 4} {x + 13 * r:.1f} '
                f'{cy + 12 * r:.1f}" fill="none" stroke="{look.skin_shade}" stroke-width="3" '
                f'stroke-linecap="round"/>'
            )
    return out


def brows(look: Look) -> str:
    y = look.face_cy - 24 - (6 if look.expression == "happy" else 0)
    color = dark(look.hair, 0.3) if look.avatar.hair != "bald" else dark(look.skin, 0.45)
    if look.expression == "worried":
        d = f"M150 {y + 6} Q164 {y + 4} 184 {y - 8} M250 {y + 6} Q236 {y + 4} 216 {y - 8}"
    else:
        d = f"M150 {y + 4} Q166 {y - 8} 184 {y} M216 {y} Q234 {y - 8} 250 {y + 4}"
    return f'<path d="{d}" fill="none" stroke="{color}" stroke-width="7" stroke-linecap="round"/>'


def nose(look: Look) -> str:
    y = look.face_cy + 22
    return (
        f'<path d="M198 {y} C192 {y + 16} 192 {y + 24} 204 {y + 25}" fill="none" '
        f'stroke="{look.skin_shade}" stroke-width="4" stroke-linecap="round"/>'
    )


def mouth(look: Look) -> str:
    y = look.face_cy + 60
    lips = mix(dark(look.skin, 0.35), "#B2404F", 0.35)
    if look.expression == "happy":
        return (
            f'<path d="M172 {y - 6} Q200 {y + 32} 228 {y - 6} Z" fill="#6E2430" stroke="{lips}" '
            f'stroke-width="3" stroke-linejoin="round"/>'
            f'<path d="M178 {y - 4} Q200 {y + 4} 222 {y - 4} Q200 {y + 10} 178 {y - 4} Z" '
            f'fill="#FFFFFF"/>'
            f'<path d="M188 {y + 14} Q200 {y + 8} 212 {y + 14} Q200 {y + 20} 188 {y + 14} Z" '
            f'fill="#E56B7A"/>'
        )
    if look.expression == "worried":
        return (
            f'<path d="M180 {y + 8} Q190 {y - 2} 200 {y + 4} Q210 {y + 10} 220 {y}" fill="none" '
            f'stroke="{lips}" stroke-width="5" stroke-linecap="round"/>'
            f'<path d="M276 {look.face_cy - 40} C270 {look.face_cy - 28} 272 {look.face_cy - 20} '
            f"280 {look.face_cy - 20} C288 {look.face_cy - 20} 288 {look.face_cy - 30} 276 "
            f'{look.face_cy - 40} Z" fill="#8FD3F0" stroke="#3E7BFA" stroke-width="2"/>'
        )
    return (
        f'<path d="M180 {y} Q200 {y + 12} 220 {y}" fill="none" stroke="{lips}" stroke-width="5" '
        f'stroke-linecap="round"/>'
    )


def facial_hair(look: Look) -> str:
    kind = look.avatar.facial_hair
    if kind == "none" or look.avatar.age == "child":
        return ""
    cy, rx, ry, c = look.face_cy, look.face_rx, look.face_ry, look.hair
    beard = (
        f"M{200 - rx + 2} {cy + 4} C{200 - rx + 4} {cy + ry * 0.9} {200 - 30} {cy + ry + 10} 200 "
        f"{cy + ry + 12} C230 {cy + ry + 10} {200 + rx - 4} {cy + ry * 0.9} {200 + rx - 2} "
        f"{cy + 4} C{200 + rx - 10} {cy + 50} 240 {cy + 56} 226 {cy + 50} C214 {cy + 44} 186 "
        f"{cy + 44} 174 {cy + 50} C160 {cy + 56} {200 - rx + 10} {cy + 50} {200 - rx + 2} "
        f"{cy + 4} Z"
    )
    moustache = (
        f"M170 {cy + 58} C180 {cy + 40} 194 {cy + 44} 200 {cy + 50} C206 {cy + 44} 220 "
        f"{cy + 40} 230 {cy + 58} C216 {cy + 54} 208 {cy + 52} 200 {cy + 54} C192 {cy + 52} "
        f"184 {cy + 54} 170 {cy + 58} Z"
    )
    if kind == "stubble":
        return f'<path d="{beard}" fill="{c}" opacity="0.28"/>'
    if kind == "moustache":
        return f'<path d="{moustache}" fill="{c}"/>'
    return f'<path d="{beard}" fill="{c}"/><path d="{moustache}" fill="{c}"/>'
