"""What every counsellor action shares: translatable errors, the framework, the reviewer.

Actions raise ``ActionError`` with a catalogue key, so the CLI and the desktop app say the
same thing in the counsellor's language; ``describe`` turns any DIVA error into that text.
"""

import functools
import getpass
import json
import os
import re
from pathlib import Path

from platformdirs import user_config_dir

from shared.errors import DivaError, DomainError, NotFoundError, StoreError, explain
from shared.framework import Competency, Framework, default_framework
from shared.i18n import Catalogue
from shared.text import localize

# An e-mail address as a badge recipient needs it (checked before anything is queued or sent).
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


class ActionError(DivaError):
    """A counsellor action refused for a reason the person can fix.

    ``key`` names the message in ``skillmap/locales``; ``values`` fill its placeholders.
    """

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, key, **values)

    def message(self, t: Catalogue) -> str:
        """The message; a value naming a catalogue word (``status.experience.draft``) is said
        in the reader's language (« brouillon », never « draft »)."""
        values = {name: _word(t, value) for name, value in self.values.items()}
        return t(self.key, **values)


def _word(t: Catalogue, value: object) -> object:
    if isinstance(value, str) and value.startswith("status.") and t.has(value):
        return t(value)
    return value


class NeedsConfirmation(ActionError):
    """The action is valid but weighty (a level 4): ask the counsellor, then call again."""


def describe(error: DivaError, t: Catalogue) -> str:
    """A readable message for any DIVA error, in the catalogue's language."""
    if isinstance(error, ActionError):
        return error.message(t)
    if error.key == "store.damaged":  # the counsellor is told what to do about it
        return t("error.damaged_file", path=error.values["path"], detail=str(error))
    explained = explain(error, t.lang)
    if explained != str(error):
        return explained
    if isinstance(error, NotFoundError):
        return t("error.not_found", detail=str(error))
    if isinstance(error, StoreError):
        return t("error.store", detail=str(error))
    if isinstance(error, DomainError):
        return t("error.rule", detail=str(error))
    return t("error.other", detail=str(error))


@functools.cache
def catalogue(lang: str = "fr") -> Catalogue:
    """The skill map's texts (French by default, English second)."""
    return Catalogue.load("skillmap", lang)


@functools.cache
def framework() -> Framework:
    """The competency framework the skill map works with (RECTEC), loaded once per process."""
    return default_framework()


def competency(competency_id: str) -> Competency:
    """The framework's competency, or an ActionError listing the valid ids."""
    found = framework().by_id.get(competency_id)
    if found is None:
        raise ActionError(
            "error.unknown_competency",
            competency=competency_id,
            valid=", ".join(framework().by_id),
        )
    return found


def competency_name(competency_id: str, lang: str = "fr") -> str:
    found = framework().by_id.get(competency_id)
    return localize(found.name, lang) if found else competency_id


def check_level(level: int) -> int:
    """Levels are 1-4 (with help ... adapts and passes it on)."""
    if not isinstance(level, int) or not 1 <= level <= 4:
        raise ActionError("error.invalid_level", level=level)
    return level


def counsellor_file() -> Path:
    """This computer user's own settings (several counsellors may share one data folder)."""
    override = os.environ.get("DIVA_CONFIG_DIR")
    return Path(override or user_config_dir("diva")) / "counsellor.json"


def configured_counsellor() -> str:
    """The name set with ``diva-skillmap counsellor NAME`` ("" if none or unreadable)."""
    try:
        data = json.loads(counsellor_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    name = data.get("name", "") if isinstance(data, dict) else ""
    return name.strip() if isinstance(name, str) else ""


def default_reviewer() -> str:
    """Who signs a change when no name is given: DIVA_COUNSELLOR, else the counsellor set with
    ``diva-skillmap counsellor NAME``, else (last resort) the session's login."""
    name = os.environ.get("DIVA_COUNSELLOR", "").strip() or configured_counsellor()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return "?"
