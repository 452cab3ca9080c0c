"""Every screen and overlay reads itself, completely, when « read aloud » is on (issue 16).

The spoken text is captured from the speaker the game talks to (no audio), and compared
with what the screen really draws (the theme's text log) and the labels of its buttons.
"""

from __future__ import annotations

import pygame
import pytest

from game.app import App
from game.ui.button import Button
from tests.game.conftest import add_player, focusable, frames, key, on_top
from tests.game.test_read_aloud import RecordingSpeaker
from tests.game.test_screens import SCREENS


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def _open(app: App, name: str) -> RecordingSpeaker:
    app.stack.clear()
    app.frame()
    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    add_player(app, f"P{len(app.session.store.players())}", read_aloud=True, animations=False)
    SCREENS[name](app)
    frames(app, 2)
    # some screens are brought to a state (a card picked) by calling the scene directly,
    # with no event: they are read as they then appear, as a change by the player would
    on_top(app).auto_speak()
    frames(app)
    return speaker


@pytest.mark.parametrize("name", list(SCREENS))
def test_the_screen_says_every_visible_label(app: App, name: str) -> None:
    speaker = _open(app, name)
    scene = on_top(app)
    assert speaker.said, f"{name}: nothing was said on entering"
    heard = _plain(" ".join(speaker.said))
    theme = app.session.theme
    theme.drawn.clear()
    scene.draw(app.canvas)
    visible = [item.text for item in theme.drawn if item.text.strip() and not item.text.isdigit()]
    visible += [label for b in scene.focus.items if (label := getattr(b, "label", ""))]
    missing = [text for text in visible if _plain(text) not in heard]
    assert not missing, f"{name}: never said {missing}"


@pytest.mark.parametrize("name", list(SCREENS))
def test_moving_the_focus_says_the_button_and_its_state(app: App, name: str) -> None:
    speaker = _open(app, name)
    scene = on_top(app)
    seen = 0
    for _ in range(min(6, len(scene.focus.items))):
        key(app, pygame.K_TAB)
        focused = scene.focus.focused
        if focused is None or app.stack.top is not scene:
            break
        label = getattr(focused, "label", "") or getattr(focused, "placeholder", "")
        assert label in speaker.said[-1], (name, speaker.said[-1], label)
        if getattr(focused, "selected", False):
            assert app.session.t("access.checked") in speaker.said[-1]
        seen += 1
    assert seen or not scene.focus.items, name


def test_a_disabled_button_is_announced_as_such_with_its_reason(app: App) -> None:
    speaker = _open(app, "identify-empty")
    scene = on_top(app)
    validate = focusable(scene, "validate")
    assert validate is not None and not validate.enabled
    said = " ".join(speaker.said)
    t = app.session.t
    assert f"{t('access.disabled')} : {t('identify.why_disabled')}" in said


def test_notices_are_said_kept_until_dismissed_and_can_be_heard_again(app: App) -> None:
    speaker = _open(app, "map")
    app.session.notices.append("Ceci est un message")
    frames(app, 400)  # far longer than the old 6 seconds
    assert app._notice == "Ceci est un message"
    assert speaker.said[-1] == "Ceci est un message"
    key(app, pygame.K_h)  # « Revoir »
    frames(app)
    history = on_top(app)
    assert type(history).__name__ == "HistoryScene"
    assert app._notice == ""  # the key press dismissed it
    first = history.focus.items[0]
    assert isinstance(first, Button) and first.label == "Ceci est un message"
    key(app, pygame.K_1)
    assert speaker.said[-1] == "Ceci est un message"
