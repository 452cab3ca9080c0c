"""The voice has its own volume and pace, apart from the sound effects (issue 16).

The real eSpeak engine makes the samples (``_speak`` is called in the test's thread, so no
waiting); the real mixer plays them under the dummy audio driver, and the channel the line
plays on is read back.
"""

from __future__ import annotations

import pygame
import pytest

from game.app import App
from game.speech import Speaker, _Request
from tests.game.conftest import add_player


@pytest.fixture
def speaker():
    speaker = Speaker()
    if not speaker.available:
        pytest.skip(f"no speech engine here: {speaker.detail}")
    if not pygame.mixer.get_init():
        pygame.mixer.init()
    yield speaker
    speaker.stop()


def _speak(speaker: Speaker, text: str = "Bonjour") -> None:
    speaker._speak(_Request(text, "fr", speaker._generation))


def test_voice_volume_zero_puts_the_voice_channel_at_zero(speaker: Speaker) -> None:
    speaker.configure(volume=0.0)
    _speak(speaker)
    assert speaker._channel is not None
    assert speaker._channel.get_volume() == 0.0
    speaker.configure(volume=0.5)  # also the line playing now
    assert abs(speaker._channel.get_volume() - 0.5) < 0.01


def test_a_sound_effect_does_not_bring_the_voice_back(speaker: Speaker, app: App) -> None:
    app.session.speaker = speaker
    add_player(app, voice_volume=0.0, volume=1.0)
    app.session.say("Bonjour")
    _speak(speaker)
    app.session.sound("click")
    assert speaker._channel is not None
    assert speaker._channel.get_volume() == 0.0


def test_the_speech_rate_changes_the_length_of_a_line(speaker: Speaker) -> None:
    backend = speaker._backend
    assert backend is not None
    lengths = []
    for rate in (100, 220):
        speaker.configure(rate=rate)
        wav = backend.synthesize("Tu as bien expliqué la règle.", "fr", lambda: False)
        assert wav is not None
        lengths.append(len(wav))
    assert lengths[0] > lengths[1] * 1.5


def test_the_session_gives_the_player_s_voice_settings_to_the_engine(app: App) -> None:
    seen: list[tuple[float | None, int | None]] = []

    class Engine:
        available = True

        def configure(self, volume: float | None = None, rate: int | None = None) -> None:
            seen.append((volume, rate))

        def say(self, text: str, lang: str = "fr") -> None:
            """Configured just before."""

    app.session.speaker = Engine()
    add_player(app, voice_volume=0.3, speech_rate=110)
    app.session.say("Bonjour")
    assert seen[-1] == (0.3, 110)
