"""Game benchmarks (dummy video driver): cold start against a bare pygame_gui floor measured
in the same run, frame time during dialogue, peak memory after playing all 8 scenarios.

``python -m bench.bench_game`` prints one row per measure; ``run()`` returns them.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {
    **os.environ,
    "SDL_VIDEODRIVER": "dummy",
    "SDL_AUDIODRIVER": "dummy",
    "PYGAME_HIDE_SUPPORT_PROMPT": "1",
}

PEAK_RSS = """
def peak_rss_kb():
    # VmHWM belongs to this process image; ru_maxrss also counts the parent's RSS at fork.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

FLOOR = (
    PEAK_RSS
    + """
import resource, time, pygame, pygame_gui
pygame.init()
screen = pygame.display.set_mode((1280, 720))
manager = pygame_gui.UIManager((1280, 720))
pygame_gui.elements.UIButton(pygame.Rect(10, 10, 200, 60), "Jouer", manager)
box = pygame.Rect(10, 100, 400, 200)
pygame_gui.elements.UITextBox("Bonjour, ceci est un texte.", box, manager)
manager.update(0.016); manager.draw_ui(screen); pygame.display.flip()
print(peak_rss_kb())
"""
)

GAME = (
    PEAK_RSS
    + """
import argparse, resource, sys, tempfile
from game.boot import boot
from game.scenes.title import TitleScene
args = argparse.Namespace(headless=True, autoplay=None, structure="", workshop="",
                          data_dir=sys.argv[1], lang=None, fullscreen=False)
app = boot(args)
app.stack.push(TitleScene(app.session))
app.frame()
print(peak_rss_kb())
"""
)

ALL_SCENARIOS = (
    PEAK_RSS
    + """
import argparse, json, resource, sys
from game.autoplay import AutoPlayer
from game.boot import boot, choose_player
from game.scenes.map import MapScene
from game.scenes.play import PlayScene
args = argparse.Namespace(headless=True, autoplay="all", structure="", workshop="",
                          data_dir=sys.argv[1], lang=None, fullscreen=False)
app = boot(args)
choose_player(app.session, "bench")
app.session.options.offer_tutorial = False
count = 0
for seed, scenario in enumerate(app.session.library.scenarios):
    app.session.last_run = None
    app.running = True
    app.stack.clear(); app.stack.apply()
    app.stack.push(MapScene(app.session))
    app.stack.push(PlayScene(app.session, scenario))
    app.driver = AutoPlayer(seed)
    app.run()
    count += app.session.last_run is not None
app.session.flush()
writer_pid = app.session.writer._process.pid
with open(f"/proc/{writer_pid}/status") as status:
    writer_kb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
print(json.dumps({"played": count, "rss_kb": peak_rss_kb(), "writer_kb": writer_kb}))
"""
)


def _timed(code: str, *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, done.stdout.strip().splitlines()[-1]


def cold_start(repeat: int = 5) -> list[dict]:
    """Whole-process time to the first drawn, interactive frame, and its memory."""
    floor, game, floor_rss, game_rss = [], [], [], []
    with tempfile.TemporaryDirectory() as data:
        for _ in range(repeat):
            seconds, rss = _timed(FLOOR)
            floor.append(seconds)
            floor_rss.append(int(rss))
            seconds, rss = _timed(GAME, data)
            game.append(seconds)
            game_rss.append(int(rss))
    floor_s, game_s = statistics.median(floor), statistics.median(game)
    return [
        {
            "name": "cold start, bare pygame_gui floor",
            "value": round(floor_s, 3),
            "unit": "s",
            "target": "",
        },
        {
            "name": "cold start to title screen",
            "value": round(game_s, 3),
            "unit": "s",
            "target": 0.5,
        },
        {
            "name": "cold start ratio game / floor",
            "value": round(game_s / floor_s, 2),
            "unit": "x",
            "target": "",
        },
        {
            "name": "floor process RSS",
            "value": round(statistics.median(floor_rss) / 1024, 1),
            "unit": "MB",
            "target": "",
        },
        {
            "name": "game process RSS at title",
            "value": round(statistics.median(game_rss) / 1024, 1),
            "unit": "MB",
            "target": "",
        },
    ]


def dialogue_frames(count: int = 600) -> list[dict]:
    """Frame times while lines appear letter by letter (fixed clock: no waiting)."""
    os.environ.update({k: v for k, v in ENV.items() if k.startswith(("SDL", "PYGAME"))})
    import pygame  # here: after the environment above

    from game.app import App, FixedClock
    from game.boot import init_pygame, make_session
    from game.scenes.play import PlayScene
    from game.session import Options

    init_pygame()
    pygame.display.set_mode((1280, 720))
    with tempfile.TemporaryDirectory() as data:
        session = make_session(data, options=Options(offer_tutorial=False))
        app = App(session, clock=FixedClock())
        scenario = session.library.get("club-foot")
        assert scenario is not None, "the bundled club-foot scenario"
        scene = PlayScene(session, scenario)
        app.stack.push(scene)
        times = []
        for _ in range(count):
            if scene.box.done and scene.phase == "lines":
                scene.advance()
            start = time.perf_counter()
            app.frame()
            times.append((time.perf_counter() - start) * 1000)
        session.writer.close()
    times.sort()
    p50 = times[len(times) // 2]
    p99 = times[int(len(times) * 0.99) - 1]
    return [
        {
            "name": "frame time during dialogue p50",
            "value": round(p50, 2),
            "unit": "ms",
            "target": 4.0,
        },
        {
            "name": "frame time during dialogue p99",
            "value": round(p99, 2),
            "unit": "ms",
            "target": 8.0,
        },
    ]


def all_scenarios_memory() -> list[dict]:
    with tempfile.TemporaryDirectory() as data:
        seconds, line = _timed(ALL_SCENARIOS, data)
    result = json.loads(line)
    return [
        {
            "name": "scenarios played in one process",
            "value": result["played"],
            "unit": "",
            "target": "8",
        },
        {
            "name": "peak RSS after all scenarios",
            "value": round(result["rss_kb"] / 1024, 1),
            "unit": "MB",
            "target": 150.0,
        },
        {
            "name": "peak RSS of the game's writer process (separate)",
            "value": round(result["writer_kb"] / 1024, 1),
            "unit": "MB",
            "target": "",
        },
        {
            "name": "time to autoplay all scenarios",
            "value": round(seconds, 2),
            "unit": "s",
            "target": "",
        },
    ]


def run() -> list[dict]:
    return cold_start() + dialogue_frames() + all_scenarios_memory()


def main() -> None:
    for row in run():
        print(f"{row['name']:<40} {row['value']:>8} {row['unit']:<3} {row['target']}")


if __name__ == "__main__":
    main()
