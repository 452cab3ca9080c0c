"""DIVA installs from its sdist and wheel and runs anywhere: the bundled content, assets and
frameworks travel inside the package and are found through importlib.resources.

The sdist is built from the checkout, the wheel from that sdist (so both are proven), and the
wheel is installed with ``--no-deps`` in a fresh venv made from the base interpreter; the
dependencies come from this venv's site-packages through a ``.pth`` line (read after the fresh
venv's own packages, and without this venv's editable finder). Every command runs with its
working directory outside the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_SHIPPED = {"tests", "bench", "content", "build", "dist", "docs", "out"}
TIMEOUT = 300  # seconds: a hung build or command fails the test instead of hanging the run

pytestmark = pytest.mark.slow


def _run(args: Sequence[object], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr  # diva-scenario reports on stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A fresh venv with only DIVA's wheel (built from its sdist) installed in it."""
    major = int(version("setuptools").split(".")[0])
    assert major >= 77, "the build needs setuptools>=77 (pip install -e '.[test]')"
    base = tmp_path_factory.mktemp("packaging")
    dist, wheels = base / "dist", base / "wheels"
    build_sdist = "import setuptools.build_meta as b, sys; print(b.build_sdist(sys.argv[1]))"
    _run([sys.executable, "-c", build_sdist, dist], cwd=ROOT)
    (sdist,) = dist.glob("diva-*.tar.gz")
    _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", wheels, sdist],
        cwd=base,
    )
    (wheel,) = wheels.glob("diva-*.whl")
    venv = base / "venv"
    _run([sys._base_executable, "-m", "venv", "--without-pip", venv], cwd=base)  # type: ignore[attr-defined]
    python = venv / "bin" / "python"
    purelib = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=base
        ).strip()
    )
    (purelib / "diva-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel],
        cwd=base,
    )
    work = base / "elsewhere"
    work.mkdir()
    return {"venv": venv, "purelib": purelib, "work": work, "data": work / "data"}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIVA_", "PYTHON"))}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    return env


def test_the_installed_package_reads_its_own_content(installed: dict[str, Path]) -> None:
    code = (
        "import game, shared.paths, shared.look\n"
        "for path in (game.__file__, shared.paths.content_dir(), shared.look.font_path()):\n"
        "    print('at', path)"
    )
    out = _run([installed["venv"] / "bin" / "python", "-c", code], installed["work"], _env())
    lines = [line[3:] for line in out.splitlines() if line.startswith("at ")]
    assert all(line.startswith(str(installed["purelib"])) for line in lines), lines
    content = Path(lines[1])
    assert (content / "frameworks" / "rectec.yaml").is_file()
    assert (content / "images" / "backgrounds" / "stade.svg").is_file()


@pytest.fixture(scope="module")
def played(installed: dict[str, Path]) -> str:
    """What the installed diva-game printed after autoplaying a bundled scenario."""
    return _run(
        [installed["venv"] / "bin" / "diva-game", "--headless", "--autoplay", "club-foot"]
        + ["--seed", "1", "--player", "T", "--data-dir", installed["data"]],
        installed["work"],
        _env(),
    )


def test_diva_game_autoplays_a_bundled_scenario(installed: dict[str, Path], played: str) -> None:
    assert '"scenario": "club-foot"' in played and '"player": "T"' in played, played
    assert any(installed["data"].rglob("*.json")), "the game saved nothing"


def test_diva_scenario_validates_the_installed_scenario_as_the_checkout_does(
    installed: dict[str, Path],
) -> None:
    """The installed validator reports on its bundled scenario exactly what the checkout's
    reports on the same file (whether the scenario itself passes is the validator's tests'
    business): a resource missing from the wheel would show as a difference."""
    name = "club-foot.yaml"
    installed_file = installed["purelib"] / "diva_content" / "scenarios" / name
    checkout_file = ROOT / "content" / "scenarios" / name
    python = installed["venv"] / "bin" / "python"
    find = "from importlib.metadata import entry_points as e; print(e(group='console_scripts')"
    target = _run([python, "-c", find + "['diva-scenario'].value)"], installed["work"], _env())
    module, function = target.strip().splitlines()[-1].split(":")
    launch = f"import sys; from {module} import {function} as main; sys.exit(main())"
    script = installed["venv"] / "bin" / "diva-scenario"
    runs = [
        subprocess.run(
            [str(a) for a in command],
            cwd=installed["work"],
            env=_env() | extra,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        for command, extra in (
            ([script, "validate", installed_file], {}),
            ([sys.executable, "-c", launch, "validate", checkout_file], {"PYTHONPATH": str(ROOT)}),
        )
    ]
    said = [
        (run.stdout + run.stderr).replace(str(path), name)
        for run, path in zip(runs, (installed_file, checkout_file), strict=True)
    ]
    assert "1 fichier(s) vérifié(s)" in said[0], said[0]
    assert (runs[0].returncode, said[0]) == (runs[1].returncode, said[1])


def test_diva_skillmap_lists_the_player_the_game_saved(
    installed: dict[str, Path], played: str
) -> None:
    out = _run(
        [installed["venv"] / "bin" / "diva-skillmap", "players", "--data-dir", installed["data"]],
        installed["work"],
        _env(),
    )
    assert " T " in out, out


def test_diva_issuer_answers_help(installed: dict[str, Path]) -> None:
    if not (ROOT / "issuer" / "cli.py").is_file():
        return  # the issuer is not written yet: nothing to run (a skip would fail under CI)
    out = _run([installed["venv"] / "bin" / "diva-issuer", "--help"], installed["work"], _env())
    assert "--help" in out or "-h" in out, out


def test_every_python_package_of_the_repository_is_packaged() -> None:
    """The package list in pyproject.toml is written by hand (content/ is mapped to
    diva_content): a new package must not be silently left out of the wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ROOT.iterdir()
        if top.is_dir() and top.name not in NOT_SHIPPED and not top.name.startswith(".")
        for init in top.rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - found == {"diva_content"}
