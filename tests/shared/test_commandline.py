"""The three command lines speak French by default, argparse's own words included."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("command", ["game.cli", "shared.scenario.cli", "skillmap.cli"])
def test_help_and_usage_errors_are_french(command: str) -> None:
    env_lang = {"DIVA_LANG": "fr", "PATH": "", "SDL_VIDEODRIVER": "dummy"}
    helped = subprocess.run(
        [sys.executable, "-m", command, "--help"], capture_output=True, text=True, env=env_lang
    )
    assert helped.returncode == 0
    assert helped.stdout.startswith("utilisation : ")
    assert "afficher cette aide" in helped.stdout
    wrong = subprocess.run(
        [sys.executable, "-m", command, "--no-such-option"],
        capture_output=True,
        text=True,
        env=env_lang,
    )
    assert wrong.returncode == 2
    assert "erreur" in wrong.stderr and "Traceback" not in wrong.stderr


def test_lang_en_gives_english_help() -> None:
    from shared.commandline import wanted_lang

    assert wanted_lang(["--lang", "en"]) == "en"
    assert wanted_lang(["x", "--lang=en"]) == "en"
