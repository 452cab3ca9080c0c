"""A new workshop from the list: the form, the code shown big, refusals, Escape."""

import json
from datetime import date

import pygame

from skillmap.app.screens.players import PlayersScreen
from skillmap.app.screens.review import ReviewScreen
from skillmap.app.screens.workshop import WorkshopCodeScreen, WorkshopFormScreen
from tests.skillmap.app.conftest import (
    COUNSELLOR,
    click,
    frames,
    key,
    player_id,
    shot,
    type_text,
)


def open_form(app) -> WorkshopFormScreen:
    app.go(PlayersScreen(app.ctx, app.manager))
    frames(app)
    click(app, app.screen.workshop_button)
    assert isinstance(app.screen, WorkshopFormScreen)
    return app.screen


def saved(store) -> list[dict]:
    path = store.root / "workshops.json"
    if not path.exists():
        return []
    table = json.loads(path.read_text(encoding="utf-8")).get("workshops", {})  # TinyDB: id -> row
    return list(table.values())


def clear(app, field) -> None:
    click(app, field)
    for _ in range(len(field.get_text()) + 2):
        key(app, pygame.K_BACKSPACE)
    field.set_text("")  # the caret may not be at the end: make sure it is empty
    frames(app)


def test_form_is_prefilled_then_creates_the_workshop_and_shows_its_code(app, store):
    before = saved(store)
    screen = open_form(app)
    last = max(store.workshops(), key=lambda w: w.created)
    assert screen.structure_box.get_text() == last.structure
    assert screen.date_box.get_text() == date.today().isoformat()
    assert screen.counsellor_box.get_text() == COUNSELLOR
    clear(app, screen.structure_box)
    type_text(app, screen.structure_box, "Mission locale de Lens")
    shot(app, "workshop-form-filled")
    click(app, screen.create_button)
    frames(app)
    assert isinstance(app.screen, WorkshopCodeScreen), app.screen.message
    code = app.screen.workshop.code
    shot(app, "workshop-code")
    after = saved(store)
    assert len(after) == len(before) + 1
    made = [w for w in after if w["code"] == code]
    assert len(made) == 1
    assert made[0]["structure"] == "Mission locale de Lens"
    assert made[0]["counsellor"] == COUNSELLOR
    assert made[0]["date"] == date.today().isoformat()
    click(app, app.screen.list_button)
    frames(app)
    assert isinstance(app.screen, PlayersScreen)
    assert code in app.screen.workshop_names.values()


def test_a_known_structure_chip_fills_the_field_and_a_day_first_date_is_read(app, store):
    screen = open_form(app)
    chip = screen.chips[-1]
    clear(app, screen.structure_box)
    click(app, chip)
    assert screen.structure_box.get_text() == chip.text
    clear(app, screen.date_box)
    type_text(app, screen.date_box, "14/03/2027")
    click(app, screen.create_button)
    frames(app)
    assert isinstance(app.screen, WorkshopCodeScreen), app.screen.message
    assert app.screen.workshop.date == "2027-03-14"
    assert app.screen.workshop.structure == chip.text


def test_empty_structure_is_refused_in_plain_french_and_nothing_written(app, store):
    before = saved(store)
    screen = open_form(app)
    clear(app, screen.structure_box)
    click(app, screen.create_button)
    assert app.screen is screen
    assert not screen.message_ok
    assert screen.message == "Indiquez la structure qui organise l’atelier."
    assert saved(store) == before
    shot(app, "workshop-form-refused")


def test_bad_date_is_refused_in_plain_french_and_nothing_written(app, store):
    before = saved(store)
    screen = open_form(app)
    clear(app, screen.date_box)
    type_text(app, screen.date_box, "31/02/2026")
    assert screen.typed_date() == "31/02/2026"
    click(app, screen.create_button)
    assert app.screen is screen
    assert not screen.message_ok
    assert screen.message.startswith("Date invalide : « 31/02/2026 »")
    assert saved(store) == before


def test_escape_leaves_the_form_without_writing(app, store):
    before = saved(store)
    open_form(app)
    key(app, pygame.K_ESCAPE)
    frames(app)
    assert isinstance(app.screen, PlayersScreen)
    assert saved(store) == before


def test_escape_closes_the_level4_question_as_no(app, store):
    pid = player_id(store, "Sofiane")
    app.go(ReviewScreen(app.ctx, app.manager, pid))
    frames(app)
    screen = app.screen
    experience = store.experience(pid, screen.selected)
    competency = experience.competencies[0]
    screen.set_level(competency.competency, 4)
    frames(app)
    assert screen.dialog is not None
    key(app, pygame.K_ESCAPE)
    assert app.screen is screen and screen.dialog is None
    kept = store.experience(pid, screen.selected).competencies[0]
    assert kept.level == competency.level
    key(app, pygame.K_ESCAPE)  # nothing open: the review screen stays
    assert app.screen is screen
