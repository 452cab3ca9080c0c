"""Message catalogues: every user-visible string is looked up by a stable key.

Each package keeps ``locales/fr.json`` (the default) and ``locales/en.json``: flat maps of
dotted keys to texts with ``{name}`` placeholders. A missing English text falls back to
French; a missing key shows the key itself, so the gap is visible, never a crash.
"""

import json
from importlib import resources

from shared.text import DEFAULT_LANGUAGE, LANGUAGES


class Catalogue:
    """The texts of one package in one language (with French as fallback)."""

    def __init__(self, texts: dict[str, str], fallback: dict[str, str], lang: str) -> None:
        self.texts = texts
        self.fallback = fallback
        self.lang = lang

    @classmethod
    def load(cls, package: str, lang: str = DEFAULT_LANGUAGE) -> "Catalogue":
        """Load ``<package>/locales/<lang>.json`` with the French catalogue as fallback."""
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        french = _read(package, DEFAULT_LANGUAGE)
        texts = french if lang == DEFAULT_LANGUAGE else _read(package, lang)
        return cls(texts, french, lang)

    def __call__(self, key: str, **values: object) -> str:
        text = self.texts.get(key) or self.fallback.get(key) or key
        if not values:
            return text
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text

    def has(self, key: str) -> bool:
        return key in self.texts


def _read(package: str, lang: str) -> dict[str, str]:
    try:
        source = resources.files(package).joinpath("locales", f"{lang}.json")
        return json.loads(source.read_text(encoding="utf-8"))
    except (FileNotFoundError, ModuleNotFoundError, json.JSONDecodeError):
        return {}
