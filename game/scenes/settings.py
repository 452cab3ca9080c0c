"""Settings, reachable from every screen, on three tabs: reading (text size, dyslexia font,
contrast, language, animations, read aloud), sound (effects and voice volumes, speech rate,
scan mode and its pace) and controls (what every key does, and remapping next / choose /
back). Changes apply at once and are saved with the player (or this computer's, before a
player is chosen). Every switch says « Oui » or « Non » in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from game import controls
from game.scene import Scene
from game.scenes.history import open_history
from game.ui.button import Button, draw_buttons, row
from game.ui.pager import PAGE_KEYS, pack
from game.ui.panel import heading_rect, overlay
from game.ui.picker import ArrowButton
from game.ui.text import draw_text, line_height, wrap
from shared.player import Settings

if TYPE_CHECKING:
    from game.session import Session

BOX = pygame.Rect(100, 20, 1080, 680)
ROW_TOP = 108  # the first row's y, below the heading and the tabs
ROW_H = 74  # the least button height: a line of body text at « très grand » with margins
ROW_GAP = 6
LABEL_W = 350
TICK_W = 40  # the tick a selected button shows at its right end
TABS = ("reading", "sound", "controls")
SIZES = ("medium", "large", "xlarge", "xxlarge")
RATES = (("slow", 110), ("normal", 150), ("fast", 190))


@dataclass
class Row:
    """One setting: its name on the left, ``lines`` lines of buttons built by ``build(y)``
    on the right (or, with no name, words across the panel)."""

    name: str
    build: Callable[[int], None]
    lines: int = 1
    words: str = ""  # a text row (the controls explained), drawn small across the panel


class SettingsScene(Scene):
    """An overlay: Esc or « Fermer » closes it."""

    opaque = False

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.tab = "reading"
        self.labels: list[tuple[str, pygame.Rect]] = []  # each row's name and its place
        self.values: list[tuple[str, pygame.Rect]] = []  # « 70 % » between − and +
        self.waiting_for: str | None = None  # a control being remapped: the next key
        self.texts: list[tuple[str, pygame.Rect]] = []  # words across the panel
        self.row_h = ROW_H
        self.page, self.pages = 0, 1

    # -- layout ---------------------------------------------------------------------------
    def layout(self) -> None:
        t, theme = self.session.t, self.session.theme
        self.buttons: list[Button] = []
        self.labels, self.values, self.texts = [], [], []
        self.row_h = max(ROW_H, line_height(theme.font("body")) + 16)
        head = heading_rect(theme, BOX)
        tabs = self._tabs(head)
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
        bottom_h = max(88, line_height(theme.font("heading")) + 18)
        bottom = row(BOX.x + 140, BOX.bottom - bottom_h - 6, [380, 380], bottom_h, 40)
        top = max(ROW_TOP, tabs[0].bottom + 12)
        rows = {"reading": self._reading, "sound": self._sound, "controls": self._controls}
        self._place(rows[self.tab](), top, bottom[0].y - 12)
        self.buttons.append(Button("history", t("history.open"), bottom[0], self._history))
        self.buttons.append(
            Button(
                "close", t("common.close"), bottom[1], self.back, style="primary", role="heading"
            )
        )
        if self.pages > 1:  # the rows that do not fit at full size are on the next page
            for key, step, x in (
                ("page:previous", -1, BOX.x + 30),
                ("page:next", 1, BOX.right - 130),
            ):
                label = t("map.previous_page" if step < 0 else "map.next_page")
                rect = pygame.Rect(x, bottom[0].y, 100, bottom_h)
                self.buttons.append(
                    ArrowButton(key, label, rect, partial(self.turn, step), step=step)
                )
        self.focus.set(self.buttons)

    def _tabs(self, head: pygame.Rect) -> list[pygame.Rect]:
        """Right of « Réglages » while their words fit there, else on a row of their own."""
        tall = max(self.row_h, head.height)
        words = [self.session.t(f"settings.tab.{tab}") for tab in TABS]
        beside = BOX.right - 40 - (BOX.x + 330)
        font = self.session.theme.font("body")
        if all(font.size(w)[0] + 28 + TICK_W + 8 <= (beside - 24) // 3 for w in words):
            return row(BOX.x + 330, BOX.y + 12, [226, 226, 226], tall, 12)
        third = (BOX.width - 80 - 24) // 3
        return row(BOX.x + 40, head.bottom + 6, [third] * 3, self.row_h, 12)

    def _place(self, rows: list[Row], top: int, bottom: int) -> None:
        """Each row as tall as its buttons or its wrapped name need at full size; those that
        do not fit between ``top`` and ``bottom`` go on the next page (never shrunk)."""
        theme = self.session.theme
        body, small = theme.font("body"), theme.font("small")
        heights = []
        for item in rows:
            if item.words:
                tall = len(wrap(item.words, small, BOX.width - 80)) * line_height(small)
            else:
                name = self.session.t(item.name) if item.name else ""
                named = len(wrap(name, body, LABEL_W - 16)) if name else 0
                buttons = item.lines * self.row_h + (item.lines - 1) * ROW_GAP
                tall = max(buttons, named * line_height(body))
            heights.append(tall)
        pages = pack(heights, bottom - top, ROW_GAP, len(rows))
        self.pages = len(pages)
        self.page = min(self.page, self.pages - 1)
        y = top
        for index in pages[self.page]:
            item, tall = rows[index], heights[index]
            if item.words:
                self.texts.append((item.words, pygame.Rect(BOX.x + 40, y, BOX.width - 80, tall)))
            else:
                if item.name:
                    label = pygame.Rect(BOX.x + 40, y, LABEL_W - 16, tall)
                    self.labels.append((self.session.t(item.name), label))
                item.build(y + (tall - item.lines * self.row_h - (item.lines - 1) * ROW_GAP) // 2)
            y += tall + ROW_GAP

    def turn(self, step: int) -> None:
        """The next (1) or previous (-1) page of this tab's settings, wrapping round."""
        self.page = (self.page + step) % self.pages
        self.session.sound("page")
        self.layout()
        self.auto_speak()

    def _show(self, tab: str) -> None:
        self.tab, self.page = tab, 0
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

    def _reading(self) -> list[Row]:
        s, t = self.session.settings, self.session.t
        half = (self._room - 12) // 2

        def sizes(y: int) -> None:  # two rows of two: « Énorme » too
            rects = row(self._x, y, [half, half], self.row_h, 12)
            rects += row(self._x, y + self.row_h + ROW_GAP, [half, half], self.row_h, 12)
            for size, rect in zip(SIZES, rects, strict=True):
                name = t(f"settings.size.{size}")
                self._add(f"size:{size}", name, rect, text_size=size, selected=s.text_size == size)

        words = [t("settings.normal"), t("settings.high")]
        stacked = self._too_wide(words)

        def contrast(y: int) -> None:
            if stacked:  # each on its own line, full width, rather than shrunk
                pair = self._stack(y, 2)
            else:
                pair = row(self._x, y, self._widths(words, self._room, 12), self.row_h, 12)
            self._add("contrast:off", t("settings.normal"), pair[0], high_contrast=False,
                      selected=not s.high_contrast)  # fmt: skip
            self._add("contrast:on", t("settings.high"), pair[1], high_contrast=True,
                      selected=s.high_contrast)  # fmt: skip

        def language(y: int) -> None:
            pair = row(self._x, y, [half, half], self.row_h, 12)
            self._add("lang:fr", "Français", pair[0], language="fr", selected=s.language == "fr")
            self._add("lang:en", "English", pair[1], language="en", selected=s.language == "en")

        why = t("settings.no_voice")
        voiceless = self._lines_for(why)

        def no_voice(y: int) -> None:  # disabled, and it says why, in words
            rect = pygame.Rect(self._x, y, self._room, self._tall(voiceless))
            self._add("read_aloud", why, rect, enabled=False, why=why, read_aloud=True)

        reading = Row("settings.read_aloud", no_voice, lines=voiceless)
        if self._speech_available():
            reading = self._switch("read_aloud", "settings.read_aloud", s.read_aloud)
        return [
            Row("settings.text_size", sizes, lines=2),
            self._switch("dyslexic_font", "settings.dyslexic_font", s.dyslexic_font),
            Row("settings.contrast", contrast, lines=2 if stacked else 1),
            Row("settings.language", language),
            reading,
        ]

    def _sound(self) -> list[Row]:
        s, t = self.session.settings, self.session.t

        words = [t(f"settings.rate.{name}") for name, _ in RATES]
        stacked = self._too_wide(words)

        def rates(y: int) -> None:
            third = (self._room - 20) // 3
            rects = row(self._x, y, [third] * 3, self.row_h, 10)
            if stacked:  # one under the other, full width, rather than shrunk
                rects = self._stack(y, len(RATES))
            near = min(RATES, key=lambda r: abs(r[1] - s.speech_rate))[0]
            for (name, wpm), rect in zip(RATES, rects, strict=True):
                word = t(f"settings.rate.{name}")
                self._add(f"rate:{name}", word, rect, speech_rate=wpm, selected=near == name)

        def pace(y: int) -> None:
            steps = row(self._x, y, [90, 240, 90], self.row_h, 12)
            slower = min(8.0, round(s.scan_seconds + 0.5, 1))
            faster = max(0.8, round(s.scan_seconds - 0.5, 1))
            self._add(
                "scan:slower", "−", steps[0], scan_seconds=slower, context=t("settings.slower")
            )
            self._add(
                "scan:faster", "+", steps[2], scan_seconds=faster, context=t("settings.faster")
            )
            self.values.append((t("settings.seconds", seconds=f"{s.scan_seconds:g}"), steps[1]))

        return [
            self._volume("volume", "settings.effects_volume", s.volume),
            self._volume("voice_volume", "settings.voice_volume", s.voice_volume),
            Row("settings.speech_rate", rates, lines=len(RATES) if stacked else 1),
            self._switch("animations", "settings.animations", s.animations),
            self._switch("scan", "settings.scan", s.scan),
            Row("settings.scan_pace", pace),
        ]

    def _controls(self) -> list[Row]:
        t = self.session.t
        rows = [Row(f"controls.action.{action}", partial(self._remap, action),
                    lines=self._lines_for(self._remap_label(action)))
                for action in controls.REMAPPABLE]  # fmt: skip
        again = self._lines_for(t("controls.reset"))

        def reset(y: int) -> None:
            rect = pygame.Rect(self._x, y, self._room, self._tall(again))
            self._add("remap:reset", t("controls.reset"), rect, keys={})

        return [
            *rows,
            Row("", reset, lines=again),
            Row("", _nothing, words=controls.explained(self.session)),
        ]

    def _remap(self, action: str, y: int) -> None:
        t = self.session.t
        waiting = self.waiting_for == action
        label = self._remap_label(action)
        tall = self._tall(self._lines_for(label))
        self.buttons.append(
            Button(
                f"remap:{action}",
                label,
                pygame.Rect(self._x, y, self._room, tall),
                partial(self._wait_for_key, action),
                selected=waiting,
                context=t(f"controls.action.{action}"),
            )
        )

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

    def _switch(self, key: str, name: str, on: bool) -> Row:
        """A yes / no row: « Oui » and « Non » written, the current one ticked."""
        t = self.session.t

        def build(y: int) -> None:
            half = (self._room - 12) // 2
            yes, no = row(self._x, y, [half, half], self.row_h, 12)
            context = t(name)
            self._add(key, t("settings.yes"), yes, on, context=context, **_field(key, True))
            no_key, label = f"{key}:no", t("settings.no")
            self._add(no_key, label, no, not on, context=context, **_field(key, False))

        return Row(name, build)

    def _volume(self, field: str, name: str, value: float) -> Row:
        t = self.session.t

        def build(y: int) -> None:
            steps = row(self._x, y, [90, 240, 90], self.row_h, 12)
            context = t(name)
            down, up = max(0.0, round(value - 0.1, 1)), min(1.0, round(value + 0.1, 1))
            self._add(f"{field}:down", "−", steps[0], context=context, **_field(field, down))
            self._add(f"{field}:up", "+", steps[2], context=context, **_field(field, up))
            self.values.append((f"{round(value * 100)} %", steps[1]))

        return Row(name, build)

    def _widths(self, words: list[str], room: int, gap: int) -> list[int]:
        """Button widths that give each word its room at the current text size (with the tick
        a selected button shows), sharing what is left so the row is filled."""
        font = self.session.theme.font("body")
        needs = [font.size(word)[0] + 28 + TICK_W + 8 for word in words]
        spare = room - gap * (len(words) - 1) - sum(needs)
        return [need + spare // len(words) for need in needs]

    def _remap_label(self, action: str) -> str:
        t = self.session.t
        if self.waiting_for == action:
            return t("controls.press_a_key")
        return t("controls.change", keys=controls.key_names(self.session.settings, action, t))

    def _lines_for(self, label: str) -> int:
        """The lines a full-width button's words take at full size (with a tick's room)."""
        font = self.session.theme.font("body")
        return max(1, len(wrap(label, font, self._room - 28 - TICK_W)))

    def _stack(self, y: int, count: int) -> list[pygame.Rect]:
        """``count`` full-width buttons one under the other, from ``y``."""
        step = self.row_h + ROW_GAP
        return [pygame.Rect(self._x, y + n * step, self._room, self.row_h) for n in range(count)]

    def _tall(self, lines: int) -> int:
        """A button as tall as ``lines`` rows (its words wrap rather than shrink)."""
        return lines * self.row_h + (lines - 1) * ROW_GAP

    def _too_wide(self, words: list[str]) -> bool:
        """Whether ``words`` side by side need more than the row's room at full size."""
        font = self.session.theme.font("body")
        return sum(font.size(w)[0] + 28 + TICK_W + 8 for w in words) + 12 > self._room

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
        if event.type == pygame.KEYDOWN and event.key in PAGE_KEYS and self.pages > 1:
            self.turn(PAGE_KEYS[event.key])
            return True
        return super().handle(event)

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        head = heading_rect(theme, BOX)
        head.width = 270
        overlay(surface, theme, BOX, t("common.settings"), head, align="left")
        for label, rect in self.labels:
            draw_text(surface, theme, label, rect, valign="middle")
        for value, rect in self.values:
            draw_text(surface, theme, value, rect, role="heading", align="center",
                      valign="middle", max_lines=1)  # fmt: skip
        for words, rect in self.texts:
            draw_text(surface, theme, words, rect, role="small", fg="panel_muted_text")
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        title = self.session.t("common.settings")
        if self.pages > 1:
            return f"{title}. " + self.session.t("map.page", page=self.page + 1, pages=self.pages)
        return title


def _field(name: str, value: object) -> dict[str, Any]:
    """One settings field as ``_add``'s keyword change (typed loosely: any field may come)."""
    return {name: value}


def _nothing(y: int) -> None:
    """A text row builds no button."""
