"""The game writes only what it changed (issue 10, defect 4).

The game keeps one Player for the session; the skill map, in another process, records consents
meanwhile. A settings change, the tutorial or a workshop code in the game must not write back
the session's stale copy: both consents stay given.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pygame

from game.app import App
from game.boot import init_pygame, make_session
from game.scenes.map import MapScene
from game.scenes.settings import SettingsScene
from shared.player import Player
from shared.store.store import Store
from tests.game.conftest import add_player, frames, press

ROOT = Path(__file__).resolve().parents[2]


def _skillmap(data_dir: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "skillmap.cli", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_a_settings_change_in_the_game_keeps_the_counsellors_consent(
    app: App, data_dir: Path, tmp_path: Path
) -> None:
    player = add_player(app, "Lina")
    app.stack.push(MapScene(app.session))
    app.stack.push(SettingsScene(app.session))
    frames(app)
    out = tmp_path / "portfolio.html"
    _skillmap(data_dir, "export", player.id, "--consent", "--out", str(out), "--no-png")
    assert Store(data_dir).player(player.id).consent.share_portfolio  # the skill map's write
    game_copy = app.session.player
    assert game_copy is not None
    assert not game_copy.consent.share_portfolio  # the game's copy is now stale

    press(app, "contrast:on")
    app.session.flush()
    saved = Store(data_dir).player(player.id)
    assert saved.settings.high_contrast is True
    assert saved.consent.share_portfolio is True
    assert app.session.writer.unsaved() == 0


def test_the_tutorial_and_a_workshop_code_keep_the_consents(data_dir: Path) -> None:
    """Through the game's own process writer, as in a workshop."""
    init_pygame()
    pygame.display.set_mode((1280, 720))
    session = make_session(str(data_dir), writer_process=True)
    try:
        store = session.store
        game_copy = store.add_player(Player(pseudonym="Noa"))
        session.set_player(game_copy)
        store.give_consent(game_copy.id, "badge_issuing")  # as `badge submit --consent`
        store.give_consent(game_copy.id, "share_portfolio")
        session.finish_tutorial()
        session.write(Store.join_workshop, game_copy.id, "QMGXD5", "Mission Locale de Lens")
        session.flush()
        saved = Store(data_dir).player(game_copy.id)
        assert saved.tutorial_done and saved.workshops == ["QMGXD5"]
        assert saved.structure == "Mission Locale de Lens"
        assert saved.consent.badge_issuing and saved.consent.share_portfolio
        assert Store(data_dir).players()[0]["workshops"] == ["QMGXD5"]  # the index follows
    finally:
        session.writer.close()
