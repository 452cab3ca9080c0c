"""The public GET's one read on SQLite, on the event loop, on one connection kept for it.

A pooled ``stored.Reader`` checks a connection out of SQLAlchemy's pool and back in (with its
reset) for every GET: twice the cost of the indexed read itself. The event loop runs one read
at a time, so one connection is enough; it is opened by the engine (same PRAGMAs: WAL, busy
timeout) and kept. Each SELECT runs to its end, so no read transaction stays open between
GETs: every GET sees the last commit of every worker (revocation, privacy), and the WAL can
be checkpointed. A connection that fails is dropped and the next GET opens a new one.
"""

from sqlalchemy import Engine

from issuer.service.stored import Found, Reader


class SqliteReader:
    """``stored.Reader.lookup`` on a kept connection; a coroutine like ``AsyncReader``'s."""

    def __init__(self, engine: Engine) -> None:
        self.reader = Reader(engine, keep=True)

    async def lookup(self, entity_id: str, kind: str, base_url: str) -> Found:
        return self.reader.lookup(entity_id, kind, base_url)
