"""shared.look draws without pygame: the issuer (no pygame, no display) makes badge PNGs from
the same SVG the game shows, and competency ids come from the framework only."""

import io
import subprocess
import sys

import pytest
from PIL import Image

from shared.framework import default_framework
from shared.look import avatar_svg, badge_svg, competency_colors, competency_ids, icon_body
from shared.look.png import svg_to_png
from shared.player import Avatar


def test_competency_ids_are_the_frameworks_and_each_has_a_colour_and_an_icon() -> None:
    assert competency_ids() == tuple(c.id for c in default_framework().competencies)
    assert set(competency_colors()) == set(competency_ids())
    assert all("<path" in icon_body(c) or "<circle" in icon_body(c) for c in competency_ids())


def test_badge_png_without_pygame_has_the_competency_colour() -> None:
    png = svg_to_png(badge_svg("oral", 3), 200)
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    assert image.size == (200, 200)
    assert image.getpixel((0, 0))[3] == 0  # transparent corner
    # the emblem's band between rim and face is the competency's colour (#E5484D)
    r, g, b, a = image.getpixel((100, 30))
    assert a == 255 and abs(r - 0xE5) < 8 and abs(g - 0x48) < 8 and abs(b - 0x4D) < 8


def test_avatar_png_keeps_the_portrait_ratio() -> None:
    png = svg_to_png(avatar_svg(Avatar(hair="afro", skin=5), "happy"), 80)
    assert Image.open(io.BytesIO(png)).size == (80, 100)


@pytest.mark.parametrize("bad", ["", "<svg", "not xml at all"])
def test_unreadable_svg_is_a_value_error(bad: str) -> None:
    with pytest.raises(ValueError):
        svg_to_png(bad, 64)


def test_badge_refuses_what_the_framework_does_not_have() -> None:
    with pytest.raises(ValueError, match="cuisine"):
        badge_svg("cuisine", 1)
    with pytest.raises(ValueError):
        badge_svg("oral", 5)


def test_the_look_and_its_png_import_no_pygame_and_no_app() -> None:
    code = (
        "import sys, shared.look, shared.look.png\n"
        "shared.look.png.svg_to_png(shared.look.badge_svg('maths', 2), 32)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('pygame', 'pygame_gui', 'game', 'skillmap', 'issuer')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
