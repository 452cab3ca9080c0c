"""Public documents stored per assertion revision (issue 8): a GET serves what was stored
only while the assertion's revision is the same, on every worker, on SQLite and PostgreSQL.

- revoke, then every worker (two of them) answers 410 at once: no worker serves its old copy;
- a privacy choice and an erasure change what the stored documents say (database triggers
  bump the revision, whichever code path made the change);
- a database at the previous schema (0002) upgrades with its assertions still served, and a
  stored document of an older revision is never written over a newer one.
"""

import json
from pathlib import Path
from typing import Any

import pytest
import requests
from alembic import command
from sqlalchemy import Engine, create_engine, text

from issuer.db.migrate import alembic_config
from issuer.openbadges import ob2
from issuer.openbadges.baking import unbake_png
from issuer.settings import sqlite_url
from tests.issuer.service.conftest import Backend, IssuerServer, make_server

LD = {"Accept": "application/ld+json"}
KINDS = {"jsonld": "", "png": "/image.png", "svg": "/image.svg", "jwt": "/credential.jwt"}
FRESH_CONNECTIONS = 12  # each GET on a new connection: the kernel spreads them over workers


@pytest.fixture
def two_workers(tmp_path: Path, backend: Backend) -> Any:
    running = make_server(tmp_path, backend.new_database_url(), workers=2)
    try:
        running.start()  # inside: a server that never got ready is stopped too
        yield running
    finally:
        running.stop()


def _engine(server: IssuerServer) -> Engine:
    return create_engine(server.database_url or sqlite_url(server.data_dir))


def _issued(server: IssuerServer, headers: dict[str, str]) -> dict[str, Any]:
    badge = server.badge_class(headers, "numerique", 2)
    answer = server.issue(headers, badge["entityId"], email="ines.stored@example.org")
    assert answer.status_code == 201, answer.text
    return dict(answer.json()["result"][0])


def _stored(server: IssuerServer, entity_id: str) -> dict[str, tuple[int, int]]:
    """kind -> (stored revision, assertion revision), read straight from the database."""
    engine = _engine(server)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT d.kind, d.revision, a.revision FROM assertion a "
                    "JOIN assertion_document d ON d.assertion_id = a.id WHERE a.entity_id = :e"
                ),
                {"e": entity_id},
            )
            return {kind: (stored, current) for kind, stored, current in rows}
    finally:
        engine.dispose()


def _get(url: str, accept: dict[str, str] | None = None) -> requests.Response:
    """A GET on a new connection (no session): another worker may answer it."""
    return requests.get(url, headers={**(accept or {}), "Connection": "close"}, timeout=30)


def test_revoke_then_every_worker_answers_410_at_once(two_workers: IssuerServer) -> None:
    server = two_workers
    headers = server.auth()
    url = _issued(server, headers)["openBadgeId"]
    for _ in range(FRESH_CONNECTIONS):  # every worker serves the stored documents
        for suffix in KINDS.values():
            assert _get(url + suffix, LD).status_code == 200
    stored = _stored(server, url.rsplit("/", 1)[-1])
    assert set(stored) == set(KINDS)  # built at issue time (PNG, JWT, JSON-LD) or first GET
    assert all(kept == current == 1 for kept, current in stored.values())

    entity_id = url.rsplit("/", 1)[-1]
    revoked = server.revoke(headers, entity_id, "Délivré par erreur")
    assert revoked.status_code == 200, revoked.text
    for _ in range(FRESH_CONNECTIONS):  # at once, on whichever worker answers
        document = _get(url, LD)
        assert document.status_code == 410 and document.json()["revoked"] is True
        assert document.json()["revocationReason"] == "Délivré par erreur"
        assert _get(url + "/image.png").status_code == 410
        assert _get(url + "/image.svg").status_code == 410
    assert all(current == 2 for _, current in _stored(server, entity_id).values())


def _choose(server: IssuerServer, headers: dict[str, str], entity_id: str, shown: str) -> None:
    answer = requests.put(
        f"{server.base}/v2/assertions/{entity_id}/privacy",
        json={"name": "pseudonym", "displayName": shown, "showNarrative": True},
        headers=headers,
        timeout=30,
    )
    assert answer.status_code == 200, answer.text


def _names(url: str) -> tuple[str, str]:
    """The name the JSON-LD and the baked PNG give the recipient ("" for none)."""
    document = _get(url, LD).json()
    baked = unbake_png(_get(url + "/image.png").content)
    assert baked is not None
    in_png = json.loads(baked).get(ob2.RECIPIENT_PROFILE, {}).get("name", "")
    return document.get(ob2.RECIPIENT_PROFILE, {}).get("name", ""), in_png


def test_privacy_choice_and_erasure_change_the_stored_documents(server: IssuerServer) -> None:
    headers = server.auth()
    issued = _issued(server, headers)
    url, entity_id = issued["openBadgeId"], issued["entityId"]
    assert _names(url) == ("", "")  # stored at issue time: no name by default
    before = _stored(server, entity_id)

    _choose(server, headers, entity_id, "Nini62")
    assert _names(url) == ("Nini62", "Nini62")
    _choose(server, headers, entity_id, "Ines")
    assert _names(url) == ("Ines", "Ines")
    after = _stored(server, entity_id)
    assert after["jsonld"][1] > before["jsonld"][1]  # the triggers moved the revision on
    assert after["jsonld"][0] == after["jsonld"][1]  # and the new document was stored

    erased = requests.post(
        f"{server.base}/v2/erasures", json={"assertions": [entity_id]}, headers=headers, timeout=30
    )
    assert erased.status_code == 200, erased.text
    for suffix in KINDS.values():
        answer = _get(url + suffix, LD)
        assert answer.status_code == 410, suffix
        assert "Ines" not in answer.text and "ines.stored" not in answer.text


def test_a_0002_database_upgrades_and_its_assertions_are_served(
    tmp_path: Path, backend: Backend
) -> None:
    server = make_server(tmp_path, backend.new_database_url())
    try:
        server.start()
        headers = server.auth()
        issued = _issued(server, headers)
    finally:
        server.stop()
    engine = _engine(server)
    try:
        with engine.begin() as connection:  # back to the schema before stored documents
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
        with engine.connect() as connection:
            columns = connection.execute(text("SELECT * FROM assertion")).keys()
            assert "revision" not in columns
    finally:
        engine.dispose()

    try:
        server.start()  # serve upgrades the database to the newest schema (on a new port)
        url = f"{server.base}/assertions/{issued['entityId']}"
        document = _get(url, LD)
        assert document.status_code == 200 and document.json()["id"] == url
        assert _get(url + "/credential.jwt").text.count(".") == 2
        assert unbake_png(_get(url + "/image.png").content) is not None
        assert _stored(server, issued["entityId"]) == {
            kind: (1, 1) for kind in ("jsonld", "png", "jwt")
        }
        revoked = server.revoke(server.auth(), issued["entityId"], "Test")
        assert revoked.status_code == 200
        assert _get(url, LD).status_code == 410
    finally:
        server.stop()


def test_an_older_revision_never_replaces_a_newer_stored_document(server: IssuerServer) -> None:
    from issuer.db.engine import make_engine, session_factory
    from issuer.service import stored

    issued = _issued(server, server.auth())
    engine = make_engine(server.database_url or sqlite_url(server.data_dir))
    sessions = session_factory(engine)
    try:
        reader = stored.Reader(engine)
        found = reader.lookup(issued["entityId"], "svg", server.base)
        assert not found.fresh  # nothing stored yet for the SVG
        newer = stored.Found(found.assertion_id, found.revision + 1)
        with sessions() as session:
            stored.keep(session, newer, server.base, {"svg": (200, b"<svg>new</svg>")})
            stored.keep(session, found, server.base, {"svg": (200, b"<svg>old</svg>")})
        kept = _stored(server, issued["entityId"])["svg"]
        assert kept[0] == found.revision + 1
        assert not reader.lookup(issued["entityId"], "svg", server.base).fresh  # not current
        assert not reader.lookup(issued["entityId"], "png", "https://elsewhere.example").fresh
        assert reader.lookup(issued["entityId"], "png", server.base).fresh
    finally:
        engine.dispose()
