"""Files the store did not write itself: read-only folders, newer records, malformed lines.

Each case goes through the real commands (``diva-skillmap``, ``diva-game``) in child processes:
a person sees a message naming the file, never a traceback; a folder they may only read still
reads. Root ignores file modes, so the read-only case runs its commands as ``nobody``.
"""

import json
import os
import pwd
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from shared.errors import StoreError
from shared.player import Player
from shared.store import Store
from tests.shared.storehelpers import evidence

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy", "DIVA_DEBUG": ""}


def command(
    module: str, *args: str, as_user: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=as_user,
    )


def skillmap(data: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return command("skillmap.cli", *args, "--data-dir", str(data), **kw)  # type: ignore[arg-type]


def game(data: Path, player: str) -> subprocess.CompletedProcess[str]:
    return command(
        "game.cli", "--headless", "--autoplay", "club-foot", "--seed", "1",
        "--player", player, "--data-dir", str(data),
    )  # fmt: skip


def edit_json(path: Path, change: Callable[[dict], None]) -> None:
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data))


# -- a read-only data folder -------------------------------------------------------------------


def as_nobody() -> None:
    user = pwd.getpwnam("nobody")
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)


def read_only(folder: Path) -> None:
    """Readable by everybody, writable by nobody."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def test_a_read_only_folder_still_reads(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data)
    lina = store.add_player(Player(pseudonym="Lina", structure="ML Lens"))
    store.add_evidence(evidence(lina.id, "n1"))
    unindexed = store.add_player(Player(pseudonym="Sami"))
    edit_json(data / "index.json", lambda d: d["players"].pop(next(
        k for k, r in d["players"].items() if r["id"] == unindexed.id)))  # fmt: skip
    for lock in data.rglob("*.lock"):
        lock.unlink()  # a copied backup has no lock files
    read_only(data)
    before = sorted(p.name for p in data.iterdir())
    # Root ignores file modes: the commands run as nobody, who reaches the folder through an
    # open descriptor (tmp_path's parents are root's, 0700, and pytest resets them).
    folder = os.open(data, os.O_RDONLY | os.O_DIRECTORY)
    seen = f"/proc/self/fd/{folder}" if os.geteuid() == 0 else str(data)
    user = as_nobody if os.geteuid() == 0 else None

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "skillmap.cli", *args, "--data-dir", seen],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=300,
            pass_fds=(folder,),
            preexec_fn=user,
        )

    try:
        listed = run("players", "--json")
        assert listed.returncode == 0, listed.stderr
        assert sorted(r["pseudonym"] for r in json.loads(listed.stdout)) == ["Lina", "Sami"]
        profile = run("profile", "Lina", "--json")
        assert profile.returncode == 0, profile.stderr
        assert len(json.loads(profile.stdout)["evidence"]) == 1

        refused = run("experience", "add", "Lina", "--title", "Club")
        assert refused.returncode == 1
        assert "Traceback" not in refused.stderr
        assert seen in refused.stderr
        assert sorted(p.name for p in data.iterdir()) == before  # nothing written
    finally:
        os.close(folder)
        for path in [data, *data.rglob("*")]:
            path.chmod(0o700 if path.is_dir() else 0o600)


# -- records written by a newer DIVA -----------------------------------------------------------


def test_a_newer_record_with_an_unknown_field_is_newer_not_damaged(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Nova"))
    store.add_evidence(evidence(player.id, "n1"))
    path = tmp_path / "players" / f"{player.id}.json"

    def newer_evidence(data: dict) -> None:
        data["evidence"]["1"].update(schema_version=2, mood="calm")

    edit_json(path, newer_evidence)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store(tmp_path).evidence(player.id)
    assert caught.value.key == "store.newer"
    assert str(path) in str(caught.value)

    shown = skillmap(tmp_path, "profile", "Nova")
    assert shown.returncode == 1
    assert "version plus récente de DIVA" in shown.stderr
    assert "abîmé" not in shown.stderr
    assert path.read_bytes() == before


def test_a_record_of_this_version_with_an_unknown_field_is_damaged(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Nova"))
    edit_json(
        tmp_path / "players" / f"{player.id}.json",
        lambda d: d["player"]["1"].update(mood="calm"),
    )
    with pytest.raises(StoreError) as caught:
        Store(tmp_path).player(player.id)
    assert caught.value.key == "store.damaged"


# -- malformed lines: a message naming the file, in the game and the skill map --------------------


def test_an_evidence_whose_shown_is_a_text_is_named_not_a_type_error(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Iris"))
    store.add_evidence(evidence(player.id, "n1"))
    path = tmp_path / "players" / f"{player.id}.json"
    edit_json(path, lambda d: d["evidence"]["1"].update(shown="oral"))

    shown = skillmap(tmp_path, "profile", "Iris")
    assert shown.returncode == 1
    assert str(path) in shown.stderr and "abîmé" in shown.stderr
    assert "TypeError" not in shown.stderr and "Traceback" not in shown.stderr

    played = game(tmp_path, "Iris")
    assert "Traceback" not in played.stderr and "TypeError" not in played.stderr
    assert played.returncode == 1
    assert str(path) in played.stderr and "abîmé" in played.stderr


def test_an_index_line_without_a_pseudonym_is_named_not_a_key_error(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add_player(Player(pseudonym="Iris"))
    index = tmp_path / "index.json"
    edit_json(index, lambda d: d["players"]["1"].pop("pseudonym"))

    listed = skillmap(tmp_path, "players")
    assert listed.returncode == 1
    assert str(index) in listed.stderr
    assert "KeyError" not in listed.stderr and "Traceback" not in listed.stderr

    played = game(tmp_path, "Iris")
    assert played.returncode == 1
    assert str(index) in played.stderr
    assert "KeyError" not in played.stderr and "Traceback" not in played.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda row: row.pop("id"),
        lambda row: row.update(pseudonym=7),
        lambda row: row.update(structure=["ML"]),
        lambda row: row.update(workshops="ABC123"),
    ],
)
def test_every_malformed_index_line_is_named(tmp_path: Path, damage: Callable) -> None:
    Store(tmp_path).add_player(Player(pseudonym="Iris"))
    index = tmp_path / "index.json"
    edit_json(index, lambda d: damage(d["players"]["1"]))
    with pytest.raises(StoreError) as caught:
        Store(tmp_path)
    assert caught.value.key == "store.index_row"
    assert str(index) in str(caught.value)
