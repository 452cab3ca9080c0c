"""What every skill-map screen needs, passed explicitly (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from shared.framework import Framework
from shared.i18n import Catalogue
from shared.store import Store
from skillmap.app.navigation import Target


def _nowhere(target: Target) -> None:
    """Before the app is running there is no screen to change to."""


@dataclass
class Context:
    """The store, the texts, the framework, who signs, and how to change screen."""

    store: Store
    t: Catalogue
    framework: Framework
    counsellor: str
    lang: str = "fr"
    high_contrast: bool = False
    scenario_titles: dict[str, str] = field(default_factory=dict)
    # The workshop whose page a review started from: the queue's next young person is taken
    # from it ("" from the players list: the whole queue).
    reviewing_workshop: str = ""
    go: Callable[[Target], None] = field(default=_nowhere)  # set by the app: its navigator
