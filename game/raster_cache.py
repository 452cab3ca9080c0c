"""Rasterised pictures kept on disk between runs, so the game starts without redrawing them.

nanosvg draws a full-window background in 15-40 ms and a portrait in a few, and the title
screen alone needs five: a fifth of the game's start. What it drew is kept in the user's cache
folder (``shared.paths.cache_dir``), named by a hash of the SVG text, the size and the
renderer's version, so a changed drawing or another pygame is another file.
Stored as they are (RGBA, ~3.6 MB for a background): read back in ~2 ms, where inflating a
zlib copy took ~5 ms a picture and drawing 15-40 ms; the folder is bounded in bytes.

Only pictures: never a player's data. Any problem (a read-only folder, a full disk, a damaged
or foreign file) only means drawing again; the folder can be deleted at any time. Writing is
done by one background thread, so a first start pays almost nothing extra.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import logging
import os
import queue
import struct
import threading
from pathlib import Path

import pygame

from shared.paths import cache_dir

log = logging.getLogger(__name__)

MIN_PIXELS = 40_000  # smaller pictures (icons) draw faster than a file opens
MAX_BYTES = 160 * 1024 * 1024  # ~40 backgrounds (the game has ~25); the oldest go first
HEADER = struct.Struct(">8sII")  # magic, width, height
MAGIC = b"DIVARGBA"
VERSION = f"1 {pygame.version.ver} {pygame.version.SDL}"


def folder() -> Path:
    return cache_dir() / "rasters"


def worth_keeping(size: tuple[int, int]) -> bool:
    return size[0] * size[1] >= MIN_PIXELS


def _name(svg: bytes, size: tuple[int, int]) -> str:
    digest = hashlib.blake2b(svg, digest_size=16)
    digest.update(f"{size[0]}x{size[1]} {VERSION}".encode())
    return digest.hexdigest() + ".rgba"


def load(svg: bytes, size: tuple[int, int]) -> pygame.Surface | None:
    """The picture drawn earlier for this SVG at this size, or None (then draw it)."""
    path = folder() / _name(svg, size)
    try:
        data = path.read_bytes()
        magic, width, height = HEADER.unpack_from(data)
        pixels = data[HEADER.size :]
        if magic != MAGIC or len(pixels) != width * height * 4:
            raise ValueError("not a picture of this size")
        return pygame.image.frombytes(pixels, (width, height), "RGBA")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, struct.error, pygame.error) as exc:
        log.info("raster cache: %s unreadable (%s), drawn again", path.name, exc)
        _forget(path)
        return None


def save(svg: bytes, size: tuple[int, int], surface: pygame.Surface) -> None:
    """Keep a drawn picture for the next start (written by the background thread)."""
    width, height = surface.get_size()
    pixels = pygame.image.tobytes(surface, "RGBA")
    _writer().put((folder() / _name(svg, size), width, height, pixels))


def _forget(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


_queue: queue.Queue[tuple[Path, int, int, bytes] | None] | None = None
_lock = threading.Lock()


def _writer() -> queue.Queue[tuple[Path, int, int, bytes] | None]:
    """The one writing thread, started with the first picture to keep."""
    global _queue
    with _lock:
        if _queue is None:
            _queue = queue.Queue()
            atexit.register(wait)  # a picture being written is finished, not left half-done
            threading.Thread(
                target=_write_all, args=(_queue,), name="diva-rasters", daemon=True
            ).start()
        return _queue


def _write_all(jobs: queue.Queue[tuple[Path, int, int, bytes] | None]) -> None:
    while (job := jobs.get()) is not None:
        path, width, height, pixels = job
        try:
            _write(path, HEADER.pack(MAGIC, width, height) + pixels)
        except OSError as exc:  # read-only or full: the picture is drawn again next time
            log.info("raster cache: %s not kept (%s)", path.name, exc)
        finally:
            jobs.task_done()


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all (a temporary file renamed), then the oldest files out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    _prune(path.parent)


def _prune(where: Path) -> None:
    """The newest files up to MAX_BYTES stay; the others go."""
    kept = 0
    for path, size, _ in sorted(_sizes(where), key=lambda found: -found[2]):
        kept += size
        if kept > MAX_BYTES:
            _forget(path)


def _sizes(where: Path) -> list[tuple[Path, int, float]]:
    found = []
    for path in where.glob("*.rgba"):
        try:
            facts = path.stat()
        except OSError:
            continue
        found.append((path, facts.st_size, facts.st_mtime))
    return found


def wait() -> None:
    """Until every picture sent is written (tests, and a clean exit)."""
    if _queue is not None:
        _queue.join()
