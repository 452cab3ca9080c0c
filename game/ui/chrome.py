"""The small round buttons every screen has: back, read aloud, settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.button import Button

if TYPE_CHECKING:
    from game.scene import Scene

SIZE = 68


def toolbar(scene: Scene, *, back: bool = True, settings: bool = True) -> list[Button]:
    """Back (top left), read aloud and settings (top right)."""
    session = scene.session
    buttons = []
    if back:
        buttons.append(
            Button(
                "back",
                session.t("common.back"),
                pygame.Rect(18, 18, SIZE, SIZE),
                scene.back,
                icon="back",
                icon_only=True,
            )
        )
    buttons.append(
        Button(
            "speak",
            session.t("common.read_aloud"),
            pygame.Rect(1280 - 2 * SIZE - 34, 18, SIZE, SIZE),
            scene.speak_screen,
            icon="speaker",
            icon_only=True,
        )
    )
    if settings:
        buttons.append(
            Button(
                "settings",
                session.t("common.settings"),
                pygame.Rect(1280 - SIZE - 18, 18, SIZE, SIZE),
                lambda: open_settings(scene),
                icon="settings",
                icon_only=True,
            )
        )
    return buttons


def open_settings(scene: Scene) -> None:
    from game.scenes.settings import SettingsScene  # imported on first use: start time

    scene.request_push(SettingsScene(scene.session))
