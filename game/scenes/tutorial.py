"""The two-minute introduction: a competency is something you DO in a real situation, not a
quality you ARE. Short cards, the ten competencies the game talks about (icon and plain « je… »
label, so each card met later is already familiar), then a tiny scenario played for real
(nothing recorded) whose identify step practises a two-card pick."""

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
from game.ui.picture_card import competency_icon
from game.ui.text import draw_text, line_height, wrap
from shared.errors import DivaError
from shared.paths import content_dir
from shared.scenario.loading import load_scenario

if TYPE_CHECKING:
    from game.session import Session

CARDS = ("tutorial.card1", "tutorial.card2", "tutorial.card3")
ICONS = {"tutorial.card1": "dont-know", "tutorial.card2": "oral", "tutorial.card3": "check"}
TEN = "tutorial.ten"  # the page of the ten competencies, after card 2
BOX = pygame.Rect(140, 110, 1000, 480)
TEN_TITLE = pygame.Rect(104, 16, 990, 80)  # between the back and the speaker buttons
TEN_BOX = pygame.Rect(30, 104, 1220, 496)  # the tiles: ten side by side, in two rows
TILE_GAP = 12
TILE_ICON = 50


def tutorial_file() -> Path:
    return content_dir() / "tutorial" / "tutorial.yaml"


class TutorialScene(Scene):
    """Pages first; the last page starts the practice scenario."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.page = 0
        self.buttons: list[Button] = []

    # -- pages ----------------------------------------------------------------------------
    def pages(self) -> list[tuple[str, list[str]]]:
        """(text key, competency ids on it): the ten competencies take one page, or two
        when their labels need more room than one page gives at the text size chosen."""
        ids = [c.id for c in self.session.framework.competencies]
        count = next((n for n in (1, 2, 3) if self._tiles_fit(ids, -(-len(ids) // n))), 4)
        size, extra = divmod(len(ids), count)  # pages as even as can be: 4, 3, 3
        tens, first = [], 0
        for page in range(count):
            last = first + size + (page < extra)
            tens.append((TEN, ids[first:last]))
            first = last
        return [(CARDS[0], []), (CARDS[1], []), *tens, (CARDS[2], [])]

    def _tiles_fit(self, ids: list[str], per_page: int) -> bool:
        """Every label at its full size in a tile of a page of ``per_page`` tiles."""
        _, label = self._tile_parts(self._tile_rects(min(per_page, len(ids)))[0])
        font = self.session.theme.font("choice")
        names = [self.session.competency_name(c) for c in ids]
        whole = all(font.size(word)[0] <= label.width for name in names for word in name.split())
        return whole and all(self._label_height(c, font, label.width) <= label.height for c in ids)

    @staticmethod
    def _tile_parts(rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        """A tile's coloured disc (top) and its label's box (below it)."""
        disc = pygame.Rect(0, 0, TILE_ICON + 16, TILE_ICON + 16)
        disc.midtop = (rect.centerx, rect.y + 6)
        label = pygame.Rect(rect.x + 8, disc.bottom + 4, rect.width - 16, 0)
        label.height = rect.bottom - 4 - label.y
        return disc, label

    def _label_height(self, competency: str, font: pygame.font.Font, width: int) -> int:
        return len(wrap(self.session.competency_name(competency), font, width)) * line_height(font)

    def _tile_rects(self, count: int) -> list[pygame.Rect]:
        """Tiles under the title, five to a row."""
        per_row = min(5, count)
        rows = -(-count // per_row)
        top = TEN_BOX.y
        height = (TEN_BOX.bottom - top - (rows - 1) * TILE_GAP) // rows
        width = (TEN_BOX.width - (per_row - 1) * TILE_GAP) // per_row
        return [
            pygame.Rect(
                TEN_BOX.x + (i % per_row) * (width + TILE_GAP),
                top + (i // per_row) * (height + TILE_GAP),
                width,
                height,
            )
            for i in range(count)
        ]

    # -- layout and actions ------------------------------------------------------------------
    def layout(self) -> None:
        t = self.session.t
        last = self.page >= len(self.pages()) - 1
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
        if self.page + 1 < len(self.pages()):
            self.page += 1
            self.layout()
            self.auto_speak()
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
            self.auto_speak()
        else:
            self.request_pop()

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        surface.blit(background(theme, "images/backgrounds/salle-de-formation.svg"), (0, 0))
        pages = self.page_now()
        key, competencies = pages
        if key == TEN:
            self._draw_ten(surface, competencies)
        else:
            self._draw_card(surface, key)
        count = len(self.pages())
        left = 640 - (count * 30) // 2
        for i in range(count):
            color = theme.color("button" if i == self.page else "panel_border")
            pygame.draw.circle(surface, color, (left + 15 + i * 30, BOX.bottom + 30), 9)
        draw_buttons(surface, theme, self.buttons)

    def page_now(self) -> tuple[str, list[str]]:
        pages = self.pages()
        self.page = min(self.page, len(pages) - 1)  # the text size changed meanwhile
        return pages[self.page]

    def _draw_card(self, surface: pygame.Surface, key: str) -> None:
        theme, t = self.session.theme, self.session.t
        panel(surface, theme, BOX, radius=30, width=4)
        image = icon_surface(ICONS[key], 120)
        if image is not None:
            surface.blit(image, (BOX.x + 40, BOX.y + 40))
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

    def _draw_ten(self, surface: pygame.Surface, competencies: list[str]) -> None:
        """The ten icons on their colours, each with its plain « je… » label."""
        theme = self.session.theme
        panel(surface, theme, TEN_TITLE, radius=24)
        draw_text(
            surface,
            theme,
            self.session.t(f"{TEN}.title"),
            TEN_TITLE.inflate(-40, -8),
            role="heading",
            align="center",
            valign="middle",
        )
        for competency, rect in zip(competencies, self._tile_rects(len(competencies)), strict=True):
            self._draw_tile(surface, competency, rect)

    def _draw_tile(self, surface: pygame.Surface, competency: str, rect: pygame.Rect) -> None:
        theme = self.session.theme
        panel(surface, theme, rect, radius=18)
        disc, label = self._tile_parts(rect)
        # high contrast: a white disc, or the icon's dark outlines would vanish on black
        fill = theme.color("white") if theme.high_contrast else theme.competency_color(competency)
        pygame.draw.ellipse(surface, fill, disc)
        image = competency_icon(competency, TILE_ICON)  # kept: drawn every frame
        if image is not None:
            surface.blit(image, image.get_rect(center=disc.center))
        draw_text(
            surface,
            theme,
            self.session.competency_name(competency),
            label,
            role="choice",
            align="center",
            valign="middle",
        )

    def read_aloud_text(self) -> str:
        t = self.session.t
        key, competencies = self.page_now()
        if key == TEN:
            names = [self.session.competency_name(c) for c in competencies]
            return ". ".join([t(f"{TEN}.title"), *names]) + "."
        return f"{t(key + '.title')} {t(key + '.text')}"

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.focus.find("next"))  # type: ignore[arg-type]
