"""Review with the young person: confirm, adjust the level of, or reject each experience and
each competency on it, with a note.

Every button calls one function of ``skillmap.review``; those lock the player's file, go
through the shared model (which writes the history) and mark the player as reviewed. A
level 4 is asked again in a dialog (``NeedsConfirmation``) before it is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UITextEntryLine

from shared.errors import DivaError
from shared.experience import MAX_COMPETENCIES, Experience, HistoryEntry, LevelChange
from shared.i18n import Catalogue
from shared.text import localize
from skillmap import queue, review
from skillmap.app import raster
from skillmap.app.context import Context
from skillmap.app.look import status_colors, when
from skillmap.app.navigation import (
    ToExperienceForm,
    ToPlayer,
    ToReview,
    ToWordsForm,
    ToWorkshopPage,
)
from skillmap.app.screens.base import TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, card, competency_ink, draw_text, font, pill
from skillmap.common import NeedsConfirmation, competency_name, framework

LIST_X, LIST_W = 20, 360
PANE = pygame.Rect(LIST_X + LIST_W + 16, TOPBAR_H + 14, 0, CANVAS[1] - TOPBAR_H - 28)
PANE.w = CANVAS[0] - PANE.x - 20
ITEM_H, ITEM_GAP, PER_PAGE = 86, 8, 5
COMP_TOP = PANE.y + 212
COMP_H = 60
BUTTONS_X = 370  # the level buttons, from the pane's left; the name and level word before


def history_what(t: Catalogue, entry: HistoryEntry, lang: str = "fr", source: str = "") -> str:
    """What a history entry did, in words: competencies by their name and level word, the
    note apart; "created" says where from (jeu, entretien: the experience's ``source``)."""
    key = "app.history." + entry.action.replace(":", "_")
    what = t(key) if t.has(key) else entry.action
    if entry.action == "created":
        source = t(f"source.{source}") if t.has(f"source.{source}") else source
        what = t("app.history.source", what=what, source=source) if source else what
        return t("app.history.note", text=what, note=entry.note) if entry.note else what
    fw = framework()
    parts = []
    for change in entry.changes:
        if not isinstance(change, LevelChange):
            continue  # the status is already in the words of the action
        name = competency_name(change.competency, lang)
        if not change.level:
            parts.append(name)
            continue
        word = fw.level_word(change.level, lang)
        key = "app.history.level_change" if change.before else "app.history.level_one"
        parts.append(t(key, name=name, old=change.before, level=change.level, word=word))
    text = t("app.history.detail", what=what, detail=", ".join(parts)) if parts else what
    return t("app.history.note", text=text, note=entry.note) if entry.note else text


class ReviewScreen(Screen):
    """The experiences of one player, drafts first; one experience reviewed at a time."""

    def __init__(
        self, ctx: Context, manager: pygame_gui.UIManager, player_id: str, experience_id: str = ""
    ) -> None:
        super().__init__(ctx, manager)
        self.player_id = player_id
        self.selected = experience_id
        self.page = 0
        self.note = ""

    def has_back(self) -> bool:
        return True

    # -- data ------------------------------------------------------------------------------

    def load(self) -> None:
        order = {"draft": 0, "submitted": 0, "confirmed": 1, "rejected": 2}
        self.player = self.ctx.store.player(self.player_id)
        experiences = self.ctx.store.experiences(self.player_id)
        self.experiences = sorted(experiences, key=lambda e: (order[e.status], e.created))
        self.twins = review.duplicates(self.experiences)
        ids = [e.id for e in self.experiences]
        if self.selected not in ids:
            self.selected = ids[0] if ids else ""

    @property
    def current(self) -> Experience | None:
        return next((e for e in self.experiences if e.id == self.selected), None)

    def _name(self, competency: str) -> str:
        found = self.ctx.framework.by_id.get(competency)
        return localize(found.name, self.ctx.lang) if found else competency

    # -- widgets ---------------------------------------------------------------------------

    def build(self) -> None:
        self.load()
        self.topbar_buttons(self.back)
        self._list_buttons()
        experience = self.current
        if experience is None:
            self.button(
                pygame.Rect(PANE.x + 28, PANE.y + 120, 300, 48),
                self.t("app.review.add"),
                self.add,
            )
            return
        for index, rated in enumerate(experience.competencies):
            self._competency_row(index, rated.competency, rated.level, rated.status)
        self._add_competency_row(experience)
        bottom = PANE.bottom - 70
        self.note_box = UITextEntryLine(
            pygame.Rect(PANE.x + 24, bottom - 58, PANE.w - 48, 44),
            self.manager,
            container=self.container,
            placeholder_text=self.t("app.review.note"),
        )
        self.note_box.set_text(self.note)
        self.focus.add(self.note_box)
        self._status_buttons(experience, bottom)

    def _list_buttons(self) -> None:
        shown = self.experiences[self.page * PER_PAGE : (self.page + 1) * PER_PAGE]
        for index, experience in enumerate(shown):
            rect = pygame.Rect(LIST_X, self._item_y(index), LIST_W, ITEM_H)
            self.button(rect, "", partial(self.select, experience.id), "@row")
        self.button(
            pygame.Rect(LIST_X, PANE.bottom - 48, LIST_W, 46),
            self.t("app.review.add"),
            self.add,
            "@secondary",
        )

    def _item_y(self, index: int) -> int:
        return PANE.y + 48 + index * (ITEM_H + ITEM_GAP)

    def _competency_row(self, index: int, competency: str, level: int, status: str) -> None:
        y = COMP_TOP + index * COMP_H
        x = PANE.x + BUTTONS_X
        for value in range(1, 5):
            style = "@chip_on" if value == level else "@chip"
            self.button(
                pygame.Rect(x + (value - 1) * 50, y + 10, 44, 38),
                str(value),
                partial(self.set_level, competency, value),
                style,
            ).set_tooltip(self.ctx.framework.level_word(value, self.ctx.lang))
        x += 214
        yes_style = "@success" if status == "confirmed" else "@secondary"
        no_style = "@danger" if status == "rejected" else "@secondary"
        yes = "confirmed" if status == "confirmed" else "yes"  # the state is said in words
        no = "rejected" if status == "rejected" else "no"
        self.button(
            pygame.Rect(x, y + 10, 136, 38),
            self.t(f"app.review.competency_{yes}"),
            partial(self.judge, competency, True),
            yes_style,
        )
        self.button(
            pygame.Rect(x + 144, y + 10, 112, 38),
            self.t(f"app.review.competency_{no}"),
            partial(self.judge, competency, False),
            no_style,
        )

    def _add_competency_row(self, experience: Experience) -> None:
        present = {c.competency for c in experience.competencies}
        if len(present) >= MAX_COMPETENCIES:
            return
        y = COMP_TOP + len(present) * COMP_H + 8
        self.add_names = {self.t("app.review.pick_competency"): ""}
        for competency in self.ctx.framework.competencies:
            if competency.id not in present:
                self.add_names[localize(competency.name, self.ctx.lang)] = competency.id
        self.add_menu = UIDropDownMenu(
            list(self.add_names),
            next(iter(self.add_names)),
            pygame.Rect(PANE.x + 24, y, 330, 40),
            self.manager,
            container=self.container,
            expansion_height_limit=260,
        )
        self.focus.add(self.add_menu)

    def _status_buttons(self, experience: Experience, y: int) -> None:
        t = self.t
        self.complete_button = self.button(
            pygame.Rect(PANE.x + 24, y, 230, 50),
            t("app.review.complete"),
            self.complete,
            "@secondary",
        )
        if experience.status in ("draft", "submitted"):
            self.button(
                pygame.Rect(PANE.right - 514, y, 250, 50),
                t("app.review.reject"),
                self.reject,
                "@danger",
            )
            self.button(
                pygame.Rect(PANE.right - 254, y, 230, 50),
                t("app.review.confirm"),
                self.confirm,
                "@success",
            )
        else:
            self.button(
                pygame.Rect(PANE.right - 254, y, 230, 50),
                t("app.review.reopen"),
                self.reopen,
                "@secondary",
            )

    # -- actions ---------------------------------------------------------------------------

    def back(self) -> None:
        self.ctx.go(ToPlayer(self.player_id))

    def add(self) -> None:
        self.ctx.go(ToExperienceForm(self.player_id))

    def select(self, experience_id: str) -> None:
        self.selected, self.note = experience_id, ""
        self.rebuild()

    def _note(self) -> str:
        box = getattr(self, "note_box", None)
        return box.get_text().strip() if box is not None and box.alive() else ""

    def run(self, action: Callable[..., Experience], done_key: str, **kwargs: object) -> None:
        """Call a review action; a level 4 is asked first, errors are shown in plain words."""
        store, by = self.ctx.store, self.ctx.counsellor
        note = self._note()

        def attempt(allow_level4: bool) -> None:
            extra = {"allow_level4": True} if allow_level4 else {}
            try:
                action(store, self.player_id, self.selected, by=by, note=note, **kwargs, **extra)
            except NeedsConfirmation:
                question = self.t("app.review.level4_question", name=self.player.pseudonym)
                self.ask(question, self.t("app.review.level4_yes"), lambda: attempt(True))
                return
            except DivaError as error:
                self.fail(error)
                return
            self.note = ""
            self.rebuild()
            self.say(self.t(done_key))

        attempt(False)

    def complete(self, then_confirm: bool = False) -> None:
        """Their words, where, when, title and kind (``words_form``)."""
        self.ctx.go(ToWordsForm(self.player_id, self.selected, then_confirm))

    def confirm(self) -> None:
        """An experience without the young person's words is completed first (same press);
        once confirmed, the player's next draft is the one on screen."""
        current = self.current
        if current is not None and not current.own_words.strip():
            self.complete(then_confirm=True)
            return

        def confirmed(store, player_id: str, experience_id: str, **kwargs) -> Experience:
            experience = review.confirm_experience(store, player_id, experience_id, **kwargs)
            waiting = review.drafts(store, player_id)
            self.selected = waiting[0].id if waiting else self.selected
            if not waiting:  # this young person is done: the queue's next one (see update)
                self.next_person = queue.next_waiting(
                    store, after=player_id, workshop=self.ctx.reviewing_workshop or None
                )
                self.workshop_done = self.next_person is None and bool(self.ctx.reviewing_workshop)
            return experience

        self.run(confirmed, "app.review.done_confirmed")

    def update(self, dt: float) -> None:
        """Once the last draft is confirmed, on to the next young person in the queue."""
        super().update(dt)
        following = getattr(self, "next_person", None)
        if following is not None:
            self.next_person = None
            said = self.t(
                "app.review.next_person", done=self.player.pseudonym, name=following.pseudonym
            )
            self.ctx.go(ToReview(following.player_id, said=said))
        elif getattr(self, "workshop_done", False):  # started from its page: back to it
            self.workshop_done = False
            code = self.ctx.reviewing_workshop
            self.ctx.go(ToWorkshopPage(code, said=self.t("app.wpage.done", code=code)))

    def reject(self) -> None:
        self.run(review.reject_experience, "app.review.done_rejected")

    def reopen(self) -> None:
        self.run(review.reopen_experience, "app.review.done_reopened")

    def set_level(self, competency: str, level: int) -> None:
        self.run(review.set_level, "app.review.done_level", competency_id=competency, level=level)

    def judge(self, competency: str, confirmed: bool) -> None:
        key = "app.review.done_competency_yes" if confirmed else "app.review.done_competency_no"
        self.run(review.judge_competency, key, competency_id=competency, confirmed=confirmed)

    def process_event(self, event: pygame.event.Event) -> None:
        menu = getattr(self, "add_menu", None)
        if (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and menu is not None
            and event.ui_element is menu
        ):
            competency = self.add_names.get(event.text, "")
            if competency:
                self.set_level(competency, 1)

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        self.draw_topbar(canvas, self.t("app.review.title", name=self.player.pseudonym))
        c = self.c
        draw_text(
            canvas,
            self.t("app.review.list", count=len(self.experiences)),
            (LIST_X + 4, PANE.y + 8),
            font(19, bold=True),
            c["panel_text"],
        )
        shown = self.experiences[self.page * PER_PAGE : (self.page + 1) * PER_PAGE]
        for index, item in enumerate(shown):
            self._draw_item(canvas, index, item)
        card(canvas, PANE, c["panel"], c["panel_border"], radius=18)
        experience = self.current
        if experience is None:
            draw_text(
                canvas,
                self.t("app.review.empty"),
                (PANE.x + 28, PANE.y + 40),
                font(18),
                c["panel_muted_text"],
                width=PANE.w - 56,
            )
            return
        self._draw_detail(canvas, experience)

    def _draw_item(self, canvas: pygame.Surface, index: int, experience: Experience) -> None:
        c = self.c
        rect = pygame.Rect(LIST_X, self._item_y(index), LIST_W, ITEM_H)
        selected = experience.id == self.selected
        fill = c["info_light"] if selected else c["panel"]
        card(canvas, rect, fill, c["focus"] if selected else c["panel_border"])
        fill, ink = status_colors(experience.status, self.ctx.high_contrast)
        tag = pill(
            canvas,
            self.t(f"app.status.{experience.status}"),
            (rect.right - 12, rect.y + 10),
            fill,
            ink,
            size=13,
            align="right",
        )
        draw_text(
            canvas,
            experience.title,
            (rect.x + 14, rect.y + 8),
            font(15, bold=True),
            c["panel_text"],
            width=tag.x - rect.x - 22,
            max_lines=2,
        )
        source = self.t(f"app.source.{experience.source}")
        face = font(13)
        draw_text(canvas, source, (rect.x + 14, rect.bottom - 26), face, c["panel_muted_text"])
        if experience.id in self.twins:  # flagged, never merged: the counsellor decides
            at = (rect.x + 24 + face.size(source)[0], rect.bottom - 26)
            draw_text(
                canvas, self.t("app.review.duplicate"), at, font(13, bold=True), c["accent_dark"]
            )
        x = rect.right - 12
        for rated in reversed(experience.competencies):
            x -= 26
            canvas.blit(raster.icon(rated.competency, 22), (x, rect.bottom - 30))

    def _draw_detail(self, canvas: pygame.Surface, experience: Experience) -> None:
        c, t = self.c, self.t
        x, y = PANE.x + 24, PANE.y + 18
        fill, ink = status_colors(experience.status, self.ctx.high_contrast)
        tag = pill(
            canvas,
            t(f"app.status.{experience.status}"),
            (PANE.right - 24, y + 4),
            fill,
            ink,
            align="right",
        )
        draw_text(
            canvas,
            experience.title,
            (x, y),
            font(23, bold=True),
            c["panel_text"],
            width=tag.x - x - 16,
            max_lines=1,
        )
        kind = t(f"app.kind.{experience.kind}")  # then où, avec qui, quand
        parts = (kind, experience.where, experience.with_whom, experience.when)
        meta = " · ".join(p for p in parts if p)
        draw_text(canvas, meta, (x, y + 36), font(15), c["panel_muted_text"])
        quote = pygame.Rect(x, y + 64, PANE.w - 48, 96)
        pygame.draw.rect(canvas, c["background"], quote, border_radius=12)
        pygame.draw.rect(canvas, c["accent"], (quote.x, quote.y, 5, quote.h), border_radius=3)
        words = experience.own_words.strip()
        said = t("app.quote", text=words) if words else t("app.review.no_words")  # never quoted
        bottom = draw_text(
            canvas,
            said,
            (quote.x + 18, quote.y + 10),
            font(15, bold=not words),
            c["panel_text"] if words else c["accent_dark"],
            width=quote.w - 32,
            max_lines=2,
        )
        if experience.activities:
            doing = t("app.review.activities", list=" · ".join(experience.activities))
            draw_text(
                canvas,
                doing,
                (quote.x + 18, bottom + 4),
                font(14, bold=True),
                c["panel_muted_text"],
                width=quote.w - 32,
                max_lines=1,
            )
        heading = t(
            "app.review.competencies", count=len(experience.competencies), max=MAX_COMPETENCIES
        )
        draw_text(canvas, heading, (x, COMP_TOP - 22), font(15, bold=True), c["panel_text"])
        for index, rated in enumerate(experience.competencies):
            self._draw_competency(canvas, index, rated.competency, rated.level, rated.status)
        self._draw_history(canvas, experience)

    def _draw_competency(
        self, canvas: pygame.Surface, index: int, competency: str, level: int, status: str
    ) -> None:
        c = self.c
        row = pygame.Rect(PANE.x + 16, COMP_TOP + index * COMP_H, PANE.w - 32, COMP_H - 4)
        tint = {"rejected": c["panel"]}
        pygame.draw.rect(canvas, tint.get(status, c["background"]), row, border_radius=12)
        canvas.blit(raster.icon(competency, 40), (row.x + 10, row.y + 8))
        fill = tint.get(status, c["background"])
        text = pygame.Rect(row.x + 60, row.y, PANE.x + BUTTONS_X - 8 - row.x - 60, row.h)
        draw_text(
            canvas,
            self._name(competency),
            (text.x, row.y + 6),
            font(15, bold=True),
            c["panel_text"],
            box=text,
        )
        word = self.t(
            "app.review.level_word",
            level=level,
            word=self.ctx.framework.level_word(level, self.ctx.lang),
        )
        ink = competency_ink(c, competency, fill, self.ctx.high_contrast)
        draw_text(canvas, word, (text.x, row.y + 30), font(14), ink, box=text)
        if status == "rejected":
            pygame.draw.line(
                canvas,
                c["panel_muted_text"],
                (row.x + 60, row.y + 17),
                (row.x + 60 + font(15, bold=True).size(self._name(competency))[0], row.y + 17),
                2,
            )

    def _draw_history(self, canvas: pygame.Surface, experience: Experience) -> None:
        """The last change (who, when, what): the audit trail is visible, not hidden."""
        if not experience.history:
            return
        c, t, entry = self.c, self.t, experience.history[-1]
        text = t(
            "app.review.history",
            date=when(t, entry.at),
            who=entry.by,
            what=history_what(t, entry, self.ctx.lang, experience.source),
        )
        box = pygame.Rect(PANE.x + 24, PANE.bottom - 178, PANE.w - 48, 48)
        draw_text(canvas, text, box.topleft, font(14), c["panel_muted_text"], width=box.w, box=box)
