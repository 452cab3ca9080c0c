"""PostgreSQL connections for the public GET's one read, on the event loop (psycopg async).

The sync engine's path cost a public GET three round trips and a thread-pool hop: the
pre-ping of ``pool_pre_ping``, the query, and the rollback SQLAlchemy sends when a connection
goes back to its pool. Here a connection is in autocommit (a read opens no transaction, so
there is nothing to roll back), the statement is prepared on the server once per connection,
and nothing is pinged: a query that finds its connection broken (PostgreSQL restarted) is
retried once on a new connection, so a restarted server is found again by the very next
request. Errors come out wrapped as SQLAlchemy wraps them, so a database that cannot be
reached is the same 503 as everywhere else.

Nothing but connections is kept: every answer comes from the database.
"""

import asyncio
from typing import Any

import psycopg
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.exc import TimeoutError as PoolTimeout

Row = tuple[Any, ...]


class AsyncReadPool:
    """At most ``size`` autocommit connections of one event loop; idle ones are reused."""

    def __init__(self, engine: Engine, size: int, connect_timeout: int, wait_s: float) -> None:
        _, params = engine.dialect.create_connect_args(engine.url)
        self._params = {**params, "connect_timeout": connect_timeout, "autocommit": True}
        self._size = size
        self._wait_s = wait_s
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._slots = asyncio.Semaphore(size)

    async def fetchone(self, sql: str, values: dict[str, Any]) -> Row | None:
        """The first row of ``sql``; retried once on a new connection when the one used turns
        out broken (a restarted server), never more."""
        await self._take_slot()
        try:
            reused = self._idle.pop() if self._idle else None
            try:
                return await self._run(reused, sql, values)
            except _Broken as broken:
                if reused is None:  # a new connection failed: the server is down, a 503
                    raise broken.wrapped from broken.__cause__
                self._drop_idle()  # they talked to the same server: as dead as this one
            try:
                return await self._run(None, sql, values)
            except _Broken as broken:
                raise broken.wrapped from broken.__cause__
        finally:
            self._slots.release()

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()

    async def _take_slot(self) -> None:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (a new test client): start afresh
            self._loop, self._idle, self._slots = loop, [], asyncio.Semaphore(self._size)
        if not self._slots.locked():
            await self._slots.acquire()  # free: returns at once
            return
        try:
            await asyncio.wait_for(self._slots.acquire(), self._wait_s)
        except TimeoutError as error:  # as SQLAlchemy's pool: a 503, try again later
            raise PoolTimeout("no PostgreSQL connection free for the public read") from error

    async def _run(
        self, connection: psycopg.AsyncConnection[Any] | None, sql: str, values: dict[str, Any]
    ) -> Row | None:
        try:
            if connection is None:
                connection = await psycopg.AsyncConnection.connect(**self._params)
            cursor = connection.cursor(binary=True)
            await cursor.execute(sql, values, prepare=True)  # type: ignore[arg-type]
            row = await cursor.fetchone()
        except psycopg.Error as error:
            wrapped = DBAPIError.instance(sql, values, error, psycopg.Error)
            if connection is None or connection.broken:
                if connection is not None:
                    await connection.close()
                raise _Broken(wrapped) from error
            self._idle.append(connection)  # the statement failed, the connection is fine
            raise wrapped from error
        except BaseException:  # cancelled mid-query: its state is unknown, never reuse it
            if connection is not None:
                await connection.close()
            raise
        self._idle.append(connection)
        return row

    def _drop_idle(self) -> None:
        for connection in self._idle:
            connection.pgconn.finish()  # no round trip: the server is likely gone
        self._idle = []


class _Broken(Exception):
    """The connection was lost (or could not be made); ``wrapped`` is what to raise."""

    def __init__(self, wrapped: StatementError) -> None:
        super().__init__(str(wrapped))
        self.wrapped = wrapped
