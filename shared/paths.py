"""Where DIVA finds its bundled content and keeps its data."""

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "diva"


def content_dir() -> Path:
    """The bundled content folder (frameworks, scenarios, images), or DIVA_CONTENT_DIR."""
    override = os.environ.get("DIVA_CONTENT_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "content"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: an explicit --data-dir, else DIVA_DATA_DIR, else the user's data dir."""
    if explicit:
        return Path(explicit)
    override = os.environ.get("DIVA_DATA_DIR")
    if override:
        return Path(override)
    return Path(user_data_dir(APP_NAME, appauthor=False))
