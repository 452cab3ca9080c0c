"""Pictures kept on disk between runs (game.raster_cache): the same pixels as drawing them,
and never a problem when the cache is damaged, foreign or cannot be written."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game import art, raster_cache
from shared.paths import content_dir

BACKGROUND = content_dir() / "images" / "backgrounds" / "titre.svg"
SIZE = (640, 360)


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own, and a window (pictures are converted for it)."""
    monkeypatch.setenv("DIVA_CACHE_DIR", str(tmp_path))
    pygame.display.init()
    pygame.display.set_mode((1280, 720))
    return tmp_path / "rasters"


def _drawn(svg: bytes, size: tuple[int, int]) -> pygame.Surface:
    surface = art.svg_surface(svg, size)
    raster_cache.wait()
    return surface


def _same_pixels(a: pygame.Surface, b: pygame.Surface) -> bool:
    return a.get_size() == b.get_size() and pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(
        b, "RGBA"
    )


def test_a_kept_picture_is_the_drawn_one_pixel_for_pixel(cache: Path) -> None:
    svg = BACKGROUND.read_bytes()
    first = _drawn(svg, SIZE)
    kept = list(cache.glob("*.rgba"))
    assert len(kept) == 1
    again = _drawn(svg, SIZE)
    assert raster_cache.load(svg, SIZE) is not None
    assert _same_pixels(first, again)
    assert list(cache.glob("*.rgba")) == kept  # read back, not drawn and written again


def test_another_drawing_or_size_is_another_file(cache: Path) -> None:
    svg = BACKGROUND.read_bytes()
    _drawn(svg, SIZE)
    _drawn(svg, (1280, 720))
    _drawn(svg.replace(b"</svg>", b"<!-- changed --></svg>"), SIZE)
    assert len(list(cache.glob("*.rgba"))) == 3


def test_small_pictures_are_not_kept(cache: Path) -> None:
    _drawn(BACKGROUND.read_bytes(), (64, 36))
    assert not cache.exists() or not list(cache.glob("*.rgba"))


@pytest.mark.parametrize("damage", [b"", b"DIVARGBA", b"not a picture at all" * 10])
def test_a_damaged_file_is_drawn_again_and_replaced(cache: Path, damage: bytes) -> None:
    svg = BACKGROUND.read_bytes()
    first = _drawn(svg, SIZE)
    (kept,) = cache.glob("*.rgba")
    kept.write_bytes(damage)
    assert raster_cache.load(svg, SIZE) is None  # refused, and removed
    again = _drawn(svg, SIZE)
    assert _same_pixels(first, again)
    assert kept.read_bytes()[:8] == raster_cache.MAGIC  # written again, whole


def test_a_truncated_file_is_refused(cache: Path) -> None:
    svg = BACKGROUND.read_bytes()
    _drawn(svg, SIZE)
    (kept,) = cache.glob("*.rgba")
    kept.write_bytes(kept.read_bytes()[:-100])
    assert raster_cache.load(svg, SIZE) is None


def test_a_cache_folder_that_is_a_file_only_means_drawing(tmp_path: Path) -> None:
    (tmp_path / "rasters").write_text("a file where the folder should be")
    surface = _drawn(BACKGROUND.read_bytes(), SIZE)
    assert surface.get_size() == SIZE
    assert raster_cache.load(BACKGROUND.read_bytes(), SIZE) is None


def test_the_oldest_pictures_go_past_the_byte_limit(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svg = BACKGROUND.read_bytes()
    one = 480 * 270 * 4 + raster_cache.HEADER.size
    monkeypatch.setattr(raster_cache, "MAX_BYTES", 3 * one)  # three of the largest
    for width in (400, 420, 440, 460, 480):
        _drawn(svg, (width, width * 9 // 16))
    assert len(list(cache.glob("*.rgba"))) == 3
    assert raster_cache.load(svg, (480, 270)) is not None  # the newest stay
