"""Badge form: refuses a missing e-mail or consent, queues a complete request."""

from skillmap.app.screens.badge_form import BadgeFormScreen
from skillmap.app.screens.player import PlayerScreen
from tests.skillmap.app.conftest import click, frames, player_id, shot, type_text


def open_form(app, store, pseudonym: str = "Lina") -> BadgeFormScreen:
    app.go(BadgeFormScreen(app.ctx, app.manager, player_id(store, pseudonym)))
    frames(app)
    return app.screen


def test_prefilled_from_the_framework_and_the_players_words(app, store):
    screen = open_form(app, store)
    assert screen.competency in {"collectif", "oral", "imprevus"}
    criteria = screen.criteria_box.get_text()
    descriptor = app.ctx.framework.competency(screen.competency).descriptor(screen.level)
    assert descriptor in criteria
    assert "samedi" in screen.narrative_box.get_text()
    shot(app, "badge-form")


def test_missing_email_then_missing_consent_are_refused(app, store):
    screen = open_form(app, store)
    pid = screen.player_id
    click(app, screen.submit_button)
    assert not screen.message_ok and "e-mail" in screen.message
    type_text(app, screen.email_box, "lina@example.org")
    click(app, screen.submit_button)
    assert not screen.message_ok and "accord" in screen.message
    assert store.badge_requests(pid) == []
    shot(app, "badge-form-refused")


def test_complete_request_is_queued_on_disk(app, store):
    screen = open_form(app, store)
    pid, competency = screen.player_id, screen.competency
    type_text(app, screen.email_box, "lina@example.org")
    click(app, screen.consent_box)
    assert screen.consent_box.get_state()
    click(app, screen.submit_button)
    assert isinstance(app.screen, PlayerScreen)
    frames(app)
    assert app.screen.tab == "badges"  # where « Envoyer » is
    [request] = store.badge_requests(pid)
    assert request.status == "queued" and request.consent
    assert request.competency == competency
    assert request.recipient_email == "lina@example.org"
    assert request.experience_ids


def test_without_confirmed_experience_the_form_points_to_review(app, store):
    screen = open_form(app, store, "Sofiane")
    assert screen.options == {}
    shot(app, "badge-form-empty")
