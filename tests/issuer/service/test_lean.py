"""Core statements on a driver connection (``issuer.db.lean``), on SQLite and PostgreSQL:

- what the issuing path writes is what the ORM reads back, value for value (UTC datetimes,
  JSON, booleans: the columns' own type processors);
- driver errors come out as SQLAlchemy raises them: a key conflict keeps the connection, any
  other failure drops it and the next use opens another; a block that raises is rolled back;
- an INSERT must name every column (a default SQLAlchemy would compute is not forgotten).
"""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, insert, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from issuer.db.engine import make_engine
from issuer.db.lean import Connections, compile_for
from issuer.db.models import AssertionRow
from issuer.service import issuing
from issuer.settings import sqlite_url
from tests.issuer.service.conftest import (
    ISSUED_ON,
    Backend,
    caller_and_class,
    init_issuer,
    new_assertion,
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[Engine]:
    """A database made by ``diva-issuer init`` (migrations, one structure, its badges)."""
    data_dir = tmp_path_factory.mktemp("lean") / "issuer-data"
    url = backend.new_database_url()
    init_issuer(data_dir, url)
    made = make_engine(url or sqlite_url(data_dir))
    yield made
    made.dispose()


@pytest.mark.parametrize("keep", [True, False], ids=["kept", "pooled"])
def test_what_the_issuing_path_writes_the_orm_reads_back(engine: Engine, keep: bool) -> None:
    connections = Connections(engine, keep=keep)
    caller, class_id = caller_and_class(engine)
    with connections.connection() as connection:
        badge = issuing.badge_for(connection, caller, class_id)
        made = issuing.insert_assertion(connection, caller, badge, new_assertion(), f"lean-{keep}")
        assert isinstance(made, issuing.Inserted)
        connection.commit()
    with Session(engine) as session:
        row = session.get(AssertionRow, made.pk)
        assert row is not None
        assert row.entity_id == made.entity_id and row.idempotency_key == f"lean-{keep}"
        assert row.issued_on == ISSUED_ON and row.issued_on.tzinfo is not None
        assert row.created_at == made.values["created_at"]
        assert (
            row.evidence == new_assertion().evidence
            and row.extensions == new_assertion().extensions
        )
        assert row.revoked is False and row.expires is None and row.revoked_at is None
        assert row.signing_kid == badge.row.kid and row.badge_class.entity_id == class_id


def test_a_key_conflict_keeps_the_connection_and_other_failures_drop_it(engine: Engine) -> None:
    connections = Connections(engine, keep=True)
    caller, class_id = caller_and_class(engine)
    with connections.connection() as connection:
        badge = issuing.badge_for(connection, caller, class_id)
        first = issuing.insert_assertion(connection, caller, badge, new_assertion(), "same-key")
        connection.commit()
        values = dict(issuing._values(caller, badge, new_assertion(), "same-key"))
        with pytest.raises(IntegrityError):  # SQLAlchemy's class, from the driver's error
            connection.first(issuing._INSERT, values)
        assert not connection.broken
        connection.rollback()  # and the same connection goes on
        again = issuing.insert_assertion(connection, caller, badge, new_assertion(), "same-key")
        assert isinstance(first, issuing.Inserted) and again == first.entity_id
    kept = connection
    with pytest.raises(DBAPIError), connections.connection() as connection:
        assert connection is kept
        connection.rows(text("SELECT nothing FROM no_such_table"), {})
    assert connection.broken
    with connections.connection() as connection:  # another one, that works
        assert connection is not kept
        assert issuing.caller_for_token(connection, "no such token") is None


def test_a_block_that_raises_is_rolled_back(engine: Engine) -> None:
    connections = Connections(engine, keep=True)
    caller, class_id = caller_and_class(engine)
    with pytest.raises(RuntimeError), connections.connection() as connection:
        badge = issuing.badge_for(connection, caller, class_id)
        made = issuing.insert_assertion(connection, caller, badge, new_assertion(), "rolled-back")
        raise RuntimeError("the documents could not be built")
    assert isinstance(made, issuing.Inserted)
    with Session(engine) as session:
        assert session.get(AssertionRow, made.pk) is None
    with connections.connection() as connection:  # the kept connection, no transaction left
        badge = issuing.badge_for(connection, caller, class_id)
        later = issuing.insert_assertion(connection, caller, badge, new_assertion(), "rolled-back")
        connection.commit()
    assert isinstance(later, issuing.Inserted)


def test_an_insert_names_every_column(engine: Engine) -> None:
    with pytest.raises(ValueError, match="narrative"):
        compile_for(insert(AssertionRow), engine.dialect, ["entity_id", "badge_class_id"])
