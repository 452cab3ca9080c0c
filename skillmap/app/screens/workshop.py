"""A new workshop: structure, date and counsellor, then its short code shown big.

Saving calls ``skillmap.workshops.create_workshop``; a refusal (no structure, a date that
does not exist) is explained in plain words and nothing is written. The code screen is made
to be copied on a whiteboard or read out to the group, with the players' instruction.
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from shared.errors import DivaError
from shared.i18n import Catalogue
from shared.player import Workshop
from skillmap import people, workshops
from skillmap.app.context import Context
from skillmap.app.navigation import ToPlayers, ToWorkshopCode
from skillmap.app.screens.base import TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, blit_text, card, draw_text, font, wrap

PANE = pygame.Rect(190, TOPBAR_H + 20, CANVAS[0] - 380, 550)  # the message banner fits below
LEFT_X = PANE.x + 40
FIELD_W = 440
CHIPS = 4
DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def read_date(text: str) -> str:
    """The date as ``create_workshop`` expects it: ISO, also accepting « 28/11/2026 »."""
    found = DAY_FIRST.match(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return text.strip()


def in_words(t: Catalogue, iso: str) -> str:
    """« samedi 28 novembre 2026 »; empty if ``iso`` is not a date."""
    try:
        day = date.fromisoformat(iso.strip())
    except ValueError:
        return ""
    return t(
        "app.workshop.date_words",
        weekday=t(f"app.weekday.{day.weekday()}"),
        day=day.day,
        month=t(f"month.{day.month}"),
        year=day.year,
    )


class WorkshopScreen(Screen):
    """Both workshop screens lead back to the players list (the back arrow, or Escape)."""

    def has_back(self) -> bool:
        return True

    def back(self) -> None:
        self.ctx.go(ToPlayers())

    def escape(self) -> bool:
        if not super().escape():  # an open dialog closes first
            self.back()
        return True


class WorkshopFormScreen(WorkshopScreen):
    """The small form; Tab walks through it, Enter in the last field or the button creates."""

    def known_structures(self) -> list[str]:
        """The structure of the last workshop created first, then every other one known."""
        store = self.ctx.store
        made = sorted(store.workshops(), key=lambda w: w.created, reverse=True)
        names: list[str] = []
        for name in [w.structure for w in made] + people.structures(store):
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        return names

    def build(self) -> None:
        t = self.t
        self.topbar_buttons(self.back)
        self.structures = self.known_structures()
        self.structure_box = self._line(PANE.y + 150)
        self.structure_box.set_text(self.structures[0] if self.structures else "")
        self.chips = []
        x = LEFT_X
        for name in self.structures[:CHIPS]:
            width = min(260, font(15).size(name)[0] + 36)
            if x + width > PANE.right - 40:
                break
            chip = self.button(
                pygame.Rect(x, PANE.y + 204, width, 36),
                name,
                partial(self.pick, name),
                "@chip",
            )
            self.chips.append(chip)
            x += width + 10
        self.date_box = self._line(PANE.y + 290, width=220)
        self.date_box.set_text(date.today().isoformat())
        self.counsellor_box = self._line(PANE.y + 384)
        self.counsellor_box.set_text(self.ctx.counsellor)
        self.button(
            pygame.Rect(PANE.right - 470, PANE.bottom - 74, 200, 52),
            t("app.cancel"),
            self.back,
            "@secondary",
        )
        self.create_button = self.button(
            pygame.Rect(PANE.right - 258, PANE.bottom - 74, 218, 52),
            t("app.workshop.create"),
            self.create,
        )
        self.focus.focus(self.structure_box)

    def _line(self, y: int, width: int = FIELD_W) -> UITextEntryLine:
        widget = UITextEntryLine(pygame.Rect(LEFT_X, y, width, 46), self.manager, self.container)
        self.framed.append(widget)
        self.focus.add(widget)
        return widget

    # -- actions ---------------------------------------------------------------------------

    def pick(self, name: str) -> None:
        self.structure_box.set_text(name)
        self.focus.focus(self.structure_box)

    def typed_date(self) -> str:
        """ISO when it reads as a date; otherwise what was typed, for the refusal to quote."""
        typed = self.date_box.get_text().strip()
        return read_date(typed) if in_words(self.t, read_date(typed)) else typed or "?"

    def create(self) -> None:
        try:
            workshop = workshops.create_workshop(
                self.ctx.store,
                self.structure_box.get_text(),
                self.counsellor_box.get_text(),
                self.typed_date(),
            )
        except DivaError as error:
            self.fail(error)
            return
        self.ctx.go(ToWorkshopCode(workshop))

    def process_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in (
            self.structure_box,
            self.date_box,
            self.counsellor_box,
        ):
            self.create()

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.workshop.title"))
        card(canvas, PANE, c["panel"], c["panel_border"], radius=18)
        draw_text(
            canvas,
            t("app.workshop.heading"),
            (LEFT_X, PANE.y + 20),
            font(24, bold=True),
            c["panel_text"],
        )
        draw_text(
            canvas,
            t("app.workshop.intro"),
            (LEFT_X, PANE.y + 58),
            font(15),
            c["panel_muted_text"],
            width=PANE.w - 80,
            max_lines=2,
        )
        labels = (
            ("app.workshop.structure_label", 124),
            ("app.workshop.date_label", 264),
            ("app.workshop.counsellor_label", 358),
        )
        for key, dy in labels:
            blit_text(canvas, t(key), (LEFT_X, PANE.y + dy), font(16, bold=True), c["panel_text"])
        if not self.structures:
            draw_text(
                canvas,
                t("app.workshop.structure_hint"),
                (LEFT_X, PANE.y + 210),
                font(14),
                c["panel_muted_text"],
                width=PANE.w - 80,
                max_lines=1,
            )
        words = in_words(t, read_date(self.date_box.get_text()))
        if words and read_date(self.date_box.get_text()) == date.today().isoformat():
            words = t("app.workshop.today", date=words)
        shown = words or t("app.workshop.date_unknown")
        ink = c["panel_text"] if words else c["accent_dark"]
        box = pygame.Rect(LEFT_X + 240, PANE.y + 286, PANE.right - 40 - LEFT_X - 240, 56)
        draw_text(
            canvas,
            shown,
            (box.x, box.y + 2),
            font(17, bold=bool(words)),
            ink,
            width=box.w,
            max_lines=1,
            box=box,
        )
        draw_text(
            canvas,
            t("app.workshop.date_hint"),
            (box.x, box.y + 30),
            font(13),
            c["panel_muted_text"],
            width=box.w,
            max_lines=1,
            box=box,
        )


class WorkshopCodeScreen(WorkshopScreen):
    """The code, big enough to be read from the back of the room."""

    def __init__(self, ctx: Context, manager: pygame_gui.UIManager, workshop: Workshop) -> None:
        super().__init__(ctx, manager)
        self.workshop = workshop

    def build(self) -> None:
        self.topbar_buttons(self.back)
        self.list_button = self.button(
            pygame.Rect(CANVAS[0] // 2 - 170, CANVAS[1] - 104, 340, 56),
            self.t("app.workshop.to_list"),
            self.back,
        )
        self.focus.focus(self.list_button)

    def draw(self, canvas: pygame.Surface) -> None:
        c, t, w = self.c, self.t, self.workshop
        self.draw_topbar(canvas, t("app.workshop.title"))
        middle = CANVAS[0] // 2
        about = t(
            "app.workshop.about",
            structure=w.structure,
            date=in_words(t, w.date),
            counsellor=w.counsellor,
        )
        face = font(18)
        lines = wrap(about, CANVAS[0] - 200, face, max_lines=2)
        y = TOPBAR_H + 22
        for line in lines:
            blit_text(canvas, line, (middle, y), face, c["panel_text"], "center")
            y += face.get_linesize()
        blit_text(
            canvas,
            t("app.workshop.code_label"),
            (middle, y + 8),
            font(22, bold=True),
            c["panel_muted_text"],
            "center",
        )
        board = pygame.Rect(0, 0, 900, 250)
        board.midtop = (middle, y + 52)
        card(canvas, board, c["field"], c["focus"], radius=24)
        big = font(140, bold=True)
        spaced = " ".join(w.code)
        image_w, image_h = big.size(spaced)
        if image_w > board.w - 40:
            spaced = w.code
            image_h = big.size(spaced)[1]
        blit_text(
            canvas,
            spaced,
            (middle, board.centery - image_h // 2),
            big,
            c["panel_text"],
            "center",
            board,
        )
        draw_text(
            canvas,
            t("app.workshop.instruction"),
            (middle, board.bottom + 26),
            font(28, bold=True),
            c["panel_text"],
            width=CANVAS[0] - 160,
            max_lines=2,
            align="center",
        )
