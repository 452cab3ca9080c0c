"""The badges part of a player's page: each request with its status, « Envoyer » for those
waiting, and for an issued badge its image, « Vérifier ce badge » and whether it was revoked.

Sending talks to the issuer over the network, so it runs in a worker thread
(``skillmap.app.jobs``): the page keeps drawing (« Envoi en cours… ») and shows the result
when the thread is done. The thread only calls ``skillmap.sending`` and stores its outcome;
widgets are touched on the main thread.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from pathlib import Path

import pygame

from shared.badge import BadgeRequest
from shared.errors import DivaError
from shared.i18n import Catalogue
from shared.store import Store
from shared.text import localize
from skillmap import badge_life, sending
from skillmap.app import raster
from skillmap.app.jobs import Job
from skillmap.app.look import status_colors
from skillmap.app.navigation import ToBadgeEdit
from skillmap.app.ui import card, draw_text, font, pill
from skillmap.issuers import IssuerBook

IMAGE = 104
Opener = Callable[[str], object]


class SendJob(Job[sending.Outcome]):
    """One request being sent in a worker thread; ``outcome`` or ``error`` once ``done``."""

    def __init__(
        self, store: Store, request: BadgeRequest, t: Catalogue, options: dict | None = None
    ) -> None:
        self.request_id = request.id
        self.options = options or {}

        def send() -> sending.Outcome:
            clients = sending.client_factory(IssuerBook(store.root), **self.options)
            return sending.send(store, store.root, request, clients, t)

        super().__init__(send, t, "badge-send")

    @property
    def outcome(self) -> sending.Outcome | None:
        return self.result


def status_word(request: BadgeRequest, t: Catalogue) -> tuple[str, str]:
    """(text, colour key) of a request's status pill; a revoked badge says so."""
    if request.answer is not None and request.answer.revoked:
        return t("app.badges.revoked"), "failed"
    return t(f"app.badges.status.{request.status}"), request.status


class BadgesPart:
    """Draws the badge cards of one page of the list and owns their buttons."""

    def __init__(self, screen, open_url: Opener = webbrowser.open) -> None:
        self.screen = screen
        self.open_url = open_url
        self.job: SendJob | None = None
        self.last_job: SendJob | None = None
        self.buttons: dict[str, object] = {}
        self.client_options: dict = {}  # IssuerClient options (tests: a sleeper that never waits)

    @property
    def t(self) -> Catalogue:
        return self.screen.t

    def build(self, shown: list[tuple[BadgeRequest, pygame.Rect]]) -> None:
        """The card's button: « Envoyer » (waiting requests) or « Vérifier ce badge »."""
        self.buttons = {}
        for request, rect in shown:
            place = pygame.Rect(rect.right - 206, rect.bottom - 54, 190, 42)
            if request.status in ("queued", "sent", "failed"):
                sending_now = self.job is not None and self.job.request_id == request.id
                label = self.t("app.badges.sending" if sending_now else "app.badges.send")
                button = self.screen.button(place, label, lambda r=request: self.send(r))
                if self.job is not None:
                    button.disable()
                self.buttons[request.id] = button
            if request.status in badge_life.EDITABLE_STATUSES:
                self._life_buttons(request, place)
            elif request.status == "issued" and request.answer and request.answer.assertion_url:
                url = request.answer.assertion_url
                button = self.screen.button(
                    place, self.t("app.badges.verify"), lambda u=url: self.open_url(u), "@secondary"
                )
                self.buttons[request.id] = button

    def _life_buttons(self, request: BadgeRequest, place: pygame.Rect) -> None:
        """« Corriger » (the request's fields, or consent withdrawn) and « Annuler » (asked
        first), left of « Envoyer »."""
        screen, t = self.screen, self.t
        right = place.x - 10 if request.id in self.buttons else place.right  # « Envoyer »
        cancel = pygame.Rect(right - 120, place.y + 4, 120, place.h - 4)
        withdraw = pygame.Rect(cancel.x - 166, cancel.y, 156, cancel.h)
        self.buttons[request.id + ":cancel"] = screen.button(
            cancel, t("app.badges.cancel"), lambda r=request: self.ask_cancel(r), "@secondary"
        )
        self.buttons[request.id + ":edit"] = screen.button(
            withdraw,
            t("app.badges.edit"),
            lambda r=request: screen.ctx.go(ToBadgeEdit(r.player_id, r.id)),
            "@secondary",
        )

    def ask_cancel(self, request: BadgeRequest) -> None:
        self.screen.ask(
            self.t("app.badges.cancel_question"),
            self.t("app.badges.cancel_yes"),
            lambda: self._life(badge_life.cancel_request, request, "badge.cancelled"),
        )

    def ask_withdraw(self, request: BadgeRequest) -> None:
        self.screen.ask(
            self.t("app.badges.withdraw_question"),
            self.t("app.badges.withdraw_yes"),
            lambda: self._life(badge_life.withdraw_consent, request, "badge.withdrawn"),
        )

    def _life(self, action: Callable[..., BadgeRequest], request: BadgeRequest, said: str) -> None:
        try:
            saved = action(self.screen.ctx.store, request)
        except DivaError as error:
            self.screen.fail(error)
            return
        self.screen.rebuild()
        self.screen.say(self.t(said, id=saved.id[:8]))

    def send(self, request: BadgeRequest) -> None:
        if self.job is not None:
            return
        store = self.screen.ctx.store
        self.job = self.last_job = SendJob(store, request, self.t, self.client_options).start()
        self.screen.say(self.t("app.badges.sending_long"))
        self.screen.rebuild()

    def update(self) -> None:
        """When the worker is done: say what happened, then show the new state."""
        job = self.job
        if job is None or not job.done.is_set():
            return
        self.job = None
        if job.outcome is None:
            self.screen.say(job.error, ok=False)
        else:
            key = "app.badges.result." + job.outcome.status
            self.screen.say(
                self.t(key, message=job.outcome.message), job.outcome.status == "issued"
            )
        self.screen.rebuild()

    # -- drawing ---------------------------------------------------------------------------

    def _image(self, request: BadgeRequest) -> pygame.Surface:
        """The issuer's baked image once saved, else DIVA's emblem (faded until issued)."""
        answer = request.answer
        if answer is not None and answer.image_path:
            path = Path(self.screen.ctx.store.root) / answer.image_path
            try:
                picture = pygame.image.load(str(path))
                return pygame.transform.smoothscale(picture, (IMAGE, IMAGE))
            except (pygame.error, OSError, FileNotFoundError):
                pass
        emblem = raster.badge_surface(request.competency, request.level, IMAGE).copy()
        if request.status != "issued" or (answer is not None and answer.revoked):
            emblem.set_alpha(110)
        return emblem

    def draw_card(self, canvas: pygame.Surface, rect: pygame.Rect, request: BadgeRequest) -> None:
        c, t, ctx = self.screen.c, self.t, self.screen.ctx
        card(canvas, rect, c["panel"], c["panel_border"])
        canvas.blit(self._image(request), (rect.x + 14, rect.y + 14))
        text_x = rect.x + IMAGE + 28
        label, colour = status_word(request, t)
        fill, ink = status_colors(colour, ctx.high_contrast)
        tag = pill(canvas, label, (rect.right - 16, rect.y + 14), fill, ink, align="right")
        name = localize(ctx.framework.competency(request.competency).name, ctx.lang)
        draw_text(
            canvas,
            name,
            (text_x, rect.y + 10),
            font(18, bold=True),
            c["panel_text"],
            width=tag.x - text_x - 10,
            max_lines=1,
        )
        level = t(
            "app.badge.level",
            level=request.level,
            word=ctx.framework.level_word(request.level, ctx.lang),
        )
        draw_text(canvas, level, (text_x, rect.y + 38), font(15), c["panel_muted_text"])
        detail = self._detail(request)
        draw_text(
            canvas,
            detail,
            (text_x, rect.y + 62),
            font(14),
            c["panel_text"],
            width=rect.right - text_x - 16,
            max_lines=max(1, (rect.h - 62 - 60) // (font(14).get_linesize() + 2)),
        )

    def _detail(self, request: BadgeRequest) -> str:
        t, answer = self.t, request.answer
        if request.reason and request.status in ("held", "cancelled"):
            return t(f"badge.reason.{request.reason}")
        if answer is not None and answer.revoked:
            return t("app.badges.detail_revoked", reason=answer.revocation_reason)
        if request.status == "issued":
            return t("app.badges.detail_issued", issuer=answer.issuer if answer else "")
        if request.last_error:
            return t("app.badges.detail_error", attempts=request.attempts, error=request.last_error)
        return t(f"app.badges.detail_{request.status}")
