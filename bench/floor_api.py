"""The floor for the badge-sending benchmark: bare FastAPI routes answering the same HTTP calls
as the issuer, each inserting or reading one SQLite row and nothing else (no auth, no
signing, no baking), written the fastest way the same stack allows. Served by uvicorn:
``uvicorn bench.floor_api:app`` with ``DIVA_FLOOR_DB`` naming the SQLite file."""

import os
import sqlite3
import threading
import uuid

from fastapi import FastAPI, Request
from fastapi.responses import Response

app = FastAPI()
_local = threading.local()


def _db() -> sqlite3.Connection:
    db = getattr(_local, "db", None)
    if db is None:
        db = sqlite3.connect(os.environ["DIVA_FLOOR_DB"], isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS row (id TEXT PRIMARY KEY, body BLOB)")
        _local.db = db
    return db


@app.post("/o/token")
def token() -> dict:
    return {"access_token": "t", "token_type": "Bearer", "expires_in": 3600}


@app.get("/v2/issuers")
def issuers() -> dict:
    return {"status": {"success": True}, "result": [{"entityId": "i"}]}


@app.get("/v2/issuers/{issuer}/badgeclasses")
def badge_classes(issuer: str) -> dict:
    return {"status": {"success": True}, "result": [{"entityId": "b"}]}


@app.post("/v2/badgeclasses/{badge_class}/assertions", status_code=201)
async def issue(badge_class: str, request: Request) -> dict:
    body = await request.body()
    entity = uuid.uuid4().hex
    _db().execute("INSERT INTO row VALUES (?, ?)", (entity, body))
    return {"status": {"success": True}, "result": [{"entityId": entity}]}


@app.get("/assertions/{entity}/{name}")
async def read(entity: str, name: str) -> Response:
    """Reads its row on the event loop, as the issuer's public GETs do on SQLite: a floor
    that paid a thread-pool hop the issuer does not would flatter the issuer."""
    found = _db().execute("SELECT body FROM row WHERE id = ?", (entity,)).fetchone()
    return Response(found[0] if found else b"", media_type="application/octet-stream")
