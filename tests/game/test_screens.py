"""Every scene type rendered at the 3 text sizes and in high contrast: PNGs are saved, no text
overflows its box, and every text meets its contrast ratio (4.5:1, or 7:1 in high contrast)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game import art
from game.app import App
from game.scenes.confirm import ConfirmScene
from game.scenes.identify import IdentifyScene
from game.scenes.map import MapScene
from game.scenes.play import PlayScene, Run
from game.scenes.player import PlayerScene
from game.scenes.reflect import ReflectScene
from game.scenes.settings import SettingsScene
from game.scenes.summary import KEY_BOX, SummaryScene
from game.scenes.title import TitleScene
from game.scenes.tutorial import TutorialScene
from game.theme import FONT_PX
from shared.player import Avatar
from shared.scenario.model import IdentifyNode
from tests.game.conftest import add_player, labelled, library_scenario, on_top

NAMES = ["Lina", "Yanis", "Inès", "Kevin", "Aminata", "Théo"]
LOOKS = [
    Avatar(skin=2, hair="long", hair_color="black", clothes="hoodie", clothes_color="teal"),
    Avatar(skin=4, hair="short", clothes="jacket", clothes_color="navy", facial_hair="stubble"),
    Avatar(skin=1, hair="bun", hair_color="auburn", clothes="sweater", accessory="glasses"),
    Avatar(skin=3, hair="curly", clothes="tshirt", clothes_color="red", accessory="cap"),
    Avatar(skin=5, hair="braids", clothes="shirt", clothes_color="yellow", accessory="earrings"),
    Avatar(skin=0, hair="short", hair_color="blond", clothes="jersey", clothes_color="green"),
]
# Texts that keep their role's full size at every text size (long words wrap instead of
# shrinking): all the texts of a screen's top scene (None), or the ones named.
FULL_SIZE: dict[str, set[str] | None] = {
    "summary": None,
    "summary-five": None,
    "summary-five-en": None,
    "summary-journey": None,
    "settings": None,
    "reflect": None,
    "player-create": None,  # the form's labels, the pickers' labels and values, the button
    "map": None,  # the places' signs wrap, never shrink; at big sizes the town has pages
    "map-card": None,
}
THEMES = [("medium", False), ("large", False), ("xlarge", False), ("large", True), ("xlarge", True)]
TOLERANCE = 2


def shot_dir() -> Path:
    folder = Path(
        os.environ.get("DIVA_SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "diva-screens"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _play(app: App, until: str) -> PlayScene:
    scenario = library_scenario(app, "club-foot")
    scene = PlayScene(app.session, scenario)
    app.stack.push(scene)
    app.frame()
    if until == "choices":
        while scene.phase != "choices":
            scene.advance()
    else:
        scene.advance()
        scene.box.complete()
    return scene


def _identify(app: App, phase: str) -> None:
    scenario = library_scenario(app, "club-foot")
    node = next(n for n in scenario.nodes if isinstance(n, IdentifyNode))
    scene = IdentifyScene(app.session, scenario, node, Run(scenario.id), lambda: None)
    app.stack.push(scene)
    app.frame()
    if phase == "empty":  # nothing picked yet: « Valider » is disabled
        return
    scene._toggle(node.cards[0])
    if phase == "feedback":
        scene._validate()
    elif phase == "hint":
        scene._dont_know()


def _reflect(app: App) -> None:
    scenario = library_scenario(app, "club-foot")
    scene = PlayScene(app.session, scenario)
    scene.run.saw("oral", 2)
    app.stack.push(ReflectScene(app.session, scenario, scene.run, scene.progress))
    app.frame()
    on_top(app, ReflectScene)._toggle(scenario.reflect.suggestions[1])


def _reflect_pictures(app: App) -> None:
    """« Avec qui ? »: the pictures opened from the reflect step (issue 11)."""
    _reflect(app)
    app.frame()
    on_top(app, ReflectScene)._ask("who")


def _settings(app: App) -> None:
    """The settings over the town map."""
    app.stack.push(MapScene(app.session))
    app.stack.push(SettingsScene(app.session))


def _confirm(app: App) -> None:
    """« Quitter ? » over the town map."""
    app.stack.push(MapScene(app.session))
    app.stack.push(ConfirmScene.quit_game(app.session, lambda: None))


def _tutorial_ten(app: App) -> None:
    """The tutorial's page of the ten competencies (issue 11)."""
    scene = TutorialScene(app.session)
    app.stack.push(scene)
    app.frame()
    scene.page = 2
    scene.layout()


def _summary(app: App) -> None:
    run = Run("club-foot", times={"oral": 2, "imprevus": 3, "collectif": 1, "regles": 4})
    run.ending_title = "Un super entraînement"
    app.stack.push(SummaryScene(app.session, run))


def _summary_five(app: App, language: str = "fr") -> None:
    """Five competencies, two of them with long names, and the longest level word."""
    if language != "fr":
        app.session.apply_settings(app.session.settings.model_copy(update={"language": language}))
    shown = {"oral": 2, "codes-sociaux": 1, "imprevus": 3, "collectif": 2, "regles": 4}
    run = Run("club-foot", times=shown, recognised=["oral", "regles"])
    run.ending_title = "Un super entraînement"
    app.stack.push(SummaryScene(app.session, run))


def _map_card(app: App) -> None:
    """A place's card over the town: the longest summary of the bundled scenarios."""
    scene = MapScene(app.session)
    app.stack.push(scene)
    app.frame()
    longest = max(app.session.library.scenarios, key=lambda s: len(app.session.loc(s.summary)))
    scene.open_card(longest)


SCREENS: dict[str, Callable[[App], object]] = {
    "title": lambda app: app.stack.push(TitleScene(app.session)),
    "player-list": lambda app: app.stack.push(PlayerScene(app.session)),
    "player-create": lambda app: app.stack.push(PlayerScene(app.session, create=True)),
    "map": lambda app: app.stack.push(MapScene(app.session)),
    "map-card": _map_card,
    "play-line": lambda app: _play(app, "line"),
    "play-choices": lambda app: _play(app, "choices"),
    "identify": lambda app: _identify(app, "pick"),
    "identify-empty": lambda app: _identify(app, "empty"),
    "identify-hint": lambda app: _identify(app, "hint"),
    "identify-feedback": lambda app: _identify(app, "feedback"),
    "reflect": _reflect,
    "reflect-pictures": _reflect_pictures,
    "summary": _summary,
    "summary-five": _summary_five,
    "summary-five-en": lambda app: _summary_five(app, "en"),
    "summary-journey": lambda app: app.stack.push(SummaryScene(app.session, None)),
    "settings": _settings,
    "tutorial": lambda app: app.stack.push(TutorialScene(app.session)),
    "tutorial-ten": _tutorial_ten,
    "confirm": _confirm,
}


def render(app: App, name: str, size: str, high: bool) -> Path:
    app.stack.clear()
    app.frame()
    count = len(app.session.store.players())
    player = add_player(app, NAMES[count % len(NAMES)], text_size=size, high_contrast=high)
    player.avatar = LOOKS[count % len(LOOKS)]
    app.session.store.save_player(player)
    SCREENS[name](app)
    app.frame()
    app.frame()
    path = shot_dir() / f"{name}-{size}{'-hc' if high else ''}.png"
    pygame.image.save(app.canvas, str(path))
    return path


@pytest.mark.parametrize(("size", "high"), THEMES)
def test_every_screen_fits_and_reads(app: App, size: str, high: bool) -> None:
    minimum = 7.0 if high else 4.5
    problems: list[str] = []
    for name in SCREENS:
        path = render(app, name, size, high)
        assert path.stat().st_size > 10_000
        drawn = app.session.theme.drawn
        assert drawn, f"{name}: no text recorded"
        for item in drawn:
            box = item.container.inflate(TOLERANCE * 2, TOLERANCE * 2)
            if item.text.strip() and not box.contains(item.rect):
                problems.append(f"{name}: {item.text[:40]!r} {item.rect} outside {item.container}")
            if item.cut:
                problems.append(f"{name}: {item.text[:60]!r} cut with an ellipsis")
            ratio = art.contrast_ratio(item.fg, item.bg)
            if ratio < minimum:
                problems.append(f"{name}: {item.text[:30]!r} {item.fg} on {item.bg} = {ratio:.2f}")
    assert not problems, "\n".join(problems[:30])


def _collisions(app: App, name: str) -> list[str]:
    """Texts of the top scene that run over another of its texts or under one of its buttons."""
    scene = on_top(app)
    app.session.theme.drawn.clear()
    scene.draw(app.canvas)
    texts = [item for item in app.session.theme.drawn if item.text.strip()]
    buttons = [b.rect for b in scene.focus.items if hasattr(b, "rect")]
    focused = scene.focus.focused
    if focused is not None:  # the focus ring, drawn over everything, hides no text
        pad = getattr(focused, "ring_pad", 14) + 6
        buttons.append(focused.rect.inflate(pad, pad))
    problems = []
    for i, item in enumerate(texts):
        for other in texts[i + 1 :]:
            same = item.text == other.text and item.rect == other.rect  # drawn twice, harmless
            overlap = item.rect.clip(other.rect)
            if min(overlap.size) > TOLERANCE * 2 and not same:
                problems.append(
                    f"{name}: {item.text[:30]!r} runs over {other.text[:30]!r} ({overlap.size})"
                )
        for rect in buttons:
            overlap = item.rect.clip(rect)
            if min(overlap.size) > TOLERANCE and not rect.contains(item.container):
                problems.append(f"{name}: {item.text[:30]!r} {item.rect} under a button {rect}")
    return problems


@pytest.mark.parametrize(("size", "high"), THEMES)
def test_no_text_runs_over_another_or_under_a_button(app: App, size: str, high: bool) -> None:
    problems: list[str] = []
    for name in SCREENS:
        render(app, name, size, high)
        problems += _collisions(app, name)
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize(("size", "high"), THEMES)
def test_texts_keep_their_full_size(app: App, size: str, high: bool) -> None:
    """Nothing on these screens is drawn below its role's size for the text size setting
    (a badge's digit may shrink to fit its circle)."""
    problems: list[str] = []
    for name, only in FULL_SIZE.items():
        render(app, name, size, high)
        app.session.theme.drawn.clear()
        on_top(app).draw(app.canvas)  # the top scene alone, not the map under an overlay
        for item in app.session.theme.drawn:
            full = FONT_PX[size].get(item.role, 0)
            if only is not None and item.text not in only or item.text.isdigit():
                continue
            if item.px < full:
                problems.append(f"{name}: {item.text[:40]!r} drawn at {item.px} px < {full} px")
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize(("size", "high"), THEMES)
def test_disabled_buttons_read_yet_look_disabled(app: App, size: str, high: bool) -> None:
    """A disabled button's words keep their contrast (4.5:1, 7:1 in high contrast) on a
    muted, flat panel that looks unlike the enabled button it would be."""
    minimum = 7.0 if high else 4.5
    seen = 0
    for name, key in [("identify-empty", "validate"), ("settings", "read_aloud")]:
        render(app, name, size, high)
        scene = on_top(app)
        button = labelled(scene, key)
        assert not button.enabled, name
        seen += 1
        theme = app.session.theme
        theme.drawn.clear()
        scene.draw(app.canvas)
        words = [item for item in theme.drawn if item.text == button.label]
        assert words, f"{name}: the disabled label is not drawn"
        for item in words:
            assert button.rect.inflate(4, 4).contains(item.rect)
            assert art.contrast_ratio(item.fg, item.bg) >= minimum, (name, item.fg, item.bg)
            assert item.bg == theme.hex("disabled"), name
        fill = app.canvas.get_at((button.rect.x + 12, button.rect.centery))
        assert fill[:3] == theme.color("disabled")[:3], name
    assert seen == 2


@pytest.mark.parametrize("high", [False, True])
def test_wheel_key_swatches_look_like_the_wheel(app: App, high: bool) -> None:
    """« Tout ton parcours » is a slice filled with the competencies' colours (as the wheel's
    parts are), not one accent colour; « Dans cette situation » is an outline."""
    render(app, "summary", "large", high)
    theme = app.session.theme
    cell = KEY_BOX.width // 2
    filled = pygame.Rect(KEY_BOX.x, KEY_BOX.centery - 22, 48, 44)
    outlined = filled.move(cell, 0)
    colours = {
        tuple(app.canvas.get_at((x, y)))[:3]
        for x in range(filled.left, filled.right)
        for y in range(filled.top, filled.bottom)
    }
    wheel = {tuple(pygame.Color(c))[:3] for c in art.competency_colors().values()}
    assert len(colours & wheel) >= 2
    assert tuple(theme.color("accent"))[:3] not in colours
    centre = tuple(app.canvas.get_at((outlined.centerx, outlined.bottom - 14)))[:3]
    assert centre == tuple(theme.color("panel"))[:3]  # outlined: the panel shows inside
    edge = {
        tuple(app.canvas.get_at((x, y)))[:3]
        for x in range(outlined.left, outlined.right)
        for y in range(outlined.top, outlined.bottom)
    }
    assert tuple(theme.color("focus"))[:3] in edge
