"""One data file: a TinyDB database opened for the time of one locked operation."""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from shared.store.locking import locked
from shared.store.storage import AtomicJSONStorage

T = TypeVar("T")


class RecordTable(Table):
    """A TinyDB table whose ``insert`` does not rebuild the whole table.

    TinyDB's own insert converts every key of the table twice and scans them all for the
    next id: with 10,000 evidence that costs more than the fsync. Records are never
    renumbered here, so the next id is found from the table's size in O(1).
    """

    def insert(self, document: Mapping) -> int:
        if isinstance(document, Document):
            return super().insert(document)
        tables = self._storage.read() or {}
        raw = tables.setdefault(self.name, {})
        doc_id = len(raw) + 1
        while str(doc_id) in raw:
            doc_id += 1
        raw[str(doc_id)] = dict(document)
        self._storage.write(tables)
        self.clear_cache()
        return doc_id


class RecordDB(TinyDB):
    table_class = RecordTable


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
            yield RecordDB(self.path, storage=AtomicJSONStorage, kind=self.kind)

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
