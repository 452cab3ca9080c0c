"""What routes need from the application: settings, a database session, the calling client."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session, sessionmaker

from issuer.api.envelope import ApiError
from issuer.db.lean import Connections
from issuer.db.models import ApiClient
from issuer.service.documents import Urls
from issuer.service.issuing import Caller, caller_for_token
from issuer.service.profiles import default_public_url
from issuer.service.tokens import client_for_token
from issuer.settings import Settings


@dataclass
class AppState:
    """Held on ``app.state.issuer``: the only state a worker keeps (no business data)."""

    settings: Settings
    sessions: sessionmaker[Session]
    public_url: str = ""


def state(request: Request) -> AppState:
    found: AppState = request.app.state.issuer
    return found


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session for the request, opened and closed on the event loop.

    Async on purpose: a sync dependency costs FastAPI a hop to its thread pool and back on
    entry and again on exit, which on a loaded machine cost more than the queries. Opening a
    session does no I/O; closing one on SQLite is a local call, on PostgreSQL it may wait for
    the server, so it goes to the thread pool there.
    """
    app_state = state(request)
    session = app_state.sessions()
    try:
        yield session
    finally:
        if app_state.settings.is_sqlite or not session.in_transaction():
            session.close()
        else:
            await run_in_threadpool(session.close)


async def urls(request: Request, session: Annotated[Session, Depends(get_session)]) -> Urls:
    """Public URLs: --public-url, else the first profile's --url, else the request's origin."""
    app_state = state(request)
    if not app_state.public_url:
        app_state.public_url = await run_in_threadpool(default_public_url, session)
    return Urls(app_state.public_url or str(request.base_url))


async def public_urls(request: Request) -> Urls:
    """``urls`` for a route that opens no session: the public URL, looked up (in the thread
    pool) only when the server was started without one."""
    app_state = state(request)
    if not app_state.public_url:
        app_state.public_url = await run_in_threadpool(_first_profile_url, app_state)
    return Urls(app_state.public_url or str(request.base_url))


def _first_profile_url(app_state: AppState) -> str:
    with app_state.sessions() as session:
        return default_public_url(session)


async def current_client(
    request: Request, session: Annotated[Session, Depends(get_session)]
) -> ApiClient:
    """The API client behind the bearer token, or 401 in the envelope.

    Async like the session: on SQLite the token check (one indexed read of a local file) runs
    on the event loop, as a thread-pool hop cost more than the read; on PostgreSQL (a network
    round trip) it goes to the thread pool."""
    token = _bearer(request)
    if state(request).settings.is_sqlite:
        client = client_for_token(session, token)
    else:
        client = await run_in_threadpool(client_for_token, session, token)
    if client is None:
        raise ApiError(401, "error.token_invalid")
    return client


async def current_caller(request: Request) -> Caller:
    """``current_client`` for the issuing route: the same checks in one read on the issuing
    path's connection, no ORM objects and no session (on the event loop for SQLite, in the
    thread pool for PostgreSQL)."""
    token = _bearer(request)
    connections: Connections = request.app.state.issuing
    if state(request).settings.is_sqlite:
        caller = _caller(connections, token)
    else:
        caller = await run_in_threadpool(_caller, connections, token)
    if caller is None:
        raise ApiError(401, "error.token_invalid")
    return caller


def _caller(connections: Connections, token: str) -> Caller | None:
    with connections.connection() as connection:
        return caller_for_token(connection, token)


def _bearer(request: Request) -> str:
    """The bearer token of the request, or 401 in the envelope."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "error.token_missing")
    return token.strip()
