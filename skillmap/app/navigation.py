"""Where a skill-map screen asks to go: typed targets, never another screen's class.

A screen calls ``self.ctx.go(ToReview(player_id))``; the app's navigator
(``skillmap.app.navigator``) builds the screen. So no screen imports another (the six
screens used to open each other through function-local imports hiding an import circle),
and a misspelt target or a missing argument is a type error.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.player import Workshop


@dataclass(frozen=True)
class ToPlayers:
    """The list of young people (the app's first screen)."""

    said: str = ""  # a message shown on arrival (« Données de Lina effacées »)


@dataclass(frozen=True)
class ToPlayer:
    """One young person's page, on a tab (``experiences``, ``badges``...)."""

    player_id: str
    tab: str = "experiences"
    said: str = ""  # a message shown on arrival (« Demande enregistrée »)


@dataclass(frozen=True)
class ToReview:
    """Reviewing a young person's experiences, on one of them (or the first draft)."""

    player_id: str
    experience_id: str = ""
    said: str = ""


@dataclass(frozen=True)
class ToWordsForm:
    """Completing an experience with the young person's own words (then confirm it)."""

    player_id: str
    experience_id: str
    then_confirm: bool = False


@dataclass(frozen=True)
class ToExperienceForm:
    """Writing down a new experience told in the conversation."""

    player_id: str


@dataclass(frozen=True)
class ToBadgeForm:
    """Asking for a badge."""

    player_id: str


@dataclass(frozen=True)
class ToWorkshopForm:
    """Creating a workshop (its code for the young people)."""


@dataclass(frozen=True)
class ToWorkshopCode:
    """A workshop's code, big enough to be read from the back of the room."""

    workshop: Workshop


@dataclass(frozen=True)
class ToPersonFile:
    """One young person's file: portfolio and consent, data export, erasure, notes."""

    player_id: str


@dataclass(frozen=True)
class ToEndorsements:
    """One young person's endorsement requests: their states, reminders, a new request."""

    player_id: str


@dataclass(frozen=True)
class ToSharing:
    """Publishing one young person's portfolio (link, QR code) and each badge's privacy."""

    player_id: str


@dataclass(frozen=True)
class ToBadgeEdit:
    """Correcting a badge request before it is sent (or the consent withdrawn)."""

    player_id: str
    request_id: str


@dataclass(frozen=True)
class ToStats:
    """The structure's figures for its funders (chart by month, CSV)."""


@dataclass(frozen=True)
class ToWorkshopPage:
    """One workshop's page: who played, what waits, the group's map, « Imprimer »."""

    code: str
    said: str = ""  # « Atelier revu » when its review is over


Target = (
    ToPlayers
    | ToWorkshopPage
    | ToStats
    | ToPersonFile
    | ToBadgeEdit
    | ToEndorsements
    | ToSharing
    | ToPlayer
    | ToReview
    | ToWordsForm
    | ToExperienceForm
    | ToBadgeForm
    | ToWorkshopForm
    | ToWorkshopCode
)
