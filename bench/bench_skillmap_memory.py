"""Skill map app memory over a day: RSS while going back and forth between the players list
and a player's page, in a folder of 7 players after a workshop.

A counsellor leaves the app open all day; each screen change builds widgets and pictures. The
app must stay under ``TARGET_MB`` after 500 changes, and be flat after the first 50 (what grows
after that is a leak, not a warm cache). RSS is read from /proc (Linux) in this process, which
runs the app alone.

Run: ``python -m bench.bench_skillmap_memory``.
"""

from __future__ import annotations

import gc
import os
import resource
import tempfile
from pathlib import Path

PLAYERS = 7
EVIDENCE = 7 * 40
CHANGES = 500
WARM = 50
TARGET_MB = 250
FLAT_MB = 15  # growth allowed between change 50 and change 500 (allocator noise, fragmentation)


def rss_mb() -> float:
    """This process's resident set size now, in MB (peak RSS where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _app(store):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from skillmap.app import make_context  # here: pygame: after the environment above
    from skillmap.app.app import App, FixedClock

    ctx = make_context(store, counsellor="bench", titles={})
    return App(ctx, clock=FixedClock())


def drive(root: Path, changes: int = CHANGES) -> dict[int, float]:
    """RSS (MB) after 1, 10, 50, 100, 200... screen changes, list and page alternately."""
    from bench.skillmap_sample import make_sample  # here: pygame: after run()'s environment
    from skillmap.app.screens.player import PlayerScreen
    from skillmap.app.screens.players import PlayersScreen

    store = make_sample(root, players=PLAYERS, evidence=EVIDENCE)
    app = _app(store)
    marks = {1, 2, 10, WARM, 100, 200, 300, 400, changes}
    seen: dict[int, float] = {0: rss_mb()}
    try:
        ids = [row["id"] for row in store.players()]
        for change in range(1, changes + 1):
            if change % 2:
                pid = ids[(change // 2) % len(ids)]
                app.go(PlayerScreen(app.ctx, app.manager, pid))
            else:
                app.go(PlayersScreen(app.ctx, app.manager))
            app.step()
            app.step()
            if change in marks:
                seen[change] = rss_mb()
    finally:
        app.close()
    gc.collect()
    return seen


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        seen = drive(Path(folder) / "workshop")
    last = max(seen)
    growth = seen[last] - seen[WARM]
    curve = ", ".join(f"{n}: {mb:.0f}" for n, mb in sorted(seen.items()))
    return [
        {
            "name": f"skill map app RSS after {last} screen changes (list <-> page, 7 players)",
            "value": round(seen[last], 1),
            "unit": "MB",
            "target": TARGET_MB,
            "note": f"(MB after n changes: {curve})",
        },
        {
            "name": f"skill map app RSS growth from change {WARM} to {last}",
            "value": round(growth, 1),
            "unit": "MB",
            "target": FLAT_MB,
        },
    ]


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())
