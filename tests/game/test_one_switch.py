"""Nobody needs to type or read to take part (issue 16): one switch in scan mode, a gamepad,
remapped keys and the first-launch screen, all through posted events. The scan pace is the
game clock's (FixedClock: 1/60 s a frame), so the tests run frames, never sleep."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game import computer, controls
from game.app import App
from game.scenes.first_launch import FirstLaunchScene
from game.scenes.identify import IdentifyScene
from game.scenes.map import MapScene
from game.scenes.play import PlayScene
from game.scenes.recognise import RecognitionScene
from game.scenes.reflect import ReflectScene
from game.scenes.summary import SummaryScene
from game.scenes.title import TitleScene
from shared.scenario.model import SceneNode
from tests.game.conftest import add_player, frames, key, library_scenario, on_top, press
from tests.game.test_read_aloud import RecordingSpeaker

SCAN_SECONDS = 0.8
FRAMES_PER_STEP = 48  # 0.8 s at 60 frames a second
MAX_WAIT = 60 * 60  # a minute of game time for the focus to come round


def _post(app: App, event: pygame.event.Event) -> None:
    pygame.event.post(event)
    app.frame()


def switch(app: App) -> None:
    """The one switch: a key (it could be any key, or a click)."""
    _post(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))


def scan_to(app: App, button_key: str | None) -> None:
    """Let the focus move on by itself until it is on ``button_key`` (None: the screen)."""
    top = app.stack.top
    assert top is not None
    for _ in range(MAX_WAIT):
        focused = top.focus.focused
        if (focused.key if focused is not None else None) == button_key:
            return
        app.frame()
    pytest.fail(f"scan never reached {button_key} on {type(top).__name__}")


def pad(app: App, button: int) -> None:
    _post(app, pygame.event.Event(pygame.JOYBUTTONDOWN, button=button, joy=0, instance_id=0))


def pad_to(app: App, button_key: str | None) -> None:
    """Gamepad: « next » (button 3) until ``button_key`` has the focus, then A (button 0)."""
    top = app.stack.top
    assert top is not None
    for _ in range(len(top.focus.items) + 2):
        focused = top.focus.focused
        if button_key is None or (focused is not None and focused.key == button_key):
            break
        pad(app, 3)
    pad(app, 0)


def play_scenario(app: App, choose: Callable[[App, str | None], None]) -> None:
    """From the map to the end screen and back, every step through ``choose(key)``."""
    scenario = library_scenario(app, "club-foot")
    app.stack.push(MapScene(app.session))
    app.stack.push(PlayScene(app.session, scenario))
    app.frame()
    for _ in range(400):
        top = app.stack.top
        assert top is not None
        if isinstance(top, MapScene) and app.session.last_run is not None:
            return
        if isinstance(top, PlayScene) and top.phase == "choices":
            assert isinstance(top.node, SceneNode)
            choose(app, f"choice:{top.node.choices[0].id}")
        elif isinstance(top, PlayScene):
            choose(app, None)
        elif isinstance(top, IdentifyScene) and top.phase == "pick":
            choose(app, f"card:{top.question.cards[0]}")
            choose(app, "validate")
        elif isinstance(top, (IdentifyScene, RecognitionScene)):
            choose(app, "continue")
        elif isinstance(top, ReflectScene):
            choose(app, "suggestion:" + scenario.reflect.suggestions[0].id)
            choose(app, "send")
        elif isinstance(top, SummaryScene):
            choose(app, "map")
        else:
            app.frame()
    pytest.fail(f"the scenario did not finish: at {type(app.stack.top).__name__}")


def test_a_whole_scenario_with_one_switch_in_scan_mode(app: App) -> None:
    player = add_player(app, scan=True, scan_seconds=SCAN_SECONDS, animations=False)
    app.render = False

    def choose(app: App, button_key: str | None) -> None:
        scan_to(app, button_key)
        switch(app)

    play_scenario(app, choose)
    app.session.flush()
    assert app.session.store.evidence(player.id)
    assert app.session.store.progress(player.id)["club-foot"].status == "done"


def test_scan_moves_at_the_player_s_pace_by_the_game_clock(app: App) -> None:
    add_player(app, scan=True, scan_seconds=SCAN_SECONDS)
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    ring = on_top(app, MapScene).focus
    waited = 0
    while ring.focused is None and waited < 2 * FRAMES_PER_STEP:
        app.frame()
        waited += 1
    first = ring.focused
    assert first is not None and FRAMES_PER_STEP - 4 <= waited <= FRAMES_PER_STEP + 2
    frames(app, FRAMES_PER_STEP // 2)
    assert ring.focused is first  # not yet
    frames(app, FRAMES_PER_STEP // 2 + 1)
    assert ring.focused is not first and ring.focused is not None


def test_a_whole_scenario_with_a_gamepad(app: App) -> None:
    player = add_player(app, animations=False)
    app.render = False
    play_scenario(app, pad_to)
    app.session.flush()
    assert app.session.store.progress(player.id)["club-foot"].status == "done"


def test_gamepad_b_goes_back(app: App) -> None:
    add_player(app)
    app.stack.push(MapScene(app.session))
    app.stack.push(PlayScene(app.session, library_scenario(app, "club-foot")))
    frames(app, 2)
    pad(app, 1)
    frames(app)
    assert type(app.stack.top).__name__ == "ConfirmScene"  # « leave? », as Esc


def test_a_remapped_key_chooses_and_moves(app: App) -> None:
    add_player(app, keys={"next": "n", "choose": "c"})
    app.stack.push(TitleScene(app.session))
    frames(app)
    key(app, pygame.K_n)
    assert app.stack.top is not None and app.stack.top.focus.focused is not None
    assert app.stack.top.focus.focused.key == "play"
    key(app, pygame.K_c)
    frames(app)
    assert type(app.stack.top).__name__ == "PlayerScene"


def test_keys_are_remapped_from_the_settings(app: App) -> None:
    add_player(app)
    app.stack.push(MapScene(app.session))
    frames(app)
    press(app, "settings")
    press(app, "tab:controls")
    press(app, "remap:choose")
    key(app, pygame.K_j)
    assert app.session.settings.keys == {"choose": "j"}
    press(app, "remap:reset")
    assert app.session.settings.keys == {}


def test_first_launch_is_spoken_applies_at_once_and_is_kept_for_the_computer(
    app: App, data_dir: Path
) -> None:
    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    app.session.computer_file = computer.path_in(data_dir)
    app.session.options.first_launch = True
    app.stack.push(TitleScene(app.session))
    frames(app, 2)
    scene = app.stack.top
    assert isinstance(scene, FirstLaunchScene)
    t = app.session.t
    said = " ".join(speaker.said)
    for words in ("first.title", "first.listen", "first.bigger", "first.contrast", "first.go"):
        assert t(words) in said  # spoken though « read aloud » is not on yet
    press(app, "read_aloud", "touch")
    press(app, "text_size", "touch")
    press(app, "dyslexic_font", "mouse")
    assert app.session.theme.px("body") == 42 and app.session.theme.dyslexic
    press(app, "go", "keys")  # at « Énorme » the controls have a page of their own first
    frames(app)
    assert app.stack.top is scene and scene.step == "controls"
    assert controls.explained(app.session) in speaker.said[-1]
    press(app, "go", "keys")
    frames(app)
    assert isinstance(app.stack.top, TitleScene)
    saved = json.loads(computer.path_in(data_dir).read_text(encoding="utf-8"))
    assert (saved["read_aloud"], saved["text_size"], saved["dyslexic_font"]) == (
        True,
        "xxlarge",
        True,
    )
    # a player made now starts from the computer's settings, and keeps their own later
    player = add_player(app, "Nour")
    assert app.session.settings.text_size == "xxlarge" and app.session.settings.read_aloud
    del player


@pytest.mark.parametrize("mode", ["mouse", "touch", "keys", "switch"])
def test_a_player_is_created_without_typing_a_letter(app: App, mode: str) -> None:
    """« Propose-moi un pseudo », then « C'est parti » — by mouse, touch, keys that type no
    letter (Tab and Enter), or one switch in scan mode."""
    from game.scenes.player import PlayerScene

    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    if mode == "switch":
        app.session.apply_settings(
            app.session.settings.model_copy(update={"scan": True, "scan_seconds": SCAN_SECONDS})
        )
        app.render = False
    app.stack.push(PlayerScene(app.session, create=True))
    frames(app, 2)
    for button_key in ("suggest", "suggest", "create"):  # a second roll, then go
        if mode == "switch":
            scan_to(app, button_key)
            switch(app)
        else:
            press(app, button_key, mode)
    frames(app, 2)
    player = app.session.player
    assert player is not None and isinstance(app.stack.top, MapScene)
    word, number = player.pseudonym.rsplit(" ", 1)
    assert word and 10 <= int(number) <= 99
    assert app.session.t("player.suggested", name=player.pseudonym) in speaker.said
    assert app.session.store.player(player.id).pseudonym == player.pseudonym


@pytest.mark.parametrize("mode", ["touch", "switch"])
def test_a_pseudonym_is_written_on_the_letter_grid(app: App, mode: str) -> None:
    """« ABC »: the letters on screen, by touch or by one switch in scan mode; each letter is
    said; « Valider » puts the word in the field."""
    from game.scenes.letters import LetterGridScene
    from game.scenes.player import PlayerScene

    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    if mode == "switch":
        app.session.apply_settings(
            app.session.settings.model_copy(update={"scan": True, "scan_seconds": SCAN_SECONDS})
        )
        app.render = False

    def choose(button_key: str) -> None:
        if mode == "switch":
            if button_key.startswith("letter:"):  # row-column scanning: the row, then the key
                scan_to(app, f"row:{_row_of(button_key[-1])}")
                switch(app)
            scan_to(app, button_key)
            switch(app)
        else:
            press(app, button_key, "touch")

    app.stack.push(PlayerScene(app.session, create=True))
    frames(app, 2)
    choose("letters")
    frames(app)
    assert isinstance(app.stack.top, LetterGridScene)
    for button_key in ("letter:N", "letter:O", "letter:A", "erase", "letter:E", "letter:7"):
        choose(button_key)
    assert speaker.said[-1] == "7"
    choose("ok")
    frames(app)
    assert isinstance(app.stack.top, PlayerScene)
    name_field = on_top(app, PlayerScene).name_field
    assert name_field is not None and name_field.text == "Noe7"
    choose("create")
    frames(app, 2)
    assert app.session.player is not None and app.session.player.pseudonym == "Noe7"


def _row_of(letter: str) -> int:
    from game.scenes.letters import ROWS

    return next(n for n, row in enumerate(ROWS, start=1) if letter in row)


def test_an_accented_pseudonym_by_one_switch_scanning_rows_then_keys(app: App) -> None:
    """« Zoé-Lou » by one switch: the focus scans the rows, a press opens a row, the focus
    scans its keys, a press writes the letter (said) and goes back to the rows. Posted events
    only, and the switch is Enter: no key that types a letter."""
    from game.scenes.letters import LetterGridScene
    from game.scenes.player import PlayerScene

    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    app.session.apply_settings(
        app.session.settings.model_copy(update={"scan": True, "scan_seconds": SCAN_SECONDS})
    )
    app.render = False
    app.stack.push(PlayerScene(app.session, create=True))
    frames(app, 2)
    scan_to(app, "letters")
    switch(app)
    frames(app)
    grid = app.stack.top
    assert isinstance(grid, LetterGridScene)
    rows = [item.key for item in grid.focus.items]
    assert rows[:5] == ["row:1", "row:2", "row:3", "row:4", "row:5"]  # rows first, not keys
    for letter in "ZOÉ-LOU":
        scan_to(app, f"row:{_row_of(letter)}")
        switch(app)
        keys = [item.key for item in grid.focus.items]
        assert keys[-1] == "rows" and all(k.startswith("letter:") for k in keys[:-1])
        assert len(keys) <= 11  # one row's keys and « back to the rows », not 46 keys
        scan_to(app, f"letter:{letter}")
        switch(app)
        assert speaker.said[-1] == letter
    assert grid.word == "Zoé-lou"
    scan_to(app, "ok")
    switch(app)
    frames(app)
    scan_to(app, "create")
    switch(app)
    frames(app, 2)
    player = app.session.player
    assert player is not None and player.pseudonym == "Zoé-lou"
    assert app.session.store.player(player.id).pseudonym == "Zoé-lou"


def test_a_row_opened_by_mistake_is_left_without_writing(app: App) -> None:
    """In a row, after its last key, « back to the rows »: nothing written, rows again."""
    from game.scenes.letters import LetterGridScene

    app.session.apply_settings(
        app.session.settings.model_copy(update={"scan": True, "scan_seconds": SCAN_SECONDS})
    )
    app.render = False
    grid = LetterGridScene(app.session, "", lambda word: None)
    app.stack.push(grid)
    frames(app, 2)
    scan_to(app, "row:4")
    switch(app)
    scan_to(app, "rows")
    switch(app)
    assert grid.word == ""
    assert grid.focus.focused is not None
    assert grid.focus.focused is not None and grid.focus.focused.key == "row:4"


def test_passer_on_reflect_keeps_nothing_of_that_screen(app: App) -> None:
    """« Passer » after ticking a suggestion and typing words: no experience is saved."""
    player = add_player(app)
    scenario = library_scenario(app, "club-foot")
    play = PlayScene(app.session, scenario)
    app.stack.push(ReflectScene(app.session, scenario, play.run, play.progress))
    frames(app)
    press(app, "suggestion:" + scenario.reflect.suggestions[0].id)
    field = on_top(app, ReflectScene).field
    assert field is not None
    field.entry.set_text("J'ai aidé au club")
    press(app, "skip")
    frames(app)
    app.session.flush()
    assert app.session.store.experiences(player.id) == []
    assert isinstance(app.stack.top, SummaryScene)
