"""« Propose-moi un pseudo »: a word that makes a picture, and a number (« Renard 27 »).

For players who cannot or would rather not type: a suggestion is made of short, concrete,
easy-to-say words, never a real name, re-rollable as often as liked, and never one that a
player on this computer already has. The words and their pictures are data
(``game/assets/pseudo/words.json`` and one SVG each), so a word is added without code.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "assets" / "pseudo"


@dataclass(frozen=True)
class Word:
    """A picture word in each language, and its picture's file."""

    names: dict[str, str]
    picture: Path

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["fr"]


@dataclass(frozen=True)
class Suggestion:
    """« Renard 27 » and the fox drawn beside it."""

    name: str
    word: Word


@cache
def words(folder: Path = FOLDER) -> tuple[Word, ...]:
    """The picture words of ``folder/words.json`` (read once)."""
    data = json.loads((folder / "words.json").read_text(encoding="utf-8"))
    return tuple(
        Word({k: v for k, v in item.items() if k != "picture"}, folder / item["picture"])
        for item in data["words"]
    )


def suggestion(lang: str, taken: set[str], rng: random.Random) -> Suggestion:
    """A free pseudonym: a picture word and a number from 10 to 99 (100-999 when crowded)."""
    folded = {name.casefold() for name in taken}
    choices = words()
    for _ in range(200):
        word = rng.choice(choices)
        name = f"{word.name(lang)} {rng.randint(10, 99)}"
        if name.casefold() not in folded:
            return Suggestion(name, word)
    word = rng.choice(choices)
    return Suggestion(f"{word.name(lang)} {rng.randint(100, 999)}", word)


def suggest(lang: str, taken: set[str], rng: random.Random) -> str:
    """The suggestion's pseudonym alone."""
    return suggestion(lang, taken, rng).name
