"""Set up and run DIVA with nothing but Python 3.11: `python3 tasks.py play|test|bench|lint`.

Creates ``.venv`` on first use and (re)installs the project whenever pyproject.toml changes.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".diva-installed"


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def setup() -> None:
    """Create the virtual environment and install the project with its test tools."""
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py runs on whatever python3 is there
        sys.exit("DIVA needs Python 3.11 or newer.")
    if not _python().exists():
        _create_venv()
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing DIVA and its dependencies into .venv ...", flush=True)
    pip = [str(_python()), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def _create_venv() -> None:
    """Create .venv, or say what to install when this Python cannot make one (Debian, Ubuntu)."""
    try:
        import ensurepip  # noqa: F401 - only checks that venv can install pip
    except ImportError:
        sys.exit(
            "This Python cannot create a virtual environment: install its venv module first,\n"
            "e.g. on Debian or Ubuntu: sudo apt install python3-venv"
        )
    print("Creating .venv ...", flush=True)
    venv.create(VENV, with_pip=True)


def _run(*args: str) -> int:
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=ROOT).returncode


def play(args: list[str]) -> int:
    return _run("diva-game", *args)


def test(args: list[str]) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    return _run("python", "-m", "pytest", "-n", "2", "-q", *args)


def bench(args: list[str]) -> int:
    return _run("python", "-m", "bench.run", *args)


def lint(args: list[str]) -> int:
    return _run("ruff", "check", ".", *args) or _run("ruff", "format", "--check", ".")


COMMANDS = {"play": play, "test": test, "bench": bench, "lint": lint}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: python3 tasks.py {{{'|'.join(COMMANDS)}}} [args...]")
        return 2
    setup()
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
