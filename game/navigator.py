"""The game's one navigator: a typed target (``game.navigation``) in, the scenes out.

The only module that imports the title, player and map scenes together; the boot sets it on
the session (``Session.scenes_for``), so the scenes themselves import none of each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from game.navigation import Target, ToMap, ToPlayers, ToTitle
from game.scenes.map import map_scenes
from game.scenes.player import PlayerScene
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
        case _:
            assert_never(target)
