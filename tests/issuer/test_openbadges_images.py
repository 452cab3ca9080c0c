"""Badge pictures: DIVA's emblem (shared.look) as SVG and PNG, without pygame or a display."""

import io
import os
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from PIL import Image

from issuer.openbadges import baking, images
from shared.framework import default_framework, load_frameworks
from shared.look import competency_colors, hex_to_rgb


@pytest.fixture(scope="module")
def frameworks():
    return load_frameworks()


def test_png_is_the_competencys_emblem() -> None:
    rectec = default_framework()
    png = images.badge_png("oral", 3, rectec)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (400, 400)
    # The shield between rim and face (x=80, y=200) wears the competency's colour.
    pixel = image.convert("RGBA").getpixel((80, 200))
    assert isinstance(pixel, tuple)
    red, green, blue, alpha = pixel
    expected = hex_to_rgb(competency_colors()["oral"])
    assert alpha == 255
    assert max(abs(a - b) for a, b in zip((red, green, blue), expected, strict=True)) <= 3


def test_levels_and_competencies_differ() -> None:
    rectec = default_framework()
    assert images.badge_svg("oral", 1, rectec) != images.badge_svg("oral", 4, rectec)
    assert images.badge_png("oral", 2, rectec, 120) != images.badge_png("ecrit", 2, rectec, 120)


def test_svg_parses_and_bakes() -> None:
    svg = images.badge_svg("numerique", 2, default_framework())
    ElementTree.fromstring(svg)
    baked = baking.bake_svg(svg, '{"id": "https://b.example.fr/a/1"}', "https://b.example.fr/a/1")
    assert baking.unbake_svg(baked) == '{"id": "https://b.example.fr/a/1"}'


def test_another_framework_wears_its_crosswalk_emblem(frameworks) -> None:
    france_travail = frameworks["france-travail"]
    autonomy = next(c for c in france_travail.competencies if c.id == "autonomie")
    first = autonomy.crosswalk["rectec"][0]
    assert images.emblem_competency("autonomie", france_travail) == first
    assert images.badge_svg("autonomie", 2, france_travail) == images.badge_svg(
        first, 2, default_framework()
    )


@pytest.mark.parametrize(("competency", "level"), [("inconnue", 1), ("oral", 0), ("oral", 5)])
def test_refusals_are_clear(competency: str, level: int) -> None:
    with pytest.raises(images.BadgeImageError, match="rectec"):
        images.badge_png(competency, level, default_framework())


def test_no_pygame_and_no_game_package_needed() -> None:
    """The issuer runs on servers: drawing a badge must not load pygame or ``game``."""
    script = (
        "import sys\n"
        "from issuer.openbadges import baking, images, keys, ob2, ob3, verify\n"
        "from shared.framework import default_framework\n"
        "png = images.badge_png('oral', 2, default_framework(), 64)\n"
        "assert png.startswith(b'\\x89PNG')\n"
        "tops = {m.split('.')[0] for m in sys.modules}\n"
        "loaded = sorted(tops & {'pygame', 'game', 'skillmap'})\n"
        "print(','.join(loaded))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""
