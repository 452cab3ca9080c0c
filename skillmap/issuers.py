"""The badge issuers the skill map knows: where they are and how to log in to them.

Each issuer (the bundled ``diva-issuer`` of a structure, or a Badgr / Canvas Credentials
account) is configured the same way: a name, its base URL and an OAuth2 client id, in
``issuers.json`` in the data folder. The client secrets live apart, in ``issuer-secrets.json``
(mode 0600), so the configuration can be shown or copied without them; a secret is never
printed nor logged. For a plain Badgr account, whose badge classes carry no DIVA extensions,
``mapping`` names the BadgeClass of each ``framework/competency/level``.
"""

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.store.locking import locked
from skillmap.common import ActionError

CONFIG_FILE = "issuers.json"
SECRETS_FILE = "issuer-secrets.json"
NAME = re.compile(r"^[\w.-]{1,40}$")
IssuerKind = Literal["diva", "badgr"]


class IssuerConfig(BaseModel):
    """One issuer account; the secret is not here (see ``read_secret``)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    url: str
    client_id: str
    kind: IssuerKind = "diva"
    issuer_id: str = ""  # which of the account's issuer profiles; "" = the only/first one
    mapping: dict[str, str] = Field(default_factory=dict)  # "rectec/oral/2" -> BadgeClass id

    @property
    def base(self) -> str:
        return self.url.rstrip("/")


def mapping_key(framework_id: str, competency: str, level: int) -> str:
    return f"{framework_id}/{competency}/{level}"


def _write_private(path: Path, data: object) -> None:
    """Write ``data`` as JSON, created 0600 from the start (never world-readable, even briefly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _read(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ActionError("error.issuer_file", path=str(path), detail=str(exc)) from exc
    if not isinstance(data, dict):
        raise ActionError("error.issuer_file", path=str(path), detail="not an object")
    return data


class IssuerBook:
    """The issuers configured in one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config_path = root / CONFIG_FILE
        self.secrets_path = root / SECRETS_FILE

    @contextmanager
    def _session(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with locked(self.config_path):
            yield

    def all(self) -> list[IssuerConfig]:
        rows = _read(self.config_path).get("issuers", [])
        try:
            return [IssuerConfig.model_validate(row) for row in rows]
        except ValidationError as exc:
            detail = exc.errors()[0].get("msg", "")
            raise ActionError(
                "error.issuer_file", path=str(self.config_path), detail=detail
            ) from exc

    def get(self, name: str | None = None) -> IssuerConfig:
        """The named issuer; without a name, the only one configured."""
        found = self.all()
        if not found:
            raise ActionError("error.issuer_none")
        if name is None:
            if len(found) > 1:
                names = ", ".join(i.name for i in found)
                raise ActionError("error.issuer_which", names=names)
            return found[0]
        for issuer in found:
            if issuer.name == name:
                return issuer
        raise ActionError("error.issuer_unknown", name=name, names=", ".join(i.name for i in found))

    def add(self, config: IssuerConfig, secret: str) -> IssuerConfig:
        """Add or replace an issuer and its secret."""
        check_config(config)
        if not secret.strip():
            raise ActionError("error.issuer_no_secret")
        with self._session():
            others = [i for i in self.all() if i.name != config.name]
            rows = [i.model_dump() for i in [*others, config]]
            _write_private(self.config_path, {"issuers": rows})
            secrets = _read(self.secrets_path)
            secrets[config.name] = secret.strip()
            _write_private(self.secrets_path, secrets)
        return config

    def remove(self, name: str) -> None:
        with self._session():
            self.get(name)
            rows = [i.model_dump() for i in self.all() if i.name != name]
            _write_private(self.config_path, {"issuers": rows})
            secrets = _read(self.secrets_path)
            secrets.pop(name, None)
            _write_private(self.secrets_path, secrets)

    def secret(self, name: str) -> str:
        secret = _read(self.secrets_path).get(name, "")
        if not secret:
            raise ActionError("error.issuer_secret_missing", name=name)
        return str(secret)


def check_config(config: IssuerConfig) -> None:
    """Refuse a name or URL that cannot work, before anything is written."""
    if not NAME.match(config.name):
        raise ActionError("error.issuer_name", name=config.name)
    parts = urlsplit(config.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ActionError("error.issuer_url", url=config.url)
    if not config.client_id.strip():
        raise ActionError("error.issuer_client_id")


def load_mapping(path: str) -> dict[str, str]:
    """A Badgr account's mapping file: {"rectec/oral/2": "<BadgeClass entityId>", ...}."""
    data = _read(Path(path))
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ActionError("error.issuer_file", path=path, detail="strings expected")
    return data
