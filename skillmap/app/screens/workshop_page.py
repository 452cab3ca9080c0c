"""One workshop in the app: who played, what waits (oldest draft first), what was confirmed,
and the group's map; « Imprimer » writes the same printable page as ``workshop show --out``.

The figures come from ``skillmap.workshop_page.gather`` (the command line's own), so the
screen and the printed page never disagree. A row opens the review of that young person;
the list is paged (nobody is cut silently) and every control is in the focus ring.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from shared.errors import DivaError
from shared.profile import CompetencyProfile, SkillProfile
from skillmap import workshop_page
from skillmap.app.context import Context
from skillmap.app.look import day, status_colors, when
from skillmap.app.navigation import ToPlayers, ToReview
from skillmap.app.paging import Pager
from skillmap.app.screens.base import TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, card, draw_text, font, pill
from skillmap.app.wheel import draw_wheel

# The map as wide and tall as on a young person's page (its labels need the room).
RIGHT = pygame.Rect(CANVAS[0] - 20 - 700, TOPBAR_H + 14, 700, CANVAS[1] - TOPBAR_H - 28)
LEFT = pygame.Rect(20, RIGHT.y, RIGHT.x - 20 - 18, RIGHT.h)
LIST_TOP = LEFT.y + 130  # under a heading of up to two lines and the two figures
ROW_H, ROW_GAP = 52, 6
PER_PAGE = 7


class WorkshopPageScreen(Screen):
    """The page of one workshop, for the counsellor's day after it."""

    def __init__(self, ctx: Context, manager: pygame_gui.UIManager, code: str) -> None:
        super().__init__(ctx, manager)
        self.code = code
        self.pager = Pager(PER_PAGE)
        self.page: workshop_page.WorkshopPage | None = None
        self.row_buttons: list[UIButton] = []

    def has_back(self) -> bool:
        return True

    # -- data ------------------------------------------------------------------------------

    def members(self) -> list[workshop_page.Member]:
        """Those with drafts first, the oldest waiting first; then the others by pseudonym."""
        if self.page is None:
            return []
        waiting = sorted((m for m in self.page.members if m.drafts), key=lambda m: m.oldest_draft)
        done = [m for m in self.page.members if not m.drafts]
        return waiting + done

    def group_profile(self) -> SkillProfile:
        """The group's map as a profile: the best level confirmed in the group fills the
        sector, the count on the icon is how many young people have it confirmed."""
        group = self.page.group if self.page else {}
        rows = [
            CompetencyProfile(
                competency=c.id,
                confirmed_level=max(group[c.id]) if group.get(c.id) else None,
                experiences=len(group.get(c.id, [])),
            )
            for c in self.ctx.framework.competencies
        ]
        return SkillProfile(player_id=self.code, competencies=rows)

    # -- widgets ---------------------------------------------------------------------------

    def build(self) -> None:
        self.topbar_buttons(self.back)
        try:
            self.page = workshop_page.gather(self.ctx.store, self.code)
        except DivaError as error:
            self.page = None
            self.fail(error)
            return
        if self.page.skipped and not self.message:
            self.say(self.t("app.wpage.skipped", n=len(self.page.skipped)), ok=False)
        self.row_buttons = []
        for index, member in enumerate(self.pager.shown(self.members())):
            widget = self.button(
                self._row_rect(index), "", partial(self.open, member), style="@row"
            )
            widget.set_tooltip(self.t("app.wpage.open", name=member.pseudonym))
            self.row_buttons.append(widget)
        self.pager.build(self, LEFT.right - 20, LEFT.bottom - 56, self.turn)
        self.print_button = self.button(
            pygame.Rect(RIGHT.right - 16 - 170, RIGHT.y + 12, 170, 42),
            self.t("app.wpage.print"),
            self.print_page,
        )

    @staticmethod
    def _row_rect(index: int) -> pygame.Rect:
        return pygame.Rect(LEFT.x + 16, LIST_TOP + index * (ROW_H + ROW_GAP), LEFT.w - 32, ROW_H)

    # -- actions ---------------------------------------------------------------------------

    def back(self) -> None:
        self.ctx.go(ToPlayers())

    def open(self, member: workshop_page.Member) -> None:
        """The review of this young person; after their last draft, the next one waiting in
        this workshop (not another workshop's)."""
        self.ctx.reviewing_workshop = self.code
        self.ctx.go(ToReview(member.player_id))

    def turn(self, step: int) -> None:
        if self.pager.turn(step):
            self.rebuild()

    def print_page(self) -> Path | None:
        """The printable page beside the data (exports/, 0600), said with its path."""
        if self.page is None:
            return None
        out = Path(self.ctx.store.root) / "exports" / f"atelier-{self.page.workshop.code}.html"
        try:
            written = workshop_page.write_html(self.page, self.t, out)
        except DivaError as error:
            self.fail(error)
            return None
        self.say(self.t("app.wpage.printed", path=written))
        return written

    def process_event(self, event: pygame.event.Event) -> None:
        step = self.pager.wheel_step(event, LEFT)
        if step:
            self.turn(step)

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.wpage.title", code=self.code))
        if self.page is None:
            return
        card(canvas, LEFT, c["panel"], c["panel_border"], radius=16)
        card(canvas, RIGHT, c["panel"], c["panel_border"], radius=16)
        w = self.page.workshop
        x, width = LEFT.x + 24, LEFT.w - 48
        title = t("app.wpage.heading", structure=w.structure, date=day(t, w.date))
        y = draw_text(
            canvas, title, (x, LEFT.y + 14), font(18, bold=True), c["panel_text"], width, 2
        )
        waiting = sum(m.drafts for m in self.page.members)
        confirmed = sum(m.confirmed for m in self.page.members)
        summary = t("workshop.page_summary", n=len(self.page.members), waiting=waiting)
        y = draw_text(canvas, summary, (x, y + 4), font(15), c["panel_muted_text"], width, 1)
        done = t("app.wpage.confirmed_total", n=confirmed)
        draw_text(canvas, done, (x, y), font(15), c["success"], width, 1)
        shown = self.pager.shown(self.members())
        if not shown:
            draw_text(
                canvas, t("app.wpage.nobody"), (x, LIST_TOP), font(16), c["panel_muted_text"], width
            )
        for index, member in enumerate(shown):
            self._draw_row(canvas, self._row_rect(index), member)
        self.pager.draw(canvas, self, (x, LEFT.bottom - 46))
        self._draw_map(canvas)

    def _draw_row(self, canvas: pygame.Surface, rect: pygame.Rect, m: workshop_page.Member) -> None:
        c, t = self.c, self.t
        card(canvas, rect, c["panel"], c["panel_border"], radius=12)
        name = font(17, bold=True)
        draw_text(canvas, m.pseudonym, (rect.x + 16, rect.y + 6), name, c["panel_text"], 220, 1)
        done = t("app.wpage.confirmed", n=m.confirmed)
        ident = font(13)
        draw_text(canvas, m.short_id, (rect.x + 16, rect.y + 30), ident, c["panel_muted_text"])
        ink = c["success"] if m.confirmed else c["panel_muted_text"]
        draw_text(canvas, done, (rect.x + 28 + ident.size(m.short_id)[0], rect.y + 30), ident, ink)
        right = rect.right - 16
        if m.drafts:
            fill, ink = status_colors("draft", self.ctx.high_contrast)
            label = t("app.players.waiting", n=m.drafts)
            pill(canvas, label, (right, rect.y + 5), fill, ink, size=13, align="right")
            since = t("app.wpage.since", date=when(t, m.oldest_draft))
            draw_text(canvas, since, (right, rect.y + 30), ident, c["panel_muted_text"],
                      align="right")  # fmt: skip
        else:
            draw_text(canvas, t("app.wpage.nothing_waiting"), (right, rect.y + 16), font(14),
                      c["panel_muted_text"], align="right")  # fmt: skip

    def _draw_map(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        x = RIGHT.x + 24
        draw_text(canvas, t("app.wpage.map"), (x, RIGHT.y + 18), font(21, bold=True),
                  c["panel_text"])  # fmt: skip
        help_text = t("app.wpage.map_help")
        draw_text(canvas, help_text, (x, RIGHT.bottom - 36), font(14), c["panel_muted_text"],
                  RIGHT.w - 48, 1)  # fmt: skip
        area = pygame.Rect(0, 44, RIGHT.w, RIGHT.h - 84)
        draw_wheel(
            canvas.subsurface(RIGHT),
            area,
            self.group_profile(),
            self.ctx.framework,
            t,
            self.ctx.lang,
            self.ctx.high_contrast,
        )
