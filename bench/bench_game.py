"""Game benchmarks (dummy video driver): cold start against a bare pygame_gui floor measured
in the same run, frame time during dialogue. The memory over all the scenarios, round after
round, is :mod:`bench.bench_game_memory`.

``python -m bench.bench_game`` prints one row per measure; ``run()`` returns them.
"""

from __future__ import annotations

import compileall
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
import resource, sys
from game.cli import main
main(["--headless", "--frames", "1", "--data-dir", sys.argv[1]])  # diva-game, one frame: the title
print(peak_rss_kb())
"""
)


def _timed(code: str, *args: str, cache: str = "") -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**ENV, "DIVA_CACHE_DIR": cache} if cache else ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, done.stdout.strip().splitlines()[-1]


def compile_bytecode() -> None:
    """Write the game's bytecode first, as an installed game has it (pip compiles on install,
    and a checkout writes ``__pycache__`` on its first run). Without it, a machine where
    ``PYTHONDONTWRITEBYTECODE`` is set (this project's CI image is one) times the compiling
    of ~45 of DIVA's modules on every start, while the floor's libraries are compiled."""
    for package in ("game", "shared"):
        compileall.compile_dir(ROOT / package, quiet=1)


def cold_start(repeat: int = 5) -> list[dict]:
    """Whole-process time to the first drawn, interactive frame, and its memory: the game's
    own command (``game.cli.main``, what ``diva-game`` runs) drawing its title once, then
    closing.

    The first start on a computer draws the title's pictures and keeps them
    (``game.raster_cache``, in a folder of this run): it is given on its own row; the timed
    starts after it read them back, as every later start of the game does."""
    compile_bytecode()
    floor, game, floor_rss, game_rss = [], [], [], []
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as cache:
        first, _ = _timed(GAME, data, cache=cache)  # the title's pictures drawn and kept
        for _ in range(repeat):
            seconds, rss = _timed(FLOOR)
            floor.append(seconds)
            floor_rss.append(int(rss))
            seconds, rss = _timed(GAME, data, cache=cache)
            game.append(seconds)
            game_rss.append(int(rss))
    floor_s, game_s = statistics.median(floor), statistics.median(game)
    return [
        {
            "name": "first start on a computer (pictures drawn)",
            "value": round(first, 3),
            "unit": "s",
            "target": "",
        },
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


def run() -> list[dict]:
    return cold_start() + dialogue_frames()


def main() -> None:
    for row in run():
        print(f"{row['name']:<40} {row['value']:>8} {row['unit']:<3} {row['target']}")


if __name__ == "__main__":
    main()
