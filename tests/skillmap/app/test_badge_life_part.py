"""The badges tab: « Annuler » and « Accord retiré » on a waiting request, each asked first;
a request held because its experience was reopened says why; both themes read."""

import pytest

from shared.badge import BadgeRequest
from skillmap import badges, review
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.player import PlayerScreen
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

WORDS = "Au tournoi, j’ai fait les équipes avec le coach."


def _queued(store) -> BadgeRequest:
    pid = player_id(store, "Lina")
    option = badges.options(store, pid)[0]
    return badges.request_badge(
        store, pid, option.competency, option.level, "lina@example.org", True, narrative=WORDS
    )


def _open(app, store) -> PlayerScreen:
    app.go(PlayerScreen(app.ctx, app.manager, player_id(store, "Lina"), tab="badges"))
    frames(app)
    return app.screen


def test_cancel_is_asked_then_written(app, store):
    request = _queued(store)
    screen = _open(app, store)
    click(app, screen.badges_part.buttons[request.id + ":cancel"])
    assert screen.dialog is not None
    assert store.badge_requests(request.player_id)[0].status == "queued"  # asked first
    ok, _no = screen.dialog_buttons
    click(app, ok)
    (saved,) = store.badge_requests(request.player_id)
    assert (saved.status, saved.reason) == ("cancelled", "cancelled")
    assert app.screen.message_ok and "annulée" in app.screen.message


def test_correct_before_sending_then_consent_withdrawn(app, store):
    from skillmap.app.screens.badge_edit import BadgeEditScreen

    request = _queued(store)
    screen = _open(app, store)
    click(app, screen.badges_part.buttons[request.id + ":edit"])
    edit = app.screen
    assert isinstance(edit, BadgeEditScreen)
    assert edit.email_box.get_text() == "lina@example.org"
    edit.email_box.set_text("")
    type_text(app, edit.email_box, "pas-un-email")
    click(app, edit.save_button)
    assert not edit.message_ok  # refused, nothing written
    assert store.badge_requests(request.player_id)[0].recipient_email == "lina@example.org"
    edit.email_box.set_text("")
    type_text(app, edit.email_box, "lina.d@example.org")
    click(app, edit.save_button)
    (saved,) = store.badge_requests(request.player_id)
    assert (saved.recipient_email, saved.status) == ("lina.d@example.org", "queued")
    assert saved.narrative == WORDS
    assert isinstance(app.screen, PlayerScreen) and app.screen.message_ok
    click(app, app.screen.badges_part.buttons[request.id + ":edit"])
    edit = app.screen
    click(app, edit.withdraw_button)
    click(app, edit.dialog_buttons[0])
    (saved,) = store.badge_requests(request.player_id)
    assert (saved.status, saved.consent, saved.recipient_email) == ("cancelled", False, "")


@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
def test_the_correction_screen_reads_in_both_themes(store, high: bool) -> None:
    from skillmap.app.screens.badge_edit import BadgeEditScreen

    request = _queued(store)
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high), clock=FixedClock())
    try:
        app.go(BadgeEditScreen(app.ctx, app.manager, request.player_id, request.id))
        frames(app, 3)
        shot(app, f"badge-edit{'-hc' if high else ''}")
        problems = read_check(app, high) + overlaps(app)
        assert not problems, "\n".join(problems[:30])
    finally:
        app.close()


@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
def test_a_held_request_says_why_in_both_themes(store, high: bool):
    request = _queued(store)
    review.reopen_experience(store, request.player_id, request.experience_ids[0], COUNSELLOR)
    (held,) = store.badge_requests(request.player_id)
    assert (held.status, held.reason) == ("held", "experience_reopened")
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high), clock=FixedClock())
    try:
        screen = _open(app, store)
        frames(app, 3)
        shot(app, f"badges-held{'-hc' if high else ''}")
        assert request.id not in screen.badges_part.buttons  # no « Envoyer » while held
        assert screen.badges_part._detail(held).startswith("En attente")
        problems = read_check(app, high) + overlaps(app)
        assert not problems, "\n".join(problems[:30])
    finally:
        app.close()


def test_the_profile_counts_a_request_as_a_request(app, store):
    from skillmap.app.screens.player import badge_count

    t = app.ctx.t
    request = _queued(store)
    assert badge_count(t, [request]) == "1 demande"
    issued = request.model_copy(update={"status": "issued"})
    assert badge_count(t, [issued, request, request]) == "1 badge · 2 demandes"
    assert badge_count(t, []) == "pas de badge"
