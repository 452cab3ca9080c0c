"""The title screen: play, settings, quit."""

from __future__ import annotations

import random

import pygame

from game.navigation import ToPlayers, go
from game.scene import Action, Press, Scene
from game.scenes.confirm import ask_to_quit
from game.ui.button import Button, column, draw_buttons
from game.ui.chrome import open_settings
from game.ui.images import background, portrait
from game.ui.panel import panel
from game.ui.text import draw_text, line_height, wrap
from shared.player import Avatar

CARD = pygame.Rect(90, 70, 560, 590)  # the smallest card; it grows with the text size
WIDTHS = (560, 640, 720)  # wider first, then taller, up to the screen's height
GAP = 14
CREW = (
    (Avatar(skin=4, hair="braids", hair_color="black", clothes="jacket", clothes_color="yellow",
            accessory="earrings"), (650, 280), (208, 260)),
    (Avatar(skin=1, hair="short", hair_color="auburn", clothes="hoodie", clothes_color="blue",
            accessory="headphones", facial_hair="stubble"), (930, 250), (232, 290)),
    (Avatar(skin=2, hair="headscarf", clothes="sweater", clothes_color="purple",
            accessory="glasses"), (780, 220), (256, 320)),
)  # fmt: skip


class TitleScene(Scene):
    """First screen; Esc asks whether to quit."""

    card = CARD

    def layout(self) -> None:
        t = self.session.t
        self.card, self.parts, heights = self._plan()
        top = self.parts[1].bottom + GAP
        rects = column(self.card.x + 50, top, self.card.width - 100, heights, gap=GAP)
        self.buttons = [
            Button(
                "play",
                t("title.play"),
                rects[0],
                self._play,
                number=1,
                style="primary",
                role="heading",
            ),
            Button(
                "settings",
                t("common.settings"),
                rects[1],
                lambda: open_settings(self),
                number=2,
                icon="settings",
            ),
            Button("quit", t("title.quit"), rects[2], self.back, number=3),
        ]
        self.focus.set(self.buttons)

    def _plan(self) -> tuple[pygame.Rect, list[pygame.Rect], list[int]]:
        """The card, its title and tagline boxes, and the buttons' heights: everything at
        its full size, the card wider then taller as the text grows (never shrunk)."""
        theme = self.session.theme
        title, body = theme.font("title"), theme.font("body")
        heights = [max(104, line_height(theme.font("heading")) + 20)]
        heights += [max(86, line_height(body) + 20)] * 2
        for width in WIDTHS:
            lines = len(wrap(self.session.t("title.tagline"), body, width - 80))
            tagline = lines * line_height(body)
            tall = 24 + line_height(title) + tagline + sum(heights) + 4 * GAP + 24
            if tall <= CARD.height or width == WIDTHS[-1]:
                break
        card = pygame.Rect(CARD.x, CARD.y, width, max(CARD.height, tall))
        if card.height > CARD.height:
            card.y, card.height = max(10, 360 - card.height // 2), min(700, card.height)
            card.x = max(30, CARD.x - (width - CARD.width))
        head = pygame.Rect(card.x + 40, card.y + 24, card.width - 80, line_height(title))
        said = pygame.Rect(card.x + 40, head.bottom, card.width - 80, tagline)
        return card, [head, said], heights

    def enter(self) -> None:
        """The first launch on this computer asks first how to play (then the title)."""
        super().enter()
        if self.session.options.first_launch:
            self.session.options.first_launch = False
            from game.scenes.first_launch import FirstLaunchScene  # only then: start time

            self.request_push(FirstLaunchScene(self.session))

    def _play(self) -> None:
        go(self, ToPlayers())

    def back(self) -> None:

        ask_to_quit(self)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        surface.blit(background(theme, "images/backgrounds/titre.svg"), (0, 0))
        panel(surface, theme, self.card, radius=32, width=4)
        head, said = self.parts
        draw_text(surface, theme, "DIVA", head, role="title", fg="accent_dark", align="center",
                  valign="middle", max_lines=1)  # fmt: skip
        draw_text(surface, theme, self.session.t("title.tagline"), said, align="center")
        draw_buttons(surface, theme, self.buttons)
        self._draw_crew(surface)

    def _draw_crew(self, surface: pygame.Surface) -> None:
        """Young people like the players, side by side: the game is about people, not forms."""
        shift = max(0, self.card.right + 10 - 650)  # beside a grown card, not over it
        for avatar, (x, y), size in CREW:
            surface.blit(portrait(avatar, size, "happy"), (x + shift, y))

    def read_aloud_text(self) -> str:
        t = self.session.t
        return f"DIVA. {t('title.tagline')} 1 : {t('title.play')}."

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.buttons[0])
