"""The structure's figures for its funders, from the anonymous record (``skillmap.funders``):
people reached, workshops, experiences confirmed, badges issued and endorsed; a bar chart by
month; the structures; « Exporter en CSV » writes the table a French spreadsheet opens (0600).

The figures do not change when young people are erased: the record keeps no one's name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pygame

from shared.errors import DivaError
from shared.store.storage import write_atomically
from skillmap import funders
from skillmap.app.navigation import ToPlayers
from skillmap.app.screens.base import MARGIN, TOPBAR_H, Screen
from skillmap.app.ui import CANVAS, card, draw_text, font

CARDS_Y = TOPBAR_H + 70
CHART = pygame.Rect(MARGIN, CARDS_Y + 120, 780, CANVAS[1] - CARDS_Y - 120 - 24)
SIDE = pygame.Rect(CHART.right + 20, CHART.y, CANVAS[0] - CHART.right - 20 - MARGIN, CHART.h)
CHARTED = ("people", "experiences_confirmed", "badges_issued")
MONTHS_SHOWN = 12


class StatsScreen(Screen):
    """Totals, a chart by month and the structures; one button exports the CSV."""

    def has_back(self) -> bool:
        return True

    def build(self) -> None:
        self.topbar_buttons(self.back)
        try:
            self.figures = funders.figures(self.ctx.store)
        except DivaError as error:
            self.figures = funders.Figures()
            self.fail(error)
        if self.figures.skipped and not self.message:
            self.say(self.t("stats.skipped", what=", ".join(self.figures.skipped[:2])), ok=False)
        self.export_button = self.button(
            pygame.Rect(CANVAS[0] - MARGIN - 250, TOPBAR_H + 14, 250, 46),
            self.t("app.stats.export"),
            self.export,
        )

    def back(self) -> None:
        self.ctx.go(ToPlayers())

    def export(self) -> Path | None:
        """The CSV beside the data (exports/, 0600), said with its path."""
        folder = Path(self.ctx.store.root) / "exports"
        path = folder / f"statistiques-{date.today().isoformat()}.csv"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomically(path, funders.to_csv(self.figures, self.t).encode("utf-8"))
        except OSError as error:
            self.say(self.t("app.stats.export_failed", path=path, detail=error.strerror), ok=False)
            return None
        self.say(self.t("app.stats.exported", path=path))
        return path

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface) -> None:
        c, t = self.c, self.t
        self.draw_topbar(canvas, t("app.stats.title"))
        draw_text(
            canvas,
            t("app.stats.heading"),
            (MARGIN, TOPBAR_H + 18),
            font(26, bold=True),
            c["panel_text"],
        )
        data = self.figures.as_dict()
        width = (CANVAS[0] - 2 * MARGIN - 4 * 16) // len(funders.METRICS)
        for index, metric in enumerate(funders.METRICS):
            box = pygame.Rect(MARGIN + index * (width + 16), CARDS_Y, width, 100)
            card(canvas, box, c["panel"], c["panel_border"], radius=14)
            value = str(data["totals"][metric])
            draw_text(canvas, value, (box.x + 16, box.y + 10), font(34, bold=True), c["panel_text"])
            draw_text(
                canvas,
                t(f"funders.{metric}"),
                (box.x + 16, box.y + 60),
                font(15),
                c["panel_muted_text"],
                width=box.w - 24,
                max_lines=2,
            )
        self._chart(canvas, data["months"])
        self._structures(canvas, data["structures"])

    def _colours(self) -> dict[str, tuple[int, int, int]]:
        c = self.c
        return {
            "people": c["info"],
            "experiences_confirmed": c["success"],
            "badges_issued": c["accent_dark"],
        }

    def _chart(self, canvas: pygame.Surface, months: dict[str, dict[str, int]]) -> None:
        """Three bars a month (the last twelve), each with its value; the key says which."""
        c, t = self.c, self.t
        card(canvas, CHART, c["panel"], c["panel_border"], radius=16)
        draw_text(
            canvas,
            t("app.stats.by_month"),
            (CHART.x + 20, CHART.y + 14),
            font(18, bold=True),
            c["panel_text"],
        )
        colours = self._colours()
        x = CHART.x + 20
        for metric in CHARTED:
            pygame.draw.rect(canvas, colours[metric], (x, CHART.y + 50, 16, 16), border_radius=3)
            label = t(f"funders.{metric}")
            draw_text(canvas, label, (x + 22, CHART.y + 48), font(14), c["panel_text"])
            x += 30 + font(14).size(label)[0] + 18
        shown = list(months.items())[-MONTHS_SHOWN:]
        if not shown:
            draw_text(
                canvas,
                t("app.stats.empty"),
                (CHART.x + 20, CHART.y + 100),
                font(16),
                c["panel_muted_text"],
                width=CHART.w - 40,
            )
            return
        area = pygame.Rect(CHART.x + 20, CHART.y + 84, CHART.w - 40, CHART.h - 84 - 40)
        top = max(1, *(counts[m] for _, counts in shown for m in CHARTED))
        slot = area.w // len(shown)
        bar = max(4, min(28, (slot - 12) // len(CHARTED)))
        pygame.draw.line(canvas, c["panel_border"], area.bottomleft, area.bottomright, 2)
        for index, (month, counts) in enumerate(shown):
            x = area.x + index * slot + (slot - bar * len(CHARTED)) // 2
            for metric in CHARTED:
                value = counts[metric]
                height = int((area.h - 22) * value / top)
                rect = pygame.Rect(x, area.bottom - height, bar, height)
                pygame.draw.rect(canvas, colours[metric], rect, border_radius=3)
                if value:
                    face = font(12, bold=True)
                    text = str(value)
                    canvas.blit(
                        face.render(text, True, c["panel_text"]),
                        (x + (bar - face.size(text)[0]) // 2, rect.y - 18),
                    )
                x += bar
            label = f"{month[5:7]}/{month[2:4]}"
            face = font(13)
            centre = area.x + index * slot + slot // 2
            canvas.blit(
                face.render(label, True, c["panel_muted_text"]),
                (centre - face.size(label)[0] // 2, area.bottom + 8),
            )

    def _structures(self, canvas: pygame.Surface, structures: dict[str, dict[str, int]]) -> None:
        c, t = self.c, self.t
        card(canvas, SIDE, c["panel"], c["panel_border"], radius=16)
        draw_text(
            canvas,
            t("app.stats.by_structure"),
            (SIDE.x + 20, SIDE.y + 14),
            font(18, bold=True),
            c["panel_text"],
        )
        y = SIDE.y + 52
        ranked = sorted(structures.items(), key=lambda item: -item[1]["people"])
        for name, counts in ranked[:6]:
            label = name or t("stats.no_structure")
            draw_text(
                canvas,
                label,
                (SIDE.x + 20, y),
                font(15, bold=True),
                c["panel_text"],
                width=SIDE.w - 40,
                max_lines=1,
            )
            line = t(
                "app.stats.structure_line",
                people=counts["people"],
                confirmed=counts["experiences_confirmed"],
                badges=counts["badges_issued"],
            )
            draw_text(
                canvas,
                line,
                (SIDE.x + 20, y + 22),
                font(14),
                c["panel_muted_text"],
                width=SIDE.w - 40,
                max_lines=1,
            )
            y += 56
        if len(ranked) > 6:
            more = t("app.stats.more", n=len(ranked) - 6)
            draw_text(canvas, more, (SIDE.x + 20, y), font(14), c["panel_muted_text"])
