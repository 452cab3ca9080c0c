"""What DIVA's three command lines share: argparse's own words (usage, options, its errors)
in the person's language, and the language asked for, read before parsing so that even
``--help`` and usage errors speak it."""

import argparse
import contextlib
import os
from collections.abc import Iterator

from shared.i18n import Catalogue

ARGPARSE_TEXTS = (
    "usage: ",
    "positional arguments",
    "options",
    "show this help message and exit",
    "the following arguments are required: %s",
    "unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "argument %(argument_name)s: %(message)s",
    "expected one argument",
    "expected at least one argument",
    "invalid %(type)s value: %(value)r",
    "%(prog)s: error: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s",
    "one of the arguments %s is required",
    "not allowed with argument %s",
)


def wanted_lang(argv: list[str]) -> str:
    """The --lang given on the command line, else DIVA_LANG, else French."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("DIVA_LANG", "fr")


@contextlib.contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """argparse speaks ``lang`` for the duration of the block (its texts are gettext calls)."""
    catalogue = Catalogue.load("shared", lang)
    texts = {}
    for text in ARGPARSE_TEXTS:
        key = f"argparse.{text.strip()}"
        if catalogue.has(key) or catalogue.fallback.get(key):
            texts[text] = catalogue(key) + ("\n" if text.endswith("\n") else "")
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: texts.get(text, original(text))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]
