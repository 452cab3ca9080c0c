"""A competency card: the competency's icon on its colour, its plain name, a number to press."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.theme import Theme
from game.ui.button import Button, icon_surface
from game.ui.panel import panel
from game.ui.text import draw_text


def draw_number_tag(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, number: int) -> None:
    """A card's number key, in a round tag in its top left corner."""
    tag = pygame.Rect(rect.x + 14, rect.y + 14, 44, 44)
    pygame.draw.circle(surface, theme.color("button"), tag.center, 22)
    draw_text(
        surface,
        theme,
        str(number),
        tag,
        role="heading",
        fg="button_text",
        bg="button",
        align="center",
        valign="middle",
    )


@dataclass(eq=False)
class Card(Button):
    """A selectable card; selected cards lift, get a thick border, a tick and a word."""

    competency: str = ""
    selected_label: str = ""
    label_height: int = 34  # the « Choisie » line: a small line's height at « Énorme »

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        lift = 8 if (self.selected or self.hovered or self.focused) else 0
        rect = self.rect.move(0, -lift)
        border = "focus" if self.selected else "panel_border"
        panel(surface, theme, rect, border=border, radius=20, width=6 if self.selected else 3)
        band = pygame.Rect(rect.x + 6, rect.y + 6, rect.width - 12, 84)
        color = theme.competency_color(self.competency)
        if theme.high_contrast:
            color = theme.color("panel")
        pygame.draw.rect(
            surface, color, band, border_top_left_radius=16, border_top_right_radius=16
        )
        image = icon_surface(self.competency, 76)
        if image is not None:
            surface.blit(image, image.get_rect(center=band.center))
        if self.number is not None:
            draw_number_tag(surface, theme, rect, self.number)
        text_box = pygame.Rect(
            rect.x + 16, band.bottom + 8, rect.width - 32, rect.bottom - band.bottom - 16
        )
        if self.selected:
            self._draw_selected(surface, theme, rect)
            text_box.height -= self.label_height
        draw_text(
            surface, theme, self.label, text_box, role="choice", align="center", valign="middle"
        )

    def _draw_selected(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
        tick = icon_surface("check", 40)
        if tick is not None:
            surface.blit(tick, (rect.right - 52, rect.y + 12))
        tall = self.label_height
        box = pygame.Rect(rect.x + 16, rect.bottom - tall - 10, rect.width - 32, tall)
        draw_text(
            surface,
            theme,
            self.selected_label,
            box,
            role="small",
            fg="info",
            bg="panel",
            align="center",
            valign="middle",
            max_lines=1,
        )
