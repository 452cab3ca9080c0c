"""Write the game's few sounds as WAV files, from sine waves and seeded noise.

Run ``python game/assets/sounds/make_sounds.py``: the output is the same bytes every time
(22,050 Hz, mono, 16-bit), so the committed files can be checked against this script. Soft
on purpose: short, quiet, no sharp attack, nothing that startles a tired room.
"""

from __future__ import annotations

import math
import random
import struct
import wave
from collections.abc import Callable
from pathlib import Path

RATE = 22_050
PEAK = 0.35  # of full scale: soft sounds, the voice stays louder


def envelope(t: float, length: float, attack: float = 0.006) -> float:
    """Quick fade in (no click), smooth fade out."""
    rise = min(1.0, t / attack)
    fall = max(0.0, 1.0 - t / length) ** 2
    return rise * fall


def click(t: float) -> float:
    """A soft wooden tap for buttons and focus: 0.06 s, low and round."""
    return envelope(t, 0.06, 0.002) * math.sin(2 * math.pi * 880 * t) * math.exp(-t * 40)


def flip(t: float, noise: list[float]) -> float:
    """A card being turned: a brushed noise burst that rises a little in pitch."""
    index = int(t * RATE)
    grain = (noise[index] + noise[index - 1] + noise[index - 2]) / 3  # softened noise
    tone = math.sin(2 * math.pi * (300 + 900 * t) * t)
    return envelope(t, 0.14, 0.01) * (0.7 * grain + 0.3 * tone)


def chime(t: float) -> float:
    """Three rising notes (C, E, G), each ringing on: a gentle « well done »."""
    total = 0.0
    for start, frequency in ((0.0, 523.25), (0.12, 659.25), (0.24, 783.99)):
        if t >= start:
            u = t - start
            ring = math.sin(2 * math.pi * frequency * u) + 0.3 * math.sin(
                4 * math.pi * frequency * u
            )
            total += envelope(u, 0.9 - start, 0.01) * ring / 1.3
    return total / 2


def whoosh(t: float, noise: list[float]) -> float:
    """A page sliding by: filtered noise that swells and fades."""
    index = int(t * RATE)
    grain = sum(noise[index - k] for k in range(6)) / 6  # darker noise
    swell = math.sin(math.pi * min(1.0, t / 0.28))
    return 1.6 * swell * grain


def render(voice: Callable[[float], float], seconds: float) -> bytes:
    frames = bytearray()
    for index in range(int(seconds * RATE)):
        value = max(-1.0, min(1.0, voice(index / RATE))) * PEAK
        frames += struct.pack("<h", round(value * 32767))
    return bytes(frames)


def write(path: Path, frames: bytes) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


HERE = Path(__file__).resolve().parent


def main(folder: Path = HERE) -> list[Path]:
    rng = random.Random(2024)  # fixed seed: the same files every time
    noise = [rng.uniform(-1, 1) for _ in range(RATE)]
    sounds = {
        "click": (click, 0.07),
        "flip": (lambda t: flip(t, noise), 0.15),
        "chime": (chime, 1.0),
        "page": (lambda t: whoosh(t, noise), 0.3),
    }
    paths = []
    for name, (voice, seconds) in sounds.items():
        path = folder / f"{name}.wav"
        write(path, render(voice, seconds))
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in main():
        print(written)
