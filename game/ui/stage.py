"""The stage of a scene: the place, up to two characters and the player's avatar.

:func:`place` decides where each figure stands (pure: the same staging and floor always give
the same rectangles); :class:`Stage` draws them and, when the player keeps animations on,
eases the changes: the place fades, a character who enters slides in, a face that changes
gives a small bounce, figures that move or shrink glide. Every animation advances in
:meth:`Stage.update` (the scene's ``update(dt)``), never by waiting, and :meth:`Stage.skip`
ends them all at once, so the final frame is the same with animations on or off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import pygame

from game.theme import Theme
from game.ui.images import CANVAS, background, portrait
from shared.player import Avatar
from shared.scenario.model import CAST_MAX, Ending, IdentifyNode, Line, Scenario, SceneNode

Side = Literal["left", "right"]
PLAYER_KEY = "player"
RATIO = 0.8  # a portrait's width / height (the avatar's 400 x 500 viewBox)
FULL_HEIGHT = 540  # a figure at full size (today's head-and-shoulders portrait was 430)
HIDDEN = 0.22  # the part of a figure below the dialogue box's top (the lower torso)
TOP = 40  # a figure's box never starts higher (its head starts 17 % lower)
EDGE = 40  # margin from the canvas's left and right sides
STEP = 12  # heights are rounded down to it: a few sizes to rasterise, not one per pixel
NARROW_RIGHT = 460  # with choices on the right, the figures gather left of this
NARROW_SPACING = 0.5  # two gathered figures overlap: their centres half a width apart
FADE_S = 0.45
SLIDE_S = 0.4
MOVE_S = 0.3
BOUNCE_S = 0.35
BOUNCE_PX = 14


@dataclass(frozen=True)
class Figure:
    """Someone on stage: a character (``character:<id>``) or the player (``player``)."""

    key: str
    look: Avatar
    expression: str
    side: Side
    lit: bool = True  # False: someone else speaks, this one is slightly dimmed


@dataclass(frozen=True)
class Staging:
    """What the stage shows for one moment of the story."""

    background: str | None
    figures: tuple[Figure, ...] = ()
    narrow: bool = False  # the choices take the right half: the figures gather on the left


def figure_height(floor: int) -> int:
    """The tallest figure whose face stays above the dialogue box's top (``floor``): the
    figures shrink when big text makes the box taller, the text never does."""
    fits = (floor - TOP) / (1 - HIDDEN)
    return max(STEP, int(min(FULL_HEIGHT, fits)) // STEP * STEP)


def place(staging: Staging, floor: int) -> list[tuple[Figure, pygame.Rect]]:
    """Each figure's rectangle, the lit one last (drawn in front when figures overlap)."""
    tallest = figure_height(floor)
    height = tallest
    figures = staging.figures
    if staging.narrow and len(figures) == 2:
        room = NARROW_RIGHT - EDGE
        height = min(height, int(room / ((1 + NARROW_SPACING) * RATIO)) // STEP * STEP)
    width = round(height * RATIO)
    # smaller figures stand higher (their feet on the box, not their faces behind the
    # speaker's name tag), never higher than the tallest would
    top = max(floor - round(tallest * (1 - HIDDEN)), floor - height)
    placed = []
    for figure in figures:
        if figure.side == "left" or (staging.narrow and len(figures) == 1):
            x = EDGE
        elif staging.narrow:
            x = NARROW_RIGHT - width
        else:
            x = CANVAS[0] - EDGE - width
        placed.append((figure, pygame.Rect(x, top, width, height)))
    return sorted(placed, key=lambda item: item[0].lit)


@dataclass
class Tween:
    """Time spent over a duration; ``progress`` eases out (fast start, gentle landing)."""

    duration: float
    elapsed: float = 0.0

    def update(self, dt: float) -> None:
        self.elapsed = min(self.duration, self.elapsed + dt)

    @property
    def done(self) -> bool:
        return self.elapsed >= self.duration

    @property
    def linear(self) -> float:
        return self.elapsed / self.duration if self.duration else 1.0

    @property
    def progress(self) -> float:
        return 1 - (1 - self.linear) ** 3


@dataclass
class _Shown:
    """A figure on stage, where it is going and what it is doing."""

    figure: Figure
    rect: pygame.Rect
    start: pygame.Rect
    move: Tween | None = None
    bounce: Tween | None = None

    def tweens(self) -> list[Tween]:
        return [t for t in (self.move, self.bounce) if t is not None]

    def current(self) -> pygame.Rect:
        """Where it stands this frame (between ``start`` and ``rect`` while it moves)."""
        if self.move is None or self.move.done:
            rect = self.rect.copy()
        else:
            p = self.move.progress
            rect = pygame.Rect(
                *(round(a + (b - a) * p) for a, b in zip(self.start, self.rect, strict=True))
            )
        if self.bounce is not None and not self.bounce.done:
            rect.y -= round(BOUNCE_PX * math.sin(math.pi * self.bounce.linear))
        return rect


@dataclass
class Stage:
    """Draws a :class:`Staging` and animates from one staging to the next."""

    background: str | None = None
    shown: dict[str, _Shown] = field(default_factory=dict)
    fade_from: str | None = None
    fade: Tween | None = None
    _started: bool = False

    def show(self, staging: Staging, floor: int, animate: bool) -> None:
        """Go to ``staging``; cheap when nothing changed (it is called every frame)."""
        if not self._started or staging.background != self.background:
            if animate and self._started:
                self.fade_from, self.fade = self.background, Tween(FADE_S)
            self.background = staging.background
        placed = place(staging, floor)
        keys = {figure.key for figure, _ in placed}
        for key in [key for key in self.shown if key not in keys]:
            del self.shown[key]  # who leaves is gone at once: the eye follows who comes
        order: dict[str, _Shown] = {}
        for figure, rect in placed:
            order[figure.key] = self._arrive(figure, rect, animate)
        self.shown = order
        self._started = True

    def _arrive(self, figure: Figure, rect: pygame.Rect, animate: bool) -> _Shown:
        """The figure as it now stands, with the animation its change calls for."""
        before = self.shown.get(figure.key)
        if before is None:
            start = rect.move(-rect.right if figure.side == "left" else CANVAS[0] - rect.x, 0)
            slide = Tween(SLIDE_S) if animate else None
            return _Shown(figure, rect, start, move=slide)
        shown = before
        if rect != shown.rect:
            shown.start = shown.current() if animate else rect
            shown.move = Tween(MOVE_S) if animate else None
            shown.rect = rect
        if figure.expression != shown.figure.expression and animate:
            shown.bounce = Tween(BOUNCE_S)
        shown.figure = figure
        return shown

    def update(self, dt: float) -> None:
        for tween in self._tweens():
            tween.update(dt)

    def skip(self) -> None:
        """Any input: every animation jumps to its end."""
        for tween in self._tweens():
            tween.elapsed = tween.duration

    @property
    def done(self) -> bool:
        return all(tween.done for tween in self._tweens())

    def _tweens(self) -> list[Tween]:
        tweens = [t for shown in self.shown.values() for t in shown.tweens()]
        return tweens + ([self.fade] if self.fade is not None else [])

    def rest_key(self) -> tuple[object, ...]:
        """Everything a frame at rest shows (the place, each figure with its look, face,
        dimming and rectangle, in drawing order): a kept drawing is good while it is equal."""
        return (self.background, tuple((s.figure, tuple(s.rect)) for s in self.shown.values()))

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        self._draw_background(surface, theme)
        for shown in self.shown.values():
            self._draw_figure(surface, shown)

    def _draw_background(self, surface: pygame.Surface, theme: Theme) -> None:
        now = background(theme, self.background)
        if self.fade is None or self.fade.done:
            surface.blit(now, (0, 0))
            return
        surface.blit(background(theme, self.fade_from), (0, 0))
        now.set_alpha(round(255 * self.fade.linear))
        try:
            surface.blit(now, (0, 0))
        finally:
            now.set_alpha(None)  # the surface is cached: leave it as it was

    def _draw_figure(self, surface: pygame.Surface, shown: _Shown) -> None:
        figure = shown.figure
        rect = shown.current()
        image = portrait(figure.look, shown.rect.size, figure.expression, dim=not figure.lit)
        if rect.size != shown.rect.size:  # gliding to a new size: scaled, not re-drawn
            image = pygame.transform.smoothscale(image, rect.size)
        surface.blit(image, rect.topleft)


def staging_for(
    scenario: Scenario,
    node: SceneNode | IdentifyNode | Ending,
    said: list[Line],
    player_look: Avatar,
    narrow: bool = False,
) -> Staging:
    """Who stands where, with which face, once the lines ``said`` have been shown.

    ``cast`` omitted: the speaker of the last line alone, as before staging existed. Each
    character's face is that of their last line (neutral until they speak); a line with no
    speaker is the player's thought when the player is on stage, so it sets the player's face.
    """
    where = node.background or scenario.place.background
    if isinstance(node, IdentifyNode):
        return Staging(where)
    last = said[-1].speaker if said else None
    cast = node.cast if node.cast is not None else ([last] if last else [])
    faces: dict[str, str] = {}
    for line in said:
        faces[f"character:{line.speaker}" if line.speaker else PLAYER_KEY] = line.expression
    speaking = f"character:{last}" if last else (PLAYER_KEY if node.player and said else None)
    looks = {character.id: character.look for character in scenario.characters}
    people = [(f"character:{c}", looks[c]) for c in cast if c in looks][:CAST_MAX]
    if node.player:
        people = [*people[: CAST_MAX - 1], (PLAYER_KEY, player_look)]
    sides: tuple[Side, ...] = (
        ("left", "right") if len(people) == 2 or not node.player else ("right",)
    )
    figures = tuple(
        Figure(key, look, faces.get(key, "neutral"), side, speaking in (None, key))
        for (key, look), side in zip(people, sides, strict=False)
    )
    return Staging(where, figures, narrow)
