"""Wrapped lines are kept per font (game.ui.text.wrap): the same lines as measuring again,
measured once, gone with their font, and bounded."""

from __future__ import annotations

import gc
import weakref

import pygame
import pytest

from game.ui import text
from shared.look import font_path
from shared.look.text import wrap_text

SAYINGS = [
    "Tu as expliqué la règle aux petits, avec des mots simples.",
    "« Tu viens ? » demande Nour. Il reste 12 €.",
    "Anticonstitutionnellement, voilà un mot trop long pour une ligne étroite.",
    "",
]


class CountingFont(pygame.font.Font):
    """A real font that counts how often it is measured."""

    measured = 0

    def size(self, text: str) -> tuple[int, int]:  # type: ignore[override]
        CountingFont.measured += 1
        return super().size(text)


@pytest.fixture
def font() -> CountingFont:
    pygame.font.init()
    CountingFont.measured = 0
    return CountingFont(str(font_path()), 24)


def test_kept_lines_are_the_measured_ones(font: CountingFont) -> None:
    for width in (120, 300, 900):
        for saying in SAYINGS:
            expected = wrap_text(saying, width, lambda part: font.size(part)[0])
            assert text.wrap(saying, font, width) == expected
            assert text.wrap(saying, font, width) == expected  # kept, same answer


def test_a_text_is_measured_once_per_font_and_width(font: CountingFont) -> None:
    text.wrap(SAYINGS[0], font, 300)
    first = CountingFont.measured
    assert first > 0
    for _ in range(50):
        lines = text.wrap(SAYINGS[0], font, 300)
        lines.append("a caller may change its own copy")
    assert CountingFont.measured == first
    text.wrap(SAYINGS[0], font, 200)  # another width is measured
    assert CountingFont.measured > first


def test_the_lines_go_with_their_font() -> None:
    pygame.font.init()
    font = pygame.font.Font(str(font_path()), 30)  # not the fixture's: it keeps its own
    text.wrap(SAYINGS[1], font, 300)
    assert font in text._wrapped
    gone, ident = weakref.ref(font), id(font)
    del font
    gc.collect()
    assert gone() is None  # the kept lines did not keep the font alive
    assert all(id(kept) != ident for kept in text._wrapped)


def test_kept_lines_are_bounded(font: CountingFont, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "WRAPS_PER_FONT", 8)
    for width in range(100, 140):
        text.wrap(SAYINGS[0], font, width)
        assert len(text._wrapped[font]) <= 8
