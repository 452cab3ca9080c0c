"""A local HTTP server that records every path it is asked for: tests that a renderer or a
verifier fetches nothing (from a page, from an upload) prove it with an empty list."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def counting_server(status: int) -> Iterator[tuple[int, list[str]]]:
    """Yields the port of a server on 127.0.0.1 answering ``status`` to every GET, and the
    list of paths asked so far; the server is shut down on leaving."""
    hits: list[str] = []

    class Counter(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
