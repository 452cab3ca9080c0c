"""Skill map timings with 600 players and 50,000 evidence in the data folder.

- ``players --json``: the whole command, as a counsellor's script runs it (new process);
- a player's page data (player, profile, evidence, experiences, badge requests), read cold;
- the portfolio export of one player (HTML and PNG of the map), read cold;
- the structure's statistics (every player file read), for information.

Run: ``python -m bench.bench_skillmap`` (or ``python -m bench.run skillmap``).
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

from bench.run import print_table
from bench.skillmap_sample import make_sample
from shared.store.storage import forget
from skillmap import cli as skillmap_cli
from skillmap.people import player_page
from skillmap.portfolio import export_portfolio
from skillmap.stats import compute

PLAYERS = 600
EVIDENCE = 50_000
SAMPLE = 25
ROOT = Path(__file__).resolve().parents[1]


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _cold(store, player_id: str) -> None:
    """Forget the parsed copy of the player's file, as if no one had opened it yet."""

    forget(store.player_file(player_id).path)


def _players_json(data: Path) -> list[float]:
    command = [sys.executable, "-m", "skillmap.cli", "--data-dir", str(data), "players", "--json"]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
        times.append(_ms(start))
        assert done.stdout.count(b'"id"') == PLAYERS
    return times


def _in_process_players_json(data: Path) -> float:

    start = time.perf_counter()
    with redirect_stdout(io.StringIO()):
        skillmap_cli.main(["--data-dir", str(data), "players", "--json"])
    return _ms(start)


def _pages(store, ids: list[str]) -> list[float]:

    player_page(store, ids[0])  # imports and the framework, once per session
    times = []
    for pid in ids[1:]:
        _cold(store, pid)
        start = time.perf_counter()
        player_page(store, pid)
        times.append(_ms(start))
    return times


def _exports(store, ids: list[str], out: Path) -> list[float]:

    for pid in ids:  # the player agreed beforehand (not part of the timing)
        player = store.player(pid)
        player.consent.share_portfolio = True
        store.save_player(player)
    export_portfolio(store, ids[0], out / "warm.html")  # pygame and fonts, once per session
    times = []
    for pid in ids[1:]:
        _cold(store, pid)
        start = time.perf_counter()
        export_portfolio(store, pid, out / f"{pid}.html")
        times.append(_ms(start))
    return times


def _stats(store) -> float:

    start = time.perf_counter()
    compute(store)
    return _ms(start)


def _row(name: str, value: float, target: float | None) -> dict:
    row = {"name": name, "value": round(value, 1), "unit": "ms", "target": target}
    return row if target is not None else {**row, "target": ""}


def run() -> list[dict]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

    with tempfile.TemporaryDirectory(prefix="diva-bench-skillmap-") as folder:
        data, out = Path(folder) / "data", Path(folder) / "out"
        store = make_sample(data, players=PLAYERS, evidence=EVIDENCE)
        ids = [row["id"] for row in store.players()]
        sample = ids[:: max(1, len(ids) // SAMPLE)][: SAMPLE + 1]
        cli = _players_json(data)
        in_process = _in_process_players_json(data)
        pages = _pages(store, sample)
        exports = _exports(store, sample[:11], out)
        stats = _stats(store)
    per = EVIDENCE // PLAYERS
    return [
        _row(
            f"players --json ({PLAYERS} players), new process, median", statistics.median(cli), 500
        ),
        _row("players --json, inside a running process", in_process, 500),
        _row(f"player page data ({per} evidence), cold, median", statistics.median(pages), 200),
        _row(f"player page data, cold, worst of {len(pages)}", max(pages), 200),
        _row("portfolio export (HTML + PNG), cold, median", statistics.median(exports), 300),
        _row(f"portfolio export, cold, worst of {len(exports)}", max(exports), 300),
        _row(f"stats over {PLAYERS} players ({EVIDENCE} evidence)", stats, None),
    ]


def main() -> int:

    print_table(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
