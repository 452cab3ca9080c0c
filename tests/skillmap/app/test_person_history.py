"""The person's file pages through the whole history, newest first, notes included: 30
entries, turned by clicks, the mouse wheel and the keyboard; nothing cut, nothing twice."""

import pygame
import pytest

from skillmap import review
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.person_file import HISTORY_PER_PAGE, PersonFileScreen
from skillmap.app.ui import TextLog
from tests.skillmap.app.conftest import (
    COUNSELLOR,
    click,
    frames,
    key,
    overlaps,
    player_id,
    read_check,
    shot,
    type_text,
)


def _with_30_entries(store) -> str:
    pid = player_id(store, "Lina")
    experiences = store.experiences(pid)
    existing = sum(len(e.history) for e in experiences)
    for number in range(1, 31 - existing):
        target = experiences[number % len(experiences)]
        review.add_note(store, pid, target.id, "Karim", f"Note numéro {number:02d}")
    assert sum(len(e.history) for e in store.experiences(pid)) == 30
    return pid


def _drawn(app: App) -> list[str]:
    TextLog.items = []
    try:
        app.render()
        return [item.text for item in TextLog.items]
    finally:
        TextLog.items = None


def test_the_whole_history_is_paged_newest_first_with_its_notes(store) -> None:
    pid = _with_30_entries(store)
    app = App(make_context(store, counsellor=COUNSELLOR), clock=FixedClock())
    try:
        app.go(PersonFileScreen(app.ctx, app.manager, pid))
        frames(app)
        screen = app.screen
        pager = screen.history_pager
        assert pager.pages() == 5 and HISTORY_PER_PAGE == 6
        type_text(app, screen.note_box, "en cours")  # a note being typed survives the pages
        seen = []
        for page in range(pager.pages()):
            shown = app.screen.history_shown
            assert len(shown) == HISTORY_PER_PAGE
            seen += [entry for _experience, entry in shown]
            words = " ".join(_drawn(app))
            assert f"Page {page + 1} sur 5" in words
            for _experience, entry in shown:
                if entry.note:
                    assert f"« {entry.note} »" in words  # the note, whole
            if page < pager.pages() - 1:
                click(app, app.screen.history_pager.next_button)
        assert len(seen) == 30 and len({id(e) for e in seen}) == 30
        assert [e.at for e in seen] == sorted((e.at for e in seen), reverse=True)
        assert app.screen.note_box.get_text() == "en cours"
        assert app.screen.history_pager.next_button.is_enabled is False
        # back by the keyboard: the focused « Précédent » pressed with Enter
        app.screen.focus.focus(app.screen.history_pager.prev_button)
        key(app, pygame.K_RETURN)
        assert app.screen.history_pager.page == 3
        # and by the mouse wheel over the history
        pygame.mouse.set_pos((1000, 300))
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))
        frames(app)
        assert app.screen.history_pager.page == 2
    finally:
        app.close()


@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
def test_the_paged_history_reads_in_both_themes(store, high: bool) -> None:
    pid = _with_30_entries(store)
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high), clock=FixedClock())
    try:
        app.go(PersonFileScreen(app.ctx, app.manager, pid))
        frames(app, 3)
        shot(app, f"person-history{'-hc' if high else ''}")
        problems = read_check(app, high) + overlaps(app)
        assert not problems, "\n".join(problems[:30])
    finally:
        app.close()
