"""The public GET's one read on SQLite, on the event loop, on one connection kept for it.

``stored.Reader`` checks a connection out of SQLAlchemy's pool and back in (with its reset)
for every GET: twice the cost of the indexed read itself. The event loop runs one read at a
time, so one connection is enough; it is opened by the engine (same PRAGMAs: WAL, busy
timeout) and kept. Each SELECT runs to its end, so no read transaction stays open between
GETs: every GET sees the last commit of every worker (revocation, privacy), and the WAL can
be checkpointed. A connection that fails is dropped and the next GET opens a new one.
"""

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from issuer.security import looks_like_id
from issuer.service.stored import Found, Reader, Unknown


class SqliteReader:
    """``stored.Reader.lookup`` on a kept connection; a coroutine like ``AsyncReader``'s."""

    def __init__(self, engine: Engine) -> None:
        self.reader = Reader(engine)  # the statement compiled for SQLite, and the read itself
        self._kept: Any = None  # SQLAlchemy's pooled connection, never given back

    async def lookup(self, entity_id: str, kind: str, base_url: str) -> Found:
        if not looks_like_id(entity_id):
            raise Unknown(entity_id)
        if self._kept is None:
            self._kept = self.reader.engine.raw_connection()
        try:
            return self.reader.lookup_on(self._kept, entity_id, kind, base_url)
        except DBAPIError:
            self._kept = None  # invalidated by the read: the next GET opens a new one
            raise
