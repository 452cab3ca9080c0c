"""Colour arithmetic on hex strings: parsing, WCAG contrast, shades and mixes."""

import re

INK = "#2B2540"  # the outline colour of every drawing


def hex_to_rgb(hex_color: str) -> tuple[int, int, int]:
    """ "#RRGGBB" (or "RRGGBB", or "#RGB") as an (r, g, b) tuple of 0-255 ints."""
    value = hex_color.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        raise ValueError(f"not a hex colour: {hex_color!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def relative_luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in hex_to_rgb(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(hex1: str, hex2: str) -> float:
    """WCAG contrast ratio between two colours, 1 to 21; text needs 4.5 (or 7 for AAA)."""
    high, low = sorted((relative_luminance(hex1), relative_luminance(hex2)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def shade(hex_color: str, factor: float) -> str:
    """Darker (factor < 1) or lighter (factor > 1, towards white) version of a colour."""
    r, g, b = hex_to_rgb(hex_color)
    if factor <= 1:
        return rgb_to_hex((round(r * factor), round(g * factor), round(b * factor)))
    t = min(1.0, factor - 1)
    return rgb_to_hex(
        (round(r + (255 - r) * t), round(g + (255 - g) * t), round(b + (255 - b) * t))
    )


def mix(a: str, b: str, t: float) -> str:
    """Colour ``a`` moved a fraction ``t`` towards colour ``b``."""
    ca, cb = hex_to_rgb(a), hex_to_rgb(b)
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb, strict=True))
