"""Domain errors: every one carries a message a person can read, never a traceback.

``str(error)`` is a technical English sentence (for tests and bug reports); ``error.key`` and
``error.values`` let an app say the same thing in the person's language, through the
``errors.*`` texts of ``shared/locales`` (see ``explain``).
"""

from shared.i18n import Catalogue


class DivaError(Exception):
    """Base of every error DIVA reports to a person."""

    def __init__(self, message: str, key: str = "", **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


class DomainError(DivaError):
    """A rule of the skill model was broken (a level outside 1-4, an invalid transition...)."""


class StoreError(DivaError):
    """A data file could not be used. The message names the file; the file is left untouched."""


class FrameworkError(DivaError):
    """A competency framework file is malformed."""


class NotFoundError(DivaError):
    """A player, experience or request that was asked for does not exist."""


def explain(error: DivaError, lang: str = "fr") -> str:
    """The error in the person's language, or its technical message if it has no text yet."""
    texts = Catalogue.load("shared", lang)
    key = f"errors.{error.key}"
    if error.key and texts.has(key):
        return texts(key, **{name: _word(texts, v) for name, v in error.values.items()})
    return str(error)


def _word(texts: Catalogue, value: object) -> object:
    """A status id (« draft ») said as a word (« brouillon ») when the catalogue has one."""
    key = f"word.{value}"
    return texts(key) if isinstance(value, str) and texts.has(key) else value
