"""One data file: a TinyDB database opened for the time of one locked operation."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from shared.store.locking import locked
from shared.store.storage import AtomicJSONStorage

T = TypeVar("T")


class DataFile:
    """A JSON data file of a given kind (``player``, ``index``, ``workshops``).

    Every operation takes the cross-process lock, so read-modify-write sequences made
    inside ``session()`` are atomic with respect to other processes.
    """

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind

    @contextmanager
    def session(self) -> Iterator[TinyDB]:
        """The database, locked for the duration of the ``with`` block."""
        with locked(self.path):
            yield TinyDB(self.path, storage=AtomicJSONStorage, kind=self.kind)

    def run(self, operation: Callable[[TinyDB], T]) -> T:
        with self.session() as db:
            return operation(db)

    def rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of ``table`` as plain dicts (empty if the file does not exist yet)."""
        if not self.path.exists():
            return []
        return self.run(lambda db: [dict(row) for row in db.table(table).all()])

    def exists(self) -> bool:
        return self.path.exists()
