"""The anonymous, append-only record of what a structure did, for its funders: ``stats.jsonl``
in the data folder.

One JSON line per event — a person reached, a workshop joined, an experience confirmed, a
badge issued or endorsed — with its time, the structure (as typed, grouped by ``structure_key``),
the workshop code and the competency. Never a pseudonym nor any id of a person or a record:
erasing a young person (their file goes) leaves the figures of the past as they were.

Lines are appended under a lock with one ``write`` and an fsync. A line that cannot be read
(damaged) or that a newer DIVA wrote is named and skipped by ``read``, never fatal.

A new person is counted in three steps that a killed process could cut: the lines are first
put aside (``intend``: ``stats.pending/<key>.json``), the person is written, then the lines
are appended and the aside removed (``commit``). At the next open ``recover`` finishes what a
death left: lines of a person whose file exists are appended (once: each carries a random
``n``, looked up first), an aside whose person was never written is dropped. A workshop joined
later is put aside the same way (its key names the player and the code; the opener says
whether the player's file has the code). The aside is the only place a line is near a
person's id, and it lives until the next open at most.

The first time a folder is counted (no ``seeded`` line yet), the record is written from the
records present (``seed``): what happened before this record existed is counted once.
"""

from __future__ import annotations

import json
import os
import secrets
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shared.store.locking import locked
from shared.store.storage import write_atomically

FILE = "stats.jsonl"
PENDING = "stats.pending"
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
        _append_unlocked(root, lines)


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


# -- a count that survives a killed writer ---------------------------------------------------


def _aside(root: Path, key: str) -> Path:
    return Path(root) / PENDING / f"{key}.json"


def intend(root: Path, key: str, lines: list[dict[str, Any]]) -> None:
    """Put ``lines`` aside before the record they count is written (``key``: that record)."""
    nonce = secrets.token_hex(8)  # random: it names no one, it only tells a line was written
    marked = [{**line, "n": nonce} for line in lines]
    path = _aside(root, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps({"n": nonce, "lines": marked}).encode())


def commit(root: Path, key: str) -> None:
    """The record is written: its lines go to the record, the aside goes."""
    path = _aside(root, key)
    try:
        aside = json.loads(path.read_bytes())
    except FileNotFoundError:
        return
    with locked(path_of(root)):
        _append_unlocked(root, aside["lines"])
    path.unlink(missing_ok=True)


def cancel(root: Path, key: str) -> None:
    """The record was not written (refused): nothing to count."""
    _aside(root, key).unlink(missing_ok=True)


def recover(root: Path, exists: Callable[[str], bool]) -> list[str]:
    """At open: finish the counts a killed writer left aside; returns the keys counted now.

    An aside whose record exists is appended unless its lines are in already (killed after
    the append); one whose record was never written is dropped; one that cannot be read is
    dropped too (it was never part of the figures)."""
    folder = Path(root) / PENDING
    try:
        asides = sorted(folder.glob("*.json"))
    except OSError:
        return []
    counted: list[str] = []
    for path in asides:
        key = path.stem
        try:
            aside = json.loads(path.read_bytes())
            nonce, lines = aside["n"], aside["lines"]
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)
            continue
        if exists(key):
            with locked(path_of(root)):
                if not any(line.get("n") == nonce for line in read(root).events):
                    _append_unlocked(root, lines)
                    counted.append(key)
        path.unlink(missing_ok=True)
    return counted


def _append_unlocked(root: Path, lines: list[dict[str, Any]]) -> None:
    path = path_of(root)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, _encoded(lines))
        os.fsync(fd)
    finally:
        os.close(fd)
