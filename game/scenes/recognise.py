"""Right after a choice, a short moment of recognition: what that choice showed.

The game is a mirror, not a quiz: whatever the player picked, they see the competencies it
took, each with the trainer's one-sentence ``why`` (« Tu as expliqué la règle aux petits →
Communiquer à l'oral »). Never a level: levels are confirmed with a person, later. One key,
one click or one tap goes on, so it never slows a player down.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.scene import Action, Press, Scene
from game.ui.button import Button, draw_buttons, icon_surface
from game.ui.pager import pack
from game.ui.panel import dim, panel
from game.ui.text import draw_text, line_height, wrap
from shared.scenario.model import Choice

if TYPE_CHECKING:
    from game.session import Session

BOX = pygame.Rect(150, 110, 980, 560)  # it sits on the dialogue box, and grows up from there
WIDEST = 1200
TALLEST = 712  # at « Énorme », up to the screen's top rather than shrinking its words
PAD = 16  # inside the box: above the heading, between the parts, below the button
ICON = 64
ROW_GAP = 12
GO_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE)


def recognised_rows(session: Session, choice: Choice) -> list[tuple[str, str]]:
    """(competency id, sentence) for each competency the choice shows, in the author's order:
    exactly the choice's ``shows``, nothing added, nothing left out."""
    return [
        (
            s.competency,
            session.t(
                "recognise.row",
                why=session.loc(s.why).rstrip().rstrip("."),
                name=session.competency_name(s.competency),
            ),
        )
        for s in choice.shows
    ]


class RecognitionScene(Scene):
    """An overlay over the dialogue: heading, one row per competency, « Continuer »."""

    opaque = False

    def __init__(self, session: Session, choice: Choice, on_done: Callable[[], None]) -> None:
        super().__init__(session)
        self.choice, self.on_done = choice, on_done
        self.rows = recognised_rows(session, choice)
        self.buttons: list[Button] = []
        self.box = BOX
        self.page = 0
        self.pages: list[list[int]] = []
        self._closed = False

    def layout(self) -> None:
        self.rows = recognised_rows(self.session, self.choice)  # the language may have changed
        self.box = self._box()
        head_h = line_height(self.session.theme.font("heading"))
        room = self.box.height - 4 * PAD - head_h - self._go_h
        self.pages = pack(self._row_heights(), room, ROW_GAP, len(self.rows))
        self.page = min(self.page, len(self.pages) - 1)
        last = self.page == len(self.pages) - 1  # else « Suite »: the rows left, full size
        self.buttons = [
            Button(
                "continue" if last else "more",
                self.session.t("common.continue" if last else "recap.more"),
                pygame.Rect(
                    self.box.centerx - 220, self.box.bottom - PAD - self._go_h, 440, self._go_h
                ),
                self.close if last else self._more,
                style="primary",
                role="heading",
                icon="check",
            )
        ]
        self.focus.set(self.buttons)

    def _box(self) -> pygame.Rect:
        """On the dialogue box, as tall as the heading, the rows and « Continuer » need at
        full size; past the screen's top it would go, it comes down to the bottom edge."""
        head_h = line_height(self.session.theme.font("heading"))
        for width in (BOX.width, WIDEST):  # wider before taller than the screen
            needs = self._row_heights(width)
            rows = sum(needs) + ROW_GAP * (len(needs) - 1)
            height = PAD + head_h + PAD + rows + PAD + self._go_h + PAD
            if height <= TALLEST:
                break
        height = min(TALLEST, height)
        bottom = BOX.bottom if height <= BOX.bottom - 4 else 4 + TALLEST
        return pygame.Rect(640 - width // 2, bottom - height, width, height)

    @property
    def _go_h(self) -> int:
        """« Continuer »: as tall as a heading line needs at full size."""
        return max(88, line_height(self.session.theme.font("heading")) + 18)

    def _more(self) -> None:
        self.page += 1
        self.layout()

    def close(self) -> None:
        """Once only: a double click must not skip the next line as well."""
        if self._closed:
            return
        self._closed = True
        self.request_pop()
        self.on_done()

    def handle(self, event: pygame.event.Event) -> bool:
        if self.focus.handle(event):
            return True
        skip_key = event.type == pygame.KEYDOWN and event.key in GO_KEYS
        skip_click = event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 1) == 1
        if skip_key or skip_click:
            self.buttons[0].activate()  # the rows left, or on with the story
            return True
        return False

    def back(self) -> None:
        self.close()

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        dim(surface, 110)
        needs = self._row_heights()
        box = self.box
        head_h = line_height(theme.font("heading"))
        panel(surface, theme, box, radius=30, border="success", width=5)
        head = pygame.Rect(box.x + 40, box.y + PAD, box.width - 80, head_h)
        draw_text(
            surface,
            theme,
            self.session.t("recognise.title"),
            head,
            role="heading",
            fg="success",
            valign="middle",
            max_lines=1,
        )
        room = pygame.Rect(box.x + 40, head.bottom + PAD, box.width - 80, 0)
        room.height = box.bottom - 2 * PAD - self._go_h - room.y
        self._draw_rows(surface, room, needs)
        draw_buttons(surface, theme, self.buttons)

    def _row_heights(self, box_width: int | None = None) -> list[int]:
        """Each row as tall as its words need at full size (never below the icon)."""
        theme = self.session.theme
        font = theme.font("body")
        width = (box_width or self.box.width) - 80 - ICON - 20
        return [max(ICON, len(wrap(s, font, width)) * line_height(font)) for _, s in self.rows]

    def _draw_rows(self, surface: pygame.Surface, room: pygame.Rect, needs: list[int]) -> None:
        """The rows of the page shown, each as tall as its words need at full size."""
        theme = self.session.theme
        y = room.y
        for index in self.pages[self.page] if self.pages else range(len(self.rows)):
            (competency, sentence), height = self.rows[index], needs[index]
            height = min(height, room.bottom - y)  # a row taller than the box alone
            image = icon_surface(competency, ICON)
            if image is not None:
                surface.blit(image, (room.x, y + (height - ICON) // 2))
            box = pygame.Rect(room.x + ICON + 20, y, room.width - ICON - 20, height)
            full = theme.px("body")  # never shrunk: cut at full size, so the check sees it
            draw_text(surface, theme, sentence, box, valign="middle", min_px=full)
            y += height + ROW_GAP

    def read_aloud_text(self) -> str:
        parts = [self.session.t("recognise.title"), *(s for _, s in self.rows)]
        return ". ".join(parts)

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.buttons[0]) if self.buttons else None
