"""A yes / no question over the current screen (quit, leave a scenario, tutorial offer)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Literal

import pygame

from game.scene import Action, Press, Scene
from game.session import Session
from game.ui.button import Button, draw_buttons
from game.ui.panel import dim, panel
from game.ui.text import draw_text

BOX = pygame.Rect(290, 170, 700, 380)
Answer = Literal["yes", "no"]


class ConfirmScene(Scene):
    """Esc or « no » closes it; « yes » closes it and runs ``on_yes``.

    ``default`` is the answer that has the focus, so Enter gives it: the safe one (« no »)
    where a reflex Enter would lose the session (quitting), « yes » where yes is the welcome
    answer (the tutorial offer).
    """

    opaque = False

    def __init__(
        self,
        session: Session,
        question_key: str,
        yes_key: str,
        no_key: str,
        on_yes: Callable[[], None],
        on_no: Callable[[], None] | None = None,
        default: Answer = "yes",
    ) -> None:
        super().__init__(session)
        self.question_key, self.yes_key, self.no_key = question_key, yes_key, no_key
        self.on_yes, self.on_no = on_yes, on_no
        self.default = default
        self.buttons: list[Button] = []

    @classmethod
    def quit_game(cls, session: Session, on_yes: Callable[[], None]) -> ConfirmScene:
        """« Quit? » with « Non, je reste » focused: Enter by reflex keeps the player in."""
        return cls(
            session, "confirm.quit", "confirm.quit_yes", "confirm.quit_no", on_yes, default="no"
        )

    def layout(self) -> None:
        t = self.session.t
        self.buttons = [
            Button(
                "yes",
                t(self.yes_key),
                pygame.Rect(BOX.x + 40, BOX.bottom - 130, 300, 96),
                self._yes,
                number=1,
                style="primary",
            ),
            Button(
                "no",
                t(self.no_key),
                pygame.Rect(BOX.right - 340, BOX.bottom - 130, 300, 96),
                self.back,
                number=2,
            ),
        ]
        self.focus.set(self.buttons)
        if self.focus.focused is None:
            self.focus.move(1 if self.default == "yes" else -1)

    def _yes(self) -> None:
        self.request_pop()
        self.on_yes()

    def back(self) -> None:
        self.request_pop()
        if self.on_no is not None:
            self.on_no()

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        dim(surface)
        panel(surface, theme, BOX, radius=28, width=4)
        draw_text(
            surface,
            theme,
            self.session.t(self.question_key),
            BOX.inflate(-80, -200).move(0, -70),
            role="heading",
            align="center",
            valign="middle",
        )
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        return self.session.t(self.question_key)

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.buttons[0]) if self.buttons else None


def ask_to_quit(scene: Scene) -> None:
    """« Quit? » over ``scene`` (Esc on the title and the map): yes empties its stack."""

    def quit_game() -> None:
        if scene.stack is not None:
            scene.stack.clear()

    scene.request_push(ConfirmScene.quit_game(scene.session, quit_game))


def ask_to_leave_scenario(scene: Scene, scenes: int = 1) -> None:
    """« Leave this situation? You will start again from here. » over ``scene``; yes closes
    ``scenes`` scenes (the identify step also closes the play scene below it)."""

    def leave() -> None:
        for _ in range(scenes):
            scene.request_pop()

    scene.request_push(
        ConfirmScene(
            scene.session,
            "play.leave",
            "play.leave_yes",
            "play.leave_no",
            leave,
            default="no",  # Esc may be a slip: Enter keeps the player in
        )
    )
