"""The tutorial shows the ten competencies (icons and plain « je… » labels, said aloud) and
practises a two-card pick (issue 11), at every text size, with the dyslexia font too.

Driven through posted events on the dummy video driver; pictures are checked on the real
canvas; the tutorial file is checked by the same validator trainers use."""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest

from authoring.cli import main as scenario_cli
from game import art
from game.app import App
from game.scene import Key, Press
from game.scenes.identify import IdentifyScene
from game.scenes.map import MapScene
from game.scenes.play import PlayScene
from game.scenes.recognise import RecognitionScene
from game.scenes.tutorial import TEN, TutorialScene, tutorial_file
from game.ui.card import Card
from shared.scenario.loading import load_scenario
from shared.scenario.model import SceneNode
from tests.game.conftest import add_player, frames, key, press
from tests.game.test_read_aloud import RecordingSpeaker

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"
SIZES = [("large", False), ("xlarge", False), ("xxlarge", True)]


def _open(app: App, size: str, dyslexic: bool) -> tuple[TutorialScene, RecordingSpeaker]:
    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    add_player(app, text_size=size, dyslexic_font=dyslexic, read_aloud=True, animations=False)
    app.stack.push(MapScene(app.session))
    scene = TutorialScene(app.session)
    app.stack.push(scene)
    frames(app, 2)
    return scene, speaker


def _tile_colours(app: App, scene: TutorialScene, competencies: list[str]) -> list[str]:
    """The competencies whose icon disc is drawn in its own colour on the canvas."""
    drawn = []
    for competency, rect in zip(competencies, scene._tile_rects(len(competencies)), strict=True):
        disc, _ = scene._tile_parts(rect)
        want = pygame.Color(art.competency_colors()[competency])[:3]
        edge = (disc.x + 4, disc.centery)  # inside the disc, outside the icon
        if tuple(app.canvas.get_at(edge))[:3] == tuple(want):
            drawn.append(competency)
    return drawn


@pytest.mark.parametrize(("size", "dyslexic"), SIZES)
def test_the_ten_competencies_are_shown_and_said(app: App, size: str, dyslexic: bool) -> None:
    scene, speaker = _open(app, size, dyslexic)
    ids = [c.id for c in app.session.framework.competencies]
    assert len(ids) == 10
    shown: list[str] = []
    heard = ""
    for _ in range(12):
        key_, competencies = scene.page_now()
        if key_ == TEN:
            frames(app)
            shown += _tile_colours(app, scene, competencies)
            heard += " " + speaker.said[-1]
            for item in app.session.theme.drawn:
                assert not item.cut, item.text
                assert item.container.inflate(4, 4).contains(item.rect), item.text
            if size == "large" and not dyslexic:
                pygame.image.save(app.canvas, str(SHOTS / "game-tutorial-ten.png"))
        if not isinstance(app.stack.top, TutorialScene):
            break
        if scene.page == len(scene.pages()) - 1:
            break
        key(app, pygame.K_1)  # « Continuer » by its number
        frames(app)
    assert shown == ids  # every icon on its colour, in the framework's order
    for competency in ids:
        assert app.session.competency_name(competency) in heard
    if size == "large":  # all ten on one screen at the usual size
        assert sum(1 for key_, _ in scene.pages() if key_ == TEN) == 1


def _to_identify(app: App, choice_id: str) -> IdentifyScene:
    """Through the tutorial's pages and the practice scene to its identify step."""
    for _ in range(200):
        top = app.stack.top
        assert top is not None
        if isinstance(top, IdentifyScene):
            return top
        if isinstance(top, TutorialScene):
            press(app, "next", "keys")
        elif isinstance(top, PlayScene) and top.phase == "choices":
            press(app, f"choice:{choice_id}", "mouse")
        elif isinstance(top, RecognitionScene):
            key(app, pygame.K_RETURN)
        else:
            key(app, pygame.K_SPACE)
        frames(app)
    pytest.fail(f"never reached the identify step ({type(app.stack.top).__name__})")


def test_every_choice_leads_to_a_two_card_pick_with_feedback(app: App) -> None:
    scenario = load_scenario(tutorial_file())
    first = scenario.node(scenario.start)
    assert isinstance(first, SceneNode)
    t = app.session.t
    for choice in first.choices:
        app.stack.clear()
        frames(app)
        app.running = True
        _open(app, "large", False)
        identify = _to_identify(app, choice.id)
        answers = [s.competency for s in choice.shows]
        assert len(answers) == 2 and identify.question.answers == answers
        assert t("identify.pick_two") in " ".join(identify.prompt_texts())
        cards = [b for b in identify.buttons if isinstance(b, Card)]
        assert {c.competency for c in cards} >= set(answers) and len(cards) >= 4
        for competency in answers:  # by number keys, as a keyboard player would
            number = next(c.number for c in cards if c.competency == competency)
            assert number is not None
            key(app, pygame.K_0 + number)
        assert sorted(identify.selected) == sorted(answers)
        if choice.id == first.choices[0].id:
            pygame.image.save(app.canvas, str(SHOTS / "game-tutorial-two-cards.png"))
        press(app, "validate", "keys")
        head, lines = identify.feedback_lines()
        assert head == t("identify.all_found")
        said = " ".join(sentence for _, sentence in lines)
        for shows in choice.shows:
            assert app.session.loc(shows.why).rstrip(".") in said


def test_one_card_of_two_is_explained_not_marked_wrong(app: App) -> None:
    _open(app, "large", False)
    identify = _to_identify(app, "compter")
    press(app, "card:maths")
    press(app, "validate")
    head, lines = identify.feedback_lines()
    t = app.session.t
    assert head == t("identify.some_found", found=1, total=2)
    said = " ".join(sentence for _, sentence in lines)
    assert "Tu as dit la règle aux enfants avec des mots simples" in said  # the missed card
    pygame.image.save(app.canvas, str(SHOTS / "game-tutorial-feedback.png"))


@pytest.mark.parametrize("choice", ["compter", "grands"])
def test_every_path_plays_to_its_end_and_records_nothing(app: App, choice: str) -> None:
    player = add_player(app)
    app.stack.push(MapScene(app.session))
    app.stack.push(TutorialScene(app.session))
    frames(app)
    identify = _to_identify(app, choice)
    press(app, f"card:{identify.question.answers[0]}")
    press(app, "validate")
    for _ in range(200):
        top = app.stack.top
        assert top is not None
        if isinstance(top, MapScene) and app.session.last_run is not None:
            break
        action = top.autoplay(random.Random(3))
        if isinstance(action, Press):
            press(app, action.button.key)
        elif isinstance(action, Key):
            key(app, action.key)
        frames(app)
    assert isinstance(app.stack.top, MapScene), type(app.stack.top).__name__
    assert app.session.last_run is not None and app.session.last_run["practice"]
    app.session.flush()
    assert app.session.store.evidence(player.id) == []
    assert app.session.store.experiences(player.id) == []


def test_the_tutorial_validates_with_no_error_and_no_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert scenario_cli(["validate", str(tutorial_file())]) == 0
    said = capsys.readouterr()
    assert "0 erreur(s), 0 avertissement(s)" in said.out + said.err
