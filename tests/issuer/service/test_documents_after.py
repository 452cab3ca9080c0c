"""A new badge's documents stored after its 201 (SQLite: ``issuing.store_documents_after``).

The answer is written first and the documents stored next, on the event loop; with several
workers on one SQLite file another worker may act in between. So the late write must never
store documents over a newer revision (an erasure or a revocation came between: what they
say is no longer true, and an erased young person's words must not come back), nor replace
what a GET already stored. (PostgreSQL stores them in the assertion's own transaction.)
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from issuer.db.engine import make_engine
from issuer.db.lean import Connections
from issuer.db.models import AssertionDocumentRow
from issuer.service import issuing
from issuer.settings import sqlite_url
from tests.issuer.service.conftest import caller_and_class, init_issuer, new_assertion

BUILT = {"jsonld": (200, b'{"said": "built at issue"}'), "jwt": (200, b"eyJ.built.at-issue")}


@pytest.fixture()
def engine(tmp_path: Path) -> Iterator[Engine]:
    data_dir = tmp_path / "issuer-data"
    init_issuer(data_dir, None)
    made = make_engine(sqlite_url(data_dir))
    yield made
    made.dispose()


def _issued(connections: Connections, engine: Engine, key: str) -> issuing.Inserted:
    caller, class_id = caller_and_class(engine)
    with connections.connection() as connection:
        badge = issuing.badge_for(connection, caller, class_id)
        made = issuing.insert_assertion(connection, caller, badge, new_assertion(), key)
        assert isinstance(made, issuing.Inserted)
        connection.commit()
    return made


def _store_after(connections: Connections, made: issuing.Inserted) -> None:
    with connections.connection() as connection:
        issuing.store_documents_after(connection, made, "https://ml-lens.example", dict(BUILT))
        connection.commit()


def _stored(engine: Engine, made: issuing.Inserted) -> dict[str, tuple[int, bytes]]:
    with Session(engine) as session:
        rows = session.scalars(
            select(AssertionDocumentRow).where(AssertionDocumentRow.assertion_id == made.pk)
        )
        return {row.kind: (row.revision, bytes(row.body)) for row in rows}


def test_the_documents_of_a_new_badge_are_stored_after_its_answer(engine: Engine) -> None:
    connections = Connections(engine, keep=True)
    made = _issued(connections, engine, "after-1")
    _store_after(connections, made)
    assert _stored(engine, made) == {kind: (1, body) for kind, (_, body) in BUILT.items()}


def test_nothing_is_stored_once_the_revision_moved_on(engine: Engine) -> None:
    connections = Connections(engine, keep=True)
    made = _issued(connections, engine, "after-2")
    with engine.begin() as connection:  # what an erasure or a revocation does meanwhile
        connection.execute(
            text("UPDATE assertion SET revision = revision + 1 WHERE id = :a"), {"a": made.pk}
        )
    _store_after(connections, made)
    assert _stored(engine, made) == {}


def test_what_a_get_stored_first_is_kept(engine: Engine) -> None:
    connections = Connections(engine, keep=True)
    made = _issued(connections, engine, "after-3")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO assertion_document (assertion_id, kind, revision, base_url, status,"
                " body) VALUES (:a, 'jwt', 1, 'https://ml-lens.example', 200, :b)"
            ),
            {"a": made.pk, "b": b"eyJ.built.by-a-get"},
        )
    _store_after(connections, made)  # no error, the GET's kept
    assert _stored(engine, made) == {
        "jsonld": (1, BUILT["jsonld"][1]),
        "jwt": (1, b"eyJ.built.by-a-get"),
    }
