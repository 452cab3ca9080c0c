"""``diva-scenario``: the shared scenario tools plus what needs the game itself.

``validate`` also measures every text with the game's own screens at the largest text size
(:mod:`authoring.layout`); ``graph`` also draws the branching as an SVG picture or an HTML
page (:mod:`authoring.drawing`); ``paths`` also says which play-throughs show more
competencies than the end screen lists. Those live in :mod:`authoring.tools`.
"""

from __future__ import annotations

import os

from shared.scenario import cli as base


def main(argv: list[str] | None = None) -> int:
    """``diva-scenario`` with the game's layout checks and the drawn graph."""
    # The tools print reports on stdout: pygame's greeting must not end up in them.
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from authoring.tools import TOOLS  # here: it imports pygame, after the line above

    return base.main(argv, TOOLS)


if __name__ == "__main__":
    raise SystemExit(main())
