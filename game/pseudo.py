"""« Propose-moi un pseudo »: a word that makes a picture, and a number (« Renard 27 »).

For players who cannot or would rather not type: a suggestion is made of short, concrete,
easy-to-say words, never a real name, re-rollable as often as liked, and never one that a
player on this computer already has.
"""

from __future__ import annotations

import random

WORDS = {
    "fr": ("Renard", "Panda", "Tigre", "Fusée", "Étoile", "Soleil", "Comète", "Koala", "Lynx",
           "Dauphin", "Volcan", "Éclair", "Pirate", "Cactus", "Orage", "Faucon"),
    "en": ("Fox", "Panda", "Tiger", "Rocket", "Star", "Sun", "Comet", "Koala", "Lynx",
           "Dolphin", "Volcano", "Flash", "Pirate", "Cactus", "Storm", "Falcon"),
}  # fmt: skip


def suggest(lang: str, taken: set[str], rng: random.Random) -> str:
    """A free pseudonym: a picture word and a number from 10 to 99."""
    words = WORDS.get(lang, WORDS["fr"])
    folded = {name.casefold() for name in taken}
    for _ in range(200):
        name = f"{rng.choice(words)} {rng.randint(10, 99)}"
        if name.casefold() not in folded:
            return name
    return f"{rng.choice(words)} {rng.randint(100, 999)}"
