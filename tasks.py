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
    """ruff (style, errors), then mypy (types; its settings are in pyproject.toml)."""
    return (
        _run("ruff", "check", ".", *args)
        or _run("ruff", "format", "--check", ".")
        or _run("python", "-m", "mypy")
    )


def issuer(args: list[str]) -> int:
    """The bundled badge issuer on http://127.0.0.1:8000, with a trial structure made on first run
    (its API client id and secret are printed once, for ``diva-skillmap issuer add``)."""
    listed = subprocess.run(
        [str(BIN / "diva-issuer"), "client", "list", "--json"], capture_output=True, text=True
    )
    if listed.returncode != 0:
        print(listed.stderr.strip(), file=sys.stderr)
        return listed.returncode
    if listed.stdout.strip() in ("", "[]"):
        made = _run(
            "diva-issuer", "init", "--name", "Structure d'essai DIVA",
            "--url", "http://127.0.0.1:8000", "--email", "contact@example.org",
        )  # fmt: skip
        if made:
            return made
    return _run("diva-issuer", "serve", "--host", "127.0.0.1", "--port", "8000", *args)


COMMANDS = {"play": play, "test": test, "bench": bench, "lint": lint, "issuer": issuer}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: python3 tasks.py {{{'|'.join(COMMANDS)}}} [args...]")
        return 2
    setup()
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
