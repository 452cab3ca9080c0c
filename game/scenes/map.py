"""The town map: one card per scenario (new / in progress / done), tutorial, my progress."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game import art
from game.navigation import ToPlayers, go
from game.scene import Action, Press, Scene
from game.scenes.confirm import ConfirmScene, ask_to_quit
from game.scenes.play import PlayScene
from game.scenes.summary import SummaryScene
from game.scenes.tutorial import TutorialScene
from game.ui.button import Button, draw_buttons, icon_surface
from game.ui.card import draw_number_tag
from game.ui.chrome import toolbar
from game.ui.images import background, portrait
from game.ui.pager import Pager
from game.ui.panel import panel
from game.ui.text import common_px, draw_text, line_height, readable_px, wrap
from shared.errors import DivaError
from shared.scenario.model import Scenario
from shared.store.progress import ScenarioProgress

if TYPE_CHECKING:
    from game.session import Session
    from game.theme import Theme

STATUS_ICONS = {"new": "star", "in_progress": "resume", "done": "check"}
CARD_SIZE = (262, 236)
PICTURE_H = 54
PLACE_LINES = 2  # a long place name wraps to two lines before it shrinks
CHIP_H = 30  # the status chip's least height: as tall as a line of small text needs
CARD_ROOM = CARD_SIZE[1] - PICTURE_H - 12 - CHIP_H - 14 - 4  # title + place, picture to chip
PER_PAGE = 8  # 4 x 2: number keys 1-8 pick a card on the page shown
GRID_X, GRID_Y, GAP = 89, 118, 18


@dataclass(eq=False)
class ScenarioCard(Button):
    """A place on the map: picture, title, time, and its status in words and icon."""

    scenario: Scenario | None = None
    status: str = "new"
    status_label: str = ""
    subtitle: str = ""
    minutes: str = ""
    title_px: int | None = None
    place_px: int | None = None
    place_lines: int = 1
    place_line_h: int = 26
    min_px: int = 16
    chip_h: int = CHIP_H  # taller for bigger text: the picture strip gives up the room
    own_label: str = ""  # « Ta structure »: a scenario from the structure's own folder

    def place_box(self, rect: pygame.Rect, lines: int, line_h: int) -> pygame.Rect:
        """The place name, just above the status chip: one or two lines tall."""
        height = lines * line_h + 2
        bottom = rect.bottom - 12 - self.chip_h
        return pygame.Rect(rect.x + 16, bottom - height, rect.width - 32, height)

    @property
    def picture_h(self) -> int:
        return PICTURE_H - (self.chip_h - CHIP_H)

    def title_box(self, rect: pygame.Rect) -> pygame.Rect:
        """Below the picture, above the place name: what the place name leaves."""
        top = rect.y + self.picture_h + 12
        bottom = self.place_box(rect, self.place_lines, self.place_line_h).y - 2
        return pygame.Rect(rect.x + 14, top, rect.width - 28, bottom - top)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        rect = self.rect.move(0, -6) if (self.hovered or self.focused) else self.rect
        panel(surface, theme, rect, radius=20, width=3)
        picture = pygame.Rect(rect.x + 8, rect.y + 8, rect.width - 16, self.picture_h)
        if self.scenario is not None:
            try:
                image = art.background(self.scenario.place.background, (picture.width, 158))
                surface.blit(image, picture, area=pygame.Rect(0, 40, picture.width, picture.height))
            except (OSError, pygame.error, ValueError):
                pygame.draw.rect(surface, theme.color("background_sky"), picture)
        if self.number is not None:
            draw_number_tag(surface, theme, rect, self.number)
        if self.own_label:
            self._draw_own(surface, theme, picture)
        draw_text(
            surface,
            theme,
            self.label,
            self.title_box(rect),
            role="choice",
            valign="middle",
            px=self.title_px,
            min_px=self.min_px,
        )
        draw_text(
            surface,
            theme,
            self.subtitle,
            self.place_box(rect, self.place_lines, self.place_line_h),
            role="small",
            fg="panel_muted_text",
            valign="bottom",
            max_lines=PLACE_LINES,
            px=self.place_px,
            min_px=self.min_px,
        )
        self._draw_status(surface, theme, rect)

    def _draw_own(self, surface: pygame.Surface, theme: Theme, picture: pygame.Rect) -> None:
        """A tag on the picture's right: this scenario is the structure's own."""
        font = theme.font("small")
        width = min(font.size(self.own_label)[0] + 20, picture.width - 60)
        height = min(picture.height - 4, line_height(font) + 4)
        tag = pygame.Rect(picture.right - width - 4, picture.y + 2, width, height)
        pygame.draw.rect(surface, theme.color("panel_dark"), tag, border_radius=10)
        draw_text(
            surface,
            theme,
            self.own_label,
            tag.inflate(-12, 0),
            role="small",
            fg="panel_dark_text",
            bg="panel_dark",
            align="center",
            valign="middle",
            max_lines=1,
        )

    def _draw_status(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
        fill = {"new": "info_light", "in_progress": "panel", "done": "success_light"}[self.status]
        chip = pygame.Rect(rect.x + 12, rect.bottom - 8 - self.chip_h, rect.width - 24, self.chip_h)
        pygame.draw.rect(surface, theme.color(fill), chip, border_radius=12)
        image = icon_surface(STATUS_ICONS[self.status], 26)
        if image is not None:
            surface.blit(image, (chip.x + 6, chip.centery - 13))
        words = pygame.Rect(chip.x + 38, chip.y, chip.width - 44, chip.height)
        # the minutes take what their words need at full size, the status the rest
        width = theme.font("small").size(self.minutes)[0] + 4
        minutes = pygame.Rect(words.right - width, chip.y, width, chip.height)
        draw_text(
            surface,
            theme,
            self.status_label,
            pygame.Rect(words.x, chip.y, minutes.x - 8 - words.x, chip.height),
            role="small",
            bg=fill,
            valign="middle",
            max_lines=1,
        )
        draw_text(
            surface,
            theme,
            self.minutes,
            minutes,
            role="small",
            bg=fill,
            align="right",
            valign="middle",
            max_lines=1,
        )


class MapScene(Scene):
    """Where each session starts; Esc asks whether to quit."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.progress: dict[str, ScenarioProgress] = {}
        self.buttons: list[Button] = []
        self._offered = False
        self.pager = Pager(self, PER_PAGE, lambda: len(self.session.library.scenarios))

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

    def layout(self) -> None:
        self.progress = self._read_progress()
        self.buttons = toolbar(self)
        shown = self.pager.shown(self.session.library.scenarios)
        cards = [self._card(index, scenario) for index, scenario in enumerate(shown)]
        self._fit_cards(cards)
        self.buttons += cards
        if self.pager.pages > 1:
            self.buttons += self.pager.arrows(y=290, inset=14)
        t = self.session.t
        self.buttons += [
            Button(
                "tutorial",
                t("map.tutorial"),
                pygame.Rect(40, 634, 300, 72),
                self.open_tutorial,
                icon="star",
            ),
            Button(
                "journey",
                t("map.journey"),
                pygame.Rect(360, 634, 330, 72),
                self._journey,
                icon="check",
            ),
            Button("switch", t("map.switch_player"), pygame.Rect(900, 634, 340, 72), self._switch),
        ]
        self.focus.set(self.buttons)

    def _fit_cards(self, cards: list[ScenarioCard]) -> None:
        """Sizes for the cards on the page: titles share one size; each place name then takes
        the biggest size at which it fits on one or two lines in the room the title leaves,
        so it wraps before it shrinks. Nothing goes below a readable size for the player's
        text size setting."""
        theme = self.session.theme
        # OpenDyslexic is wider and taller than Andika: its titles may shrink a little more
        shrink = 10 if theme.dyslexic else 6
        title_min = readable_px(theme, "choice", shrink)
        place_min = readable_px(theme, "small", shrink)
        chip_h = max(CHIP_H, line_height(theme.font("small")) + 2)
        probe = ScenarioCard("", "", pygame.Rect((0, 0), CARD_SIZE), lambda: None, chip_h=chip_h)
        probe.place_line_h = line_height(theme.font("small", place_min))
        widest = probe.title_box(probe.rect)
        title_px = common_px([c.label for c in cards], theme, "choice", widest, min_px=title_min)
        title_font = theme.font("choice", title_px)
        for card in cards:
            card.title_px, card.min_px, card.chip_h = title_px, title_min, chip_h
            title_h = len(wrap(card.label, title_font, widest.width)) * line_height(title_font)
            self._fit_place(card, CARD_ROOM - title_h, place_min)

    def _fit_place(self, card: ScenarioCard, room: int, place_min: int) -> None:
        theme, width = self.session.theme, CARD_SIZE[0] - 32
        px = theme.px("small")
        while True:
            font = theme.font("small", px)
            lines = len(wrap(card.subtitle, font, width))
            fits = lines <= PLACE_LINES and lines * line_height(font) <= room
            if fits or px <= place_min:
                card.place_px, card.place_line_h = px, line_height(font)
                card.place_lines = min(lines, PLACE_LINES) if fits else 1
                return
            px -= 2

    def handle(self, event: pygame.event.Event) -> bool:
        """PageUp / PageDown turn the pages; the rest as on every screen."""
        return self.pager.handle_key(event) or super().handle(event)

    def _read_progress(self) -> dict[str, ScenarioProgress]:
        if self.session.player is None:
            return {}
        try:
            return self.session.store.progress(self.session.player.id)
        except DivaError:
            self.session.notices.append(self.session.t("error.players"))
            return {}

    def _card(self, index: int, scenario: Scenario) -> ScenarioCard:
        t = self.session.t
        x = GRID_X + (index % 4) * (CARD_SIZE[0] + GAP)
        y = GRID_Y + (index // 4) * (CARD_SIZE[1] + GAP - 10)
        progress = self.progress.get(scenario.id)
        status = "new" if progress is None else progress.status
        if progress is not None and progress.status == "done":
            status = "done"
        subtitle = self.session.loc(scenario.place.name)
        return ScenarioCard(
            f"scenario:{scenario.id}",
            self.session.loc(scenario.title),
            pygame.Rect((x, y), CARD_SIZE),
            partial(self.play, scenario),
            number=index + 1,
            scenario=scenario,
            status=status,
            status_label=t(f"map.status.{status}"),
            subtitle=subtitle,
            minutes=t("map.minutes", minutes=scenario.minutes),
            own_label=t("map.structure")
            if scenario.id in self.session.library.structure_ids
            else "",
        )

    # -- actions --------------------------------------------------------------------------
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

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        surface.blit(background(theme, "images/backgrounds/ville.svg"), (0, 0))
        head = pygame.Rect(104, 20, 990, 84)
        panel(surface, theme, head, radius=24)
        player = self.session.player
        if player is not None:
            surface.blit(portrait(player.avatar, (70, 80), "happy"), (head.x + 12, head.y + 2))
            name = t("map.hello", name=player.pseudonym)
        else:
            name = t("map.title")
        draw_text(
            surface,
            theme,
            name,
            pygame.Rect(head.x + 96, head.y + 6, head.width - 120, 72),
            role="heading",
            valign="middle",
            max_lines=1,
        )
        draw_buttons(surface, theme, self.buttons)
        if self.pager.pages > 1:
            # « Page 1 / 2 » between the bottom buttons, in words as well as by the arrows
            self.pager.draw_number(surface, pygame.Rect(706, 640, 180, 60))
        if self.session.library.broken:
            self._draw_broken(surface)
        elif not self.session.library.scenarios:
            self._draw_empty(surface)

    def _draw_broken(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        names = ", ".join(name for name, _ in self.session.library.broken)
        text = self.session.t("map.broken", count=len(self.session.library.broken), files=names)
        box = pygame.Rect(40, 596, 1200, 36)
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
        cards = [b for b in self.buttons if isinstance(b, ScenarioCard)]
        text = " ".join(f"{c.number} : {c.label}. {c.status_label}." for c in cards)
        return f"{self.pager.label()}. {text}" if self.pager.pages > 1 else text

    def autoplay(self, rng: random.Random) -> Action | None:
        cards = [b for b in self.buttons if isinstance(b, ScenarioCard)]
        return Press(rng.choice(cards)) if cards else None


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
