"""A screen's still drawing kept on a surface: drawn once, blitted every frame.

The town map draws a full-window town, a header with a portrait and the progress, and a
dozen places with their pictures, rings and wrapped signs: about 10 ms a frame (50 ms on a
loaded machine) for pixels that change only when the page, the text size, the font, the
contrast, the language or a status does. So the screen is drawn once onto a surface with
every button at rest, and each frame blits that surface, then draws again only the few
buttons that move (hovered or focused: lifted a few pixels), inside the area they can
touch, from the background kept without buttons. What is shown is the same, to the pixel,
as drawing everything each frame (tests compare the two).

While the theme records its texts (the read-aloud log, the layout tests) everything is
drawn as before, so that log stays complete and in drawing order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import pygame

from game.theme import Theme
from game.ui.button import Button

Painter = Callable[[pygame.Surface], None]
LIVELY = frozenset({"hovered", "focused", "action"})  # what a frame may change; the rest is kept
REACH = 10  # how far a button's drawing (shadow, status disc, flag) may go beyond its rect
LIFT = 4  # how high a hovered or focused button is drawn above its rect
_STILL_FIELDS: dict[type[Button], tuple[str, ...]] = {}


@dataclass(frozen=True)
class Parts:
    """A screen's drawing in its order: ``under`` the buttons, the buttons, ``over`` them."""

    theme: Theme
    buttons: Sequence[Button]
    under: Painter
    over: Painter

    def paint(self, surface: pygame.Surface, buttons: Sequence[Button], under: bool) -> None:
        """``buttons`` (some of them, or all) between the two painters; ``under`` or not."""
        if under:
            self.under(surface)
        for button in buttons:
            button.draw(surface, self.theme)
        self.over(surface)


def rest_look(buttons: Sequence[Button]) -> tuple[object, ...]:
    """Everything that decides how ``buttons`` look at rest (not hovered, not focused)."""
    return tuple(
        (type(button), *(_frozen(getattr(button, name)) for name in _still(type(button))))
        for button in buttons
    )


def _still(kind: type[Button]) -> tuple[str, ...]:
    """A kind of button's fields that a frame does not change (read once per kind)."""
    if kind not in _STILL_FIELDS:
        _STILL_FIELDS[kind] = tuple(f.name for f in fields(kind) if f.name not in LIVELY)
    return _STILL_FIELDS[kind]


def _frozen(value: object) -> object:
    """A copy that later changes to ``value`` (a rect moved in place) do not reach."""
    if isinstance(value, pygame.Rect):
        return tuple(value)
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


def reach(button: Button) -> pygame.Rect:
    """Every pixel ``button`` may draw, at rest or lifted."""
    rect = button.rect
    return pygame.Rect(
        rect.x - REACH,
        rect.y - LIFT - REACH,
        rect.width + 2 * REACH,
        rect.height + LIFT + 2 * REACH,
    )


class StillLayer:
    """The still part of one screen, rebuilt when its ``key`` changes."""

    def __init__(self) -> None:
        self._key: object = None
        self._under: pygame.Surface | None = None  # what lies under the buttons
        self._whole: pygame.Surface | None = None  # and the buttons at rest over it
        self.builds = 0  # how many times it was drawn anew (tests read it)

    def release(self) -> None:
        """Drop the two window-sized surfaces (~7 MB at 1280x720) when the screen closes:
        a closed scene may wait in a reference cycle until the next full collection, and
        its kept drawing with it. The next ``draw`` builds them again."""
        self._key = self._under = self._whole = None

    def draw(self, surface: pygame.Surface, key: object, parts: Parts) -> None:
        """Draw ``parts`` on ``surface``, from the kept surfaces while ``key`` (and the
        buttons' look at rest) stays the same."""
        if parts.theme.record:
            parts.paint(surface, parts.buttons, under=True)
            return
        key = (key, surface.get_size(), rest_look(parts.buttons))
        if self._whole is None or self._under is None or key != self._key:
            self._whole, self._under = self._build(surface, parts)
            self._key = key
        surface.blit(self._whole, (0, 0))
        for button in parts.buttons:
            if button.hovered or button.focused:
                self._redraw(surface, self._under, reach(button), parts)

    def _build(
        self, surface: pygame.Surface, parts: Parts
    ) -> tuple[pygame.Surface, pygame.Surface]:
        """The screen with every button at rest, and what lies under the buttons."""
        self.builds += 1
        under = pygame.Surface(surface.get_size(), 0, surface)
        parts.under(under)
        if not parts.buttons:  # nothing is ever drawn again over it: one surface, not two
            return under, under
        whole = under.copy()
        lively = [(button, button.hovered, button.focused) for button in parts.buttons]
        try:
            for button in parts.buttons:
                button.hovered = button.focused = False
            parts.paint(whole, parts.buttons, under=False)
        finally:
            for button, hovered, focused in lively:
                button.hovered, button.focused = hovered, focused
        return whole, under

    @staticmethod
    def _redraw(
        surface: pygame.Surface, under: pygame.Surface, area: pygame.Rect, parts: Parts
    ) -> None:
        """``area`` drawn again as a whole frame would draw it: the kept background, then
        every button that reaches into it, then what goes over them, clipped to it."""
        clip = surface.get_clip()
        area = area.clip(clip)
        surface.set_clip(area)
        try:
            surface.blit(under, area.topleft, area)
            near = [button for button in parts.buttons if reach(button).colliderect(area)]
            parts.paint(surface, near, under=False)
        finally:
            surface.set_clip(clip)
