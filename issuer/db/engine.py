"""The database engine: SQLite (one WAL file, busy timeout) or PostgreSQL, same code.

Several uvicorn workers may share one database, so nothing here keeps state in memory
beyond the connection pool: every fact lives in the database.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000
POSTGRES_CONNECT_TIMEOUT_S = 3
# Connections kept open per worker. A request beyond the kept ones opens a connection and
# closes it after (an "overflow"): under 20 concurrent readers the old 5 kept made most
# requests pay a new connection (SQLite: open + four PRAGMAs; PostgreSQL: a login).
# SQLite: as many as the thread pool runs requests at once (anyio's 40), they cost a file
# handle each. PostgreSQL: the public assertion GETs (the many concurrent readers) have their
# own PUBLIC_READ_POOL on the event loop (issuer.db.async_pool); the engine serves the API
# and the pages with 10 kept + 10 more. 30 a worker at most: 3 workers stay under the
# server's default max_connections of 100.
SQLITE_POOL = 40
POSTGRES_POOL = 10
POSTGRES_OVERFLOW = 10
POSTGRES_POOL_TIMEOUT_S = 5
PUBLIC_READ_POOL = 10


def make_engine(database_url: str) -> Engine:
    """An engine for ``database_url``; SQLite gets WAL, a busy timeout and foreign keys."""
    if database_url.startswith("sqlite"):
        engine = create_engine(
            database_url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            pool_size=SQLITE_POOL,
            max_overflow=SQLITE_POOL,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        database_url,
        pool_pre_ping=True,  # a restarted PostgreSQL is found again, a stopped one gives 503
        pool_size=POSTGRES_POOL,
        max_overflow=POSTGRES_OVERFLOW,
        pool_timeout=POSTGRES_POOL_TIMEOUT_S,
        connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers go on while one writer writes; busy_timeout waits for the lock;
    secure_delete overwrites what is deleted or replaced with zeros, so an erased young
    person's words do not stay readable in the file's free space."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def purge_old_pages(session: Session) -> None:
    """After an erasure (committed): on SQLite the write-ahead log still holds the pages as
    they were before, erased words included, until a checkpoint. TRUNCATE copies the newest
    pages into the database file and empties the log. Best effort: a read still running on
    an older snapshot makes it partial, and the next checkpoint finishes it. (PostgreSQL
    keeps dead row versions until VACUUM reuses their space.)"""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session committed on success, rolled back on any error (for the CLI)."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
