"""Drive the skill map app headless: a sample data folder, the app, real pygame events."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from bench.skillmap_sample import make_sample  # noqa: E402
from shared.store import Store  # noqa: E402
from skillmap.app import make_context  # noqa: E402
from skillmap.app.app import App, FixedClock  # noqa: E402

COUNSELLOR = "Nadia Benali"
SHOTS = Path(__file__).resolve().parents[3] / "out" / "screenshots" / "skillmap"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Four players from the real scenarios; Lina has one confirmed and one draft experience."""
    return make_sample(tmp_path / "data", players=4, evidence=120)


@pytest.fixture
def app(store: Store) -> Iterator[App]:
    ctx = make_context(store, counsellor=COUNSELLOR, titles={"club-foot": "Le coach"})
    application = App(ctx, clock=FixedClock())
    yield application
    application.close()


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
    """Save the canvas under out/screenshots/skillmap/ (for people to look at)."""
    path = app.screenshot(SHOTS / f"{name}.png")
    assert path.stat().st_size > 10_000  # a real screen, not an empty canvas
    return path
