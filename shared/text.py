"""Translated texts: a plain French string, or a ``{fr: ..., en: ...}`` map."""

from typing import Annotated

from pydantic import Field

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

LocalizedText = Annotated[
    str | dict[str, str],
    Field(description="A French text, or a map of language code to text ({fr: ..., en: ...})."),
]


def localize(text: str | dict[str, str], lang: str = DEFAULT_LANGUAGE) -> str:
    """The text in ``lang``, falling back to French, then to any language present."""
    if isinstance(text, str):
        return text
    for code in (lang, DEFAULT_LANGUAGE, *text.keys()):
        if text.get(code):
            return text[code]
    return ""


def missing_languages(text: str | dict[str, str]) -> list[str]:
    """The languages of LANGUAGES for which ``text`` has no translation."""
    if isinstance(text, str):
        return [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
    return [code for code in LANGUAGES if not text.get(code)]
