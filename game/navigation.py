"""Where a game scene asks to go when it leaves its place in the flow: typed targets.

``go(self, ToMap())`` replaces the scene by the map; the game's navigator
(``game.navigator``, set on the session at boot) builds the scenes. So the title, player and
map scenes no longer import each other (they used to, through function-local imports
hiding an import circle), nor do play, reflect and summary (a chain, each importing the
next), and a misspelt target is a type error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: this module imports no scene
    from game.scene import Scene
    from game.scenes.run import Run
    from shared.scenario.model import Scenario
    from shared.store.progress import ScenarioProgress


@dataclass(frozen=True)
class ToTitle:
    """The title screen."""


@dataclass(frozen=True)
class ToPlayers:
    """Choosing or creating a player."""


@dataclass(frozen=True)
class ToMap:
    """The map of scenarios (with a trainer's ``--scenario`` file on top the first time)."""


@dataclass(frozen=True)
class ToReflect:
    """After a scenario's ending: what the player takes from it (the draft experience)."""

    scenario: Scenario
    run: Run
    progress: ScenarioProgress


@dataclass(frozen=True)
class ToSummary:
    """What the run showed, after the reflect step (``run`` None: the journey only)."""

    run: Run | None


Target = ToTitle | ToPlayers | ToMap | ToReflect | ToSummary


def go(scene: Scene, target: Target) -> None:
    """Replace ``scene`` by the scenes of ``target`` (the first replaces, the others go on
    top), applied by the stack between frames."""
    first, *above = scene.session.scenes_for(target)
    scene.request_replace(first)
    for other in above:
        scene.request_push(other)
