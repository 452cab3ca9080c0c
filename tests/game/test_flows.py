"""Whole flows through the real scenes: creating a player by typing, the player's own words
kept unedited, settings saved per player, the tutorial, a broken scenario, quitting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame

from game.app import App
from game.scenes.map import MapScene
from game.scenes.play import PlayScene
from game.scenes.player import PlayerScene
from game.scenes.reflect import ReflectScene
from game.scenes.settings import SettingsScene
from game.scenes.title import TitleScene
from game.scenes.tutorial import TutorialScene
from shared.scenario.loading import load_library
from shared.store.store import Store
from tests.game.conftest import (
    add_player,
    click,
    frames,
    key,
    library_scenario,
    on_top,
    press,
    scene_node,
)


def type_text(app: App, text: str) -> None:
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    app.frame()


def test_title_to_map_creating_a_player_with_the_keyboard(app: App) -> None:
    app.stack.push(TitleScene(app.session))
    frames(app, 2)
    key(app, pygame.K_1)
    frames(app)
    assert isinstance(app.stack.top, PlayerScene) and app.stack.top.creating
    name_field = on_top(app, PlayerScene).name_field
    assert name_field is not None
    click(app, name_field.rect.center)
    type_text(app, "Néo_59")
    press(app, "part:hair")
    press(app, "create")
    frames(app, 2)
    assert isinstance(app.stack.top, MapScene)
    app.session.flush()
    rows = app.session.store.players()
    assert [r["pseudonym"] for r in rows] == ["Néo_59"]
    assert app.session.store.player(rows[0]["id"]).avatar.hair == "long"


def test_switching_player_is_two_clicks(app: App) -> None:
    first = add_player(app, "Ada")
    add_player(app, "Bea")
    app.stack.push(MapScene(app.session))
    frames(app)
    press(app, "switch")
    frames(app)
    press(app, f"player:{first.id}")
    frames(app)
    assert isinstance(app.stack.top, MapScene) and app.session.player is not None
    assert app.session.player.id == first.id


def test_reflect_keeps_the_players_words_unedited(app: App) -> None:
    player = add_player(app)
    scenario = library_scenario(app, "marche")
    play = PlayScene(app.session, scenario)
    app.stack.push(ReflectScene(app.session, scenario, play.run, play.progress))
    frames(app, 2)
    words = "jai deja aidé mon oncle au marché , le samedi  matin"
    field = on_top(app, ReflectScene).field
    assert field is not None
    click(app, field.rect.center)
    type_text(app, words)
    press(app, f"suggestion:{scenario.reflect.suggestions[2].id}")
    press(app, "send")
    app.session.flush()
    [draft] = app.session.store.experiences(player.id)
    assert draft.own_words == words
    assert (draft.source, draft.status, draft.kind) == (
        "game",
        "draft",
        scenario.reflect.suggestions[2].kind,
    )


def test_settings_apply_at_once_and_are_saved_per_player(app: App) -> None:
    player = add_player(app)
    app.stack.push(MapScene(app.session))
    app.stack.push(SettingsScene(app.session))
    frames(app)
    press(app, "size:xlarge")
    press(app, "contrast:on")
    press(app, "lang:en")
    press(app, "tab:sound")
    press(app, "animations:no")  # a switch: « Oui » / « Non » written
    assert app.session.theme.high_contrast and app.session.t("title.play") == "Play"
    press(app, "close")
    app.session.flush()
    saved = app.session.store.player(player.id).settings
    assert (saved.text_size, saved.high_contrast, saved.language, saved.animations) == (
        "xlarge",
        True,
        "en",
        False,
    )


def test_tutorial_is_playable_and_records_nothing(app: App) -> None:
    player = add_player(app)
    player.tutorial_done = False
    app.stack.push(MapScene(app.session))
    app.stack.push(TutorialScene(app.session))
    frames(app)
    for _ in range(400):
        top = app.stack.top
        if isinstance(top, MapScene) and app.session.last_run is not None:
            break
        assert top is not None
        action = top.autoplay(__import__("random").Random(1))
        if action is None:
            app.frame()
        elif hasattr(action, "button"):
            click(app, action.button.rect.center)
        else:
            key(app, action.key)
    assert isinstance(app.stack.top, MapScene) and app.session.last_run is not None
    assert app.session.last_run["practice"]
    app.session.flush()
    assert app.session.store.evidence(player.id) == []
    assert app.session.store.experiences(player.id) == []
    assert app.session.store.player(player.id).tutorial_done


def test_a_broken_scenario_is_skipped_and_named(tmp_path: Path, app: App) -> None:
    folder = tmp_path / "content" / "scenarios"
    folder.mkdir(parents=True)
    content = Path(__file__).resolve().parents[2] / "content"
    for name in ("frameworks", "images"):
        shutil.copytree(content / name, folder.parent / name)
    good = content / "scenarios" / "marche.yaml"
    (folder / "marche.yaml").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "casse.yaml").write_text("id: casse\nnodes: [\n", encoding="utf-8")
    library = load_library(folder, lang="fr", framework=app.session.framework)
    assert [s.id for s in library.scenarios] == ["marche"]
    assert library.broken[0][0] == "casse.yaml"
    app.session._library = library
    add_player(app)
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    texts = [d.text for d in app.session.theme.drawn]
    assert any("casse.yaml" in t for t in texts)


def test_closing_the_window_asks_first(app: App) -> None:
    add_player(app)
    app.stack.push(MapScene(app.session))
    frames(app)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    frames(app)
    assert app.running
    press(app, "no")
    frames(app)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    frames(app)
    press(app, "yes")
    frames(app)
    assert not app.running or app.stack.top is None


def test_store_errors_are_shown_in_plain_words(app: App) -> None:
    add_player(app)
    app.stack.push(MapScene(app.session))
    frames(app)
    app.session.write(Store.finish_tutorial, "gone")  # refused by the store: no such player
    app.session.flush()
    frames(app)
    texts = [d.text for d in app.session.theme.drawn]
    assert app.session.t("save.retrying", count=1) in texts
    assert not any("gone" in t for t in texts)


class FakeSpeaker:
    available = True
    notice = ""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def say(self, text: str, lang: str = "fr") -> None:
        self.said.append((text, lang))

    def close(self) -> None:
        """Nothing to release."""


def test_read_aloud_by_button_key_and_automatically(app: App) -> None:
    speaker = FakeSpeaker()
    app.session.speaker = speaker
    add_player(app, read_aloud=True, animations=False)
    scenario = library_scenario(app, "club-foot")
    app.stack.push(PlayScene(app.session, scenario))
    frames(app)
    first = app.session.loc(scene_node(scenario, scenario.start).lines[0].text)
    assert first in speaker.said[-1][0] and speaker.said[-1][1] == "fr"
    press(app, "speak")
    key(app, pygame.K_r)
    assert [text for text, _ in speaker.said[-2:]] == [speaker.said[-3][0]] * 2


def type_keys(app: App, text: str) -> None:
    """Typing as SDL reports it: a key press, then the text it makes."""
    for char in text:
        k = pygame.key.key_code(char) if char.isascii() and char.isalnum() else pygame.K_UNKNOWN
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=char, scancode=0)
        )
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode=char, scancode=0))
        app.frame()


def test_a_player_is_created_with_the_keyboard_alone(app: App) -> None:
    """The pseudonym has the keys at once; its digits stay text; Tab goes as the eye reads."""
    app.stack.push(TitleScene(app.session))
    frames(app, 2)
    key(app, pygame.K_1)
    frames(app)
    scene = app.stack.top
    assert isinstance(scene, PlayerScene) and scene.focus.focused is scene.name_field
    assert scene.name_field is not None
    look = scene.avatar
    type_keys(app, "Lina59")
    assert scene.name_field.text == "Lina59" and scene.avatar == look
    order = [item.key for item in scene.focus.items]
    assert order.index("name") < order.index("part:skin") < order.index("code")
    assert order.index("code") < order.index("create")
    key(app, pygame.K_TAB)
    assert scene.focus.focused is not None
    assert scene.focus.focused is not None and scene.focus.focused.key == "part:skin"
    while scene.focus.focused is not None and scene.focus.focused.key != "create":
        key(app, pygame.K_TAB)
    key(app, pygame.K_RETURN)
    frames(app, 2)
    assert isinstance(app.stack.top, MapScene)
    app.session.flush()
    assert [r["pseudonym"] for r in app.session.store.players()] == ["Lina59"]


def test_digits_typed_in_the_reflect_words_do_not_pick_suggestions(app: App) -> None:
    player = add_player(app)
    scenario = library_scenario(app, "marche")
    play = PlayScene(app.session, scenario)
    app.stack.push(ReflectScene(app.session, scenario, play.run, play.progress))
    frames(app, 2)
    field = on_top(app, ReflectScene).field
    assert field is not None
    click(app, field.rect.center)
    type_keys(app, "2 freres 3 soeurs")
    assert on_top(app, ReflectScene).selected == []
    press(app, "send")
    app.session.flush()
    [draft] = app.session.store.experiences(player.id)
    assert draft.own_words == "2 freres 3 soeurs"
    assert draft.title == "2 freres 3 soeurs"


def test_a_clicked_text_field_has_the_focus_ring(app: App) -> None:
    app.stack.push(PlayerScene(app.session, create=True))
    frames(app, 2)
    scene = on_top(app, PlayerScene)
    assert scene.focus.focused is scene.name_field
    assert scene.name_field is not None and scene.code_field is not None
    click(app, scene.code_field.rect.center)
    assert scene.focus.focused is scene.code_field and scene.code_field.typing
    assert not scene.name_field.typing


def test_the_speaker_button_says_when_no_voice_could_load(app: App) -> None:
    speaker = FakeSpeaker()
    speaker.available = False
    app.session.speaker = speaker
    add_player(app)
    app.stack.push(PlayScene(app.session, library_scenario(app, "marche")))
    frames(app)
    press(app, "speak")
    frames(app)
    notice = app.session.t("speech.unavailable")
    assert speaker.said == []
    assert notice in [d.text for d in app.session.theme.drawn]


def _play_until(app: App, kind: type) -> None:
    import random

    from game.scene import Press

    rng = random.Random(3)
    for _ in range(300):
        top = app.stack.top
        if isinstance(top, kind):
            return
        assert top is not None
        action = top.autoplay(rng)
        if action is None:
            app.frame()
        elif isinstance(action, Press):
            press(app, action.button.key)
        else:
            key(app, action.key)
    raise AssertionError(f"never reached {kind.__name__}")


def test_esc_in_identify_and_reflect_asks_then_resumes_at_the_same_step(app: App) -> None:
    from game.scenes.confirm import ConfirmScene
    from game.scenes.identify import IdentifyScene
    from game.scenes.recap import RecapScene

    player = add_player(app)
    scenario = library_scenario(app, "club-foot")
    for step in (IdentifyScene, ReflectScene):
        app.stack.push(MapScene(app.session))
        app.stack.push(PlayScene(app.session, scenario, resume=None))
        frames(app)
        _play_until(app, step)
        key(app, pygame.K_ESCAPE)
        frames(app)
        assert isinstance(app.stack.top, ConfirmScene)
        key(app, pygame.K_ESCAPE)  # « no »: back where we were
        frames(app)
        assert isinstance(app.stack.top, step)
        key(app, pygame.K_ESCAPE)
        key(app, pygame.K_1)  # « yes, see you later »
        frames(app, 2)
        assert isinstance(app.stack.top, MapScene)
        app.session.flush()
        progress = app.session.store.progress(player.id)["club-foot"]
        assert progress.status == "in_progress"
        resumed = PlayScene(app.session, scenario, resume=progress)
        app.stack.push(resumed)
        frames(app, 2)
        if isinstance(app.stack.top, RecapScene):  # « la dernière fois » first (issue 16)
            key(app, pygame.K_RETURN)
        assert isinstance(app.stack.top, step), (step, type(app.stack.top))
        app.stack.clear()
        frames(app)
        app.running = True
