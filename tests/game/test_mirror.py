"""The game as a mirror (issue 11): every choice is recognised, identify starts from it.

Real scenes on the dummy video driver, driven by posted key presses and clicks.
"""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest

from game.app import App
from game.scene import Press
from game.scenes.identify import IdentifyScene
from game.scenes.map import MapScene
from game.scenes.play import PlayScene
from game.scenes.recognise import RecognitionScene
from game.ui.button import Button
from shared.scenario.identify import question
from shared.scenario.model import IdentifyNode, SceneNode
from tests.game.conftest import (
    add_player,
    click,
    focusable,
    frames,
    key,
    library_scenario,
    on_top,
    press,
)

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"
CONTINUE_ZONE = pygame.Rect(900, 400, 340, 104)  # « Continuer », on the box's top right edge


def _painted(surface: pygame.Surface, zone: pygame.Rect, color: pygame.Color) -> int:
    """How many pixels of ``zone`` are exactly ``color``."""
    return (
        sum(
            1
            for x in range(zone.left, zone.right, 2)
            for y in range(zone.top, zone.bottom, 2)
            if surface.get_at((x, y)) == color
        )
        * 4
    )


def _step(app: App, rng: random.Random) -> None:
    top = app.stack.top
    assert top is not None
    action = top.autoplay(rng)
    if action is None:
        app.frame()
    elif isinstance(action, Press):
        press(app, action.button.key)
    else:
        key(app, action.key)


def _until(app: App, kind: type, rng: random.Random, limit: int = 400) -> None:
    for _ in range(limit):
        if isinstance(app.stack.top, kind):
            return
        _step(app, rng)
    raise AssertionError(f"never reached {kind.__name__}")


def test_every_choice_is_followed_by_exactly_what_it_shows(app: App) -> None:
    """Each recognition moment lists the choice's ``shows``: same competencies, same order,
    each sentence carrying its ``why`` and the competency's name; drawn and said."""
    add_player(app)
    scenario = library_scenario(app, "club-foot")
    app.stack.push(MapScene(app.session))
    play = PlayScene(app.session, scenario)
    app.stack.push(play)
    frames(app)
    rng = random.Random(5)
    seen = 0
    for _ in range(400):
        top = app.stack.top
        assert top is not None
        if isinstance(top, RecognitionScene):
            choice = top.choice
            assert [c for c, _ in top.rows] == [s.competency for s in choice.shows]
            app.session.theme.drawn.clear()
            frames(app)
            drawn = " ".join(d.text for d in app.session.theme.drawn)
            for shows, (_, sentence) in zip(choice.shows, top.rows, strict=True):
                assert app.session.loc(shows.why).rstrip(".") in sentence
                assert app.session.competency_name(shows.competency) in sentence
                assert sentence in drawn
                assert sentence in top.screen_text()
            if seen == 0:
                pygame.image.save(app.canvas, str(SHOTS / "game-recognition.png"))
            seen += 1
            key(app, pygame.K_SPACE)  # skippable with one key
            frames(app)
            assert not isinstance(app.stack.top, RecognitionScene)
            continue
        if not isinstance(top, (PlayScene, IdentifyScene, RecognitionScene)):
            break
        _step(app, rng)
    assert seen >= 2


def test_a_click_anywhere_skips_the_recognition(app: App) -> None:
    add_player(app)
    scenario = library_scenario(app, "marche")
    app.stack.push(PlayScene(app.session, scenario))
    frames(app)
    _until(app, RecognitionScene, random.Random(1))
    click(app, (60, 700))
    frames(app)
    assert not isinstance(app.stack.top, RecognitionScene)


@pytest.mark.parametrize("seed", range(6))
def test_identify_cards_always_include_what_the_players_choice_showed(app: App, seed: int) -> None:
    """Over every bundled scenario, random paths: at each identify step the cards contain
    every competency the last choice showed, and those are the right answers."""
    add_player(app)
    rng = random.Random(seed)
    asked = 0
    for scenario in app.session.library.scenarios:
        app.stack.push(MapScene(app.session))
        play = PlayScene(app.session, scenario)
        app.stack.push(play)
        frames(app)
        for _ in range(600):
            top = app.stack.top
            assert top is not None
            if isinstance(top, IdentifyScene) and top.phase == "pick" and not top.selected:
                assert top.chosen is not None  # every bundled identify step follows a choice
                shown = [s.competency for s in top.chosen.shows]
                cards = [b.key.removeprefix("card:") for b in top.buttons if b.key[:5] == "card:"]
                assert set(shown) <= set(cards), (scenario.id, top.node.id, shown, cards)
                assert shown and set(top.question.answers) == set(shown)
                assert 3 <= len(cards) <= 6
                recall, _ = top.prompt_texts()
                assert app.session.loc(top.chosen.text) in recall
                asked += 1
            if not isinstance(top, (PlayScene, IdentifyScene, RecognitionScene)):
                break
            _step(app, rng)
        app.stack.clear()
        frames(app)
        app.running = True
    assert asked >= len(app.session.library.scenarios) // 2


def test_identify_feedback_points_at_the_action_and_explains_a_miss(app: App) -> None:
    add_player(app)
    scenario = library_scenario(app, "club-foot")
    node = next(n for n in scenario.nodes if isinstance(n, IdentifyNode))
    chooser = next(
        c
        for n in scenario.nodes
        if isinstance(n, SceneNode)
        for c in n.choices
        if c.goto == node.id and c.shows
    )
    play = PlayScene(app.session, scenario)
    app.stack.push(play)
    frames(app)
    scene = IdentifyScene(app.session, scenario, node, play.run, lambda: None, chosen=chooser)
    app.stack.push(scene)
    frames(app)
    right = chooser.shows[0].competency
    wrong = next(c for c in scene.question.cards if c not in scene.question.answers)
    press(app, f"card:{right}")
    press(app, f"card:{wrong}")
    pygame.image.save(app.canvas, str(SHOTS / "game-identify-own-choice.png"))
    press(app, "validate")
    frames(app)
    head, lines = scene.feedback_lines()
    text = " ".join(s for _, s in lines)
    assert app.session.loc(chooser.shows[0].why).rstrip(".") in text
    about = app.session.loc(app.session.framework.competency(wrong).description)
    assert about in text or app.session.loc(node.not_here.get(wrong, "")) in text
    assert "bien pensé" not in text
    pygame.image.save(app.canvas, str(SHOTS / "game-identify-feedback.png"))
    assert play.run.asked == 1 and play.run.right == 0


def test_question_falls_back_to_the_nodes_answers_without_a_choice() -> None:
    node = IdentifyNode(
        id="n",
        type="identify",
        cards=["oral", "regles", "maths"],
        answers=["oral"],
        why="w",
        hint="h",
        next="x",
    )
    asked = question(node, None)
    assert asked.answers == ["oral"] and not asked.from_choice
    assert sorted(asked.cards) == ["maths", "oral", "regles"]
    assert asked.max_picks == 2


def test_the_validator_warns_of_a_way_into_identify_after_a_choice_showing_nothing(
    tmp_path: Path,
) -> None:
    """club-foot with one choice into its identify step emptied of ``shows``: exactly that
    way in is named; the bundled file has no such warning."""
    from shared.paths import content_dir
    from shared.scenario.validate import validate_file

    source = content_dir() / "scenarios" / "club-foot.yaml"
    assert not [p for p in validate_file(source) if p.key == "check.identify_no_choice"]
    scenario = __import__("yaml").safe_load(source.read_text(encoding="utf-8"))
    target = next(n["id"] for n in scenario["nodes"] if n.get("type") == "identify")
    emptied = None
    for node in scenario["nodes"]:
        for choice in node.get("choices", []):
            if choice["goto"] == target and emptied is None:
                choice["shows"] = []
                emptied = choice["id"]
    assert emptied is not None
    broken = tmp_path / "scenarios" / "club-foot.yaml"
    broken.parent.mkdir()
    broken.write_text(__import__("yaml").safe_dump(scenario, allow_unicode=True), "utf-8")
    found = [p for p in validate_file(broken, content_dir()) if p.key == "check.identify_no_choice"]
    assert len(found) == 1 and emptied in found[0].message and found[0].severity == "warning"


def _level_words(app: App) -> set[str]:
    session = app.session
    return {session.framework.level_word(level, lang) for level in range(1, 5) for lang in ("fr",)}


def test_a_random_player_never_gets_a_summary_claiming_a_level(app: App) -> None:
    """Every bundled scenario played by a random clicker: the summary's words (drawn and
    read aloud) never hold a level word (« Sans aide »…); its title is the scenario's; the
    rows are what the choices showed, with their counts."""
    from game.scenes.summary import SummaryScene

    add_player(app)
    levels = _level_words(app)
    rng = random.Random(11)
    for scenario in app.session.library.scenarios:
        app.stack.push(MapScene(app.session))
        app.stack.push(PlayScene(app.session, scenario))
        frames(app)
        _until(app, SummaryScene, rng, limit=800)
        summary = on_top(app, SummaryScene)
        app.session.theme.drawn.clear()
        frames(app)
        words = " ".join(d.text for d in app.session.theme.drawn) + summary.screen_text()
        assert not [w for w in levels if w in words], (scenario.id, words)
        assert summary.title() == app.session.loc(scenario.title)
        assert summary.run is not None
        assert dict(summary.shown_here()) == {
            **{c: 0 for c in summary.run.recognised},
            **summary.run.times,
        }
        app.stack.clear()
        frames(app)
        app.running = True


def test_all_ten_competencies_are_reachable_in_my_journey(app: App) -> None:
    from game.scenes.summary import SummaryScene

    add_player(app)
    scene = SummaryScene(app.session, None)
    app.stack.push(MapScene(app.session))
    app.stack.push(scene)
    frames(app, 2)
    seen = [c for c, _ in scene.shown_here()]
    key(app, pygame.K_PAGEDOWN)
    seen += [c for c, _ in scene.shown_here()]
    press(app, "page:next")  # and round again with the arrow
    assert [c for c, _ in scene.shown_here()] == seen[:5]
    assert sorted(seen) == sorted(app.session.framework.by_id)
    press(app, "page:previous")
    pygame.image.save(app.canvas, str(SHOTS / "game-journey.png"))


def test_autoplay_reports_what_was_shown_and_what_was_recognised(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from game.cli import main
    from shared.store.store import Store

    args = ["--headless", "--autoplay", "marche", "--seed", "2", "--player", "Noa"]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    store = Store(data_dir)
    player_id = store.find_players("Noa")[0]["id"]
    evidence = store.evidence(player_id)
    shown: dict[str, int] = {}
    for row in evidence:
        for item in row.shown:
            shown[item.competency] = shown.get(item.competency, 0) + 1
    assert report["shown"] == shown and shown
    identify = [e for e in evidence if e.kind == "identify"]
    assert report["recognised"] == {
        "asked": len(identify),
        "right": sum(1 for e in identify if e.matched),
    }
    # the counsellor's model keeps them apart: shown in play, recognised, confirmed
    profile = store.profile(player_id, list(shown))
    for entry in profile.competencies:
        assert entry.evidence == shown[entry.competency] and entry.confirmed_level is None
        assert entry.recognised == sum(
            1 for e in identify if entry.competency in set(e.identified) & set(e.expected)
        )


def _bundled_texts() -> list[str]:
    """Every text a player can read: scenarios (both languages), the game's catalogues and
    the framework's names and descriptions."""
    import json

    import yaml

    from shared.paths import content_dir

    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    root = content_dir()
    for path in [*(root / "scenarios").glob("*.yaml"), *(root / "frameworks").glob("*.yaml")]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    game = Path(__file__).resolve().parents[2] / "game" / "locales"
    for path in game.glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return [text for text in found if " " in text]


def test_french_punctuation_is_never_wrapped_alone() -> None:
    """« ». », « €. », « ! », « ? », « : » never start a line, « « » never ends one: over
    every bundled text, at every text size and role, at the widths the screens use."""
    from game.boot import init_pygame
    from game.theme import TEXT_SIZES, Theme
    from game.ui.text import wrap
    from shared.look.text import GLUE_AFTER, GLUE_BEFORE, TRAILING

    init_pygame()
    texts = _bundled_texts()
    with_signs = [t for t in texts if any(f" {sign}" in t for sign in GLUE_BEFORE | GLUE_AFTER)]
    assert len(with_signs) > 100  # the check has French punctuation to look at
    orphans = []
    for size in TEXT_SIZES:
        theme = Theme(size)
        for role in ("body", "heading", "small", "choice"):
            font = theme.font(role)
            for width in (200, 330, 420, 560, 770, 1000):
                for text in with_signs:
                    for line in wrap(text, font, width):
                        first = line.split(" ")[0]
                        alone = first[:1] in GLUE_BEFORE and all(c in TRAILING for c in first)
                        if alone or line.rstrip()[-1:] in GLUE_AFTER:
                            orphans.append((size, role, width, line, text))
    assert not orphans, orphans[:5]


def test_fewer_presses_before_the_first_choice(app: App) -> None:
    """A speaker's lines come together and the choices come with the node's last words:
    in every bundled scenario, fewer presses than lines before the first choice (one a line,
    and one more for the choices, before), and « Continuer » is drawn as a filled button."""
    add_player(app, animations=False)
    fewer = 0
    for scenario in app.session.library.scenarios:
        node = scenario.node(scenario.start)
        lines = 0
        while isinstance(node, SceneNode) and not node.choices:
            lines += len(node.lines)
            assert node.next is not None, node.id  # a scene without choices goes on
            node = scenario.node(node.next)
        assert not isinstance(node, IdentifyNode), node.id  # the first choices, or an ending
        lines += len(node.lines)
        play = PlayScene(app.session, scenario)
        app.stack.push(play)
        frames(app)
        presses = 0
        while play.phase != "choices":
            button = app.session.theme.color("button")
            assert _painted(app.canvas, CONTINUE_ZONE, button) > 3000  # the « Continuer » pill
            key(app, pygame.K_SPACE)
            presses += 1
            assert presses <= lines
        fewer += presses < lines
        app.stack.clear()
        frames(app)
        app.running = True
    assert fewer >= len(app.session.library.scenarios) // 2


def test_keep_for_the_talk_never_pretends(app: App) -> None:
    """Nothing picked, nothing written: « Garder pour l'entretien » is disabled and says why;
    a click on it does nothing; one suggestion picked and it keeps."""
    from game.scenes.reflect import ReflectScene

    add_player(app)
    scenario = library_scenario(app, "club-foot")
    play = PlayScene(app.session, scenario)
    reflect = ReflectScene(app.session, scenario, play.run, play.progress)
    app.stack.push(reflect)
    frames(app, 2)
    send = focusable(reflect, "send")
    assert isinstance(send, Button) and not send.enabled
    assert send.label == app.session.t("reflect.send_needs")
    assert send.label in [d.text for d in app.session.theme.drawn]
    pygame.image.save(app.canvas, str(SHOTS / "game-reflect-nothing-picked.png"))
    click(app, send.rect.center)
    frames(app)
    assert app.stack.top is reflect
    press(app, "suggestion:" + scenario.reflect.suggestions[0].id)
    frames(app)
    send = focusable(reflect, "send")
    assert isinstance(send, Button)
    assert send.enabled and send.label == app.session.t("reflect.send")


def test_the_validator_draws_the_recognition_moment_and_finds_a_cut_why(tmp_path: Path) -> None:
    """A choice's ``why`` far too long for the recognition moment is reported by
    ``diva-scenario validate`` (the validator draws the game's screens, this one too)."""
    import yaml

    from authoring.layout import LAYOUT_CHECKS
    from shared.paths import content_dir
    from shared.scenario.validate import validate_file

    source = content_dir() / "scenarios" / "club-foot.yaml"
    scenario = yaml.safe_load(source.read_text(encoding="utf-8"))
    node = next(n for n in scenario["nodes"] if n.get("choices"))
    node["choices"][0]["shows"][0]["why"] = {"fr": " ".join(["Tu as parlé."] * 60)}
    scenario["languages"] = ["fr"]
    broken = tmp_path / "scenarios" / "club-foot.yaml"
    broken.parent.mkdir()
    broken.write_text(yaml.safe_dump(scenario, allow_unicode=True), "utf-8")
    problems = validate_file(broken, content_dir(), extra=LAYOUT_CHECKS)
    cut = [p for p in problems if p.key == "layout.cut"]
    assert cut and cut[0].line > 0, "the long why was not found cut"


def test_a_workshop_pc_lists_only_that_workshops_players(app: App) -> None:
    """Started for workshop QMGXD5, the player screen shows its players only (the code as
    read out, with spaces, is the same); without a workshop, everyone."""
    from game.scenes.player import PlayerScene
    from shared.player import Player

    store = app.session.store
    for name, codes in (("Lina", ["QMGXD5"]), ("Sam", ["ZZZ111"]), ("Noa", [])):
        store.add_player(Player(pseudonym=name, tutorial_done=True, workshops=codes))
    app.session.options.workshop = "qmg xd5"
    scene = PlayerScene(app.session)
    app.stack.push(scene)
    frames(app, 2)
    names = [row["pseudonym"] for row in scene._players()]
    assert names == ["Lina"]
    drawn = " ".join(d.text for d in app.session.theme.drawn)
    assert "Lina" in drawn and "Sam" not in drawn and "Noa" not in drawn
    pygame.image.save(app.canvas, str(SHOTS / "game-players-this-workshop.png"))
    app.stack.clear()
    frames(app)
    app.session.options.workshop = ""
    everyone = PlayerScene(app.session)
    app.stack.push(everyone)
    frames(app)
    assert sorted(row["pseudonym"] for row in everyone._players()) == ["Lina", "Noa", "Sam"]


def test_the_wheel_has_words(app: App) -> None:
    """Each icon of the wheel is a button named after its competency: focused (Tab) or
    pointed at, a bubble says its name and what the player's choices showed."""
    from game.scenes.run import Run
    from game.scenes.summary import SummaryScene, WheelIcon

    add_player(app)
    run = Run("club-foot", times={"oral": 2}, recognised=["oral"], asked=1, right=1)
    scene = SummaryScene(app.session, run)
    app.stack.push(scene)
    frames(app, 2)
    icons = [b for b in scene.buttons if isinstance(b, WheelIcon)]
    assert [b.key for b in icons] == [f"wheel:{c}" for c in app.session.framework.by_id]
    oral = focusable(scene, "wheel:oral")
    scene.focus.focus_item(oral)
    app.session.theme.drawn.clear()
    frames(app)
    drawn = [d.text for d in app.session.theme.drawn]
    assert app.session.competency_name("oral") in drawn
    assert app.session.t("summary.shown_recognised", n=2) in drawn
    pygame.image.save(app.canvas, str(SHOTS / "game-summary-wheel-words.png"))
