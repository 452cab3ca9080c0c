"""The town map's frame time (dummy video driver), against a floor measured in the same run.

The map is where every session starts and where a player looks around the longest: its
frame must leave room in the 16 ms a 60 fps frame has. The focus moves every frame (Tab,
as a keyboard or switch player does), so a cache that only served a still screen would not
pass. The floor is the least any frame costs: one full-window surface blitted to the canvas
and shown (what :meth:`game.app.App.present` does), timed in the same loop.

``python -m bench.bench_map`` prints one row per measure; ``run()`` returns them.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable

ENV = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
TARGET_P50_MS = 4.0
TARGET_P99_MS = 8.0


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return ordered[len(ordered) // 2], ordered[max(0, int(len(ordered) * 0.99) - 1)]


def _timed(step: Callable[[], None]) -> float:
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


def map_frames(count: int = 400, text_size: str = "large") -> list[dict]:
    """Frame times on the town map with the focus moving, and the floor, interleaved."""
    os.environ.update(ENV)
    import pygame  # here: after the environment above

    from game.app import App, FixedClock
    from game.boot import init_pygame, make_session
    from game.scenes.map import MapScene
    from game.session import Options
    from shared.player import Player

    init_pygame()
    pygame.display.set_mode((1280, 720))
    with tempfile.TemporaryDirectory() as data:
        session = make_session(data, options=Options(offer_tutorial=False))
        player = Player(pseudonym="Lina", tutorial_done=True)
        player.settings = player.settings.model_copy(update={"text_size": text_size})
        session.store.add_player(player)
        session.set_player(player)
        app = App(session, clock=FixedClock())
        app.stack.push(MapScene(session))
        app.frame()
        whole = app.canvas.copy()

        def floor() -> None:
            app.canvas.blit(whole, (0, 0))
            app.present()

        def frame() -> None:
            tab = {"key": pygame.K_TAB, "mod": 0, "unicode": "", "scancode": 0}
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, tab))
            app.frame()

        game, bare = [], []
        for _ in range(count):
            game.append(_timed(frame))
            bare.append(_timed(floor))
        session.writer.close()
    p50, p99 = _percentiles(game)
    floor50, floor99 = _percentiles(bare)
    return [
        {"name": f"map frame ({text_size}), floor p50", "value": round(floor50, 2), "unit": "ms"},
        {"name": f"map frame ({text_size}), floor p99", "value": round(floor99, 2), "unit": "ms"},
        {
            "name": f"map frame ({text_size}), focus moving, p50",
            "value": round(p50, 2),
            "unit": "ms",
            "target": TARGET_P50_MS,
        },
        {
            "name": f"map frame ({text_size}), focus moving, p99",
            "value": round(p99, 2),
            "unit": "ms",
            "target": TARGET_P99_MS,
        },
    ]


def run() -> list[dict]:
    return map_frames() + map_frames(text_size="xxlarge")


def main() -> None:
    for row in run():
        print(f"{row['name']:<48} {row['value']:>8} {row['unit']:<3} {row.get('target', '')}")


if __name__ == "__main__":
    main()
