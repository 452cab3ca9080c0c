"""Badge pictures in DIVA's style (``issuer.openbadges.images``), as SVG and as PNG.

Each picture depends only on (framework, competency, level), so a worker renders it once and
keeps it: derived data, the same in every worker, nothing to keep in step. Rendering a PNG
(cairosvg, tens of ms) is also kept on disk, in the data folder's ``cache/pictures``, named by
the digest of the SVG drawn: ``diva-issuer init`` renders every badge class there once, a
restarted or new worker reads the file, and a changed emblem or framework draws a new SVG, so
a new file (a stale picture cannot be served). A competency with
no emblem of its own (another framework with no crosswalk, or a framework since removed from
content/) wears a neutral one rather than failing the badge.
"""

import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from issuer.openbadges import images
from shared.errors import FrameworkError
from shared.framework import Framework, load_frameworks
from shared.look import badge_svg
from shared.look.png import svg_to_png

NEUTRAL = "organisation"
CACHE_FOLDER = Path("cache") / "pictures"
PNG_END = b"IEND\xaeB`\x82"  # the last chunk of a whole PNG file

_CACHE_DIR: list[Path] = []  # the data folder's picture cache, once the app or CLI names it


def use_cache(data_dir: Path) -> None:
    """Keep rendered PNGs under ``data_dir`` (called by the app factory and by the CLI)."""
    folder = data_dir / CACHE_FOLDER
    if folder not in _CACHE_DIR:  # another data folder (tests): its files, not this memory
        _framework_png.cache_clear()
        _neutral_png.cache_clear()
    _CACHE_DIR[:] = [folder]


def render_all(data_dir: Path, badges: Iterable[tuple[str, int, str]]) -> None:
    """Render each (competency, level, framework) PNG into the cache (``diva-issuer init``)."""
    use_cache(data_dir)
    for competency_id, level, framework_id in badges:
        picture_png(competency_id, level, framework_id)


_LOADED: dict[str, Framework] = {}


def frameworks() -> dict[str, Framework]:
    """The bundled frameworks, read once per worker; a broken file (content being edited)
    gives none this time and is read again next time, never a failed request."""
    if not _LOADED:
        try:
            _LOADED.update(load_frameworks())
        except FrameworkError:
            return {}
    return _LOADED


def picture_svg(competency_id: str, level: int, framework_id: str = "rectec") -> str:
    if framework_id in frameworks():
        try:
            return _framework_svg(competency_id, level, framework_id)
        except images.BadgeImageError:
            pass
    return _neutral_svg(level)


def picture_png(competency_id: str, level: int, framework_id: str = "rectec") -> bytes:
    if framework_id in frameworks():
        try:
            return _framework_png(competency_id, level, framework_id)
        except images.BadgeImageError:
            pass
    return _neutral_png(level)


# Only real drawings are kept: a neutral stand-in (framework unreadable for a moment) is not
# remembered in place of the competency's own emblem.
@functools.lru_cache(maxsize=512)
def _framework_svg(competency_id: str, level: int, framework_id: str) -> str:
    return images.badge_svg(competency_id, level, frameworks()[framework_id])


@functools.lru_cache(maxsize=512)
def _framework_png(competency_id: str, level: int, framework_id: str) -> bytes:
    svg = _framework_svg(competency_id, level, framework_id)
    cached = _cached_png(svg)
    if cached is not None:
        return cached
    return _keep_png(svg, images.badge_png(competency_id, level, frameworks()[framework_id]))


@functools.lru_cache(maxsize=8)
def _neutral_svg(level: int) -> str:
    return badge_svg(NEUTRAL, max(1, min(level, 4)))


@functools.lru_cache(maxsize=8)
def _neutral_png(level: int) -> bytes:
    svg = _neutral_svg(level)
    cached = _cached_png(svg)
    if cached is not None:
        return cached
    return _keep_png(svg, svg_to_png(svg, images.DEFAULT_WIDTH))


def _cache_path(svg: str) -> Path | None:
    if not _CACHE_DIR:
        return None
    digest = hashlib.sha256(f"{images.DEFAULT_WIDTH}\n{svg}".encode()).hexdigest()[:40]
    return _CACHE_DIR[0] / f"{digest}.png"


def _cached_png(svg: str) -> bytes | None:
    """The PNG rendered earlier for this very SVG; a missing or cut file is no cache."""
    path = _cache_path(svg)
    try:
        data = path.read_bytes() if path is not None else b""
    except OSError:
        return None
    return data if data.startswith(b"\x89PNG") and data.endswith(PNG_END) else None


def _keep_png(svg: str, png: bytes) -> bytes:
    """Write ``png`` to the cache (atomically; derived data, so no fsync); never fails."""
    path = _cache_path(svg)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(png)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only data folder: the picture is still served, rendered each start
    return png
