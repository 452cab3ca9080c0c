"""The first launch on a computer: « Comment veux-tu jouer ? », in pictures and spoken.

Four big picture switches (listen, bigger text, more contrast, dyslexia font) that apply at
once, so the player sees (and hears) the difference, then « C'est parti ». What is chosen
is this computer's (``game.computer``), used from the title screen on; a player's own
settings later follow them. Shown before the title when the computer has no settings yet.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game import art, controls
from game.scene import Action, Press, Scene
from game.theme import Theme
from game.ui.button import Button, draw_buttons, icon_surface, row
from game.ui.panel import titled_panel
from game.ui.text import draw_text, line_height, wrap
from shared.player import Settings

if TYPE_CHECKING:
    from game.session import Session

BOX = pygame.Rect(40, 20, 1200, 680)
CHOICE_H = 330

Picture = Callable[[pygame.Surface, pygame.Rect, Theme], None]


@dataclass(eq=False)
class PictureButton(Button):
    """A big switch: a picture, its words under it, ticked when on."""

    picture: Picture | None = None
    words_h: int = 120  # the words' room under the picture: their lines at full size

    def _draw_number(
        self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect, inner: pygame.Rect
    ) -> pygame.Rect:
        """The number in the card's top-left corner, clear of the picture and the words."""
        corner = pygame.Rect(rect.x, rect.y + 4, rect.width, 68)
        super()._draw_number(surface, theme, corner, inner)
        return inner

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        label, self.label = self.label, ""  # the frame and tick, then words under the picture
        super().draw(surface, theme)
        self.label = label
        rect = self.rect.move(0, -3) if (self.hovered or self.focused) else self.rect
        words = pygame.Rect(rect.x + 14, 0, rect.width - 28, self.words_h)
        words.bottom = rect.bottom - 12
        art_box = pygame.Rect(rect.x + 20, rect.y + 20, rect.width - 40, 150)
        art_box.height = min(150, words.y - 8 - art_box.y)
        if self.picture is not None:
            self.picture(surface, art_box, theme)
        fill, fg = ("accent", "accent_text") if self.selected else ("panel", "panel_text")
        draw_text(
            surface,
            theme,
            label,
            words,
            role="choice",
            fg=fg,
            bg=fill,
            align="center",
            valign="middle",
        )


def _scale(box: pygame.Rect, size: int) -> int:
    """A picture's size drawn for a 150 px high box, in a box of any height."""
    return max(8, size * min(150, box.height) // 150)


def _speaker(surface: pygame.Surface, box: pygame.Rect, theme: Theme) -> None:
    image = icon_surface("speaker", _scale(box, 130))
    if image is not None:
        surface.blit(image, image.get_rect(center=box.center))


def _big_text(surface: pygame.Surface, box: pygame.Rect, theme: Theme) -> None:
    bold, ink = str(art.font_path(True)), theme.color("ink")
    small = pygame.font.Font(bold, _scale(box, 46)).render("A", True, ink)
    big = pygame.font.Font(bold, _scale(box, 120)).render("A", True, ink)
    surface.blit(small, small.get_rect(bottomright=(box.centerx - 10, box.bottom - 18)))
    surface.blit(big, big.get_rect(bottomleft=(box.centerx + 4, box.bottom + 6)))


def _contrast(surface: pygame.Surface, box: pygame.Rect, theme: Theme) -> None:
    radius = _scale(box, 65)
    pygame.draw.circle(surface, (255, 255, 255), box.center, radius)
    pygame.draw.circle(
        surface, (0, 0, 0), box.center, radius, draw_top_left=True, draw_bottom_left=True
    )
    pygame.draw.circle(surface, (0, 0, 0), box.center, radius, 5)


def _dyslexia(surface: pygame.Surface, box: pygame.Rect, theme: Theme) -> None:
    font = pygame.font.Font(str(art.font_path(False, True)), _scale(box, 72))
    image = font.render("Abc", True, theme.color("ink"))
    surface.blit(image, image.get_rect(center=box.center))


CHOICES: tuple[tuple[str, str, Picture], ...] = (
    ("read_aloud", "first.listen", _speaker),
    ("text_size", "first.bigger", _big_text),
    ("high_contrast", "first.contrast", _contrast),
    ("dyslexic_font", "first.dyslexia", _dyslexia),
)


class FirstLaunchScene(Scene):
    """Then the title: « C'est parti » (or Esc) keeps what is ticked."""

    def __init__(self, session: Session, then: Callable[[], None] | None = None) -> None:
        super().__init__(session)
        self.then = then
        self.step = "choices"  # then « controls » when they did not fit under the choices
        self.paged = False

    def enter(self) -> None:
        self.layout()
        self.speak(self.screen_text())  # spoken whatever the setting: nothing is chosen yet

    def layout(self) -> None:
        t, s = self.session.t, self.session.settings
        on = {
            "read_aloud": s.read_aloud,
            "text_size": s.text_size in ("xlarge", "xxlarge"),
            "high_contrast": s.high_contrast,
            "dyslexic_font": s.dyslexic_font,
        }
        self._plan()
        if self.step == "controls":  # the controls, explained on their own page
            self.buttons: list[Button] = [self._go("first.go")]
            self.focus.set(self.buttons)
            return
        rects = row(BOX.x + 30, self.cards_y, [270] * 4, self.cards_h, 20)
        self.buttons = []
        for number, ((field, key, picture), rect) in enumerate(zip(CHOICES, rects, strict=True)):
            self.buttons.append(
                PictureButton(
                    field,
                    t(key),
                    rect,
                    partial(self._toggle, field),
                    number=number + 1,
                    selected=on[field],
                    enabled=field != "read_aloud" or self._speech(),
                    why="" if self._speech() else t("settings.no_voice"),
                    picture=picture,
                    words_h=self.words_h,
                )
            )
        self.buttons.append(self._go("common.continue" if self.paged else "first.go"))
        self.focus.set(self.buttons)

    def _go(self, key: str) -> Button:
        return Button(
            "go",
            self.session.t(key),
            self.go_rect,
            self.back,
            number=1 if self.step == "controls" else 5,
            style="primary",
            role="heading",
        )

    def _plan(self) -> None:
        """Everything at full size: the heading wraps, the cards keep their words' lines, and
        when the controls' explanation no longer fits under them it has a page of its own."""
        theme, t = self.session.theme, self.session.t
        head_font, small, choice = theme.font("heading"), theme.font("small"), theme.font("choice")
        title = t("first.controls") if self.step == "controls" else t("first.title")
        lines = len(wrap(title, head_font, BOX.width - 80))
        self.head = pygame.Rect(
            BOX.x + 40, BOX.y + 14, BOX.width - 80, lines * line_height(head_font)
        )
        go_h = max(96, line_height(head_font) + 18)
        self.go_rect = pygame.Rect(BOX.centerx - 220, BOX.bottom - 16 - go_h, 440, go_h)
        said = len(wrap(controls.explained(self.session), small, BOX.width - 80))
        self.explained = pygame.Rect(BOX.x + 40, 0, BOX.width - 80, said * line_height(small))
        self.explained.bottom = self.go_rect.y - 12
        words = max(len(wrap(t(key), choice, 270 - 28)) for _, key, _ in CHOICES)
        self.words_h = words * line_height(choice)
        self.cards_y = self.head.bottom + 16
        room = self.explained.y - 12 - self.cards_y
        self.paged = room < self.words_h + 32 + 90  # a picture at least 90 px high
        bottom = self.go_rect.y - 16 if self.paged else self.explained.y - 12
        self.cards_h = min(CHOICE_H, bottom - self.cards_y)
        if self.step == "controls":  # the explanation under the heading, in body size
            body = theme.font("body")
            said = len(wrap(controls.explained(self.session), body, BOX.width - 80))
            self.explained = pygame.Rect(
                BOX.x + 40, self.cards_y, BOX.width - 80, said * line_height(body)
            )

    def _speech(self) -> bool:
        return bool(getattr(self.session.speaker, "available", False))

    def _toggle(self, field: str) -> None:
        s = self.session.settings
        value: object = not getattr(s, field)
        if field == "text_size":
            value = "large" if s.text_size in ("xlarge", "xxlarge") else "xxlarge"
        settings = Settings.model_validate(s.model_dump() | {field: value})
        self.session.apply_settings(settings)  # no player yet: this computer's
        self.layout()
        if settings.read_aloud or field == "read_aloud":
            chosen = next(b for b in self.buttons if b.key == field)
            self.speak(", ".join([chosen.label, self._state(chosen.selected)]))

    def _state(self, on: bool) -> str:
        return self.session.t("settings.yes" if on else "settings.no")

    def back(self) -> None:
        """« C'est parti »: what is ticked stays this computer's (saved as it was ticked).
        At the largest sizes the controls' explanation comes first, on its own page."""
        if self.paged and self.step == "choices":
            self.step = "controls"
            self.layout()
            self.speak(self.screen_text())
            return
        self.session.apply_settings(self.session.settings)  # saved even if nothing changed
        self.request_pop()
        if self.then is not None:
            self.then()

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        surface.fill(theme.color("panel_dark"))
        title = t("first.controls") if self.step == "controls" else t("first.title")
        titled_panel(surface, theme, BOX, title, self.head, max_lines=None, radius=32)
        draw_buttons(surface, theme, self.buttons)
        if self.step == "controls" or not self.paged:
            role, fg = (
                ("body", "panel_text") if self.step == "controls" else ("small", "panel_muted_text")
            )
            draw_text(surface, theme, controls.explained(self.session), self.explained,
                      role=role, fg=fg, align="center")  # fmt: skip

    def read_aloud_text(self) -> str:
        t = self.session.t
        if self.step == "controls":
            return f"{t('first.controls')}. {controls.explained(self.session)}"
        parts = [t("first.title")]
        parts += [f"{b.number} : {b.label}, {self._state(b.selected)}." for b in self.buttons[:4]]
        return " ".join(parts)

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.buttons[-1])
