"""Where DIVA finds its bundled content and keeps its data."""

import os
from importlib import resources
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "diva"
CONTENT_PACKAGE = "diva_content"  # the repository's content/ folder, as installed (pyproject)
CHECKOUT_CONTENT = Path(__file__).resolve().parent.parent / "content"


def content_dir() -> Path:
    """The bundled content folder (frameworks, scenarios, images), or DIVA_CONTENT_DIR.

    Installed (wheel or editable), the content is the data package ``diva_content``, found with
    importlib.resources; run from a checkout without installing, it is the ``content/`` folder
    beside ``shared/``.
    """
    override = os.environ.get("DIVA_CONTENT_DIR")
    if override:
        return Path(override)
    installed = _installed_content()
    if installed is not None:
        return installed
    return CHECKOUT_CONTENT


def _installed_content() -> Path | None:
    try:
        frameworks = Path(str(resources.files(CONTENT_PACKAGE).joinpath("frameworks")))
    except (ImportError, OSError):  # not installed: running from a checkout
        return None
    return frameworks.parent if frameworks.is_dir() else None


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: an explicit --data-dir, else DIVA_DATA_DIR, else the user's data dir."""
    if explicit:
        return Path(explicit)
    override = os.environ.get("DIVA_DATA_DIR")
    if override:
        return Path(override)
    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where DIVA keeps what it can always make again (rasterised pictures): DIVA_CACHE_DIR,
    else the user's cache folder. Never a player's data: deleting it loses nothing."""
    override = os.environ.get("DIVA_CACHE_DIR")
    if override:
        return Path(override)
    return Path(user_cache_dir(APP_NAME, appauthor=False))
