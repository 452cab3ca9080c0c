"""A process killed at the worst moment leaves nobody hidden, doubled or half-erased.

Each test starts a real child process that stops at a chosen point of a write (it tells the
test on its stdout, then waits on its stdin), and SIGKILLs it there: no sleeps, no mocks of the
part under test. Then the real commands (``diva-skillmap``, ``diva-game``) run on the folder.
"""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from shared.player import Player
from shared.store import Store
from tests.shared.storehelpers import evidence

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy"}

# The child stops inside the store at ``point`` (a function of ``module`` it wraps), says
# "stopped" and waits for a line it will never get: the test kills it there.
STOP_CHILD = textwrap.dedent(
    """
    import importlib, sys
    from pathlib import Path
    root, module_name, point, action, pseudonym = sys.argv[1:6]
    module = importlib.import_module(module_name)
    owner_name, _, attr = point.rpartition(".")
    owner = getattr(module, owner_name) if owner_name else module
    original = getattr(owner, attr)

    def stop(*args, **kwargs):
        if attr == "replace" and not str(args[1]).endswith(".json"):
            return original(*args, **kwargs)
        print("stopped", flush=True)
        sys.stdin.readline()
        return original(*args, **kwargs)

    setattr(owner, attr, stop)
    from shared.player import Player
    from shared.store import Store
    store = Store(Path(root))
    if action == "add":
        store.add_player(Player(pseudonym=pseudonym))
    else:
        from tests.shared.storehelpers import evidence
        player = store.find_players(pseudonym)[0]
        store.add_evidence(evidence(player["id"], "killed-write"))
    """
)


def kill_at(root: Path, module: str, point: str, action: str, pseudonym: str) -> None:
    """Run ``action`` in a child process and SIGKILL it when it reaches ``point``."""
    child = subprocess.Popen(
        [sys.executable, "-c", STOP_CHILD, str(root), module, point, action, pseudonym],
        cwd=ROOT,
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert line.strip() == "stopped", "the child never reached the point where it is killed"
    assert child.returncode == -signal.SIGKILL


def skillmap(root: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skillmap.cli", *args, "--data-dir", str(root)],
        cwd=ROOT,
        env=ENV,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def files_holding(root: Path, text: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def test_kill_between_player_file_and_index_hides_nobody_and_doubles_nobody(
    tmp_path: Path,
) -> None:
    # index.json exists (it holds Anna): the old repair ran only when it was missing
    Store(tmp_path).add_player(Player(pseudonym="Anna"))
    kill_at(tmp_path, "shared.store.store", "Store._index_player", "add", "Kilian")
    assert len(list((tmp_path / "players").glob("*.json"))) == 2  # the file made it, not the index
    assert b"Kilian" not in (tmp_path / "index.json").read_bytes()

    listed = skillmap(tmp_path, "players", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [r["pseudonym"] for r in json.loads(listed.stdout)] == ["Anna", "Kilian"]

    game = subprocess.run(
        [sys.executable, "-m", "game.cli", "--headless", "--autoplay", "club-foot", "--seed", "1"]
        + ["--player", "Kilian", "--data-dir", str(tmp_path)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert game.returncode == 0, game.stderr
    assert len(list((tmp_path / "players").glob("*.json"))) == 2
    assert [r["pseudonym"] for r in Store(tmp_path).players()] == ["Anna", "Kilian"]

    erased = skillmap(tmp_path, "erase", "Kilian", "--yes")
    assert erased.returncode == 0, erased.stderr
    assert files_holding(tmp_path, "Kilian") == []


def test_kill_during_an_atomic_write_then_erase_leaves_no_copy(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Tempo"))
    store.add_evidence(evidence(player.id, "n1"))
    kill_at(tmp_path, "shared.store.storage", "os.replace", "evidence", "Tempo")
    temps = list((tmp_path / "players").glob(f".{player.id}.json.*.tmp"))
    assert len(temps) == 1  # a full copy of the player file, left by the killed write
    assert b"Tempo" in temps[0].read_bytes()

    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=-1)
    try:  # a copy whose writer still runs (or runs on another machine): erase removes it too
        temps.append(tmp_path / "players" / f".{player.id}.json.{live.pid}.zz.tmp")
        temps[-1].write_bytes(temps[0].read_bytes())
        erased = skillmap(tmp_path, "erase", "Tempo", "--yes")
    finally:
        live.communicate(b"")
    assert erased.returncode == 0, erased.stderr
    assert files_holding(tmp_path, "Tempo") == []
    assert list((tmp_path / "players").iterdir()) == []
    for temp in temps:  # erase says what it removed, the copies included
        assert str(temp) in erased.stdout


def test_stale_temp_files_are_removed_at_open_but_a_live_writers_is_kept(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Lina"))
    kill_at(tmp_path, "shared.store.storage", "os.replace", "evidence", "Lina")
    players = tmp_path / "players"
    (stale,) = players.glob(f".{player.id}.json.*.tmp")

    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=-1)
    try:  # a write in progress in a live process (its pid in the name) is never touched
        in_progress = players / f".{player.id}.json.{live.pid}.abcd1234.tmp"
        in_progress.write_bytes(b"{}")
        # the same pid, another start time: a killed writer whose pid was given to a new process
        reused = players / f".{player.id}.json.{live.pid}-1.abcd1234.tmp"
        reused.write_bytes(b"{}")
        reopened = Store(tmp_path)
        assert not stale.exists() and not reused.exists()
        assert in_progress.exists()
        assert sorted(reopened.repair.temps_removed) == sorted([stale, reused])
    finally:
        live.communicate(b"")
    Store(tmp_path)  # its writer is gone now: the next open removes it
    assert not in_progress.exists()


def test_a_damaged_unindexed_player_is_named_then_listed_once_restored(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Noor"))
    path = tmp_path / "players" / f"{player.id}.json"
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    (tmp_path / "index.json").unlink()

    listed = skillmap(tmp_path, "players")
    assert listed.returncode == 0, listed.stderr
    assert "fichier abîmé" in listed.stdout
    assert str(path) in listed.stdout
    as_json = json.loads(skillmap(tmp_path, "players", "--json").stdout)
    assert as_json == [{"id": player.id, "damaged": True, "file": str(path)}]

    path.write_bytes(good)  # restored from a backup: the next open lists the player again
    again = json.loads(skillmap(tmp_path, "players", "--json").stdout)
    assert [r["pseudonym"] for r in again] == ["Noor"]


def test_an_index_line_whose_file_is_gone_is_dropped_at_open(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Gone"))
    (tmp_path / "players" / f"{player.id}.json").unlink()
    assert Store(tmp_path).players() == []
    assert b"Gone" not in (tmp_path / "index.json").read_bytes()


def test_erase_says_everything_it_removed(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Saïd"))
    store.mark_reviewed(player.id)
    removed = store.erase_player(player.id)
    assert str(tmp_path / "players" / f"{player.id}.json") in removed
    assert f"{tmp_path / 'index.json'}: {player.id}" in removed
    assert f"{tmp_path / 'reviews.json'}: {player.id}" in removed
    assert files_holding(tmp_path, player.id) == []


def test_a_damaged_player_file_can_be_erased_by_its_id(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Brisé"))
    path = tmp_path / "players" / f"{player.id}.json"
    path.write_bytes(path.read_bytes()[:40])
    (tmp_path / "index.json").unlink()
    erased = skillmap(tmp_path, "erase", player.id, "--yes")
    assert erased.returncode == 0, erased.stderr
    assert str(path) in erased.stdout
    assert not path.exists()
    assert files_holding(tmp_path, "Brisé") == []
