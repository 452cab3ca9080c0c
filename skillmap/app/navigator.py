"""The skill map's one navigator: a typed target in, the screen out.

The only module that knows every screen class; screens know only the targets
(``skillmap.app.navigation``), so no two screens import each other.
"""

from __future__ import annotations

from typing import assert_never

import pygame_gui

from skillmap.app.context import Context
from skillmap.app.navigation import (
    Target,
    ToBadgeEdit,
    ToBadgeForm,
    ToEndorsements,
    ToExperienceForm,
    ToPersonFile,
    ToPlayer,
    ToPlayers,
    ToReview,
    ToSharing,
    ToStats,
    ToWordsForm,
    ToWorkshopCode,
    ToWorkshopForm,
    ToWorkshopPage,
)
from skillmap.app.screens.badge_edit import BadgeEditScreen
from skillmap.app.screens.badge_form import BadgeFormScreen
from skillmap.app.screens.base import Screen
from skillmap.app.screens.endorsements import EndorsementsScreen
from skillmap.app.screens.experience_form import ExperienceFormScreen
from skillmap.app.screens.person_file import PersonFileScreen
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.screens.players import PlayersScreen
from skillmap.app.screens.review import ReviewScreen
from skillmap.app.screens.sharing import SharingScreen
from skillmap.app.screens.stats_screen import StatsScreen
from skillmap.app.screens.words_form import WordsFormScreen
from skillmap.app.screens.workshop import WorkshopCodeScreen, WorkshopFormScreen
from skillmap.app.screens.workshop_page import WorkshopPageScreen


def screen_for(ctx: Context, manager: pygame_gui.UIManager, target: Target) -> Screen:
    """The screen ``target`` names, with its arrival message if it carries one."""
    screen: Screen
    said = ""
    match target:
        case ToPlayers(said):
            screen = PlayersScreen(ctx, manager)
        case ToPlayer(player_id, tab, said):
            screen = PlayerScreen(ctx, manager, player_id, tab=tab)
        case ToReview(player_id, experience_id, said):
            screen = ReviewScreen(ctx, manager, player_id, experience_id)
        case ToWordsForm(player_id, experience_id, then_confirm):
            screen = WordsFormScreen(ctx, manager, player_id, experience_id, then_confirm)
        case ToExperienceForm(player_id):
            screen = ExperienceFormScreen(ctx, manager, player_id)
        case ToBadgeForm(player_id):
            screen = BadgeFormScreen(ctx, manager, player_id)
        case ToWorkshopForm():
            screen = WorkshopFormScreen(ctx, manager)
        case ToStats():
            screen = StatsScreen(ctx, manager)
        case ToPersonFile(player_id):
            screen = PersonFileScreen(ctx, manager, player_id)
        case ToBadgeEdit(player_id, request_id):
            screen = BadgeEditScreen(ctx, manager, player_id, request_id)
        case ToEndorsements(player_id):
            screen = EndorsementsScreen(ctx, manager, player_id)
        case ToSharing(player_id):
            screen = SharingScreen(ctx, manager, player_id)
        case ToWorkshopPage(code, said):
            screen = WorkshopPageScreen(ctx, manager, code)
        case ToWorkshopCode(workshop):
            screen = WorkshopCodeScreen(ctx, manager, workshop)
        case _:
            assert_never(target)
    if said:
        screen.say(said)
    return screen
