"""« Partager le portfolio » (issue 9): with the young person's consent, the portfolio is
published on the issuer at an unguessable link, shown here as a big QR code for their phone;
« Ne plus partager » stops the link; per badge, what the public sees (no name, the pseudonym or
the first name; the narrative or not — by default the least).

The work is ``skillmap.publishing``'s, the functions ``diva-skillmap share`` calls. The QR code
is segno's matrix drawn module by module with pygame rectangles: sharp at any size. Each badge's
row shows the choice in force on the issuer, read in a worker thread (``skillmap.app.jobs``)
when the page opens: « Appliquer » waits until it is known, so nothing is changed blindly.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pygame
import segno
from pygame_gui.elements import UICheckBox, UIDropDownMenu, UITextEntryLine

from shared.badge import BadgeRequest
from shared.errors import DivaError
from shared.text import localize
from skillmap import publishing, sending
from skillmap.app.jobs import Job
from skillmap.app.navigation import ToPersonFile
from skillmap.app.paging import PAGER_W, Pager
from skillmap.app.screens.base import MARGIN, TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, card, draw_text, font
from skillmap.issuers import IssuerBook

LEFT = pygame.Rect(MARGIN, TOPBAR_H + 20, 640, CANVAS[1] - TOPBAR_H - 40)
RIGHT = pygame.Rect(LEFT.right + 20, LEFT.y, CANVAS[0] - LEFT.right - 20 - MARGIN, LEFT.h)
QR_SIZE = 380
PRIVACY_ROWS, PRIVACY_H = 3, 78
NAME_CHOICES = ("none", "pseudonym", "first_name")  # the least first: the default
QR_DARK, QR_LIGHT = (0x2B, 0x25, 0x40), (0xFF, 0xFF, 0xFF)


def qr_modules(url: str) -> list[list[bool]]:
    """The QR code's modules (True: dark), with segno's quiet zone of 2 modules."""

    return [[bool(v) for v in row] for row in segno.make(url, error="m").matrix_iter(border=2)]


def draw_qr(canvas: pygame.Surface, modules: list[list[bool]], rect: pygame.Rect) -> pygame.Rect:
    """Draw the code centred in ``rect``, whole pixels per module; returns where it went."""
    step = max(1, min(rect.w, rect.h) // len(modules))
    size = step * len(modules)
    where = pygame.Rect(0, 0, size, size)
    where.center = rect.center
    pygame.draw.rect(canvas, QR_LIGHT, where)
    for row, line in enumerate(modules):
        for col, dark in enumerate(line):
            if dark:
                module = (where.x + col * step, where.y + row * step, step, step)
                pygame.draw.rect(canvas, QR_DARK, module)
    return where


class SharingScreen(Screen):
    """Publish or stop the portfolio's public link; what each badge shows."""

    def __init__(self, ctx, manager, player_id: str) -> None:
        super().__init__(ctx, manager)
        self.player_id = player_id
        self.modules: list[list[bool]] = []
        self.qr_rect: pygame.Rect | None = None
        self.pager = Pager(PRIVACY_ROWS)  # three badges a page, as the app's lists page
        self.expiry_typed = ""
        self.consent_ticked: bool | None = None  # None: as recorded in the young person's file
        self.known: dict[str, dict] = {}  # badge id -> the choice in force on the issuer
        self.reading: Job[dict[str, dict]] | None = None

    def has_back(self) -> bool:
        return True

    def clients(self) -> sending.ClientFactory:
        return sending.client_factory(IssuerBook(self.ctx.store.root))

    def build(self) -> None:
        self.topbar_buttons(self.back)
        t, store = self.t, self.ctx.store
        self.player = store.player(self.player_id)
        try:
            self.published = publishing.published(store.root, self.player_id)
        except DivaError as error:
            self.published = None
            self.fail(error)
        self.modules = qr_modules(self.published.url) if self.published else []
        x, w = LEFT.x + 24, LEFT.w - 48
        self.consent_box = UICheckBox(
            pygame.Rect(x, LEFT.y + 110, 26, 26),
            t("app.share.consent", name=self.player.pseudonym),
            self.manager,
            container=self.container,
            initial_state=(
                self.player.consent.share_portfolio
                if self.consent_ticked is None
                else self.consent_ticked
            ),
        )
        self.expiry_box = UITextEntryLine(
            pygame.Rect(x, LEFT.y + 170, 200, 44),
            self.manager,
            container=self.container,
            placeholder_text=t("app.share.expiry_placeholder"),
        )
        self.expiry_box.set_text(self.expiry_typed)
        self.focus.add(self.consent_box, self.expiry_box)
        publish_key = "app.share.publish_again" if self.published else "app.share.publish"
        self.publish_button = self.button(
            pygame.Rect(x + 214, LEFT.y + 170, w - 214, 44), t(publish_key), self.publish
        )
        self.unpublish_button = None
        if self.published:
            self.unpublish_button = self.button(
                pygame.Rect(x, LEFT.y + 226, w, 44),
                t("app.share.unpublish"),
                self.ask_unpublish,
                "@danger",
            )
        self.badges = self.pager.shown(self.issued_badges())
        self.privacy: dict[str, tuple] = {}
        for index, badge in enumerate(self.badges):
            self._privacy_row(badge, self._privacy_y(index))
        self.pager.build(self, LEFT.right - 24, LEFT.y + 282, self.turn)  # beside the heading
        self.read_choices()

    def issued_badges(self) -> list[BadgeRequest]:
        return [
            b
            for b in self.ctx.store.badge_requests(self.player_id)
            if b.status == "issued" and b.answer is not None and not b.answer.revoked
        ]

    def _privacy_y(self, index: int) -> int:
        return LEFT.y + 364 + index * PRIVACY_H

    def _privacy_row(self, badge: BadgeRequest, y: int) -> None:
        t, x = self.t, LEFT.x + 24
        labels = [t(f"app.share.name_{choice}") for choice in NAME_CHOICES]
        shown: list[str | tuple[str, str]] = list(labels)
        now = self.known.get(badge.id, {})
        kind = now.get("name") if now.get("name") in NAME_CHOICES else "none"
        menu = UIDropDownMenu(
            shown, labels[NAME_CHOICES.index(kind)], pygame.Rect(x, y + 26, 170, 38),
            self.manager, container=self.container, expansion_height_limit=130,
        )  # fmt: skip
        first = UITextEntryLine(
            pygame.Rect(x + 180, y + 26, 140, 38),
            self.manager,
            container=self.container,
            placeholder_text=t("app.share.first_name"),
        )
        if kind == "first_name":
            first.set_text(str(now.get("displayName", "")))
        narrative = UICheckBox(
            pygame.Rect(x + 334, y + 32, 24, 24),
            t("app.share.narrative"),
            self.manager,
            container=self.container,
            initial_state=bool(now.get("showNarrative")),
        )
        self.focus.add(menu, first, narrative)
        apply = self.button(
            pygame.Rect(LEFT.right - 24 - 112, y + 26, 112, 38),
            t("app.share.apply"),
            partial(self.apply_privacy, badge),
            "@secondary",
        )
        if badge.id not in self.known and self.reading is not None:
            for control in (menu, first, narrative, apply):  # the choice in force is being
                control.disable()  # read: nothing typed here would survive its arrival
        self.privacy[badge.id] = (menu, first, narrative, apply, labels)

    # -- actions ---------------------------------------------------------------------------

    def back(self) -> None:
        self.ctx.go(ToPersonFile(self.player_id))

    def turn(self, step: int) -> None:
        if self.pager.turn(step):
            self.keep_form()
            self.rebuild()

    def keep_form(self) -> None:
        """The expiry typed and the consent ticked survive a rebuild of the screen."""
        self.expiry_typed = self.expiry_box.get_text()
        self.consent_ticked = bool(self.consent_box.get_state())

    def read_choices(self) -> None:
        """Ask the issuer, in a worker, what this page's badges show now (once per badge)."""
        unknown = [b.id for b in self.badges if b.id not in self.known]
        if not unknown or self.reading is not None:
            return
        store = self.ctx.store

        def read() -> dict[str, dict]:
            clients = self.clients()
            return {ref: publishing.privacy_of(store, ref, clients) for ref in unknown}

        self.reading = Job(read, self.t, "privacy-read").start()
        for menu, first, narrative, apply, _labels in self.privacy.values():
            for control in (menu, first, narrative, apply):
                control.disable()

    def update(self, dt: float) -> None:
        """Each frame: once the choices are read, the rows show them."""
        super().update(dt)
        job = self.reading
        if job is None or not job.done.is_set():
            return
        self.reading = None
        self.keep_form()
        if job.result is not None:
            self.known.update(job.result)
        else:  # rows stay at the least, « Appliquer » works: the counsellor may set it anew
            self.known.update({b.id: {} for b in self.badges})
        self.rebuild()
        if job.error:
            self.say(self.t("app.share.choices_unknown", detail=job.error), ok=False)

    def process_event(self, event: pygame.event.Event) -> None:
        step = self.pager.wheel_step(event, LEFT)
        if step:
            self.turn(step)

    def publish(self) -> None:
        consent = bool(self.consent_box.get_state())
        if not consent:  # the box is the young person's word, now: unticked means no
            self.say(self.t("app.share.consent_missing", name=self.player.pseudonym), ok=False)
            return
        try:
            done = publishing.publish(
                self.ctx.store,
                self.player_id,
                self.clients(),
                consent=True,
                expires=self.expiry_box.get_text().strip(),
                lang=self.ctx.lang,
            )
        except DivaError as error:
            self.fail(error)
            return
        self.rebuild()
        self.say(self.t("app.share.published"))
        self.published = done

    def ask_unpublish(self) -> None:
        question = self.t("app.share.unpublish_question", name=self.player.pseudonym)
        self.ask(question, self.t("app.share.unpublish_yes"), self.unpublish)

    def unpublish(self) -> None:
        try:
            publishing.unpublish(self.ctx.store, self.player_id, self.clients())
        except DivaError as error:
            self.fail(error)
            return
        self.rebuild()
        self.say(self.t("app.share.unpublished"))

    def apply_privacy(self, badge: BadgeRequest) -> None:
        menu, first, narrative, _apply, labels = self.privacy[badge.id]
        name = NAME_CHOICES[labels.index(menu.selected_option[0])]
        shown = first.get_text().strip() if name == "first_name" else ""
        try:
            self.known[badge.id] = publishing.set_privacy(
                self.ctx.store, badge.id, self.clients(), name, shown, bool(narrative.get_state())
            )
        except DivaError as error:
            self.fail(error)
            return
        words = [self.t(f"share.privacy.{name}", name=shown or self.player.pseudonym)]
        words.append(self.t(f"share.privacy.narrative_{'on' if narrative.get_state() else 'off'}"))
        self.say(" ".join(words))

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.share.title", name=self.player.pseudonym))
        card(canvas, LEFT, c["panel"], c["panel_border"], radius=16)
        card(canvas, RIGHT, c["panel"], c["panel_border"], radius=16)
        x, w = LEFT.x + 24, LEFT.w - 48
        heading = font(19, bold=True)
        draw_text(canvas, t("app.share.heading"), (x, LEFT.y + 18), heading, c["panel_text"])
        state = t("app.share.state_on" if self.published else "app.share.state_off")
        draw_text(canvas, state, (x, LEFT.y + 50), font(15), c["panel_muted_text"], w, 2)
        label = t("app.share.expiry")
        draw_text(canvas, label, (x, LEFT.y + 146), font(14, bold=True), c["panel_text"], w, 1)
        beside = w - PAGER_W if self.pager.pages() > 1 else w  # the pager's buttons, right
        draw_text(canvas, t("app.share.privacy_heading"), (x, LEFT.y + 290), heading,
                  c["panel_text"], beside, 1)  # fmt: skip
        help_key = "app.share.reading" if self.reading is not None else "app.share.privacy_help"
        draw_text(canvas, t(help_key), (x, LEFT.y + 318), font(13),
                  c["panel_muted_text"], beside, 2)  # fmt: skip
        if not self.badges:
            draw_text(canvas, t("app.share.no_badge"), (x, self._privacy_y(0)), font(14),
                      c["panel_muted_text"], w, 2)  # fmt: skip
        ctx = self.ctx
        for index, badge in enumerate(self.badges):
            name = localize(ctx.framework.competency(badge.competency).name, ctx.lang)
            level = ctx.framework.level_word(badge.level, ctx.lang)
            line = t("app.endorse.subject_badge", name=name, level=level)
            at = (x, self._privacy_y(index))
            draw_text(canvas, line, at, font(15, bold=True), c["panel_text"], w, 1)
        self.pager.draw(canvas, self, (LEFT.right - 24 - PAGER_W + 10, LEFT.y + 330))
        self.draw_link(canvas)

    def draw_link(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        x, w = RIGHT.x + 24, RIGHT.w - 48
        if not self.published:
            self.qr_rect = None
            draw_text(canvas, t("app.share.no_link"), (x, RIGHT.y + 24), font(16),
                      c["panel_muted_text"], w, 4)  # fmt: skip
            return
        draw_text(canvas, t("app.share.scan"), (x, RIGHT.y + 18), font(19, bold=True),
                  c["panel_text"], w, 1)  # fmt: skip
        area = pygame.Rect(0, RIGHT.y + 56, QR_SIZE, QR_SIZE)
        area.centerx = RIGHT.centerx
        self.qr_rect = draw_qr(canvas, self.modules, area)
        y = self.qr_rect.bottom + 16
        draw_text(canvas, self.published.url, (x, y), font(14, bold=True), c["panel_text"], w, 2)
        words = t("app.share.no_expiry")
        if self.published.expires[:10]:
            day = date.fromisoformat(self.published.expires[:10])
            spoken = f"{day.day} {t(f'app.month.{day.month}')} {day.year}"
            words = t("app.share.until", date=spoken)
        draw_text(canvas, words, (x, y + 44), font(14), c["panel_muted_text"], w, 2)
