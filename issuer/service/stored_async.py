"""The public GET's one read of a stored document, on PostgreSQL, on the event loop.

The same answer as ``stored.Reader`` (SQLite keeps that one: a local read of microseconds),
read on ``AsyncReadPool``: no thread-pool hop, no ping, no rollback. The GETs that reach their
read in the same turn of the event loop (20 concurrent verifiers: often several) share one
query, so one round trip and one wake-up of the server serve them all: on a small machine the
round trip, not the indexed lookups, is what a GET costs. Every GET still asks the database,
so a revoke or a privacy choice made through any worker shows on the next GET of every worker.
"""

import asyncio
from typing import Any

from sqlalchemy import Engine, String, and_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect

from issuer.db.async_pool import AsyncReadPool, Row
from issuer.db.engine import POSTGRES_CONNECT_TIMEOUT_S, POSTGRES_POOL_TIMEOUT_S, PUBLIC_READ_POOL
from issuer.db.models import AssertionDocumentRow as Doc
from issuer.db.models import AssertionRow
from issuer.security import looks_like_id
from issuer.service.stored import Found, Unknown, found_in

Wanted = tuple[str, str]  # (assertion entity id, document kind)
_TEXTS = ARRAY(String)
_WANTED = (
    func.unnest(bindparam("entity_ids", type_=_TEXTS), bindparam("kinds", type_=_TEXTS))
    .table_valued("entity_id", "kind")
    .render_derived(name="wanted")
)
# stored.READ for many (entity id, kind) pairs at once: each row starts with its pair.
READ_MANY = select(
    _WANTED.c.entity_id, _WANTED.c.kind, AssertionRow.id, AssertionRow.revision,
    Doc.revision, Doc.base_url, Doc.status, Doc.body,
).select_from(
    _WANTED.join(AssertionRow, AssertionRow.entity_id == _WANTED.c.entity_id).outerjoin(
        Doc, and_(Doc.assertion_id == AssertionRow.id, Doc.kind == _WANTED.c.kind)
    )
)  # fmt: skip


class AsyncReader:
    """``stored.Reader.lookup`` as a coroutine; lookups of one loop turn read together."""

    def __init__(self, engine: Engine) -> None:
        self.sql = str(READ_MANY.compile(dialect=asyncpg_dialect.dialect()))  # $1 ids, $2 kinds
        self.pool = AsyncReadPool(
            engine, PUBLIC_READ_POOL, POSTGRES_CONNECT_TIMEOUT_S, POSTGRES_POOL_TIMEOUT_S
        )
        self._wanted: dict[Wanted, list[asyncio.Future[Row | None]]] = {}
        self._reads: set[asyncio.Task[None]] = set()  # held here until done (asyncio's rule)

    async def lookup(self, entity_id: str, kind: str, base_url: str) -> Found:
        if not looks_like_id(entity_id):
            raise Unknown(entity_id)
        loop = asyncio.get_running_loop()
        if not self._wanted:  # the first of this turn: its read starts on the next turn
            read = loop.create_task(self._read_together())
            self._reads.add(read)
            read.add_done_callback(self._reads.discard)
        answer: asyncio.Future[Row | None] = loop.create_future()
        self._wanted.setdefault((entity_id, kind), []).append(answer)
        return found_in(await answer, entity_id, base_url)

    async def _read_together(self) -> None:
        """One query for every lookup made until now; each gets its row, or the error."""
        wanted, self._wanted = self._wanted, {}
        pairs = list(wanted)
        try:
            rows = await self.pool.fetch(self.sql, [[e for e, _ in pairs], [k for _, k in pairs]])
        except Exception as error:  # database down...: every request answers it (a 503)
            for answer in _waiting(wanted):
                answer.set_exception(error)
            return
        except BaseException:  # the server stopping: the requests stop too
            for answer in _waiting(wanted):
                answer.cancel()
            raise
        found = {(row[0], row[1]): row[2:] for row in rows}
        for pair, answers in wanted.items():
            for answer in answers:
                if not answer.done():
                    answer.set_result(found.get(pair))


def _waiting(wanted: dict[Wanted, list[asyncio.Future[Row | None]]]) -> list[asyncio.Future[Any]]:
    """The answers still awaited (a request may have been cancelled meanwhile)."""
    return [a for answers in wanted.values() for a in answers if not a.done()]
