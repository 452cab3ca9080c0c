"""The players list says how many drafts wait on each row, and « nouveau » is the app's
counsellor's own: reading a young person's page does not clear it, reviewing does."""

from skillmap import review
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.screens.players import PlayersScreen
from tests.skillmap.app.conftest import COUNSELLOR, frames, player_id, shot


def _players(app) -> PlayersScreen:
    app.go(PlayersScreen(app.ctx, app.manager))
    frames(app)
    return app.screen


def test_rows_count_the_drafts_waiting(app, store):
    screen = _players(app)
    expected = {
        r["id"]: sum(e.status == "draft" for e in store.experiences(r["id"]))
        for r in screen.visible()
    }
    assert screen.waiting == expected and any(expected.values())
    shot(app, "players-waiting")


def test_new_clears_when_this_counsellor_reviews_not_when_a_page_opens(app, store):
    pid = player_id(store, "Lina")

    def new() -> bool:
        return next(r for r in _players(app).rows if r["id"] == pid)["new"]

    assert new()
    app.go(PlayerScreen(app.ctx, app.manager, pid))
    frames(app)
    assert new()  # opening the page is not reviewing
    draft = review.drafts(store, pid)[0]
    review.confirm_experience(store, pid, draft.id, "Karim")  # a colleague reviewed
    assert new()
    review.reopen_experience(store, pid, draft.id, COUNSELLOR)
    assert not new()
