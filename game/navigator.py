"""The game's one navigator: a typed target (``game.navigation``) in, the scenes out.

The only module that imports the title, player, map, reflect and summary scenes together; the
boot sets it on the session (``Session.scenes_for``), so the scenes themselves import none of
each other. Each scene module is imported when its scene is first built, so the title screen
comes up without loading the map, play and reflect scenes it does not show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from game.navigation import Target, ToMap, ToPlayers, ToReflect, ToSummary, ToTitle

if TYPE_CHECKING:
    from game.scene import Scene
    from game.session import Session


def scenes_for(session: Session, target: Target) -> list[Scene]:
    """The scenes ``target`` names, bottom first."""
    match target:
        case ToTitle():
            from game.scenes.title import TitleScene  # imported on first use: start time

            return [TitleScene(session)]
        case ToPlayers():
            from game.scenes.player import PlayerScene  # imported on first use: start time

            return [PlayerScene(session)]
        case ToMap():
            from game.scenes.map import map_scenes  # imported on first use: start time

            return map_scenes(session)
        case ToReflect(scenario, run, progress):
            from game.scenes.reflect import ReflectScene  # imported on first use: start time

            return [ReflectScene(session, scenario, run, progress)]
        case ToSummary(run):
            from game.scenes.summary import SummaryScene  # imported on first use: start time

            return [SummaryScene(session, run)]
        case _:
            assert_never(target)
