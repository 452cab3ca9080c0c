"""Complete an experience with the young person: their own words, where, when, a better title
and the kind — what a game draft lacks before it can be confirmed.

The words field has the keys at once (the game's suggestion is shown above it, never copied
into it). « Enregistrer et confirmer » saves and confirms in one press, then goes back to the
review on the next draft. Saving calls ``skillmap.review.edit_experience`` (each field changed
is a line of the history) and confirming ``skillmap.review.confirm_experience``.
"""

from __future__ import annotations

from typing import get_args

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UITextEntryBox, UITextEntryLine

from shared.errors import DivaError
from shared.experience import Experience, ExperienceKind
from skillmap import queue, review
from skillmap.app.context import Context
from skillmap.app.navigation import ToReview, ToWorkshopPage
from skillmap.app.screens.base import TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, blit_text, card, draw_text, font
from skillmap.common import ActionError, NeedsConfirmation

PANE = pygame.Rect(20, TOPBAR_H + 14, CANVAS[0] - 40, CANVAS[1] - TOPBAR_H - 28)
LEFT_X = PANE.x + 28
FIELD_W = PANE.w - 56
WORDS_Y = PANE.y + 150
LINE_Y = PANE.y + 360


class WordsFormScreen(Screen):
    """One experience's story, completed together; Tab walks the fields in reading order."""

    def __init__(
        self,
        ctx: Context,
        manager: pygame_gui.UIManager,
        player_id: str,
        experience_id: str,
        then_confirm: bool = False,
    ) -> None:
        super().__init__(ctx, manager)
        self.player_id = player_id
        self.experience_id = experience_id
        self.then_confirm = then_confirm

    def has_back(self) -> bool:
        return True

    def build(self) -> None:
        self.player = self.ctx.store.player(self.player_id)
        self.experience: Experience = self.ctx.store.experience(self.player_id, self.experience_id)
        e, t = self.experience, self.t
        self.topbar_buttons(self.back)
        self.words_box = UITextEntryBox(
            pygame.Rect(LEFT_X, WORDS_Y, FIELD_W, 150),
            e.own_words,
            self.manager,
            container=self.container,
        )
        self.framed.append(self.words_box)
        self.focus.add(self.words_box)
        third = (FIELD_W - 32) // 3
        self.where_box = self._line(LEFT_X, third, e.where)
        self.when_box = self._line(LEFT_X + third + 16, third, e.when)
        self.kinds = {t(f"app.kind.{k}"): k for k in get_args(ExperienceKind)}
        self.kind_menu = UIDropDownMenu(
            list(self.kinds),
            t(f"app.kind.{e.kind}"),
            pygame.Rect(LEFT_X + 2 * (third + 16), LINE_Y, third, 44),
            self.manager,
            container=self.container,
        )
        self.focus.add(self.kind_menu)
        self.title_box = self._line(LEFT_X, FIELD_W, e.title, y=LINE_Y + 84)
        bottom = PANE.bottom - 70
        self.button(pygame.Rect(LEFT_X, bottom, 200, 50), t("app.cancel"), self.back, "@secondary")
        waiting = e.status in ("draft", "submitted")
        self.save_button = self.button(
            pygame.Rect(PANE.right - (540 if waiting else 258), bottom, 230, 50),
            t("app.words.save"),
            self.save,
            "@secondary" if waiting else "@primary",
        )
        self.confirm_button = None
        if waiting:
            self.confirm_button = self.button(
                pygame.Rect(PANE.right - 298, bottom, 270, 50),
                t("app.words.save_confirm"),
                self.save_and_confirm,
                "@success",
            )
        self.focus.focus(self.words_box)

    def _line(self, x: int, w: int, text: str, y: int = LINE_Y) -> UITextEntryLine:
        widget = UITextEntryLine(pygame.Rect(x, y, w, 44), self.manager, container=self.container)
        widget.set_text(text)
        self.focus.add(widget)
        return widget

    # -- actions ---------------------------------------------------------------------------

    def back(self, said: str = "", next_draft: bool = False) -> None:
        """Back to the review; after a confirmation, on its next draft, or the next young
        person in the queue once this one has none left."""
        selected, player_id = ("" if next_draft else self.experience_id), self.player_id
        if next_draft and not review.drafts(self.ctx.store, player_id):
            following = queue.next_waiting(
                self.ctx.store, after=player_id, workshop=self.ctx.reviewing_workshop or None
            )
            if following is not None:
                player_id = following.player_id
                said = self.t(
                    "app.review.next_person", done=self.player.pseudonym, name=following.pseudonym
                )
            elif self.ctx.reviewing_workshop:  # started from its page: back to it
                code = self.ctx.reviewing_workshop
                self.ctx.go(ToWorkshopPage(code, said=self.t("app.wpage.done", code=code)))
                return
        self.ctx.go(ToReview(player_id, selected if player_id == self.player_id else "", said=said))

    def changes(self) -> dict[str, object]:
        """What the form holds that differs from the stored experience."""
        typed = {
            "own_words": self.words_box.get_text().strip(),
            "where": self.where_box.get_text().strip(),
            "when": self.when_box.get_text().strip(),
            "title": self.title_box.get_text().strip(),
            "kind": self.kinds.get(self.kind_menu.selected_option[0], self.experience.kind),
        }
        return {k: v for k, v in typed.items() if getattr(self.experience, k) != v}

    def _write(self) -> bool:
        try:
            changes = self.changes()
            if changes:
                review.edit_experience(
                    self.ctx.store, self.player_id, self.experience_id, self.ctx.counsellor,
                    **changes,
                )  # fmt: skip
        except DivaError as error:
            self.fail(error)
            return False
        return True

    def save(self) -> None:
        if self._write():
            self.back(self.t("app.words.saved"))

    def save_and_confirm(self, allow_level4: bool = False) -> None:
        """Saved first (nothing typed is lost if confirming is refused), then confirmed."""
        if not self.words_box.get_text().strip():
            self.fail(ActionError("app.words.needed"))
            self.focus.focus(self.words_box)
            return
        if not allow_level4 and not self._write():
            return
        try:
            review.confirm_experience(
                self.ctx.store, self.player_id, self.experience_id, self.ctx.counsellor,
                allow_level4=allow_level4,
            )  # fmt: skip
        except NeedsConfirmation:
            question = self.t("app.review.level4_question", name=self.player.pseudonym)
            self.ask(question, self.t("app.review.level4_yes"), lambda: self.save_and_confirm(True))
            return
        except DivaError as error:
            self.fail(error)
            return
        self.back(self.t("app.review.done_confirmed"), next_draft=True)

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t, e = self.c, self.t, self.experience
        self.draw_topbar(canvas, t("app.words.title", name=self.player.pseudonym))
        card(canvas, PANE, c["panel"], c["panel_border"], radius=18)
        heading = t("app.words.heading_game" if e.source == "game" else "app.words.heading")
        heading = t("app.words.before_confirm", text=heading) if self.then_confirm else heading
        draw_text(canvas, heading, (LEFT_X, PANE.y + 16), font(22, bold=True), c["panel_text"])
        said = t("app.words.suggestion", text=e.title) if e.source == "game" else ""
        draw_text(
            canvas,
            said or t("app.words.help"),
            (LEFT_X, PANE.y + 54),
            font(15),
            c["panel_muted_text"],
            width=FIELD_W,
            max_lines=2,
        )
        labels = (
            ("app.form.words_label", "app.form.words_hint", LEFT_X, WORDS_Y - 30),
            ("app.form.where_label", "app.form.where_hint", LEFT_X, LINE_Y - 30),
            (
                "app.form.when_label",
                "app.form.when_hint",
                self.when_box.relative_rect.x,
                LINE_Y - 30,
            ),
            ("app.form.kind_label", "", self.kind_menu.relative_rect.x, LINE_Y - 30),
            ("app.words.title_label", "", LEFT_X, LINE_Y + 54),
        )
        for key, hint, x, y in labels:
            image = blit_text(canvas, t(key), (int(x), y), font(15, bold=True), c["panel_text"])
            if hint:
                draw_text(
                    canvas, t(hint), (image.right + 10, y + 2), font(13), c["panel_muted_text"]
                )
