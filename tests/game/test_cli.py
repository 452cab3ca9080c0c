"""``diva-game --headless --autoplay``: the JSON line, clear errors, screenshots, and a
SIGKILL mid-scenario that resumes at the last node with nothing lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game.autoplay import HANG_ENV
from game.cli import main
from shared.store.store import Store

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game.cli", "--headless", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_autoplay_prints_one_json_line_and_records_like_a_player(data_dir: Path, capsys) -> None:
    code = main(
        [
            "--headless",
            "--autoplay",
            "club-foot",
            "--seed",
            "4",
            "--player",
            "Sam",
            "--data-dir",
            str(data_dir),
        ]
    )
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    report = json.loads(out[-1])
    assert report["player"] == "Sam" and report["scenario"] == "club-foot"
    assert report["choices"] >= 2 and report["ending"]
    store = Store(data_dir)
    player_id = store.find_players("Sam")[0]["id"]
    assert len(store.evidence(player_id)) == report["evidence"]
    assert len(store.experiences(player_id)) == report["experience_drafts"]
    assert store.progress(player_id)["club-foot"].status == "done"


def test_autoplay_is_reproducible_with_a_seed(data_dir: Path, capsys) -> None:
    reports = []
    for name in ("A", "B"):
        main(
            [
                "--headless",
                "--autoplay",
                "marche",
                "--seed",
                "7",
                "--player",
                name,
                "--data-dir",
                str(data_dir),
            ]
        )
        reports.append(json.loads(capsys.readouterr().out.strip().splitlines()[-1]))
    for report in reports:
        report.pop("player")
    assert reports[0] == reports[1]


def test_unknown_scenario_exits_1_with_a_clear_message(data_dir: Path, capsys) -> None:
    code = main(["--headless", "--autoplay", "nope", "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 1
    assert "nope" in err and "club-foot" in err and "Traceback" not in err


def test_invalid_content_exits_1_naming_the_problem(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "scenarios").mkdir(parents=True)
    (content / "frameworks").symlink_to(ROOT / "content" / "frameworks")
    (content / "scenarios" / "casse.yaml").write_text("id: casse\nversion: '1'\n", encoding="utf-8")
    result = run_cli(
        "--autoplay",
        "casse",
        "--data-dir",
        str(tmp_path / "data"),
        env={"DIVA_CONTENT_DIR": str(content)},
    )
    assert result.returncode == 1
    assert "casse" in result.stderr and "Traceback" not in result.stderr


def test_screenshots_one_png_per_step(data_dir: Path, tmp_path: Path, capsys) -> None:
    shots = tmp_path / "shots"
    main(
        [
            "--headless",
            "--autoplay",
            "premier-stage",
            "--seed",
            "1",
            "--player",
            "Cam",
            "--data-dir",
            str(data_dir),
            "--screenshots",
            str(shots),
        ]
    )
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    pngs = sorted(shots.glob("*.png"))
    assert pngs and len(pngs) <= report["steps"]
    assert any("identify" in p.name for p in pngs) and any("summary" in p.name for p in pngs)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_scenario_resumes_at_the_last_node(data_dir: Path) -> None:
    args = [
        sys.executable,
        "-m",
        "game.cli",
        "--headless",
        "--autoplay",
        "soiree-famille",
        "--seed",
        "2",
        "--player",
        "Kim",
        "--data-dir",
        str(data_dir),
    ]
    env = {**os.environ, HANG_ENV: "25"}
    process = subprocess.Popen(args, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "hanging" in line:
                break
        else:
            pytest.fail("the game never reached the hang point")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.kill()
    store = Store(data_dir)
    player_id = store.find_players("Kim")[0]["id"]
    before = store.evidence(player_id)
    saved = store.progress(player_id)["soiree-famille"]
    assert saved.status == "in_progress" and saved.node_id and before
    resumed = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads(resumed.stdout.strip().splitlines()[-1])
    assert report["resumed_from"] == saved.node_id
    after = store.evidence(player_id)
    assert [e.id for e in after[: len(before)]] == [e.id for e in before]
    assert len(after) == len(before) + report["evidence"]
    assert store.progress(player_id)["soiree-famille"].status == "done"


def _trainer_file(tmp_path: Path, broken: bool = False) -> Path:
    """A trainer's own scenario file, outside the content folder (a copy with a new id)."""
    text = (ROOT / "content" / "scenarios" / "marche.yaml").read_text(encoding="utf-8")
    text = text.replace("id: marche\n", "id: mon-marche\n", 1)
    if broken:
        text = text.replace("\nstart: ", "\nstart: nulle-part\nold_start: ", 1)
        text = text.replace("level: 2", "level: 9")
    path = tmp_path / "mes-situations" / "mon-marche.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_autoplay_takes_a_scenario_file(data_dir: Path, tmp_path: Path, capsys) -> None:
    path = _trainer_file(tmp_path)
    code = main(
        ["--headless", "--autoplay", str(path), "--player", "Tom", "--data-dir", str(data_dir)]
    )
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0 and report["scenario"] == "mon-marche" and report["ending"]
    code = main(
        [
            "--headless",
            "--scenario",
            str(path),
            "--autoplay",
            "--seed",
            "3",
            "--data-dir",
            str(data_dir),
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["scenario"] == "mon-marche"


def test_a_broken_file_lists_every_problem_and_exits_1(data_dir: Path, tmp_path: Path) -> None:
    path = _trainer_file(tmp_path, broken=True)
    for args in (["--scenario", str(path)], ["--autoplay", str(path)]):
        result = run_cli(*args, "--data-dir", str(data_dir))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        located = [line for line in result.stderr.splitlines() if line.startswith(f"{path}:")]
        assert len(located) >= 3, result.stderr  # old_start and every level 9
        assert all(line.split(":")[1].isdigit() for line in located)
        assert any("old_start" in line for line in located)
    missing = run_cli("--scenario", str(tmp_path / "absent.yaml"), "--data-dir", str(data_dir))
    assert missing.returncode == 1 and "absent.yaml" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_scenario_file_plays_at_once_after_choosing_a_player(
    data_dir: Path, tmp_path: Path
) -> None:
    from game.app import App, FixedClock
    from game.boot import add_to_library, init_pygame, make_session, scenario_from_file
    from game.scenes.map import MapScene
    from game.scenes.play import PlayScene
    from game.scenes.player import PlayerScene
    from game.session import Options
    from shared.player import Player
    from tests.game.conftest import focusable, on_top

    init_pygame()
    import pygame

    pygame.display.set_mode((1280, 720))
    session = make_session(str(data_dir), options=Options())
    scenario, message = scenario_from_file(
        _trainer_file(tmp_path), session.framework, session.catalogue
    )
    assert scenario is not None, message
    add_to_library(session, scenario)
    session.store.add_player(Player(pseudonym="Formatrice", tutorial_done=False))
    app = App(session, clock=FixedClock())
    app.stack.push(PlayerScene(session))
    app.frame()
    card = focusable(on_top(app), f"player:{session.store.players()[0]['id']}")
    card.activate()
    app.frame()
    app.frame()
    assert [type(s) for s in app.stack.scenes] == [MapScene, PlayScene]
    assert on_top(app, PlayScene).scenario.id == "mon-marche"
    assert session.library.get("mon-marche") is scenario
    session.flush()
    session.writer.close()


def test_ambiguous_player_name_is_refused_not_guessed(tmp_path: Path, capsys) -> None:
    from game.cli import main
    from shared.player import Player
    from shared.store import Store

    store = Store(tmp_path)
    store.add_player(Player(pseudonym="Zora"))
    store.add_player(Player(pseudonym="zora"))
    args = ["--headless", "--autoplay", "club-foot", "--data-dir", str(tmp_path)]
    assert main([*args, "--player", "ZORA"]) == 1
    assert "Plusieurs joueurs s’appellent « ZORA »" in capsys.readouterr().err
    assert main([*args, "--player", "Zora"]) == 0  # the exact pseudonym is not ambiguous


def test_progress_says_when_it_was_last_played(data_dir: Path, capsys) -> None:
    """The counsellor's statistics count scenarios played in a period by ``updated``."""
    args = ["--headless", "--autoplay", "marche", "--seed", "2", "--player", "Sam"]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    store = Store(data_dir)
    player_id = store.find_players("Sam")[0]["id"]
    progress = store.progress(player_id)["marche"]
    last_evidence = max(e.created for e in store.evidence(player_id))
    assert progress.updated >= last_evidence
