"""Read aloud: speak a line of dialogue for players who find reading hard.

The engine is eSpeak NG, loaded through ctypes from the ``espeakng-loader`` wheel, which bundles
the library and its voice data, so reading aloud works on a fresh Linux install with nothing else
installed. Samples are produced synchronously into memory and played with ``pygame.mixer``, so the
game keeps one audio path and a new line can cut the previous one cleanly. When the wheel is
missing (e.g. on Windows), pyttsx3 (SAPI5, NSSpeechSynthesizer) is the fallback. When no engine
loads, the ``Speaker`` stays silent: ``available`` is False and ``notice`` says why, as a message
key the game translates. Nothing here ever raises at the caller.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import logging
import queue
import tempfile
import threading
import wave
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pygame

log = logging.getLogger(__name__)

NOTICE_OK = ""
NOTICE_UNAVAILABLE = "speech.unavailable"
NOTICE_NO_AUDIO = "speech.no_audio"

# eSpeak NG constants, from speak_lib.h.
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000
_PARAM_RATE = 1
_EE_OK = 0

# Slower than eSpeak's default 175 words per minute: the players are often weak readers.
DEFAULT_RATE = 150
VOICES = {"fr": "fr", "en": "en"}

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _Backend(Protocol):
    sample_rate: int
    rate: int  # words per minute, set by Speaker.configure

    def synthesize(self, text: str, lang: str, cancelled: Callable[[], bool]) -> bytes | None:
        """16-bit mono PCM samples for ``text``, or None when cancelled or failed."""


class _EspeakBackend:
    """eSpeak NG through ctypes. eSpeak keeps process-wide state, so calls are serialised."""

    _lock = threading.Lock()
    _shared: _EspeakBackend | None = None

    def __init__(self, lib: ctypes.CDLL, sample_rate: int) -> None:
        self._lib = lib
        self.sample_rate = sample_rate
        self._chunks: list[bytes] = []
        self._cancelled: Callable[[], bool] = lambda: False
        self.rate = DEFAULT_RATE
        # Keep a reference: ctypes frees the trampoline when the Python object dies.
        self._callback = _SynthCallback(self._on_samples)
        lib.espeak_SetSynthCallback(self._callback)
        lib.espeak_SetParameter(_PARAM_RATE, DEFAULT_RATE, 0)

    @classmethod
    def load(cls) -> _EspeakBackend:
        """The process's one eSpeak engine (espeak_Initialize may only run once per process)."""
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls._initialise()
            return cls._shared

    @classmethod
    def _initialise(cls) -> _EspeakBackend:
        import espeakng_loader  # here: optional: Linux only

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        _declare(lib)
        data_path = espeakng_loader.get_data_path().encode("utf-8")
        rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 500, data_path, _INITIALIZE_DONT_EXIT
        )
        if rate <= 0:
            raise OSError(f"espeak_Initialize failed ({rate})")
        return cls(lib, rate)

    def _on_samples(self, wav: ctypes.Array, count: int, _events: int) -> int:
        if count > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 1 if self._cancelled() else 0

    def synthesize(self, text: str, lang: str, cancelled: Callable[[], bool]) -> bytes | None:
        voice = VOICES.get(lang, lang).encode("ascii", "ignore")
        data = text.encode("utf-8") + b"\0"
        with self._lock:
            if self._lib.espeak_SetVoiceByName(voice) != _EE_OK:
                self._lib.espeak_SetVoiceByName(b"fr")
            self._chunks, self._cancelled = [], cancelled
            self._lib.espeak_SetParameter(_PARAM_RATE, self.rate, 0)
            result = self._lib.espeak_Synth(
                data, len(data), 0, 1, 0, _CHARS_UTF8 | _ENDPAUSE, None, None
            )
            chunks, self._chunks = self._chunks, []
        if result != _EE_OK or cancelled():
            return None
        return b"".join(chunks)


def _declare(lib: ctypes.CDLL) -> None:
    """Argument types, so ctypes passes size_t and pointers correctly on 64-bit systems."""
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_Initialize.restype = ctypes.c_int
    lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
    lib.espeak_SetSynthCallback.restype = None
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetVoiceByName.restype = ctypes.c_int
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_SetParameter.restype = ctypes.c_int
    lib.espeak_Synth.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_uint,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.c_uint,
        ctypes.c_void_p,
        ctypes.c_void_p,
    ]
    lib.espeak_Synth.restype = ctypes.c_int


class _Pyttsx3Backend:
    """pyttsx3 (SAPI5 on Windows, NSSpeechSynthesizer on macOS): renders to a WAV file."""

    sample_rate = 0  # read from each file

    def __init__(self) -> None:
        import pyttsx3  # here: optional, and slow to load

        self._engine = pyttsx3.init()
        self._lock = threading.Lock()
        self.rate = DEFAULT_RATE

    def synthesize(self, text: str, lang: str, cancelled: Callable[[], bool]) -> bytes | None:

        with self._lock, tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "line.wav"
            self._pick_voice(lang)
            self._engine.setProperty("rate", self.rate)
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            if cancelled() or not path.exists():
                return None
            with wave.open(str(path), "rb") as wav:
                self.sample_rate = wav.getframerate()
                frames = wav.readframes(wav.getnframes())
                if wav.getnchannels() == 2:
                    frames = _to_mono(frames)
            return frames

    def _pick_voice(self, lang: str) -> None:
        for voice in self._engine.getProperty("voices"):
            tags = " ".join([voice.id, voice.name, *map(str, voice.languages or [])]).lower()
            if lang in tags or (lang == "fr" and "french" in tags):
                self._engine.setProperty("voice", voice.id)
                return


def _to_mono(frames: bytes) -> bytes:
    samples = array("h", frames)
    return array("h", samples[::2]).tobytes()


def _load_backend() -> tuple[_Backend | None, str]:
    """The first engine that loads, with a plain reason when none does."""
    reasons = []
    for loader in (_EspeakBackend.load, _Pyttsx3Backend):
        try:
            return loader(), ""
        except Exception as exc:  # any failure means "try the next engine"
            reasons.append(f"{getattr(loader, '__qualname__', loader)}: {exc}")
    return None, "; ".join(reasons)


def pcm_to_wav(samples: bytes, sample_rate: int) -> bytes:
    """A complete WAV file (16-bit mono) around raw samples."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(samples)
    return buffer.getvalue()


@dataclass
class _Request:
    text: str
    lang: str
    generation: int


class Speaker:
    """Reads lines aloud in the background; a new line interrupts the previous one.

    Construct one and pass it where it is needed. ``available`` tells the settings screen whether
    to offer reading aloud; ``notice`` is a message key ("speech.unavailable") and ``detail`` the
    technical reason, for the log or a help screen.
    """

    def __init__(self, backend: _Backend | None = None) -> None:
        if backend is None:
            backend, detail = _load_backend()
        else:
            detail = ""
        self._backend = backend
        self.available: bool = backend is not None
        self.notice: str = NOTICE_OK if self.available else NOTICE_UNAVAILABLE
        self.detail: str = detail
        self._generation = 0
        self._requests: queue.Queue[_Request | None] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._channel: pygame.mixer.Channel | None = None  # typed only: pygame loads late
        self.volume = 1.0  # the voice's own volume, apart from the sound effects'
        if not self.available:
            log.info("read aloud unavailable: %s", detail)

    def say(self, text: str, lang: str = "fr") -> None:
        """Start reading ``text``; returns at once. Silently does nothing when unavailable."""
        if not self.available or not text.strip():
            return
        self.stop()
        self._ensure_worker()
        self._requests.put(_Request(text, lang, self._generation))

    def configure(self, volume: float | None = None, rate: int | None = None) -> None:
        """The voice's volume (0-1, also for the line playing now) and pace (words/minute)."""
        if volume is not None:
            self.volume = max(0.0, min(1.0, volume))
            if self._channel is not None:
                with contextlib.suppress(Exception):
                    self._channel.set_volume(self.volume)
        if rate is not None and self._backend is not None:
            self._backend.rate = int(rate)

    def stop(self) -> None:
        """Cut the current line, and any line still being prepared."""
        self._generation += 1
        channel, self._channel = self._channel, None
        if channel is not None:
            with contextlib.suppress(Exception):  # the game may have closed the mixer
                channel.stop()

    def close(self) -> None:
        """Stop speaking and end the background thread (call when the game quits)."""
        self.stop()
        if self._worker is not None:
            self._requests.put(None)
            self._worker.join(timeout=2)
            self._worker = None

    def synthesize_to_file(self, text: str, path: str | Path, lang: str = "fr") -> Path:
        """Write ``text`` spoken as a WAV file at ``path``; an empty WAV when unavailable."""
        path = Path(path)
        samples, rate = b"", 22050
        if self._backend is not None:
            try:
                samples = self._backend.synthesize(text, lang, lambda: False) or b""
                rate = self._backend.sample_rate or rate
            except Exception as exc:
                log.warning("speech synthesis failed: %s", exc)
        path.write_bytes(pcm_to_wav(samples, rate))
        return path

    def _ensure_worker(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name="diva-speech", daemon=True)
            self._worker.start()

    def _run(self) -> None:
        while True:
            request = self._requests.get()
            if request is None:
                return
            if request.generation != self._generation:
                continue
            try:
                self._speak(request)
            except Exception as exc:  # never let a bad line kill the thread
                log.warning("read aloud failed: %s", exc)

    def _speak(self, request: _Request) -> None:
        assert self._backend is not None
        stale = lambda: request.generation != self._generation  # noqa: E731
        samples = self._backend.synthesize(request.text, request.lang, stale)
        if samples is None or stale():
            return
        self._play(pcm_to_wav(samples, self._backend.sample_rate))

    def _play(self, wav_bytes: bytes) -> None:
        import pygame  # here: pygame only once a voice plays

        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
            sound = pygame.mixer.Sound(file=io.BytesIO(wav_bytes))
            sound.set_volume(self.volume)
            channel = sound.play()
            if channel is not None:  # play() puts the channel back to full volume
                channel.set_volume(self.volume)
            self._channel = channel
        except pygame.error as exc:
            self.notice, self.detail = NOTICE_NO_AUDIO, str(exc)
            log.info("read aloud has no audio output: %s", exc)
