"""Work that talks to the network, run in a worker thread so the app keeps answering.

A screen starts a ``Job`` and looks at ``done`` in its ``update`` (each frame), as the badges
part does for sending: an issuer that hangs never freezes the window, the screen shows that it
is waiting and says what happened once the worker is done. The worker only calls the domain
functions (``skillmap.endorsing``...) and keeps their outcome; widgets are touched only on the
main thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, Self, TypeVar

from shared.errors import DivaError
from shared.i18n import Catalogue
from skillmap.common import describe

Result = TypeVar("Result")


class Job(Generic[Result]):
    """One piece of work in a daemon thread; ``result`` or ``error`` (words) once ``done``."""

    def __init__(self, work: Callable[[], Result], t: Catalogue, name: str) -> None:
        self.work = work
        self.t = t
        self.result: Result | None = None
        self.error = ""
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name=name)

    def start(self) -> Self:
        self.thread.start()
        return self

    def _run(self) -> None:
        try:
            self.result = self.work()
        except DivaError as error:
            self.error = describe(error, self.t)
        except Exception as error:  # a worker must never die silently: the screen says it
            self.error = self.t("error.unexpected", detail=type(error).__name__)
        finally:
            self.done.set()
