"""The skill map draws from shared.look: importing every one of its modules loads no game."""

import os
import subprocess
import sys


def test_skillmap_imports_nothing_from_the_game() -> None:
    code = (
        "import sys, pkgutil, importlib, skillmap\n"
        "for m in pkgutil.walk_packages(skillmap.__path__, 'skillmap.'):\n"
        "    importlib.import_module(m.name)\n"
        "names = [m for m in sys.modules if m.startswith('skillmap.')]\n"
        "assert 'skillmap.app.screens.player' in names and 'skillmap.map_png' in names, names\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('game', 'issuer')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
