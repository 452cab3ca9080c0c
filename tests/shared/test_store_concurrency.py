"""The game and the skill map write the same data folder at once: nothing may be lost."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson

from shared.store import Store
from tests.shared.storehelpers import new_player

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from shared.store import Store
    from tests.shared.storehelpers import evidence
    root, player_id, tag, count = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = Store(root)
    for i in range(count):
        store.add_evidence(evidence(player_id, f"{tag}-{i}"))
        print(f"{tag}-{i}", flush=True)
    """
)


def _start_writer(root: Path, player_id: str, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), player_id, tag, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_two_processes_write_500_evidence_each_into_one_player(tmp_path: Path) -> None:
    _, player = new_player(tmp_path)
    writers = [_start_writer(tmp_path, player.id, tag, 500) for tag in ("game", "skillmap")]
    for writer in writers:
        writer.communicate(timeout=300)
        assert writer.returncode == 0

    nodes = [e.node_id for e in Store(tmp_path).evidence(player.id)]
    assert len(nodes) == 1000
    assert set(nodes) == {f"{t}-{i}" for t in ("game", "skillmap") for i in range(500)}
    raw = (tmp_path / "players" / f"{player.id}.json").read_bytes()
    assert len(orjson.loads(raw)["evidence"]) == 1000


def test_sigkill_mid_write_loop_keeps_every_returned_write(tmp_path: Path) -> None:
    _, player = new_player(tmp_path)
    writer = _start_writer(tmp_path, player.id, "run", 100_000)
    assert writer.stdout is not None
    returned = [writer.stdout.readline().strip() for _ in range(150)]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    returned += [line.strip() for line in writer.stdout if line.strip()]

    nodes = {e.node_id for e in Store(tmp_path).evidence(player.id)}
    assert set(returned) <= nodes
    leftovers = [p.name for p in (tmp_path / "players").iterdir() if p.suffix == ".tmp"]
    assert len(leftovers) <= 1, "at most the one temp file of the interrupted write"
