"""The public GET's one read of a stored document, on PostgreSQL, on the event loop.

The same statement and the same answer as ``stored.Reader`` (SQLite keeps that one: a local
read of microseconds), run on ``AsyncReadPool``: one round trip of a prepared statement, no
thread-pool hop, no ping, no rollback. Every GET still asks the database, so a revoke or a
privacy choice made through any worker shows on the next GET of every worker.
"""

from sqlalchemy import Engine
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect

from issuer.db.async_pool import AsyncReadPool
from issuer.db.engine import POSTGRES_CONNECT_TIMEOUT_S, POSTGRES_POOL_TIMEOUT_S, PUBLIC_READ_POOL
from issuer.security import looks_like_id
from issuer.service.stored import READ, Found, Unknown, found_in


class AsyncReader:
    """``stored.Reader.lookup`` as a coroutine, on its own pool of connections."""

    def __init__(self, engine: Engine) -> None:
        compiled = READ.compile(dialect=asyncpg_dialect.dialect())  # $1, $2: asyncpg's style
        self.sql = str(compiled)
        self.order = list(compiled.positiontup or [])
        self.pool = AsyncReadPool(
            engine, PUBLIC_READ_POOL, POSTGRES_CONNECT_TIMEOUT_S, POSTGRES_POOL_TIMEOUT_S
        )

    async def lookup(self, entity_id: str, kind: str, base_url: str) -> Found:
        if not looks_like_id(entity_id):
            raise Unknown(entity_id)
        values = {"entity_id": entity_id, "kind": kind}
        row = await self.pool.fetchone(self.sql, [values[name] for name in self.order])
        return found_in(row, entity_id, base_url)
