"""This computer's settings (first launch, room preset) and their precedence (issue 16):
a player's own settings, then the computer's, then the defaults; choosing a player keeps
what was changed just before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import computer
from game.app import App
from game.cli import main
from shared.player import Player, Settings


def test_first_launch_asks_then_the_saved_settings_are_used(tmp_path: Path) -> None:
    settings, ask = computer.for_launch(tmp_path)
    assert ask and settings == Settings()
    computer.save(computer.path_in(tmp_path), Settings(read_aloud=True, text_size="xxlarge"))
    settings, ask = computer.for_launch(tmp_path)
    assert not ask and settings.read_aloud and settings.text_size == "xxlarge"


def test_a_room_preset_and_switches_are_saved_for_the_computer(tmp_path: Path) -> None:
    preset = tmp_path / "salle.json"
    preset.write_text(json.dumps({"read_aloud": True, "speech_rate": 120}), encoding="utf-8")
    settings, ask = computer.for_launch(
        tmp_path / "data", preset=preset, high_contrast=True, dyslexic_font=True
    )
    assert not ask
    saved = computer.load(computer.path_in(tmp_path / "data"))
    assert saved == settings
    assert (saved.read_aloud, saved.speech_rate, saved.high_contrast, saved.dyslexic_font) == (
        True,
        120,
        True,
        True,
    )


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{broken", "not a readable JSON"),
        ('{"text_size": "giant"}', "text_size"),
        ("[1]", "object"),
    ],
)
def test_a_broken_preset_is_refused_with_what_and_where(
    tmp_path: Path, content: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    preset = tmp_path / "salle.json"
    preset.write_text(content, encoding="utf-8")
    with pytest.raises(computer.PresetError, match=said):
        computer.for_launch(tmp_path, preset=preset)
    code = main(["--headless", "--data-dir", str(tmp_path), "--settings", str(preset)])
    err = capsys.readouterr().err
    assert code == 1 and "Réglages non appliqués" in err and "salle.json" in err
    assert "Traceback" not in err


def test_the_player_s_own_settings_win_over_the_computer_s(app: App) -> None:
    session = app.session
    session.computer = Settings(read_aloud=True, text_size="xxlarge", high_contrast=True)
    session.apply_settings(session.computer, save=False)
    player = Player(pseudonym="Lina", settings=Settings(text_size="medium"))
    session.store.add_player(player)
    session.set_player(player)
    assert session.settings.text_size == "medium"  # theirs
    assert session.settings.read_aloud and session.settings.high_contrast  # the computer's
    assert session.theme.px("body") == 25


def test_choosing_a_player_keeps_what_was_changed_just_before(app: App, data_dir: Path) -> None:
    session = app.session
    session.computer_file = computer.path_in(data_dir)
    player = Player(pseudonym="Yanis")
    session.store.add_player(player)
    session.apply_settings(session.settings.model_copy(update={"dyslexic_font": True}))
    saved = computer.load(session.computer_file)
    assert saved is not None and saved.dyslexic_font  # the computer's now
    session.set_player(player)
    assert session.settings.dyslexic_font
    session.flush()
    assert session.store.player(player.id).settings.dyslexic_font  # and theirs, saved
