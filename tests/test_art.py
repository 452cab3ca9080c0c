"""The game's art: every file loads and draws something, every avatar and badge renders,
and the palette's text colours stay readable."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import itertools
from pathlib import Path
from typing import get_args

import pygame
import pytest

from game import art
from game.avatar import EXPRESSIONS, avatar_svg, render_avatar
from shared import player
from shared.look import competency_ids
from shared.player import Avatar

BACKGROUNDS = Path(__file__).resolve().parent.parent / "content" / "images" / "backgrounds"
PLACES = [
    "stade", "cuisine", "banque-alimentaire", "marche", "salle-de-formation",
    "cage-escalier", "chambre-ecran", "accueil-entreprise", "ville", "titre",
    "fast-food", "table-papiers", "arret-bus", "guichet-caf", "groupe-photo", "job-dating",
]  # fmt: skip
UI_ICONS = ["dont-know", "speaker", "settings", "back", "check", "star", "lock", "resume"]


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield
    pygame.quit()


def distinct_colors(surface: pygame.Surface, step: int = 7) -> int:
    """How many different opaque colours a coarse sample of the surface holds."""
    seen = set()
    for x in range(0, surface.get_width(), step):
        for y in range(0, surface.get_height(), step):
            color = surface.get_at((x, y))
            if color.a > 0:
                seen.add((color.r, color.g, color.b))
    return len(seen)


@pytest.mark.parametrize("place", PLACES)
def test_background_renders_rich_and_small(place):
    path = BACKGROUNDS / f"{place}.svg"
    assert path.stat().st_size < 40_000
    assert "<text" not in path.read_text(encoding="utf-8")
    surface = art.background(f"{place}.svg", (1280, 720))
    assert surface.get_size() == (1280, 720)
    assert distinct_colors(surface, step=16) > 20


@pytest.mark.parametrize("name", list(competency_ids()) + UI_ICONS)
def test_icon_renders(name):
    surface = art.icon(name, 128)
    assert surface.get_size() == (128, 128)
    assert distinct_colors(surface, step=3) >= 3
    assert surface.get_at((0, 0)).a == 0  # transparent corners: icons sit on any panel


def test_load_svg_is_cached():
    assert art.icon("star", 64) is art.icon("star", (64, 64))


def test_every_avatar_part_renders():
    hairs, clothes = get_args(player.HairStyle), get_args(player.Clothes)
    ages = get_args(player.AgeGroup)
    for hair, wear, age, expression in itertools.product(hairs, clothes, ages, EXPRESSIONS):
        avatar = Avatar(hair=hair, clothes=wear, age=age)
        surface = pygame.image.load_sized_svg(_svg_file(avatar_svg(avatar, expression)), (80, 100))
        assert distinct_colors(surface, step=4) > 4, (hair, wear, age, expression)


@pytest.mark.parametrize(
    "field, values",
    [
        ("skin", get_args(player.SkinTone)),
        ("hair_color", get_args(player.HairColor)),
        ("clothes_color", get_args(player.ClothesColor)),
        ("accessory", get_args(player.Accessory)),
        ("facial_hair", get_args(player.FacialHair)),
    ],
)
def test_every_other_option_renders(field, values):
    for value, hair in itertools.product(values, ("short", "headscarf", "bald")):
        avatar = Avatar(**{field: value, "hair": hair, "age": "adult"})
        surface = render_avatar(avatar, (80, 100), "happy")
        assert surface.get_size() == (80, 100)
        assert distinct_colors(surface, step=4) > 4, (field, value, hair)


def test_expressions_differ_and_unknown_falls_back():
    avatar = Avatar()
    faces = {avatar_svg(avatar, e) for e in EXPRESSIONS}
    assert len(faces) == 3
    assert avatar_svg(avatar, "puzzled") == avatar_svg(avatar, "neutral")


def test_render_avatar_is_cached():
    avatar = Avatar(hair="afro", skin=5)
    assert render_avatar(avatar, (40, 50)) is render_avatar(Avatar(hair="afro", skin=5), (40, 50))


@pytest.mark.parametrize("competency", competency_ids())
def test_badge_renders_for_each_level(competency):
    svgs = set()
    for level in (1, 2, 3, 4):
        svg = art.badge_svg(competency, level)
        svgs.add(svg)
        surface = pygame.image.load_sized_svg(_svg_file(svg), (128, 128))
        assert distinct_colors(surface, step=3) > 8
    assert len(svgs) == 4


def test_badge_rejects_unknown_input():
    with pytest.raises(ValueError):
        art.badge_svg("cuisine", 1)
    with pytest.raises(ValueError):
        art.badge_svg("oral", 5)


def test_contrast_ratio_formula():
    assert art.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert art.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert art.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert art.contrast_ratio("#fff", "#000") == art.contrast_ratio("#000000", "#ffffff")


@pytest.mark.parametrize("high_contrast, minimum", [(False, 4.5), (True, 7.0)])
def test_palette_text_pairs_are_readable(high_contrast, minimum):
    colors = art.palette(high_contrast)
    for text, panel in art.text_pairs():
        ratio = art.contrast_ratio(colors[text], colors[panel])
        assert ratio >= minimum, f"{text} on {panel}: {ratio:.2f}"


def test_palette_has_every_competency():
    assert set(art.competency_colors()) == set(competency_ids())
    assert set(art.palette()) == set(art.palette(high_contrast=True))


def test_fonts_cover_french_typography():
    pygame.font.init()
    for bold, dyslexic in itertools.product((False, True), repeat=2):
        path = art.font_path(bold=bold, dyslexic=dyslexic)
        font = pygame.font.Font(path, 24)
        assert font.size("é è ç œ « » ’ —")[0] > 0
        assert all(m is not None for m in font.metrics("éèçœ«»’—ÀÉÇŒ"))


def _svg_file(svg: str):
    import io

    return io.BytesIO(svg.encode("utf-8"))
