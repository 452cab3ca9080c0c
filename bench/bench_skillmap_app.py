"""Skill map app timings: opening a player's page with 600 players and 50,000 evidence.

"Opening" is what the counsellor waits for after the click: the screen switch (reading the
player's file, deriving the profile, marking the review, building the widgets) and the first
frame drawn, wheel included. Each page is opened cold (a player not opened before).

Run: ``python -m bench.bench_skillmap_app``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

PLAYERS = 600
EVIDENCE = 50_000
PAGES = 25
TARGET_PAGE_MS = 200


def _app(store):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from skillmap.app import make_context  # here: pygame: after the environment above
    from skillmap.app.app import App, FixedClock

    ctx = make_context(store, counsellor="bench", titles={})
    return App(ctx, clock=FixedClock())


def _timed_frame(app, screen) -> float:
    """Milliseconds from asking for ``screen`` to its first frame on the canvas."""
    start = time.perf_counter()
    app.go(screen)
    app.step()
    return (time.perf_counter() - start) * 1000


def page_rows(root: Path, players: int, evidence: int, label: str) -> list[dict]:
    from bench.skillmap_sample import make_sample  # here: pygame: after run()'s environment
    from skillmap.app.screens.player import PlayerScreen
    from skillmap.app.screens.players import PlayersScreen

    store = make_sample(root, players=players, evidence=evidence)
    app = _app(store)
    try:
        ids = [row["id"] for row in store.players()]
        listing = _timed_frame(app, PlayersScreen(app.ctx, app.manager))
        app.step()  # warm the fonts and icons once, as a real session has
        _timed_frame(app, PlayerScreen(app.ctx, app.manager, ids[0]))
        step = max(1, len(ids) // PAGES)
        times = [_timed_frame(app, PlayerScreen(app.ctx, app.manager, pid)) for pid in ids[1::step]]
    finally:
        app.close()
    per_player = evidence // players
    return [
        {
            "name": f"open a player's page ({label}, {per_player} evidence each), median",
            "value": round(statistics.median(times), 1),
            "unit": "ms",
            "target": TARGET_PAGE_MS,
        },
        {
            "name": f"open a player's page ({label}), worst of {len(times)}",
            "value": round(max(times), 1),
            "unit": "ms",
            "target": TARGET_PAGE_MS,
        },
        {
            "name": f"open the players list ({players} players)",
            "value": round(listing, 1),
            "unit": "ms",
            "target": TARGET_PAGE_MS,
        },
    ]


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        rows = page_rows(Path(folder) / "big", PLAYERS, EVIDENCE, "600 players, 50,000 evidence")
        heavy = page_rows(Path(folder) / "heavy", 5, 10_000, "a heavy player")
    return rows + heavy[:1]


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())
