"""The person's file pages through the whole history, newest first, notes included: 30
entries, turned by clicks, the mouse wheel and the keyboard; nothing cut, nothing twice."""

from collections.abc import Iterator
from contextlib import contextmanager

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
    on_screen,
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


def _file(app: App) -> PersonFileScreen:
    """The young person's file shown, read with its own type."""
    return on_screen(app, PersonFileScreen)


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
        screen = _file(app)
        pager = screen.history_pager
        assert pager.pages() == 5 and HISTORY_PER_PAGE == 6
        type_text(app, screen.note_box, "en cours")  # a note being typed survives the pages
        seen = []
        for page in range(pager.pages()):
            shown = _file(app).history_shown
            assert len(shown) == HISTORY_PER_PAGE
            seen += [entry for _experience, entry in shown]
            words = " ".join(_drawn(app))
            assert f"Page {page + 1} sur 5" in words
            for _experience, entry in shown:
                if entry.note:
                    assert f"« {entry.note} »" in words  # the note, whole
            if page < pager.pages() - 1:
                click(app, _file(app).history_pager.next_button)
        assert len(seen) == 30 and len({id(e) for e in seen}) == 30
        assert [e.at for e in seen] == sorted((e.at for e in seen), reverse=True)
        assert _file(app).note_box.get_text() == "en cours"
        pager = _file(app).history_pager
        assert pager.next_button is not None and pager.prev_button is not None  # 5 pages
        assert pager.next_button.is_enabled is False
        # back by the keyboard: the focused « Précédent » pressed with Enter
        _file(app).focus.focus(pager.prev_button)
        key(app, pygame.K_RETURN)
        assert _file(app).history_pager.page == 3
        # and by the mouse wheel over the history
        pygame.mouse.set_pos((1000, 300))
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))
        frames(app)
        assert _file(app).history_pager.page == 2
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


LONG_NOTE = (
    " ".join(f"Phrase {n:02d} de l’entretien, dite avec ses mots." for n in range(1, 61))
    + "\nSecond paragraphe : elle veut refaire un stage en mars, à Denain. FIN-DE-NOTE"
)


def _with_a_long_note(store) -> str:
    """Lina's newest entry: a note of about 3,000 characters in two paragraphs."""
    pid = player_id(store, "Lina")
    target = store.experiences(pid)[0]
    review.add_note(store, pid, target.id, "Karim", LONG_NOTE)
    return pid


@contextmanager
def _file_of(store, pid: str, high: bool = False) -> Iterator[App]:
    """The app on that young person's file, closed afterwards."""
    app = App(make_context(store, counsellor=COUNSELLOR, high_contrast=high), clock=FixedClock())
    try:
        app.go(PersonFileScreen(app.ctx, app.manager, pid))
        frames(app)
        yield app
    finally:
        app.close()


def _read_all_pages(app: App) -> list[str]:
    """Every page of the open entry, turned by « Suivant » clicks: the lines drawn."""
    lines: list[str] = []
    pager = _file(app).reader_pager
    for page in range(pager.pages()):
        lines += list(_file(app).reader_shown)
        assert set(_file(app).reader_shown) <= set(_drawn(app))
        if page < pager.pages() - 1:
            click(app, _file(app).reader_pager.next_button)
    return lines


def test_a_long_note_cut_in_the_list_opens_whole_by_mouse_and_keyboard(store) -> None:
    """Issue 13: a note over two lines ends with « … » in the history; clicking the entry (or
    Enter on it) shows every word, paged, and Esc / « Fermer » go back to the same entry."""
    pid = _with_a_long_note(store)
    with _file_of(store, pid) as app:
        type_text(app, _file(app).note_box, "à garder")
        words = _drawn(app)
        assert "FIN-DE-NOTE" not in " ".join(words) and any(w.endswith("…") for w in words)
        click(app, _file(app).entry_buttons[0])  # the newest entry: the long note
        screen = _file(app)
        assert screen.reading == 0 and screen.reader_pager.pages() >= 2
        lines = _read_all_pages(app)
        assert " ".join(" ".join(lines).split()).endswith(" ".join(LONG_NOTE.split()) + " »")
        assert any(line.startswith("Second paragraphe") for line in lines)  # its own line
        # the mouse wheel turns the reader's pages back
        pygame.mouse.set_pos((640, 360))
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))
        frames(app)
        assert _file(app).reader_pager.page == _file(app).reader_pager.pages() - 2
        key(app, pygame.K_ESCAPE)
        assert _file(app).reading is None and isinstance(app.screen, PersonFileScreen)
        assert _file(app).focus.current is _file(app).entry_buttons[0]
        assert _file(app).note_box.get_text() == "à garder"
        # by the keyboard: Enter on the focused entry opens it at its first page; « Fermer »
        key(app, pygame.K_RETURN)
        assert _file(app).reading == 0 and _file(app).reader_pager.page == 0
        assert _file(app).focus.current is _file(app).close_button
        key(app, pygame.K_RETURN)
        assert _file(app).reading is None
        # an entry of another page opens too: the last one, on the last page
        while _file(app).history_pager.can_turn(1):
            click(app, _file(app).history_pager.next_button)
        last = len(_file(app).history) - 1
        click(app, _file(app).entry_buttons[-1])
        assert _file(app).reading == last
        click(app, _file(app).close_button)
        assert _file(app).history_pager.page == _file(app).history_pager.pages() - 1


@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
def test_the_open_note_reads_in_both_themes(store, high: bool) -> None:
    pid = _with_a_long_note(store)
    with _file_of(store, pid, high) as app:
        click(app, _file(app).entry_buttons[0])
        frames(app, 2)
        assert _file(app).reading == 0
        shot(app, f"person-history-note{'-hc' if high else ''}")
        problems = read_check(app, high) + overlaps(app)
        assert not problems, "\n".join(problems[:30])


def test_the_top_bars_back_closes_the_open_entry(store) -> None:
    pid = _with_a_long_note(store)
    with _file_of(store, pid) as app:
        click(app, _file(app).entry_buttons[1])
        assert _file(app).reading == 1
        click(app, _file(app).focus.items[0])  # « Retour »: the history, not the map
        assert isinstance(app.screen, PersonFileScreen) and _file(app).reading is None
        assert _file(app).focus.current is _file(app).entry_buttons[1]
