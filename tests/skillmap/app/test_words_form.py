"""Completing a game draft in the app: their words before confirming, then the next draft.

The workshop test reviews 15 generated young people end to end by posted events and counts
the counsellor's actions (a click, or typing into one field, is one action)."""

import pytest

from shared.store import Store
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.screens.players import PlayersScreen
from skillmap.app.screens.review import ReviewScreen
from skillmap.app.screens.words_form import WordsFormScreen
from tests.skillmap import builders as b
from tests.skillmap.app.conftest import COUNSELLOR, click, frames, shot, type_text

SUGGESTION = "J’ai déjà aidé à organiser un tournoi ou une sortie."


def button(screen, text: str):
    return next(w for w in screen.focus.items if getattr(w, "text", "") == text)


@pytest.fixture
def workshop(tmp_path) -> Store:
    """15 young people of one workshop, each with one or two game drafts without words."""
    store = Store(tmp_path / "data")
    for index in range(15):
        pid = b.player(store, f"Jeune{index:02d}", "ML Denain", workshops=["ABC234"]).id
        for number in range(1 + index % 2):
            b.draft(store, pid, f"{SUGGESTION} ({number + 1})", {"organisation": 2}, words="")
    return store


@pytest.fixture
def app(workshop: Store):
    application = App(make_context(workshop, counsellor=COUNSELLOR), clock=FixedClock())
    yield application
    application.close()


def test_confirm_without_words_asks_for_them_then_goes_to_the_next_draft(app, workshop):
    pid = next(r["id"] for r in workshop.players() if r["pseudonym"] == "Jeune01")
    app.go(ReviewScreen(app.ctx, app.manager, pid))
    frames(app)
    first, second = (e.id for e in sorted(workshop.experiences(pid), key=lambda e: e.created))
    assert app.screen.selected == first
    click(app, button(app.screen, app.ctx.t("app.review.confirm")))
    form = app.screen
    assert isinstance(form, WordsFormScreen) and form.experience_id == first
    assert workshop.experience(pid, first).status == "draft"  # nothing confirmed yet
    shot(app, "words-form")
    click(app, button(form, app.ctx.t("app.words.save_confirm")))  # no words: refused
    assert not form.message_ok and app.screen is form
    assert workshop.experience(pid, first).status == "draft"
    type_text(app, form.words_box, "J’ai réservé le car du club pour le tournoi.")
    form.where_box.set_text("")  # the draft's place, replaced
    type_text(app, form.where_box, "Club de Denain")
    click(app, button(form, app.ctx.t("app.words.save_confirm")))
    saved = workshop.experience(pid, first)
    assert (saved.status, saved.own_words, saved.where) == (
        "confirmed", "J’ai réservé le car du club pour le tournoi.", "Club de Denain"
    )  # fmt: skip
    actions = [h.action for h in saved.history]
    assert actions.index("edit:own_words") < actions.index("status:confirmed")
    assert {h.by for h in saved.history[1:]} == {COUNSELLOR}
    review = app.screen
    assert isinstance(review, ReviewScreen) and review.selected == second  # the next draft
    assert review.message_ok and review.message == app.ctx.t("app.review.done_confirmed")


def test_save_keeps_words_and_the_suggestion_stays_a_title(app, workshop):
    pid = next(r["id"] for r in workshop.players() if r["pseudonym"] == "Jeune00")
    (draft,) = workshop.experiences(pid)
    app.go(ReviewScreen(app.ctx, app.manager, pid))
    frames(app)
    click(app, button(app.screen, app.ctx.t("app.review.complete")))
    form = app.screen
    assert form.words_box.get_text() == ""  # the game's suggestion is not put in their mouth
    type_text(app, form.words_box, "Je m’occupe des inscriptions.")
    click(app, button(form, app.ctx.t("app.words.save")))
    saved = workshop.experience(pid, draft.id)
    assert (saved.own_words, saved.status, saved.title) == (
        "Je m’occupe des inscriptions.", "draft", draft.title
    )  # fmt: skip
    assert isinstance(app.screen, ReviewScreen) and app.screen.selected == draft.id


def test_a_workshop_of_15_reviewed_by_events_counts_the_actions(app, workshop, capsys):
    """From the players list: open a young person, « Revoir », then for each draft
    « Confirmer » → their words → « Enregistrer et confirmer »; after a young person's last
    draft the app goes on to the next one in the queue by itself."""
    app.go(PlayersScreen(app.ctx, app.manager))
    frames(app)
    t = app.ctx.t
    click(app, app.screen.row_buttons[0])
    assert isinstance(app.screen, PlayerScreen)
    click(app, app.screen.review_button)
    navigation, per_draft, drafts, people_seen = 2, 0, 0, set()
    while isinstance(app.screen, ReviewScreen) and app.screen.current.status == "draft":
        people_seen.add(app.screen.player_id)
        click(app, button(app.screen, t("app.review.confirm")))
        type_text(app, app.screen.words_box, "Je l’ai fait avec mes mots.")
        click(app, button(app.screen, t("app.words.save_confirm")))
        frames(app)  # the next draft, or the next young person
        per_draft += 3
        drafts += 1
    confirmed = [e for r in workshop.players() for e in workshop.experiences(r["id"])]
    assert drafts == 22 and len(people_seen) == 15
    assert all(e.status == "confirmed" and e.own_words for e in confirmed)
    with capsys.disabled():
        print(
            f"\n15 young people, {drafts} drafts: {per_draft // drafts} actions a draft, "
            f"{navigation} to start, {per_draft + navigation} in all"
        )


def test_the_review_list_flags_a_duplicate(app, workshop):
    pid = next(r["id"] for r in workshop.players() if r["pseudonym"] == "Jeune00")
    (first,) = workshop.experiences(pid)
    twin = b.draft(workshop, pid, first.title.upper(), {"organisation": 2}, words="")
    app.go(ReviewScreen(app.ctx, app.manager, pid))
    frames(app)
    assert app.screen.twins == {twin.id: first.id}
    shot(app, "review-duplicate")
