"""A letter grid on screen: write a pseudonym with the focus ring, a mouse, a finger or one
switch (scan mode), with no keyboard at all. Each letter is said as it is added.

The grid has what a pseudonym may hold (``shared.hygiene.pseudonym``: any visible letter):
the French accented letters, the apostrophe, the hyphen and the space. In scan mode a switch
scans the rows first, then the keys of the chosen row (row-column scanning): a letter is at
most a row's length of steps away instead of the whole alphabet's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.scene import Scene
from game.theme import Theme
from game.ui.button import Button, draw_buttons
from game.ui.panel import heading_rect, overlay, panel
from game.ui.text import draw_text, line_height

if TYPE_CHECKING:
    from game.session import Session

BOX = pygame.Rect(40, 10, 1200, 700)
ROWS = ("ABCDEFGHIJ", "KLMNOPQRST", "UVWXYZ-'", "ÉÈÊÀÇÙÎÔÏË", "0123456789")
GAP = 8
ACTIONS_W = 250  # the column of « Espace », « Effacer », « Valider » right of the keys
MAX_LENGTH = 24


@dataclass(eq=False)
class RowButton(Button):
    """Scan mode: a whole row of keys as one stop of the scan; choosing it scans its keys.
    Drawn as nothing of its own: the keys are drawn, the focus ring goes round them."""

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        return None


class LetterGridScene(Scene):
    """An overlay over the player form; « Valider » gives the word to ``done``."""

    opaque = False

    def __init__(self, session: Session, initial: str, done: Callable[[str], None]) -> None:
        super().__init__(session)
        self.word = initial[:MAX_LENGTH]
        self.done = done
        self.row: int | None = None  # scan mode: the row whose keys are scanned

    def layout(self) -> None:
        theme, t = self.session.theme, self.session.t
        self.field = self._field_rect(theme)
        top = self.field.bottom + 14
        key_h = min(96, (BOX.bottom - 14 - top - GAP * (len(ROWS) - 1)) // len(ROWS))
        keys_w = BOX.width - 60 - ACTIONS_W - 20
        key_w = (keys_w + GAP) // max(len(r) for r in ROWS) - GAP
        self.keys: list[list[Button]] = []
        for r, letters in enumerate(ROWS):
            y = top + r * (key_h + GAP)
            self.keys.append(
                [
                    Button(
                        f"letter:{letter}",
                        letter,
                        pygame.Rect(BOX.x + 30 + c * (key_w + GAP), y, key_w, key_h),
                        partial(self._add, letter),
                        role="choice",
                    )
                    for c, letter in enumerate(letters)
                ]
            )
        x = BOX.right - 30 - ACTIONS_W
        tall = (BOX.bottom - 14 - top - 2 * GAP) // 3
        actions: tuple[tuple[str, str, Callable[[], None], str], ...] = (
            ("space", t("letters.space"), partial(self._add, " "), "secondary"),
            ("erase", t("letters.erase"), self._erase, "secondary"),
            ("ok", t("letters.ok"), self._ok, "primary"),
        )
        self.actions = [
            Button(
                key,
                label,
                pygame.Rect(x, top + i * (tall + GAP), ACTIONS_W, tall),
                action,
                style=style,
                role="heading",
            )
            for i, (key, label, action, style) in enumerate(actions)
        ]
        self.rows = [
            RowButton(
                f"row:{r + 1}",
                t("letters.row", letters=" ".join(ROWS[r])),
                keys[0].rect.union(keys[-1].rect),
                partial(self._open_row, r),
            )
            for r, keys in enumerate(self.keys)
        ]
        self.buttons = [key for row in self.keys for key in row] + self.actions
        self._set_ring()

    def _field_rect(self, theme: Theme) -> pygame.Rect:
        head = heading_rect(theme, BOX)
        tall = line_height(theme.font("heading")) + 12
        return pygame.Rect(BOX.x + 160, head.bottom + 4, BOX.width - 320, tall)

    def _set_ring(self) -> None:
        """What the focus moves over: every key, or in scan mode the rows (then one row's keys
        and « back to the rows »)."""
        if not self.session.settings.scan:
            self.focus.set(self.buttons)
        elif self.row is None:
            self.focus.set([*self.rows, *self.actions])
        else:  # after the last key, the whole row again: « back to the rows »
            row = self.rows[self.row]
            back = RowButton("rows", self.session.t("letters.rows"), row.rect, self._close_row)
            self.focus.set([*self.keys[self.row], back], keep=False)

    def handle(self, event: pygame.event.Event) -> bool:
        """A keyboard too: a letter of the grid typed is added (and said), Backspace erases."""
        if event.type == pygame.KEYDOWN and not self.session.settings.scan:
            typed = (getattr(event, "unicode", "") or "").upper()
            if typed and any(typed in row for row in ROWS):
                self._add(typed)
                return True
            if event.key == pygame.K_BACKSPACE:
                self._erase()
                return True
        return super().handle(event)

    def _open_row(self, row: int) -> None:
        self.row = row
        self._set_ring()
        self.focus.focus_item(self.keys[row][0])

    def _close_row(self) -> None:
        row, self.row = self.row, None
        self._set_ring()
        if row is not None:
            self.focus.focus_item(self.rows[row])

    def _add(self, letter: str) -> None:
        if len(self.word) < MAX_LENGTH:
            self.word += letter if len(self.word) == 0 or letter == " " else letter.lower()
            self.session.say(self.word if letter == " " else letter)
        if self.row is not None:  # scan mode: back to the rows, on the row just used
            self._close_row()

    def _erase(self) -> None:
        self.word = self.word[:-1]
        self.session.say(self.word or self.session.t("letters.empty"))

    def _ok(self) -> None:
        self.request_pop()
        self.done(self.word.strip())

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        overlay(surface, theme, BOX, t("letters.title"))
        panel(surface, theme, self.field, radius=14, width=3)
        shown = self.word or t("letters.empty")
        fg = "panel_text" if self.word else "panel_muted_text"
        draw_text(
            surface,
            theme,
            shown,
            self.field.inflate(-30, 0),
            role="heading",
            fg=fg,
            align="center",
            valign="middle",
            max_lines=1,
        )
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        return self.session.t("letters.title")
