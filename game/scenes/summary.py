"""The competency wheel: what the player's choices showed in this scenario and in all their
play, and what they recognised themselves, in words (never a score, never a level).

The game suggests, people confirm: a level is the counsellor's and the young person's to
confirm from real experiences, so this screen never shows one the game inferred. A level
confirmed in the skill map is said as such (« Confirmée en entretien »).
"""

from __future__ import annotations

import dataclasses
import math
import random
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.input import LOGICAL_SIZE
from game.scene import Action, Press, Scene
from game.scenes.run import Run
from game.theme import Theme
from game.ui.button import Button, draw_buttons, icon_surface
from game.ui.chrome import toolbar
from game.ui.images import background
from game.ui.pager import pack
from game.ui.panel import panel, titled_panel
from game.ui.picker import ArrowButton
from game.ui.text import draw_text, line_height, wrap
from shared.errors import DivaError

if TYPE_CHECKING:
    from game.session import Session

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
JOURNEY_PAGE = 5  # « Mon parcours » lists all ten competencies, five to a page at most
PAGE_ARROW = (56, 56)
LEGEND_RULE = 16  # the line above the legend, and its margins
HEAD = pygame.Rect(104, 8, 990, 98)  # the title's panel: one heading line at « Énorme »


@dataclasses.dataclass
class SidePlan:
    """Where the list's parts go at the current text size: its heading, the room for the
    rows, the legend below, and the rows on each page (as many as fit at full size)."""

    heading: pygame.Rect
    room: pygame.Rect
    pager: pygame.Rect  # « Page 1 / 2 » and the arrows (no height on a single page)
    legend: pygame.Rect
    pages: list[list[tuple[str, int, int, int]]]  # (competency, count, chip width, height)


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


@dataclasses.dataclass(eq=False)
class WheelIcon(Button):
    """A competency's icon on the wheel, pressable: pointed at or focused, its name and what
    the player's choices showed appear in a bubble beside it (the wheel's words)."""

    words: str = ""

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not (self.hovered or self.focused):
            return  # the wheel draws the icon itself
        font = theme.font("small")
        width = min(420, max(font.size(part)[0] for part in (self.label, self.words)) + 32)
        bubble = pygame.Rect(0, 0, width, 2 * line_height(font) + 20)
        bubble.midtop = (self.rect.centerx, self.rect.bottom + 6)
        bubble.clamp_ip(WHEEL_BOX.inflate(-8, -8))
        panel(surface, theme, bubble, fill="panel_dark", border="panel_dark", radius=14)
        for row, text in enumerate((self.label, self.words)):
            line = pygame.Rect(
                bubble.x + 16,
                bubble.y + 10 + row * line_height(font),
                width - 32,
                line_height(font),
            )
            draw_text(
                surface,
                theme,
                text,
                line,
                role="small",
                fg="panel_dark_text",
                bg="panel_dark",
                max_lines=1,
            )


class SummaryScene(Scene):
    """``run`` is None for « my journey » from the map (whole progress only)."""

    def __init__(self, session: Session, run: Run | None) -> None:
        super().__init__(session)
        self.run = run
        self.levels: dict[str, int] = {}  # how full each part of the wheel is (1-4)
        self.counts: dict[str, int] = {}  # competency -> choices that showed it
        self.recognised: set[str] = set()  # competencies the player recognised
        self.confirmed: dict[str, int] = {}  # levels confirmed with the counsellor
        self.page = 0
        self.buttons: list[Button] = []
        self.side: SidePlan | None = None

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
        """How full each part of the wheel is: how many choices showed the competency, in
        this run and in everything the player did (store), up to 4. Also keeps the counts,
        what the player recognised and what a counsellor confirmed, for the words."""
        run = self.run
        self.counts = dict(run.times) if run else {}
        self.recognised = set(run.recognised) if run else set()
        player = self.session.player
        if player is not None and not (run is not None and run.practice):
            try:
                profile = self.session.store.profile(player.id, list(self.session.framework.by_id))
            except DivaError:
                profile = None
            for item in profile.competencies if profile is not None else []:
                if run is None:  # the whole journey; a run's rows are that run's
                    self.counts[item.competency] = item.evidence
                    if item.recognised:
                        self.recognised.add(item.competency)
                if item.confirmed_level:
                    self.confirmed[item.competency] = item.confirmed_level
                self.levels[item.competency] = min(4, item.evidence)
        for competency, count in (run.times if run else {}).items():
            self.levels[competency] = max(self.levels.get(competency, 0), min(4, count))
        return {c: lv for c, lv in self.levels.items() if lv}

    def layout(self) -> None:
        self.buttons = toolbar(self, back=False)
        self.side = side = self._plan_side()
        self.page = min(self.page, len(side.pages) - 1)
        if len(side.pages) > 1:  # the rows that do not fit at full size are on other pages
            y = side.pager.y + 2
            for key, step, x in (
                ("page:previous", -1, SIDE.right - 2 * PAGE_ARROW[0] - 28),
                ("page:next", 1, SIDE.right - PAGE_ARROW[0] - 16),
            ):
                label = self.session.t("map.previous_page" if step < 0 else "map.next_page")
                self.buttons.append(
                    ArrowButton(
                        key,
                        label,
                        pygame.Rect((x, y), PAGE_ARROW),
                        partial(self.turn, step),
                        step=step,
                    )
                )
        ids = list(self.session.framework.by_id)
        for index, competency in enumerate(ids):
            center = icon_center(index, len(ids))
            self.buttons.append(
                WheelIcon(
                    f"wheel:{competency}",
                    self.session.competency_name(competency),
                    pygame.Rect(center[0] - 28, center[1] - 28, 56, 56),
                    partial(self._point_at, competency),
                    words=self._word(competency, self.counts.get(competency, 0)),
                )
            )
        self.buttons.append(
            Button(
                "map",
                self.session.t("summary.back_to_map"),
                self._map_rect(),
                self.back,
                number=1,
                style="primary",
                role="heading",
            )
        )
        self.focus.set(self.buttons)

    def _map_rect(self) -> pygame.Rect:
        """« Retour à la carte », below the wheel: as tall as a heading line needs."""
        head = self.session.theme.font("heading")
        tall = max(88, line_height(head) + 18)
        top = min(622, LOGICAL_SIZE[1] - 2 - tall)
        words = head.size(self.session.t("summary.back_to_map"))[0] + 28 + 84  # and its badge
        wide = min(LOGICAL_SIZE[0] - 8 - WHEEL_BOX.x, max(WHEEL_BOX.width, words))
        return pygame.Rect(WHEEL_BOX.x, top, wide, tall)

    def _rows(self) -> list[tuple[str, int]]:
        """Every row the list has: (competency, choices that showed it). The whole journey,
        or this run's competencies and those the player recognised."""
        if self.run is None:
            return self.journey()
        rows = list(self.run.times.items())
        rows += [(c, 0) for c in self.run.recognised if c not in self.run.times]
        return rows

    def _plan_side(self) -> SidePlan:
        """The list at full size: the heading wraps, each row is as tall as its words, and
        the rows that do not fit go on the next page (never shrunk, never cut)."""
        theme, t = self.session.theme, self.session.t
        head_font, small = theme.font("heading"), theme.font("small")
        step = line_height(small)
        words = t("summary.revealed") if self.run is not None else t("summary.journey")
        lines = len(wrap(words, head_font, SIDE.width - 56))
        heading = pygame.Rect(
            SIDE.x + 28, SIDE.y + 10, SIDE.width - 56, lines * line_height(head_font)
        )
        top = heading.bottom + 4
        width = SIDE.width - 48
        rows = self._rows()
        plans = [self._item_plan(c, n, width) for c, n in rows]
        heights = [max(lines * step, ICON) + 6 for _, lines in plans]
        most = JOURNEY_PAGE if self.run is None else SHOWN_MAX
        said = len(wrap(self._legend_words(), small, SIDE.width - 56)) * step
        legend = pygame.Rect(SIDE.x + 28, SIDE.bottom - said - 14, SIDE.width - 56, said)
        room = pygame.Rect(SIDE.x + 24, top, width, legend.y - 12 - top)
        chunks = pack(heights, room.height, ROW_GAP, most)
        pager = pygame.Rect(SIDE.x + 28, legend.y - 8, SIDE.width - 56, 0)
        if len(chunks) > 1:  # « Page 1 / 2 » and the arrows above the legend, on every page
            pager = pygame.Rect(SIDE.x + 28, legend.y - PAGE_ARROW[1] - 14, pager.width, 60)
            room.height = pager.y - 8 - top
            chunks = pack(heights, room.height, ROW_GAP, most)
            # or the pager at the bottom and the legend after the last page's rows, when that
            # saves pages (« Énorme »: the legend's lines leave room for more rows)
            low = pygame.Rect(SIDE.x + 28, SIDE.bottom - 14 - 60, pager.width, 60)
            fewer = pack(heights, low.y - 12 - top, ROW_GAP, most)
            used = sum(heights[i] + ROW_GAP for i in fewer[-1])
            if used + said + LEGEND_RULE > low.y - 12 - top:
                fewer.append([])
            if len(fewer) < len(chunks):
                pager, room.height, chunks = low, low.y - 12 - top, fewer
                legend = pygame.Rect(legend.x, 0, legend.width, said)  # placed on its page
                chunks[-1].append(len(rows))
        rows.append(("", 0))  # the legend, on the last page when the rows are paged
        plans.append((0, 0))
        heights.append(said + LEGEND_RULE)
        pages = [
            [(rows[i][0], rows[i][1], plans[i][0], heights[i]) for i in chunk] for chunk in chunks
        ]
        return SidePlan(heading, room, pager, legend, pages)

    def _point_at(self, competency: str) -> None:
        """A wheel icon pressed: its name and words said (they are shown in its bubble)."""
        self.session.say(
            f"{self.session.competency_name(competency)} : "
            + self._word(competency, self.counts.get(competency, 0))
        )

    def turn(self, step: int) -> None:
        pages = len(self.side.pages) if self.side is not None else 1
        self.page = (self.page + step) % pages
        self.session.sound("page")
        self.layout()
        self.auto_speak()

    def handle(self, event: pygame.event.Event) -> bool:
        keys = {pygame.K_PAGEDOWN: 1, pygame.K_PAGEUP: -1}
        many = self.side is not None and len(self.side.pages) > 1
        if many and event.type == pygame.KEYDOWN and event.key in keys:
            self.turn(keys[event.key])
            return True
        return super().handle(event)

    def journey(self) -> list[tuple[str, int]]:
        """All the framework's competencies, in the wheel's order, with their counts."""
        return [(c, self.counts.get(c, 0)) for c in self.session.framework.by_id]

    def shown_here(self) -> list[tuple[str, int]]:
        """The rows listed: (competency, choices that showed it). This run's, or the page
        of the whole journey shown."""
        side = self.side or self._plan_side()
        page = side.pages[min(self.page, len(side.pages) - 1)]
        return [(competency, count) for competency, count, _, _ in page if competency]

    def title(self) -> str:
        """The scenario's title (the ending's own words are in the story), or « Mon parcours »."""
        t = self.session.t
        if self.run is None:
            return t("summary.title")
        return self.run.title or self.run.ending_title or t("summary.done")

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        surface.blit(background(theme, "images/backgrounds/ville.svg"), (0, 0))
        panel(surface, theme, WHEEL_BOX, radius=28)
        self._draw_wheel(surface)
        self._draw_key(surface)
        titled_panel(surface, theme, HEAD, self.title(), HEAD.inflate(-40, -6), radius=24, width=3)
        self._draw_side(surface)
        draw_buttons(surface, theme, self.buttons)

    def here_levels(self) -> dict[str, int]:
        """This scenario's competencies, how full their outline is (0: recognised only)."""
        return {c: min(4, n) for c, n in self._rows()} if self.run is not None else {}

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
        for (kind, words), cell in zip(entries, self._key_cells(entries), strict=True):
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

    def _key_cells(self, entries: list[tuple[str, str]]) -> list[pygame.Rect]:
        """Side by side when each entry's words fit their cell at full size; else one below
        the other, on one line each, the box growing up towards the wheel (never shrunk)."""
        font = self.session.theme.font("small")
        width = KEY_BOX.width // len(entries)
        room = width - 12 - 60  # the cell less its swatch
        lines = max(len(wrap(words, font, room)) for _, words in entries)
        if lines * line_height(font) <= KEY_BOX.height:
            return [
                pygame.Rect(KEY_BOX.x + n * width, KEY_BOX.y, width - 12, KEY_BOX.height)
                for n in range(len(entries))
            ]
        tall = max(48, line_height(font))
        top = KEY_BOX.bottom - tall * len(entries)
        return [
            pygame.Rect(KEY_BOX.x, top + n * tall, KEY_BOX.width, tall) for n in range(len(entries))
        ]

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
        """Heading, one row per competency on this page (as tall as its words need at full
        size), and what the level words mean."""
        theme, t = self.session.theme, self.session.t
        side = self.side or self._plan_side()
        panel(surface, theme, SIDE, radius=28)
        heading = t("summary.revealed") if self.run is not None else t("summary.journey")
        draw_text(surface, theme, heading, side.heading, role="heading", valign="middle")
        room, legend = side.room, side.legend
        items = side.pages[min(self.page, len(side.pages) - 1)]
        if not items:
            draw_text(surface, theme, t("summary.nothing_yet"), room.inflate(-8, 0))
        gaps = max(1, len(items) - 1)
        gap = max(ROW_GAP, min(16, (room.height - sum(i[3] for i in items)) // gaps))
        y = room.y
        for competency, count, chip_width, height in items:
            if not competency:  # the legend, after the last page's rows
                legend = pygame.Rect(legend.x, y + LEGEND_RULE, legend.width, legend.height)
                break
            box = pygame.Rect(room.x, y, room.width, height)
            self._draw_item(surface, competency, count, box, chip_width)
            y += height + gap
        else:
            if legend.y == 0:  # the legend goes after the last page's rows: not this page
                legend = pygame.Rect(legend.x, 0, legend.width, 0)
        line_y = legend.y - 8
        if legend.height:
            pygame.draw.line(
                surface, theme.color("panel_border"), (legend.x, line_y), (legend.right, line_y), 2
            )
        if len(side.pages) > 1:
            page = t("map.page", page=self.page + 1, pages=len(side.pages))
            label = side.pager.copy()
            label.width -= self._arrows_width()
            draw_text(surface, theme, page, label, role="small", valign="middle", max_lines=1)
        if legend.height:
            words = self._legend_words()
            draw_text(surface, theme, words, legend, role="small", fg="panel_muted_text")

    def _arrows_width(self) -> int:
        return 2 * PAGE_ARROW[0] + 24

    def legend(self) -> str:
        """« Page 1 / 2 » when the rows are on several pages, then the legend's words."""
        words = self._legend_words()
        pages = len(self.side.pages) if self.side is not None else 1
        if pages > 1:
            return self.session.t("map.page", page=self.page + 1, pages=pages) + ". " + words
        return words

    def _legend_words(self) -> str:
        """What the marks mean, in words; after a scenario, first what the player recognised.
        Never a level: those are confirmed with a person."""
        t = self.session.t
        words = t("summary.legend")
        if self.run is not None and self.run.asked:
            found = t("summary.recognised", right=self.run.right, asked=self.run.asked)
            return f"{found} {words}"
        return words

    def _word(self, competency: str, count: int) -> str:
        """In words: a level confirmed with the counsellor, else how many choices showed it
        and whether the player recognised it; never a level the game inferred."""
        t = self.session.t
        if competency in self.confirmed:
            return t("summary.confirmed")
        recognised = competency in self.recognised
        if count:
            key = "summary.shown_recognised" if recognised else "summary.shown_times"
            return t(key, n=count)
        return t("summary.seen") if recognised else t("summary.not_yet")

    def _item_plan(self, competency: str, level: int, width: int) -> tuple[int, int]:
        """(chip width, lines) for one row at full size: the level word on one line or two,
        whichever leaves the name the fewest lines."""
        font = self.session.theme.font("small")
        name, word = self.session.competency_name(competency), self._word(competency, level)
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
            self._word(competency, level),
            chip.inflate(-16, -2),  # rows are 6 px taller than their lines
            role="small",
            bg="success_light",
            align="center",
            valign="middle",
        )

    def read_aloud_text(self) -> str:
        """Title, each competency with its words, then what the marks mean."""
        t = self.session.t
        heading = t("summary.revealed") if self.run is not None else t("summary.journey")
        parts = [self.title(), heading]
        for competency, count in self.shown_here():  # the page shown
            word = self._word(competency, count)
            parts.append(f"{self.session.competency_name(competency)} : {word}")
        if not self.shown_here():
            parts.append(t("summary.nothing_yet"))
        parts.append(self.legend())
        return ". ".join(parts)

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.focus.find("map"))  # type: ignore[arg-type]
