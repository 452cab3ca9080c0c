"""Writes off the render path: the game hands store writes to one background thread, so a
frame never waits for an fsync. Writes run in order; ``flush`` waits for all of them."""

import queue
import threading
from collections.abc import Callable

from shared.errors import DivaError

Job = Callable[[], object]


class BackgroundWriter:
    """One worker thread applying store writes in submission order.

    Failures do not vanish: they are kept in ``errors`` (as readable messages) for the game
    to show, and the job is not retried blindly.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self.errors: list[str] = []
        self._thread = threading.Thread(target=self._work, name="diva-writer", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        self._jobs.put(job)

    def flush(self) -> None:
        """Block until every job submitted so far has been written."""
        self._jobs.join()

    def close(self) -> None:
        """Write what is pending, then stop the thread."""
        self._jobs.put(None)
        self._thread.join()

    def pending(self) -> int:
        """How many submitted writes are not done yet."""
        return self._jobs.unfinished_tasks

    def take_errors(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                job()
            except DivaError as exc:
                self.errors.append(str(exc))
            except OSError as exc:
                self.errors.append(f"{exc.filename or ''}: {exc.strerror or exc}")
            finally:
                self._jobs.task_done()
