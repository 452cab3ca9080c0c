"""What every screen shares: its own container, its focus ring, the top bar and messages.

A screen builds all its widgets inside ``self.container`` in ``build`` and the container is
killed in ``exit``: nothing a screen made outlives it, and nothing is attached to another
screen's manager by accident.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from shared.errors import DivaError
from skillmap.app.context import Context
from skillmap.app.focus import FocusRing
from skillmap.app.ui import (
    CANVAS,
    blit_text,
    card,
    colors,
    draw_text,
    font,
    minimum_contrast,
    readable,
    wrap,
)
from skillmap.common import describe

TOPBAR_H = 64
MARGIN = 32


class Screen:
    """A page of the app; subclasses implement ``build`` and may draw around the widgets."""

    title_key = "app.title"

    def __init__(self, ctx: Context, manager: pygame_gui.UIManager) -> None:
        self.ctx = ctx
        self.t = ctx.t
        self.manager = manager
        self.c = colors(ctx.high_contrast)
        self.container: UIContainer | None = None
        self.focus = FocusRing(manager, self.c["focus"])
        self.message = ""
        self.message_ok = True
        self.message_time = 0.0

    # -- lifecycle -------------------------------------------------------------------------

    def enter(self) -> None:
        self.container = UIContainer(pygame.Rect((0, 0), CANVAS), self.manager)
        self.focus.clear()
        self.dialog: UIPanel | None = None
        self.framed: list = []  # multi-line fields: their frame is drawn by hand
        self.build()

    def rebuild(self) -> None:
        """Throw the widgets away and build them again (after data changed); the keyboard
        focus comes back to the same place, so typing goes on in the rebuilt field."""
        place = self.focus.place()
        if self.container is not None:
            self.container.kill()
        self.enter()
        self.focus.restore(place)

    def exit(self) -> None:
        if self.container is not None:
            self.container.kill()
            self.container = None
        self.focus.clear()

    def build(self) -> None:  # pragma: no cover - every screen overrides it
        raise NotImplementedError

    # -- frame -----------------------------------------------------------------------------

    def process_event(self, event: pygame.event.Event) -> None:
        """Events the widgets did not use (clicks on drawn shapes, shortcuts)."""

    def update(self, dt: float) -> None:
        if self.message:
            self.message_time += dt

    def draw(self, canvas: pygame.Surface) -> None:
        """Draw under the widgets: by default the top bar."""
        self.draw_topbar(canvas)

    def draw_frames(self, canvas: pygame.Surface) -> None:
        """A visible frame around multi-line fields (pygame_gui draws none in either theme)."""
        for widget in self.framed:
            rect = widget.get_abs_rect().inflate(4, 4)
            pygame.draw.rect(canvas, self.c["field"], rect, border_radius=10)
            pygame.draw.rect(canvas, self.c["field_border"], rect, width=2, border_radius=10)

    def draw_over(self, canvas: pygame.Surface) -> None:
        """Draw over the widgets: the message banner."""
        self.draw_message(canvas)

    # -- helpers ---------------------------------------------------------------------------

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        on_press: Callable[[], object],
        style: str = "@primary",
        focus: bool = True,
    ) -> UIButton:
        """A button in this screen's container that calls ``on_press``, in focus order."""
        object_id = pygame_gui.core.ObjectID(class_id=style)
        widget = UIButton(
            rect, text, manager=self.manager, container=self.container, object_id=object_id
        )
        widget.bind(pygame_gui.UI_BUTTON_PRESSED, lambda _data: on_press())
        if focus:
            self.focus.add(widget)
        return widget

    def label(self, rect: pygame.Rect, text: str, style: str | None = None) -> UILabel:
        object_id = pygame_gui.core.ObjectID(class_id=style) if style else None
        return UILabel(
            rect, text, manager=self.manager, container=self.container, object_id=object_id
        )

    def topbar_buttons(self, back: Callable[[], None] | None) -> None:
        """The back button of the top bar, when the screen has somewhere to go back to."""
        if back is not None:
            self.button(
                pygame.Rect(MARGIN - 8, 12, 120, 40), self.t("app.back"), back, style="@topbar"
            )

    def draw_topbar(self, canvas: pygame.Surface, subtitle: str = "") -> None:
        c = self.c
        pygame.draw.rect(canvas, c["background_deep"], (0, 0, CANVAS[0], TOPBAR_H))
        x = MARGIN + (128 if self.has_back() else 0)
        title = blit_text(
            canvas, self.t("app.name"), (x, 16), font(22, bold=True), c["panel_dark_text"]
        )
        if subtitle:
            subtitle_at = (title.right + 14, 18)
            blit_text(canvas, f"·  {subtitle}", subtitle_at, font(20), c["topbar_subtitle"])
        who = self.t("app.counsellor", name=self.ctx.counsellor)
        blit_text(canvas, who, (CANVAS[0] - MARGIN, 22), font(15), c["topbar_who"], "right")
        pygame.draw.rect(canvas, c["accent"], (0, TOPBAR_H - 4, CANVAS[0], 4))

    def has_back(self) -> bool:
        return False

    # -- confirmation dialog (non-blocking: the loop keeps running) -------------------------

    def ask(self, question: str, yes: str, on_yes: Callable[[], None]) -> None:
        """Show a question over the screen; ``on_yes`` runs if the counsellor agrees."""
        self.close_dialog()
        self.saved_focus = (self.focus.items, self.focus.index)
        self.focus.clear()
        overlay = UIPanel(
            pygame.Rect((0, 0), CANVAS),
            starting_height=20,
            manager=self.manager,
            container=self.container,
            object_id=pygame_gui.core.ObjectID(class_id="@overlay"),
        )
        box = pygame.Rect(0, 0, 600, 250)
        box.center = (CANVAS[0] // 2, CANVAS[1] // 2)
        panel = UIPanel(box, starting_height=1, manager=self.manager, container=overlay)
        UITextBox(
            question,
            pygame.Rect(20, 18, box.w - 44, 130),
            manager=self.manager,
            container=panel,
        )

        def agree() -> None:
            self.close_dialog()
            on_yes()

        no = UIButton(
            pygame.Rect(box.w - 404, box.h - 76, 170, 48),
            self.t("app.cancel"),
            manager=self.manager,
            container=panel,
            object_id=pygame_gui.core.ObjectID(class_id="@secondary"),
        )
        ok = UIButton(
            pygame.Rect(box.w - 224, box.h - 76, 196, 48),
            yes,
            manager=self.manager,
            container=panel,
            object_id=pygame_gui.core.ObjectID(class_id="@primary"),
        )
        no.bind(pygame_gui.UI_BUTTON_PRESSED, self.close_dialog)
        ok.bind(pygame_gui.UI_BUTTON_PRESSED, agree)
        self.dialog = overlay
        self.dialog_panel = panel
        self.dialog_buttons = (ok, no)
        self.focus.add(ok, no)
        self.focus.move(1)

    def escape(self) -> bool:
        """Escape closes an open dialog as « Non » would; True when it was used."""
        if getattr(self, "dialog", None) is None:
            return False
        self.close_dialog()
        return True

    def close_dialog(self, *_args) -> None:
        dialog = getattr(self, "dialog", None)
        if dialog is None:
            return
        dialog.kill()
        self.dialog = None
        self.focus.items, self.focus.index = self.saved_focus

    # -- messages --------------------------------------------------------------------------

    def say(self, text: str, ok: bool = True) -> None:
        """Show a short message at the bottom of the screen (saved, refused...)."""
        self.message, self.message_ok, self.message_time = text, ok, 0.0

    def fail(self, error: DivaError) -> None:
        self.say(describe(error, self.t), ok=False)

    def draw_message(self, canvas: pygame.Surface) -> None:
        if not self.message or (self.message_ok and self.message_time > 6):
            return
        c = self.c
        face = font(16, bold=True)
        fill, ink = (
            (c["success_light"], c["success"])
            if self.message_ok
            else (c["danger_light"], c["accent_dark"])
        )
        # The palette's pairs sit just under 4.5:1 (4.34 for a refusal): darken the words.
        ink = readable(ink, fill, minimum_contrast(self.ctx.high_contrast) + 0.2)
        width = min(900, face.size(self.message)[0] + 48)
        rect = pygame.Rect(0, 0, width, 0)
        lines = wrap(self.message, width - 48, face, max_lines=3)
        rect.h = 20 + len(lines) * (face.get_linesize() + 2)
        rect.midbottom = (CANVAS[0] // 2, CANVAS[1] - 18)
        card(canvas, rect, fill, ink, radius=12)
        draw_text(canvas, self.message, (rect.x + 24, rect.y + 10), face, ink, width - 48, 3)
