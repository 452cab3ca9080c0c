"""Public documents of an assertion stored per revision: one indexed read serves a public GET.

Building a public document costs queries (assertion, privacy, endorsements), an RSA signature
(credential.jwt) or a bake (PNG / SVG). It is done once per assertion *revision* and public URL
and kept in ``assertion_document``; every worker then answers with one SELECT that reads the
assertion's current revision and the stored document together. A revoke, a privacy choice, an
erasure or an endorsement bumps the revision (``assertions.touch`` or the triggers of migration
0003), so the very next GET on any worker rebuilds: no worker memory to go stale.

Ordering keeps it right without locks: the revision is read before the state the document is
built from, so a document can only be labelled with a revision older than what it shows (then
rebuilt once more), never newer.
"""

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Insert, Select, and_, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from issuer.db.models import AssertionDocumentRow, AssertionRow
from issuer.security import looks_like_id

log = logging.getLogger(__name__)
KINDS = ("jsonld", "png", "svg", "jwt")


class Unknown(Exception):
    """No assertion with that public id."""


@dataclass(frozen=True)
class Found:
    """An assertion's current revision and, when one is stored for it, the document."""

    assertion_id: int
    revision: int
    status: int = 0  # 0: nothing fresh stored, build it
    body: bytes = b""

    @property
    def fresh(self) -> bool:
        return self.status != 0


Doc = AssertionDocumentRow
# Built once, parameters bound per call: SQLAlchemy then reuses its compiled form and cache key.
READ: Select[int, int, int | None, str | None, int | None, bytes | None] = (
    select(AssertionRow.id, AssertionRow.revision, Doc.revision, Doc.base_url, Doc.status, Doc.body)
    .outerjoin(Doc, and_(Doc.assertion_id == AssertionRow.id, Doc.kind == bindparam("kind")))
    .where(AssertionRow.entity_id == bindparam("entity_id"))
)


class Reader:
    """The hot read, compiled once by SQLAlchemy for the engine's dialect and run on a pooled
    driver connection: this one SELECT is the whole work of a public GET, and SQLAlchemy's
    per-execution bookkeeping (even Core's) cost more than the indexed read itself."""

    def __init__(self, engine: Engine) -> None:
        compiled = READ.compile(dialect=engine.dialect)
        self.engine = engine
        self.sql = str(compiled)
        self.order = list(compiled.positiontup or [])  # qmark (SQLite): positional values

    def lookup(self, entity_id: str, kind: str, base_url: str) -> Found:
        """The stored ``kind`` document of this assertion if it is of its current revision and
        was built on ``base_url``; else what ``keep`` needs to store a new one. On a pooled
        connection, given back after."""
        if not looks_like_id(entity_id):
            raise Unknown(entity_id)
        dbapi_error = self.engine.dialect.loaded_dbapi.Error
        try:
            connection = self.engine.raw_connection()
        except dbapi_error as error:  # database down: OperationalError, a 503 for the client
            values = {"entity_id": entity_id, "kind": kind}
            raise DBAPIError.instance(self.sql, values, error, dbapi_error) from error
        try:
            return self.lookup_on(connection, entity_id, kind, base_url)
        finally:
            connection.close()  # back to the pool

    def lookup_on(self, connection: Any, entity_id: str, kind: str, base_url: str) -> Found:
        """``lookup`` on ``connection`` (one of the engine's, from ``raw_connection``), the id
        already checked. The statement runs to its end: no read transaction stays open. A
        failure invalidates the connection (never handed to the next request broken) and is
        raised wrapped as SQLAlchemy wraps it."""
        values = {"entity_id": entity_id, "kind": kind}
        dbapi_error = self.engine.dialect.loaded_dbapi.Error
        try:
            cursor = connection.cursor()
            cursor.execute(self.sql, [values[n] for n in self.order] if self.order else values)
            row = cursor.fetchone()
            cursor.close()
        except dbapi_error as error:
            connection.invalidate()
            raise DBAPIError.instance(self.sql, values, error, dbapi_error) from error
        return found_in(row, entity_id, base_url)


def found_in(row: Any, entity_id: str, base_url: str) -> Found:
    """What the read's ``row`` says: the stored document when it is of the assertion's
    current revision and was built on ``base_url``, else what ``keep`` needs."""
    if row is None:
        raise Unknown(entity_id)
    assertion_id, revision, stored_revision, stored_base, status, body = row
    if stored_revision == revision and stored_base == base_url and status and body is not None:
        return Found(assertion_id, revision, status, bytes(body))
    return Found(assertion_id, revision)


def keep(
    session: Session, found: Found, base_url: str, documents: dict[str, tuple[int, bytes]]
) -> None:
    """Store what was built for ``found.revision`` (kind -> status, body), in one statement
    and one commit; a newer stored revision is never replaced.

    Best effort: a failed write (database busy, read-only) costs the next GET a rebuild, never
    this answer.
    """
    if not documents:
        return
    rows = [
        {"assertion_id": found.assertion_id, "kind": kind, "revision": found.revision,
         "base_url": base_url, "status": status, "body": body}
        for kind, (status, body) in documents.items()
    ]  # fmt: skip
    try:
        connection = session.connection()
        connection.execute(_UPSERTS[connection.dialect.name == "postgresql"], rows)
        session.commit()
    except SQLAlchemyError as error:
        session.rollback()
        log.warning("public documents not stored: %s", type(error).__name__)


def _upsert(dialect: Any) -> Insert:
    """INSERT ... ON CONFLICT (assertion, kind) DO UPDATE, only over an older revision."""
    insert = dialect.insert(Doc)
    return insert.on_conflict_do_update(
        index_elements=[Doc.assertion_id, Doc.kind],
        set_={k: insert.excluded[k] for k in ("revision", "base_url", "status", "body")},
        where=Doc.revision <= insert.excluded.revision,
    )


_UPSERTS = {False: _upsert(sqlite), True: _upsert(postgresql)}  # built once, keyed "postgres?"
