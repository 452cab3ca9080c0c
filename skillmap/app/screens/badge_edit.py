"""Correct a badge request before it is sent: the e-mail, the name shown, the narrative (in
the young person's words) and the criteria; or record that the young person withdrew their
consent (the request is cancelled, the e-mail forgotten). Calls ``skillmap.badge_life``."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextEntryBox, UITextEntryLine

from shared.badge import BadgeRequest
from shared.errors import DivaError
from skillmap import badge_life
from skillmap.app.navigation import ToPlayer
from skillmap.app.screens.base import TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, blit_text, card, font
from skillmap.common import ActionError

PANE = pygame.Rect(20, TOPBAR_H + 14, CANVAS[0] - 40, CANVAS[1] - TOPBAR_H - 28)
X, W = PANE.x + 28, PANE.w - 56
HALF = (W - 20) // 2


class BadgeEditScreen(Screen):
    """One request's fields, as they will be sent; nothing is sent from here."""

    def __init__(self, ctx, manager, player_id: str, request_id: str) -> None:
        super().__init__(ctx, manager)
        self.player_id = player_id
        self.request_id = request_id

    def has_back(self) -> bool:
        return True

    def build(self) -> None:
        self.topbar_buttons(self.back)
        self.player = self.ctx.store.player(self.player_id)
        found = [
            r for r in self.ctx.store.badge_requests(self.player_id) if r.id == self.request_id
        ]
        if not found:
            self.fail(ActionError("error.badge_unknown", ref=self.request_id[:8]))
            return
        self.request: BadgeRequest = found[0]
        r = self.request
        self.email_box = self._line(X, PANE.y + 50, HALF, r.recipient_email)
        self.name_box = self._line(X + HALF + 20, PANE.y + 50, HALF, r.recipient_name)
        self.narrative_box = self._box(PANE.y + 140, 150, r.narrative)
        self.criteria_box = self._box(PANE.y + 330, 110, r.criteria)
        bottom = PANE.bottom - 70
        self.withdraw_button = self.button(
            pygame.Rect(X, bottom, 260, 50),
            self.t("app.badges.withdraw"),
            self.ask_withdraw,
            "@danger",
        )
        self.button(
            pygame.Rect(PANE.right - 478, bottom, 200, 50),
            self.t("app.cancel"),
            self.back,
            "@secondary",
        )
        self.save_button = self.button(
            pygame.Rect(PANE.right - 258, bottom, 230, 50), self.t("app.badge_edit.save"), self.save
        )
        self.focus.focus(self.email_box)

    def _line(self, x: int, y: int, w: int, text: str) -> UITextEntryLine:
        widget = UITextEntryLine(pygame.Rect(x, y, w, 44), self.manager, container=self.container)
        widget.set_text(text)
        self.focus.add(widget)
        return widget

    def _box(self, y: int, h: int, text: str) -> UITextEntryBox:
        widget = UITextEntryBox(
            pygame.Rect(X, y, W, h), text, self.manager, container=self.container
        )
        self.framed.append(widget)
        self.focus.add(widget)
        return widget

    # -- actions ---------------------------------------------------------------------------

    def back(self, said: str = "") -> None:
        self.ctx.go(ToPlayer(self.player_id, tab="badges", said=said))

    def save(self) -> None:
        """Only what changed is written; a refused field (an e-mail that is not one, an empty
        narrative) is said and nothing is written."""
        r = self.request
        typed = {
            "email": (self.email_box.get_text().strip(), r.recipient_email),
            "name": (self.name_box.get_text().strip(), r.recipient_name),
            "narrative": (self.narrative_box.get_text().strip(), r.narrative),
            "criteria": (self.criteria_box.get_text().strip(), r.criteria),
        }
        changed = {k: new for k, (new, old) in typed.items() if new != old.strip()}
        if not changed:
            self.back()
            return
        try:
            badge_life.edit_request(self.ctx.store, r, **changed)
        except DivaError as error:
            self.fail(error)
            return
        self.back(self.t("app.badge_edit.saved"))

    def ask_withdraw(self) -> None:
        self.ask(
            self.t("app.badges.withdraw_question"), self.t("app.badges.withdraw_yes"), self.withdraw
        )

    def withdraw(self) -> None:
        try:
            badge_life.withdraw_consent(self.ctx.store, self.request)
        except DivaError as error:
            self.fail(error)
            return
        self.back(self.t("badge.withdrawn", id=self.request.id[:8]))

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.badge_edit.title", name=self.player.pseudonym))
        card(canvas, PANE, c["panel"], c["panel_border"], radius=18)
        if not hasattr(self, "request"):
            return
        face = font(15, bold=True)
        for key, x, y in (
            ("app.badge_edit.email", X, PANE.y + 22),
            ("app.badge_edit.name", X + HALF + 20, PANE.y + 22),
            ("app.badge_edit.narrative", X, PANE.y + 112),
            ("app.badge_edit.criteria", X, PANE.y + 302),
        ):
            blit_text(canvas, t(key), (x, y), face, c["panel_text"])
