"""The anonymous, append-only record of what a structure did, for its funders: ``stats.jsonl``
in the data folder.

One JSON line per event — a person reached, a workshop joined, an experience confirmed, a
badge issued or endorsed — with its time, the structure (as typed, grouped by ``structure_key``),
the workshop code and the competency. Never a pseudonym nor any id of a person or a record:
erasing a young person (their file goes) leaves the figures of the past as they were.

Lines are appended under a lock with one ``write`` and an fsync. A line that cannot be read
(damaged) or that a newer DIVA wrote is named and skipped by ``read``, never fatal.

The first time a folder is counted (no ``seeded`` line yet), the record is written from the
records present (``seed``): what happened before this record existed is counted once.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shared.store.locking import locked
from shared.store.storage import write_atomically

FILE = "stats.jsonl"
VERSION = 1
EVENTS = (
    "person_reached",
    "workshop_joined",
    "experience_confirmed",
    "badge_issued",
    "badge_endorsed",
)


def structure_key(name: str) -> str:
    """« Mission Locale », « mission  locale » and « Mission locale » are one structure: case,
    spaces and accents do not make a new one."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def event(kind: str, structure: str = "", workshop: str = "", competency: str = "",
          level: int = 0, at: datetime | None = None) -> dict[str, Any]:  # fmt: skip
    """One line: nothing in it names or points to a person."""
    stamp = (at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    line: dict[str, Any] = {"v": VERSION, "at": stamp.isoformat(), "event": kind}
    if structure.strip():
        line["structure"] = " ".join(structure.split())
    if workshop:
        line["workshop"] = workshop
    if competency:
        line["competency"] = competency
    if level:
        line["level"] = level
    return line


def path_of(root: Path) -> Path:
    return Path(root) / FILE


def _encoded(lines: Iterable[dict[str, Any]]) -> bytes:
    return b"".join(
        json.dumps(line, ensure_ascii=False, sort_keys=True).encode() + b"\n" for line in lines
    )


def append(root: Path, lines: list[dict[str, Any]]) -> None:
    """Add events at the end, in one write, durably (0600: the structure's own figures)."""
    if not lines:
        return
    path = path_of(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, _encoded(lines))
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass
class Reading:
    """The events read, and what was skipped (``path:line (why)``: the caller says it)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seeded: bool = False


def read(root: Path) -> Reading:
    """Every readable event; a damaged line or one of a newer DIVA is named and skipped."""
    path = path_of(root)
    reading = Reading()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return reading
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            version = data["v"]
            kind = data["event"]
            datetime.fromisoformat(data["at"])
        except (ValueError, KeyError, TypeError) as exc:
            reading.skipped.append(f"{path}:{number} ({type(exc).__name__})")
            continue
        if not isinstance(version, int) or version > VERSION:
            reading.skipped.append(f"{path}:{number} (v{version})")
            continue
        if kind == "seeded":
            reading.seeded = True
        elif kind in EVENTS:
            reading.events.append(data)
    return reading


def seed(root: Path, lines: list[dict[str, Any]]) -> None:
    """Write the record from what the folder holds, once (the ``seeded`` line comes first).

    Lines appended before this (a game run since the update) are in the records already, so
    they are replaced, not added: nothing is counted twice."""
    path = path_of(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        if read(root).seeded:
            return
        marker = event("seeded")
        write_atomically(path, _encoded([marker, *lines]))
