"""A worker's start: what every first badge would otherwise pay for is made ready before the
worker answers (the issuing router's lifespan).

The first POST of a fresh worker cost ~150 ms of CPU and the first token ~60 ms beyond its
scrypt: parsing the RSA key (its mathematics are checked, ~45 ms), reading the frameworks'
YAML, the badge pictures, compiling the issuing statements. Only what never changes while the
worker runs is prepared: keys by kid (a rotation makes a new kid, read from the database at
every POST), pictures by (competency, level, framework), compiled statements. Nothing here can
stop a worker from starting: a database or a file that cannot be read now is logged and left
to the first request, as before.
"""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import jwt
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select

from issuer.api.deps import AppState
from issuer.db.lean import Connections
from issuer.db.models import BadgeClassRow, SigningKey
from issuer.openbadges import keys
from issuer.service import issuing, pictures
from issuer.service.assertions import NotFound
from issuer.service.keystore import private_pem
from issuer.service.tokens import client_for_token

log = logging.getLogger(__name__)
KEYS_AT_START = 10  # a region's server holds many structures: the others load on first use
UNKNOWN = "warm-up"  # an id no row has: the reads are compiled, nothing is found


@asynccontextmanager
async def warm_up(app: FastAPI) -> AsyncIterator[None]:
    """The lifespan: prepare (in the thread pool), then serve."""
    app_state: AppState | None = getattr(app.state, "issuer", None)
    connections: Connections | None = getattr(app.state, "issuing", None)
    if app_state is not None and connections is not None:
        await run_in_threadpool(prepare, app_state, connections)
    yield


def prepare(app_state: AppState, connections: Connections) -> None:
    for step in (_keys, _pictures, _statements):
        try:
            step(app_state, connections)
        except Exception as error:  # never a reason not to start: the request does it later
            log.warning("warm-up step %s skipped: %s", step.__name__, type(error).__name__)


def _keys(app_state: AppState, _connections: Connections) -> None:
    """The active signing keys, parsed (and one signature made, which loads the signer)."""
    with app_state.sessions() as session:
        kids = session.scalars(
            select(SigningKey.kid)
            .where(SigningKey.active.is_(True))
            .order_by(SigningKey.id.desc())
            .limit(KEYS_AT_START)
        ).all()
    for kid in kids:
        key = keys.load_private_key(private_pem(app_state.settings, kid))
        jwt.encode({"warm": True}, key, algorithm=keys.ALGORITHM)


def _pictures(app_state: AppState, _connections: Connections) -> None:
    """The frameworks read and each current badge class's picture loaded (from the data
    folder's picture cache, rendered at ``init``)."""
    with app_state.sessions() as session:
        drawn = session.execute(
            select(BadgeClassRow.competency_id, BadgeClassRow.level, BadgeClassRow.framework_id)
            .where(BadgeClassRow.current.is_(True))
            .distinct()
        ).all()
    for competency_id, level, framework_id in drawn:
        pictures.picture_png(competency_id, level, framework_id)


def _statements(app_state: AppState, connections: Connections) -> None:
    """The token check and the badge class read compiled once, on an id nothing has."""
    with connections.connection() as connection:
        issuing.caller_for_token(connection, UNKNOWN)
        with suppress(NotFound):
            issuing.badge_for(connection, issuing.Caller(client_pk=0, issuer_pk=0), UNKNOWN)
    with app_state.sessions() as session:
        client_for_token(session, UNKNOWN)
