"""This computer's settings: chosen on the first launch or preset by a counsellor for a room.

Precedence (issue 16): a player's own settings (those they moved away from the defaults), then
the computer's (first-launch screen, ``--settings FILE``, the command-line switches), then the
defaults. Kept as a small JSON file in the data folder, next to the players: a workshop PC
keeps its room preset, a young person at home keeps the big text they asked for.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from shared.player import Settings

FILE_NAME = "computer-settings.json"


class PresetError(ValueError):
    """A settings file that cannot be used; the message says which file and why."""


def path_in(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def load(path: Path) -> Settings | None:
    """The saved settings, or None when there are none yet (the first launch) or the file
    is unreadable (then the first-launch screen simply asks again)."""
    try:
        return read_preset(path, Settings())
    except PresetError:
        return None


def read_preset(path: Path, base: Settings) -> Settings:
    """``base`` with the values of a settings file (any subset of the settings' names)."""
    try:
        values = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PresetError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PresetError(f"{path}: not a readable JSON file ({exc})") from exc
    if not isinstance(values, dict):
        raise PresetError(f'{path}: expected an object of settings, like {{"read_aloud": true}}')
    try:
        return Settings.model_validate(base.model_dump() | values)
    except ValidationError as exc:
        wrong = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise PresetError(f"{path}: {wrong}") from exc


def save(path: Path, settings: Settings) -> bool:
    """Write whole then rename (never half a file); False when the folder is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".computer-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(settings.model_dump_json(indent=2))
        os.replace(temp, path)
    except OSError:
        return False
    return True


def own(settings: Settings) -> dict[str, object]:
    """What a player moved away from the defaults: their own settings, which win."""
    defaults = Settings().model_dump()
    return {k: v for k, v in settings.model_dump().items() if defaults[k] != v}


def merged(computer: Settings, player: Settings, just_changed: dict[str, object]) -> Settings:
    """The computer's settings, then the player's own, then what was changed just before
    choosing the player (choosing a player no longer undoes it)."""
    return Settings.model_validate(computer.model_dump() | own(player) | just_changed)


def changes(before: Settings, after: Settings) -> dict[str, object]:
    old = before.model_dump()
    return {k: v for k, v in after.model_dump().items() if old[k] != v}


def for_launch(
    folder: Path, *, preset: Path | None = None, lang: str | None = None, **switches: object
) -> tuple[Settings, bool]:
    """This launch's computer settings, and whether to ask on a first-launch screen.

    Saved settings, then a room preset file (``--settings FILE``), then the command-line
    switches (``--read-aloud``, ``--text-size``…; None or False: not given). A preset or a
    switch is saved as the computer's, so the room stays preset, and no screen asks.
    Raises :class:`PresetError` for a preset file that cannot be used.
    """
    file = path_in(folder)
    saved = load(file)
    settings = saved or Settings()
    if preset is not None:
        settings = read_preset(preset, settings)
    given = {k: v for k, v in switches.items() if v not in (None, False)}
    if given:
        settings = Settings.model_validate(settings.model_dump() | given)
    if preset is not None or given:
        save(file, settings)
    if lang:
        settings = settings.model_copy(update={"language": lang})
    return settings, saved is None and preset is None and not given
