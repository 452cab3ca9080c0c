"""Refuse request bodies over 64 kB with 413, before any of them reaches a route.

Checks the declared Content-Length and also counts a body sent without one (chunked),
so a client cannot stream megabytes into a worker's memory.
"""

import html
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from issuer.api.envelope import TEXTS
from issuer.endorsements.pages import catalogue as form_texts

MAX_BODY_BYTES = 64 * 1024


class BodySizeLimit:
    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await _refuse(send, scope)
            return
        if not declared and not _chunked(scope):
            # No Content-Length and no chunked body: the request has none (RFC 9112, 6.3).
            # Public GETs are nearly all the traffic: nothing to count, nothing to replay.
            await self.app(scope, receive, send)
            return
        # Read the (small) body here: over the limit it never reaches the app, else replay it.
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([], message), send)
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.limit:
                await _refuse(send, scope)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(chunks, None), send)


def _replay(chunks: list[bytes], final: Message | None) -> Receive:
    """A ``receive`` that gives the buffered body once, then waits for the client's messages."""
    body = b"".join(chunks)
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]
    if final is not None:
        pending = [final]

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        return {"type": "http.disconnect"}

    return receive


_PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{text}</title>'
    '</head><body style="font-family:sans-serif;font-size:18px;margin:24px"><h1>{text}</h1>'
    "<p>{advice}</p></body></html>"
)


def _wants_page(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"accept":
            return b"text/html" in value
    return False


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _chunked(scope: Scope) -> bool:
    return any(name == b"transfer-encoding" for name, _ in scope.get("headers", []))


async def _refuse(send: Send, scope: Scope) -> None:
    text = TEXTS("error.too_large", limit=64)
    body = json.dumps({"status": {"success": False, "description": text}, "result": []}).encode()
    kind = b"application/json"
    if _wants_page(scope):  # a person's form (the endorser's page): a page, not JSON
        advice = form_texts()("form.too_large")  # issue 9: the endorser's form
        body = _PAGE.format(text=html.escape(text), advice=html.escape(advice)).encode("utf-8")
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
