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
from game.ui.panel import panel
from game.ui.text import draw_text
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
        art_box = pygame.Rect(rect.x + 20, rect.y + 20, rect.width - 40, 150)
        if self.picture is not None:
            self.picture(surface, art_box, theme)
        fill, fg = ("accent", "accent_text") if self.selected else ("panel", "panel_text")
        words = pygame.Rect(
            rect.x + 14, art_box.bottom + 8, rect.width - 28, rect.bottom - art_box.bottom - 20
        )
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


def _speaker(surface: pygame.Surface, box: pygame.Rect, theme: Theme) -> None:
    image = icon_surface("speaker", 130)
    if image is not None:
        surface.blit(image, image.get_rect(center=box.center))


def _big_text(surface: pygame.Surface, box: pygame.Rect, theme: Theme) -> None:
    small = pygame.font.Font(str(art.font_path(True)), 46).render("A", True, theme.color("ink"))
    big = pygame.font.Font(str(art.font_path(True)), 120).render("A", True, theme.color("ink"))
    surface.blit(small, small.get_rect(bottomright=(box.centerx - 10, box.bottom - 18)))
    surface.blit(big, big.get_rect(bottomleft=(box.centerx + 4, box.bottom + 6)))


def _contrast(surface: pygame.Surface, box: pygame.Rect, theme: Theme) -> None:
    circle = pygame.Rect(0, 0, 130, 130)
    circle.center = box.center
    pygame.draw.circle(surface, (255, 255, 255), circle.center, 65)
    pygame.draw.circle(
        surface, (0, 0, 0), circle.center, 65, draw_top_left=True, draw_bottom_left=True
    )
    pygame.draw.circle(surface, (0, 0, 0), circle.center, 65, 5)


def _dyslexia(surface: pygame.Surface, box: pygame.Rect, theme: Theme) -> None:
    font = pygame.font.Font(str(art.font_path(False, True)), 72)
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
        rects = row(BOX.x + 30, BOX.y + 130, [270] * 4, CHOICE_H, 20)
        self.buttons: list[Button] = []
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
                )
            )
        self.buttons.append(
            Button(
                "go",
                t("first.go"),
                pygame.Rect(BOX.centerx - 220, BOX.bottom - 116, 440, 96),
                self.back,
                number=5,
                style="primary",
                role="heading",
            )
        )
        self.focus.set(self.buttons)

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
        """« C'est parti »: what is ticked stays this computer's (saved as it was ticked)."""
        self.session.apply_settings(self.session.settings)  # saved even if nothing changed
        self.request_pop()
        if self.then is not None:
            self.then()

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        surface.fill(theme.color("panel_dark"))
        panel(surface, theme, BOX, radius=32, width=4)
        draw_text(
            surface,
            theme,
            t("first.title"),
            pygame.Rect(BOX.x + 40, BOX.y + 14, BOX.width - 80, 104),
            role="heading",
            align="center",
            valign="middle",
        )
        draw_buttons(surface, theme, self.buttons)
        draw_text(
            surface,
            theme,
            controls.explained(self.session),
            pygame.Rect(BOX.x + 40, BOX.y + 470, BOX.width - 80, 80),
            role="small",
            fg="panel_muted_text",
            align="center",
        )

    def read_aloud_text(self) -> str:
        t = self.session.t
        parts = [t("first.title")]
        parts += [f"{b.number} : {b.label}, {self._state(b.selected)}." for b in self.buttons[:4]]
        return " ".join(parts)

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.buttons[-1])
