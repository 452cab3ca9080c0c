"""The competency wheel: what this scenario revealed, and the player's whole progress, in
level words (never a score)."""

from __future__ import annotations

import dataclasses
import math
import random

import pygame

from game.scene import Action, Press, Scene
from game.scenes.run import Run
from game.ui.button import Button, draw_buttons, icon_surface
from game.ui.chrome import toolbar
from game.ui.images import background
from game.ui.panel import panel
from game.ui.text import draw_text, line_height, wrap
from shared.errors import DivaError

# The list of what was shown (read first) on the left, the wheel and its key on the right,
# the way on at the bottom right. The list has the full height so long names wrap on two
# lines at full size instead of shrinking.
SIDE = pygame.Rect(40, 110, 644, 590)
WHEEL_BOX = pygame.Rect(700, 110, 540, 500)
KEY_BOX = pygame.Rect(716, 514, 508, 88)  # filled vs outlined swatch, in words
SHOWN_MAX = 8  # rows the end screen lists (8 fit at « très grand », 2 px smaller); diva-scenario
# validate refuses a scenario where a play-through shows more, which would be lost here
CENTER = (970, 306)
RADIUS = 132
INNER = 36
ICON_DISTANCE = RADIUS + 34
ROW_GAP = 4
ICON = 42
ICON_COLUMN = 56


def sector_angle(index: int, count: int) -> float:
    """The middle of sector ``index`` (radians, clockwise from the top): its icon sits there."""
    step = 2 * math.pi / count
    return -math.pi / 2 + (index + 0.5) * step


def icon_center(index: int, count: int) -> tuple[int, int]:
    angle = sector_angle(index, count)
    return (
        round(CENTER[0] + ICON_DISTANCE * math.cos(angle)),
        round(CENTER[1] + ICON_DISTANCE * math.sin(angle)),
    )


class SummaryScene(Scene):
    """``run`` is None for « my journey » from the map (whole progress only)."""

    def __init__(self, session, run: Run | None) -> None:  # noqa: ANN001
        super().__init__(session)
        self.run = run
        self.levels: dict[str, int] = {}
        self.buttons: list[Button] = []

    def enter(self) -> None:
        self.levels = self._profile_levels()
        if self.run is not None:
            self.session.last_run = dataclasses.asdict(self.run)
            self.session.sound("chime")  # a scenario just ended: a small « well done »
            if self.run.practice and self.session.player is not None:
                self.session.finish_tutorial()
        super().enter()
        self.auto_speak()

    def _profile_levels(self) -> dict[str, int]:
        """Suggested level per competency from everything the player did (store), plus this run."""
        levels = dict(self.run.shown) if self.run else {}
        player = self.session.player
        if player is None or (self.run is not None and self.run.practice):
            return levels
        try:
            profile = self.session.store.profile(player.id, list(self.session.framework.by_id))
        except DivaError:
            return levels
        for item in profile.competencies:
            if item.suggested_level:
                levels[item.competency] = max(levels.get(item.competency, 0), item.suggested_level)
            if item.confirmed_level:
                levels[item.competency] = max(levels.get(item.competency, 0), item.confirmed_level)
        return levels

    def layout(self) -> None:
        self.buttons = toolbar(self, back=False)
        self.buttons.append(
            Button(
                "map",
                self.session.t("summary.back_to_map"),
                pygame.Rect(WHEEL_BOX.x, 622, WHEEL_BOX.width, 88),
                self.back,
                number=1,
                style="primary",
                role="heading",
            )
        )
        self.focus.set(self.buttons)

    def shown_here(self) -> list[tuple[str, int]]:
        if self.run is None:
            return sorted(((c, lv) for c, lv in self.levels.items() if lv), key=lambda x: -x[1])
        return [(c, lv) for c, lv in self.run.shown.items()]

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        surface.blit(background(theme, "images/backgrounds/ville.svg"), (0, 0))
        panel(surface, theme, WHEEL_BOX, radius=28)
        self._draw_wheel(surface)
        self._draw_key(surface)
        head = pygame.Rect(104, 16, 990, 80)
        panel(surface, theme, head, radius=24)
        title = (
            t("summary.title") if self.run is None else (self.run.ending_title or t("summary.done"))
        )
        draw_text(
            surface,
            theme,
            title,
            head.inflate(-40, -8),
            role="heading",
            align="center",
            valign="middle",
            max_lines=1,
        )
        self._draw_side(surface)
        draw_buttons(surface, theme, self.buttons)

    def here_levels(self) -> dict[str, int]:
        """This scenario's competencies (0 when identified without a level)."""
        return dict(self.shown_here()) if self.run is not None else {}

    def _draw_wheel(self, surface: pygame.Surface) -> None:
        """Filled parts: the whole progress; thick outlines: what this scenario showed."""
        theme = self.session.theme
        ids = list(self.session.framework.by_id)
        here = self.here_levels()
        step = 2 * math.pi / len(ids)
        for ring in range(1, 5):
            pygame.draw.circle(surface, theme.color("panel_border"), CENTER, self._radius(ring), 2)
        for index, competency in enumerate(ids):
            start = -math.pi / 2 + index * step
            level = self.levels.get(competency, 0)
            if level:
                wedge = self._wedge(start, step, self._radius(level))
                pygame.draw.polygon(surface, theme.competency_color(competency), wedge)
                pygame.draw.polygon(surface, theme.color("ink"), wedge, 2)
        for index, competency in enumerate(ids):
            if competency in here:
                start = -math.pi / 2 + index * step
                outline = self._wedge(start, step, self._radius(max(1, here[competency])))
                pygame.draw.polygon(surface, theme.color("focus"), outline, 6)
            self._draw_icon(surface, competency, icon_center(index, len(ids)), competency in here)
        pygame.draw.circle(surface, theme.color("panel"), CENTER, INNER - 6)

    def _radius(self, level: int) -> int:
        return INNER + (RADIUS - INNER) * level // 4

    def _wedge(self, start: float, step: float, outer: int) -> list[tuple[float, float]]:
        points = []
        for k in range(9):
            angle = start + step * k / 8
            points.append(
                (CENTER[0] + outer * math.cos(angle), CENTER[1] + outer * math.sin(angle))
            )
        for k in range(8, -1, -1):
            angle = start + step * k / 8
            points.append(
                (CENTER[0] + INNER * math.cos(angle), CENTER[1] + INNER * math.sin(angle))
            )
        return points

    def _draw_icon(
        self, surface: pygame.Surface, competency: str, center: tuple[int, int], lit: bool
    ) -> None:
        size = 50 if lit else 40
        image = icon_surface(competency, size)
        if image is None:
            return
        if lit:
            ring = self.session.theme.color("focus")
            pygame.draw.circle(surface, ring, center, size // 2 + 6, 4)
        surface.blit(image, image.get_rect(center=center))

    def _draw_key(self, surface: pygame.Surface) -> None:
        """What filled and outlined mean, in words beside a swatch of each, drawn like the wheel:
        a small slice in the competencies' colours, or the outline this scenario draws."""
        theme, t = self.session.theme, self.session.t
        entries = [("filled", t("summary.key_progress"))]
        if self.run is not None and not self.run.practice:
            entries.append(("outlined", t("summary.key_here")))
        elif self.run is not None:
            entries = [("outlined", t("summary.key_here"))]
        width = KEY_BOX.width // len(entries)
        for number, (kind, words) in enumerate(entries):
            cell = pygame.Rect(KEY_BOX.x + number * width, KEY_BOX.y, width - 12, KEY_BOX.height)
            swatch = pygame.Rect(cell.x, cell.centery - 22, 48, 44)
            self._draw_swatch(surface, kind, swatch)
            draw_text(
                surface,
                theme,
                words,
                pygame.Rect(swatch.right + 12, cell.y, cell.right - swatch.right - 12, cell.height),
                role="small",
                valign="middle",
            )

    def _draw_swatch(self, surface: pygame.Surface, kind: str, box: pygame.Rect) -> None:
        """A slice of a wheel (apex at the bottom): filled in three competency colours, or
        outlined in the colour of « this scenario »."""
        theme = self.session.theme
        apex = (box.centerx, box.bottom - 2)
        radius = box.height - 4
        start, span = -math.pi * 3 / 4, math.pi / 2

        def slice_points(a: float, b: float) -> list[tuple[float, float]]:
            arc = [a + (b - a) * k / 6 for k in range(7)]
            return [apex] + [
                (apex[0] + radius * math.cos(x), apex[1] + radius * math.sin(x)) for x in arc
            ]

        if kind == "filled":
            ids = [c for c in self.session.framework.by_id if self.levels.get(c)]
            ids = (ids + list(self.session.framework.by_id))[:3]
            for part, competency in enumerate(ids):
                a = start + span * part / 3
                pygame.draw.polygon(
                    surface, theme.competency_color(competency), slice_points(a, a + span / 3)
                )
            pygame.draw.polygon(surface, theme.color("ink"), slice_points(start, start + span), 2)
        else:
            pygame.draw.polygon(surface, theme.color("focus"), slice_points(start, start + span), 5)

    def _draw_side(self, surface: pygame.Surface) -> None:
        """Heading, one row per competency (as tall as its words need at full size), and what
        the level words mean."""
        theme, t = self.session.theme, self.session.t
        panel(surface, theme, SIDE, radius=28)
        heading = t("summary.revealed") if self.run is not None else t("summary.journey")
        head_height = line_height(theme.font("heading"))
        draw_text(
            surface,
            theme,
            heading,
            pygame.Rect(SIDE.x + 28, SIDE.y + 10, SIDE.width - 56, head_height),
            role="heading",
            valign="middle",
            max_lines=1,
        )
        small = theme.font("small")
        step = line_height(small)
        words = t("summary.legend", low=self.session.level_word(1), high=self.session.level_word(4))
        legend_width = SIDE.width - 56
        legend_height = len(wrap(words, small, legend_width)) * step
        legend = pygame.Rect(
            SIDE.x + 28, SIDE.bottom - legend_height - 14, legend_width, legend_height
        )
        top = SIDE.y + 10 + head_height + 4
        room = pygame.Rect(SIDE.x + 24, top, SIDE.width - 48, legend.y - 12 - top)
        items = self.shown_here()[:SHOWN_MAX]
        if not items:
            draw_text(surface, theme, t("summary.nothing_yet"), room.inflate(-8, 0))
        plans = [self._item_plan(c, lv, room.width) for c, lv in items]
        heights = [max(lines * step, ICON) + 6 for _, lines in plans]
        gaps = max(1, len(items) - 1)
        gap = min(16, (room.height - sum(heights)) // gaps)
        if gap < ROW_GAP:  # too many to fit at full size: the rows share the room
            gap = ROW_GAP
            heights = [(room.height - gap * gaps) // max(1, len(items))] * len(items)
        y = room.y
        for (competency, level), (chip_width, _), height in zip(items, plans, heights, strict=True):
            self._draw_item(
                surface, competency, level, pygame.Rect(room.x, y, room.width, height), chip_width
            )
            y += height + gap
        line_y = legend.y - 8
        pygame.draw.line(
            surface,
            theme.color("panel_border"),
            (legend.x, line_y),
            (legend.right, line_y),
            2,
        )
        draw_text(surface, theme, words, legend, role="small", fg="panel_muted_text")

    def _word(self, level: int) -> str:
        return self.session.level_word(level) if level else self.session.t("summary.seen")

    def _item_plan(self, competency: str, level: int, width: int) -> tuple[int, int]:
        """(chip width, lines) for one row at full size: the level word on one line or two,
        whichever leaves the name the fewest lines."""
        font = self.session.theme.font("small")
        name, word = self.session.competency_name(competency), self._word(level)
        parts = word.split(" ")
        needs = {font.size(word)[0]}
        for cut in range(1, len(parts)):
            first, second = " ".join(parts[:cut]), " ".join(parts[cut:])
            needs.add(max(font.size(first)[0], font.size(second)[0]))
        best: tuple[int, int, int] | None = None  # (lines, name lines, chip width)
        for need in sorted(needs, reverse=True):
            chip = min(width * 45 // 100, need + 36)
            name_lines = len(wrap(name, font, width - ICON_COLUMN - 8 - chip))
            chip_lines = len(wrap(word, font, chip - 16))
            option = (max(name_lines, chip_lines), name_lines, chip)
            if best is None or option[:2] < best[:2]:
                best = option
        assert best is not None
        return best[2], best[0]

    def _draw_item(
        self,
        surface: pygame.Surface,
        competency: str,
        level: int,
        rect: pygame.Rect,
        chip_width: int,
    ) -> None:
        theme = self.session.theme
        image = icon_surface(competency, min(ICON, rect.height))
        if image is not None:
            surface.blit(image, (rect.x, rect.centery - image.get_height() // 2))
        name_box = pygame.Rect(
            rect.x + ICON_COLUMN, rect.y, rect.width - ICON_COLUMN - 8 - chip_width, rect.height
        )
        draw_text(
            surface,
            theme,
            self.session.competency_name(competency),
            name_box,
            role="small",
            valign="middle",
        )
        chip = pygame.Rect(name_box.right + 8, rect.y + 2, chip_width, rect.height - 4)
        pygame.draw.rect(surface, theme.color("success_light"), chip, border_radius=12)
        draw_text(
            surface,
            theme,
            self._word(level),
            chip.inflate(-16, -2),  # rows are 6 px taller than their lines
            role="small",
            bg="success_light",
            align="center",
            valign="middle",
        )

    def read_aloud_text(self) -> str:
        """Title, what was shown with its level word, then what the wheel's marks mean."""
        t = self.session.t
        title = (
            t("summary.title") if self.run is None else (self.run.ending_title or t("summary.done"))
        )
        heading = t("summary.revealed") if self.run is not None else t("summary.journey")
        parts = [title, heading]
        for competency, level in self.shown_here():
            word = self.session.level_word(level) if level else t("summary.seen")
            parts.append(f"{self.session.competency_name(competency)} : {word}")
        if not self.shown_here():
            parts.append(t("summary.nothing_yet"))
        low, high = self.session.level_word(1), self.session.level_word(4)
        parts.append(t("summary.legend", low=low, high=high))
        return ". ".join(parts)

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.focus.find("map"))  # type: ignore[arg-type]
