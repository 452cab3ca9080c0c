"""A small Badgr-v2-shaped HTTP server on 127.0.0.1 for the client's compatibility tests.

It answers with the shapes recorded from badgr-server (``fixtures/badgr/``, see its README):
tokens, issuers, badge classes, assertions, and Badgr's errors. Like Badgr it ignores the
``Idempotency-Key`` header and honours ``allowDuplicateAwards: false``. Faults are queued by
the test (``fail_next``): a 500, an HTML page, garbage, a 500 after the assertion was made
(an answer lost on the way), and tokens can be expired at once. It is a real server on a real
socket, in a thread; it is not the bundled issuer.
"""

import io
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures" / "badgr"
CLIENT_ID, CLIENT_SECRET = "diva-skillmap", "s3cret-of-the-client"


def fixture(name: str, **values: str) -> Any:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return json.loads(text)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 40, 60)).save(out, "PNG")
    return out.getvalue()


@dataclass
class BadgrState:
    base: str = ""
    tokens: set[str] = field(default_factory=set)
    assertions: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: list[str] = field(default_factory=list)  # for the next assertion POSTs, in order
    seen: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    token_calls: int = 0
    png: bytes = field(default_factory=_png)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, *faults: str) -> None:
        self.faults.extend(faults)

    def expire_tokens(self) -> None:
        self.tokens.clear()

    def posts(self) -> list[dict[str, str]]:
        """The headers of every assertion POST received."""
        return [h for m, p, h in self.seen if m == "POST" and p.endswith("/assertions")]


class Handler(BaseHTTPRequestHandler):
    server: "BadgrServer"

    def log_message(self, *_args: Any) -> None:  # quiet
        pass

    @property
    def state(self) -> BadgrState:
        return self.server.state

    def _send(self, status: int, body: Any, kind: str = "application/json") -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _authorised(self) -> bool:
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer ") and auth[7:] in self.state.tokens:
            return True
        self._send(401, fixture("error_401.json"))
        return False

    def _record(self) -> None:
        self.state.seen.append((self.command, self.path, dict(self.headers.items())))

    # -- routes ----------------------------------------------------------------------------

    def do_POST(self) -> None:
        self._record()
        path = urlsplit(self.path).path
        if path == "/o/token":
            return self._token()
        if path.startswith("/v2/badgeclasses/") and path.endswith("/assertions"):
            if self._authorised():
                return self._issue(path.split("/")[3])
            return None
        return self._send(404, fixture("error_404.json"))

    def do_GET(self) -> None:
        self._record()
        url = urlsplit(self.path)
        path, base = url.path, self.state.base
        if path.startswith("/media/uploads/badges/"):
            return self._send(200, self.state.png, "image/png")
        if not self._authorised():
            return None
        if path == "/v2/issuers":
            return self._send(200, fixture("issuers.json", base=base))
        if path == "/v2/issuers/MTIzNDU2Nzg5MA/badgeclasses":
            return self._send(200, fixture("badgeclasses.json", base=base))
        if path.startswith("/v2/badgeclasses/") and path.endswith("/assertions"):
            wanted = parse_qs(url.query).get("recipient", [])
            found = [
                a["shape"]
                for a in self.state.assertions.values()
                if a["badgeclass"] == path.split("/")[3] and a["email"] in wanted
            ]
            listing = fixture("assertion_list.json", base=base, assertion_id="x")
            return self._send(200, {**listing, "result": found})
        if path.startswith("/v2/assertions/"):
            one = self.state.assertions.get(path.split("/")[3])
            if one is None:
                return self._send(404, fixture("error_404.json"))
            return self._send(200, {**fixture("assertion_list.json", base=base, assertion_id="x"),
                                    "result": [one["shape"]]})  # fmt: skip
        return self._send(404, fixture("error_404.json"))

    def do_DELETE(self) -> None:
        self._record()
        path = urlsplit(self.path).path
        if not self._authorised():
            return None
        found = self.state.assertions.get(path.split("/")[3])
        body = json.loads(self._body() or b"{}")
        if found is None:
            return self._send(404, fixture("error_404.json"))
        if not body.get("revocation_reason"):
            error = fixture("error_400_fields.json")
            error["fieldErrors"] = {"revocation_reason": "This field is required"}
            return self._send(400, error)
        found["revoked"] = True
        shape = fixture("assertion_revoked.json", base=self.state.base, assertion_id=found["id"])
        shape["result"][0]["revocationReason"] = body["revocation_reason"]
        found["shape"] = shape["result"][0]
        return self._send(200, shape)

    def _token(self) -> None:
        self.state.token_calls += 1
        form = {k: v[0] for k, v in parse_qs(self._body().decode()).items()}
        if form.get("client_id") != CLIENT_ID:
            return self._send(400, fixture("token_invalid_client.json"))
        if form.get("client_secret") != CLIENT_SECRET:
            return self._send(400, {"error": "invalid client_secret"})
        token = secrets.token_hex(8)
        self.state.tokens.add(token)
        return self._send(200, fixture("token.json", token=token))

    def _issue(self, badge_class: str) -> None:
        body = json.loads(self._body() or b"{}")
        fault = self.state.faults.pop(0) if self.state.faults else ""
        if fault == "500":
            return self._send(500, b"<h1>Server Error (500)</h1>", "text/html")
        if fault == "html":
            return self._send(200, b"<!doctype html><title>Login</title>", "text/html")
        if fault == "garbage":
            return self._send(201, b"\x00\x17{not json", "application/json")
        if fault == "expired":
            self.state.expire_tokens()
            return self._send(401, fixture("error_401.json"))
        known = {bc["entityId"] for bc in fixture("badgeclasses.json", base="")["result"]}
        if badge_class not in known:
            return self._send(404, fixture("error_404.json"))
        email = body.get("recipient", {}).get("identity", "")
        with self.state.lock:
            previous = [
                a
                for a in self.state.assertions.values()
                if a["email"] == email and a["badgeclass"] == badge_class and not a["revoked"]
            ]
            if previous and body.get("allowDuplicateAwards") is False:
                return self._send(400, fixture("error_400_previous_award.json"))
            assertion_id = secrets.token_urlsafe(16).replace("-", "a").replace("_", "b")
            shape = fixture(
                "assertion_created.json", base=self.state.base, assertion_id=assertion_id
            )
            made = shape["result"][0]
            made["badgeclass"] = badge_class
            self.state.assertions[assertion_id] = {
                "id": assertion_id,
                "email": email,
                "badgeclass": badge_class,
                "revoked": False,
                "shape": made,
            }
        if fault == "lost":  # made, but the answer never reaches the client
            return self._send(502, b"<h1>Bad Gateway</h1>", "text/html")
        return self._send(201, shape)


class BadgrServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = BadgrState()
        self.state.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> "BadgrServer":
        self.thread.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join()
