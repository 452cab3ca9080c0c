"""Every error in Badgr's envelope with a readable French sentence, never a traceback.

The database being unreachable is a 503 (try again later), not a 500: nothing was lost.
"""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from issuer.api.envelope import TEXTS, ApiError, failure
from issuer.api.token import TokenError, token_error_response
from issuer.service.keystore import KeyMissing
from shared.errors import FrameworkError

log = logging.getLogger("diva.issuer")

STATUS_KEYS = {
    400: "error.bad_request",
    401: "error.token_missing",
    403: "error.forbidden",
    404: "error.not_found",
    405: "error.method_not_allowed",
    406: "error.not_acceptable",
    409: "error.idempotency_conflict",
    413: "error.too_large",
    415: "error.unsupported_media",
}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(TokenError, _token_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, _database_down)  # type: ignore[arg-type]
    app.add_exception_handler(PoolTimeout, _database_down)  # type: ignore[arg-type]
    app.add_exception_handler(DBAPIError, _database_error)  # type: ignore[arg-type]
    app.add_exception_handler(KeyMissing, _key_missing)  # type: ignore[arg-type]
    app.add_exception_handler(FrameworkError, _framework_broken)  # type: ignore[arg-type]


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return failure(exc.status_code, exc.description)


async def _token_error(_request: Request, exc: TokenError) -> JSONResponse:
    return token_error_response(exc)


async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    key = STATUS_KEYS.get(exc.status_code, "error.bad_request")
    response = failure(exc.status_code, TEXTS(key, limit=64))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with one French line per problem, and Badgr's fieldErrors / validationErrors."""
    field_errors: dict[str, list[str]] = {}
    lines = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body",)) or "requête"
        message = _explain(error)
        field_errors.setdefault(where, []).append(message)
        lines.append(f"{where} : {message}")
    description = TEXTS("error.invalid_request", details="; ".join(lines[:10]))
    return failure(422, description, fieldErrors=field_errors, validationErrors=lines[:50])


def _explain(error: dict[str, Any]) -> str:
    """The problem in French, by pydantic's error type (its English message as a last resort)."""
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind == "value_error" and TEXTS.has(str(context.get("error", ""))):
        return TEXTS(str(context["error"]))  # our validators raise catalogue keys
    key = f"validation.{kind}"
    text = TEXTS(key, **{k: str(v) for k, v in context.items()})
    if text == key:
        return TEXTS("validation.other", detail=str(error.get("msg", ""))[:200])
    return text


async def _database_down(_request: Request, exc: Exception) -> JSONResponse:
    log.error("database unreachable: %s", type(exc).__name__)
    response = failure(503, TEXTS("error.database_down"))
    response.headers["Retry-After"] = "5"
    return response


async def _database_error(request: Request, exc: DBAPIError) -> JSONResponse:
    if exc.connection_invalidated:
        return await _database_down(request, exc)
    if isinstance(exc, DataError):  # a value the database cannot hold: the client's input
        return failure(422, TEXTS("error.invalid_request", details=type(exc.orig).__name__))
    log.error("database error: %s", type(exc.orig).__name__)
    return failure(500, TEXTS("error.internal"))


async def _framework_broken(_request: Request, exc: FrameworkError) -> JSONResponse:
    """A framework file being edited on the server: try again, nothing was lost."""
    log.error("framework unreadable: %s", str(exc).splitlines()[0][:200])
    return failure(503, TEXTS("error.framework_broken"))


async def _key_missing(_request: Request, exc: KeyMissing) -> JSONResponse:
    log.error("signing key unavailable: %s", exc)
    return failure(503, TEXTS("error.key_missing"))
