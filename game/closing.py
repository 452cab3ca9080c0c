"""Ending a game run: every write on disk, the writer and the speaker stopped, pygame shut.

Its own module so the command line (``game.cli``) and the live preview (``game.watch``)
share it without importing each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.app import App


def close_app(app: App) -> None:
    """Flush and stop what the run started (pygame imported here: the CLI may not need it)."""
    import pygame

    app.session.flush()
    app.session.writer.close()
    speaker = app.session.speaker
    if speaker is not None:
        speaker.close()  # type: ignore[attr-defined]
    pygame.quit()
