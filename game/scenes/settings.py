"""Settings, reachable from every screen, on three tabs: reading (text size, dyslexia font,
contrast, language, animations, read aloud), sound (effects and voice volumes, speech rate,
scan mode and its pace) and controls (what every key does, and remapping next / choose /
back). Changes apply at once and are saved with the player (or this computer's, before a
player is chosen). Every switch says « Oui » or « Non » in words."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from game import controls
from game.scene import Scene
from game.scenes.history import open_history
from game.ui.button import Button, draw_buttons, row
from game.ui.panel import dim, panel
from game.ui.text import draw_text
from shared.player import Settings

if TYPE_CHECKING:
    from game.session import Session

BOX = pygame.Rect(100, 20, 1080, 680)
ROW_Y = [108 + 80 * i for i in range(6)]
ROW_H = 74  # a line of body text at « très grand » with the button's margins
LABEL_W = 350
TICK_W = 40  # the tick a selected button shows at its right end
TABS = ("reading", "sound", "controls")
SIZES = ("medium", "large", "xlarge", "xxlarge")
RATES = (("slow", 110), ("normal", 150), ("fast", 190))


class SettingsScene(Scene):
    """An overlay: Esc or « Fermer » closes it."""

    opaque = False

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.tab = "reading"
        self.labels: list[tuple[str, int]] = []  # each row's name and its y
        self.values: list[tuple[str, pygame.Rect]] = []  # « 70 % » between − and +
        self.waiting_for: str | None = None  # a control being remapped: the next key

    # -- layout ---------------------------------------------------------------------------
    def layout(self) -> None:
        t = self.session.t
        self.buttons: list[Button] = []
        self.labels, self.values = [], []
        tabs = row(BOX.x + 330, BOX.y + 12, [226, 226, 226], ROW_H, 12)
        for tab, rect in zip(TABS, tabs, strict=True):
            self.buttons.append(
                Button(
                    f"tab:{tab}",
                    t(f"settings.tab.{tab}"),
                    rect,
                    partial(self._show, tab),
                    selected=self.tab == tab,
                )
            )
        {"reading": self._reading, "sound": self._sound, "controls": self._controls}[self.tab]()
        bottom = row(BOX.x + 140, BOX.bottom - 94, [380, 380], 88, 40)
        self.buttons.append(Button("history", t("history.open"), bottom[0], self._history))
        self.buttons.append(
            Button(
                "close", t("common.close"), bottom[1], self.back, style="primary", role="heading"
            )
        )
        self.focus.set(self.buttons)

    def _show(self, tab: str) -> None:
        self.tab = tab
        self.layout()
        self.auto_speak()

    def _history(self) -> None:
        open_history(self)

    @property
    def _x(self) -> int:
        return BOX.x + 40 + LABEL_W

    @property
    def _room(self) -> int:
        return BOX.right - 40 - self._x

    def _label(self, key: str, index: int) -> int:
        self.labels.append((self.session.t(key), ROW_Y[index]))
        return ROW_Y[index]

    def _reading(self) -> None:
        s, t = self.session.settings, self.session.t
        y = self._label("settings.text_size", 0)
        half = (self._room - 12) // 2
        rects = row(self._x, y, [half, half], ROW_H, 12)  # two rows of two: « Énorme » too
        rects += row(self._x, ROW_Y[1], [half, half], ROW_H, 12)
        for size, rect in zip(SIZES, rects, strict=True):
            name = t(f"settings.size.{size}")
            self._add(f"size:{size}", name, rect, text_size=size, selected=s.text_size == size)
        self._switch("dyslexic_font", "settings.dyslexic_font", 2, s.dyslexic_font)
        y = self._label("settings.contrast", 3)
        pair = row(self._x, y, [half, half], ROW_H, 12)
        self._add("contrast:off", t("settings.normal"), pair[0], high_contrast=False,
                  selected=not s.high_contrast)  # fmt: skip
        self._add("contrast:on", t("settings.high"), pair[1], high_contrast=True,
                  selected=s.high_contrast)  # fmt: skip
        y = self._label("settings.language", 4)
        pair = row(self._x, y, [half, half], ROW_H, 12)
        self._add("lang:fr", "Français", pair[0], language="fr", selected=s.language == "fr")
        self._add("lang:en", "English", pair[1], language="en", selected=s.language == "en")
        if self._speech_available():
            self._switch("read_aloud", "settings.read_aloud", 5, s.read_aloud)
            return
        y = self._label("settings.read_aloud", 5)  # disabled, and it says why, in words
        rect = pygame.Rect(self._x, y, self._room, ROW_H)
        why = t("settings.no_voice")
        self._add("read_aloud", why, rect, enabled=False, why=why, read_aloud=True)

    def _sound(self) -> None:
        s, t = self.session.settings, self.session.t
        self._volume("volume", "settings.effects_volume", 0, s.volume)
        self._volume("voice_volume", "settings.voice_volume", 1, s.voice_volume)
        y = self._label("settings.speech_rate", 2)
        third = (self._room - 20) // 3
        rects = row(self._x, y, [third] * 3, ROW_H, 10)
        near = min(RATES, key=lambda r: abs(r[1] - s.speech_rate))[0]
        for (name, wpm), rect in zip(RATES, rects, strict=True):
            word = t(f"settings.rate.{name}")
            self._add(f"rate:{name}", word, rect, speech_rate=wpm, selected=near == name)
        self._switch("animations", "settings.animations", 3, s.animations)
        self._switch("scan", "settings.scan", 4, s.scan)
        y = self._label("settings.scan_pace", 5)
        steps = row(self._x, y, [90, 240, 90], ROW_H, 12)
        slower = min(8.0, round(s.scan_seconds + 0.5, 1))
        faster = max(0.8, round(s.scan_seconds - 0.5, 1))
        self._add("scan:slower", "−", steps[0], scan_seconds=slower, context=t("settings.slower"))
        self._add("scan:faster", "+", steps[2], scan_seconds=faster, context=t("settings.faster"))
        self.values.append((t("settings.seconds", seconds=f"{s.scan_seconds:g}"), steps[1]))

    def _controls(self) -> None:
        t = self.session.t
        for index, action in enumerate(controls.REMAPPABLE):
            y = self._label(f"controls.action.{action}", index)
            shown = controls.key_names(self.session.settings, action, t)
            waiting = self.waiting_for == action
            label = t("controls.press_a_key") if waiting else t("controls.change", keys=shown)
            self.buttons.append(
                Button(
                    f"remap:{action}",
                    label,
                    pygame.Rect(self._x, y, self._room, ROW_H),
                    partial(self._wait_for_key, action),
                    selected=waiting,
                    context=t(f"controls.action.{action}"),
                )
            )
        reset = pygame.Rect(self._x, ROW_Y[3], self._room, ROW_H)
        self._add("remap:reset", t("controls.reset"), reset, keys={})

    # -- building blocks ------------------------------------------------------------------
    def _add(
        self,
        key: str,
        label: str,
        rect: pygame.Rect,
        selected: bool = False,
        enabled: bool = True,
        context: str = "",
        why: str = "",
        **change: object,
    ) -> None:
        self.buttons.append(
            Button(
                key,
                label,
                rect,
                lambda: self._change(**change),
                selected=selected,
                enabled=enabled,
                context=context,
                why=why,
            )
        )

    def _switch(
        self, key: str, name: str, index: int, on: bool, enabled: bool = True, why: str = ""
    ) -> None:
        """A yes / no row: « Oui » and « Non » written, the current one ticked."""
        t = self.session.t
        y = self._label(name, index)
        half = (self._room - 12) // 2
        yes, no = row(self._x, y, [half, half], ROW_H, 12)
        context = t(name)
        self._add(key, t("settings.yes"), yes, on, enabled, context, why, **{key: True})
        self._add(f"{key}:no", t("settings.no"), no, not on, enabled, context, why, **{key: False})

    def _volume(self, field: str, name: str, index: int, value: float) -> None:
        t = self.session.t
        y = self._label(name, index)
        steps = row(self._x, y, [90, 240, 90], ROW_H, 12)
        context = t(name)
        down, up = max(0.0, round(value - 0.1, 1)), min(1.0, round(value + 0.1, 1))
        self._add(f"{field}:down", "−", steps[0], context=context, **_field(field, down))
        self._add(f"{field}:up", "+", steps[2], context=context, **_field(field, up))
        self.values.append((f"{round(value * 100)} %", steps[1]))

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

    # -- remapping ------------------------------------------------------------------------
    def _wait_for_key(self, action: str) -> None:
        self.waiting_for = action
        self.layout()
        self.session.say(self.session.t("controls.press_a_key"))

    def handle(self, event: pygame.event.Event) -> bool:
        if self.waiting_for is not None and event.type == pygame.KEYDOWN:
            action, self.waiting_for = self.waiting_for, None
            if event.key != pygame.K_ESCAPE:
                keys = dict(self.session.settings.keys) | {action: pygame.key.name(event.key)}
                self._change(keys=keys)
            self.layout()
            return True
        return super().handle(event)

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        dim(surface)
        panel(surface, theme, BOX, radius=30, width=4)
        draw_text(
            surface,
            theme,
            t("common.settings"),
            pygame.Rect(BOX.x + 40, BOX.y + 16, 270, 76),
            role="heading",
            valign="middle",
            max_lines=1,
        )
        for label, y in self.labels:
            draw_text(
                surface,
                theme,
                label,
                pygame.Rect(BOX.x + 40, y, LABEL_W - 16, ROW_H),
                valign="middle",
                max_lines=2,
            )
        for value, rect in self.values:
            draw_text(surface, theme, value, rect, role="heading", align="center",
                      valign="middle", max_lines=1)  # fmt: skip
        if self.tab == "controls":
            draw_text(
                surface,
                theme,
                controls.explained(self.session),
                pygame.Rect(BOX.x + 40, ROW_Y[4] - 6, BOX.width - 80, 2 * ROW_H + 10),
                role="small",
                fg="panel_muted_text",
            )
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        return self.session.t("common.settings")


def _field(name: str, value: float) -> dict[str, Any]:
    """One settings field as ``_add``'s keyword change (typed loosely: any field may come)."""
    return {name: value}
