"""Sounds play silently under the dummy audio driver, never at volume 0, and never raise."""

from __future__ import annotations

import wave
from pathlib import Path

import pygame

from game.app import App
from game.scenes.map import MapScene
from game.sound import FOLDER, NAMES, Sounds
from tests.game.conftest import add_player, frames, key


class RecordingSounds(Sounds):
    """The real class, noting every sound it starts (and still starting it)."""

    def __init__(self, folder: Path = FOLDER) -> None:
        super().__init__(folder)
        self.started: list[tuple[int, float]] = []

    def _start(self, sound: pygame.mixer.Sound, volume: float) -> None:
        self.started.append((sound.get_length() > 0, volume))
        super()._start(sound, volume)


class NoDevice(RecordingSounds):
    def _ready(self) -> None:
        raise pygame.error("no audio device")


def test_every_sound_plays_under_the_dummy_driver() -> None:
    sounds = RecordingSounds()
    for name in NAMES:
        assert sounds.play(name, 0.5)
    assert sounds.started == [(True, 0.5)] * len(NAMES)


def test_volume_zero_plays_nothing_and_unknown_names_are_ignored() -> None:
    sounds = RecordingSounds()
    assert not sounds.play("click", 0.0)
    assert not sounds.play("trumpet", 1.0)
    assert sounds.started == []


def test_no_audio_device_is_silent_not_an_error() -> None:
    sounds = NoDevice()
    assert not sounds.play("click", 1.0)
    assert not sounds.play("chime", 1.0)
    assert sounds.started == []


def test_the_game_clicks_and_turns_pages_at_the_players_volume(app: App) -> None:
    sounds = RecordingSounds()
    app.session.sounds = sounds
    add_player(app, volume=0.3)
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    key(app, pygame.K_TAB)
    assert sounds.started and sounds.started[-1] == (True, 0.3)
    add_player(app, "Muet", volume=0.0)
    sounds.started.clear()
    key(app, pygame.K_TAB)
    assert sounds.started == []


def test_the_files_are_small_22khz_mono_16bit() -> None:
    for name in NAMES:
        path = FOLDER / f"{name}.wav"
        assert path.stat().st_size < 60_000
        with wave.open(str(path)) as wav:
            assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (22_050, 1, 2)
