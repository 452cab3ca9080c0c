"""A screen rebuilt while someone types keeps the focus where it was.

Workers' answers (the issuer's privacy choices, a list read in the background) rebuild a
screen at a moment nobody chooses; a counsellor typing a date at that moment must not see the
rest of the date vanish. Found by CI: the sharing screen's expiry date came out empty when the
privacy read finished between the click into the field and the keys.
"""

import pygame

from skillmap.app.app import App
from skillmap.app.navigation import ToPersonFile
from skillmap.app.screens.person_file import PersonFileScreen
from skillmap.app.screens.sharing import SharingScreen
from tests.skillmap.app.conftest import click, frames, key, on_screen, player_id, type_text


def _sharing(app: App, pid: str) -> SharingScreen:
    app.ctx.go(ToPersonFile(pid))
    frames(app)
    click(app, on_screen(app, PersonFileScreen).share_button)
    return on_screen(app, SharingScreen)


def test_typing_goes_on_in_the_rebuilt_field(app, store):
    screen = _sharing(app, player_id(store, "Sofiane"))
    type_text(app, screen.expiry_box, "2027-")
    screen.keep_form()  # what a worker's answer does before it rebuilds
    screen.rebuild()
    assert screen.expiry_box.get_text() == "2027-"
    for char in "01-05":  # the keys that were on their way
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    frames(app)
    assert screen.expiry_box.get_text() == "2027-01-05"
    assert screen.focus.current is None  # a click's focus: no keyboard outline appears


def test_the_tab_focus_survives_a_rebuild(app, store):
    screen = _sharing(app, player_id(store, "Sofiane"))
    screen.focus.focus(screen.consent_box)
    screen.rebuild()
    assert screen.focus.current is screen.consent_box  # the new box, outlined
    ticked = bool(screen.consent_box.get_state())
    key(app, pygame.K_SPACE)
    assert bool(screen.consent_box.get_state()) is not ticked


def test_no_focus_stays_no_focus(app, store):
    screen = _sharing(app, player_id(store, "Sofiane"))
    screen.rebuild()
    assert screen.focus.current is None
    assert not (set(app.manager.get_focus_set() or ()) & set(screen.focus.items))
