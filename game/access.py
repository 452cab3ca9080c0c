"""What a screen says when it reads itself aloud: complete, in reading order, with states.

Every scene's own ``read_aloud_text`` is written for the ear (« 1 : Je lui parle »), but it
was easy for it to forget a greeting, a button or a notice. So the base scene completes it
with whatever the scene really draws: the scene is drawn once off screen with the theme's
text log on, and every text it drew (in drawing order, top to bottom on these screens) that
the curated text does not already contain is added, then the label of every button the text
log cannot see (icon-only buttons). Nothing visible can be left out, by construction.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.input import Focusable
    from game.scene import Scene

CHROME_KEYS = frozenset({"back", "speak", "settings"})  # the toolbar: said on a screen's first read
HISTORY_SIZE = 12


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def drawn_texts(scene: Scene) -> list[str]:
    """The texts ``scene`` draws, in drawing order (drawn off screen, log restored after)."""
    theme = scene.session.theme
    record, kept = theme.record, theme.drawn
    theme.record, theme.drawn = True, []
    try:
        scene.draw(pygame.Surface((1280, 720)))
        return [item.text for item in theme.drawn if item.text.strip()]
    except (pygame.error, AttributeError, TypeError, ValueError):
        return []  # a scene not laid out yet: its curated text alone
    finally:
        theme.record, theme.drawn = record, kept


def state_words(scene: Scene, item: Focusable) -> list[str]:
    """« coché », « désactivé : pourquoi », a picker's value: what a glance at it tells."""
    t = scene.session.t
    words = []
    value = getattr(item, "value", "")
    if value:
        words.append(str(value))
    if getattr(item, "selected", False):
        words.append(t("access.checked"))
    if not item.enabled:
        why = getattr(item, "why", "")
        words.append(t("access.disabled") + (f" : {why}" if why else ""))
    return words


def describe(scene: Scene, item: Focusable) -> str:
    """A button as announced when it gets the focus: its label and its state."""
    label = str(getattr(item, "label", "") or getattr(item, "placeholder", "") or item.key)
    context = getattr(item, "context", "")
    return ", ".join([f"{context} : {label}" if context else label, *state_words(scene, item)])


def screen_text(scene: Scene, chrome: bool = True) -> str:
    """The curated text, then every visible text and button it left out.

    ``chrome`` adds the toolbar's buttons (back, listen, settings): said once per screen,
    not again with every line of dialogue.
    """
    parts = [scene.read_aloud_text().strip()]
    said = _plain(parts[0])
    items = {str(getattr(item, "label", "")): item for item in scene.focus.items}
    for text in drawn_texts(scene):
        if _plain(text) in said or text.strip().isdigit():
            continue
        item = items.get(text)
        part = describe(scene, item) if item is not None else text.strip()
        parts.append(part)
        said += " " + _plain(part)
    for item in scene.focus.items:
        if item.key in CHROME_KEYS and not chrome:
            continue
        label, words = str(getattr(item, "label", "")), state_words(scene, item)
        if label and _plain(label) not in said or any(_plain(w) not in said for w in words):
            part = describe(scene, item)
            parts.append(part)
            said += " " + _plain(part)
    return " ".join(_sentence(part) for part in parts if part)


def _sentence(text: str) -> str:
    """A part ending with a stop, so the voice pauses between a title and a button."""
    return text if text[-1] in ".!?…:" else text + "."


class History:
    """The last lines said or shown (dialogue, notices, errors), for « Revoir »."""

    def __init__(self, size: int = HISTORY_SIZE) -> None:
        self.lines: deque[str] = deque(maxlen=size)

    def add(self, text: str) -> None:
        text = text.strip()
        if text and (not self.lines or self.lines[-1] != text):
            self.lines.append(text)

    def latest(self, count: int) -> list[str]:
        """The newest ``count`` lines, newest first."""
        return list(reversed(self.lines))[:count]
