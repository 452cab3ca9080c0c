"""The game's one navigator: a typed target (``game.navigation``) in, the scenes out.

The only module that imports the title, player, map, reflect and summary scenes together; the
boot sets it on the session (``Session.scenes_for``), so the scenes themselves import none of
each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from game.navigation import Target, ToMap, ToPlayers, ToReflect, ToSummary, ToTitle
from game.scenes.map import map_scenes
from game.scenes.player import PlayerScene
from game.scenes.reflect import ReflectScene
from game.scenes.summary import SummaryScene
from game.scenes.title import TitleScene

if TYPE_CHECKING:
    from game.scene import Scene
    from game.session import Session


def scenes_for(session: Session, target: Target) -> list[Scene]:
    """The scenes ``target`` names, bottom first."""
    match target:
        case ToTitle():
            return [TitleScene(session)]
        case ToPlayers():
            return [PlayerScene(session)]
        case ToMap():
            return map_scenes(session)
        case ToReflect(scenario, run, progress):
            return [ReflectScene(session, scenario, run, progress)]
        case ToSummary(run):
            return [SummaryScene(session, run)]
        case _:
            assert_never(target)
