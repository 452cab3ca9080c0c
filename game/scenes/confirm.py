"""A yes / no question over the current screen (quit, leave a scenario, tutorial offer)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Literal

import pygame

from game.scene import Action, Press, Scene
from game.session import Session
from game.ui.button import Button, draw_buttons
from game.ui.panel import overlay
from game.ui.text import line_height, wrap

BOX = pygame.Rect(290, 170, 700, 380)  # the smallest it is; it grows with the text size
BADGE = 84  # a button's number badge and its margins, left of its words
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
        self.box = BOX

    @classmethod
    def quit_game(cls, session: Session, on_yes: Callable[[], None]) -> ConfirmScene:
        """« Quit? » with « Non, je reste » focused: Enter by reflex keeps the player in."""
        return cls(
            session, "confirm.quit", "confirm.quit_yes", "confirm.quit_no", on_yes, default="no"
        )

    def layout(self) -> None:
        t = self.session.t
        self.box, button_h = self._box()
        half = (self.box.width - 100) // 2
        y = self.box.bottom - 34 - button_h
        self.buttons = [
            Button(
                "yes",
                t(self.yes_key),
                pygame.Rect(self.box.x + 40, y, half, button_h),
                self._yes,
                number=1,
                style="primary",
            ),
            Button(
                "no",
                t(self.no_key),
                pygame.Rect(self.box.right - 40 - half, y, half, button_h),
                self.back,
                number=2,
            ),
        ]
        self.focus.set(self.buttons)
        if self.focus.focused is None:
            self.focus.move(1 if self.default == "yes" else -1)

    def _box(self) -> tuple[pygame.Rect, int]:
        """The panel and its buttons' height: wide enough for each answer on one line, tall
        enough for the whole question, at the full size of the text size setting."""
        t, theme = self.session.t, self.session.theme
        body, head = theme.font("body"), theme.font("heading")
        answers = [t(self.yes_key), t(self.no_key)]
        need = max(body.size(words)[0] for words in answers) + BADGE + 28
        width = min(1200, max(BOX.width, 2 * need + 100))
        half = (width - 100) // 2
        lines = max(len(wrap(words, body, half - BADGE - 28)) for words in answers)
        button_h = max(96, lines * line_height(body) + 20)
        asked = len(wrap(t(self.question_key), head, width - 80)) * line_height(head)
        height = max(BOX.height, 40 + asked + 40 + button_h + 34)
        box = pygame.Rect(0, 0, width, min(700, height))
        box.center = BOX.center if height <= BOX.height else (640, 360)
        return box, button_h

    def _yes(self) -> None:
        self.request_pop()
        self.on_yes()

    def back(self) -> None:
        self.request_pop()
        if self.on_no is not None:
            self.on_no()

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        question = pygame.Rect(self.box.x + 40, self.box.y + 30, self.box.width - 80, 0)
        question.height = self.buttons[0].rect.y - 20 - question.y
        overlay(surface, theme, self.box, self.session.t(self.question_key), question,
                max_lines=None)  # fmt: skip
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
