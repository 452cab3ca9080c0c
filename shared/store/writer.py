"""Writes off the render path: the game hands store writes to a writer, so a frame never
waits for an fsync, a serialisation or a parse. Writes run in submission order; ``flush``
waits for all of them.

A write is a Store method and its arguments (``submit(Store.add_evidence, ev)``): a misspelt
method or a wrong argument is a type error (mypy checks the arguments against the method's own
signature), and a method that is not in ``REPLAYABLE`` is refused at once, where it is sent.
It can run in this process (``ThreadWriter``) or in a child process (``ProcessWriter``, which
gets the method by its qualified name). Every write carries an id, and the writer keeps it
until the store answered that it is on disk:

- ``ProcessWriter`` is what the game uses: the child holds its own Store, so serialising and
  re-parsing a large player file never hold this process's interpreter lock (a thread did:
  a frame could stall 10-40 ms at 10,000 records; see bench/bench_store.py). A child that
  dies (killed, out of memory) is started again once and the writes it had not answered are
  replayed. It may have died after its fsync and before its answer, so a replay is
  idempotent: a new record is skipped when its id is already in the file, and every other
  write the game sends sets fields or upserts by key. If the new child dies too, saving has
  stopped: ``stopped`` is set and what was not written is counted in ``unsaved``.
- ``ThreadWriter`` starts instantly: tests that build hundreds of sessions, and tools.

A write the store refused (a full disk, a file another program damaged) is kept and tried
again every ``RETRY_SECONDS`` and at ``flush``: it counts in ``unsaved`` until it is on disk, so
the game can keep saying so. A newer write of the same thing (the settings, one scenario's
progress) replaces an older one that failed, so a retry never brings back an old state.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol

from shared.errors import DivaError
from shared.store.storage import freeze_parsed_files
from shared.store.store import Store

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

RETRY_SECONDS = 5.0
MAX_RESTARTS = 1  # a second death of the writer means saving stopped: the game says so
EXIT_AFTER_ENV = "DIVA_TEST_WRITER_EXIT_AFTER"  # test hook: "3,2": the 1st child dies after
# applying its 3rd write (before answering), the 2nd after its 2nd. Never set in normal use.

P = ParamSpec("P")
StoreMethod = Callable[..., object]  # an unbound Store method, e.g. ``Store.add_evidence``

# Writes that add a new record: a replay skips them when the record's id is in the file.
NEW_RECORDS: dict[StoreMethod, str] = {
    Store.add_evidence: "evidence",
    Store.add_experience: "experiences",
}
# Writes that set a state: a newer one of the same key supersedes an older one that failed.
STATE_KEYS: frozenset[StoreMethod] = frozenset(
    {Store.save_progress, Store.update_player_settings, Store.touch_player}
)
# Writes that leave the same file when applied twice (fields set, upserts by key).
IDEMPOTENT: frozenset[StoreMethod] = STATE_KEYS | {
    Store.finish_tutorial,
    Store.join_workshop,
    Store.give_consent,
}
# What a writer accepts: a write it could not replay might be applied twice after a death.
REPLAYABLE: frozenset[StoreMethod] = frozenset(NEW_RECORDS) | IDEMPOTENT | {Store.add_player}


class NotReplayableError(TypeError):
    """A write the writer could not replay safely (a programming error, raised where sent)."""


def checked(method: StoreMethod) -> StoreMethod:
    """``method`` if the writer may send it, else NotReplayableError naming it."""
    if method not in REPLAYABLE:
        name = getattr(method, "__qualname__", repr(method))
        raise NotReplayableError(f"{name} is not a replayable store write (see REPLAYABLE)")
    return method


@dataclass(frozen=True)
class Write:
    """One store write: a Store method and its arguments, with the id the writer tracks."""

    id: int
    method: StoreMethod
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    replay: bool = False

    @property
    def name(self) -> str:
        return getattr(self.method, "__name__", repr(self.method))

    def key(self) -> tuple[Any, ...]:
        """What this write sets: two writes with one key leave the state of the later one."""
        if self.method is Store.save_progress:
            progress = self.args[0]
            return (self.name, progress.player_id, progress.scenario_id)
        if self.method in STATE_KEYS:
            return (self.name, self.args[0])
        return ("write", self.id)


class StoreWriter(Protocol):
    stopped: bool
    last_error: str
    restarts: int
    replayed: int

    def submit(
        self, method: Callable[Concatenate[Store, P], object], *args: P.args, **kwargs: P.kwargs
    ) -> int: ...
    def pending(self) -> int: ...
    def unsaved(self) -> int: ...
    def poll(self) -> None: ...
    def wait(self) -> None: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...
    def take_errors(self) -> list[str]: ...


def apply(store: Store, write: Write) -> str | None:
    """Run one write; a readable message if it failed (never an exception)."""
    try:
        if write.replay and _already_applied(store, write):
            return None
        write.method(store, *write.args, **write.kwargs)
    except DivaError as exc:
        return str(exc)
    except OSError as exc:
        return f"{exc.filename or ''}: {exc.strerror or exc}"
    except Exception as exc:
        return f"{write.name}: {type(exc).__name__}: {exc}"
    return None


def _already_applied(store: Store, write: Write) -> bool:
    """Whether a replayed write is already on disk (its writer died before answering)."""
    if write.method in NEW_RECORDS:
        record = write.args[0]
        return store.has_record(record.player_id, NEW_RECORDS[write.method], record.id)
    if write.method is Store.add_player:
        return store.player_file(write.args[0].id).exists()
    return False  # IDEMPOTENT: applying it again leaves the same file


def _not_on_disk(root: str, writes: list[Write]) -> list[Write]:
    """The writes a dead writer did not make (those it made before dying count as saved)."""
    try:
        store = Store(Path(root))
        return [w for w in writes if not _already_applied(store, w)]
    except (DivaError, OSError):
        return writes


class _Ledger:
    """The ids of writes not yet answered, the ones that failed, and the messages to log."""

    def __init__(self) -> None:
        self.stopped = False
        self.errors: list[str] = []
        self.last_error = ""  # the latest store message, kept for a final report
        self.restarts = 0
        self.replayed = 0
        self._next_id = 0
        self._waiting: dict[int, Write] = {}  # sent, not answered yet (in order)
        self._failed: dict[int, Write] = {}  # answered with an error: tried again later
        self._lost: list[Write] = []  # saving stopped before they were written
        self._retry_at = 0.0

    def _new(self, method: StoreMethod, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Write:
        self._next_id += 1
        write = Write(self._next_id, checked(method), args, kwargs)
        key = write.key()
        for old in [w for w in self._failed.values() if w.key() == key]:
            del self._failed[old.id]  # this newer write carries the state to keep
        return write

    def _answered(self, write_id: int, error: str | None) -> None:
        write = self._waiting.pop(write_id, None)
        if write is None or error is None:
            return
        self.errors.append(error)
        self.last_error = error
        key = write.key()
        if any(w.key() == key for w in self._waiting.values()):
            return  # a newer write of the same state is on its way: it is the one to keep
        for old in [w for w in self._failed.values() if w.key() == key]:
            del self._failed[old.id]
        self._failed[write.id] = replace(write, replay=True)
        if not self._retry_at:
            self._retry_at = time.monotonic() + RETRY_SECONDS

    def unsaved(self) -> int:
        """Writes that are not on disk and will not be without help (failed, or lost)."""
        return len(self._failed) + len(self._lost)

    def take_errors(self) -> list[str]:
        """The store's messages since the last call (for the log; ``unsaved`` stays)."""
        self.poll()
        errors, self.errors = self.errors, []
        return errors

    def poll(self) -> None:
        """Take answers without waiting; retry failed writes when it is time."""
        self._collect(block=False)
        if self._failed and not self._waiting and time.monotonic() >= self._retry_at:
            self.retry()

    def retry(self) -> None:
        """Send the failed writes again, in their order (as replays: never twice in the file)."""
        failed, self._failed = list(self._failed.values()), {}
        self._retry_at = time.monotonic() + RETRY_SECONDS
        for write in failed:
            self._send(write)

    def _send(self, write: Write) -> None:
        raise NotImplementedError

    def _collect(self, block: bool) -> None:
        raise NotImplementedError


class ThreadWriter(_Ledger):
    """One worker thread applying store writes in submission order."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._jobs: queue.Queue[Write | None] = queue.Queue()
        self._answers: deque[tuple[int, str | None]] = deque()
        self._thread = threading.Thread(target=self._work, name="diva-writer", daemon=True)
        self._thread.start()

    def submit(
        self, method: Callable[Concatenate[Store, P], object], *args: P.args, **kwargs: P.kwargs
    ) -> int:
        write = self._new(method, args, kwargs)
        self._send(write)
        return write.id

    def _send(self, write: Write) -> None:
        self._waiting[write.id] = write
        self._jobs.put(write)

    def pending(self) -> int:
        self._collect(block=False)
        return len(self._waiting)

    def wait(self) -> None:
        """Until every write sent is answered (a read after it sees it; no retry here)."""
        self._jobs.join()
        self._collect(block=False)

    def flush(self) -> None:
        self.wait()
        if self._failed:
            self.retry()
            self._jobs.join()
            self._collect(block=False)

    def close(self) -> None:
        self.flush()
        self._jobs.put(None)
        self._thread.join()

    def _collect(self, block: bool) -> None:
        while self._answers:
            self._answered(*self._answers.popleft())

    def _work(self) -> None:
        while (write := self._jobs.get()) is not None:
            try:
                self._answers.append((write.id, apply(self.store, write)))
            finally:
                self._jobs.task_done()
        self._jobs.task_done()


def _serve(root: str, jobs: Any, done: Any, exit_after: int) -> None:
    """The child process: apply writes until told to stop or until the game is gone."""
    import multiprocessing  # here, not at the top: the game imports it with its first write

    freeze_parsed_files()  # this process holds only parsed files: the GC need not walk them
    store = Store(Path(root))
    parent = multiprocessing.parent_process()
    applied = 0
    while True:
        try:
            write = jobs.get(timeout=0.5)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return  # the game was killed: what was queued is written, nothing waits
            continue
        if write is None:
            return
        error = apply(store, write)
        applied += 1
        if applied == exit_after:
            os._exit(70)  # test hook: died after the write reached the disk, before answering
        done.put((write.id, error))


class ProcessWriter(_Ledger):
    """Store writes applied in order by a child process holding its own Store.

    The child starts with the first write, not with the game: starting it (queues, the
    resource tracker, a new interpreter importing the store) took ~30 ms of the game's start
    and a second core for ~0.3 s while the title screen was being drawn, for a screen that
    writes nothing.
    """

    def __init__(self, root: Path) -> None:
        super().__init__()
        self._root = str(root)
        hook = os.environ.get(EXIT_AFTER_ENV, "")
        self._exit_after = [int(n) for n in hook.split(",") if n.strip().isdigit()]
        self._process: BaseProcess | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id; None before the first write started it."""
        return None if self._process is None else self._process.pid

    def _start(self) -> None:
        """A new child with new queues: a killed child may hold the old queues' locks."""
        import multiprocessing  # imported with the first write, like the child: start time

        self._context = multiprocessing.get_context("spawn")
        self._jobs = self._context.Queue()
        self._done = self._context.Queue()
        exit_after = self._exit_after.pop(0) if self._exit_after else 0
        self._process = self._context.Process(
            target=_serve, args=(self._root, self._jobs, self._done, exit_after), name="diva-writer"
        )
        self._process.daemon = True
        self._process.start()

    def submit(
        self, method: Callable[Concatenate[Store, P], object], *args: P.args, **kwargs: P.kwargs
    ) -> int:
        write = self._new(method, args, kwargs)
        if self.stopped:
            self._lost.append(write)
        else:
            self._send(write)
        return write.id

    def _send(self, write: Write) -> None:
        if self._process is None:
            self._start()
        self._waiting[write.id] = write
        self._jobs.put(write)

    def pending(self) -> int:
        self._collect(block=False)
        return len(self._waiting)

    def wait(self) -> None:
        """Until every write sent is answered (a dead child is replaced, or saving stopped)."""
        self._collect(block=True)

    def flush(self) -> None:
        """Every write answered, and those the store refused tried once more."""
        self.wait()
        if self._failed and not self.stopped:
            self.retry()
            self._collect(block=True)

    def close(self) -> None:
        if not self.stopped:
            self.flush()
        if self._process is None:
            return  # nothing was ever written: no child, no queues
        if self._process.is_alive():
            self._jobs.put(None)
            self._process.join(timeout=10)
        for channel in (self._jobs, self._done):
            channel.cancel_join_thread()
            channel.close()

    def _collect(self, block: bool) -> None:
        """Take the child's answers; replace it if it died with writes outstanding."""
        while self._waiting:
            try:
                write_id, error = self._done.get(timeout=0.2) if block else self._done.get_nowait()
            except queue.Empty:
                if self._process is not None and self._process.is_alive():
                    if not block:
                        return
                    continue
                self._drain()
                if self._waiting:
                    self._child_died()
                continue
            self._answered(write_id, error)

    def _drain(self) -> None:
        """The answers a dead child sent before dying (each is one small, atomic pipe write)."""
        while True:
            try:
                self._answered(*self._done.get_nowait())
            except (queue.Empty, OSError, EOFError):
                return

    def _stop(self, reason: str) -> None:
        """Saving stopped: what is not on disk is counted as lost, and says why."""
        self.stopped = True
        self._lost += _not_on_disk(self._root, [*self._waiting.values(), *self._failed.values()])
        self._waiting.clear()
        self._failed.clear()
        self.last_error = reason
        self.errors.append(reason)

    def _child_died(self) -> None:
        """Start a new child and replay what was not answered; the second time, stop."""
        for channel in (self._jobs, self._done):
            channel.cancel_join_thread()
            channel.close()
        exitcode = None
        if self._process is not None:
            self._process.join(timeout=1)
            exitcode = self._process.exitcode
        if self.restarts >= MAX_RESTARTS:
            self._stop(f"the writer process stopped twice (exit {exitcode})")
            return
        self.restarts += 1
        self.errors.append(f"the writer process stopped (exit {exitcode}); restarted")
        try:
            self._start()
        except OSError as exc:  # no process can be started (memory, process limit)
            self._stop(f"the writer process stopped (exit {exitcode}) and cannot restart: {exc}")
            return
        waiting = list(self._waiting.values())
        self._waiting.clear()
        self.replayed += len(waiting)
        for write in waiting:
            self._send(replace(write, replay=True))
