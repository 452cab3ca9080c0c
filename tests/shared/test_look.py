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
    corner = image.getpixel((0, 0))
    assert isinstance(corner, tuple) and corner[3] == 0  # transparent corner
    # the emblem's band between rim and face is the competency's colour (#E5484D)
    band = image.getpixel((100, 30))
    assert isinstance(band, tuple)
    r, g, b, a = band
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


def test_byte_budget_cache_keeps_recent_values_within_its_bytes() -> None:
    from shared.look.cache import ByteBudgetCache

    made: list[str] = []

    def make(key: str, size: int):
        def build() -> bytes:
            made.append(key)
            return bytes(size)

        return build

    cache: ByteBudgetCache[bytes] = ByteBudgetCache(100, len)
    assert cache.get("a", make("a", 40)) == bytes(40)
    cache.get("b", make("b", 40))
    cache.get("a", make("a", 40))  # used again: "b" is now the oldest
    cache.get("c", make("c", 40))  # 120 bytes > 100: the oldest goes
    assert "b" not in cache and "a" in cache and "c" in cache
    assert cache.bytes == 80 and len(cache) == 2
    huge = cache.get("huge", make("huge", 500))  # bigger than the budget: given, not kept
    assert len(huge) == 500 and "huge" not in cache and cache.bytes == 80
    assert made == ["a", "b", "c", "huge"]


def test_wrapping_keeps_french_punctuation_with_its_word_and_cuts_long_words() -> None:
    from shared.look.text import wrap_text

    def measure(text: str) -> int:
        return len(text)  # one unit per character: the rules, not a font, are under test

    lines = wrap_text("Tu as payé combien ? 20 € en tout", 12, measure)
    assert lines == ["Tu as payé", "combien ?", "20 € en tout"]
    assert all(measure(line) <= 12 for line in lines)
    assert not any(line.startswith(("?", "€", "»")) or line.endswith("«") for line in lines)
    assert wrap_text("« Bonjour » dit-elle", 12, measure) == ["« Bonjour »", "dit-elle"]
    assert wrap_text("anticonstitutionnellement", 10, measure) == [
        "anticonsti",
        "tutionnell",
        "ement",
    ]
    assert wrap_text("un\n\ndeux", 10, measure) == ["un", "", "deux"]
    cut = wrap_text("un deux trois quatre cinq six", 10, measure, max_lines=2)
    assert len(cut) == 2 and cut[-1].endswith("…") and measure(cut[-1]) <= 10


def test_an_avatar_look_is_a_key_that_changes_with_every_part() -> None:
    """Portraits are kept by ``Avatar.look()``: equal looks draw the same, any part differs."""
    base = Avatar()
    assert base.look() == Avatar().look() and hash(base.look()) == hash(Avatar().look())
    changed = {
        "skin": 5,
        "hair": "braids",
        "hair_color": "black",
        "clothes": "jacket",
        "clothes_color": "yellow",
        "accessory": "glasses",
        "facial_hair": "stubble",
        "age": "child",
    }
    assert set(changed) == set(Avatar.model_fields)  # a new part must be named here too
    for field, value in changed.items():
        other = base.model_copy(update={field: value})
        assert other.look() != base.look(), field
