"""Everything the command line does for one young person, in the app: the portfolio with its
consent (given, withdrawn), the export of all their data, erasure (asked first, as the CLI
asks), and their history with the counsellors' notes, where a note can be added on its own.

Exports go to ``exports/`` in the data folder, readable by their owner only (0600): the path
is said, the counsellor copies the file to the young person's USB key or sends it.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pygame
from pygame_gui.elements import UIDropDownMenu, UITextEntryLine

from shared.errors import DivaError
from shared.store.storage import write_atomically
from skillmap import erasure, review
from skillmap.app.look import when
from skillmap.app.navigation import ToEndorsements, ToPlayer, ToPlayers, ToSharing
from skillmap.app.paging import PAGER_W, Pager
from skillmap.app.screens.base import MARGIN, TOPBAR_H, Screen
from skillmap.app.screens.review import history_what
from skillmap.app.ui import CANVAS, blit_text, card, draw_text, font, wrap
from skillmap.common import ActionError
from skillmap.portfolio import export_portfolio

LEFT = pygame.Rect(MARGIN, TOPBAR_H + 20, 520, CANVAS[1] - TOPBAR_H - 40)
RIGHT = pygame.Rect(LEFT.right + 20, LEFT.y, CANVAS[0] - LEFT.right - 20 - MARGIN, LEFT.h)
HISTORY_PER_PAGE = 6  # newest first, paged: the whole history is there, nothing cut
ENTRY_H = 62
HISTORY_TOP = RIGHT.y + 88  # the first entry's line
READER = pygame.Rect(MARGIN, TOPBAR_H + 20, CANVAS[0] - 2 * MARGIN, CANVAS[1] - TOPBAR_H - 40)
READER_TEXT_TOP = READER.y + 110
READER_LINES = (READER.bottom - 90 - READER_TEXT_TOP) // 26  # lines of font(17) a page holds
READER_TEXT_W = 800  # about 90 characters a line: longer lines are hard to follow


class PersonFileScreen(Screen):
    """One young person's file: what they take away, and what was said about their story."""

    def __init__(self, ctx, manager, player_id: str) -> None:
        super().__init__(ctx, manager)
        self.player_id = player_id
        self.history_pager = Pager(HISTORY_PER_PAGE)
        self.reading: int | None = None  # the history entry open in the reader (its index)
        self.reader_pager = Pager(READER_LINES)

    def has_back(self) -> bool:
        return True

    def build(self) -> None:
        store, t = self.ctx.store, self.t
        self.player = store.player(self.player_id)
        self.experiences = sorted(store.experiences(self.player_id), key=lambda e: e.created)
        self.history = sorted(
            ((e, h) for e in self.experiences for h in e.history),
            key=lambda pair: pair[1].at,
            reverse=True,
        )
        if self.reading is not None and self.reading < len(self.history):
            self.topbar_buttons(self.close_entry)  # « Retour » closes the entry, as Esc
            self._reader_widgets()
            return
        self.reading = None
        self.topbar_buttons(self.back)
        self.history_shown = self.history_pager.shown(self.history)
        self.history_pager.build(self, RIGHT.right - 24, RIGHT.y + 12, self.turn_history)
        x, w = LEFT.x + 24, LEFT.w - 48
        shared = self.player.consent.share_portfolio
        self.consent_button = self.button(
            pygame.Rect(x, LEFT.y + 120, w, 46),
            t("app.file.consent_withdraw" if shared else "app.file.consent_give"),
            self.toggle_consent,
            "@secondary",
        )
        self.portfolio_button = self.button(
            pygame.Rect(x, LEFT.y + 176, w, 46), t("app.file.portfolio"), self.export_portfolio
        )
        self.data_button = self.button(
            pygame.Rect(x, LEFT.y + 340, w, 46), t("app.file.data"), self.export_data, "@secondary"
        )
        self.endorse_button = self.button(  # issue 9: endorsements, the published portfolio
            pygame.Rect(x, LEFT.y + 400, w // 2 - 6, 46),
            t("app.file.endorsements"),
            lambda: self.ctx.go(ToEndorsements(self.player_id)),
            "@secondary",
        )
        self.share_button = self.button(
            pygame.Rect(x + w // 2 + 6, LEFT.y + 400, w // 2 - 6, 46),
            t("app.file.share"),
            lambda: self.ctx.go(ToSharing(self.player_id)),
            "@secondary",
        )
        self.erase_button = self.button(
            pygame.Rect(x, LEFT.bottom - 70, w, 46), t("app.file.erase"), self.ask_erase, "@danger"
        )
        self._entry_buttons()
        self._note_widgets()

    def _entry_buttons(self) -> None:
        """Each entry of the page is one click and one Tab stop: it opens the entry whole
        (a note is cut after two lines in the list)."""
        self.entry_buttons = []
        first = self.history_pager.page * HISTORY_PER_PAGE
        for row in range(len(self.history_shown)):
            rect = pygame.Rect(RIGHT.x + 12, HISTORY_TOP - 6 + row * ENTRY_H, RIGHT.w - 24, 58)
            widget = self.button(rect, "", partial(self.open_entry, first + row), "@row")
            widget.set_tooltip(self.t("app.file.read_tip"))
            self.entry_buttons.append(widget)

    def _reader_widgets(self) -> None:
        """The open entry: its whole text, paged by lines when long; « Fermer » (or Esc)."""
        experience, entry = self.history[self.reading or 0]
        text = history_what(self.t, entry, self.ctx.lang, experience.source)
        self.reader_lines = [
            line
            for paragraph in text.splitlines() or [""]
            for line in (wrap(paragraph, READER_TEXT_W, font(17)) if paragraph.strip() else [""])
        ]
        self.reader_shown = self.reader_pager.shown(self.reader_lines)
        self.reader_pager.build(self, READER.right - 32, READER.bottom - 68, self.turn_reader)
        self.close_button = self.button(
            pygame.Rect(READER.x + 32, READER.bottom - 68, 200, 44),
            self.t("app.file.read_close"),
            self.close_entry,
        )
        self.focus.focus(self.close_button)

    def _note_widgets(self) -> None:
        if not self.experiences:
            return
        t = self.t
        self.titles = {f"{i}. {e.title}"[:60]: e.id for i, e in enumerate(self.experiences, 1)}
        y = RIGHT.bottom - 124
        self.note_menu = UIDropDownMenu(
            list(self.titles),
            list(self.titles)[-1],
            pygame.Rect(RIGHT.x + 24, y, RIGHT.w - 48, 40),
            self.manager,
            container=self.container,
            expansion_height_limit=200,
        )
        self.note_box = UITextEntryLine(
            pygame.Rect(RIGHT.x + 24, y + 50, RIGHT.w - 48 - 190, 44),
            self.manager,
            container=self.container,
            placeholder_text=t("app.review.note"),
        )
        self.focus.add(self.note_menu, self.note_box)
        self.note_button = self.button(
            pygame.Rect(RIGHT.right - 24 - 180, y + 50, 180, 44), t("app.file.note"), self.add_note
        )

    # -- actions ---------------------------------------------------------------------------

    def back(self) -> None:
        self.ctx.go(ToPlayer(self.player_id))

    def open_entry(self, index: int) -> None:
        """Show history entry ``index`` whole; a note being typed is kept for the return."""
        self.typed_note = self.note_box.get_text() if self.experiences else ""
        self.reading = index
        self.reader_pager.page = 0
        self.rebuild()

    def close_entry(self) -> None:
        """Back to the history, on the same page, the entry that was open focused."""
        index, self.reading = self.reading or 0, None
        self.rebuild()
        if self.experiences:
            self.note_box.set_text(getattr(self, "typed_note", ""))
        row = index - self.history_pager.page * HISTORY_PER_PAGE
        if 0 <= row < len(self.entry_buttons):
            self.focus.focus(self.entry_buttons[row])

    def turn_reader(self, step: int) -> None:
        if self.reader_pager.turn(step):
            button = self.reader_pager.next_button if step > 0 else self.reader_pager.prev_button
            was_focused = self.focus.current is button
            self.rebuild()
            again = self.reader_pager.next_button if step > 0 else self.reader_pager.prev_button
            if was_focused and again is not None:
                self.focus.focus(again)

    def escape(self) -> bool:
        """Escape closes the open entry first (then a dialog, as everywhere)."""
        if self.reading is not None:
            self.close_entry()
            return True
        return super().escape()

    def turn_history(self, step: int) -> None:
        """Another page of the history; a note being typed is kept."""
        if not self.history_pager.turn(step):
            return
        typed = self.note_box.get_text() if self.experiences else ""
        button = self.history_pager.next_button if step > 0 else self.history_pager.prev_button
        was_focused = self.focus.current is button
        self.rebuild()
        if self.experiences:
            self.note_box.set_text(typed)
        again = self.history_pager.next_button if step > 0 else self.history_pager.prev_button
        if was_focused and again is not None:
            self.focus.focus(again)

    def process_event(self, event: pygame.event.Event) -> None:
        if self.reading is not None:
            step = self.reader_pager.wheel_step(event, READER)
            if step:
                self.turn_reader(step)
            return
        step = self.history_pager.wheel_step(event, RIGHT)
        if step:
            self.turn_history(step)

    def _exports(self) -> Path:
        return Path(self.ctx.store.root) / "exports"

    def toggle_consent(self) -> None:
        store = self.ctx.store
        try:
            if self.player.consent.share_portfolio:
                store.withdraw_consent(self.player_id, "share_portfolio")
                said = "app.file.consent_withdrawn"
            else:
                store.give_consent(self.player_id, "share_portfolio")
                said = "app.file.consent_given"
        except DivaError as error:
            self.fail(error)
            return
        self.rebuild()
        self.say(self.t(said, name=self.player.pseudonym))

    def export_portfolio(self) -> list[Path]:
        out = self._exports() / f"portfolio-{self.player_id[:8]}.html"
        try:
            written = export_portfolio(self.ctx.store, self.player_id, out, self.ctx.lang)
        except DivaError as error:
            self.fail(error)
            return []
        self.say(self.t("app.file.written", paths=", ".join(str(p) for p in written)))
        return written

    def export_data(self) -> Path | None:
        """Everything kept about them, as JSON (it holds the e-mail: 0600)."""
        out = self._exports() / f"donnees-{self.player_id[:8]}.json"
        try:
            bundle = self.ctx.store.export_player(self.player_id)
            out.parent.mkdir(parents=True, exist_ok=True)
            payload = json.dumps(bundle, ensure_ascii=False, indent=2, default=str)
            write_atomically(out, payload.encode("utf-8"))
        except OSError as exc:
            self.fail(ActionError("error.write", path=str(out), detail=exc.strerror or ""))
            return None
        except DivaError as error:
            self.fail(error)
            return None
        self.say(self.t("app.file.written", paths=str(out)))
        return out

    def ask_erase(self) -> None:
        question = self.t("app.file.erase_question", pseudonym=self.player.pseudonym)
        self.ask(question, self.t("app.file.erase_yes"), self.erase)

    def erase(self) -> None:
        name = self.player.pseudonym
        try:
            _issuers, removed = erasure.erase_person(self.ctx.store, self.player_id)
        except DivaError as error:
            self.fail(error)
            return
        self.ctx.go(ToPlayers(said=self.t("app.file.erased", pseudonym=name, n=len(removed))))

    def add_note(self) -> None:
        experience_id = self.titles[self.note_menu.selected_option[0]]
        try:
            review.add_note(
                self.ctx.store,
                self.player_id,
                experience_id,
                self.ctx.counsellor,
                self.note_box.get_text(),
            )
        except DivaError as error:
            self.fail(error)
            return
        self.rebuild()
        self.say(self.t("app.file.noted"))

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.file.title", name=self.player.pseudonym))
        if self.reading is not None:
            self._draw_reader(canvas)
            return
        card(canvas, LEFT, c["panel"], c["panel_border"], radius=16)
        card(canvas, RIGHT, c["panel"], c["panel_border"], radius=16)
        x, w = LEFT.x + 24, LEFT.w - 48
        heading = font(19, bold=True)
        draw_text(
            canvas, t("app.file.portfolio_heading"), (x, LEFT.y + 18), heading, c["panel_text"]
        )
        shared = self.player.consent.share_portfolio
        state = t("app.file.consent_yes" if shared else "app.file.consent_no")
        draw_text(canvas, state, (x, LEFT.y + 52), font(15), c["panel_muted_text"], w, 3)
        draw_text(canvas, t("app.file.data_heading"), (x, LEFT.y + 250), heading, c["panel_text"])
        draw_text(
            canvas,
            t("app.file.data_help"),
            (x, LEFT.y + 280),
            font(14),
            c["panel_muted_text"],
            w,
            2,
        )
        draw_text(
            canvas,
            t("app.file.erase_help"),
            (x, LEFT.bottom - 150),
            font(14),
            c["panel_muted_text"],
            w,
            3,
        )
        rx, rw = RIGHT.x + 24, RIGHT.w - 48
        draw_text(
            canvas, t("app.file.history_heading"), (rx, RIGHT.y + 18), heading, c["panel_text"]
        )
        y = RIGHT.y + 60
        if self.history:
            count = t("app.file.history_count", n=len(self.history))
            end = blit_text(canvas, count, (rx, y), font(14), c["panel_muted_text"])
            self.history_pager.draw(canvas, self, (end.right + 16, y))
        else:
            draw_text(
                canvas, t("app.file.no_history"), (rx, y), font(15), c["panel_muted_text"], rw
            )
        y = HISTORY_TOP
        for experience, entry in self.history_shown:
            what = history_what(t, entry, self.ctx.lang, experience.source)
            line = t(
                "app.file.history_line",
                date=when(t, entry.at),
                who=entry.by,
                title=experience.title,
            )
            draw_text(canvas, line, (rx, y), font(13, bold=True), c["panel_text"], rw, 1)
            draw_text(canvas, what, (rx, y + 19), font(13), c["panel_muted_text"], rw, 2)
            y += ENTRY_H
        if self.experiences:
            label = t("app.file.note_heading")
            draw_text(canvas, label, (rx, RIGHT.bottom - 150), font(14, bold=True), c["panel_text"])

    def _draw_reader(self, canvas: pygame.Surface) -> None:
        """The open entry on a page of its own: who, when, which experience, then every word."""
        c, t = self.c, self.t
        experience, entry = self.history[self.reading or 0]
        card(canvas, READER, c["panel"], c["panel_border"], radius=16)
        x, w = READER.x + 32, READER.w - 64
        heading = t("app.file.read_heading", title=experience.title)
        draw_text(canvas, heading, (x, READER.y + 20), font(19, bold=True), c["panel_text"], w, 1)
        line = t("app.file.history_line", date=when(t, entry.at), who=entry.by, title="")
        line = line.rstrip(" ·")
        draw_text(canvas, line, (x, READER.y + 56), font(15), c["panel_muted_text"], w, 1)
        y = READER_TEXT_TOP
        for text in self.reader_shown:
            blit_text(canvas, text, (x, y), font(17), c["panel_text"])
            y += 26
        pages_at = (READER.right - 32 - PAGER_W - 150, READER.bottom - 58)
        self.reader_pager.draw(canvas, self, pages_at)
