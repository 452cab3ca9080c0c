"""A place's card, over the town: what the situation is about before the player goes in.

The title, the place, the scenario's summary, its status and minutes, then « Jouer » (or
« Reprendre » when it is in progress) and « Retour ». Esc or « Retour » closes it.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pygame

from game.scene import Action, Press, Scene
from game.session import Session
from game.ui.button import Button, draw_buttons
from game.ui.panel import dim
from game.ui.place_card import PAD, CardText, button_height, card_size, draw_card

MARGIN = 40  # between the card and the window's top and bottom


class PlaceCardScene(Scene):
    """The card of one place; ``on_play`` starts (or resumes) its scenario."""

    opaque = False

    def __init__(self, session: Session, card: CardText, on_play: Callable[[], None]) -> None:
        super().__init__(session)
        self.card, self.on_play = card, on_play
        self.box = pygame.Rect(0, 0, 0, 0)
        self.picture = True
        self.buttons: list[Button] = []

    def layout(self) -> None:
        theme, t = self.session.theme, self.session.t
        width, height, self.picture = card_size(theme, self.card, 720 - 2 * MARGIN)
        self.box = pygame.Rect(0, 0, width, height)
        self.box.center = (640, 360)
        row = self._button_row()
        back_w = theme.font("choice").size(t("common.back"))[0] + 28 + 74 + 12  # words + icon
        play_w = row.width - 16 - max(back_w, row.width * 2 // 5)
        resume = self.card.status == "in_progress"
        self.buttons = [
            Button(
                "play",
                t("map.resume" if resume else "map.play"),
                pygame.Rect(row.x, row.y, play_w, row.height),
                self._play,
                icon="resume",
                style="primary",
                role="choice",
            ),
            Button(
                "close",
                t("common.back"),
                pygame.Rect(row.x + play_w + 16, row.y, row.width - play_w - 16, row.height),
                self.back,
                icon="back",
                role="choice",
            ),
        ]
        self.focus.set(self.buttons)
        if self.focus.focused is None:
            self.focus.focus_item(self.buttons[0])

    def _button_row(self) -> pygame.Rect:
        height = button_height(self.session.theme)
        inner = self.box.inflate(-2 * PAD, -2 * PAD)
        return pygame.Rect(inner.x, inner.bottom - height, inner.width, height)

    def _play(self) -> None:
        self.request_pop()
        self.on_play()

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface, 120)
        draw_card(surface, self.session.theme, self.box, self.card, self.picture)
        draw_buttons(surface, self.session.theme, self.buttons)

    def read_aloud_text(self) -> str:
        card = self.card
        return f"{card.title}. {card.place}. {card.summary} {card.status_label}, {card.minutes}."

    def autoplay(self, rng: random.Random) -> Action | None:
        play = self.focus.find("play")
        return Press(play) if isinstance(play, Button) else None
