"""« Où ? », « Avec qui ? » or « Quand ? »: big numbered pictures, one press picks and
comes back to « Et toi ? ». Nothing to type, nothing to read but a few words (said aloud).

Its own scene on top of the reflect step, so Esc and the back arrow simply close it with
nothing changed, and the reflect step's text field stays hidden meanwhile.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.reflect_answers import Question, picture_path
from game.scene import Action, Press, Scene
from game.ui.button import Button, draw_buttons
from game.ui.chrome import toolbar
from game.ui.picture_card import PictureCard, words_fit
from game.ui.question import bottom_button_height, draw_question, question_rect

if TYPE_CHECKING:
    from game.session import Session

LEFT, WIDTH, GAP = 50, 1180, 12
PROMPT_TOP = 16
PICTURE_SHARE = 0.55  # the picture is the answer: it takes more of the card than on « Et toi ? »
PER_ROW = {1: (1,), 2: (2,), 3: (3,), 4: (4, 2), 5: (3, 2), 6: (3, 2)}  # balanced rows first


class PickAnswerScene(Scene):
    """The pictures of one question; ``on_pick`` gets the answer id ('' : none of these)."""

    def __init__(
        self,
        session: Session,
        backdrop: str,
        question: Question,
        current: str,
        on_pick: Callable[[str], None],
    ) -> None:
        super().__init__(session)
        self.backdrop, self.question, self.current = backdrop, question, current
        self.on_pick = on_pick
        self.buttons: list[Button] = []

    def _title(self) -> str:
        return self.session.loc(self.question.title)

    def _prompt_rect(self) -> pygame.Rect:
        return question_rect(self.session.theme, self._title())

    def _button_height(self) -> int:
        return bottom_button_height(self.session.theme)

    def layout(self) -> None:
        t = self.session.t
        self.buttons = toolbar(self)
        rects = self._rects()
        for index, (answer, rect) in enumerate(zip(self.question.answers, rects, strict=True)):
            words = self.session.loc(answer.text)
            self.buttons.append(
                PictureCard(
                    f"answer:{answer.id}",
                    words,
                    rect,
                    partial(self._pick, answer.id),
                    number=index + 1,
                    selected=answer.id == self.current,
                    words=words,
                    picture=str(picture_path(answer.picture)),
                    share=PICTURE_SHARE,
                )
            )
        height = self._button_height()
        none = pygame.Rect(LEFT, 720 - 10 - height, WIDTH, height)
        self.buttons.append(
            Button("none", t("reflect.none_of_these"), none, partial(self._pick, ""))
        )
        self.focus.set(self.buttons)

    def _rects(self) -> list[pygame.Rect]:
        """The pictures in rows, as many a row as keep every answer's words at full size."""
        top = self._prompt_rect().bottom + 16
        bottom = 720 - 10 - self._button_height() - 16
        count = len(self.question.answers)
        texts = [self.session.loc(a.text) for a in self.question.answers]
        rects: list[pygame.Rect] = []
        for per_row in PER_ROW.get(count, (4, 3, 2)):
            rows = -(-count // per_row)
            height = (bottom - top - GAP * (rows - 1)) // rows
            width = (WIDTH - GAP * (per_row - 1)) // per_row
            rects = []
            for index in range(count):
                row, col = divmod(index, per_row)
                in_row = min(per_row, count - row * per_row)
                left = 640 - (in_row * width + (in_row - 1) * GAP) // 2
                y = top + row * (height + GAP)
                rects.append(pygame.Rect(left + col * (width + GAP), y, width, height))
            theme = self.session.theme
            if all(words_fit(theme, text, rects[0], PICTURE_SHARE) for text in texts):
                break
        return rects

    def _pick(self, answer_id: str) -> None:
        """A picture picks it; the picked one again, or « Aucune », leaves it unpicked."""
        self.on_pick("" if answer_id == self.current else answer_id)
        self.request_pop()

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        draw_question(surface, theme, self.backdrop, self._title())
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        numbered = [f"{b.number} : {b.label}" for b in self.buttons if b.number is not None]
        return ". ".join([self._title(), *numbered])

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(rng.choice([b for b in self.buttons if isinstance(b, PictureCard)]))
