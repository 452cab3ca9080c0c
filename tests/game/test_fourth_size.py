"""« Énorme » reaches every text of these screens (issue 16): at the fourth size, with Andika
and with the dyslexia font, no text is drawn below its role's size, none is cut, none spills
out of its box, none runs over another or under a button. Boxes grow and lists page instead.

Screens: title, player list (and its search, and long pseudonyms) and form (every page of
the look), first launch (both pages), settings (every tab and page), confirm, « Revoir », the
letter grid (and in scan mode), the end screen, « Mon parcours » (every page), the moment of
recognition, the recap on resume and the identify step's question and cards, its hint and
its feedback (every page).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.app import App
from game.scene import Scene
from game.scenes.confirm import ConfirmScene
from game.scenes.first_launch import FirstLaunchScene
from game.scenes.history import HistoryScene
from game.scenes.identify import IdentifyScene
from game.scenes.letters import LetterGridScene
from game.scenes.map import MapScene
from game.scenes.player import PlayerScene
from game.scenes.recap import RecapScene
from game.scenes.recognise import RecognitionScene
from game.scenes.run import Run
from game.scenes.settings import TABS, SettingsScene
from game.scenes.title import TitleScene
from game.theme import FONT_PX
from shared.scenario.model import IdentifyNode, SceneNode
from shared.store.progress import ScenarioProgress
from tests.game.conftest import add_player, focusable, key, labelled, library_scenario, on_top
from tests.game.test_screens import TOLERANCE, _collisions, _summary, _summary_five

SIZE = "xxlarge"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"
LONG_LINE = "Salut ! Tu viens jouer avec nous au club de foot ce samedi matin, avant le match ?"


def _over_map(app: App, scene: Scene) -> None:
    app.stack.push(MapScene(app.session))
    app.stack.push(scene)


def _history(app: App) -> None:
    for line in (LONG_LINE, "Oui, super idée", "Ta partie est enregistrée.") * 4:
        app.stack.history.add(f"{line} {len(app.stack.history.lines)}")
    _over_map(app, HistoryScene(app.session))


def _recognise(app: App) -> None:
    scenario = library_scenario(app, "club-foot")
    choice = max(
        (c for n in scenario.nodes if isinstance(n, SceneNode) for c in n.choices),
        key=lambda c: len(c.shows),
    )
    app.stack.push(RecognitionScene(app.session, choice, lambda: None))


def _recap(app: App) -> None:
    scenario = library_scenario(app, "club-foot")
    first = scenario.node(scenario.start)
    assert isinstance(first, SceneNode) and first.choices
    after = first.choices[0].goto
    progress = ScenarioProgress(
        player_id="p", scenario_id=scenario.id, node_id=after, visited=[scenario.start, after]
    )
    _over_map(app, RecapScene(app.session, scenario, progress))


def _letters(app: App, scan: bool) -> None:
    if scan:
        app.session.apply_settings(app.session.settings.model_copy(update={"scan": True}))
    app.stack.push(PlayerScene(app.session, create=True))
    grid = LetterGridScene(app.session, "Zoé-Lou", lambda word: None)
    app.stack.push(grid)
    if scan:
        app.frame()
        focusable(grid, "row:4").activate()  # the accented row


def _search(app: App) -> None:
    from shared.player import Player

    for n in range(20):
        app.session.store.add_player(Player(pseudonym=f"Joueur{n:02d}"))
    scene = PlayerScene(app.session)
    app.stack.push(scene)
    app.frame()
    scene._set_query("R1")


def _long_names(app: App) -> None:
    """Pseudonyms of 12 to 24 letters (the form's most), which used to shrink on their card."""
    from shared.player import Player

    for name in ("Maximilienne", "Jean-Christophe-Alexandre", "Wladyslawa Grzegorzewska"):
        app.session.store.add_player(Player(pseudonym=name[:24]))
    app.stack.push(PlayerScene(app.session))


def _identify(app: App) -> None:
    """The step after the choice that shows most (the longest « Tu as choisi : « … » »), its
    first card picked: « Choisie » drawn too."""
    scenario = library_scenario(app, "voisine-fuite")
    node = next(n for n in scenario.nodes if isinstance(n, IdentifyNode))
    chosen = max(
        (c for n in scenario.nodes if isinstance(n, SceneNode) for c in n.choices
         if c.goto == node.id),
        key=lambda c: len(app.session.loc(c.text)),
    )  # fmt: skip
    scene = IdentifyScene(app.session, scenario, node, Run(scenario.id), lambda: None, chosen)
    app.stack.push(scene)
    app.frame()
    scene._toggle(scene.question.cards[-1])


def _identify_hint(app: App) -> None:
    """The identify step with its hint open (« Je ne sais pas »)."""
    _identify(app)
    on_top(app, IdentifyScene)._dont_know()


def _identify_feedback(app: App) -> None:
    """The identify step's feedback, after « Valider » with the last card picked."""
    _identify(app)
    on_top(app, IdentifyScene)._validate()


SCREENS: dict[str, Callable[[App], object]] = {
    "title": lambda app: app.stack.push(TitleScene(app.session)),
    "player-list": lambda app: app.stack.push(PlayerScene(app.session)),
    "player-list-long": _long_names,
    "player-create": lambda app: app.stack.push(PlayerScene(app.session, create=True)),
    "player-search": _search,
    "first-launch": lambda app: app.stack.push(FirstLaunchScene(app.session)),
    "settings": lambda app: _over_map(app, SettingsScene(app.session)),
    "confirm": lambda app: _over_map(app, ConfirmScene.quit_game(app.session, lambda: None)),
    "history": _history,
    "letters": lambda app: _letters(app, False),
    "letters-scan": lambda app: _letters(app, True),
    "summary": _summary,
    "summary-five": _summary_five,
    "summary-journey": lambda app: _over_map(
        app, __import__("game.scenes.summary").scenes.summary.SummaryScene(app.session, None)
    ),
    "recognise": _recognise,
    "recap": _recap,
    "identify": _identify,
    "identify-hint": _identify_hint,
    "identify-feedback": _identify_feedback,
}
# Buttons that turn a screen's pages or steps: each view reached is checked too.
TURNS = ("page:next", "look:next", "more", "go")


def _problems(app: App, name: str) -> list[str]:
    """What the top scene draws wrong at the fourth size: small, cut, outside, overlapping."""
    theme = app.session.theme
    theme.drawn.clear()
    on_top(app).draw(app.canvas)
    problems = []
    for item in theme.drawn:
        if not item.text.strip() or item.text.isdigit():  # a badge's digit fits its circle
            continue
        full = FONT_PX[SIZE].get(item.role, 0)
        if item.px < full:
            problems.append(f"{name}: {item.text[:40]!r} at {item.px} px < {full} px")
        if item.cut:
            problems.append(f"{name}: {item.text[:40]!r} cut")
        if not item.container.inflate(TOLERANCE * 2, TOLERANCE * 2).contains(item.rect):
            problems.append(f"{name}: {item.text[:40]!r} outside its box")
    return problems + _collisions(app, name)


def _views(app: App, name: str) -> list[str]:
    """The screen, then each page or step its turn buttons reach (at most six)."""
    problems = _problems(app, name)
    top = app.stack.top
    assert top is not None
    for turn in TURNS:
        seen = 0
        while seen < 6 and top.focus.find(turn) is not None and app.stack.top is top:
            if turn == "go" and not getattr(top, "paged", False):
                break
            before = top.screen_text()
            focusable(top, turn).activate()
            app.frame()
            if app.stack.top is not top or top.screen_text() == before:
                break
            seen += 1
            problems += _problems(app, f"{name} ({turn} {seen})")
    return problems


@pytest.mark.parametrize("dyslexic", [False, True])
def test_my_screens_keep_every_text_whole_at_the_fourth_size(app: App, dyslexic: bool) -> None:
    problems: list[str] = []
    for name, build in SCREENS.items():
        app.stack.clear()
        app.frame()
        app.running = True
        add_player(app, f"Lina{len(app.session.store.players())}", text_size=SIZE,
                   dyslexic_font=dyslexic)  # fmt: skip
        build(app)
        app.frame()
        app.frame()
        assert app.session.theme.px("body") == FONT_PX[SIZE]["body"]
        assert app.session.theme.dyslexic is dyslexic
        problems += _views(app, name)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("tab", TABS)
def test_every_settings_tab_keeps_its_texts_whole_at_the_fourth_size(app: App, tab: str) -> None:
    add_player(app, text_size=SIZE, dyslexic_font=True)
    settings = SettingsScene(app.session)
    _over_map(app, settings)
    app.frame()
    focusable(settings, f"tab:{tab}").activate()
    app.frame()
    problems = _views(app, f"settings {tab}")
    assert not problems, "\n".join(problems[:40])
    assert settings.pages > 1 or tab != "reading"  # « Lire » has more rows than fit: pages


def test_lists_page_rather_than_shrink(app: App) -> None:
    """« Mon parcours » reaches all ten competencies and « Revoir » all twelve lines, a page
    at a time, at the fourth size in the dyslexia font."""
    from game.scenes.summary import SummaryScene

    add_player(app, text_size=SIZE, dyslexic_font=True)
    journey = SummaryScene(app.session, None)
    _over_map(app, journey)
    app.frame()
    seen: list[str] = []
    assert journey.side is not None and len(journey.side.pages) > 2
    for _ in journey.side.pages:
        seen += [c for c, _ in journey.shown_here()]
        focusable(journey, "page:next").activate()
    assert sorted(seen) == sorted(app.session.framework.by_id)
    app.stack.clear()
    app.frame()
    app.running = True
    _history(app)
    app.frame()
    history = on_top(app)
    assert isinstance(history, HistoryScene) and history.pages > 1
    lines = set()
    for _ in range(history.pages):
        lines |= {b.label for b in history.buttons if b.key.startswith("line:")}
        history.turn(1)
    assert len(lines) == 12


@pytest.mark.parametrize("dyslexic", [False, True])
def test_identify_pages_its_cards_and_keeps_the_picks_across_pages(
    app: App, dyslexic: bool
) -> None:
    """At « Énorme » the question wraps on the first page and the cards follow on the next
    ones (PageDown, the arrows): every card reached once, numbered on, « Page x / y » said,
    and a card picked on one page still picked (and « Valider » on) on another."""
    from tests.game.test_read_aloud import RecordingSpeaker

    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    add_player(app, text_size=SIZE, dyslexic_font=dyslexic, read_aloud=True)
    _identify(app)
    scene = on_top(app, IdentifyScene)
    assert scene.pager.pages > 1
    seen: list[int] = []
    for page in range(scene.pager.pages):
        label = f"Page {page + 1} / {scene.pager.pages}"
        assert label in scene.screen_text() and label in speaker.said[-1]  # said on turning
        cards = [b for b in scene.buttons if b.key.startswith("card:")]
        seen += [b.number or 0 for b in cards]
        assert all(b.label in speaker.said[-1] for b in cards)
        assert focusable(scene, "validate").enabled
        if page < 2 and not dyslexic:
            shot = ("game-identify-xxlarge.png", "game-identify-xxlarge-cards.png")[page]
            pygame.image.save(app.canvas, str(SHOTS / shot))
        key(app, pygame.K_PAGEDOWN)
    assert seen == list(range(1, len(scene.question.cards) + 1))
    assert scene.pager.page == 0  # round to the question again
    assert scene.selected == [scene.question.cards[-1]]
    focusable(scene, "page:previous").activate()  # the arrow: the last page, with the pick
    app.frame()
    picked = labelled(scene, f"card:{scene.question.cards[-1]}")
    assert picked.selected


def test_the_fonts_have_every_character_of_the_game_s_words() -> None:
    """Each character of the game's catalogues is in Andika and OpenDyslexic (no missing-glyph
    box), but « → », which the game draws as « › » in the dyslexia font."""
    import json
    from pathlib import Path

    from fontTools.ttLib import TTFont

    from game import art

    words = ""
    for lang in ("fr", "en"):
        path = Path(__file__).resolve().parents[2] / "game" / "locales" / f"{lang}.json"
        words += "".join(json.loads(path.read_text(encoding="utf-8")).values())
    for dyslexic in (False, True):
        have = TTFont(str(art.font_path(False, dyslexic))).getBestCmap()
        missing = {c for c in set(words) if ord(c) not in have and c.isprintable()}
        assert missing <= ({"→"} if dyslexic else set()), (dyslexic, missing)
        assert ord("›") in have
    pygame.init()
