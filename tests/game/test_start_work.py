"""What the game does before its title screen is interactive (issue 11: start < 0.5 s).

Not a timing (times live in bench/): a real game process is started as the player's command
starts it, draws its title, and says what it loaded. Each thing the title does not need and
that was moved to its first use is checked here, so a later change that brings it back to the
start fails a test instead of quietly slowing every start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GAME = """
import argparse, json, sys
from game.boot import boot
from game.scenes.title import TitleScene
args = argparse.Namespace(headless=True, autoplay=None, structure="", workshop="",
                          data_dir=sys.argv[1], lang=None, fullscreen=False)
app = boot(args)
app.stack.push(TitleScene(app.session))
app.frame()
watched = ("game", "shared", "pygame_gui", "yaml", "multiprocessing")
loaded = sorted(name for name in sys.modules if name.startswith(watched))
before = {"modules": loaded, "framework_read": app.session._framework is not None,
          "writer_child": app.session.writer.pid}
name = app.session.competency_name("oral")  # the framework, read on first use
print(json.dumps({**before, "named": name}))
"""


def _last_line(code: str, data: Path, cache: Path) -> str:
    """Run ``code`` in a new Python, as the player's computer would, and read its last line."""
    env = {**os.environ, "DIVA_CACHE_DIR": str(cache), "SDL_VIDEODRIVER": "dummy"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(data)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def _start(data: Path, cache: Path) -> dict:
    return json.loads(_last_line(GAME, data, cache))


def test_the_title_is_drawn_without_what_it_does_not_use(tmp_path: Path) -> None:
    seen = _start(tmp_path / "data", tmp_path / "cache")
    assert not seen["framework_read"]  # read when a competency is first named
    assert seen["writer_child"] is None  # started by the first write
    for module in (
        "shared.scenario.model",  # scenarios: the map
        "shared.scenario.loading",
        "game.scenes.settings",  # opened from a button
        "game.scenes.first_launch",  # only on a computer's first launch
        "game.scenes.history",  # the H key
        "pygame_gui",  # text entries only: a player's name, a reflection
        "yaml",  # the framework and the scenarios are read on first use
        "multiprocessing",  # the writer's child starts with the first write
    ):
        assert module not in seen["modules"], f"{module} is loaded before the title"
    assert seen["named"] and seen["named"] != "oral"  # and the framework still reads on demand


CLI = """
import json, sys
from game.cli import main
main(["--headless", "--frames", "1", "--data-dir", sys.argv[1]])  # diva-game: the title once
watched = ("shared.scenario", "yaml", "pygame_gui", "multiprocessing", "game.scenes")
print(json.dumps(sorted(name for name in sys.modules if name.startswith(watched))))
"""


def test_the_game_command_starts_the_same_way(tmp_path: Path) -> None:
    """``diva-game`` itself (its argument parsing, checks and closing included) loads no
    more before its title than the boot does: no scenario loader, no map, no parser."""
    loaded = json.loads(_last_line(CLI, tmp_path / "data", tmp_path / "cache"))
    assert loaded == ["game.scenes", "game.scenes.confirm", "game.scenes.title", "shared.scenario",
                      "shared.scenario.content_root"]  # fmt: skip


def test_the_second_start_reads_the_title_pictures_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _start(tmp_path / "data", cache)
    kept = sorted(p.name for p in (cache / "rasters").glob("*.rgba"))
    assert len(kept) >= 4  # the title's background and its three young people
    _start(tmp_path / "data", cache)
    assert sorted(p.name for p in (cache / "rasters").glob("*.rgba")) == kept
