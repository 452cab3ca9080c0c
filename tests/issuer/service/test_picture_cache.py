"""Badge pictures are rendered once into the data folder and read back by any worker."""

from pathlib import Path

from issuer.openbadges.baking import _chunk
from issuer.service import pictures


def _first_badge() -> tuple[str, int, str]:
    framework = next(iter(pictures.frameworks().values()))
    return framework.competencies[0].id, 2, framework.id


def test_pictures_rendered_once_into_the_data_folder_and_read_back(tmp_path: Path) -> None:
    badge = _first_badge()
    pictures.render_all(tmp_path, [badge])
    cached = list((tmp_path / pictures.CACHE_FOLDER).glob("*.png"))
    assert len(cached) == 1
    png = cached[0].read_bytes()
    assert png.startswith(b"\x89PNG") and png.endswith(pictures.PNG_END)
    # Another worker (empty memory cache) serves the very bytes from the file.
    pictures._framework_png.cache_clear()
    marked = png[:-12] + _chunk(b"tEXt", b"drawn\0once") + png[-12:]  # IEND is 12 bytes
    cached[0].write_bytes(marked)
    assert pictures.picture_png(*badge) == marked


def test_a_cut_cache_file_is_drawn_again(tmp_path: Path) -> None:
    badge = _first_badge()
    pictures.render_all(tmp_path, [badge])
    path = next((tmp_path / pictures.CACHE_FOLDER).glob("*.png"))
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # a crash mid-write
    pictures._framework_png.cache_clear()
    assert pictures.picture_png(*badge) == whole
    assert path.read_bytes() == whole
