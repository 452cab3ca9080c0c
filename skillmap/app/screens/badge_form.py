"""Co-build a badge request with the young person, from confirmed experiences.

1. which competency (only those confirmed on an experience), 2. the level and the
experiences that prove it, 3. criteria (from the framework's level descriptor) and the
narrative in the young person's words, edited together, 4. the recipient e-mail, asked only
here, and the young person's explicit consent. ``skillmap.badges.submit`` checks all of it
and queues the request; its refusals are shown in plain words.
"""

from __future__ import annotations

from functools import partial

import pygame
import pygame_gui
from pygame_gui.elements import UICheckBox, UIDropDownMenu, UITextEntryBox, UITextEntryLine

from shared.badge import BadgeRequest
from shared.errors import DivaError
from shared.text import localize
from skillmap import badges
from skillmap.app import raster
from skillmap.app.context import Context
from skillmap.app.navigation import ToPlayer, ToReview
from skillmap.app.screens.base import TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, card, draw_text, font

PANE = pygame.Rect(20, TOPBAR_H + 14, CANVAS[0] - 40, CANVAS[1] - TOPBAR_H - 28)
COL1, COL2, COL3 = PANE.x + 24, PANE.x + 330, PANE.x + 900
COL2_W = 540


class BadgeFormScreen(Screen):
    """One badge request at a time; nothing is saved until it is complete and queued."""

    def __init__(self, ctx: Context, manager: pygame_gui.UIManager, player_id: str) -> None:
        super().__init__(ctx, manager)
        self.player_id = player_id
        self.competency = ""
        self.level = 0
        self.chosen: list[str] = []
        self.email = ""
        self.name = ""
        self.consent = False
        self.request: BadgeRequest | None = None

    def has_back(self) -> bool:
        return True

    # -- data ------------------------------------------------------------------------------

    def load(self) -> None:
        store = self.ctx.store
        self.player = store.player(self.player_id)
        self.options = {o.competency: o for o in badges.options(store, self.player_id)}
        self.experiences = {e.id: e for e in store.experiences(self.player_id)}
        if self.options and self.competency not in self.options:
            self.pick(next(iter(self.options)), rebuild=False)

    def eligible(self) -> list[str]:
        """Experiences confirmed at this competency, at the chosen level or above."""
        return [
            e.id
            for e in sorted(self.experiences.values(), key=lambda e: e.created)
            if (e.confirmed_level(self.competency) or 0) >= self.level
        ]

    # -- widgets ---------------------------------------------------------------------------

    def build(self) -> None:
        self.load()
        self.topbar_buttons(self.back)
        if not self.options:
            self.button(
                pygame.Rect(PANE.x + 28, PANE.y + 150, 300, 48),
                self.t("app.badge.go_review"),
                self.go_review,
            )
            return
        for index, competency in enumerate(self.options):
            name = localize(self.ctx.framework.competency(competency).name, self.ctx.lang)
            style = "@chip_on" if competency == self.competency else "@chip"
            self.button(
                pygame.Rect(COL1 + 40, PANE.y + 74 + index * 52, 240, 44),
                name,
                partial(self.pick, competency),
                style,
            )
        self._middle()
        self._right()

    def _middle(self) -> None:
        t, fw, lang = self.t, self.ctx.framework, self.ctx.lang
        best = self.options[self.competency].level
        self.level_names = {
            t("app.review.level_word", level=n, word=fw.level_word(n, lang)): n
            for n in range(1, best + 1)
        }
        current = next(k for k, v in self.level_names.items() if v == self.level)
        self.level_menu = UIDropDownMenu(
            list(self.level_names),
            current,
            pygame.Rect(COL2, PANE.y + 74, 300, 42),
            self.manager,
            container=self.container,
        )
        self.focus.add(self.level_menu)
        self.boxes: dict[str, UICheckBox] = {}
        for index, experience_id in enumerate(self.eligible()[:3]):
            box = UICheckBox(
                pygame.Rect(COL2, PANE.y + 156 + index * 34, 24, 24),
                self.experiences[experience_id].title,
                self.manager,
                container=self.container,
                initial_state=experience_id in self.chosen,
            )
            self.boxes[experience_id] = box
            self.focus.add(box)
        request = self._prepared()
        self.criteria_box = self._text(PANE.y + 290, 90, request.criteria)
        self.narrative_box = self._text(PANE.y + 414, 154, request.narrative)

    def _text(self, y: int, h: int, text: str) -> UITextEntryBox:
        widget = UITextEntryBox(
            pygame.Rect(COL2, y, COL2_W, h), text, self.manager, container=self.container
        )
        self.framed.append(widget)
        self.focus.add(widget)
        return widget

    def _right(self) -> None:
        t = self.t
        self.email_box = UITextEntryLine(
            pygame.Rect(COL3, PANE.y + 304, 310, 42),
            self.manager,
            container=self.container,
        )
        self.email_box.set_text(self.email)
        self.name_box = UITextEntryLine(
            pygame.Rect(COL3, PANE.y + 376, 310, 42),
            self.manager,
            container=self.container,
        )
        self.name_box.set_text(self.name)
        self.consent_box = UICheckBox(
            pygame.Rect(COL3, PANE.y + 434, 26, 26),
            t("app.badge.consent", name=self.player.pseudonym),
            self.manager,
            container=self.container,
            initial_state=self.consent,
        )
        self.focus.add(self.email_box, self.name_box, self.consent_box)
        self.submit_button = self.button(
            pygame.Rect(COL3, PANE.bottom - 70, 310, 50), t("app.badge.submit"), self.submit
        )

    # -- actions ---------------------------------------------------------------------------

    def back(self) -> None:
        self.ctx.go(ToPlayer(self.player_id))

    def go_review(self) -> None:
        self.ctx.go(ToReview(self.player_id))

    def keep_typed(self) -> None:
        """Remember what was typed before widgets are rebuilt (another competency, level)."""
        if getattr(self, "email_box", None) is not None and self.email_box.alive():
            self.email = self.email_box.get_text()
            self.name = self.name_box.get_text()
            self.consent = bool(self.consent_box.get_state())

    def pick(self, competency: str, level: int = 0, rebuild: bool = True) -> None:
        """Choose the competency (and level): criteria and narrative are prepared afresh."""
        self.keep_typed()
        self.competency = competency
        self.level = level or self.options[competency].level
        self.chosen = self.eligible()
        self.request = badges.prepare(
            self.ctx.store, self.player_id, competency, self.level, self.chosen, self.ctx.lang
        )
        if rebuild:
            self.rebuild()

    def _prepared(self) -> BadgeRequest:
        """The request ``load`` prepared (the form is built only once there is one)."""
        if self.request is None:
            raise RuntimeError("the badge form was built before its request was prepared")
        return self.request

    def current_request(self) -> BadgeRequest:
        chosen = [eid for eid, box in self.boxes.items() if box.get_state()]
        return self._prepared().model_copy(
            update={
                "experience_ids": chosen,
                "criteria": self.criteria_box.get_text().strip(),
                "narrative": self.narrative_box.get_text().strip(),
            }
        )

    def submit(self) -> None:
        self.keep_typed()
        try:
            badges.submit(
                self.ctx.store,
                self.current_request(),
                email=self.email,
                consent=self.consent,
                name=self.name,
            )
        except DivaError as error:
            self.fail(error)
            return
        self.ctx.go(ToPlayer(self.player_id, tab="badges", said=self.t("app.badge.queued")))

    def process_event(self, event: pygame.event.Event) -> None:
        menu = getattr(self, "level_menu", None)
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is menu:
            self.pick(self.competency, self.level_names[event.text])

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.badge.title", name=self.player.pseudonym))
        card(canvas, PANE, c["panel"], c["panel_border"], radius=18)
        if not self.options:
            draw_text(
                canvas,
                t("app.badge.none"),
                (PANE.x + 28, PANE.y + 40),
                font(18),
                c["panel_muted_text"],
                width=PANE.w - 56,
            )
            return
        heads = (
            ("app.badge.step_competency", COL1, 24),
            ("app.badge.step_level", COL2, 24),
            ("app.badge.step_experiences", COL2, 126),
            ("app.badge.step_criteria", COL2, 262),
            ("app.badge.step_narrative", COL2, 388),
            ("app.badge.step_recipient", COL3, 248),
            ("app.badge.email_hint", COL3, 276),
            ("app.badge.name_hint", COL3, 348),
        )
        for key, x, dy in heads:
            draw_text(canvas, t(key), (x, PANE.y + dy), font(16, bold=True), c["panel_text"])
        for index, competency in enumerate(self.options):
            canvas.blit(raster.icon(competency, 34), (COL1, PANE.y + 79 + index * 52))
        self._draw_preview(canvas)

    def _draw_preview(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        image = raster.badge_surface(self.competency, self.level, 170)
        canvas.blit(image, (COL3 + 70, PANE.y + 20))
        name = localize(self.ctx.framework.competency(self.competency).name, self.ctx.lang)
        word = self.ctx.framework.level_word(self.level, self.ctx.lang)
        draw_text(
            canvas,
            name,
            (COL3 + 155, PANE.y + 196),
            font(17, bold=True),
            c["panel_text"],
            align="center",
        )
        draw_text(
            canvas,
            t("app.badge.level", level=self.level, word=word),
            (COL3 + 155, PANE.y + 222),
            font(14),
            c["panel_muted_text"],
            align="center",
        )
        draw_text(
            canvas,
            t("app.badge.consent_help"),
            (COL3 + 36, PANE.y + 466),
            font(13),
            c["panel_muted_text"],
            width=274,
            max_lines=4,
        )
