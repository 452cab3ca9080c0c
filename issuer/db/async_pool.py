"""PostgreSQL connections for the public GET's one read, on the event loop (asyncpg).

The sync engine's path cost a public GET three round trips and a thread-pool hop: the
pre-ping of ``pool_pre_ping``, the query, and the rollback SQLAlchemy sends when a connection
goes back to its pool. Here a read opens no transaction (nothing to roll back), the statement
is prepared on the server once per connection (asyncpg's statement cache), and nothing is
pinged: a connection whose server went away is skipped when the event loop already saw it
close, and a read that finds its connection broken is retried once on a new one, so a
restarted PostgreSQL is found again by the very next request. Errors come out as SQLAlchemy's
(``OperationalError`` when the server cannot be reached), so a database that is down is the
same 503 as everywhere else.

asyncpg rather than psycopg's async mode: its protocol is compiled, a read costs ~25 µs of
CPU against ~75 µs (measured on the same cluster), a quarter of a public GET's whole CPU.
Nothing but connections is kept: every answer comes from the database.
"""

import asyncio
from typing import Any

import asyncpg
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

Row = tuple[Any, ...]
# What says the connection itself is gone (as opposed to an error in the statement).
LOST = (
    OSError,  # refused, reset
    TimeoutError,  # connect timeout
    asyncpg.InterfaceError,  # closed under us
    asyncpg.PostgresConnectionError,  # SQLSTATE class 08
    asyncpg.exceptions.OperatorInterventionError,  # 57: shutting down, starting up
)


class AsyncReadPool:
    """At most ``size`` connections of one event loop at once; idle ones are reused."""

    def __init__(self, engine: Engine, size: int, connect_timeout: int, wait_s: float) -> None:
        self._dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._connect_timeout = connect_timeout
        self._size = size
        self._wait_s = wait_s
        self._idle: list[asyncpg.Connection] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._slots = asyncio.Semaphore(size)

    async def fetch(self, sql: str, values: list[Any]) -> list[Row]:
        """The rows of ``sql`` ($1, $2... bound to ``values``); retried once on a new
        connection when the one used turns out broken (a restarted server), never more."""
        await self._take_slot()
        try:
            reused = self._reusable()
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
        try:
            async with asyncio.timeout(self._wait_s):  # no task made, unlike wait_for
                await self._slots.acquire()
        except TimeoutError as error:  # as SQLAlchemy's pool: a 503, try again later
            raise PoolTimeout("no PostgreSQL connection free for the public read") from error

    def _reusable(self) -> asyncpg.Connection | None:
        while self._idle:
            connection = self._idle.pop()
            if not connection.is_closed():  # the loop saw the server hang up: skip it
                return connection
        return None

    async def _run(
        self, connection: asyncpg.Connection | None, sql: str, values: list[Any]
    ) -> list[Row]:
        if connection is None:
            connection = await self._connect(sql, values)
        try:
            rows = await connection.fetch(sql, *values)
        except Exception as error:
            if isinstance(error, LOST) or connection.is_closed():
                connection.terminate()
                raise _Broken(OperationalError(sql, values, error)) from error
            self._idle.append(connection)  # the statement failed, the connection is fine
            raise DBAPIError(sql, values, error) from error
        except BaseException:  # cancelled mid-query: its state is unknown, never reuse it
            connection.terminate()
            raise
        self._idle.append(connection)
        return [tuple(row) for row in rows]

    async def _connect(self, sql: str, values: list[Any]) -> asyncpg.Connection:
        try:
            connection: asyncpg.Connection = await asyncpg.connect(
                self._dsn, timeout=self._connect_timeout
            )
        except (*LOST, asyncpg.PostgresError) as error:  # down, starting, refused us
            raise _Broken(OperationalError(sql, values, error)) from error
        return connection

    def _drop_idle(self) -> None:
        for connection in self._idle:
            connection.terminate()  # no round trip: the server is likely gone
        self._idle = []


class _Broken(Exception):
    """The connection was lost (or could not be made); ``wrapped`` is what to raise."""

    def __init__(self, wrapped: OperationalError) -> None:
        super().__init__(str(wrapped))
        self.wrapped = wrapped
