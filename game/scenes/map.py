"""The town map: each scenario is a place drawn on the town at its ``map_x`` / ``map_y``
(new, in progress or done at a glance: a ring and an icon on its picture), the progress in
the header (« Situations terminées : 5 sur 14 » and a tick per situation). Choosing a place
(a click, a tap, its number key, or the focus ring and Enter) opens its card
(:mod:`game.scenes.map_card`): title, place, the scenario's summary, minutes, status and
« Jouer » / « Reprendre ». The tutorial, « Mon parcours » and « Changer de joueur » stay at
the foot.

At big text sizes, when the signs of every place cannot be put on the town without touching,
the town has pages (PageUp / PageDown and two arrows), never signs over each other.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game import access
from game.navigation import ToPlayers, go
from game.scene import Action, Press, Scene
from game.scenes.confirm import ConfirmScene, ask_to_quit
from game.scenes.map_card import PlaceCardScene
from game.scenes.play import PlayScene
from game.scenes.summary import SummaryScene
from game.scenes.tutorial import TutorialScene
from game.ui.button import Button
from game.ui.chrome import toolbar
from game.ui.images import background, portrait
from game.ui.paged_list import page_arrows
from game.ui.pager import ARROW_SIZE, Pager
from game.ui.panel import panel
from game.ui.place_card import CardText
from game.ui.place_marker import PIN, STATUS_ICONS, PlaceMarker, footprint
from game.ui.progress import draw_progress, progress_width
from game.ui.still_layer import Parts, StillLayer
from game.ui.text import draw_text, line_height, wrap
from game.ui.town_layout import arrange, ideal_point
from shared.errors import DivaError
from shared.scenario.model import Scenario
from shared.store.progress import ScenarioProgress

if TYPE_CHECKING:
    from game.input import Focusable
    from game.session import Session

__all__ = ["STATUS_ICONS", "MapScene", "PlaceMarker", "map_scenes"]

HEAD = pygame.Rect(104, 16, 990, 92)  # tall enough for a heading in the dyslexia font
TOP = 120  # the town, below the header and above the foot's buttons
EDGE = 16
FOOT_EDGE, FOOT_GAP = 40, 20  # the foot's buttons: from the window's sides, between them


class MapScene(Scene):
    """Where each session starts; Esc asks whether to quit."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.progress: dict[str, ScenarioProgress] = {}
        self.buttons: list[Button] = []
        self.markers: list[PlaceMarker] = []
        self.last_key = ""  # the place whose card was opened last: ringed on the town
        self.town = pygame.Rect(0, 0, 0, 0)
        self._pages: tuple[tuple[tuple[int, tuple[int, int, int, int]], ...], ...] = ((),)
        self._offered = False
        self.pager = Pager(self, 1, lambda: len(self._pages))
        self.still = StillLayer()  # the town drawn once, blitted each frame

    def enter(self) -> None:
        super().enter()
        player = self.session.player
        offer = player and not player.tutorial_done and self.session.options.offer_tutorial
        if offer and not self._offered:
            self._offered = True
            self._offer_tutorial()

    def _offer_tutorial(self) -> None:
        self.request_push(
            ConfirmScene(
                self.session,
                "tutorial.offer",
                "tutorial.offer_yes",
                "tutorial.offer_no",
                self.open_tutorial,
                self._decline,
            )
        )

    def _decline(self) -> None:
        self.session.finish_tutorial()

    # -- layout ---------------------------------------------------------------------------
    @property
    def scenarios(self) -> list[Scenario]:
        return self.session.library.scenarios

    def exit(self) -> None:
        super().exit()
        self.still.release()  # the kept town is this screen's: not kept once it closes

    def layout(self) -> None:
        self.progress = self._read_progress()
        bottom = 720 - 12 - self.foot_height() - 14
        bottom -= 40 if self.session.library.broken else 0
        self.town = pygame.Rect(EDGE, TOP, 1280 - 2 * EDGE, bottom - TOP)
        self.buttons = toolbar(self)
        self.markers = self._place_markers()
        self.buttons += self.markers
        if self.pager.pages > 1:
            self.buttons += self._arrows()
        for marker in self.markers:
            marker.chosen = marker.key == self.last_key
        self.buttons += self._foot()
        self.focus.set(self.buttons)

    def _place_markers(self) -> list[PlaceMarker]:
        """The places of the page shown, where the town has room for their signs."""
        theme, scenarios = self.session.theme, self.scenarios
        prints = tuple(footprint(theme, self.session.loc(s.place.name)) for s in scenarios)
        margin = PIN // 2 + 8
        points = tuple(
            ideal_point(self.town, s.place.map_x, s.place.map_y, margin) for s in scenarios
        )
        area = (self.town.x, self.town.y, self.town.width, self.town.height)
        self._pages = arrange(prints, points, area)
        if len(self._pages) > 1:  # the page arrows take the town's two sides
            kept = [*self._arrow_rects(), self._page_box()]
            keep_out = tuple((r.x, r.y, r.width, r.height) for r in kept)
            self._pages = arrange(prints, points, area, keep_out)
        self.pager.page = min(self.pager.page, len(self._pages) - 1)
        return [
            self._marker(index, pygame.Rect(rect)) for index, rect in self._pages[self.pager.page]
        ]

    def _marker(self, index: int, rect: pygame.Rect) -> PlaceMarker:
        scenario = self.scenarios[index]
        status = self.status(scenario)
        foot = footprint(self.session.theme, self.session.loc(scenario.place.name))
        own = scenario.id in self.session.library.structure_ids
        words = [self.session.t(f"map.status.{status}")]
        words += [self.session.t("map.structure")] if own else []
        return PlaceMarker(
            f"scenario:{scenario.id}",
            self.session.loc(scenario.place.name),
            rect,
            partial(self.open_card, scenario),
            number=index + 1,
            background=scenario.place.background,
            status=status,
            value=", ".join(words),  # the status, and whose it is when it is the structure's
            own=own,
            anchor=foot.anchor,
        )

    def _arrow_rects(self) -> list[pygame.Rect]:
        y = self.town.centery - ARROW_SIZE[1] // 2
        return [
            pygame.Rect((self.town.x, y), ARROW_SIZE),
            pygame.Rect((self.town.right - ARROW_SIZE[0], y), ARROW_SIZE),
        ]

    def _arrows(self) -> list[Button]:
        left, right = self._arrow_rects()
        return page_arrows(self.pager, left, right)

    def _foot_row(self) -> list[tuple[str, str, Callable[[], None], str | None]]:
        t = self.session.t
        return [
            ("tutorial", t("map.tutorial"), self.open_tutorial, "star"),
            ("journey", t("map.journey"), self._journey, "check"),
            ("switch", t("map.switch_player"), self._switch, None),
        ]

    def _foot_widths(self) -> list[int]:
        """Each foot button as wide as its words (and icon) need, the row's spare room shared;
        at big sizes, shares of the row in proportion, their words then wrap."""
        font = self.session.theme.font("body")
        need = [
            font.size(label)[0] + 40 + (74 if icon else 0) for _, label, _, icon in self._foot_row()
        ]
        room = 1280 - 2 * FOOT_EDGE - 2 * FOOT_GAP
        if sum(need) <= room:
            return [width + (room - sum(need)) // 3 for width in need]
        return [room * width // sum(need) for width in need]

    def _foot(self) -> list[Button]:
        """Tutorial, « Mon parcours », « Changer de joueur »: as big as their words need."""
        height, x = self.foot_height(), FOOT_EDGE
        buttons = []
        for (key, label, action, icon), width in zip(
            self._foot_row(), self._foot_widths(), strict=True
        ):
            rect = pygame.Rect(x, 720 - 12 - height, width, height)
            buttons.append(Button(key, label, rect, action, icon=icon))
            x += width + FOOT_GAP
        return buttons

    def foot_height(self) -> int:
        """The foot buttons' height: 72 px, or what their words need at big sizes."""
        font = self.session.theme.font("body")
        widths = self._foot_widths()
        lines = max(
            len(wrap(label, font, width - 28 - (74 if icon else 0)))
            for (_, label, _, icon), width in zip(self._foot_row(), widths, strict=True)
        )
        return max(72, lines * line_height(font) + 20)

    def _page_box(self) -> pygame.Rect:
        """« Page 1 / 2 », at the foot of the town, in the middle (no place goes there)."""
        font = self.session.theme.font("small")
        label = self.session.t("map.page", page=len(self._pages), pages=len(self._pages))
        box = pygame.Rect(0, 0, font.size(label)[0] + 32, line_height(font) + 12)
        box.midbottom = (self.town.centerx, self.town.bottom)
        return box

    def handle(self, event: pygame.event.Event) -> bool:
        """PageUp / PageDown turn the town's pages; the rest as on every screen."""
        return self.pager.handle_key(event) or super().handle(event)

    def _read_progress(self) -> dict[str, ScenarioProgress]:
        if self.session.player is None:
            return {}
        try:
            return self.session.store.progress(self.session.player.id)
        except DivaError:
            self.session.notices.append(self.session.t("error.players"))
            return {}

    def status(self, scenario: Scenario) -> str:
        progress = self.progress.get(scenario.id)
        return "new" if progress is None else progress.status

    def card_text(self, scenario: Scenario) -> CardText:
        """What the card of ``scenario``'s place says."""
        t, loc, status = self.session.t, self.session.loc, self.status(scenario)
        own = scenario.id in self.session.library.structure_ids
        return CardText(
            title=loc(scenario.title),
            place=loc(scenario.place.name),
            summary=loc(scenario.summary),
            status=status,
            status_label=t(f"map.status.{status}"),
            minutes=t("map.minutes", minutes=scenario.minutes),
            own_label=t("map.structure") if own else "",
            background=scenario.place.background,
        )

    # -- actions --------------------------------------------------------------------------
    def open_card(self, scenario: Scenario) -> None:
        """A place chosen: its card, over the town, says what happens there."""
        self.session.sound("flip")
        self.last_key = f"scenario:{scenario.id}"
        for marker in self.markers:
            marker.chosen = marker.key == self.last_key
        self.request_push(
            PlaceCardScene(self.session, self.card_text(scenario), partial(self.play, scenario))
        )

    def play(self, scenario: Scenario) -> None:
        progress = self.progress.get(scenario.id)
        resume = progress if progress is not None and progress.status == "in_progress" else None
        self.session.sound("flip")
        self.request_push(PlayScene(self.session, scenario, resume=resume))

    def open_tutorial(self) -> None:
        self.request_push(TutorialScene(self.session))

    def _journey(self) -> None:
        self.request_push(SummaryScene(self.session, None))

    def _switch(self) -> None:
        go(self, ToPlayers())

    def back(self) -> None:
        ask_to_quit(self)

    def announce(self, item: Focusable) -> None:
        """The focus on a place says its name, its status and the situation's title."""
        if not self.session.settings.read_aloud:
            return
        said = access.describe(self, item)
        if isinstance(item, PlaceMarker) and item.number is not None:
            said = f"{said}. {self.session.loc(self.scenarios[item.number - 1].title)}"
        self.session.say(said)

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The town, its header and places from the kept still drawing (rebuilt when the
        page, a setting, the player or a status changes); only lifted buttons drawn anew."""
        parts = Parts(self.session.theme, self.buttons, self._draw_under, self._draw_over)
        self.still.draw(surface, self._still_key(), parts)

    def _still_key(self) -> tuple[object, ...]:
        """What the still drawing depends on besides the buttons' own look."""
        theme, player = self.session.theme, self.session.player
        return (
            self.pager.page,
            (theme.text_size, theme.high_contrast, theme.dyslexic),
            self.session.settings.model_dump(),  # the language, and every other setting
            player.model_dump(include={"id", "pseudonym", "avatar"}) if player else None,
            tuple(self.status(s) for s in self.scenarios),
            tuple(self.session.library.broken),
        )

    def _draw_under(self, surface: pygame.Surface) -> None:
        """The town and the header: what lies under the places and buttons."""
        theme = self.session.theme
        surface.blit(background(theme, "images/backgrounds/ville.svg"), (0, 0))
        self._draw_head(surface)

    def _draw_over(self, surface: pygame.Surface) -> None:
        """What goes over the buttons: the page number, the broken files, an empty town."""
        if self.pager.pages > 1:
            # « Page 1 / 2 » between the bottom buttons, in words as well as by the arrows
            self.pager.draw_number(surface, self._page_box())
        if self.session.library.broken:
            self._draw_broken(surface)
        elif not self.scenarios:
            self._draw_empty(surface)

    def _draw_head(self, surface: pygame.Surface) -> None:
        """« Salut Lina ! » with the player's portrait, and the progress beside it."""
        theme, t = self.session.theme, self.session.t
        statuses = [self.status(s) for s in self.scenarios]
        words = t("map.progress", done=statuses.count("done"), total=len(statuses))
        width = progress_width(theme, words, len(statuses))
        greet = pygame.Rect(HEAD.x, HEAD.y, HEAD.width - width - 12, HEAD.height)
        panel(surface, theme, greet, radius=24)
        player = self.session.player
        box = pygame.Rect(greet.x + 96, greet.y + 2, greet.width - 110, greet.height - 4)
        if player is None:
            draw_text(surface, theme, t("map.title"), box, role="heading", valign="middle")
        else:
            surface.blit(portrait(player.avatar, (70, 80), "happy"), (greet.x + 12, greet.y + 10))
            self._draw_greeting(surface, box, t("map.hello_short", name=player.pseudonym))
        bar = pygame.Rect(greet.right + 12, HEAD.y, width, HEAD.height)
        draw_progress(surface, theme, bar, words, statuses)

    def _draw_greeting(self, surface: pygame.Surface, box: pygame.Rect, hello: str) -> None:
        """« Salut Lina ! », and below it « Choisis une situation » when both fit at their
        full size (at big sizes the hello alone: the places say the rest)."""
        theme = self.session.theme
        high, low = line_height(theme.font("heading")), line_height(theme.font("small"))
        fits = theme.font("heading").size(hello)[0] <= box.width
        if not fits or high + low > box.height:
            draw_text(surface, theme, hello, box, role="heading", valign="middle", max_lines=1)
            return
        top = box.y + (box.height - high - low) // 2
        draw_text(surface, theme, hello, pygame.Rect(box.x, top, box.width, high), role="heading")
        ask = pygame.Rect(box.x, top + high, box.width, low)
        draw_text(surface, theme, self.session.t("map.title"), ask, role="small", max_lines=1)

    def _draw_broken(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        names = ", ".join(name for name, _ in self.session.library.broken)
        text = self.session.t("map.broken", count=len(self.session.library.broken), files=names)
        box = pygame.Rect(EDGE, self.town.bottom + 2, 1280 - 2 * EDGE, 36)
        panel(surface, theme, box, fill="info_light", border="info", radius=12, shadow=False)
        draw_text(
            surface,
            theme,
            text,
            box.inflate(-24, -4),
            role="small",
            bg="info_light",
            valign="middle",
            max_lines=1,
        )

    def _draw_empty(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        box = pygame.Rect(240, 300, 800, 120)
        panel(surface, theme, box)
        draw_text(
            surface,
            theme,
            self.session.t("map.empty"),
            box.inflate(-40, -20),
            align="center",
            valign="middle",
        )

    def read_aloud_text(self) -> str:
        """The progress, the places of the page (« 1 : Le stade, Nouveau »), then the card."""
        t = self.session.t
        statuses = [self.status(s) for s in self.scenarios]
        parts = [t("map.progress", done=statuses.count("done"), total=len(statuses)) + "."]
        if self.pager.pages > 1:
            parts.append(f"{self.pager.label()}.")
        for marker in self.markers:
            title = self.session.loc(self.scenarios[(marker.number or 1) - 1].title)
            parts.append(f"{marker.number} : {marker.label}, {title}, {marker.value}.")
        return " ".join(parts)

    def autoplay(self, rng: random.Random) -> Action | None:
        """A random player opens a place's card (and plays it there)."""
        return Press(rng.choice(self.markers)) if self.markers else None


def map_scenes(session: Session) -> list[Scene]:
    """The map, with the trainer's ``--scenario`` file on top of it the first time.

    The file starts from its beginning (the trainer is checking it), and the tutorial offer
    waits for the next time the map opens.
    """
    first = MapScene(session)
    scenario = session.options.direct
    if scenario is None:
        return [first]

    session.options.direct = None
    first._offered = True
    return [first, PlayScene(session, scenario)]
