"""At every open, the index is made true to the player files, and leftovers are cleaned.

``index.json`` is derived data: the player files are the truth. A new player is written in
two steps (the player file, then its index line), so a kill between them must not hide the
player (the skill map would not list them, ``erase`` would miss them, the next game start
would create a second player with the same pseudonym). So every open compares the folder with
the index: a file nobody indexed is read and indexed, a line whose file is gone is dropped,
a file that cannot be read is remembered as damaged (the skill map names it « fichier abîmé »).
Only the unindexed files are read: opening a folder of 600 players stays one directory listing.

A person counted for the funders (``shared.ledger``) whose writer was killed between their
file and their line is counted at the next open (``recount``): the figures do not lose them.
So is a workshop joined later (``join_key``): counted if the player's file has the code.

Temporary files of killed writes (``.<name>.<pid>.<random>.tmp``, full copies of a data file)
are removed under their file's lock when their writer is no longer alive.

In a folder this process cannot write to, the repair is kept in memory only.
"""

import re
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import Query

from shared import ledger
from shared.errors import DivaError, StoreError
from shared.store.files import DataFile
from shared.store.locking import locked
from shared.store.storage import remove_stale_temps

TEMP_NAME = re.compile(r"\.(?P<target>.+?\.json)\..*\.tmp")


@dataclass
class Repair:
    """What the last open found and did."""

    indexed: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    damaged: list[Path] = field(default_factory=list)
    temps_removed: list[Path] = field(default_factory=list)
    saved: bool = True

    def apply(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The index rows as they should be (when the repair could not be written)."""
        if self.saved:
            return rows
        known = {r["id"] for r in self.indexed}
        kept = [r for r in rows if r.get("id") not in self.dropped and r.get("id") not in known]
        return kept + self.indexed


def player_files(folder: Path, valid_id: Callable[[str], bool]) -> dict[str, Path]:
    """Every ``<id>.json`` of the players folder, by id."""
    try:
        paths = list(folder.glob("*.json"))
    except OSError:
        return {}
    return {p.stem: p for p in paths if valid_id(p.stem)}


def file_time(path: Path) -> str:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat()
    except OSError:
        return datetime.now(UTC).isoformat()


def repair_index(
    index: DataFile,
    files: dict[str, Path],
    read_row: Callable[[str], dict[str, Any]],
) -> Repair:
    """Index the unindexed player files and drop the lines of vanished ones, under the lock."""
    result = Repair()
    with locked(index.path):
        rows = index.rows("players")
        indexed_ids = {r.get("id") for r in rows if isinstance(r, dict)}
        for player_id in sorted(set(files) - indexed_ids):
            try:
                result.indexed.append(read_row(player_id))
            except DivaError:
                result.damaged.append(files[player_id])
        result.dropped = sorted(
            i for i in indexed_ids if isinstance(i, str) and i not in files and i
        )
        if result.indexed or result.dropped:
            result.saved = _save(index, result)
    return result


def _save(index: DataFile, result: Repair) -> bool:

    def change(db: Any) -> None:  # one write each: 600 upserts would be 600 fsyncs
        table = db.table("players")
        if result.indexed:
            table.insert_multiple(result.indexed)  # none of them is in the index (checked)
        if result.dropped:
            table.remove(Query().id.one_of(result.dropped))

    try:
        index.run(change)
    except StoreError as exc:
        if exc.key in ("store.cannot_save", "store.cannot_lock"):
            return False  # a read-only folder: the repair lives in memory for this session
        raise
    return True


def remove_leftovers(folders: Iterable[Path]) -> list[Path]:
    """Stale temporary files in ``folders``, each removed under its data file's lock."""
    removed: list[Path] = []
    for folder in folders:
        try:
            names = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
        except OSError:
            continue
        targets = {m["target"] for n in names if (m := TEMP_NAME.fullmatch(n))}
        for target in sorted(targets):
            path = folder / target
            try:
                with locked(path):
                    removed += remove_stale_temps(path)
            except StoreError:
                continue  # cannot even lock it (read-only folder): nothing can be removed
            if not path.exists():  # the copy of an erased player: leave no lock behind either
                with suppress(OSError):
                    Path(f"{path}.lock").unlink(missing_ok=True)
    return removed


def join_key(player_id: str, code: str) -> str:
    """The aside of ``player_id`` joining workshop ``code`` (a person's own aside is their id)."""
    return f"{player_id}+{code}"


def recount(
    root: Path, files: dict[str, Path], workshops_of: Callable[[str], list[str]]
) -> list[str]:
    """Finish the funders' counts killed writers left aside (the keys counted now): a new
    person when their file exists, a workshop joined when their file has the code; in a folder
    this process cannot write to, they wait for an open that can."""

    def written(key: str) -> bool:
        player_id, joined, code = key.partition("+")
        if player_id not in files:
            return False
        if not joined:
            return True
        try:
            return code in workshops_of(player_id)
        except DivaError:  # damaged since: the join cannot be told, it is not counted
            return False

    try:
        return ledger.recover(root, written)
    except (OSError, StoreError):
        return []
