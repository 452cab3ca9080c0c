"""The game's few soft sounds (click, card flip, chime, page), played at the player's volume.

The mixer starts on the first sound, not at import; a machine with no audio device (a workshop
PC without speakers, the tests' dummy driver) plays nothing and never raises: sound is a
nicety, never a reason to crash a session.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

log = logging.getLogger(__name__)
FOLDER = Path(__file__).resolve().parent / "assets" / "sounds"
NAMES = ("click", "flip", "chime", "page")


class Sounds:
    """Loads each WAV once; ``play`` returns whether a sound was started."""

    def __init__(self, folder: Path = FOLDER) -> None:
        self.folder = folder
        self._cache: dict[str, pygame.mixer.Sound] = {}
        self._broken = False

    def play(self, name: str, volume: float) -> bool:
        """Play ``name`` at ``volume`` (0-1); volume 0 is mute: nothing is started at all."""
        if volume <= 0 or self._broken or name not in NAMES:
            return False
        try:
            self._ready()
            sound = self._load(name)
            self._start(sound, min(1.0, volume))
        except (pygame.error, OSError) as exc:
            log.info("sound off: %s", exc)
            self._broken = True  # one failure is enough: do not retry every click
            return False
        return True

    def _ready(self) -> None:
        if not pygame.mixer.get_init():
            pygame.mixer.init(frequency=22_050, size=-16, channels=1)

    def _load(self, name: str) -> pygame.mixer.Sound:
        if name not in self._cache:
            self._cache[name] = pygame.mixer.Sound(str(self.folder / f"{name}.wav"))
        return self._cache[name]

    def _start(self, sound: pygame.mixer.Sound, volume: float) -> None:
        sound.set_volume(volume)  # the effects' volume, apart from the voice's
        channel = sound.play()
        if channel is not None:
            channel.set_volume(1.0)
