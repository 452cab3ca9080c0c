"""A young person's endorsement requests in the app (issue 9): who was asked, about what, and
where each request stands; « Relancer », « Retirer », and a form to ask someone new.

Everything goes through ``skillmap.endorsing``, the functions ``diva-skillmap endorse`` and
``endorsement remind|withdraw`` call: the consent is recorded before anything is sent, an
issuer that does not answer leaves the request queued in the young person's file (nothing is
lost, « Relancer » sends it later).

Opening the screen asks the issuer for the sent requests' states in a worker thread
(``skillmap.app.jobs``): the screen shows « Mise à jour des états… » and keeps answering (an
issuer that hangs waits out the client's timeout in the worker, not in the window). The list
pages five requests at a time, newest first.
"""

from __future__ import annotations

from functools import partial

import pygame
import pygame_gui
from pygame_gui.elements import UICheckBox, UIDropDownMenu, UITextEntryLine

from shared.badge import Endorsement
from shared.errors import DivaError
from shared.text import localize
from skillmap import endorsing, sending
from skillmap.app.jobs import Job
from skillmap.app.look import status_colors
from skillmap.app.navigation import ToPersonFile
from skillmap.app.paging import Pager
from skillmap.app.screens.base import MARGIN, TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, card, draw_text, font, pill
from skillmap.common import describe
from skillmap.issuers import IssuerBook

LIST = pygame.Rect(MARGIN, TOPBAR_H + 20, 740, CANVAS[1] - TOPBAR_H - 40)
FORM = pygame.Rect(LIST.right + 20, LIST.y, CANVAS[0] - LIST.right - 20 - MARGIN, LIST.h)
ROW_H, ROWS = 94, 5  # five a page, the pager under them
# An endorsement's state -> the pill colours of the app's other states.
PILL = {"queued": "queued", "requested": "sent", "given": "confirmed", "declined": "rejected",
        "expired": "cancelled", "withdrawn": "cancelled"}  # fmt: skip
FIELDS = ("name", "role", "organisation", "email")


class EndorsementsScreen(Screen):
    """The requests of one young person, newest first, and the form to ask for a new one."""

    client_options: dict = {}  # IssuerClient options (tests: a sleeper that never waits)

    def __init__(self, ctx, manager, player_id: str) -> None:
        super().__init__(ctx, manager)
        self.player_id = player_id
        self.refreshed = False
        self.refresh_job: Job[int] | None = None
        self.typed: dict[str, str] = {}
        self.consent_given = False
        self.subject_label = ""
        self.pager = Pager(ROWS)

    def has_back(self) -> bool:
        return True

    def clients(self) -> sending.ClientFactory:
        return sending.client_factory(IssuerBook(self.ctx.store.root), **self.client_options)

    def build(self) -> None:
        self.topbar_buttons(self.back)
        store = self.ctx.store
        self.player = store.player(self.player_id)
        if not self.refreshed:
            self.refreshed = True
            self.refresh_all()
        found = endorsing.all_endorsements(store, self.player_id)
        self.requests = self.pager.shown(list(reversed(found)))
        self.row_buttons: dict[str, tuple[pygame_gui.elements.UIButton, ...]] = {}
        for index, endorsement in enumerate(self.requests):
            self._row_actions(endorsement, self._row_rect(index))
        self.pager.build(self, LIST.right - 20, LIST.bottom - 52, self.turn)
        self._form()

    @property
    def updating(self) -> bool:
        """The issuer is being asked for the states (the worker has not finished)."""
        return self.refresh_job is not None

    def _row_rect(self, index: int) -> pygame.Rect:
        return pygame.Rect(LIST.x + 20, LIST.y + 56 + index * (ROW_H + 6), LIST.w - 40, ROW_H)

    def _row_actions(self, endorsement: Endorsement, rect: pygame.Rect) -> None:
        t, made = self.t, []
        y = rect.bottom - 44
        if endorsement.status in ("queued", "requested"):
            made.append(
                self.button(
                    pygame.Rect(rect.right - 252, y, 116, 36),
                    t("app.endorse.remind"),
                    partial(self.ask_remind, endorsement),
                    "@secondary",
                )
            )
        if endorsement.status in ("queued", "requested", "given"):
            made.append(
                self.button(
                    pygame.Rect(rect.right - 128, y, 116, 36),
                    t("app.endorse.withdraw"),
                    partial(self.ask_withdraw, endorsement),
                    "@danger",
                )
            )
        if self.updating:  # the state may change under them: wait for the issuer's answer
            for button in made:
                button.disable()
        self.row_buttons[endorsement.id] = tuple(made)

    def subjects(self) -> dict[str, tuple[str, str]]:
        """What can be endorsed: issued badges and confirmed experiences, by their label."""
        t, ctx, found = self.t, self.ctx, {}
        for badge in ctx.store.badge_requests(self.player_id):
            answer = badge.answer
            if badge.status != "issued" or answer is None or answer.revoked:
                continue
            name = localize(ctx.framework.competency(badge.competency).name, ctx.lang)
            level = ctx.framework.level_word(badge.level, ctx.lang)
            found[t("app.endorse.subject_badge", name=name, level=level)[:70]] = ("badge", badge.id)
        for experience in ctx.store.experiences(self.player_id):
            if experience.status == "confirmed":
                label = t("app.endorse.subject_experience", title=experience.title)[:70]
                found[label] = ("experience", experience.id)
        return found

    def _form(self) -> None:
        t, x, w = self.t, FORM.x + 24, FORM.w - 48
        self.boxes: dict[str, UITextEntryLine] = {}
        for index, field in enumerate(FIELDS):
            box = UITextEntryLine(
                pygame.Rect(x, FORM.y + 84 + index * 70, w, 40),
                self.manager,
                container=self.container,
            )
            box.set_text(self.typed.get(field, ""))
            self.boxes[field] = box
            self.focus.add(box)
        self.consent_box = UICheckBox(
            pygame.Rect(x, FORM.y + 364, 26, 26),
            t("app.endorse.consent", name=self.player.pseudonym),
            self.manager,
            container=self.container,
            initial_state=self.consent_given,
        )
        self.focus.add(self.consent_box)
        # Below the consent: an open list over a check box would tick it (UICheckBox tests
        # its own rectangle, not what lies above it).
        self.choices = self.subjects()
        self.subject_menu: UIDropDownMenu | None = None
        if self.choices:
            labels: list[str | tuple[str, str]] = list(self.choices)
            chosen = self.subject_label if self.subject_label in self.choices else labels[0]
            self.subject_menu = UIDropDownMenu(
                labels,
                chosen,
                pygame.Rect(x, FORM.y + 484, w, 40),
                self.manager,
                container=self.container,
                expansion_height_limit=160,
            )
            self.focus.add(self.subject_menu)
        self.ask_button = self.button(
            pygame.Rect(x, FORM.bottom - 66, w, 48), t("app.endorse.ask"), self.ask_endorsement
        )

    # -- actions ---------------------------------------------------------------------------

    def back(self) -> None:
        self.ctx.go(ToPersonFile(self.player_id))

    def turn(self, step: int) -> None:
        if self.pager.turn(step):
            self.keep_form()
            self.rebuild()

    def refresh_all(self) -> None:
        """Ask the issuer for the states it knows now, in a worker thread; ``update`` shows
        them when it is done (an issuer that does not answer changes nothing)."""
        store = self.ctx.store
        waiting = [e for e in store.endorsements(self.player_id) if e.status == "requested"]
        if not waiting:
            return

        def ask_states() -> int:
            clients = self.clients()
            for endorsement in waiting:
                endorsing.refresh(store, endorsement, clients)
            return len(waiting)

        self.refresh_job = Job(ask_states, self.t, "endorsement-states").start()

    def update(self, dt: float) -> None:
        """Each frame: once the worker is done, the new states (or why there are none)."""
        super().update(dt)
        job = self.refresh_job
        if job is None or not job.done.is_set():
            return
        self.refresh_job = None
        self.keep_form()
        self.rebuild()
        if job.error:
            self.say(self.t("app.endorse.stale", detail=job.error), ok=False)

    def keep_form(self) -> None:
        """What the counsellor typed, ticked and chose survives a rebuild of the screen."""
        self.typed = {field: box.get_text() for field, box in self.boxes.items()}
        self.consent_given = bool(self.consent_box.get_state())
        if self.subject_menu is not None:
            self.subject_label = self.subject_menu.selected_option[0]

    def process_event(self, event: pygame.event.Event) -> None:
        step = self.pager.wheel_step(event, LIST)
        if step:
            self.turn(step)

    def describe(self, error: DivaError) -> str:
        return describe(error, self.t)

    def ask_endorsement(self) -> None:
        """Record the request with the consent, then send it (as ``diva-skillmap endorse``)."""
        self.typed = {field: box.get_text().strip() for field, box in self.boxes.items()}
        consent = bool(self.consent_box.get_state())
        if self.subject_menu is None:
            self.say(self.t("app.endorse.nothing_to_endorse"), ok=False)
            return
        kind, subject_id = self.choices[self.subject_menu.selected_option[0]]
        wanted = endorsing.Wanted(
            player=self.player_id,
            badge=subject_id if kind == "badge" else None,
            experience=subject_id if kind == "experience" else None,
            name=self.typed["name"],
            role=self.typed["role"],
            organisation=self.typed["organisation"],
            email=self.typed["email"],
            consent=consent,
        )
        if not wanted.name:
            self.say(self.t("app.endorse.name_missing"), ok=False)
            return
        try:
            recorded = endorsing.record(self.ctx.store, wanted)  # consent on disk first
        except DivaError as error:
            self.fail(error)
            return
        self.typed, self.consent_given = {}, False
        self._send(recorded)

    def _send(self, recorded: Endorsement) -> None:
        try:
            sent = endorsing.send(self.ctx.store, recorded, self.clients())
        except DivaError as error:
            self.rebuild()
            self.say(self.t("app.endorse.kept", detail=self.describe(error)), ok=False)
            return
        self.rebuild()
        if sent.status == "queued":
            self.say(self.t("app.endorse.kept_queued", name=sent.endorser.name), ok=False)
        else:
            self.say(self.t("app.endorse.sent", name=sent.endorser.name))

    def ask_remind(self, endorsement: Endorsement) -> None:
        question = self.t("app.endorse.remind_question", name=endorsement.endorser.name)
        self.ask(question, self.t("app.endorse.remind_yes"), lambda: self.remind(endorsement))

    def remind(self, endorsement: Endorsement) -> None:
        if endorsement.status == "queued":  # never sent: « Relancer » sends it now
            self._send(endorsement)
            return
        self._act(endorsement, "reminder", "app.endorse.reminded")

    def ask_withdraw(self, endorsement: Endorsement) -> None:
        question = self.t("app.endorse.withdraw_question", name=endorsement.endorser.name)
        self.ask(question, self.t("app.endorse.withdraw_yes"), lambda: self.withdraw(endorsement))

    def withdraw(self, endorsement: Endorsement) -> None:
        self._act(endorsement, "withdraw", "app.endorse.withdrawn")

    def _act(self, endorsement: Endorsement, action: str, said: str) -> None:
        try:
            endorsing.refresh(self.ctx.store, endorsement, self.clients(), action)
        except DivaError as error:
            self.fail(error)
            return
        self.keep_form()
        self.rebuild()
        self.say(self.t(said, name=endorsement.endorser.name))

    # -- drawing ---------------------------------------------------------------------------

    def subject_words(self, endorsement: Endorsement) -> str:
        t, ctx = self.t, self.ctx
        if endorsement.subject_kind == "badge":
            for badge in ctx.store.badge_requests(self.player_id):
                if badge.id == endorsement.subject_id:
                    name = localize(ctx.framework.competency(badge.competency).name, ctx.lang)
                    level = ctx.framework.level_word(badge.level, ctx.lang)
                    return t("app.endorse.subject_badge", name=name, level=level)
        for experience in ctx.store.experiences(self.player_id):
            if experience.id == endorsement.subject_id:
                return t("app.endorse.subject_experience", title=experience.title)
        return t("app.endorse.subject_gone")

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.endorse.title", name=self.player.pseudonym))
        card(canvas, LIST, c["panel"], c["panel_border"], radius=16)
        card(canvas, FORM, c["panel"], c["panel_border"], radius=16)
        heading = font(19, bold=True)
        draw_text(canvas, t("app.endorse.heading"), (LIST.x + 24, LIST.y + 18), heading,
                  c["panel_text"])  # fmt: skip
        if self.updating:
            fill, ink = status_colors("queued", self.ctx.high_contrast)
            pill(canvas, t("app.endorse.updating"), (LIST.right - 20, LIST.y + 18), fill, ink,
                 align="right")  # fmt: skip
        if not self.requests:
            draw_text(canvas, t("app.endorse.none"), (LIST.x + 24, LIST.y + 64), font(15),
                      c["panel_muted_text"], LIST.w - 48, 3)  # fmt: skip
        for index, endorsement in enumerate(self.requests):
            self.draw_row(canvas, self._row_rect(index), endorsement)
        self.pager.draw(canvas, self, (LIST.x + 24, LIST.bottom - 42))
        self.draw_form(canvas)

    def draw_row(self, canvas: pygame.Surface, rect: pygame.Rect, e: Endorsement) -> None:
        c, t = self.c, self.t
        card(canvas, rect, c["background"], c["panel_border"], radius=12)
        fill, ink = status_colors(PILL[e.status], self.ctx.high_contrast)
        tag = pill(canvas, t(f"app.endorse.state.{e.status}"), (rect.right - 14, rect.y + 12),
                   fill, ink, align="right")  # fmt: skip
        x, width = rect.x + 16, rect.w - 290
        draw_text(canvas, e.endorser.name, (x, rect.y + 8), font(17, bold=True),
                  c["panel_text"], tag.x - x - 10, 1)  # fmt: skip
        who = ", ".join(p for p in (e.endorser.role, e.endorser.organisation) if p)
        draw_text(canvas, who or "—", (x, rect.y + 32), font(14), c["panel_muted_text"], width, 1)
        subject = t("app.endorse.for", what=self.subject_words(e))
        draw_text(canvas, subject, (x, rect.y + 52), font(14), c["panel_text"], width, 1)
        if e.comment:
            said = f"« {e.comment} »"
            draw_text(canvas, said, (x, rect.y + 72), font(13), c["panel_muted_text"], width, 1)
        elif e.reminders:
            said = t("app.endorse.reminders", n=e.reminders)
            draw_text(canvas, said, (x, rect.y + 72), font(13), c["panel_muted_text"], width, 1)

    def draw_form(self, canvas: pygame.Surface) -> None:
        c, t, x, w = self.c, self.t, FORM.x + 24, FORM.w - 48
        draw_text(canvas, t("app.endorse.form_heading"), (x, FORM.y + 18), font(19, bold=True),
                  c["panel_text"], w, 1)  # fmt: skip
        small = font(14, bold=True)
        for index, field in enumerate(FIELDS):
            label = t(f"app.endorse.field_{field}")
            draw_text(canvas, label, (x, FORM.y + 58 + index * 70), small, c["panel_text"], w, 1)
        label = t("app.endorse.field_subject")
        draw_text(canvas, label, (x, FORM.y + 458), small, c["panel_text"], w, 1)
        if not self.choices:
            draw_text(canvas, t("app.endorse.nothing_to_endorse"), (x, FORM.y + 486), font(14),
                      c["panel_muted_text"], w, 2)  # fmt: skip
        help_text = t("app.endorse.consent_help", name=self.player.pseudonym)
        draw_text(canvas, help_text, (x, FORM.y + 398), font(13), c["panel_muted_text"], w, 3)
