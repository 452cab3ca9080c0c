"""Badgr's answer shape, ``{status: {success, description}, result: [...]}``, and API errors."""

from typing import Any

from fastapi.responses import JSONResponse

from shared.i18n import Catalogue

TEXTS = Catalogue.load("issuer")


def ok(result: list[dict[str, Any]], status_code: int = 200) -> JSONResponse:
    body = {"status": {"success": True, "description": "ok"}, "result": result}
    return JSONResponse(body, status_code=status_code)


def failure(status_code: int, description: str, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {
        "status": {"success": False, "description": description},
        "result": [],
        **extra,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status_code == 401 else None
    return JSONResponse(body, status_code=status_code, headers=headers)


class ApiError(Exception):
    """An error a client can read: an HTTP status and a French sentence from the catalogue."""

    def __init__(self, status_code: int, key: str, **values: object) -> None:
        super().__init__(key)
        self.status_code = status_code
        self.description = TEXTS(key, **values)
