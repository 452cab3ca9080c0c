"""The atomic write itself: temp file in the same folder, fsync, rename, fsync of the folder.

A SIGKILL does not lose what the kernel already holds, so the kill test cannot see a missing
fsync: here the real system calls are recorded (and still made) around a real write.
"""

import os
from pathlib import Path

import pytest

from shared.store.storage import write_atomically


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every fsync (with what the descriptor points at) and rename, in order."""
    seen: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        seen.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        seen.append(("replace", f"{Path(src).name} -> {Path(dst).name}"))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return seen


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc (Linux)")
def test_write_is_temp_fsync_rename_then_folder_fsync(tmp_path: Path, calls) -> None:
    target = tmp_path / "player.json"
    target.write_bytes(b"old")

    write_atomically(target, b"new")

    assert target.read_bytes() == b"new"
    assert [kind for kind, _ in calls] == ["fsync", "replace", "fsync"]
    temp = Path(calls[0][1])
    assert temp.parent == tmp_path and temp.name != target.name
    assert calls[1][1] == f"{temp.name} -> {target.name}"
    assert calls[2][1] == str(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["player.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "player.json"
    target.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["player.json"]
