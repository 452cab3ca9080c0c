"""TinyDB storage that writes atomically and parses each file once per change.

TinyDB reads and rewrites the whole file on every operation. This storage keeps the parsed
content in memory, keyed by the file's identity on disk (inode, size, mtime): as long as no
other process replaced the file, a write only costs serialising (orjson) and the
temp-file + fsync + rename that makes it durable.
"""

import gc
import os
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from shared import SCHEMA_VERSION
from shared.errors import StoreError

META_TABLE = "_meta"

Signature = tuple[int, int, int, int]
MAX_PARSED_BYTES = 4 * 1024 * 1024  # of JSON on disk; the parsed trees take ~5-10x that


class ParsedFiles:
    """The parsed content of the files read last, bounded by their size on disk.

    Not bounded, an app that had read every player (statistics, a day of pages) kept them
    all: with 600 players that is ~250,000 objects, and each full collection of the cycle
    collector walked them (170 ms CPU instead of 20). The least recently used files go first;
    the file just read or written always stays, however large.

    One cache serves every thread of the process (the skill map sends badges in three), so
    each operation holds a lock: without it the byte count drifted under concurrent puts
    (the cache then kept too much or too little) and a ``get`` could lose its key to another
    thread's eviction between finding it and marking it used.
    """

    def __init__(self, max_bytes: int = MAX_PARSED_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._files: OrderedDict[str, tuple[Signature, dict[str, Any], int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, signature: Signature) -> dict[str, Any] | None:
        """The parsed content if the file on disk is still the one parsed."""
        with self._lock:
            found = self._files.get(key)
            if found is None or found[0] != signature:
                return None
            self._files.move_to_end(key)
            return found[1]

    def put(self, key: str, signature: Signature, data: dict[str, Any], size: int) -> None:
        with self._lock:
            self._pop(key)
            self._files[key] = (signature, data, size)
            self.size += size
            while self.size > self.max_bytes and len(self._files) > 1:
                _, (_, _, dropped) = self._files.popitem(last=False)
                self.size -= dropped

    def pop(self, key: str) -> None:
        with self._lock:
            self._pop(key)

    def _pop(self, key: str) -> None:
        found = self._files.pop(key, None)
        if found is not None:
            self.size -= found[2]

    def clear(self) -> None:
        with self._lock:
            self._files.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._files)


_cache = ParsedFiles()


def _signature(path: Path) -> Signature | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


_freeze_after_parse = False


def freeze_parsed_files() -> None:
    """From now on, keep every parsed file out of the cyclic GC's scans: for the writer child.

    A parsed file is a long-lived, acyclic JSON tree: reference counting frees it when it is
    replaced, so the cycle collector only wastes time walking it. With 10,000 records those
    full collections cost ~10 ms each: the p99 of recording a choice was 4x the fsync floor.
    It pays only in a process that holds little else, the writer child: ``gc.freeze`` moves
    *everything* alive out of the collector's reach, so in an app it froze the widgets of open
    screens too, and their cycles were never collected once the screens closed (the skill map
    app grew past 1 GB in a day). Apps therefore leave it off.
    """
    global _freeze_after_parse
    _freeze_after_parse = True


def _keep_out_of_cycle_collection() -> None:
    if _freeze_after_parse:
        gc.freeze()


def forget(path: Path) -> None:
    """Drop the cached content of ``path`` (after erasure, or a failed write)."""
    _cache.pop(str(path))


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _started(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot, Linux), "" where unknown.

    With the pid it names one process for good: a killed writer's pid reused by a new process
    does not make its leftover look alive.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


def _writer_tag() -> str:
    """``<pid>`` or ``<pid>-<start time>``: who writes, put in the temporary file's name."""
    pid = os.getpid()
    start = _started(pid)
    return f"{pid}-{start}" if start else str(pid)


def write_atomically(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves either the old or the new file.

    The temporary file is ``.<name>.<pid>-<start>.<random>.tmp`` (mode 0600): if this process is
    killed before the rename, ``remove_stale_temps`` can tell that nobody owns it any more.
    """
    prefix = f"{_temp_prefix(path)}{_writer_tag()}."
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def _writer(temp: Path, target: Path) -> tuple[int, str] | None:
    """(pid, start time or "") written in a temporary file's name, None without one."""
    middle = temp.name[len(_temp_prefix(target)) : -len(".tmp")]
    tag, _, rest = middle.partition(".")
    pid, _, start = tag.partition("-")
    return (int(pid), start) if rest and pid.isdigit() else None


def _alive(pid: int, start: str = "") -> bool:
    """Whether the process that wrote (pid, start time) still runs on this machine."""
    if pid == os.getpid():
        return False  # this process holds the lock: none of its own writes is in progress
    if os.name == "nt":  # pragma: no cover - os.kill would terminate it on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: alive
    return not start or _started(pid) in ("", start)


def temp_files(path: Path) -> list[Path]:
    """Temporary copies of ``path`` left by writes (finished or not)."""
    prefix = _temp_prefix(path)
    try:
        names = [p for p in path.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return []
    return sorted(p for p in names if p.name.endswith(".tmp"))


def remove_stale_temps(path: Path, every: bool = False) -> list[Path]:
    """Remove temporary copies of ``path`` no live writer can own; the caller holds its lock.

    Every writer holds the file's lock while its temporary file exists, so under the lock a
    temporary file is a leftover of a killed write. A pid that is still alive (another user's
    process, or another machine sharing the folder) is left alone, unless ``every`` (erasure:
    the person's data must go). Returns what was removed; a file that cannot be removed (a
    read-only folder) is left, and not listed.
    """
    removed = []
    for temp in temp_files(path):
        writer = _writer(temp, path)
        if not every and writer is not None and _alive(*writer):
            continue
        try:
            temp.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            continue
        removed.append(temp)
    return removed


def fsync_dir(folder: Path) -> None:
    """The folder's entries (a file just renamed into it) on disk for good."""
    if os.name == "nt":  # pragma: no cover - directories cannot be fsynced on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _damaged(path: Path, detail: str) -> StoreError:
    return StoreError(
        f"{path}: damaged data file ({detail}); left untouched", "store.damaged", path=path
    )


def parse_data_file(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse and check one data file; anything unexpected raises StoreError naming it."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _damaged(path, f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise _damaged(path, "unexpected structure")
    meta = data.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or not isinstance(meta.get("schema_version"), int):
        raise _damaged(path, "no schema version")
    if meta["schema_version"] > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer DIVA (data version {meta['schema_version']}, "
            f"this one reads up to {SCHEMA_VERSION}); update DIVA. File left untouched",
            "store.newer",
            path=path,
        )
    return data


class AtomicJSONStorage(Storage):
    """One JSON file, replaced atomically on each write. Callers hold the file's lock."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind

    def read(self) -> dict[str, Any] | None:
        key = str(self.path)
        signature = _signature(self.path)
        if signature is None:
            forget(self.path)
            return None
        cached = _cache.get(key, signature)
        if cached is not None:
            return cached
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            message = f"{self.path}: cannot read data file ({exc.strerror})"
            raise StoreError(message, "store.unreadable", path=self.path) from exc
        data = parse_data_file(self.path, raw)
        _cache.put(key, signature, data, len(raw))
        _keep_out_of_cycle_collection()
        return data

    def write(self, data: dict[str, Any]) -> None:
        data.setdefault(META_TABLE, {"1": {"schema_version": SCHEMA_VERSION, "kind": self.kind}})
        try:
            payload = orjson.dumps(data)
            write_atomically(self.path, payload)
        except orjson.JSONEncodeError as exc:
            forget(self.path)
            message = f"{self.path}: cannot save text with invalid characters ({exc})"
            raise StoreError(message, "store.invalid_text", path=self.path) from exc
        except OSError as exc:
            forget(self.path)
            message = (
                f"{self.path}: cannot save ({exc.strerror}); "
                "the file on disk is unchanged, this change is not saved"
            )
            raise StoreError(message, "store.cannot_save", path=self.path) from exc
        except BaseException:
            forget(self.path)
            raise
        signature = _signature(self.path)
        if signature is not None:
            _cache.put(str(self.path), signature, data, len(payload))

    def close(self) -> None:
        """Nothing to release: files are opened only for the time of one read or write."""
