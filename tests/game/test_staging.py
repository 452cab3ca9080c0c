"""Staging (issue 11): a node's place, two characters and the player's avatar, faces that
follow each line, and light animations that change nothing once they are over."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game.app import App
from game.scenes.play import PlayScene
from game.theme import TEXT_SIZES
from game.ui.images import background
from game.ui.stage import PLAYER_KEY, Stage, place
from shared.paths import content_dir
from shared.player import Avatar, Player
from shared.scenario.loading import load_scenario
from shared.scenario.model import Scenario
from shared.scenario.validate import catalogue_for, validate_file
from tests.game.conftest import frames, kept_and_whole, key, scene_node

HERE = Path(__file__).parent
KARIM, NOUR = "character:karim", "character:nour"
LOOK = Avatar(skin=1, hair="curly", hair_color="auburn", clothes="hoodie", clothes_color="yellow")


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    path = tmp_path / "staging.yaml"
    shutil.copy(HERE / "staging_scenario.yaml", path)
    return load_scenario(path, content_dir())


def start(app: App, scenario: Scenario, animations: bool = False, size: str = "large"):
    player = Player(pseudonym="Lina", tutorial_done=True, avatar=LOOK)
    player.settings = player.settings.model_copy(
        update={"animations": animations, "text_size": size}
    )
    app.session.store.add_player(player)
    app.session.set_player(player)
    scene = PlayScene(app.session, scenario)
    app.stack.push(scene)
    app.frame()
    return scene


def canvas(app: App) -> pygame.Surface:
    return app.canvas.copy()


def rects(scene: PlayScene) -> dict[str, pygame.Rect]:
    return {shown.figure.key: shown.rect for shown in scene.stage.shown.values()}


def differing(a: pygame.Surface, b: pygame.Surface, rect: pygame.Rect) -> float:
    """The share of pixels of ``rect`` that differ between two canvases."""
    rect = rect.clip(a.get_rect())
    sub_a, sub_b = a.subsurface(rect), b.subsurface(rect)
    changed = sum(
        sub_a.get_at((x, y)) != sub_b.get_at((x, y))
        for x in range(0, rect.width, 3)
        for y in range(0, rect.height, 3)
    )
    return changed / len(range(0, rect.width, 3)) / len(range(0, rect.height, 3))


def face(rect: pygame.Rect) -> pygame.Rect:
    """The face of a portrait (viewBox 400 x 500: the head sits around 120-330)."""
    return pygame.Rect(
        rect.x + rect.width * 0.3, rect.y + rect.height * 0.3, rect.width * 0.4, rect.height * 0.3
    )


def to_node(app: App, scene: PlayScene, node_id: str) -> None:
    for _ in range(20):
        if scene.node.id == node_id:
            return
        key(app, pygame.K_SPACE)
    raise AssertionError(f"never reached {node_id}")


def test_two_characters_stand_on_the_place(app: App, scenario: Scenario) -> None:
    scene = start(app, scenario)
    shot = canvas(app)
    place_only = background(app.session.theme, scenario.place.background)
    where = rects(scene)
    assert set(where) == {KARIM, NOUR}
    assert where[KARIM].centerx < 640 < where[NOUR].centerx  # left then right, as cast says
    for rect in where.values():
        assert rect.height > 430  # bigger than the old head-and-shoulders portrait
        assert differing(shot, place_only, face(rect)) > 0.5  # someone stands there
    assert differing(shot, place_only, pygame.Rect(560, 150, 160, 200)) < 0.05  # between them


def test_the_speaker_is_lit_the_listener_dimmed(app: App, scenario: Scenario) -> None:
    scene = start(app, scenario)
    lit = {shown.figure.key: shown.figure.lit for shown in scene.stage.shown.values()}
    assert lit == {KARIM: True, NOUR: False}
    key(app, pygame.K_SPACE)
    lit = {shown.figure.key: shown.figure.lit for shown in scene.stage.shown.values()}
    assert lit == {KARIM: False, NOUR: True}


def test_a_face_follows_the_line_the_listener_keeps_theirs(app: App, scenario: Scenario) -> None:
    scene = start(app, scenario)
    key(app, pygame.K_SPACE)  # Nour, happy
    happy = canvas(app)
    key(app, pygame.K_SPACE)  # Karim: Nour listens, still happy
    key(app, pygame.K_SPACE)  # Nour, worried
    worried = canvas(app)
    faces = {shown.figure.key: shown.figure.expression for shown in scene.stage.shown.values()}
    assert faces == {KARIM: "neutral", NOUR: "worried"}
    where = rects(scene)
    assert differing(happy, worried, face(where[NOUR])) > 0.02
    floor = scene.box.top(app.session.theme) - 80  # above the box and the name tag
    karim = where[KARIM].clip(pygame.Rect(0, 0, 1280, floor))
    assert differing(happy, worried, karim) == 0  # Karim listened both times


def test_the_player_stands_on_the_right_in_a_new_place(app: App, scenario: Scenario) -> None:
    scene = start(app, scenario)
    to_node(app, scene, "cuisine")
    shot = canvas(app)
    where = rects(scene)
    assert set(where) == {NOUR, PLAYER_KEY}
    assert where[NOUR].centerx < 640 < where[PLAYER_KEY].centerx
    kitchen = background(app.session.theme, scenario.node("cuisine").background)
    pitch = background(app.session.theme, scenario.place.background)
    corner = pygame.Rect(560, 100, 120, 80)  # between the figures: the place itself
    assert differing(shot, kitchen, corner) < 0.05 < differing(shot, pitch, corner)
    assert differing(shot, kitchen, face(where[PLAYER_KEY])) > 0.5
    # the player's thought: their avatar is lit and worried, Nour listens
    figures = {shown.figure.key: shown.figure for shown in scene.stage.shown.values()}
    assert figures[PLAYER_KEY].lit and figures[PLAYER_KEY].expression == "worried"
    assert figures[PLAYER_KEY].look == LOOK
    assert not figures[NOUR].lit


@pytest.mark.parametrize("size", TEXT_SIZES)
def test_figures_never_cover_the_box_or_the_choices(
    app: App, scenario: Scenario, size: str
) -> None:
    scene = start(app, scenario, size=size)
    to_node(app, scene, "cuisine")
    key(app, pygame.K_SPACE)
    assert scene.phase == "choices"
    floor = scene.box.top(app.session.theme)
    choices = [b.rect for b in scene.buttons if b.key.startswith("choice:")]
    assert choices
    for rect in rects(scene).values():
        visible = pygame.Rect(rect.x, rect.y, rect.width, floor - rect.y)
        assert visible.height >= rect.height * 0.7  # the face and shoulders show
        assert visible.collidelist(choices) == -1
        assert rect.top >= 0 and rect.left >= 0


def test_figures_shrink_not_the_text_when_the_box_grows() -> None:
    from game.ui.stage import Figure, Staging

    staging = Staging(None, (Figure(KARIM, Avatar(), "neutral", "left"),))
    tall = place(staging, floor=480)[0][1]
    short = place(staging, floor=310)[0][1]
    assert short.height < tall.height
    assert short.top >= 0 and short.top + short.height * 0.6 <= 310


def play_to_kitchen(app: App, scenario: Scenario, animations: bool) -> PlayScene:
    scene = start(app, scenario, animations=animations)
    for _ in range(20):
        if scene.node.id == "cuisine":
            break
        scene.box.complete()
        scene.advance()  # no input event: the animations of the new node keep running
    return scene


def test_animations_ease_in_and_end_on_the_same_frame(app: App, scenario: Scenario) -> None:
    scene = play_to_kitchen(app, scenario, animations=True)
    app.frame()
    first = canvas(app)
    assert not scene.stage.done  # the place fades, the player slides in
    seen = [first]
    for _ in range(120):
        if scene.settled():
            break
        app.frame()
        seen.append(canvas(app))
    assert scene.settled()
    final = canvas(app)
    middle = seen[len(seen) // 2]
    box = scene.box.rect
    above = pygame.Rect(0, 0, 1280, box.top)
    assert differing(first, final, above) > 0.2
    assert differing(middle, final, above) > 0.02

    app.stack.clear()
    app.stack.apply()
    off = app.session.settings.model_copy(update={"animations": False})
    app.session.apply_settings(off, save=False)
    still = play_to_kitchen(app, scenario, animations=False)
    app.frame()
    assert still.stage.done and still.settled()  # off: the first frame is the final one
    assert differing(canvas(app), final, app.canvas.get_rect()) == 0


def test_any_input_skips_the_animations(app: App, scenario: Scenario) -> None:
    scene = play_to_kitchen(app, scenario, animations=True)
    app.frame()
    assert not scene.stage.done
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(5, 300), button=3))
    app.frame()
    assert scene.stage.done


def test_a_new_face_bounces_only_with_animations(app: App, scenario: Scenario) -> None:
    scene = start(app, scenario, animations=True)
    frames(app, 60)
    scene.box.complete()
    scene.advance()  # Nour speaks, happy: her face changed
    frames(app, 2)
    moving = scene.stage.shown[NOUR]
    assert moving.bounce is not None and not moving.bounce.done
    assert moving.current().y < moving.rect.y


def test_the_stage_without_animations_is_at_once(app: App) -> None:
    from game.ui.stage import Figure, Staging

    stage = Stage()
    figure = Figure(KARIM, Avatar(), "neutral", "left")
    stage.show(Staging("a.svg", (figure,)), 480, animate=False)
    stage.show(Staging("b.svg", (figure,)), 480, animate=False)
    assert stage.done and stage.fade is None


def test_the_validator_names_a_bad_cast(tmp_path: Path) -> None:
    text = (HERE / "staging_scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("cast: [karim, nour]", "cast: [karim, nour, zoe]")
    text = text.replace(
        "    cast: [nour]\n    player: true", "    cast: [nour, karim]\n    player: true"
    )
    text = text.replace("cast: []", "cast: [karim]").replace(
        '      - text: {fr: "La journée', '      - speaker: nour\n        text: {fr: "La journée'
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validate_file(path, content_dir())
    found = {(p.key, p.line) for p in problems}
    lines = text.splitlines()

    def line_of(snippet: str, after: int = 0) -> int:
        return next(i for i, row in enumerate(lines, 1) if i > after and snippet in row)

    assert ("check.unknown_cast", line_of("zoe")) in found
    assert ("check.cast_too_big", line_of("zoe")) in found
    assert ("check.cast_and_player", line_of("cast: [nour, karim]")) in found
    assert ("check.speaker_off_stage", line_of("speaker: nour", line_of("id: fin"))) in found
    unknown = next(p for p in problems if p.key == "check.unknown_cast")
    assert lines[unknown.line - 1][unknown.col - 1 :].startswith("zoe")
    assert "« zoe »" in unknown.message and "cast" in unknown.message
    english = validate_file(path, content_dir(), catalogue=catalogue_for("en"))
    said = {p.message for p in english if p.key == "check.speaker_off_stage"}
    assert said == {"“nour” speaks but is not on stage: add them to cast"}


def test_without_cast_the_speaker_stands_alone_as_before(scenario: Scenario) -> None:
    from game.ui.stage import staging_for

    node = scene_node(scenario, "terrain").model_copy(update={"cast": None})
    lines = node.lines
    staging = staging_for(scenario, node, lines[:2], LOOK)
    assert [(f.key, f.side, f.expression, f.lit) for f in staging.figures] == [
        (NOUR, "left", "happy", True)
    ]
    assert staging_for(scenario, node, [], LOOK).figures == ()
    ending = staging_for(scenario, scenario.node("fin"), [], LOOK)
    assert [(f.key, f.side) for f in ending.figures] == [(PLAYER_KEY, "right")]
    assert ending.background == scenario.place.background  # the ending is back on the pitch


@pytest.mark.parametrize("size", ["medium", "xxlarge"])
def test_the_kept_stage_is_the_stage_drawn_whole_to_the_pixel(
    app: App, scenario: Scenario, size: str
) -> None:
    scene = start(app, scenario, size=size)
    seen = set()
    for _ in range(20):
        kept, whole = kept_and_whole(app)
        assert kept == whole, f"the kept stage differs at {scene.node.id} line {scene.line}"
        seen.add(scene.node.id)
        if scene.phase == "choices":
            break
        key(app, pygame.K_SPACE)
    assert seen == {"terrain", "cuisine"} and scene.phase == "choices"  # narrow: gathered left
    assert scene.still.builds >= 4  # the kept path was the one compared, drawn per change


def test_the_kept_stage_is_drawn_again_when_the_stage_changes_not_each_frame(
    app: App, scenario: Scenario
) -> None:
    scene = start(app, scenario)
    app.session.theme.record = False  # as in the game: the kept drawing is used
    app.frame()
    built = scene.still.builds
    assert built == 1
    frames(app, 5)
    assert scene.still.builds == built  # at rest: blitted, not drawn again
    key(app, pygame.K_SPACE)  # Nour speaks, happy: the lit figure and a face changed
    assert scene.still.builds == built + 1
    frames(app, 5)
    assert scene.still.builds == built + 1
    to_node(app, scene, "cuisine")  # a new place, the player's avatar
    after = scene.still.builds
    assert after > built + 1
    frames(app, 5)
    assert scene.still.builds == after


def test_the_stage_is_drawn_anew_while_it_moves_and_released_on_close(
    app: App, scenario: Scenario
) -> None:
    app.session.theme.record = False  # as in the game: the kept drawing is used
    scene = play_to_kitchen(app, scenario, animations=True)
    built = scene.still.builds
    app.frame()
    assert not scene.stage.done and scene.still.builds == built  # moving: not kept
    for _ in range(120):
        if scene.stage.done:
            break
        app.frame()
    app.frame()
    assert scene.stage.done and scene.still.builds == built + 1  # at rest: kept once
    app.stack.clear()
    app.stack.apply()
    assert scene.still._whole is None  # the scene closed: its kept stage is dropped


def test_the_kept_stage_follows_a_face_or_a_place_that_alone_changes(
    app: App, scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a face, then only the place, changes (nobody moves, the same one speaks): the
    kept drawing follows each, never showing the stage before."""
    from dataclasses import replace

    scene = start(app, scenario)
    staging = scene.staging()
    *others, lit = staging.figures
    assert lit.expression != "worried"
    worried = replace(staging, figures=(*others, replace(lit, expression="worried")))
    elsewhere = replace(worried, background=scenario.node("cuisine").background)
    for now, what in ((staging, "at rest"), (worried, "a face"), (elsewhere, "the place")):
        monkeypatch.setattr(scene, "staging", lambda now=now: now)
        kept, whole = kept_and_whole(app)
        assert kept == whole, f"the kept stage missed a change: {what}"
    assert scene.still.builds == 3
