"""The public GET's one read of a stored document, on PostgreSQL, on the event loop.

The same statement and the same answer as ``stored.Reader`` (SQLite keeps that one: a local
read of microseconds), run on ``AsyncReadPool``: one round trip of a prepared statement, no
thread-pool hop, no ping, no rollback. Every GET still asks the database, so a revoke or a
privacy choice made through any worker shows on the next GET of every worker.
"""

from sqlalchemy import Engine

from issuer.db.async_pool import AsyncReadPool
from issuer.db.engine import POSTGRES_CONNECT_TIMEOUT_S, POSTGRES_POOL_TIMEOUT_S, PUBLIC_READ_POOL
from issuer.security import looks_like_id
from issuer.service.stored import Found, Reader, Unknown, found_in


class AsyncReader:
    """``stored.Reader.lookup`` as a coroutine, on its own pool of autocommit connections."""

    def __init__(self, engine: Engine) -> None:
        self.sql = Reader(engine).sql  # compiled once for the dialect: named parameters
        self.pool = AsyncReadPool(
            engine, PUBLIC_READ_POOL, POSTGRES_CONNECT_TIMEOUT_S, POSTGRES_POOL_TIMEOUT_S
        )

    async def lookup(self, entity_id: str, kind: str, base_url: str) -> Found:
        if not looks_like_id(entity_id):
            raise Unknown(entity_id)
        row = await self.pool.fetchone(self.sql, {"entity_id": entity_id, "kind": kind})
        return found_in(row, entity_id, base_url)
