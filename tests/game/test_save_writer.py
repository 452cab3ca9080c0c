"""``diva-game --autoplay`` never reports a save that did not happen (issue 10, defect 1).

Through real processes, as the tester found it: the game's writer child is killed by pid while
the game plays (the autoplayer pauses at given steps and prints the writer's pid), the child dies
right after a write reached the disk and before answering, or the disk is full (RLIMIT_FSIZE, as
``ulimit -f``). What autoplay prints is then compared with the player's file.
"""

from __future__ import annotations

import json
import os
import re
import resource
import select
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from game.autoplay import PAUSE_ENV
from shared.i18n import Catalogue
from shared.store.store import Store
from shared.store.writer import EXIT_AFTER_ENV

ROOT = Path(__file__).resolve().parents[2]
FRENCH = Catalogue.load("game", "fr")


def _args(data_dir: Path, player: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "game.cli",
        "--headless",
        "--autoplay",
        "club-foot",
        "--seed",
        "1",
        "--player",
        player,
        "--data-dir",
        str(data_dir),
    ]


def _wait_dead(pid: int) -> None:
    """Wait (on the kernel's event, with a deadline) until ``pid`` has exited."""
    fd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([fd], [], [], 15)
        assert ready, f"writer {pid} still alive"
    finally:
        os.close(fd)


def _play_killing_the_writer(data_dir: Path, player: str, pauses: list[int]) -> tuple:
    """Autoplay, SIGKILLing the writer child at each pause; (exit code, stdout, stderr, kills)."""
    env = {**os.environ, PAUSE_ENV: ",".join(map(str, pauses))}
    game = subprocess.Popen(
        _args(data_dir, player),
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert game.stdin is not None and game.stderr is not None
    killed: list[int] = []
    try:
        for line in game.stderr:
            if (match := re.match(r"paused after \d+ steps, writer (\d+)", line)) is None:
                continue
            pid = int(match.group(1))
            os.kill(pid, signal.SIGKILL)
            _wait_dead(pid)
            killed.append(pid)
            game.stdin.write("\n")
            game.stdin.flush()
            if len(killed) == len(pauses):
                break
        out, err = game.communicate(timeout=120)
    finally:
        game.kill()
    return game.returncode, out, err, killed


def _report(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def _evidence_on_disk(data_dir: Path, pseudonym: str) -> list[str]:
    store = Store(data_dir)
    player_id = store.find_players(pseudonym)[0]["id"]
    return [e.id for e in store.evidence(player_id)]


def test_a_writer_killed_by_pid_during_autoplay_is_restarted_and_nothing_is_lost(
    data_dir: Path,
) -> None:
    code, out, err, killed = _play_killing_the_writer(data_dir, "Ana", [6])
    assert len(killed) == 1
    assert code == 0, err
    report = _report(out)
    on_disk = _evidence_on_disk(data_dir, "Ana")
    assert report["evidence"] == len(on_disk) == len(set(on_disk)) == 5  # club-foot, seed 1
    assert report["experience_drafts"] == 1
    assert "restarted" in err


def test_a_writer_killed_twice_stops_saving_and_autoplay_says_so(data_dir: Path) -> None:
    code, out, err, killed = _play_killing_the_writer(data_dir, "Bo", [6, 20])
    assert len(killed) == 2 and killed[0] != killed[1]
    assert code == 1
    assert "L’enregistrement s’est arrêté" in err
    report = _report(out)
    assert report["evidence"] == len(_evidence_on_disk(data_dir, "Bo")) < 5


def test_a_writer_dying_after_its_fsync_leaves_no_duplicate(data_dir: Path) -> None:
    env = {**os.environ, EXIT_AFTER_ENV: "4"}
    done = subprocess.run(
        _args(data_dir, "Cy"), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    on_disk = _evidence_on_disk(data_dir, "Cy")
    assert _report(done.stdout)["evidence"] == len(on_disk) == len(set(on_disk)) == 5


def _file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_full_disk_makes_autoplay_exit_1_counting_only_what_is_on_disk(data_dir: Path) -> None:
    done = subprocess.run(
        _args(data_dir, "Dee"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_file_size_limit(4096),  # as `ulimit -f 4`: the player file outgrows it
    )
    assert done.returncode == 1
    assert "ne sont pas dans le dossier" in done.stderr
    report = _report(done.stdout)
    assert report["evidence"] == len(_evidence_on_disk(data_dir, "Dee")) < 5
