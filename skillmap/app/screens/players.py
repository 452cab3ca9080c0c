"""The list of young people: search, filter by structure or workshop, see what is new.

"New" means the game wrote something since a counsellor last opened or acted on that
player (``skillmap.people`` keeps those marks). Rows are drawn cards with an invisible
button on top, so the whole row is one click and one Tab stop.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextEntryLine

from shared.errors import DivaError
from shared.hygiene import shorten
from skillmap import people, workshops
from skillmap.app.context import Context
from skillmap.app.look import avatar, day, status_colors, when
from skillmap.app.navigation import ToPlayer, ToStats, ToWorkshopForm, ToWorkshopPage
from skillmap.app.screens.base import MARGIN, TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, card, draw_text, font, pill

ROW_H = 62
ROW_GAP = 8
PER_PAGE = 6
LIST_TOP = 224


class PlayersScreen(Screen):
    """Who played: the counsellor's entry point."""

    def __init__(self, ctx: Context, manager: pygame_gui.UIManager) -> None:
        super().__init__(ctx, manager)
        self.search = ""
        self.structure = ""
        self.workshop = ""
        self.only_new = False
        self.page = 0
        self.rows: list[dict[str, Any]] = []
        self.total = 0
        self.row_buttons: list[UIButton] = []

    # -- data ------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the index (never the 600 player files) and apply the filters."""
        store = self.ctx.store
        self.total = len(store.players())
        self.rows = people.list_players(
            store,
            structure=self.structure or None,
            workshop=self.workshop or None,
            search=self.search or None,
            only_new=self.only_new,
            counsellor=self.ctx.counsellor,
        )
        self.rows.sort(key=lambda r: (not r["new"], r["pseudonym"].casefold()))
        if not (self.search or self.structure or self.workshop):
            damaged = [self._damaged_row(r) for r in people.damaged_rows(store)]
            self.rows[:0] = damaged
            self.total += len(damaged)
        self.page = min(self.page, max(0, (len(self.rows) - 1) // PER_PAGE))

    def _damaged_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """A player file that cannot be read, listed first as « Fichier abîmé » with its path:
        hidden, it would be neither restored nor erased."""
        blank = {"structure": "", "workshops": [], "updated": "", "new": False}
        return {**blank, **row, "pseudonym": self.t("app.players.damaged")}

    def _count_waiting(self) -> None:
        """Drafts waiting for the rows shown (a few files read, never the whole folder)."""
        self.waiting: dict[str, int] = {}
        for row in self.visible():
            if row.get("damaged"):
                continue
            try:
                experiences = self.ctx.store.experiences(row["id"])
            except DivaError:
                continue
            self.waiting[row["id"]] = sum(e.status in ("draft", "submitted") for e in experiences)

    def visible(self) -> list[dict[str, Any]]:
        return self.rows[self.page * PER_PAGE : (self.page + 1) * PER_PAGE]

    # -- widgets ---------------------------------------------------------------------------

    def build(self) -> None:
        self.ctx.reviewing_workshop = ""  # back at the list: the review queue is everyone's
        self.load()
        t = self.t
        y = 160
        self.search_box = UITextEntryLine(
            pygame.Rect(MARGIN, y, 330, 46),
            self.manager,
            container=self.container,
            placeholder_text=t("app.players.search"),
        )
        self.search_box.set_text(self.search)
        self.focus.add(self.search_box)
        self.structure_names = {t("app.players.all_structures"): ""}
        self.structure_names.update({s: s for s in people.structures(self.ctx.store)})
        self.structure_menu = self._menu(
            pygame.Rect(MARGIN + 346, y, 300, 46), self.structure_names, self.structure
        )
        self.workshop_names = {t("app.players.all_workshops"): ""}
        for w in workshops.list_workshops(self.ctx.store):
            self.workshop_names[t("app.players.workshop", code=w.code, date=day(t, w.date))] = (
                w.code
            )
        self.workshop_menu = self._menu(
            pygame.Rect(MARGIN + 662, y, 290, 46), self.workshop_names, self.workshop
        )
        style = "@chip_on" if self.only_new else "@chip"
        self.new_chip = self.button(
            pygame.Rect(MARGIN + 968, y + 4, 248, 38),
            t("app.players.only_new"),
            self.toggle_new,
            style,
        )
        self.page_button = self.button(  # the chosen workshop's page (what waits, the map)
            pygame.Rect(CANVAS[0] - MARGIN - 230 - 16 - 190 - 16 - 220, TOPBAR_H + 22, 220, 50),
            t("app.players.workshop_page"),
            self.open_workshop,
            "@secondary",
        )
        self._workshop_chosen()
        self._rows()
        self._pager()
        self.workshop_button = self.button(  # last in Tab order: the list comes first
            pygame.Rect(CANVAS[0] - MARGIN - 230, TOPBAR_H + 22, 230, 50),
            t("app.workshop.new"),
            self.new_workshop,
        )
        self.stats_button = self.button(
            pygame.Rect(CANVAS[0] - MARGIN - 230 - 16 - 190, TOPBAR_H + 22, 190, 50),
            t("app.stats.open"),
            lambda: self.ctx.go(ToStats()),
            "@secondary",
        )

    def _menu(self, rect: pygame.Rect, names: dict[str, str], current: str) -> UIDropDownMenu:
        start = next((k for k, v in names.items() if v == current), next(iter(names)))
        menu = UIDropDownMenu(list(names), start, rect, self.manager, container=self.container)
        self.focus.add(menu)
        return menu

    def _rows(self) -> None:
        self._count_waiting()
        self.row_buttons = []
        for index, row in enumerate(self.visible()):
            rect = pygame.Rect(
                MARGIN, LIST_TOP + index * (ROW_H + ROW_GAP), CANVAS[0] - 2 * MARGIN, ROW_H
            )
            widget = self.button(rect, "", partial(self.open, row), style="@row")
            tip = (
                row["file"]
                if row.get("damaged")
                else self.t("app.players.open", name=row["pseudonym"])
            )
            widget.set_tooltip(tip)
            self.row_buttons.append(widget)

    def _pager(self) -> None:
        pages = max(1, (len(self.rows) + PER_PAGE - 1) // PER_PAGE)
        y = CANVAS[1] - 62
        self.prev_button = self.button(
            pygame.Rect(CANVAS[0] - MARGIN - 300, y, 130, 42),
            self.t("app.previous"),
            lambda: self.turn(-1),
            "@secondary",
        )
        self.next_button = self.button(
            pygame.Rect(CANVAS[0] - MARGIN - 130, y, 130, 42),
            self.t("app.next"),
            lambda: self.turn(1),
            "@secondary",
        )
        if self.page == 0:
            self.prev_button.disable()
        if self.page >= pages - 1:
            self.next_button.disable()

    # -- actions ---------------------------------------------------------------------------

    def open(self, row: dict[str, Any]) -> None:
        if row.get("damaged"):  # nothing to open: the row says which file to restore
            return
        self.ctx.go(ToPlayer(row["id"]))

    def _workshop_chosen(self) -> None:
        """« Page de l’atelier » is there only when one workshop is chosen in the filter."""
        if self.workshop:
            self.page_button.show()
        else:
            self.page_button.hide()

    def open_workshop(self) -> None:
        if self.workshop:
            self.ctx.go(ToWorkshopPage(self.workshop))

    def new_workshop(self) -> None:
        self.ctx.go(ToWorkshopForm())

    def toggle_new(self) -> None:
        self.only_new = not self.only_new
        self.page = 0
        self.rebuild()

    def turn(self, step: int) -> None:
        self.page += step
        self.rebuild()

    def refilter(self) -> None:
        """Rebuild the rows only, keeping the search box (and its cursor) alive."""
        self.page = 0
        self.load()
        for widget in self.row_buttons + [self.prev_button, self.next_button]:
            self.focus.items.remove(widget)
            widget.kill()
        self._rows()
        self._pager()

    def process_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.search_box:
            self.search = self.search_box.get_text()
            self.refilter()
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.structure_menu:
                self.structure = self.structure_names.get(event.text, "")
            elif event.ui_element is self.workshop_menu:
                self.workshop = self.workshop_names.get(event.text, "")
                self._workshop_chosen()
            self.refilter()
        elif event.type == pygame.MOUSEWHEEL:
            pages = max(1, (len(self.rows) + PER_PAGE - 1) // PER_PAGE)
            step = -1 if event.y > 0 else 1
            if 0 <= self.page + step < pages:
                self.turn(step)

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.players.title"))
        draw_text(
            canvas,
            t("app.players.heading"),
            (MARGIN, TOPBAR_H + 14),
            font(30, bold=True),
            c["panel_text"],
        )
        fresh = sum(1 for r in self.rows if r["new"])
        summary = t("app.players.summary", shown=len(self.rows), total=self.total, new=fresh)
        draw_text(canvas, summary, (MARGIN + 2, TOPBAR_H + 56), font(16), c["panel_muted_text"])
        if not self.rows:
            self._draw_empty(canvas)
        for index, row in enumerate(self.visible()):
            self._draw_row(canvas, index, row)
        pages = max(1, (len(self.rows) + PER_PAGE - 1) // PER_PAGE)
        draw_text(
            canvas,
            t("app.page", page=self.page + 1, pages=pages),
            (MARGIN, CANVAS[1] - 52),
            font(16),
            c["panel_muted_text"],
        )

    def _draw_empty(self, canvas: pygame.Surface) -> None:
        key = "app.players.none_match" if self.total else "app.players.none"
        rect = pygame.Rect(MARGIN, LIST_TOP, CANVAS[0] - 2 * MARGIN, 120)
        card(canvas, rect, self.c["panel"], self.c["panel_border"])
        draw_text(
            canvas,
            self.t(key),
            (rect.x + 28, rect.y + 28),
            font(18),
            self.c["panel_muted_text"],
            width=rect.w - 56,
        )

    def _draw_row(self, canvas: pygame.Surface, index: int, row: dict[str, Any]) -> None:
        c, t = self.c, self.t
        rect = pygame.Rect(
            MARGIN, LIST_TOP + index * (ROW_H + ROW_GAP), CANVAS[0] - 2 * MARGIN, ROW_H
        )
        if row.get("damaged"):
            self._draw_damaged(canvas, rect, row)
            return
        card(canvas, rect, c["panel"], c["panel_border"])
        if row["new"]:
            pygame.draw.rect(
                canvas, c["accent"], (rect.x, rect.y + 10, 6, rect.h - 20), border_radius=3
            )
        try:
            face = avatar(self.ctx.store.player(row["id"]).avatar, row["pseudonym"], 46)
            canvas.blit(face, (rect.x + 20, rect.y + 8))
        except DivaError:
            pass
        draw_text(
            canvas,
            row["pseudonym"],
            (rect.x + 82, rect.y + 8),
            font(19, bold=True),
            c["panel_text"],
        )
        waiting = self.waiting.get(row["id"], 0)
        if waiting:  # how many drafts wait: the day is planned with it
            name_w = font(19, bold=True).size(row["pseudonym"])[0]
            fill, ink = status_colors("draft", self.ctx.high_contrast)
            label = t("app.players.waiting", n=waiting)
            pill(canvas, label, (rect.x + 82 + name_w + 14, rect.y + 9), fill, ink, size=13)
        where = row.get("structure") or t("app.players.no_structure")
        codes = ", ".join(row.get("workshops", []))
        detail = t("app.players.row_detail", structure=where, workshops=codes or "—")
        draw_text(canvas, detail, (rect.x + 82, rect.y + 35), font(15), c["panel_muted_text"])
        right = rect.right - 24
        activity = t("app.players.activity", date=when(t, row.get("updated", "")))
        draw_text(canvas, activity, (right, rect.y + 11), font(15), c["panel_text"], align="right")
        if row["new"]:
            pill(
                canvas,
                t("app.players.new"),
                (right, rect.y + 34),
                c["accent"],
                c["accent_text"],
                size=13,
                align="right",
            )
        elif row.get("reviewed"):
            seen = t("app.players.reviewed", date=when(t, row["reviewed"]))
            draw_text(canvas, seen, (right, rect.y + 35), font(14), c["success"], align="right")

    def _draw_damaged(self, canvas: pygame.Surface, rect: pygame.Rect, row: dict[str, Any]) -> None:
        c, t = self.c, self.t
        card(canvas, rect, c["danger_light"], c["accent_dark"])
        draw_text(canvas, "!", (rect.x + 36, rect.y + 12), font(28, bold=True), c["panel_text"])
        draw_text(
            canvas,
            row["pseudonym"],
            (rect.x + 82, rect.y + 8),
            font(19, bold=True),
            c["panel_text"],
        )
        detail = t("app.players.damaged_detail", path=shorten(row["file"], 80, keep_end=True))
        draw_text(canvas, detail, (rect.x + 82, rect.y + 35), font(15), c["panel_text"])
