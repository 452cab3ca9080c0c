"""Add an experience told in the conversation: what, where, when, in the young person's words,
what they did, and up to four competencies with a level each.

Saving calls ``skillmap.review.add_experience``; a level 4 is asked again first, and a
refusal (no title, a competency twice...) is explained in plain words, nothing is lost.
"""

from __future__ import annotations

from typing import get_args

import pygame
import pygame_gui
from pygame_gui.elements import UICheckBox, UIDropDownMenu, UITextEntryBox, UITextEntryLine

from shared.errors import DivaError
from shared.experience import MAX_COMPETENCIES, ExperienceKind
from shared.text import localize
from skillmap import review
from skillmap.app.context import Context
from skillmap.app.navigation import ToPlayer, ToReview
from skillmap.app.screens.base import TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, blit_text, card, draw_text, font
from skillmap.common import ActionError, NeedsConfirmation

PANE = pygame.Rect(20, TOPBAR_H + 14, CANVAS[0] - 40, CANVAS[1] - TOPBAR_H - 28)
LEFT_X, RIGHT_X = PANE.x + 28, PANE.x + 640
FIELD_W = 580


class ExperienceFormScreen(Screen):
    """A form on one page; Tab walks through it in reading order."""

    def __init__(self, ctx: Context, manager: pygame_gui.UIManager, player_id: str) -> None:
        super().__init__(ctx, manager)
        self.player_id = player_id

    def has_back(self) -> bool:
        return True

    def build(self) -> None:
        self.player = self.ctx.store.player(self.player_id)
        self.topbar_buttons(self.back)
        t = self.t
        self.title_box = self._line(LEFT_X, PANE.y + 86, FIELD_W, "app.form.title_hint")
        self.kinds = {t(f"app.kind.{k}"): k for k in get_args(ExperienceKind)}
        self.kind_menu = UIDropDownMenu(
            list(self.kinds),
            t("app.kind.other"),
            pygame.Rect(LEFT_X, PANE.y + 164, 280, 44),
            self.manager,
            container=self.container,
        )
        self.focus.add(self.kind_menu)
        self.where_box = self._line(LEFT_X + 296, PANE.y + 164, 284, "app.form.where_hint")
        self.when_box = self._line(LEFT_X, PANE.y + 242, FIELD_W, "app.form.when_hint")
        self.words_box = self._box(LEFT_X, PANE.y + 320, 110, "app.form.words_hint")
        self.activities_box = self._box(LEFT_X, PANE.y + 460, 96, "app.form.activities_hint")
        self._competency_rows()
        self.confirm_box = UICheckBox(
            pygame.Rect(RIGHT_X, PANE.y + 404, 26, 26),
            t("app.form.confirm_now"),
            self.manager,
            container=self.container,
        )
        self.focus.add(self.confirm_box)
        self.button(
            pygame.Rect(PANE.right - 470, PANE.bottom - 70, 200, 50),
            t("app.cancel"),
            self.back,
            "@secondary",
        )
        self.button(
            pygame.Rect(PANE.right - 258, PANE.bottom - 70, 230, 50),
            t("app.form.save"),
            self.save,
        )
        self.focus.focus(self.title_box)

    def _line(self, x: int, y: int, w: int, hint: str) -> UITextEntryLine:
        widget = UITextEntryLine(
            pygame.Rect(x, y, w, 44),
            self.manager,
            container=self.container,
        )
        self.framed.append(widget)
        self.focus.add(widget)
        return widget

    def _box(self, x: int, y: int, h: int, hint: str) -> UITextEntryBox:
        widget = UITextEntryBox(
            pygame.Rect(x, y, FIELD_W, h),
            "",
            self.manager,
            container=self.container,
        )
        self.framed.append(widget)
        self.focus.add(widget)
        return widget

    def _competency_rows(self) -> None:
        t, fw, lang = self.t, self.ctx.framework, self.ctx.lang
        self.competency_names = {t("app.form.no_competency"): ""}
        self.competency_names.update({localize(c.name, lang): c.id for c in fw.competencies})
        self.level_names = {
            t("app.review.level_word", level=n, word=fw.level_word(n, lang)): n for n in range(1, 5)
        }
        self.rows: list[tuple[UIDropDownMenu, UIDropDownMenu]] = []
        for index in range(MAX_COMPETENCIES):
            y = PANE.y + 96 + index * 70
            what = UIDropDownMenu(
                list(self.competency_names),
                t("app.form.no_competency"),
                pygame.Rect(RIGHT_X, y, 300, 44),
                self.manager,
                container=self.container,
                expansion_height_limit=300,
            )
            level = UIDropDownMenu(
                list(self.level_names),
                next(iter(self.level_names)),
                pygame.Rect(RIGHT_X + 312, y, 268, 44),
                self.manager,
                container=self.container,
            )
            self.focus.add(what, level)
            self.rows.append((what, level))

    # -- actions ---------------------------------------------------------------------------

    def back(self) -> None:
        self.ctx.go(ToPlayer(self.player_id))

    def draft(self) -> review.NewExperience:
        """What the form holds, as the action expects it; a competency twice is refused."""
        competencies: dict[str, int] = {}
        for what, level in self.rows:
            competency = self.competency_names.get(what.selected_option[0], "")
            if not competency:
                continue
            if competency in competencies:
                raise ActionError("app.form.twice", name=what.selected_option[0])
            competencies[competency] = self.level_names[level.selected_option[0]]
        lines = self.activities_box.get_text().splitlines()
        return review.NewExperience(
            title=self.title_box.get_text(),
            kind=self.kinds.get(self.kind_menu.selected_option[0], "other"),
            where=self.where_box.get_text(),
            when=self.when_box.get_text(),
            own_words=self.words_box.get_text().strip(),
            activities=[line.strip() for line in lines if line.strip()],
            competencies=competencies,
        )

    def save(self, allow_level4: bool = False) -> None:
        try:
            experience = review.add_experience(
                self.ctx.store,
                self.player_id,
                self.draft(),
                by=self.ctx.counsellor,
                confirm=bool(self.confirm_box.get_state()),
                allow_level4=allow_level4,
            )
        except NeedsConfirmation:
            question = self.t("app.review.level4_question", name=self.player.pseudonym)
            self.ask(question, self.t("app.review.level4_yes"), lambda: self.save(True))
            return
        except DivaError as error:
            self.fail(error)
            return
        self.ctx.go(ToReview(self.player_id, experience.id, said=self.t("app.form.saved")))

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.form.title", name=self.player.pseudonym))
        card(canvas, PANE, c["panel"], c["panel_border"], radius=18)
        draw_text(
            canvas,
            t("app.form.heading"),
            (LEFT_X, PANE.y + 16),
            font(22, bold=True),
            c["panel_text"],
        )
        labels = (
            ("app.form.title_label", "app.form.title_hint", LEFT_X, 62),
            ("app.form.kind_label", "", LEFT_X, 140),
            ("app.form.where_label", "app.form.where_hint", LEFT_X + 296, 140),
            ("app.form.when_label", "app.form.when_hint", LEFT_X, 218),
            ("app.form.words_label", "app.form.words_hint", LEFT_X, 296),
            ("app.form.activities_label", "", LEFT_X, 436),
            ("app.form.competencies_label", "", RIGHT_X, 50),
        )
        for key, hint, x, dy in labels:
            image = blit_text(
                canvas, t(key), (x, PANE.y + dy - 2), font(15, bold=True), c["panel_text"]
            )
            if hint:
                draw_text(
                    canvas,
                    t(hint),
                    (x + image.w + 10, PANE.y + dy),
                    font(13),
                    c["panel_muted_text"],
                    width=FIELD_W - image.w - 10,
                    max_lines=1,
                )
        draw_text(
            canvas,
            t("app.form.competencies_help"),
            (RIGHT_X, PANE.y + 72),
            font(13),
            c["panel_muted_text"],
            width=FIELD_W,
        )
        draw_text(
            canvas,
            t("app.form.confirm_help"),
            (RIGHT_X + 36, PANE.y + 436),
            font(13),
            c["panel_muted_text"],
            width=FIELD_W - 36,
            max_lines=3,
        )
        pygame.draw.line(
            canvas, c["panel_border"], (RIGHT_X - 30, PANE.y + 50), (RIGHT_X - 30, PANE.y + 560), 2
        )
