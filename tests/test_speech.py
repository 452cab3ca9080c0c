"""Read aloud: a French line becomes a real, audible WAV; failures stay silent, never raise."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import math
import time
import wave
from array import array

import pytest

from game.speech import NOTICE_UNAVAILABLE, Speaker, pcm_to_wav

LINE = "Bonjour, tu as bien expliqué la règle aux petits."


@pytest.fixture(scope="module")
def speaker():
    speaker = Speaker()
    if not speaker.available:
        pytest.skip(f"no speech engine here: {speaker.detail}")
    yield speaker
    speaker.close()


def _rms(samples: array) -> float:
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def test_french_line_to_wav(speaker, tmp_path):
    path = speaker.synthesize_to_file(LINE, tmp_path / "line.wav", lang="fr")
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        assert wav.getnchannels() == 1
        duration = wav.getnframes() / wav.getframerate()
        samples = array("h", wav.readframes(wav.getnframes()))
    assert duration > 0.5
    assert _rms(samples) > 300  # clearly audible speech, not silence or noise floor


def test_french_is_longer_than_a_short_word(speaker, tmp_path):
    short = speaker.synthesize_to_file("Oui.", tmp_path / "short.wav")
    long = speaker.synthesize_to_file(LINE, tmp_path / "long.wav")
    assert long.stat().st_size > short.stat().st_size


def test_say_returns_at_once_and_new_line_interrupts(speaker):
    start = time.perf_counter()
    speaker.say(LINE)
    speaker.say("Deuxième ligne.")
    assert time.perf_counter() - start < 0.5
    speaker.stop()


class _Broken:
    sample_rate = 22050

    def synthesize(self, text, lang, cancelled):
        raise RuntimeError("engine crashed")


def test_broken_engine_never_raises(tmp_path):
    speaker = Speaker(backend=_Broken())
    speaker.say(LINE)
    path = speaker.synthesize_to_file(LINE, tmp_path / "x.wav")
    assert path.exists()
    speaker.close()


def test_unavailable_speaker_is_silent(monkeypatch, tmp_path):
    monkeypatch.setattr("game.speech._load_backend", lambda: (None, "no engine"))
    speaker = Speaker()
    assert not speaker.available
    assert speaker.notice == NOTICE_UNAVAILABLE
    assert speaker.detail == "no engine"
    speaker.say(LINE)
    speaker.stop()
    path = speaker.synthesize_to_file(LINE, tmp_path / "silent.wav")
    with wave.open(str(path), "rb") as wav:
        assert wav.getnframes() == 0


def test_pcm_to_wav_header():
    data = pcm_to_wav(array("h", [0, 1000, -1000]).tobytes(), 16000)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
