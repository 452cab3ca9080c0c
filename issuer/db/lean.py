"""SQLAlchemy Core statements run straight on a driver connection: the issuing hot path.

A Core ``Connection.execute`` spends ~0.2 ms of bookkeeping per statement (execution context,
result metadata, the pool's checkout and reset) where SQLite's own work is a fraction of it,
and an assertion POST makes five statements. Here a statement is compiled ONCE for the
engine's dialect by SQLAlchemy itself, so its SQL stays in step with the models and their
migrations; its values go through the columns' own type processors, so what is stored and
read back has the very forms the ORM uses (UTC datetimes, JSON, booleans); and it runs on a
driver connection from the engine's pool (same PRAGMAs, same pre-ping). A driver error comes
out wrapped as SQLAlchemy wraps it (``IntegrityError``, ``OperationalError``, ...), so the
callers' idempotency rule and the application's 503 see no difference.
"""

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError
from sqlalchemy.sql import ClauseElement

Convert = Callable[[Any], Any]
# Errors about the data, not the connection: it stays usable (after a rollback).
_KEEPS_CONNECTION = (IntegrityError, DataError)


@dataclass(frozen=True)
class Compiled:
    """One statement as the driver takes it: its SQL, the order of its values (positional
    drivers such as sqlite3) and how to convert values in and rows out."""

    sql: str
    names: tuple[str, ...]
    positional: bool
    into: dict[str, Convert]  # bind name -> the column type's bind processor
    fixed: dict[str, Any]  # values the statement carries itself (a LIMIT's, an OFFSET's)
    row_type: Any  # a namedtuple of the selected (or returned) columns' names, or None
    out: tuple[Convert | None, ...]  # per column: the type's result processor

    def values(self, given: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """``given`` as the driver takes it (a list in the SQL's order for a positional
        driver, else by name), each value as its column type stores it."""
        converted = [
            self._convert(name, given[name] if name in given else self.fixed[name])
            for name in self.names
        ]
        return converted if self.positional else dict(zip(self.names, converted, strict=True))

    def _convert(self, name: str, value: Any) -> Any:
        return self.into[name](value) if name in self.into else value

    def row(self, raw: Sequence[Any]) -> Any:
        """A driver row as a named tuple of the values the ORM would read (UTC datetimes...)."""
        return self.row_type(*(f(v) if f else v for f, v in zip(self.out, raw, strict=True)))


def compile_for(statement: ClauseElement, dialect: Dialect, keys: Sequence[str] = ()) -> Compiled:
    """``statement`` compiled for ``dialect``; ``keys``: the columns an INSERT is given."""
    compiled: Any = statement.compile(dialect=dialect, column_keys=list(keys) or None)
    binds = compiled.binds
    names = tuple(compiled.positiontup or binds)
    missing = [n for n in names if n not in keys] if getattr(statement, "is_insert", False) else []
    if missing:  # a column default SQLAlchemy would have computed: give every column
        raise ValueError(f"insert without values for {', '.join(missing)}")
    into = {}
    for name in names:
        process = binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            into[name] = process
    fixed = {n: binds[n].effective_value for n in names if not binds[n].required}
    columns = list(getattr(statement, "exported_columns", ()))
    out = tuple(c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns)
    # Two columns of one name (a join's two ``revision``): namedtuple renames the second,
    # which is then read by position.
    names_out = [c.key for c in columns]
    row_type = namedtuple("Row", names_out, rename=True) if columns else None  # type: ignore[misc]
    positional = bool(compiled.positiontup)
    return Compiled(str(compiled), names, positional, into, fixed, row_type, out)


class Statements:
    """The engine's statements, each compiled once (by statement and given columns)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._compiled: dict[tuple[ClauseElement, tuple[str, ...]], Compiled] = {}

    def get(self, statement: ClauseElement, keys: Sequence[str] = ()) -> Compiled:
        cache_key = (statement, tuple(keys))  # a statement hashes by identity
        found = self._compiled.get(cache_key)
        if found is None:
            found = compile_for(statement, self.engine.dialect, keys)
            self._compiled[cache_key] = found
        return found

    def connect(self) -> "LeanConnection":
        """A driver connection from the engine's pool (``close`` gives it back)."""
        try:
            driver = self.engine.raw_connection()
        except self.engine.dialect.loaded_dbapi.Error as error:  # database down: a 503
            raise self.wrapped(error, "connect", {}) from error
        return LeanConnection(self, driver)

    def wrapped(self, error: Exception, sql: str, values: Any) -> StatementError:
        """The driver's ``error`` as SQLAlchemy raises it (its class chosen from the error)."""
        base = self.engine.dialect.loaded_dbapi.Error
        return DBAPIError.instance(sql, values, error, base, dialect=self.engine.dialect)


class LeanConnection:
    """A pooled driver connection running compiled statements. A failed statement
    invalidates it (never handed on broken) and marks it ``broken``."""

    def __init__(self, statements: Statements, driver: Any) -> None:
        self._statements = statements
        self._driver = driver
        self.broken = False

    def rows(self, statement: ClauseElement, values: Mapping[str, Any]) -> list[Any]:
        """Every row the statement gives (a SELECT, or an INSERT ... RETURNING)."""
        compiled = self._statements.get(statement, _insert_keys(statement, values))
        with self._driver_errors(compiled.sql, values):
            cursor = self._driver.cursor()
            try:
                cursor.execute(compiled.sql, compiled.values(values))
                raw = cursor.fetchall() if compiled.row_type else []
            finally:
                cursor.close()
        return [compiled.row(r) for r in raw]

    def first(self, statement: ClauseElement, values: Mapping[str, Any]) -> Any:
        found = self.rows(statement, values)
        return found[0] if found else None

    def execute_many(self, statement: ClauseElement, many: Sequence[Mapping[str, Any]]) -> None:
        """One INSERT for several rows (the driver's executemany)."""
        if not many:
            return
        compiled = self._statements.get(statement, list(many[0]))
        with self._driver_errors(compiled.sql, many[0]):
            cursor = self._driver.cursor()
            try:
                cursor.executemany(compiled.sql, [compiled.values(v) for v in many])
            finally:
                cursor.close()

    def commit(self) -> None:
        with self._driver_errors("COMMIT", {}):
            self._driver.commit()

    def rollback(self) -> None:
        with self._driver_errors("ROLLBACK", {}):
            self._driver.rollback()

    def close(self) -> None:
        """Back to the pool (which rolls back what was left open)."""
        self._driver.close()

    @contextmanager
    def _driver_errors(self, sql: str, values: Any) -> Iterator[None]:
        try:
            yield
        except self._statements.engine.dialect.loaded_dbapi.Error as error:
            wrapped = self._statements.wrapped(error, sql, values)
            if not isinstance(wrapped, _KEEPS_CONNECTION):
                self.broken = True
                self._driver.invalidate()
            raise wrapped from error


def _insert_keys(statement: ClauseElement, values: Mapping[str, Any]) -> Sequence[str]:
    """The columns an INSERT is compiled for: those given (other statements: none)."""
    return list(values) if getattr(statement, "is_insert", False) else ()


class Connections:
    """Where the issuing path gets its connection. On SQLite ONE connection is kept: the
    token check and the POST run on the event loop, one at a time, and each statement runs
    to its end and each write is committed (or rolled back) before the next request, so no
    transaction stays open between requests. Elsewhere (PostgreSQL, in the thread pool) a
    connection comes from the pool for each use. A connection whose statement failed on the
    driver's side is dropped; the next use opens another."""

    def __init__(self, engine: Engine, *, keep: bool) -> None:
        self.statements = Statements(engine)
        self._keep = keep
        self._kept: LeanConnection | None = None

    @contextmanager
    def connection(self) -> Iterator[LeanConnection]:
        """A connection; what the block leaves uncommitted when it raises is rolled back."""
        connection = self._kept if self._kept is not None else self.statements.connect()
        self._kept = None
        try:
            yield connection
        except BaseException:
            if not connection.broken:
                with suppress(DBAPIError):
                    connection.rollback()
            raise
        finally:
            if self._keep and not connection.broken:
                self._kept = connection
            else:
                connection.close()
