"""Adding an experience from scratch: saved through the action, refusals explained."""

from skillmap.app.screens.experience_form import ExperienceFormScreen
from skillmap.app.screens.review import ReviewScreen
from tests.skillmap.app.conftest import COUNSELLOR, click, frames, player_id, shot, type_text


def open_form(app, store) -> ExperienceFormScreen:
    app.go(ExperienceFormScreen(app.ctx, app.manager, player_id(store, "Yanis59")))
    frames(app)
    return app.screen


def save_button(screen):
    return next(
        b for b in screen.focus.items if getattr(b, "text", "") == screen.t("app.form.save")
    )


def test_missing_title_is_refused_and_nothing_saved(app, store):
    screen = open_form(app, store)
    before = len(store.experiences(screen.player_id))
    click(app, save_button(screen))
    assert app.screen is screen
    assert not screen.message_ok and "titre" in screen.message.lower()
    assert len(store.experiences(screen.player_id)) == before


def test_a_declared_experience_is_saved_with_its_words(app, store):
    screen = open_form(app, store)
    pid = screen.player_id
    type_text(app, screen.title_box, "Aide aux devoirs de ma voisine")
    type_text(app, screen.words_box, "Je l’aide le mercredi.")
    shot(app, "experience-form")
    click(app, save_button(screen))
    assert isinstance(app.screen, ReviewScreen)
    saved = [e for e in store.experiences(pid) if e.title == "Aide aux devoirs de ma voisine"]
    assert len(saved) == 1
    assert saved[0].source == "declared" and saved[0].own_words == "Je l’aide le mercredi."
    assert saved[0].history[0].by == COUNSELLOR
