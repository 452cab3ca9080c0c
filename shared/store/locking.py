"""A cross-process, cross-thread lock on a data file, so the game and the skill map can share
one data folder. The lock lives in a sibling ``.lock`` file; the data file itself is only ever
replaced by an atomic rename."""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shared.errors import StoreError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


_thread_locks: dict[str, threading.RLock] = {}
_thread_locks_guard = threading.Lock()
_held: threading.local = threading.local()


def _thread_lock(key: str) -> threading.RLock:
    with _thread_locks_guard:
        return _thread_locks.setdefault(key, threading.RLock())


def _open_lock_file(path: Path) -> int:
    lock = f"{path}.lock"
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        message = f"{path}: cannot use data file, its lock {lock} cannot be opened ({exc.strerror})"
        raise StoreError(message, "store.cannot_lock", path=path) from exc


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of ``path`` (re-entrant within one thread)."""
    key = str(path.resolve())
    depth: dict[str, int] = _held.__dict__.setdefault("depth", {})
    with _thread_lock(key):
        if depth.get(key):
            depth[key] += 1
            try:
                yield
            finally:
                depth[key] -= 1
            return
        fd = _open_lock_file(path)
        try:
            _lock(fd)
            depth[key] = 1
            try:
                yield
            finally:
                depth[key] = 0
                _unlock(fd)
        finally:
            os.close(fd)
