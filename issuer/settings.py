"""Where the issuer keeps its data and which database it talks to.

One object, passed explicitly (no globals): the CLI builds it from its options, and each
uvicorn worker rebuilds it from the environment the CLI sets before starting them.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "diva-issuer"
ENV_DIR = "DIVA_ISSUER_DIR"
ENV_DATABASE = "DIVA_ISSUER_DATABASE_URL"
ENV_PUBLIC_URL = "DIVA_ISSUER_PUBLIC_URL"
DATABASE_FILE = "issuer.db"
KEYS_FOLDER = "keys"


@dataclass(frozen=True)
class Settings:
    """The server's place on disk, its database and the public URL its ids are built on."""

    data_dir: Path
    database_url: str
    public_url: str = ""  # "" until known: then the first issuer profile's --url

    @property
    def keys_dir(self) -> Path:
        """Private signing keys, one 0600 PEM file per key id."""
        return self.data_dir / KEYS_FOLDER

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else DIVA_ISSUER_DIR, else the user's data folder for diva-issuer."""
    if explicit:
        return Path(explicit).expanduser()
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def build_settings(
    data_dir: str | os.PathLike[str] | None = None,
    database_url: str | None = None,
    public_url: str | None = None,
) -> Settings:
    """Settings from explicit options, falling back to the environment, then to defaults."""
    folder = resolve_data_dir(data_dir)
    url = database_url or os.environ.get(ENV_DATABASE) or sqlite_url(folder)
    public = public_url if public_url is not None else os.environ.get(ENV_PUBLIC_URL, "")
    return Settings(data_dir=folder, database_url=url, public_url=public.rstrip("/"))


def sqlite_url(folder: Path) -> str:
    """The default database: one SQLite file in the data folder."""
    return f"sqlite:///{(folder / DATABASE_FILE).resolve()}"


def export_to_environment(settings: Settings) -> None:
    """Hand the settings to uvicorn's worker processes, which rebuild them in ``app``."""
    os.environ[ENV_DIR] = str(settings.data_dir)
    os.environ[ENV_DATABASE] = settings.database_url
    os.environ[ENV_PUBLIC_URL] = settings.public_url
