"""The focus ring, letterboxing and touch: keyboard alone, mouse alone, or fingers."""

from __future__ import annotations

from functools import partial

import pygame

from game.input import FocusRing, letterbox, to_logical, to_window, touch_to_mouse
from game.ui.button import Button


def buttons(log: list[str]) -> list[Button]:
    return [
        Button(
            f"b{i}",
            f"B{i}",
            pygame.Rect(100, 100 + i * 100, 200, 80),
            partial(log.append, f"b{i}"),
            number=i,
        )
        for i in (1, 2, 3)
    ]


def keydown(key: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="")


def test_number_keys_activate_the_numbered_button() -> None:
    log: list[str] = []
    ring = FocusRing()
    ring.set(buttons(log))
    assert ring.handle(keydown(pygame.K_2))
    assert ring.focused is not None
    assert log == ["b2"] and ring.focused.key == "b2"


def test_tab_arrows_and_enter() -> None:
    log: list[str] = []
    ring = FocusRing()
    ring.set(buttons(log))
    ring.handle(keydown(pygame.K_TAB))
    ring.handle(keydown(pygame.K_DOWN))
    ring.handle(keydown(pygame.K_TAB, pygame.KMOD_SHIFT))
    ring.handle(keydown(pygame.K_UP))
    assert ring.focused is not None
    assert ring.focused.key == "b3"
    ring.handle(keydown(pygame.K_RETURN))
    assert log == ["b3"]


def test_disabled_buttons_are_skipped() -> None:
    log: list[str] = []
    items = buttons(log)
    items[1].enabled = False
    ring = FocusRing()
    ring.set(items)
    ring.handle(keydown(pygame.K_TAB))
    ring.handle(keydown(pygame.K_TAB))
    assert ring.focused is not None
    assert ring.focused.key == "b3"
    assert not ring.handle(keydown(pygame.K_2)) and log == []


def test_click_activates_on_release_over_the_button() -> None:
    log: list[str] = []
    ring = FocusRing()
    ring.set(buttons(log))
    ring.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(150, 440), button=1))
    ring.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(150, 440), button=1))
    ring.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(900, 440), button=1))
    assert log == ["b3"]


def test_letterbox_keeps_16_9_and_maps_both_ways() -> None:
    box = letterbox((1920, 1200))
    assert box.size == (1920, 1080) and box.y == 60
    assert to_logical((960, 600), (1920, 1200)) == (640, 360)
    x, y = to_logical(to_window((100, 700), (1000, 1000)), (1000, 1000))
    assert abs(x - 100) <= 2 and abs(y - 700) <= 2


def test_finger_events_become_clicks_in_canvas_coordinates() -> None:
    event = pygame.event.Event(pygame.FINGERDOWN, x=0.5, y=0.5, dx=0, dy=0, finger_id=1, touch_id=1)
    mouse = touch_to_mouse(event, (2560, 1440))
    assert mouse is not None
    assert mouse.type == pygame.MOUSEBUTTONDOWN and mouse.pos == (640, 360) and mouse.touch
