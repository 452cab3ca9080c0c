"""Settings, reachable from every screen: text size, contrast, language, volume, animations,
read aloud. Changes apply at once and are saved with the player."""

from __future__ import annotations

import pygame

from game.scene import Scene
from game.ui.button import Button, draw_buttons, row
from game.ui.panel import dim, panel
from game.ui.text import draw_text
from shared.player import Settings

BOX = pygame.Rect(100, 20, 1080, 680)
ROW_Y = [116, 198, 280, 362, 444]
ROW_H = 74  # a line of body text at « très grand » (55 px) with the button's margins
LABEL_W = 270
TICK_W = 40  # the tick a selected button shows at its right end


class SettingsScene(Scene):
    """An overlay: Esc or « Fermer » closes it."""

    opaque = False

    def layout(self) -> None:
        s, t = self.session.settings, self.session.t
        x = BOX.x + 40 + LABEL_W
        room = BOX.right - 40 - x
        half = (room - 12) // 2
        self.buttons: list[Button] = []
        names = [t(f"settings.size.{size}") for size in ("medium", "large", "xlarge")]
        sizes = row(x, ROW_Y[0], self._widths(names, room, 12), ROW_H, 12)
        for size, name, rect in zip(("medium", "large", "xlarge"), names, sizes, strict=True):
            self._add(
                f"size:{size}",
                name,
                rect,
                text_size=size,
                selected=s.text_size == size,
            )
        yes_no = row(x, ROW_Y[1], [half, half], ROW_H, 12)
        self._add(
            "contrast:off",
            t("settings.normal"),
            yes_no[0],
            high_contrast=False,
            selected=not s.high_contrast,
        )
        self._add(
            "contrast:on",
            t("settings.high"),
            yes_no[1],
            high_contrast=True,
            selected=s.high_contrast,
        )
        langs = row(x, ROW_Y[2], [half, half], ROW_H, 12)
        self._add("lang:fr", "Français", langs[0], language="fr", selected=s.language == "fr")
        self._add("lang:en", "English", langs[1], language="en", selected=s.language == "en")
        volume = row(x, ROW_Y[3], [90, 200, 90], ROW_H, 12)
        self._add("volume:down", "−", volume[0], volume=max(0.0, round(s.volume - 0.1, 1)))
        self._add("volume:up", "+", volume[2], volume=min(1.0, round(s.volume + 0.1, 1)))
        self.volume_rect = volume[1]
        toggles = row(x, ROW_Y[4], [half, half], ROW_H, 12)
        self._add(
            "animations",
            t("settings.animations"),
            toggles[0],
            animations=not s.animations,
            selected=s.animations,
        )
        self._add(
            "read_aloud",
            t("settings.read_aloud"),
            toggles[1],
            read_aloud=not s.read_aloud,
            selected=s.read_aloud,
            enabled=self._speech_available(),
        )
        self.buttons.append(
            Button(
                "close",
                t("common.close"),
                pygame.Rect(BOX.centerx - 180, BOX.bottom - 102, 360, 88),
                self.back,
                style="primary",
                role="heading",
            )
        )
        self.focus.set(self.buttons)

    def _add(
        self,
        key: str,
        label: str,
        rect: pygame.Rect,
        selected: bool = False,
        enabled: bool = True,
        **change: object,
    ) -> None:
        self.buttons.append(
            Button(
                key, label, rect, lambda: self._change(**change), selected=selected, enabled=enabled
            )
        )

    def _widths(self, words: list[str], room: int, gap: int) -> list[int]:
        """Button widths that give each word its room at the current text size (with the tick
        a selected button shows), sharing what is left so the row is filled."""
        font = self.session.theme.font("body")
        needs = [font.size(word)[0] + 28 + TICK_W + 8 for word in words]
        spare = room - gap * (len(words) - 1) - sum(needs)
        return [need + spare // len(words) for need in needs]

    def _speech_available(self) -> bool:
        return bool(getattr(self.session.speaker, "available", False))

    def _change(self, **change: object) -> None:
        settings = Settings.model_validate(self.session.settings.model_dump() | change)
        self.session.apply_settings(settings)

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        dim(surface)
        panel(surface, theme, BOX, radius=30, width=4)
        draw_text(
            surface,
            theme,
            t("common.settings"),
            pygame.Rect(BOX.x + 40, BOX.y + 16, BOX.width - 80, 76),
            role="heading",
            align="center",
            valign="middle",
            max_lines=1,
        )
        labels = [
            "settings.text_size",
            "settings.contrast",
            "settings.language",
            "settings.volume",
            "settings.comfort",
        ]
        for key, y in zip(labels, ROW_Y, strict=True):
            draw_text(
                surface,
                theme,
                t(key),
                pygame.Rect(BOX.x + 40, y, LABEL_W - 20, ROW_H),
                valign="middle",
                max_lines=2,
            )
        draw_text(
            surface,
            theme,
            f"{round(self.session.settings.volume * 100)} %",
            self.volume_rect,
            role="heading",
            align="center",
            valign="middle",
            max_lines=1,
        )
        draw_buttons(surface, theme, self.buttons)
        if not self._speech_available():
            notice = pygame.Rect(BOX.x + 40, ROW_Y[4] + ROW_H + 6, BOX.width - 80, 46)
            draw_text(
                surface,
                theme,
                t("speech.unavailable"),
                notice,
                role="small",
                fg="panel_muted_text",
                align="right",
                valign="middle",
                max_lines=1,
            )

    def read_aloud_text(self) -> str:
        return self.session.t("common.settings")
