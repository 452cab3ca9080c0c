"""« Which competencies did you just use? »: pick cards, or « je ne sais pas » for a hint.

Feedback is kind and specific: what the player saw, what else was there, and the trainer's
explanation. Never « faux ! ».
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pygame

from game.scene import Action, Press, Scene
from game.scenes.play import Run
from game.ui.button import Button, draw_buttons, icon_surface
from game.ui.card import Card
from game.ui.chrome import toolbar
from game.ui.images import background
from game.ui.panel import dim, panel
from game.ui.text import draw_text
from shared.evidence import Evidence
from shared.scenario.model import IdentifyNode, Scenario
from shared.store.store import Store
from shared.text import localize

PROMPT = pygame.Rect(104, 16, 990, 96)  # clear of the back and speaker buttons
BOTTOM = 604


class IdentifyScene(Scene):
    """Phases: pick -> (hint -> pick) -> feedback -> done."""

    def __init__(
        self,
        session,  # noqa: ANN001
        scenario: Scenario,
        node: IdentifyNode,
        run: Run,
        on_done: Callable[[], None],
    ) -> None:
        super().__init__(session)
        self.scenario, self.node, self.run, self.on_done = scenario, node, run, on_done
        self.selected: list[str] = []
        self.attempts = 1
        self.phase = "pick"
        self.buttons: list[Button] = []

    def enter(self) -> None:
        super().enter()
        self.auto_speak()

    # -- layout ---------------------------------------------------------------------------
    def layout(self) -> None:
        t = self.session.t
        self.buttons = toolbar(self, back=False)
        if self.phase == "pick":
            self.buttons += self._cards()
            self.buttons += [
                Button(
                    "dont-know",
                    t("identify.dont_know"),
                    pygame.Rect(110, BOTTOM, 420, 92),
                    self._dont_know,
                    icon="dont-know",
                ),
                Button(
                    "validate",
                    t("identify.validate"),
                    pygame.Rect(750, BOTTOM, 420, 92),
                    self._validate,
                    style="primary",
                    role="heading",
                    enabled=bool(self.selected),
                    icon="check",
                ),
            ]
        else:
            key = "identify.retry" if self.phase == "hint" else "common.continue"
            action = self._retry if self.phase == "hint" else self._done
            self.buttons.append(
                Button(
                    "continue",
                    t(key),
                    pygame.Rect(440, BOTTOM + 4, 400, 88),
                    action,
                    number=1,
                    style="primary",
                    role="heading",
                )
            )
        self.focus.set(self.buttons)

    def _cards(self) -> list[Card]:
        cards = self.node.cards
        per_row = 3 if len(cards) > 4 or len(cards) == 3 else 2
        width = 330 if per_row == 3 else 420
        height = 206 if len(cards) > per_row else 300
        result = []
        for index, competency in enumerate(cards):
            in_row = min(per_row, len(cards) - (index // per_row) * per_row)
            row_width = in_row * width + (in_row - 1) * 30
            x = 640 - row_width // 2 + (index % per_row) * (width + 30)
            y = 138 + (index // per_row) * (height + 22)
            result.append(
                Card(
                    f"card:{competency}",
                    self.session.competency_name(competency),
                    pygame.Rect(x, y, width, height),
                    lambda c=competency: self._toggle(c),
                    number=index + 1,
                    competency=competency,
                    selected=competency in self.selected,
                    selected_label=self.session.t("identify.picked"),
                )
            )
        return result

    # -- actions --------------------------------------------------------------------------
    def _toggle(self, competency: str) -> None:
        if competency in self.selected:
            self.selected.remove(competency)
        else:
            self.selected.append(competency)
        self.layout()

    def _dont_know(self) -> None:
        self.attempts += 1
        self.phase = "hint"
        self.layout()
        self.auto_speak()

    def _retry(self) -> None:
        self.phase = "pick"
        self.layout()
        self.auto_speak()

    def _validate(self) -> None:
        if not self.selected:
            return
        self._record()
        self.phase = "feedback"
        self.layout()
        self.auto_speak()

    def _record(self) -> None:
        answers = set(self.node.answers)
        for competency in self.selected:
            if competency in answers:
                self.run.shown.setdefault(competency, 0)
        if self.run.practice or self.session.player is None:
            return
        evidence = Evidence(
            player_id=self.session.player.id,
            scenario_id=self.scenario.id,
            scenario_version=self.scenario.version,
            node_id=self.node.id,
            kind="identify",
            situation=localize(self.scenario.title, "fr"),
            identified=list(self.selected),
            expected=list(self.node.answers),
            matched=set(self.selected) == answers,
            attempts=self.attempts,
        )
        self.session.write(Store.add_evidence, evidence)
        self.run.evidence += 1

    def _done(self) -> None:
        self.request_pop()
        self.on_done()

    def back(self) -> None:
        """Esc: from the hint, try again; while picking, « leave? » (resumes at this step)."""
        if self.phase == "hint":
            self._retry()
        elif self.phase == "pick":
            from game.scenes.confirm import ask_to_leave_scenario

            ask_to_leave_scenario(self, scenes=2)  # this step and the play scene below

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        surface.blit(
            background(theme, self.node.background or self.scenario.place.background), (0, 0)
        )
        dim(surface, 90)
        panel(surface, theme, PROMPT, radius=24)
        draw_text(
            surface,
            theme,
            self.session.loc(self.node.prompt),
            PROMPT.inflate(-40, -12),
            role="heading",
            align="center",
            valign="middle",
        )
        if self.phase == "feedback":
            self._draw_feedback(surface)
        draw_buttons(surface, theme, self.buttons)
        if self.phase == "hint":
            self._draw_hint(surface)

    def _draw_hint(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        box = pygame.Rect(190, 150, 900, 420)
        panel(surface, theme, box, fill="info_light", border="info", radius=28, width=4)
        image = icon_surface("dont-know", 96)
        if image is not None:
            surface.blit(image, (box.x + 30, box.y + 30))
        draw_text(
            surface,
            theme,
            self.session.t("identify.hint_title"),
            pygame.Rect(box.x + 150, box.y + 40, box.width - 180, 70),
            role="heading",
            bg="info_light",
            valign="middle",
        )
        draw_text(
            surface,
            theme,
            self.session.loc(self.node.hint),
            pygame.Rect(box.x + 40, box.y + 150, box.width - 80, box.height - 180),
            bg="info_light",
        )
        draw_buttons(surface, theme, [b for b in self.buttons if b.key == "continue"])

    def feedback_lines(self) -> tuple[str, list[tuple[str, str]]]:
        """The headline and one (icon, sentence) per card: seen, also there, not really here."""
        t, name = self.session.t, self.session.competency_name
        answers, picked = self.node.answers, set(self.selected)
        found = [c for c in answers if c in picked]
        lines = [("check", t("identify.found", name=name(c))) for c in found]
        lines += [(c, t("identify.missed", name=name(c))) for c in answers if c not in picked]
        lines += [
            ("dont-know", t("identify.extra", name=name(c)))
            for c in self.selected
            if c not in answers
        ]
        if len(found) == len(answers) and len(picked) == len(found):
            head = t("identify.all_found")
        elif found:
            head = t("identify.some_found", found=len(found), total=len(answers))
        else:
            head = t("identify.none_found")
        return head, lines

    def _draw_feedback(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        box = pygame.Rect(110, 128, 1060, 460)
        panel(surface, theme, box, radius=28, width=4)
        head, lines = self.feedback_lines()
        draw_text(
            surface,
            theme,
            head,
            pygame.Rect(box.x + 36, box.y + 18, box.width - 72, 56),
            role="heading",
            fg="success",
            valign="middle",
            max_lines=1,
        )
        y = box.y + 84
        row_height = min(56, 200 // max(1, len(lines)))
        for icon_name, sentence in lines[:6]:
            image = icon_surface(icon_name, min(44, row_height - 4))
            if image is not None:
                surface.blit(image, (box.x + 36, y + 2))
            draw_text(
                surface,
                theme,
                sentence,
                pygame.Rect(box.x + 96, y, box.width - 132, row_height),
                valign="middle",
                max_lines=2,
            )
            y += row_height
        why = pygame.Rect(box.x + 28, y + 12, box.width - 56, box.bottom - y - 28)
        pygame.draw.rect(surface, theme.color("info_light"), why, border_radius=16)
        draw_text(
            surface,
            theme,
            self.session.loc(self.node.why),
            why.inflate(-32, -16),
            bg="info_light",
            valign="middle",
        )

    def read_aloud_text(self) -> str:
        t = self.session.t
        if self.phase == "hint":
            return f"{t('identify.hint_title')}. {self.session.loc(self.node.hint)}"
        if self.phase == "feedback":
            head, lines = self.feedback_lines()
            return " ".join([head, *(s for _, s in lines), self.session.loc(self.node.why)])
        cards = [
            f"{b.number} : {b.label}" + (f" ({t('identify.picked')})" if b.selected else "")
            for b in self.buttons
            if isinstance(b, Card)
        ]
        return ". ".join([self.session.loc(self.node.prompt), *cards, t("identify.dont_know")])

    def autoplay(self, rng: random.Random) -> Action | None:
        if self.phase != "pick":
            return Press(self.focus.find("continue"))  # type: ignore[arg-type]
        validate = self.focus.find("validate")
        cards = [b for b in self.buttons if isinstance(b, Card)]
        if self.selected and (rng.random() < 0.5 or len(self.selected) >= 3):
            return Press(validate)  # type: ignore[arg-type]
        if not self.selected and self.attempts == 1 and rng.random() < 0.2:
            return Press(self.focus.find("dont-know"))  # type: ignore[arg-type]
        unpicked = [c for c in cards if not c.selected]
        return Press(rng.choice(unpicked)) if unpicked else Press(validate)  # type: ignore[arg-type]
