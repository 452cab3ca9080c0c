"""The message at the bottom of a screen (« Enregistré », a refusal) reads in both themes.

The palette's light pairs sat just under WCAG's 4.5:1 (4.34:1 for a refusal's orange on
pale red), so the words are darkened until they read: checked on the real canvas.
"""

import pytest

from shared.store import Store
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.players import PlayersScreen
from tests.skillmap.app.conftest import COUNSELLOR, frames, on_screen, read_check


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("ok", [True, False])
def test_a_message_reads_on_its_band(store: Store, high_contrast: bool, ok: bool) -> None:
    app = App(
        make_context(Store(store.root), counsellor=COUNSELLOR, high_contrast=high_contrast),
        clock=FixedClock(),
    )
    try:
        app.go(PlayersScreen(app.ctx, app.manager))
        frames(app)
        on_screen(app, PlayersScreen).say(
            "Le serveur de badges ne répond pas : réessayez plus tard.", ok=ok
        )
        frames(app)
        assert read_check(app, high_contrast) == []
    finally:
        app.close()
