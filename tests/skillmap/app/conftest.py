"""Drive the skill map app headless: a sample data folder, the app, real pygame events."""

import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pygame
import pytest
from pygame_gui.core import UIElement

from bench.skillmap_sample import make_sample
from shared.store import Store
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.base import Screen
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.ui import Drawn

COUNSELLOR = "Nadia Benali"
# Screenshots to look at: DIVA_SCREENSHOTS if set, else a temporary folder (never the checkout).
SHOTS = Path(os.environ.get("DIVA_SCREENSHOTS") or tempfile.mkdtemp(prefix="diva-shots-"))
SHOTS = SHOTS / "skillmap"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Four players from the real scenarios; Lina has one confirmed and one draft experience."""
    return make_sample(tmp_path / "data", players=4, evidence=120)


@pytest.fixture
def app(store: Store) -> Iterator[App]:
    ctx = make_context(store, counsellor=COUNSELLOR)  # the real scenario titles
    application = App(ctx, clock=FixedClock())
    yield application
    application.close()


W = TypeVar("W", bound=Screen)


def on_screen(app: App, kind: type[W]) -> W:
    """The screen shown, which must be a ``kind``: the test's next lines read it with its own
    type (``on_screen(app, PlayerScreen).then``)."""
    screen = app.screen
    assert isinstance(screen, kind), f"{type(screen).__name__} shown, not {kind.__name__}"
    return screen


def player_id(store: Store, pseudonym: str) -> str:
    return next(r["id"] for r in store.players() if r["pseudonym"] == pseudonym)


def frames(app: App, count: int = 2) -> None:
    for _ in range(count):
        app.step()


def click(app: App, widget_or_pos) -> None:
    """A left click, as the mouse sends it, at a widget's centre (or a canvas position)."""
    pos = widget_or_pos
    if not isinstance(pos, tuple):
        pos = widget_or_pos.get_abs_rect().center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app)


def type_text(app: App, widget, text: str) -> None:
    """Click into a text field and type, one TEXTINPUT event per character."""
    click(app, widget)
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    frames(app)


def key(app: App, code: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=""))
    frames(app)


def shot(app: App, name: str) -> Path:
    """Save the canvas under SHOTS (for people to look at)."""
    path = app.screenshot(SHOTS / f"{name}.png")
    assert path.stat().st_size > 10_000  # a real screen, not an empty canvas
    return path


# --- what a person can read: contrast of every text, nothing outside its box --------------


def _background(canvas: pygame.Surface, rect: pygame.Rect) -> tuple[int, int, int]:
    """The colour most of ``rect`` is painted with: the background the text sits on (the
    glyphs cover less of the box than the ground; text in its own colour reads as 1:1)."""
    from collections import Counter

    data = pygame.image.tobytes(canvas.subsurface(rect), "RGB")
    counts = Counter(data[i : i + 3] for i in range(0, len(data), 3))
    return tuple(counts.most_common(1)[0][0])  # type: ignore[return-value]


def _widget_text(element) -> str:
    from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

    if isinstance(element, UITextEntryLine):
        return element.get_text() or element.placeholder_text
    if isinstance(element, UIButton | UILabel):
        return element.text
    if isinstance(element, UITextBox):
        return element.html_text
    getter = getattr(element, "get_text", None)
    return getter() if callable(getter) else ""


def widget_texts(app: App, above: UIElement | None = None) -> list[Drawn]:
    """Every visible widget with words: (text, rect, colour) from the theme the app uses;
    only those drawn over ``above`` (a dialog's panel) when given."""

    theme = app.manager.get_theme()
    canvas_rect = pygame.Rect((0, 0), app.canvas.get_size())
    found = []
    for element in app.manager.get_sprite_group().sprites():
        text = _widget_text(element).strip() if element.visible else ""
        if not text:
            continue
        assert isinstance(element, UIElement), element
        rect = element.get_abs_rect().clip(canvas_rect)
        assert isinstance(rect, pygame.Rect), rect  # whole pixels: widgets are laid out so
        if above is not None and element.get_top_layer() <= above.get_top_layer():
            continue
        key = "normal_text" if element.is_enabled else "disabled_text"
        colour = theme.get_colour_or_gradient(key, element.combined_element_ids)
        assert isinstance(colour, pygame.Color), (key, element.combined_element_ids)
        found.append(Drawn(text, rect, (colour.r, colour.g, colour.b)))
    return found


def read_check(app: App, high_contrast: bool) -> list[str]:
    """Render one frame; every text (drawn or in a widget) must reach 4.5:1 (7:1 in high
    contrast) against what is under it, and stay inside the box it was given."""
    from skillmap.app.ui import TextLog, contrast, minimum_contrast

    screen = app.screen
    assert screen is not None, "no screen shown"
    if isinstance(screen, PlayerScreen) and screen.map_surface is not None:
        screen.map_surface = None  # draw the map again, so its words are seen
    TextLog.items = []
    try:
        canvas = app.render()
        drawn = TextLog.items
    finally:
        TextLog.items = None
    if screen.dialog is not None:  # only the question is readable: the page is dimmed behind it
        items = widget_texts(app, screen.dialog_panel)
    else:
        items = [*drawn, *widget_texts(app)]
    minimum = minimum_contrast(high_contrast)
    problems = []
    canvas_rect = canvas.get_rect()
    for item in items:
        rect = item.rect.clip(canvas_rect)
        if not rect.w or not rect.h:
            problems.append(f"{item.text[:40]!r} off the canvas at {item.rect}")
            continue
        ratio = contrast(item.color, _background(canvas, rect))
        if ratio < minimum:
            under = _background(canvas, rect)
            problems.append(f"{item.text[:40]!r} {item.color} on {under} = {ratio:.2f}")
        if item.box is not None and not item.box.contains(item.rect):
            problems.append(f"{item.text[:40]!r} {item.rect} outside its box {item.box}")
    return problems


def overlaps(app: App) -> list[str]:
    """Drawn texts that run under a widget (a button, a field) or over another text."""
    from pygame_gui.elements import UIButton, UITextEntryLine

    from skillmap.app.ui import TextLog

    TextLog.items = []
    try:
        app.render()
        drawn = TextLog.items
    finally:
        TextLog.items = None
    widgets = [
        e
        for e in app.manager.get_sprite_group().sprites()
        if e.visible
        and isinstance(e, UIButton | UITextEntryLine)
        and "@row" not in e.combined_element_ids
    ]
    found = [
        f"{item.text[:50]!r} {item.rect} under {getattr(w, 'text', '')[:20]!r} {w.get_abs_rect()}"
        for item in drawn
        for w in widgets
        if item.rect.colliderect(w.get_abs_rect())
    ]
    for index, item in enumerate(drawn):  # nor on another text (line boxes have room for
        inner = item.rect.inflate(-4, -item.rect.h // 4)  # accents and descenders)
        for other in drawn[index + 1 :]:
            if inner.colliderect(other.rect.inflate(-4, -other.rect.h // 4)):
                found.append(f"{item.text[:30]!r} {item.rect} on {other.text[:30]!r} {other.rect}")
    return found
