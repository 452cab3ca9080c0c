"""« Et toi ? » with picture cards and a short answer picked with pictures (issue 11).

Real pygame surfaces on the dummy driver; input posted as events (keyboard only, mouse
only, touch, one switch in scan mode); what is picked is read back from disk through the
skill map's review API, the way the counsellor sees it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game import art
from game.app import App
from game.reflect_answers import PictureAnswers, load_answers
from game.scenes.pick_answer import PickAnswerScene
from game.scenes.play import PlayScene
from game.scenes.reflect import ReflectScene
from game.scenes.summary import SummaryScene
from game.ui.picture_card import AnswerSlot, PictureCard, parts
from shared.experience import Experience
from shared.paths import content_dir
from shared.player import Player
from shared.store import Store
from skillmap.review import drafts, edit_experience
from tests.game.conftest import (
    add_player,
    click,
    focusable,
    frames,
    key,
    labelled,
    library_scenario,
    on_top,
    tap,
)
from tests.game.test_one_switch import SCAN_SECONDS, scan_to, switch
from tests.game.test_read_aloud import RecordingSpeaker

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"
INK = (43, 37, 64)  # the line colour of every pictogram and icon


def _reflect(app: App, scenario_id: str = "club-foot") -> ReflectScene:
    scenario = library_scenario(app, scenario_id)
    play = PlayScene(app.session, scenario)
    scene = ReflectScene(app.session, scenario, play.run, play.progress)
    app.stack.push(scene)
    frames(app, 2)
    return scene


def _ink(surface: pygame.Surface, rect: pygame.Rect) -> int:
    """How many pixels of ``rect`` are (nearly) the drawings' line colour."""
    count = 0
    for x in range(rect.left, rect.right):
        for y in range(rect.top, rect.bottom):
            r, g, b, *_ = surface.get_at((x, y))
            count += abs(r - INK[0]) + abs(g - INK[1]) + abs(b - INK[2]) < 40
    return count


def _cards(scene: ReflectScene | PickAnswerScene) -> list[PictureCard]:
    return [b for b in scene.buttons if isinstance(b, PictureCard)]


@pytest.mark.parametrize("scenario_id", ["club-foot", "marche", "raid-en-ligne", "voisine-fuite"])
def test_every_card_draws_its_scene_picture_and_its_competency_icons(
    app: App, scenario_id: str
) -> None:
    add_player(app)
    scene = _reflect(app, scenario_id)
    suggestions = scene.scenario.reflect.suggestions
    seen: set[str] = set()
    for _ in range(scene.pager.pages):
        app.frame()
        for card in _cards(scene):
            rect = card.rect.move(0, -6) if card.focused or card.hovered else card.rect
            band, _ = parts(rect)
            disc, squares = card.band_parts(band)
            assert card.picture and _ink(app.canvas, disc) > 60, card.key  # the pictogram
            assert len(squares) == min(2, len(card.competencies))
            for square in squares:
                assert _ink(app.canvas, square) > 20, (card.key, square)  # the icon's lines
            colour = pygame.Color(art.competency_colors()[card.competencies[0]])
            corner = (band.x + 3, band.bottom - 12)
            assert tuple(app.canvas.get_at(corner))[:3] == tuple(colour)[:3], card.key
            assert not card.words.startswith(scene.lead().rstrip("…")), card.words
            seen.add(card.key)
        scene.pager.turn(1)
    assert seen == {f"suggestion:{s.id}" for s in suggestions}
    assert scene.lead() == "J’ai déjà…"  # said once, above the cards


def test_in_high_contrast_pictures_sit_on_white(app: App) -> None:
    """The drawings' dark outlines would vanish on high contrast's black panels."""
    add_player(app, high_contrast=True)
    scene = _reflect(app)
    app.frame()
    white = tuple(app.session.theme.color("white"))[:3]
    for card in _cards(scene):
        rect = card.rect.move(0, -6) if card.focused or card.hovered else card.rect
        disc, _ = card.band_parts(parts(rect)[0])
        assert tuple(app.canvas.get_at((disc.x + 3, disc.centery)))[:3] == white, card.key
        assert _ink(app.canvas, disc) > 60, card.key


def _picks(app: App, player: Player) -> Experience:
    app.session.flush()
    [draft] = drafts(Store(app.session.store.root), player.id)  # the skill map's reading
    return draft


def _keys_to(app: App, button_key: str) -> None:
    """Tab until ``button_key`` has the focus, then Enter: the keyboard alone."""
    top = app.stack.top
    assert top is not None
    for _ in range(len(top.focus.items) + 1):
        focused = top.focus.focused
        if focused is not None and focused.key == button_key:
            break
        key(app, pygame.K_TAB)
    assert top.focus.focused is not None
    assert top.focus.focused is not None and top.focus.focused.key == button_key
    key(app, pygame.K_RETURN)
    frames(app)


def _pointer(how: Callable[[App, tuple[int, int]], None]) -> Callable[[App, str], None]:
    def press_it(app: App, button_key: str) -> None:
        button = on_top(app).focus.find(button_key)
        assert button is not None, button_key
        how(app, button.rect.center)
        frames(app)

    return press_it


def _one_switch(app: App, button_key: str) -> None:
    scan_to(app, button_key)
    switch(app)
    frames(app)


WAYS: dict[str, Callable[[App, str], None]] = {
    "keyboard": _keys_to,
    "mouse": _pointer(click),
    "touch": _pointer(tap),
    "one-switch": _one_switch,
}


@pytest.mark.parametrize("way", list(WAYS))
def test_the_short_answer_is_picked_without_typing_and_reaches_the_counsellor(
    app: App, way: str
) -> None:
    scan = way == "one-switch"
    player = add_player(app, scan=scan, scan_seconds=SCAN_SECONDS, animations=False)
    app.render = not scan
    scene = _reflect(app)
    go = WAYS[way]
    first = scene.scenario.reflect.suggestions[0]
    go(app, f"suggestion:{first.id}")
    for question, answer in (("where", "club"), ("who", "amis"), ("when", "annee")):
        go(app, f"ask:{question}")
        assert isinstance(app.stack.top, PickAnswerScene)
        go(app, f"answer:{answer}")
        assert app.stack.top is scene and scene.picked[question] == answer
    assert isinstance(scene.focus.find("ask:when"), AnswerSlot)
    go(app, "send")
    assert isinstance(app.stack.top, SummaryScene)
    draft = _picks(app, player)
    assert (draft.where, draft.with_whom, draft.when) == ("au club", "avec des amis", "cette année")
    assert draft.activities == [first.text["fr"] if isinstance(first.text, dict) else first.text]
    assert (draft.source, draft.status, draft.own_words) == ("game", "draft", "")


def test_pictures_alone_are_kept_and_titled_from_them(app: App) -> None:
    player = add_player(app)
    scene = _reflect(app)
    assert not focusable(scene, "send").enabled  # nothing yet: never a button that pretends
    click(app, focusable(scene, "ask:where").rect.center)
    frames(app)
    key(app, pygame.K_6)  # « dans le quartier », by its number
    frames(app)
    send = labelled(scene, "send")
    assert send.enabled and send.label == app.session.t("reflect.send")
    click(app, send.rect.center)
    draft = _picks(app, player)
    assert (draft.title, draft.where, draft.activities) == (
        "Dans le quartier",
        "dans le quartier",
        [],
    )


def _open_then_key(app: App, scene: ReflectScene, slot: str, pressed: int) -> None:
    """Click a slot open, then press a key on its pictures (a number, or Esc)."""
    click(app, focusable(scene, slot).rect.center)
    frames(app)
    key(app, pressed)
    frames(app)


def test_the_same_picture_again_or_none_of_these_unpicks(app: App) -> None:
    add_player(app)
    scene = _reflect(app)
    for second in ("answer:maison", "none"):
        _open_then_key(app, scene, "ask:where", pygame.K_1)
        assert scene.picked == {"where": "maison"}
        click(app, focusable(scene, "ask:where").rect.center)
        frames(app)
        picker = on_top(app)
        assert isinstance(picker, PickAnswerScene)
        assert next(c for c in _cards(picker) if c.key == "answer:maison").selected
        click(app, focusable(picker, second).rect.center)
        frames(app)
        assert scene.picked == {}


def test_esc_on_the_pictures_changes_nothing_and_passer_keeps_nothing(app: App) -> None:
    player = add_player(app)
    scene = _reflect(app)
    _open_then_key(app, scene, "ask:who", pygame.K_ESCAPE)
    assert app.stack.top is scene and scene.picked == {}
    assert scene.focus.focused is scene.focus.find("ask:who")  # back where the player was
    _open_then_key(app, scene, "ask:who", pygame.K_2)
    assert scene.picked == {"who": "famille"}
    click(app, focusable(scene, "skip").rect.center)
    app.session.flush()
    assert app.session.store.experiences(player.id) == []


def _heard_everything(app: App, speaker: RecordingSpeaker) -> None:
    """Every text the top scene draws, and every button's label, was said."""
    scene = on_top(app)
    heard = " ".join(" ".join(speaker.said).split()).casefold()
    theme = app.session.theme
    theme.drawn.clear()
    scene.draw(pygame.Surface((1280, 720)))
    visible = [d.text for d in theme.drawn if d.text.strip() and not d.text.isdigit()]
    visible += [label for b in scene.focus.items if (label := getattr(b, "label", ""))]
    missing = [text for text in visible if " ".join(text.split()).casefold() not in heard]
    assert not missing, missing


def _nothing_cut(app: App, name: str, full_size: bool = True) -> list[str]:
    theme = app.session.theme
    theme.drawn.clear()
    on_top(app).draw(pygame.Surface((1280, 720)))
    problems = []
    for item in theme.drawn:
        if item.cut or not item.container.inflate(4, 4).contains(item.rect):
            problems.append(f"{name}: {item.text[:40]!r} cut or out of its box")
        small = item.px < theme.px(item.role) - (4 if item.role == "choice" else 0)
        if full_size and small and not item.text.isdigit():
            problems.append(f"{name}: {item.text[:40]!r} at {item.px} px")
    return problems


@pytest.mark.parametrize(
    ("size", "dyslexic"), [("medium", False), ("large", False), ("xlarge", True), ("xxlarge", True)]
)
def test_every_text_size_shows_everything_and_says_it(app: App, size: str, dyslexic: bool) -> None:
    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    player = add_player(
        app, text_size=size, dyslexic_font=dyslexic, read_aloud=True, animations=False
    )
    scene = _reflect(app, "marche")
    problems: list[str] = []
    for page in range(scene.pager.pages):
        frames(app)
        problems += _nothing_cut(app, f"cards page {page + 1}")
        _heard_everything(app, speaker)
        key(app, pygame.K_PAGEDOWN)
        frames(app)
    if scene.split():  # « Énorme »: the short answer and the words on their own page
        assert scene.focus.find("ask:where") is None and scene.field is None
        click(app, focusable(scene, "more").rect.center)
        frames(app)
        assert scene.step == "more" and scene.field is not None
        problems += _nothing_cut(app, "more")
        _heard_everything(app, speaker)
        if size == "xxlarge":
            pygame.image.save(app.canvas, str(SHOTS / "game-reflect-xxlarge-more.png"))
    for question in ("where", "who", "when"):
        click(app, focusable(scene, f"ask:{question}").rect.center)
        frames(app, 2)
        assert isinstance(app.stack.top, PickAnswerScene)
        problems += _nothing_cut(app, question, full_size=size != "xxlarge")
        _heard_everything(app, speaker)
        if size == "large" and question == "who":
            pygame.image.save(app.canvas, str(SHOTS / "game-reflect-who.png"))
        key(app, pygame.K_1)
        frames(app)
    assert not problems, "\n".join(problems)
    if size in ("large", "xxlarge"):
        if scene.step == "more":
            key(app, pygame.K_ESCAPE)  # back to the cards
        frames(app, 2)
        pygame.image.save(app.canvas, str(SHOTS / f"game-reflect-cards-{size}.png"))
    click(app, focusable(scene, "send").rect.center)
    assert _picks(app, player).where == "à la maison"


def test_the_counsellor_can_correct_with_whom(app: App) -> None:
    player = add_player(app)
    scene = _reflect(app)
    _open_then_key(app, scene, "ask:who", pygame.K_3)
    click(app, focusable(scene, "send").rect.center)
    draft = _picks(app, player)
    store = Store(app.session.store.root)
    edit_experience(store, player.id, draft.id, "Mme Benali", with_whom="avec des voisins")
    [edited] = drafts(store, player.id)
    assert edited.with_whom == "avec des voisins"
    assert edited.history[-1].action == "edit:with_whom"


def test_an_old_experience_file_without_with_whom_still_loads() -> None:
    old = {"player_id": "p1", "title": "Aidé au club", "where": "US Denain", "when": "2024"}
    experience = Experience.model_validate(old)
    assert experience.with_whom == "" and experience.where == "US Denain"


def test_a_broken_answers_file_leaves_the_cards_and_the_words(tmp_path: Path) -> None:
    broken = tmp_path / "answers.yaml"
    broken.write_text("questions: [{id: where, title: Où, answers: nope}]\n", encoding="utf-8")
    assert load_answers(broken) == PictureAnswers()
    bundled = load_answers()
    assert [q.id for q in bundled.questions] == ["where", "who", "when"]
    for question in bundled.questions:
        for answer in question.answers:
            assert (content_dir() / answer.picture).is_file(), answer.picture
