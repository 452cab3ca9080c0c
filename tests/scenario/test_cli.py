"""diva-scenario through main() and once as the installed console script."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared.scenario.cli import main
from shared.scenario.model import Scenario

BROKEN = Path(__file__).parent / "broken"


def test_validate_valid_file_exits_0(valid_file, content_root, capsys):
    assert main(["validate", "--content-root", str(content_root), str(valid_file)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "0 erreur(s)" in captured.err


def test_validate_prints_every_problem_and_exits_1(content_root, capsys):
    code = main(["validate", "--content-root", str(content_root), str(BROKEN / "no-ending.yaml")])
    assert code == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{BROKEN / 'no-ending.yaml'}:36:9: erreur: le nœud « fin-a » n'est jamais atteint "
        "depuis le début (start: debut)",
        f"{BROKEN / 'no-ending.yaml'}:46:9: erreur: depuis le nœud « boucle », aucun chemin "
        "ne mène à une fin (type: ending)",
    ]


def test_warnings_only_exit_0_and_quiet_hides_them(content_root, capsys):
    args = ["validate", "--content-root", str(content_root), str(BROKEN / "long-sentence.yaml")]
    assert main(args) == 0
    assert ": avertissement: phrase de 24 mots" in capsys.readouterr().out
    assert main([*args, "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_english_with_diva_lang(content_root, capsys, monkeypatch):
    monkeypatch.setenv("DIVA_LANG", "en")
    main(["validate", "--content-root", str(content_root), str(BROKEN / "unreachable.yaml")])
    assert ":46:9: error: the node “oubli” is never reached" in capsys.readouterr().out


def test_schema_prints_the_models_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"] == Scenario.model_json_schema()["properties"]


def test_graph_and_paths_refuse_a_broken_scenario(content_root, capsys):
    for command in ("graph", "paths"):
        args = [command, "--content-root", str(content_root), str(BROKEN / "goto-missing.yaml")]
        assert main(args) == 1
        assert "diva-scenario validate" in capsys.readouterr().err


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["graph"])
    assert stop.value.code == 2


def test_console_script_runs(valid_file, content_root):
    script = shutil.which("diva-scenario", path=str(Path(sys.executable).parent))
    assert script, "diva-scenario is not installed next to this Python (pip install -e .)"
    env = {**os.environ, "DIVA_LANG": "fr"}
    done = subprocess.run(
        [
            script,
            "validate",
            "--content-root",
            str(content_root),
            str(valid_file),
            str(BROKEN / "unknown-key.yaml"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "unknown-key.yaml:18:5: erreur: clé inconnue « choises »" in done.stdout
    assert "Traceback" not in done.stderr


def test_output_piped_into_head_stops_without_traceback(content_root):
    """``diva-scenario paths x.yaml | head -1``: the reader closes the pipe early."""
    bundled = Path(__file__).parents[2] / "content" / "scenarios" / "marche.yaml"
    command = [sys.executable, "-m", "shared.scenario.cli", "paths", str(bundled)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ}
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read().decode("utf-8", "replace")
        process.wait(timeout=60)
    assert "Traceback" not in errors
    assert process.returncode in (0, 1)
