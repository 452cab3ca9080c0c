"""``diva-scenario``: the shared scenario tools plus what needs the game itself.

``validate`` also measures every text with the game's own screens at the largest text size
(:mod:`authoring.layout`); ``graph`` also draws the branching as an SVG picture or an HTML
page (:mod:`authoring.drawing`); ``paths`` also says which play-throughs show more
competencies than the end screen lists.
"""

from __future__ import annotations

from authoring.drawing import to_html, to_svg
from authoring.layout import LAYOUT_CHECKS, shown_on
from shared.i18n import Catalogue
from shared.scenario import cli as base
from shared.scenario.model import Scenario

Steps = list[tuple[str, str | None]]


def end_screen_notes(scenario: Scenario, paths: list[Steps], t: Catalogue) -> list[str]:
    """``paths``' lines about the end screen's list (at most SHOWN_MAX competencies)."""
    from game.scenes.summary import SHOWN_MAX

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


def main(argv: list[str] | None = None) -> int:
    """``diva-scenario`` with the game's layout checks and the drawn graph."""
    return base.main(argv, TOOLS)


if __name__ == "__main__":
    raise SystemExit(main())
