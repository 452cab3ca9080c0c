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
from game.ui.text import draw_text
from shared.player import Avatar

CARD = pygame.Rect(90, 70, 560, 590)
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

    def layout(self) -> None:
        t = self.session.t
        rects = column(CARD.x + 50, CARD.y + 250, CARD.width - 100, [104, 86, 86], gap=20)
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

    def enter(self) -> None:
        """The first launch on this computer asks first how to play (then the title)."""
        super().enter()
        if self.session.options.first_launch:
            from game.scenes.first_launch import FirstLaunchScene

            self.session.options.first_launch = False
            self.request_push(FirstLaunchScene(self.session))

    def _play(self) -> None:
        go(self, ToPlayers())

    def back(self) -> None:

        ask_to_quit(self)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        surface.blit(background(theme, "images/backgrounds/titre.svg"), (0, 0))
        panel(surface, theme, CARD, radius=32, width=4)
        draw_text(
            surface,
            theme,
            "DIVA",
            pygame.Rect(CARD.x + 40, CARD.y + 24, CARD.width - 80, 100),
            role="title",
            fg="accent_dark",
            align="center",
            valign="middle",
            max_lines=1,
        )
        draw_text(
            surface,
            theme,
            self.session.t("title.tagline"),
            pygame.Rect(CARD.x + 40, CARD.y + 130, CARD.width - 80, 100),
            role="body",
            align="center",
            valign="middle",
        )
        draw_buttons(surface, theme, self.buttons)
        self._draw_crew(surface)

    def _draw_crew(self, surface: pygame.Surface) -> None:
        """Young people like the players, side by side: the game is about people, not forms."""
        for avatar, (x, y), size in CREW:
            surface.blit(portrait(avatar, size, "happy"), (x, y))

    def read_aloud_text(self) -> str:
        t = self.session.t
        return f"DIVA. {t('title.tagline')} 1 : {t('title.play')}."

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.buttons[0])
