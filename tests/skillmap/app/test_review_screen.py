"""Review: each button calls the review action, the change is on disk with its history."""

from skillmap.app.screens.review import ReviewScreen
from tests.skillmap.app.conftest import COUNSELLOR, click, frames, player_id, shot, type_text


def open_review(app, store, pseudonym: str = "Sofiane") -> ReviewScreen:
    app.go(ReviewScreen(app.ctx, app.manager, player_id(store, pseudonym)))
    frames(app)
    return app.screen


def button(screen, text: str):
    return next(b for b in screen.focus.items if getattr(b, "text", "") == text)


def test_confirming_an_experience_writes_status_and_history(app, store):
    screen = open_review(app, store)
    pid, eid = screen.player_id, screen.selected
    shot(app, "review")
    type_text(app, screen.note_box, "vu ensemble")
    click(app, button(screen, app.ctx.t("app.review.confirm")))
    saved = store.experience(pid, eid)
    assert saved.status == "confirmed"
    assert saved.reviewer == COUNSELLOR
    last = saved.history[-1]
    assert last.by == COUNSELLOR and last.action == "status:confirmed"
    assert last.note == "vu ensemble"
    assert last.changes[0].kind == "status"  # then the competencies confirmed with it
    carried = {getattr(c, "competency", "") for c in last.changes[1:]}
    assert carried == {c.competency for c in saved.competencies}
    assert all(c.status == "confirmed" for c in saved.competencies)
    assert app.screen.message_ok


def test_level_4_is_asked_before_it_is_recorded(app, store):
    screen = open_review(app, store)
    pid, eid = screen.player_id, screen.selected
    competency = store.experience(pid, eid).competencies[0].competency
    fours = [b for b in screen.focus.items if getattr(b, "text", "") == "4"]
    click(app, fours[0])
    assert app.screen.dialog is not None
    assert store.experience(pid, eid).competencies[0].level != 4
    shot(app, "review-level4")
    yes = app.screen.dialog_buttons[0]
    click(app, yes)
    saved = store.experience(pid, eid)
    assert saved.competencies[0].level == 4
    assert saved.history[-1].action == "level"
    [change] = saved.history[-1].changes
    assert (change.competency, change.level) == (competency, 4)  # type: ignore[union-attr]


def test_rejecting_one_competency_keeps_the_others(app, store):
    screen = open_review(app, store)
    pid, eid = screen.player_id, screen.selected
    reject = [
        b
        for b in screen.focus.items
        if getattr(b, "text", "") == app.ctx.t("app.review.competency_no")
    ]
    click(app, reject[0])
    saved = store.experience(pid, eid)
    assert saved.competencies[0].status == "rejected"
    assert saved.competencies[1].status == "proposed"
    assert saved.history[-1].action == "competency:rejected"


def test_rejecting_the_experience_then_reopening_it(app, store):
    screen = open_review(app, store)
    pid, eid = screen.player_id, screen.selected
    click(app, button(screen, app.ctx.t("app.review.reject")))
    assert store.experience(pid, eid).status == "rejected"
    click(app, button(app.screen, app.ctx.t("app.review.reopen")))
    saved = store.experience(pid, eid)
    assert saved.status == "draft"
    assert [h.action for h in saved.history][-2:] == ["status:rejected", "status:draft"]


def test_history_line_says_where_an_experience_came_from_in_french(app):
    from shared.experience import HistoryEntry
    from skillmap.app.screens.review import history_what

    t = app.ctx.t
    assert history_what(t, HistoryEntry(by="jeu", action="created"), source="game") == "créée (jeu)"
    entry = HistoryEntry(by="Anne", action="created")
    assert history_what(t, entry, source="declared") == "créée (entretien)"
    entry = HistoryEntry(by="Anne", action="status:confirmed", detail="vu ensemble")
    assert history_what(t, entry) == "expérience confirmée — « vu ensemble »"


def test_history_entries_are_data_rendered_in_french(app):
    from shared.experience import HistoryEntry, LevelChange, StatusChange
    from skillmap.app.screens.review import history_what

    t = app.ctx.t
    whole = HistoryEntry(
        by="Anne",
        action="status:confirmed",
        changes=[
            StatusChange(before="draft", after="confirmed"),
            LevelChange(competency="oral", level=3),
        ],
        note="vu ensemble",
    )
    assert history_what(t, whole) == (
        "expérience confirmée : Communiquer à l’oral, niveau 3 (Sans aide) — « vu ensemble »"
    )
    level = HistoryEntry(
        by="Anne", action="level", changes=[LevelChange(competency="oral", level=2, before=3)]
    )
    assert history_what(t, level) == (
        "niveau modifié : Communiquer à l’oral, niveau 3 → 2 (Avec un peu d’aide)"
    )


def test_history_of_older_files_with_text_details_still_reads(app):
    """Files of an older DIVA wrote the history as text (« oral: 3 → 2 | note »): migrated on
    read into changes and a note, shown as before."""
    from shared.experience import HistoryEntry
    from skillmap.app.screens.review import history_what

    t = app.ctx.t
    judged = HistoryEntry(by="Anne", action="competency:confirmed", detail="imprevus: 2")
    assert history_what(t, judged) == (
        "compétence confirmée : Agir face à l’imprévu, niveau 2 (Avec un peu d’aide)"
    )
    older = HistoryEntry(by="Anne", action="competency:confirmed", detail="imprevus ")
    assert history_what(t, older) == "compétence confirmée : Agir face à l’imprévu"
    level = HistoryEntry(by="Anne", action="level", detail="oral: 3 → 2 | il hésite")
    assert history_what(t, level) == (
        "niveau modifié : Communiquer à l’oral, niveau 3 → 2 (Avec un peu d’aide) — « il hésite »"
    )
    whole = HistoryEntry(
        by="Anne", action="status:confirmed", detail="draft → confirmed; oral: 3; maths: 1"
    )
    assert history_what(t, whole) == (
        "expérience confirmée : Communiquer à l’oral, niveau 3 (Sans aide), "
        "Mobiliser des ressources mathématiques, niveau 1 (Avec de l’aide)"
    )
