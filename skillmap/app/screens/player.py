"""A young person's page: the competency map, then what the game showed and what they lived.

The map is the centrepiece (left); the right column holds who the player is, the three
actions (review, add, badge) and one list at a time: experiences, or the game's evidence
with its provenance (scenario, situation, the choice made, what the player identified).
"""

from __future__ import annotations

from functools import partial

import pygame
import pygame_gui

from shared.errors import DivaError
from shared.evidence import Evidence
from shared.experience import Experience
from shared.profile import SkillProfile
from shared.text import localize
from skillmap import people, progression
from skillmap.app import raster
from skillmap.app.context import Context
from skillmap.app.look import avatar, status_colors, when
from skillmap.app.navigation import (
    ToBadgeForm,
    ToExperienceForm,
    ToPersonFile,
    ToPlayers,
    ToReview,
)
from skillmap.app.screens.badges_part import BadgesPart
from skillmap.app.screens.base import TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, card, draw_text, font, pill, shade
from skillmap.app.wheel import Wheel, draw_legend, draw_wheel, highlight, icon_center

MAP_RECT = pygame.Rect(20, TOPBAR_H + 14, 700, CANVAS[1] - TOPBAR_H - 28)
SIDE_X = MAP_RECT.right + 18
SIDE_W = CANVAS[0] - SIDE_X - 20
LIST_TOP = TOPBAR_H + 230
CARD_GAP = 10
PER_PAGE = {"experiences": 2, "evidence": 3, "badges": 2}
TABS = ((0, 160, "experiences"), (166, 230, "evidence"), (402, 120, "badges"))


def badge_count(t, requests: list) -> str:
    """« 1 badge · 2 demandes »: an issued badge and a request are not the same thing (a
    revoked or cancelled one is neither)."""
    issued = sum(
        1 for r in requests if r.status == "issued" and not (r.answer and r.answer.revoked)
    )
    asked = sum(1 for r in requests if r.status in ("draft", "queued", "sent", "failed", "held"))
    parts = (
        [t("app.player.badges_" + ("one" if issued == 1 else "many"), n=issued)] if issued else []
    )
    if asked:
        parts.append(t("app.player.requests_" + ("one" if asked == 1 else "many"), n=asked))
    return " · ".join(parts) or t("app.player.badges_none")


def chip_width(level: int) -> int:
    """Room taken by one competency chip: icon and four dots, or the icon alone."""
    return 80 if level else 40


class PlayerScreen(Screen):
    """One player's page; opening it marks the player as reviewed by this counsellor."""

    def __init__(
        self, ctx: Context, manager: pygame_gui.UIManager, player_id: str, tab: str = "experiences"
    ) -> None:
        super().__init__(ctx, manager)
        self.player_id = player_id
        self.tab = tab
        self.page = 0
        self.hovered: str | None = None
        self.wheel: Wheel | None = None
        self.data: people.PlayerPage | None = None
        self.map_surface: pygame.Surface | None = None
        self.then = False  # the map « avant » (first day confirmed) instead of « maintenant »
        self.badges_part = BadgesPart(self)

    def has_back(self) -> bool:
        return True

    # -- data ------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the page in one go; the newest evidence first, experiences to review first."""
        self.data = people.player_page(self.ctx.store, self.player_id)
        self.evidence: list[Evidence] = sorted(
            self.data.evidence, key=lambda e: e.created, reverse=True
        )
        order = {"draft": 0, "submitted": 0, "confirmed": 1, "rejected": 2}
        self.experiences: list[Experience] = sorted(
            self.data.experiences, key=lambda e: (order[e.status], e.created)
        )
        self.badges = sorted(self.data.badge_requests, key=lambda r: r.created, reverse=True)
        self.map_surface = None
        # opening the page is not reviewing: « nouveau » clears when the counsellor acts

    def items(self, tab: str | None = None) -> list:
        lists: dict[str, list] = {
            "experiences": self.experiences,
            "evidence": self.evidence,
            "badges": self.badges,
        }
        return lists[tab or self.tab]

    def shown(self) -> list:
        per = PER_PAGE[self.tab]
        return self.items()[self.page * per : (self.page + 1) * per]

    def card_rect(self, index: int) -> pygame.Rect:
        per = PER_PAGE[self.tab]
        height = (CANVAS[1] - 72 - LIST_TOP - CARD_GAP * (per - 1)) // per
        return pygame.Rect(SIDE_X, LIST_TOP + index * (height + CARD_GAP), SIDE_W, height)

    def pages(self) -> int:
        per = PER_PAGE[self.tab]
        return max(1, (len(self.items()) + per - 1) // per)

    # -- widgets ---------------------------------------------------------------------------

    def build(self) -> None:
        try:
            self.load()
        except DivaError as error:
            self.fail(error)
            self.data = None
        t = self.t
        self.topbar_buttons(self.back)
        if self.data is None:
            return
        drafts = len(self.data.drafts())
        y = TOPBAR_H + 124
        self.review_button = self.button(
            pygame.Rect(SIDE_X, y, 210, 44), t("app.player.review", count=drafts), self.review
        )
        self.add_button = self.button(
            pygame.Rect(SIDE_X + 220, y, 110, 44), t("app.player.add"), self.add, "@secondary"
        )
        self.badge_button = self.button(
            pygame.Rect(SIDE_X + 340, y, SIDE_W - 340, 44),
            t("app.player.badge"),
            self.badge,
            "@secondary",
        )
        self.progress = progression.progress(self.data.experiences)
        if self.progress.first_day is not None:  # « avant » / « maintenant »: progression
            self.then_button = self.button(
                pygame.Rect(MAP_RECT.right - 190, MAP_RECT.y + 14, 170, 34),
                t("app.map.now" if self.then else "app.map.then"),
                self.toggle_then,
                "@chip",
            )
        self.file_button = self.button(  # portfolio, data, erasure, notes: the person's file
            pygame.Rect(SIDE_X + SIDE_W - 132, TOPBAR_H + 24, 118, 36),
            t("app.player.file"),
            lambda: self.ctx.go(ToPersonFile(self.player_id)),
            "@secondary",
        )
        if not drafts:
            self.review_button.set_text(t("app.player.review_none"))
        y += 56
        for x, w, tab in TABS:
            count = len(self.items(tab))
            self.button(
                pygame.Rect(SIDE_X + x, y, w, 36),
                t(f"app.player.tab_{tab}", count=count),
                partial(self.show_tab, tab),
                "@chip_on" if tab == self.tab else "@chip",
            )
        bottom = CANVAS[1] - 58
        self.prev_button = self.button(
            pygame.Rect(SIDE_X + SIDE_W - 266, bottom, 130, 38),
            t("app.previous"),
            lambda: self.turn(-1),
            "@secondary",
        )
        self.next_button = self.button(
            pygame.Rect(SIDE_X + SIDE_W - 130, bottom, 130, 38),
            t("app.next"),
            lambda: self.turn(1),
            "@secondary",
        )
        if self.tab == "badges":
            self.badges_part.build([(r, self.card_rect(i)) for i, r in enumerate(self.shown())])
        if self.page == 0:
            self.prev_button.disable()
        if self.page >= self.pages() - 1:
            self.next_button.disable()

    # -- actions ---------------------------------------------------------------------------

    def back(self) -> None:
        self.ctx.go(ToPlayers())

    def toggle_then(self) -> None:
        self.then = not self.then
        self.rebuild()

    def _shown_profile(self) -> SkillProfile:
        """Today's map, or the map as it stood at the end of the first day confirmed."""
        if self.data is None:
            raise RuntimeError("the player's page is drawn only once its data loaded")
        profile = self.data.profile
        if not self.then:
            return profile
        before = self.progress.before
        rows = [
            row.model_copy(update={"confirmed_level": before.get(row.competency)})
            for row in profile.competencies
        ]
        return profile.model_copy(update={"competencies": rows})

    def review(self) -> None:
        self.ctx.go(ToReview(self.player_id))

    def add(self) -> None:
        self.ctx.go(ToExperienceForm(self.player_id))

    def badge(self) -> None:
        self.ctx.go(ToBadgeForm(self.player_id))

    def show_tab(self, tab: str) -> None:
        self.tab, self.page = tab, 0
        self.rebuild()

    def turn(self, step: int) -> None:
        self.page = max(0, min(self.pages() - 1, self.page + step))
        self.rebuild()

    def update(self, dt: float) -> None:
        super().update(dt)
        self.badges_part.update()

    def process_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION and self.wheel is not None:
            self.hovered = self.wheel.sector_at(event.pos)
        elif event.type == pygame.MOUSEWHEEL and event.y:
            step = -1 if event.y > 0 else 1
            if 0 <= self.page + step < self.pages():
                self.turn(step)

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        name = self.data.player.pseudonym if self.data else ""
        self.draw_topbar(canvas, name)
        if self.data is None:
            return
        self._draw_map(canvas)
        self._draw_header(canvas)
        self._draw_list(canvas)

    def draw_over(self, canvas: pygame.Surface) -> None:
        if self.wheel is not None and self.hovered:
            highlight(canvas, self.wheel, self.hovered, self.c["focus"])
            self._draw_tooltip(canvas, self.hovered)
        super().draw_over(canvas)

    def _draw_map(self, canvas: pygame.Surface) -> None:
        """The map card: drawn once straight on the canvas, then kept as a copy."""
        if self.data is None:
            return
        c, t = self.c, self.t
        card(canvas, MAP_RECT, c["panel"], c["panel_border"], radius=18)
        if self.map_surface is not None:
            canvas.blit(self.map_surface, MAP_RECT.topleft)
            return
        title = t("app.map.title")
        if self.then and self.progress.first_day is not None:
            title = t("app.map.title_then", date=self.progress.first_day.strftime("%d/%m/%Y"))
        draw_text(
            canvas,
            title,
            (MAP_RECT.x + 26, MAP_RECT.y + 18),
            font(21, bold=True),
            c["panel_text"],
        )
        area = pygame.Rect(0, 44, MAP_RECT.w, MAP_RECT.h - 84)
        self.wheel = draw_wheel(
            canvas.subsurface(MAP_RECT),
            area,
            self._shown_profile(),
            self.ctx.framework,
            t,
            self.ctx.lang,
            self.ctx.high_contrast,
        )
        self.wheel.center = (area.centerx + MAP_RECT.x, area.centery + MAP_RECT.y)
        draw_legend(canvas, (MAP_RECT.x + 26, MAP_RECT.bottom - 36), t, c)
        self.map_surface = canvas.subsurface(MAP_RECT).copy()

    def _draw_header(self, canvas: pygame.Surface) -> None:
        if self.data is None:
            return
        c, t, player = self.c, self.t, self.data.player
        rect = pygame.Rect(SIDE_X, TOPBAR_H + 14, SIDE_W, 96)
        card(canvas, rect, c["panel"], c["panel_border"], radius=18)
        canvas.blit(avatar(player.avatar, player.pseudonym, 72), (rect.x + 16, rect.y + 12))
        draw_text(
            canvas,
            player.pseudonym,
            (rect.x + 106, rect.y + 8),
            font(26, bold=True),
            c["panel_text"],
        )
        where = t(
            "app.players.row_detail",
            structure=player.structure or "—",
            workshops=", ".join(player.workshops) or "—",
        )
        draw_text(
            canvas,
            where,
            (rect.x + 108, rect.y + 44),
            font(15),
            c["panel_muted_text"],
            width=rect.w - 130,
            max_lines=1,
        )
        confirmed = sum(1 for e in self.experiences if e.status == "confirmed")
        stats = t(
            "app.player.stats",
            evidence=len(self.evidence),
            experiences=len(self.experiences),
            confirmed=confirmed,
            badges=badge_count(t, self.data.badge_requests),
        )
        draw_text(
            canvas,
            stats,
            (rect.x + 108, rect.y + 66),
            font(15, bold=True),
            c["panel_text"],
            width=rect.w - 124,
            max_lines=1,
        )

    def _draw_list(self, canvas: pygame.Surface) -> None:
        shown = self.shown()
        if not shown:
            key = f"app.player.none_{self.tab}"
            rect = pygame.Rect(SIDE_X, LIST_TOP, SIDE_W, 110)
            card(canvas, rect, self.c["panel"], self.c["panel_border"])
            draw_text(
                canvas,
                self.t(key),
                (rect.x + 22, rect.y + 22),
                font(16),
                self.c["panel_muted_text"],
                width=rect.w - 44,
            )
        for index, item in enumerate(shown):
            rect = self.card_rect(index)
            if self.tab == "experiences":
                self._draw_experience(canvas, rect, item)
            elif self.tab == "badges":
                self.badges_part.draw_card(canvas, rect, item)
            else:
                self._draw_evidence(canvas, rect, item)
        draw_text(
            canvas,
            self.t("app.page", page=self.page + 1, pages=self.pages()),
            (SIDE_X + 4, CANVAS[1] - 50),
            font(15),
            self.c["panel_muted_text"],
        )

    def _chips(
        self, canvas: pygame.Surface, pos: tuple[int, int], rated: list[tuple[str, int, bool]]
    ) -> None:
        """Competency icons with their level as dots (no dots: level 0); struck out: rejected."""
        x, y = pos
        for competency, level, ok in rated:
            color = self.c[competency] if ok else self.c["panel_muted_text"]
            box = pygame.Rect(x, y, chip_width(level) - 6, 28)
            pygame.draw.rect(canvas, shade(color, 1.8), box, border_radius=14)
            canvas.blit(raster.icon(competency, 22), (x + 6, y + 3))
            for dot in range(4 if level else 0):
                centre = (x + 38 + dot * 9, y + 14)
                pygame.draw.circle(canvas, shade(color, 0.7), centre, 4, 0 if dot < level else 1)
            if not ok:
                pygame.draw.line(canvas, color, (x + 4, y + 14), (box.right - 4, y + 14), 2)
            x += chip_width(level)

    def _draw_experience(
        self, canvas: pygame.Surface, rect: pygame.Rect, experience: Experience
    ) -> None:
        c, t = self.c, self.t
        card(canvas, rect, c["panel"], c["panel_border"])
        fill, ink = status_colors(experience.status, self.ctx.high_contrast)
        label = t(f"app.status.{experience.status}")
        tag = pill(canvas, label, (rect.right - 16, rect.y + 14), fill, ink, align="right")
        width = tag.x - rect.x - 30
        title = font(18, bold=True)
        draw_text(
            canvas,
            experience.title,
            (rect.x + 18, rect.y + 10),
            title,
            c["panel_text"],
            width=width,
            max_lines=1,
        )
        kind = t(f"app.kind.{experience.kind}")  # then où, avec qui, quand
        parts = (kind, experience.where, experience.with_whom, experience.when)
        meta = " · ".join(p for p in parts if p)
        draw_text(
            canvas,
            meta,
            (rect.x + 18, rect.y + 38),
            font(14),
            c["panel_muted_text"],
            width=rect.w - 36,
            max_lines=1,
        )
        if experience.own_words:
            quote = t("app.quote", text=experience.own_words)
            draw_text(
                canvas,
                quote,
                (rect.x + 18, rect.y + 64),
                font(15),
                c["panel_text"],
                width=rect.w - 36,
                max_lines=max(1, (rect.h - 110) // font(15).get_linesize()),
            )
        rated = [(r.competency, r.level, r.status != "rejected") for r in experience.competencies]
        self._chips(canvas, (rect.x + 16, rect.bottom - 40), rated)

    def _draw_evidence(self, canvas: pygame.Surface, rect: pygame.Rect, evidence: Evidence) -> None:
        c, t = self.c, self.t
        card(canvas, rect, c["panel"], c["panel_border"])
        inside = rect.inflate(-6, -6)
        rated = [(s.competency, s.level, True) for s in evidence.shown]
        if evidence.kind == "identify":
            rated = [(i, 0, True) for i in evidence.identified]
        chips_w = sum(chip_width(level) for _, level, _ in rated)
        self._chips(canvas, (rect.right - 12 - chips_w, rect.y + 10), rated)
        title = self.ctx.scenario_titles.get(evidence.scenario_id, evidence.scenario_id)
        head = t("app.evidence.head", scenario=title, date=when(t, evidence.created))
        draw_text(
            canvas,
            head,
            (rect.x + 18, rect.y + 9),
            font(14, bold=True),
            c["info"],
            width=rect.w - 48 - chips_w,
            max_lines=1,
            box=inside,
        )
        y = draw_text(
            canvas,
            evidence.situation,
            (rect.x + 18, rect.y + 33),
            font(14),
            c["panel_muted_text"],
            width=rect.w - 36,
            max_lines=1,
            box=inside,
        )
        if evidence.kind == "choice":
            text = t("app.evidence.choice", text=evidence.choice_text)
            draw_text(
                canvas,
                text,
                (rect.x + 18, y),
                font(14, bold=True),
                c["panel_text"],
                width=rect.w - 36,
                max_lines=2,
                box=inside,
            )
            return
        names = ", ".join(self._name(i) for i in evidence.identified) or "—"
        key = "app.evidence.matched" if evidence.matched else "app.evidence.not_matched"
        text = t("app.evidence.identified", names=names, verdict=t(key))
        ink = c["success"] if evidence.matched else c["warning"]
        draw_text(
            canvas,
            text,
            (rect.x + 18, y),
            font(14, bold=True),
            ink,
            width=rect.w - 36,
            max_lines=2,
            box=inside,
        )

    def _name(self, competency: str) -> str:
        found = self.ctx.framework.by_id.get(competency)
        return localize(found.name, self.ctx.lang) if found else competency

    def _draw_tooltip(self, canvas: pygame.Surface, competency: str) -> None:
        if self.data is None or self.wheel is None:
            return
        c, t = self.c, self.t
        row = self.data.profile.get(competency)
        fw = self.ctx.framework
        lines = [  # shown in play, recognised by the young person, confirmed: never mixed
            t("app.map.tip_suggested", level=row.suggested_level, count=row.evidence)
            if row.suggested_level
            else t("app.map.tip_no_evidence"),
            t("app.map.tip_recognised", count=row.recognised)
            if row.recognised
            else t("app.map.tip_not_recognised"),
            t(
                "app.map.tip_confirmed",
                word=fw.level_word(row.confirmed_level, self.ctx.lang),
                level=row.confirmed_level,
            )
            if row.confirmed_level
            else t("app.map.tip_none"),
            t("app.map.tip_experiences", count=row.experiences),
        ]
        rect = pygame.Rect(0, 0, 310, 50 + len(lines) * 28)
        x, y = icon_center(self.wheel, self.wheel.ids.index(competency))
        rect.midleft = (round(x) + 36, round(y))
        if x < self.wheel.center[0]:
            rect.midright = (round(x) - 36, round(y))
        rect.clamp_ip(MAP_RECT.inflate(-8, -8))
        card(canvas, rect, c["panel_dark"], None, radius=12)
        y = draw_text(
            canvas,
            self._name(competency),
            (rect.x + 16, rect.y + 10),
            font(16, bold=True),
            c["panel_dark_text"],
        )
        for line in lines:
            y = draw_text(canvas, line, (rect.x + 16, y + 4), font(14), c["panel_dark_text"])
