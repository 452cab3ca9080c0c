"""The two-minute introduction: a competency is something you DO in a real situation, not a
quality you ARE. Three short cards, then a tiny scenario played for real (nothing recorded)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.scene import Action, Press, Scene
from game.scenes.play import PlayScene
from game.ui.button import Button, draw_buttons, icon_surface
from game.ui.chrome import toolbar
from game.ui.images import background
from game.ui.panel import panel
from game.ui.text import draw_text
from shared.errors import DivaError
from shared.paths import content_dir
from shared.scenario.loading import load_scenario

if TYPE_CHECKING:
    from game.session import Session

CARDS = ("tutorial.card1", "tutorial.card2", "tutorial.card3")
ICONS = ("dont-know", "oral", "check")
BOX = pygame.Rect(140, 110, 1000, 480)


def tutorial_file() -> Path:
    return content_dir() / "tutorial" / "tutorial.yaml"


class TutorialScene(Scene):
    """Cards first; the last card starts the practice scenario."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.page = 0
        self.buttons: list[Button] = []

    def layout(self) -> None:
        t = self.session.t
        last = self.page == len(CARDS) - 1
        self.buttons = toolbar(self) + [
            Button(
                "next",
                t("tutorial.try") if last else t("common.continue"),
                pygame.Rect(760, 612, 440, 90),
                self._next,
                number=1,
                style="primary",
                role="heading",
            ),
        ]
        self.focus.set(self.buttons)

    def _next(self) -> None:
        if self.page + 1 < len(CARDS):
            self.page += 1
            self.layout()
            return
        self._practice()

    def _practice(self) -> None:

        try:
            scenario = load_scenario(tutorial_file())
        except (DivaError, OSError):
            self.session.notices.append(self.session.t("tutorial.missing"))
            self.request_pop()
            return
        self.request_replace(PlayScene(self.session, scenario, practice=True))

    def back(self) -> None:
        if self.page > 0:
            self.page -= 1
            self.layout()
        else:
            self.request_pop()

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        surface.blit(background(theme, "images/backgrounds/salle-de-formation.svg"), (0, 0))
        panel(surface, theme, BOX, radius=30, width=4)
        image = icon_surface(ICONS[self.page], 120)
        if image is not None:
            surface.blit(image, (BOX.x + 40, BOX.y + 40))
        key = CARDS[self.page]
        draw_text(
            surface,
            theme,
            t(f"{key}.title"),
            pygame.Rect(BOX.x + 190, BOX.y + 40, BOX.width - 230, 120),
            role="heading",
            valign="middle",
        )
        draw_text(
            surface,
            theme,
            t(f"{key}.text"),
            pygame.Rect(BOX.x + 48, BOX.y + 190, BOX.width - 96, BOX.height - 220),
        )
        dots = pygame.Rect(BOX.centerx - 40, BOX.bottom + 20, 80, 20)
        for i in range(len(CARDS)):
            color = theme.color("button" if i == self.page else "panel_border")
            pygame.draw.circle(surface, color, (dots.x + 10 + i * 30, dots.centery), 9)
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        key = CARDS[self.page]
        return f"{self.session.t(key + '.title')} {self.session.t(key + '.text')}"

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.focus.find("next"))  # type: ignore[arg-type]
