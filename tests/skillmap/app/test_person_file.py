"""The person's file in the app: portfolio consent given and withdrawn, the portfolio and all
the data exported (0600), a note on its own in the history, erasure asked first; both themes."""

import json
import stat

import pytest

from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.person_file import PersonFileScreen
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.screens.players import PlayersScreen
from tests.skillmap.app.conftest import (
    COUNSELLOR,
    click,
    frames,
    overlaps,
    player_id,
    read_check,
    shot,
    type_text,
)


def _open(app, store, name: str = "Lina") -> PersonFileScreen:
    app.go(PlayerScreen(app.ctx, app.manager, player_id(store, name)))
    frames(app)
    click(app, app.screen.file_button)
    assert isinstance(app.screen, PersonFileScreen)
    return app.screen


def test_consent_given_then_withdrawn_and_the_portfolio_exported(app, store):
    screen = _open(app, store)
    pid = screen.player_id
    store.withdraw_consent(pid, "share_portfolio")
    app.go(PersonFileScreen(app.ctx, app.manager, pid))
    frames(app)
    screen = app.screen
    click(app, screen.portfolio_button)  # no consent, no export: said where to give it
    assert not screen.message_ok and "accord" in screen.message
    assert not (store.root / "exports").exists()
    click(app, screen.consent_button)
    assert store.player(pid).consent.share_portfolio
    screen = app.screen
    click(app, screen.portfolio_button)
    html = store.root / "exports" / f"portfolio-{pid[:8]}.html"
    assert html.is_file() and stat.S_IMODE(html.stat().st_mode) == 0o600
    assert screen.message_ok and str(html) in screen.message
    click(app, screen.consent_button)  # withdrawn
    assert not store.player(pid).consent.share_portfolio
    click(app, app.screen.portfolio_button)
    assert not app.screen.message_ok  # withdrawn: refused again


def test_data_export_and_a_note_on_its_own(app, store):
    screen = _open(app, store)
    pid = screen.player_id
    click(app, screen.data_button)
    out = store.root / "exports" / f"donnees-{pid[:8]}.json"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["player"]["id"] == pid
    before = {e.id: e.status for e in store.experiences(pid)}
    click(app, screen.note_button)  # empty: refused
    assert not screen.message_ok
    type_text(app, screen.note_box, "Revu avec sa tutrice, à reprendre en janvier.")
    click(app, screen.note_button)
    notes = [h for e in store.experiences(pid) for h in e.history if h.action == "remark"]
    assert [(n.by, n.note) for n in notes] == [
        (COUNSELLOR, "Revu avec sa tutrice, à reprendre en janvier.")
    ]
    assert {e.id: e.status for e in store.experiences(pid)} == before  # nothing else changed


def test_erase_is_asked_then_done(app, store):
    screen = _open(app, store, "Sofiane")
    pid = screen.player_id
    click(app, screen.erase_button)
    assert screen.dialog is not None and store.player(pid)  # asked first
    click(app, screen.dialog_buttons[0])
    frames(app)
    assert pid not in {r["id"] for r in store.players()}
    assert isinstance(app.screen, PlayersScreen) and "Sofiane" in app.screen.message


@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
def test_the_file_reads_in_both_themes(store, high: bool) -> None:
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high), clock=FixedClock())
    try:
        app.go(PersonFileScreen(app.ctx, app.manager, player_id(store, "Lina")))
        frames(app, 3)
        shot(app, f"person-file{'-hc' if high else ''}")
        problems = read_check(app, high) + overlaps(app)
        assert not problems, "\n".join(problems[:30])
    finally:
        app.close()
