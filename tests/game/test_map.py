"""The town map (issue 11): every place on the town at its map_x / map_y, never two signs
over each other, statuses and progress drawn; a place opens its card (title, place, the
scenario's summary, minutes, status, « Jouer » / « Reprendre ») by mouse, touch, number key
or the focus ring; and when the signs do not fit (many scenarios, « Énorme », the dyslexia
font) the town has pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game.app import App
from game.scenes.map import MapScene, PlaceMarker
from game.scenes.map_card import PlaceCardScene
from game.scenes.play import PlayScene
from game.theme import DrawnText
from shared.paths import content_dir
from shared.store.progress import ScenarioProgress
from tests.game.conftest import (
    add_player,
    click,
    focusable,
    frames,
    kept_and_whole,
    key,
    labelled,
    on_top,
    tap,
)

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


SIZES = ["medium", "large", "xlarge", "xxlarge"]


def open_map(app: App, **settings: object) -> MapScene:
    add_player(app, "Lina", **settings)
    scene = MapScene(app.session)
    app.stack.push(scene)
    frames(app, 2)
    return scene


def number(marker: PlaceMarker) -> int:
    """A place's number on the map, which every place has (pressed with its digit key)."""
    assert marker.number is not None, marker.key
    return marker.number


def markers(app: App) -> list[PlaceMarker]:
    top = app.stack.top
    assert isinstance(top, MapScene)
    return [b for b in top.buttons if isinstance(b, PlaceMarker)]


def every_page(app: App) -> list[list[PlaceMarker]]:
    scene = app.stack.top
    assert isinstance(scene, MapScene)
    pages = []
    for _ in range(scene.pager.pages):
        pages.append(markers(app))
        key(app, pygame.K_PAGEDOWN)
    return pages


def drawn_whole(app: App, size: str) -> list[DrawnText]:
    """The texts of the top scene, checked: none cut, none shrunk below its role's size for
    ``size``, none out of its box."""
    from game.theme import FONT_PX

    theme = app.session.theme
    theme.drawn.clear()
    on_top(app).draw(app.canvas)
    for item in theme.drawn:
        assert not item.cut, item.text
        assert item.container.inflate(4, 4).contains(item.rect), item.text
        if not item.text.isdigit() and item.role:
            assert item.px >= FONT_PX[size][item.role], (item.text, item.px)
    return list(theme.drawn)


def set_status(app: App, scenario_id: str, status: str) -> None:
    player = app.session.player
    assert player is not None
    app.session.store.save_progress(
        ScenarioProgress(
            player_id=player.id,
            scenario_id=scenario_id,
            scenario_version="1",
            node_id="start",
            step="",
            visited=[],
            status=status,
        )
    )


@pytest.mark.parametrize("mode", ["mouse", "touch", "keys", "number"])
def test_every_place_opens_its_card_and_plays(app: App, mode: str) -> None:
    """Each way in: the place's card shows the scenario's summary, then « Jouer » plays it."""
    scene = open_map(app, animations=False)
    library = app.session.library.scenarios
    assert scene.pager.pages == 1
    assert sorted(number(m) for m in markers(app)) == list(range(1, len(library) + 1))
    for marker in markers(app)[:: 1 if mode == "mouse" else 5]:
        scenario = library[number(marker) - 1]
        if mode == "mouse":
            click(app, marker.rect.center)
        elif mode == "touch":
            tap(app, marker.rect.center)
        elif mode == "number" and number(marker) <= 9:
            key(app, pygame.K_0 + number(marker))
        else:
            for _ in range(len(scene.focus.items) + 1):
                if getattr(scene.focus.focused, "key", None) == marker.key:
                    break
                key(app, pygame.K_TAB)
            focused = scene.focus.focused
            assert focused is not None and focused.key == marker.key
            key(app, pygame.K_RETURN)
        frames(app)
        card = app.stack.top
        assert isinstance(card, PlaceCardScene), (mode, marker.label)
        drawn = [d.text for d in app.session.theme.drawn]
        assert app.session.loc(scenario.summary) in drawn
        assert app.session.loc(scenario.title) in drawn
        assert app.session.loc(scenario.place.name) in drawn
        assert app.session.t("map.minutes", minutes=scenario.minutes) in drawn
        key(app, pygame.K_ESCAPE)
        frames(app)
        assert app.stack.top is scene
    last = markers(app)[-1]
    click(app, last.rect.center)
    frames(app)
    play = on_top(app).focus.find("play")
    key(app, pygame.K_RETURN)  # « Jouer » has the focus on the card
    frames(app)
    assert play is not None and isinstance(app.stack.top, PlayScene)
    assert app.stack.top.scenario.id == library[number(last) - 1].id


def test_statuses_progress_and_resume_are_drawn(app: App) -> None:
    add_player(app)
    ids = [s.id for s in app.session.library.scenarios]
    for scenario_id in ids[:3]:
        set_status(app, scenario_id, "done")
    set_status(app, ids[3], "in_progress")
    scene = MapScene(app.session)
    app.stack.push(scene)
    frames(app, 2)
    by_id = {m.key.split(":", 1)[1]: m for m in markers(app)}
    assert [by_id[i].status for i in ids[:4]] == ["done", "done", "done", "in_progress"]
    assert {by_id[i].status for i in ids[4:]} == {"new"}
    assert by_id[ids[0]].value == "Terminé" and by_id[ids[3]].value == "En cours"
    app.session.library.structure_ids.add(ids[4])  # a structure's own place says so too
    scene.layout()
    assert "Nouveau, Ta structure" in scene.read_aloud_text()
    app.session.library.structure_ids.discard(ids[4])
    scene.layout()
    drawn = [d.text for d in app.session.theme.drawn]
    assert f"Situations terminées : 3 sur {len(ids)}" in drawn
    said = scene.read_aloud_text()
    assert "Terminé" in said and "En cours" in said and "Nouveau" in said
    click(app, by_id[ids[3]].rect.center)
    frames(app)
    card = app.stack.top
    assert isinstance(card, PlaceCardScene) and labelled(card, "play").label == "Reprendre"
    assert "En cours" in [d.text for d in app.session.theme.drawn]
    press_play = focusable(card, "play")
    click(app, press_play.rect.center)
    frames(app)
    assert isinstance(app.stack.top, PlayScene) and app.stack.top.run.resumed_from is not None


@pytest.mark.parametrize("dyslexic", [False, True])
@pytest.mark.parametrize("size", SIZES)
def test_no_sign_overlaps_none_is_cut_none_shrinks(app: App, size: str, dyslexic: bool) -> None:
    """At every size and font: places inside the town, apart, their texts whole at full size."""
    from tests.game.test_screens import _collisions

    scene = open_map(app, text_size=size, dyslexic_font=dyslexic)
    seen = set()
    for page in every_page(app):
        rects = [m.rect for m in page]
        for i, rect in enumerate(rects):
            assert scene.town.contains(rect), page[i].label
            assert rect.collidelist(rects[i + 1 :]) == -1, page[i].label
        seen |= {m.key for m in page}
        drawn_whole(app, size)
        assert _collisions(app, "map") == []  # no text over another or under a button
    assert seen == {f"scenario:{s.id}" for s in app.session.library.scenarios}
    if size == "medium":
        assert scene.pager.pages == 1  # the whole town on one page at the usual size


@pytest.fixture
def twenty(app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> App:
    root = content_with(tmp_path, 20)
    monkeypatch.setenv("DIVA_CONTENT_DIR", str(root))
    app.session.scenario_folder = content_dir() / "scenarios"
    app.session._library = None
    assert len(app.session.library.scenarios) == 20, app.session.library.broken
    open_map(app, text_size="xlarge")
    return app


def test_a_crowded_town_pages_by_keys_and_arrows(twenty: App) -> None:
    app = twenty
    scene = app.stack.top
    assert isinstance(scene, MapScene) and scene.pager.pages >= 2
    first = {m.key for m in markers(app)}
    key(app, pygame.K_PAGEDOWN)
    assert scene.pager.page == 1 and not first & {m.key for m in markers(app)}
    assert f"Page 2 / {scene.pager.pages}" in scene.read_aloud_text()
    click(app, focusable(scene, "page:previous").rect.center)
    assert scene.pager.page == 0 and {m.key for m in markers(app)} == first
    for marker in markers(app):
        for arrow in ("page:previous", "page:next"):
            assert not marker.rect.colliderect(focusable(scene, arrow).rect)


def test_the_foot_buttons_stay(app: App) -> None:
    from game.scenes.summary import SummaryScene
    from game.scenes.tutorial import TutorialScene

    scene = open_map(app)
    for button_key, kind in (("tutorial", TutorialScene), ("journey", SummaryScene)):
        click(app, focusable(scene, button_key).rect.center)
        frames(app)
        assert isinstance(app.stack.top, kind)
        app.stack.pop()
        frames(app)
    assert scene.focus.find("switch") is not None


def test_each_status_has_its_own_icon_not_the_speaker() -> None:
    """« En cours » once showed the read-aloud speaker: a player would press it to listen."""
    from game.scenes.map import STATUS_ICONS

    icons = list(STATUS_ICONS.values())
    assert len(set(icons)) == len(icons)
    assert not {"speaker", "settings", "back"} & set(icons)


@pytest.mark.parametrize(("size", "name"), [("medium", "medium"), ("xxlarge", "xxlarge")])
def test_map_screenshots(app: App, size: str, name: str) -> None:
    """The town and a card, kept for the docs (docs/images/game-map-*.png come from here)."""
    from tests.game.test_screens import shot_dir

    scene = open_map(app, text_size=size)
    pygame.image.save(app.canvas, str(shot_dir() / f"game-map-{name}.png"))
    scene.open_card(app.session.library.scenarios[0])
    frames(app, 2)
    pygame.image.save(app.canvas, str(shot_dir() / f"game-map-card-{name}.png"))
    assert isinstance(app.stack.top, PlaceCardScene)


def test_places_stay_at_their_point_when_free_and_move_the_least_when_not() -> None:
    """The geometry alone: a free place sits on its point; two places wanting the same point
    end up side by side, apart by the gap, the second as near its point as it can be."""
    from game.ui.town_layout import GAP, Footprint, arrange

    foot = Footprint(100, 60, (50, 20))
    area = (0, 0, 1000, 500)
    [page] = arrange((foot, foot), ((300, 200), (300, 200)), area)
    (_, first), (_, second) = page
    assert first == (250, 180, 100, 60)  # its pin's centre on its point
    a, b = pygame.Rect(first), pygame.Rect(second)
    assert not a.inflate(GAP, GAP).colliderect(b)
    moved = abs(b.x - a.x) + abs(b.y - a.y)
    assert moved <= max(foot.width, foot.height) + GAP


def test_a_town_too_small_for_its_places_gets_pages() -> None:
    from game.ui.town_layout import Footprint, arrange

    foot = Footprint(300, 200, (150, 40))
    pages = arrange((foot,) * 9, ((450, 250),) * 9, (0, 0, 900, 500))
    assert len(pages) > 1
    assert sorted(index for page in pages for index, _ in page) == list(range(9))
    for page in pages:
        rects = [pygame.Rect(r) for _, r in page]
        for i, rect in enumerate(rects):
            assert pygame.Rect(0, 0, 900, 500).contains(rect)
            assert rect.collidelist(rects[i + 1 :]) == -1


@pytest.mark.parametrize("dyslexic", [False, True])
def test_every_card_fits_whole_at_the_largest_size(app: App, dyslexic: bool) -> None:
    """« Énorme », both fonts: every bundled scenario's card (title, place, summary, status,
    minutes, buttons) whole, at its role's size, inside the card, nothing over anything."""
    from tests.game.test_screens import _collisions

    scene = open_map(app, text_size="xxlarge", dyslexic_font=dyslexic)
    for scenario in app.session.library.scenarios:
        scene.open_card(scenario)
        frames(app, 2)
        card = app.stack.top
        assert isinstance(card, PlaceCardScene)
        drawn = drawn_whole(app, "xxlarge")
        assert all(card.box.contains(item.rect) for item in drawn)
        assert app.session.loc(scenario.summary) in [item.text for item in drawn]
        assert _collisions(app, "map-card") == []
        key(app, pygame.K_ESCAPE)
        frames(app)


def same_as_whole(app: App, what: str) -> None:
    kept, whole = kept_and_whole(app)
    assert kept == whole, f"the kept town differs from the town drawn whole: {what}"


def hover(app: App, pos: tuple[int, int]) -> None:
    event = {"pos": pos, "rel": (0, 0), "buttons": (0, 0, 0)}
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, event))
    app.frame()


@pytest.mark.parametrize(
    ("size", "dyslexic", "contrast"),
    [("medium", False, False), ("large", True, True), ("xxlarge", False, False)],
)
def test_the_kept_town_is_the_town_drawn_whole_to_the_pixel(
    app: App, size: str, dyslexic: bool, contrast: bool
) -> None:
    """The map draws its town once and blits it; with the focus on every button in turn, a
    place hovered, a page turned, a card opened and closed, a status changed and the text
    size changed, each frame is the frame drawn whole, pixel for pixel."""
    scene = open_map(app, text_size=size, dyslexic_font=dyslexic, high_contrast=contrast)
    same_as_whole(app, "at rest")
    built = scene.still.builds
    for _ in range(len(scene.focus.items) + 1):
        key(app, pygame.K_TAB)
        same_as_whole(app, f"focus on {scene.focus.focused and scene.focus.focused.key}")
    for marker in scene.markers[:5]:
        hover(app, marker.rect.center)
        same_as_whole(app, f"{marker.key} hovered")
    assert scene.still.builds == built  # the focus and the hover moved: nothing drawn anew
    if scene.pager.pages > 1:
        key(app, pygame.K_PAGEDOWN)
        same_as_whole(app, "page 2")
        assert scene.still.builds == built + 1
    scene.markers[0].activate()  # its card over the town, its place ringed once it closes
    frames(app, 2)
    same_as_whole(app, "a card over the town")
    key(app, pygame.K_ESCAPE)
    frames(app)
    same_as_whole(app, "the place whose card was open, ringed")
    set_status(app, app.session.library.scenarios[0].id, "done")
    scene.layout()
    same_as_whole(app, "a situation done")
    settings = app.session.settings.model_copy(update={"text_size": "xlarge"})
    app.session.apply_settings(settings, save=False)
    app.stack.relayout()
    frames(app)
    same_as_whole(app, "the text size changed")


def test_the_kept_town_is_drawn_anew_only_when_it_changes(app: App) -> None:
    scene = open_map(app)
    app.session.theme.record = False  # as in the game: the kept drawing is used
    frames(app, 3)
    assert scene.still.builds == 1
    for _ in range(6):
        key(app, pygame.K_TAB)
    assert scene.still.builds == 1
    set_status(app, app.session.library.scenarios[1].id, "in_progress")
    scene.layout()
    frames(app, 2)
    assert scene.still.builds == 2  # a status changed: the town is drawn again, once
    app.session.apply_settings(
        app.session.settings.model_copy(update={"language": "en"}), save=False
    )
    app.stack.relayout()
    frames(app, 2)
    assert scene.still.builds == 3
