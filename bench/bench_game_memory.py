"""The game's memory over a workshop: every bundled scenario played, round after round, in
one process (dummy video driver, autoplay), as a game left open all afternoon would.

Targets (issue 15): peak RSS under ``TARGET_MB`` over all the rounds, and flat after the
first round: what grows after the first round is a leak, not a warm cache (a surface cache
filling, the fonts, the first writes). RSS is read from /proc/self/status in the child
process that plays (VmRSS after each round, VmHWM for the peak); the writer child is apart.

Run: ``python -m bench.bench_game_memory`` (or ``python -m bench.run game-memory``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import print_table

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3
TARGET_MB = 150
FLAT_MB = 10  # growth allowed from the end of round 1 to the end of the last round
ENV = {
    **os.environ,
    "SDL_VIDEODRIVER": "dummy",
    "SDL_AUDIODRIVER": "dummy",
    "PYGAME_HIDE_SUPPORT_PROMPT": "1",
}

PLAY_ROUNDS = """
import argparse, gc, importlib, json, sys
from game.autoplay import AutoPlayer
from game.boot import boot, choose_player
from game.scenes.map import MapScene
from game.scenes.play import PlayScene


# the surface caches: SDL pixels, which tracemalloc does not see (bytes each cache counted)
CACHES = [("game.art", "_svg_files"), ("game.avatar", "_portraits"),
          ("game.ui.images", "_portraits"), ("game.ui.images", "_gradients"),
          ("game.ui.picture_card", "_pictures"), ("game.ui.place_marker", "_kept"),
          ("game.ui.question", "_dimmed")]


def cache_kb():
    return {f"{module}.{name}": getattr(importlib.import_module(module), name).bytes // 1024
            for module, name in CACHES}


def status_kb(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


args = argparse.Namespace(headless=True, autoplay="all", structure="", workshop="",
                          data_dir=sys.argv[1], lang=None, fullscreen=False)
app = boot(args)
choose_player(app.session, "bench")
app.session.options.offer_tutorial = False
scenarios = app.session.library.scenarios
played, after_round = 0, []
for round_ in range(int(sys.argv[2])):
    for index, scenario in enumerate(scenarios):
        app.session.last_run = None
        app.running = True
        app.stack.clear(); app.stack.apply()
        app.stack.push(MapScene(app.session))
        app.stack.push(PlayScene(app.session, scenario))
        app.driver = AutoPlayer(round_ * 100 + index)
        app.run()
        played += app.session.last_run is not None
    app.session.flush()
    gc.collect()
    after_round.append(status_kb("VmRSS"))
print(json.dumps({"scenarios": len(scenarios), "played": played, "caches_kb": cache_kb(),
                  "after_round_kb": after_round, "peak_kb": status_kb("VmHWM")}))
"""


def play_rounds(rounds: int = ROUNDS) -> tuple[dict, float]:
    """The child's figures (scenarios, played, RSS after each round, peak) and its seconds."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="diva-bench-game-memory-") as data:
        done = subprocess.run(
            [sys.executable, "-c", PLAY_ROUNDS, data, str(rounds)],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(done.stdout.strip().splitlines()[-1]), time.perf_counter() - start


def run() -> list[dict]:
    """The rows for ``bench.run``: name, value, unit, target."""
    result, seconds = play_rounds()
    rounds = [kb / 1024 for kb in result["after_round_kb"]]
    growth = rounds[-1] - rounds[0]
    expected = result["scenarios"] * len(rounds)
    return [
        {
            "name": f"scenarios played in one process ({len(rounds)} rounds)",
            "value": result["played"],
            "unit": "",
            "target": f"{expected}",
            "ok": result["played"] == expected,
        },
        {
            "name": f"peak RSS over {len(rounds)} rounds of all {result['scenarios']} scenarios",
            "value": round(result["peak_kb"] / 1024, 1),
            "unit": "MB",
            "target": TARGET_MB,
        },
        {
            "name": "RSS after each round",
            "value": round(rounds[-1], 1),
            "unit": "MB",
            "target": "info",
            "note": " / ".join(f"{mb:.1f}" for mb in rounds),
        },
        {
            "name": f"growth after the first round (round 1 to {len(rounds)})",
            "value": round(growth, 1),
            "unit": "MB",
            "target": FLAT_MB,
        },
        {
            "name": "bytes kept by the surface caches at the end",
            "value": round(sum(result["caches_kb"].values()) / 1024, 1),
            "unit": "MB",
            "target": "info",
            "note": ", ".join(
                f"{name} {kb / 1024:.1f}" for name, kb in result["caches_kb"].items() if kb
            ),
        },
        {
            "name": "time to autoplay the rounds",
            "value": round(seconds, 1),
            "unit": "s",
            "target": "info",
        },
    ]


def main() -> int:
    print_table(run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
