"""What routes need from the application: settings, a database session, the calling client."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from issuer.api.envelope import ApiError
from issuer.db.models import ApiClient
from issuer.service.documents import Urls
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


def get_session(request: Request) -> Iterator[Session]:
    session = state(request).sessions()
    try:
        yield session
    finally:
        session.close()


def urls(request: Request, session: Annotated[Session, Depends(get_session)]) -> Urls:
    """Public URLs: --public-url, else the first profile's --url, else the request's origin."""
    app_state = state(request)
    if not app_state.public_url:
        app_state.public_url = default_public_url(session)
    return Urls(app_state.public_url or str(request.base_url))


def current_client(
    request: Request, session: Annotated[Session, Depends(get_session)]
) -> ApiClient:
    """The API client behind the bearer token, or 401 in the envelope."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "error.token_missing")
    client = client_for_token(session, token.strip())
    if client is None:
        raise ApiError(401, "error.token_invalid")
    return client
