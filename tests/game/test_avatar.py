"""Avatars seen as a player sees them: short hair shows at every skin and hair colour, and
grids of faces are rendered to PNG to look at (``art-avatars.png`` is the one in docs/images)."""

from __future__ import annotations

import itertools
import random
from typing import get_args

import pygame

from game.avatar import render_avatar
from shared import player
from shared.player import Avatar

CELL = (125, 155)
SKY = (190, 226, 240)


def avatar_grid(avatars: list[Avatar], columns: int = 8) -> pygame.Surface:
    """Faces side by side on the sky blue of the map, the way the docs show them."""
    rows = -(-len(avatars) // columns)
    sheet = pygame.Surface((CELL[0] * columns, CELL[1] * rows))
    sheet.fill(SKY)
    for index, avatar in enumerate(avatars):
        x, y = (index % columns) * CELL[0], (index // columns) * CELL[1]
        sheet.blit(render_avatar(avatar, (120, 150), "happy"), (x + 2, y + 4))
    return sheet


def varied_avatars(count: int = 24, seed: int = 4) -> list[Avatar]:
    """Every part drawn at random but reproducibly, only young people (the players)."""
    rng = random.Random(seed)
    fields = {name: get_args(Avatar.model_fields[name].annotation) for name in Avatar.model_fields}
    fields["age"] = ("young", "adult")
    return [Avatar(**{k: rng.choice(v) for k, v in fields.items()}) for _ in range(count)]


def short_hair_avatars() -> list[Avatar]:
    colours = ("black", "brown", "auburn", "blond")
    return [
        Avatar(skin=skin, hair="short", hair_color=colour)
        for colour, skin in itertools.product(colours, get_args(player.SkinTone))
    ]


def test_avatar_grids_render(tmp_path) -> None:
    from tests.game.test_screens import shot_dir

    for name, avatars, columns in (
        ("art-avatars.png", varied_avatars(), 8),
        ("avatars-short-hair.png", short_hair_avatars(), 6),
    ):
        sheet = avatar_grid(avatars, columns)
        pygame.image.save(sheet, str(shot_dir() / name))
        assert sheet.get_at((2, 2))[:3] == SKY


def test_short_hair_stands_apart_from_the_forehead_at_every_skin_and_hair_colour() -> None:
    """Hair above the forehead against the forehead itself: dark hair clearly apart (it looked
    bald on dark skin), light hair apart by hue (and by its outline)."""
    from shared.look.avatar_parts import DARK_HAIR, make_look

    for skin, colour in itertools.product(get_args(player.SkinTone), get_args(player.HairColor)):
        avatar = Avatar(skin=skin, hair="short", hair_color=colour)
        look = make_look(avatar, "neutral")
        face = render_avatar(avatar, (400, 500))  # the SVG's own units
        hair = face.get_at((184, int(look.top + 20)))
        forehead = face.get_at((200, int(look.face_cy - 34)))
        apart = sum((a - b) ** 2 for a, b in zip(hair[:3], forehead[:3], strict=True)) ** 0.5
        assert apart >= (50 if colour in DARK_HAIR else 25), (skin, colour, hair, forehead)
        assert face.get_at((200, int(look.top - 12))).a == 255  # volume above the skull


def test_short_hair_under_a_cap_and_headphones_renders() -> None:
    for accessory in ("cap", "headphones"):
        surface = render_avatar(Avatar(hair="short", accessory=accessory, skin=5), (80, 100))
        assert surface.get_size() == (80, 100)
