"""A player file that cannot be read is listed first, as « Fichier abîmé » with its path."""

from pathlib import Path

from shared.store import Store
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.players import PlayersScreen
from tests.skillmap.app.conftest import (
    COUNSELLOR,
    click,
    frames,
    on_screen,
    player_id,
    read_check,
    shot,
)


def test_a_damaged_file_is_named_in_the_list(store: Store, tmp_path: Path) -> None:
    path = store.root / "players" / f"{player_id(store, 'Yanis59')}.json"
    path.write_bytes(path.read_bytes()[:100])
    (store.root / "index.json").unlink()  # the index is rebuilt from the files at the next open
    for high_contrast in (False, True):
        app = App(
            make_context(Store(store.root), counsellor=COUNSELLOR, high_contrast=high_contrast),
            clock=FixedClock(),
        )
        try:
            app.go(PlayersScreen(app.ctx, app.manager))
            frames(app)
            screen = on_screen(app, PlayersScreen)
            first = screen.rows[0]
            assert first["damaged"] and first["pseudonym"] == "Fichier abîmé"
            assert first["file"] == str(path)
            assert "Yanis59" not in [r["pseudonym"] for r in screen.rows]
            assert read_check(app, high_contrast) == []
            shot(app, f"players-damaged{'-hc' if high_contrast else ''}")
            click(app, screen.row_buttons[0])
            assert app.screen is screen  # nothing to open: the row says what to restore
        finally:
            app.close()
