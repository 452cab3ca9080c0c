"""Writes off the render path: the game hands store writes to a writer, so a frame never
waits for an fsync, a serialisation or a parse. Writes run in submission order; ``flush``
waits for all of them; failures are kept as readable messages for the game to show.

A write is named by a Store method and its arguments (``submit("add_evidence", ev)``), so it
can run in this process (``ThreadWriter``) or in a child process (``ProcessWriter``).

- ``ProcessWriter`` is what the game uses: the child holds its own Store, so serialising and
  re-parsing a large player file never hold this process's interpreter lock (a thread did:
  a frame could stall 10-40 ms at 10,000 records; see bench/bench_store.py).
- ``ThreadWriter`` starts instantly: tests that build hundreds of sessions, and tools.
"""

import multiprocessing
import queue
import threading
from pathlib import Path
from typing import Any, Protocol

from shared.errors import DivaError
from shared.store.store import Store

Job = tuple[str, tuple[Any, ...]]


class StoreWriter(Protocol):
    errors: list[str]

    def submit(self, method: str, *args: Any) -> None: ...
    def pending(self) -> int: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...
    def take_errors(self) -> list[str]: ...


def apply(store: Store, job: Job) -> str | None:
    """Run one write; a readable message if it failed (never an exception)."""
    method, args = job
    try:
        getattr(store, method)(*args)
    except DivaError as exc:
        return str(exc)
    except OSError as exc:
        return f"{exc.filename or ''}: {exc.strerror or exc}"
    except Exception as exc:  # noqa: BLE001 - a bug must not stop the writer and lose later writes
        return f"{method}: {type(exc).__name__}: {exc}"
    return None


class ThreadWriter:
    """One worker thread applying store writes in submission order."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.errors: list[str] = []
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="diva-writer", daemon=True)
        self._thread.start()

    def submit(self, method: str, *args: Any) -> None:
        self._jobs.put((method, args))

    def pending(self) -> int:
        return self._jobs.unfinished_tasks

    def flush(self) -> None:
        self._jobs.join()

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join()

    def take_errors(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if (error := apply(self.store, job)) is not None:
                    self.errors.append(error)
            finally:
                self._jobs.task_done()
        self._jobs.task_done()


def _serve(root: str, jobs: Any, done: Any) -> None:
    """The child process: apply writes until told to stop or until the game is gone."""
    store = Store(Path(root))
    parent = multiprocessing.parent_process()
    while True:
        try:
            job = jobs.get(timeout=0.5)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return  # the game was killed: what was queued is written, nothing waits
            continue
        if job is None:
            return
        done.put(apply(store, job))


class ProcessWriter:
    """Store writes applied in order by a child process holding its own Store."""

    def __init__(self, root: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self.errors: list[str] = []
        self._jobs = context.Queue()
        self._done = context.Queue()
        self._sent = 0
        self._acknowledged = 0
        self._process = context.Process(
            target=_serve, args=(str(root), self._jobs, self._done), name="diva-writer"
        )
        self._process.daemon = True
        self._process.start()

    def submit(self, method: str, *args: Any) -> None:
        self._jobs.put((method, args))
        self._sent += 1

    def pending(self) -> int:
        self._collect(block=False)
        return self._sent - self._acknowledged

    def flush(self) -> None:
        while self._sent > self._acknowledged:
            if not self._collect(block=True):
                self.errors.append("the writer process stopped; unsaved changes were lost")
                self._acknowledged = self._sent

    def close(self) -> None:
        if self._process.is_alive():
            self.flush()
            self._jobs.put(None)
        self._process.join(timeout=10)
        self._jobs.close()
        self._done.close()

    def take_errors(self) -> list[str]:
        self._collect(block=False)
        errors, self.errors = self.errors, []
        return errors

    def _collect(self, block: bool) -> bool:
        """Take the child's acknowledgements; False if it died with writes outstanding."""
        while self._acknowledged < self._sent:
            try:
                error = self._done.get(timeout=1.0) if block else self._done.get_nowait()
            except queue.Empty:
                if not block:
                    return True
                if not self._process.is_alive():
                    return False
                continue
            self._acknowledged += 1
            if error is not None:
                self.errors.append(error)
            block = False
        return True
