"""The store's repository API on real files: players, export, erasure, profile, workshops."""

import json
import threading
import time
from pathlib import Path

import pytest

from shared.errors import NotFoundError, StoreError
from shared.experience import Experience, RatedCompetency
from shared.player import Workshop
from shared.store import ScenarioProgress, Store
from shared.store.locking import locked
from shared.store.writer import ProcessWriter, ThreadWriter
from tests.shared.storehelpers import evidence, new_player


def test_one_file_per_player_and_a_small_index(tmp_path: Path) -> None:
    store, zora = new_player(tmp_path, "Zora")
    _, yanis = new_player(tmp_path, "Yanis")
    files = sorted(p.name for p in (tmp_path / "players").glob("*.json"))
    assert files == sorted([f"{zora.id}.json", f"{yanis.id}.json"])
    assert [row["pseudonym"] for row in store.players()] == ["Yanis", "Zora"]


def test_find_by_id_or_pseudonym_is_case_insensitive(tmp_path: Path) -> None:
    store, zora = new_player(tmp_path, "Zora")
    new_player(tmp_path, "zora")
    assert [r["id"] for r in store.find_players(zora.id)] == [zora.id]
    assert len(store.find_players("ZORA")) == 2
    assert store.find_players("nobody") == []


def test_save_player_keeps_settings(tmp_path: Path) -> None:
    store, zora = new_player(tmp_path)
    zora.settings.high_contrast = True
    store.save_player(zora)
    assert Store(tmp_path).player(zora.id).settings.high_contrast is True


def test_export_holds_everything_and_erasure_removes_it(tmp_path: Path) -> None:
    store, zora = new_player(tmp_path)
    store.add_evidence(evidence(zora.id, "n1"))
    store.add_experience(Experience(player_id=zora.id, title="Coach des U9"))
    bundle = store.export_player(zora.id)
    assert bundle["format"] == "diva-player-export"
    assert bundle["player"]["pseudonym"] == "Zora"
    assert len(bundle["evidence"]) == 1 and len(bundle["experiences"]) == 1
    json.dumps(bundle)  # one JSON bundle

    store.erase_player(zora.id)
    assert list((tmp_path / "players").iterdir()) == []
    assert store.players() == []
    with pytest.raises(NotFoundError):
        store.player(zora.id)


def test_hostile_player_id_never_reaches_the_file_system(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for hostile in ("../index", "/etc/passwd", "a/b", "", "x" * 10_000, "a\x00b", "😀", "٣٤٥", "é"):
        with pytest.raises(NotFoundError):
            store.player(hostile)
        with pytest.raises(NotFoundError):
            store.add_evidence(evidence(hostile, "n1"))
    assert list((tmp_path / "players").iterdir()) == []


def test_profile_from_evidence_and_confirmed_experiences(tmp_path: Path) -> None:
    store, zora = new_player(tmp_path)
    for node, level in (("a", 2), ("b", 2), ("c", 3)):
        store.add_evidence(evidence(zora.id, node, "oral", level))
    confirmed = Experience(
        player_id=zora.id,
        title="Coach",
        competencies=[RatedCompetency(competency="oral", level=3)],
    )
    confirmed.move_to("confirmed", by="conseillère")
    store.add_experience(confirmed)
    store.add_experience(
        Experience(
            player_id=zora.id,
            title="Brouillon",
            competencies=[RatedCompetency(competency="oral", level=4)],
        )
    )
    oral = store.profile(zora.id, ["oral", "maths"]).get("oral")
    assert (oral.confirmed_level, oral.experiences, oral.confirmed_experiences) == (3, 2, 1)
    assert (oral.evidence, oral.suggested_level, oral.levels_shown) == (3, 2, {2: 2, 3: 1})
    maths = store.profile(zora.id, ["oral", "maths"]).get("maths")
    assert (maths.confirmed_level, maths.evidence, maths.suggested_level) == (None, 0, None)


def test_progress_is_upserted_per_scenario(tmp_path: Path) -> None:
    store, zora = new_player(tmp_path)
    for node in ("n1", "n2"):
        store.save_progress(ScenarioProgress(player_id=zora.id, scenario_id="s", node_id=node))
    assert store.progress(zora.id)["s"].node_id == "n2"


def test_workshop_codes_are_unique(tmp_path: Path) -> None:
    store = Store(tmp_path)
    workshop = Workshop(
        code="LENS42", structure="Mission Locale de Lens", counsellor="A", date="2026-12-01"
    )
    store.add_workshop(workshop)
    assert store.workshop("lens42") == workshop
    assert store.workshop(" l e n s 4 2 ") == workshop  # as read out, with spaces
    with pytest.raises(StoreError, match="already used"):
        store.add_workshop(workshop)


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_writer_writes_in_order_and_keeps_errors(tmp_path: Path, kind: str) -> None:
    store, zora = new_player(tmp_path)
    writer = ThreadWriter(store) if kind == "thread" else ProcessWriter(tmp_path)
    for i in range(20):
        writer.submit(Store.add_evidence, evidence(zora.id, f"n{i}"))
    writer.submit(Store.touch_player, "missing")
    writer.submit(Store.add_evidence, evidence("nobody", "x"))
    with pytest.raises(AttributeError):  # a misspelt method fails where it is written
        writer.submit(Store.no_such_method)  # type: ignore[attr-defined]
    writer.submit(Store.give_consent, zora.id, "no_such_flag")  # a bug: reported, goes on
    writer.submit(Store.add_evidence, evidence(zora.id, "after"))
    writer.flush()
    assert writer.pending() == 0
    assert [e.node_id for e in store.evidence(zora.id)] == [f"n{i}" for i in range(20)] + ["after"]
    errors = writer.take_errors()
    assert errors[0] == "no player with id nobody"
    assert errors[1] == "give_consent: ValueError: unknown consent: no_such_flag"
    writer.close()


def test_process_writer_stops_when_the_game_is_killed(tmp_path: Path) -> None:
    """A SIGKILLed game leaves no writer process behind, and what it had queued is written."""
    import signal
    import subprocess
    import sys
    import time

    _, zora = new_player(tmp_path)
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from shared.store import Store\n"
        "from shared.store.writer import ProcessWriter\n"
        "from tests.shared.storehelpers import evidence\n"
        "writer = ProcessWriter(Path(sys.argv[1]))\n"
        "for i in range(5):\n"
        "    writer.submit(Store.add_evidence, evidence(sys.argv[2], f'k{i}'))\n"
        "writer.flush()\n"
        "print(writer._process.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    game = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path), zora.id], stdout=subprocess.PIPE, text=True
    )
    assert game.stdout is not None
    child = int(game.stdout.readline())
    game.send_signal(signal.SIGKILL)
    game.wait(timeout=10)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and Path(f"/proc/{child}").exists():
        time.sleep(0.1)
    assert not Path(f"/proc/{child}").exists() or "Z" in _state(child)
    assert len(Store(tmp_path).evidence(zora.id)) == 5


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return "Z"


def test_shared_imports_nothing_from_the_apps() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pkgutil, importlib, shared\n"
        "for m in pkgutil.walk_packages(shared.__path__, 'shared.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('game', 'skillmap', 'issuer')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_write_waiting_while_the_player_is_erased_does_not_bring_the_file_back(
    tmp_path: Path,
) -> None:
    store, player = new_player(tmp_path)
    path = store.player_file(player.id).path
    errors: list[Exception] = []

    def late_write() -> None:
        try:
            store.add_evidence(evidence(player.id, "late"))
        except NotFoundError as exc:
            errors.append(exc)

    with locked(path):  # the game has checked the player exists, and waits for the lock
        writer = threading.Thread(target=late_write)
        writer.start()
        time.sleep(0.2)
        store.erase_player(player.id)  # meanwhile the counsellor erases the player
    writer.join()

    assert len(errors) == 1
    assert list((tmp_path / "players").iterdir()) == []


def test_erasure_leaves_no_trace_in_any_file(tmp_path: Path) -> None:
    store, zora = new_player(tmp_path)
    store.add_evidence(evidence(zora.id, "n1"))
    store.mark_reviewed(zora.id)
    store.erase_player(zora.id)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert zora.id not in path.read_text(encoding="utf-8", errors="replace"), path


def test_a_lost_index_is_rebuilt_from_the_player_files(tmp_path: Path) -> None:
    store, zora = new_player(tmp_path, "Zora")
    _, yanis = new_player(tmp_path, "Yanis")
    damaged = tmp_path / "players" / "0badfile.json"
    damaged.write_bytes(b"{oops")
    (tmp_path / "index.json").unlink()

    reopened = Store(tmp_path)
    assert [r["pseudonym"] for r in reopened.players()] == ["Yanis", "Zora"]
    assert damaged.read_bytes() == b"{oops"
