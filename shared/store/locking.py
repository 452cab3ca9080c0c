"""A cross-process, cross-thread lock on a data file, so the game and the skill map can share
one data folder. The lock lives in a sibling ``.lock`` file; the data file itself is only ever
replaced by an atomic rename."""

import errno
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shared.errors import StoreError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
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


READ_ONLY_ERRORS = (errno.EACCES, errno.EPERM, errno.EROFS)


def _open_lock_file(path: Path) -> int | None:
    """The lock file, opened to be locked; None in a folder this process cannot write to.

    A read-only data folder (a backup, a CD, a share mounted read-only, another user's folder)
    must still be readable: the lock is then taken on the existing lock file opened read-only
    (flock needs no write access), or not at all when there is none. Reading without the lock
    is safe, since data files are only ever replaced by an atomic rename; writing will fail
    with a clear « cannot save ». Other errors (no such folder, disk full) are reported.
    """
    lock = f"{path}.lock"
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        if exc.errno in READ_ONLY_ERRORS:
            try:
                return os.open(lock, os.O_RDONLY)
            except OSError:
                if path.parent.is_dir():
                    return None
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
        if fd is None:  # read-only folder: nobody here can write, reads are atomic anyway
            depth[key] = 1
            try:
                yield
            finally:
                depth[key] = 0
            return
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
