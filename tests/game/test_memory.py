"""The game's memory (issue 15): every cache of surfaces is bounded in bytes, and a screen's
own surfaces go when it closes. The figures over all scenarios are in ``bench/``
(``bench.run game-memory``); these tests hold the rules that keep them."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game import art, avatar
from game.app import App
from game.scenes.map import MapScene
from game.ui import images, panel, picture_card, place_marker, question
from shared.look.cache import MB, ByteBudgetCache
from shared.player import Avatar
from tests.game.conftest import add_player, frames

GAME = Path(__file__).resolve().parents[2] / "game"
CACHES: dict[str, Callable[[], ByteBudgetCache[Any]]] = {
    "art SVG files": lambda: art._svg_files,
    "avatar portraits": lambda: avatar._portraits,
    "staged portraits": lambda: images._portraits,
    "gradients": lambda: images._gradients,
    "picture cards": lambda: picture_card._pictures,
    "town markers": lambda: place_marker._kept,
    "dimmed backgrounds": lambda: question._dimmed,
    "panel shadows": lambda: panel._shades,
}


@pytest.fixture
def emptied() -> Iterator[None]:
    """The caches emptied before and after: other tests then draw from a cold start."""
    for cache in CACHES.values():
        cache().clear()
    yield
    for cache in CACHES.values():
        cache().clear()


def returning(value: object) -> Callable[[], object]:
    return lambda: value


@pytest.mark.parametrize("name", sorted(CACHES))
def test_each_surface_cache_stays_within_its_bytes(name: str, emptied: None) -> None:
    """Filled with window-sized surfaces past twice its budget, a cache keeps its bytes
    under the budget, counts them right, and keeps the most recent value."""
    cache: object = CACHES[name]()
    assert isinstance(cache, ByteBudgetCache)
    assert 0 < cache.budget <= 48 * MB
    pair = cache is question._dimmed  # a source and its veiled copy
    window = 1280 * 720 * 4 * (2 if pair else 1)
    made = []
    for index in range(2 * cache.budget // window + 2):
        surface = pygame.Surface((1280, 720), pygame.SRCALPHA)
        made.append(surface)
        value = (surface, surface) if pair else surface
        cache.get(("test", index), returning(value))
        assert cache.bytes <= cache.budget
    assert cache.bytes == len(cache) * window
    assert cache.budget - window < cache.bytes  # full, not emptied
    assert ("test", len(made) - 1) in cache
    assert ("test", 0) not in cache


def test_portraits_at_every_size_stay_within_the_budget(emptied: None) -> None:
    """The staging asks for half-body figures at many sizes, lit and dimmed: the kept
    portraits stay under their budget however many sizes are asked."""
    person = Avatar()
    for height in range(300, 720, 20):
        size = (height * 4 // 5, height)
        for dim in (False, True):
            assert images.portrait(person, size, dim=dim).get_height() == height
    assert 0 < images._portraits.bytes <= images._portraits.budget
    assert avatar._portraits.bytes <= avatar._portraits.budget


def test_a_missing_picture_is_kept_as_none_and_costs_nothing(emptied: None) -> None:
    assert picture_card.picture("/nowhere/missing.svg", 120) is None
    assert ("/nowhere/missing.svg", 120) in picture_card._pictures
    assert picture_card._pictures.bytes == 0


def test_no_surface_is_kept_by_a_count_bounded_cache() -> None:
    """``functools.lru_cache`` counts values, whatever their size: no function of the game
    that returns a surface may use it (ByteBudgetCache instead)."""
    offenders = []
    for file in sorted(GAME.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef) or node.returns is None:
                continue
            cached = any("cache" in ast.unparse(d) for d in node.decorator_list)
            if cached and "Surface" in ast.unparse(node.returns):
                offenders.append(f"{file.relative_to(GAME)}:{node.lineno} {node.name}")
    assert offenders == []


def test_the_kept_town_goes_when_the_map_closes(app: App) -> None:
    add_player(app)
    scene = MapScene(app.session)
    app.stack.push(scene)
    app.session.theme.record = False  # as in the game: the kept drawing is used
    frames(app, 2)
    assert scene.still.builds == 1
    assert scene.still._whole is not None and scene.still._under is not None
    app.stack.pop()
    app.stack.apply()
    assert scene.still._whole is None and scene.still._under is None
