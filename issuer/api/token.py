"""``POST /o/token``: OAuth2 client credentials (form fields or HTTP Basic), as Badgr."""

import base64
import binascii
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from issuer.api.deps import get_session
from issuer.api.envelope import TEXTS
from issuer.service.tokens import SCOPE, InvalidClient, issue_token

router = APIRouter(tags=["oauth2"])


class TokenError(Exception):
    """An OAuth2 error: RFC 6749 shape (``error``, ``error_description``), not the envelope."""

    def __init__(self, status_code: int, error: str, key: str) -> None:
        super().__init__(error)
        self.status_code = status_code
        self.error = error
        self.description = TEXTS(key)


def token_error_response(exc: TokenError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Basic"} if exc.status_code == 401 else None
    body = {"error": exc.error, "error_description": exc.description}
    return JSONResponse(body, status_code=exc.status_code, headers=headers)


@router.post("/o/token", summary="Obtenir un jeton d'accès (OAuth2 client credentials)")
def token(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    grant_type: Annotated[str, Form(max_length=100)] = "",
    client_id: Annotated[str, Form(max_length=200)] = "",
    client_secret: Annotated[str, Form(max_length=500)] = "",
    scope: Annotated[str, Form(max_length=200)] = "",
) -> JSONResponse:
    if grant_type != "client_credentials":
        raise TokenError(400, "unsupported_grant_type", "error.grant_type")
    basic = _basic_credentials(request.headers.get("authorization", ""))
    if basic is not None:
        client_id, client_secret = basic
    if not client_id or not client_secret:
        raise TokenError(401, "invalid_client", "error.invalid_client")
    try:
        issued = issue_token(session, client_id, client_secret)
    except InvalidClient:
        raise TokenError(401, "invalid_client", "error.invalid_client") from None
    session.commit()
    body = {
        "access_token": issued.access_token,
        "token_type": "Bearer",
        "expires_in": issued.expires_in,
        "scope": SCOPE,
    }
    return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


def _basic_credentials(header: str) -> tuple[str, str] | None:
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None
