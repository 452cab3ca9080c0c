"""A letter grid on screen: write a pseudonym with the focus ring, a mouse, a finger or one
switch (scan mode), with no keyboard at all. Each letter is said as it is added."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.scene import Scene
from game.ui.button import Button, draw_buttons
from game.ui.panel import dim, panel
from game.ui.text import draw_text

if TYPE_CHECKING:
    from game.session import Session

BOX = pygame.Rect(60, 20, 1160, 680)
ROWS = ("ABCDEFGHI", "JKLMNOPQR", "STUVWXYZ-", "0123456789")
KEY_W, KEY_H, GAP = 100, 76, 10
MAX_LENGTH = 24


class LetterGridScene(Scene):
    """An overlay over the player form; « Valider » gives the word to ``done``."""

    opaque = False

    def __init__(self, session: Session, initial: str, done: Callable[[str], None]) -> None:
        super().__init__(session)
        self.word = initial[:MAX_LENGTH]
        self.done = done

    def layout(self) -> None:
        t = self.session.t
        self.buttons: list[Button] = []
        top = BOX.y + 190
        for r, letters in enumerate(ROWS):
            width = len(letters) * (KEY_W + GAP) - GAP
            x = BOX.centerx - width // 2
            for c, letter in enumerate(letters):
                rect = pygame.Rect(x + c * (KEY_W + GAP), top + r * (KEY_H + GAP), KEY_W, KEY_H)
                self.buttons.append(
                    Button(f"letter:{letter}", letter, rect, self._add(letter), role="heading")
                )
        y = top + len(ROWS) * (KEY_H + GAP) + 6
        actions = (
            ("space", t("letters.space"), self._add(" "), "secondary"),
            ("erase", t("letters.erase"), self._erase, "secondary"),
            ("ok", t("letters.ok"), self._ok, "primary"),
        )
        for index, (key, label, action, style) in enumerate(actions):
            rect = pygame.Rect(BOX.x + 60 + index * 360, y, 330, 84)
            self.buttons.append(Button(key, label, rect, action, style=style, role="heading"))
        self.focus.set(self.buttons)

    def _add(self, letter: str) -> Callable[[], None]:
        def add() -> None:
            if len(self.word) < MAX_LENGTH:
                self.word += letter if len(self.word) == 0 or letter == " " else letter.lower()
                self.session.say(self.word if letter == " " else letter)

        return add

    def _erase(self) -> None:
        self.word = self.word[:-1]
        self.session.say(self.word or self.session.t("letters.empty"))

    def _ok(self) -> None:
        self.request_pop()
        self.done(self.word.strip())

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        dim(surface)
        panel(surface, theme, BOX, radius=30, width=4)
        draw_text(
            surface,
            theme,
            t("letters.title"),
            pygame.Rect(BOX.x + 40, BOX.y + 14, BOX.width - 80, 70),
            role="heading",
            align="center",
            valign="middle",
            max_lines=1,
        )
        field = pygame.Rect(BOX.x + 160, BOX.y + 96, BOX.width - 320, 80)
        panel(surface, theme, field, radius=14, width=3)
        shown = self.word or t("letters.empty")
        fg = "panel_text" if self.word else "panel_muted_text"
        draw_text(
            surface,
            theme,
            shown,
            field.inflate(-30, -10),
            role="heading",
            fg=fg,
            align="center",
            valign="middle",
            max_lines=1,
        )
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        return self.session.t("letters.title")
