"""The map pages its cards when trainers add scenarios: arrows, PageUp / PageDown, and the
number keys pick a card on the page shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game.app import App
from game.scenes.map import MapScene, ScenarioCard
from game.scenes.play import PlayScene
from shared.paths import content_dir
from tests.game.conftest import add_player, click, frames, key

BUNDLED = Path(__file__).resolve().parents[2] / "content"


def content_with(tmp_path: Path, total: int) -> Path:
    """A content folder holding exactly ``total`` scenarios: bundled ones, then copies of them
    under new ids (exact, so the test holds when colleagues add scenarios to content/)."""
    root = tmp_path / "content"
    scenarios = root / "scenarios"
    scenarios.mkdir(parents=True)
    for name in ("frameworks", "images"):
        shutil.copytree(BUNDLED / name, root / name)
    files = sorted((BUNDLED / "scenarios").glob("*.yaml"))
    for number in range(total):
        source = files[number % len(files)]
        text = source.read_text(encoding="utf-8")
        new_id = source.stem if number < len(files) else f"zz-{source.stem}-{number}"
        text = text.replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1)
        (scenarios / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def eleven(app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> App:
    root = content_with(tmp_path, 11)
    monkeypatch.setenv("DIVA_CONTENT_DIR", str(root))
    app.session.scenario_folder = content_dir() / "scenarios"
    app.session._library = None
    assert len(app.session.library.scenarios) == 11, app.session.library.broken
    add_player(app)
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    return app


def cards(app: App) -> list[ScenarioCard]:
    return [b for b in app.stack.top.buttons if isinstance(b, ScenarioCard)]


def test_eleven_scenarios_on_two_pages_with_the_keyboard(eleven: App) -> None:
    app = eleven
    ids = [s.id for s in app.session.library.scenarios]
    assert [c.number for c in cards(app)] == list(range(1, 9))
    assert [c.scenario.id for c in cards(app)] == ids[:8]
    key(app, pygame.K_PAGEDOWN)
    assert app.stack.top.pager.page == 1
    assert [(c.number, c.scenario.id) for c in cards(app)] == list(
        zip((1, 2, 3), ids[8:], strict=True)
    )
    assert "Page 2 / 2" in app.stack.top.read_aloud_text()
    key(app, pygame.K_2)
    frames(app)
    assert isinstance(app.stack.top, PlayScene) and app.stack.top.scenario.id == ids[9]


def test_page_arrows_by_mouse_wrap_round_and_every_card_fits(eleven: App) -> None:
    app = eleven
    scene = app.stack.top
    click(app, scene.focus.find("page:previous").rect.center)
    assert scene.pager.page == 1 and len(cards(app)) == 3
    click(app, scene.focus.find("page:next").rect.center)
    assert scene.pager.page == 0 and len(cards(app)) == 8
    key(app, pygame.K_PAGEUP)
    assert scene.pager.page == 1
    app.frame()
    drawn = app.session.theme.drawn
    assert any(d.text == "Page 2 / 2" for d in drawn)
    for item in drawn:
        assert item.container.inflate(4, 4).contains(item.rect), item.text
    for card in cards(app):
        assert not card.rect.colliderect(scene.focus.find("page:next").rect)


def test_eight_scenarios_need_no_pages(app: App, tmp_path: Path) -> None:
    app.session.scenario_folder = content_with(tmp_path, 8) / "scenarios"
    add_player(app)
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    assert app.stack.top.pager.pages == 1
    assert app.stack.top.focus.find("page:next") is None
    key(app, pygame.K_PAGEDOWN)
    assert app.stack.top.pager.page == 0


@pytest.mark.parametrize("size", ["large", "xlarge"])
def test_map_pages_screenshots(app: App, tmp_path: Path, monkeypatch, size: str) -> None:
    from tests.game.test_screens import shot_dir

    root = content_with(tmp_path, 11)
    monkeypatch.setenv("DIVA_CONTENT_DIR", str(root))
    app.session.scenario_folder = root / "scenarios"
    add_player(app, text_size=size)
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    pygame.image.save(app.canvas, str(shot_dir() / f"map-page1-{size}.png"))
    key(app, pygame.K_PAGEDOWN)
    frames(app)
    pygame.image.save(app.canvas, str(shot_dir() / f"map-page2-{size}.png"))
    assert app.stack.top.pager.page == 1


@pytest.mark.parametrize("size", ["medium", "large", "xlarge"])
def test_long_place_names_wrap_before_they_shrink(app: App, size: str) -> None:
    from game.ui.text import readable_px

    add_player(app, text_size=size)
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    theme = app.session.theme
    shown = cards(app)
    assert shown
    for card in shown:
        assert card.place_px >= readable_px(theme, "small", 6), card.subtitle
        assert card.title_px >= readable_px(theme, "choice", 6), card.label
    longest = max(shown, key=lambda c: theme.font("small").size(c.subtitle)[0])
    if theme.font("small").size(longest.subtitle)[0] > longest.rect.width - 32:
        assert longest.place_lines == 2 or longest.place_px < theme.px("small")
    drawn = {d.text: d for d in theme.drawn}
    for card in shown:
        item = drawn[card.subtitle]
        assert not item.cut and item.container.inflate(4, 4).contains(item.rect)


def test_each_card_status_has_its_own_icon_not_the_speaker() -> None:
    """« En cours » once showed the read-aloud speaker: a player would press it to listen."""
    from game.scenes.map import STATUS_ICONS

    icons = list(STATUS_ICONS.values())
    assert len(set(icons)) == len(icons)
    assert not {"speaker", "settings", "back"} & set(icons)
