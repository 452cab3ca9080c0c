"""What ``diva-scenario`` adds to the shared scenario tools, with the game itself: the layout
checks of ``validate`` (:mod:`authoring.layout`), the drawn graph (:mod:`authoring.drawing`)
and the end screen's notes of ``paths``.

This module imports pygame (through the game): :mod:`authoring.cli` imports it only once
pygame's greeting is hidden.
"""

from __future__ import annotations

from authoring.drawing import to_html, to_svg
from authoring.layout import LAYOUT_CHECKS, shown_on
from game.scenes.summary import SHOWN_MAX
from shared.i18n import Catalogue
from shared.scenario import cli as base
from shared.scenario.model import Scenario

Steps = list[tuple[str, str | None]]


def end_screen_notes(scenario: Scenario, paths: list[Steps], t: Catalogue) -> list[str]:
    """``paths``' lines about the end screen's list (at most SHOWN_MAX competencies)."""
    over = []
    for steps in paths:
        shown, _ = shown_on(scenario, steps)
        if len(shown) > SHOWN_MAX:
            over.append((steps, shown))
    if not over:
        return [t("paths.shown_ok", max=SHOWN_MAX)]
    lines = [t("paths.shown_over", count=len(over), max=SHOWN_MAX)]
    for steps, shown in over:
        walk = " → ".join(f"{node}[{choice}]" if choice else node for node, choice in steps)
        lines.append(t("paths.shown_row", steps=walk, count=len(shown), ids=", ".join(shown)))
    return lines


def _svg(scenario: Scenario, _format: str, t: Catalogue) -> str:
    return to_svg(scenario, t)


def _html(scenario: Scenario, _format: str, t: Catalogue) -> str:
    return to_html(scenario, t)


TOOLS = base.Tools(
    checks=LAYOUT_CHECKS,
    renderers={"html": _html, "svg": _svg},
    path_notes=end_screen_notes,
)
