"""« Have you lived something like this? »: suggestions and/or a few words of one's own.

This becomes a draft Experience (source « game ») that the counsellor talks through. The
player's words are kept exactly as typed.
"""

from __future__ import annotations

import random
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.scene import Action, Press, Scene
from game.scenes.confirm import ask_to_leave_scenario
from game.scenes.run import Run
from game.scenes.summary import SummaryScene
from game.ui.button import Button, column, draw_buttons
from game.ui.chrome import toolbar
from game.ui.images import background
from game.ui.panel import dim, panel
from game.ui.text import draw_text, line_height, wrap
from game.ui.textfield import TextField
from shared.experience import Experience, RatedCompetency
from shared.player import utc_now
from shared.scenario.model import Scenario, Suggestion
from shared.store.progress import ScenarioProgress
from shared.store.store import Store
from shared.text import localize

if TYPE_CHECKING:
    from game.session import Session

PROMPT = pygame.Rect(104, 16, 990, 96)  # clear of the back and speaker buttons
MAX_WORDS_CHARS = 300
FIELD = pygame.Rect(50, 536, 1180, 64)  # the screen's width: suggestions fit at full size


class ReflectScene(Scene):
    """Ends the scenario: saves the draft experience and the finished progress."""

    def __init__(
        self, session: Session, scenario: Scenario, run: Run, progress: ScenarioProgress
    ) -> None:
        super().__init__(session)
        self.scenario, self.run, self.progress = scenario, run, progress
        self.selected: list[str] = []
        self.field: TextField | None = None
        self._text = ""
        self.buttons: list[Button] = []

    def enter(self) -> None:
        super().enter()
        self.auto_speak()

    def layout(self) -> None:
        t = self.session.t
        self._drop_field()
        self.buttons = toolbar(self, back=False)
        suggestions = self.scenario.reflect.suggestions
        gap = 12
        room = min(340, self._label_rect().y - 10 - 128)
        height = min(78, (room - gap * (len(suggestions) - 1)) // len(suggestions))
        rects = column(FIELD.x, 128, FIELD.width, [height] * len(suggestions), gap)
        for number, (suggestion, rect) in enumerate(zip(suggestions, rects, strict=True), start=1):
            self.buttons.append(
                Button(
                    f"suggestion:{suggestion.id}",
                    self.session.loc(suggestion.text),
                    rect,
                    partial(self._toggle, suggestion),
                    number=number,
                    style="choice",
                    role="choice",
                    selected=suggestion.id in self.selected,
                )
            )
        self.field = TextField(
            "words",
            FIELD,
            self.session.manager,
            t("reflect.placeholder"),
            MAX_WORDS_CHARS,
            self._text,
        )
        self.buttons += [
            Button("skip", t("reflect.skip"), pygame.Rect(FIELD.x, 616, 340, 94), self.skip),
            Button(
                "send",
                t("reflect.send"),
                pygame.Rect(FIELD.x + 360, 616, FIELD.width - 360, 94),  # « Garder » at full size
                self.finish,
                style="primary",
                role="heading",
                icon="check",
            ),
        ]
        self._update_send()
        self.focus.set([*self.buttons[:-2], self.field, *self.buttons[-2:]])

    def _label_rect(self) -> pygame.Rect:
        """Above the field, as tall as « Raconte en quelques mots » needs at full size."""
        font = self.session.theme.font("small")
        words = self.session.loc(self.scenario.reflect.free_text_prompt)
        height = len(wrap(words, font, FIELD.width - 28)) * line_height(font) + 8
        return pygame.Rect(FIELD.x, FIELD.y - 8 - height, FIELD.width, height)

    def _drop_field(self) -> None:
        if self.field is not None:
            self._text = self.field.text
            self.field.kill()
            self.field = None

    def pause(self) -> None:
        if self.field is not None:
            self.field.show(False)

    def exit(self) -> None:
        self._drop_field()
        self.session.flush()

    def _toggle(self, suggestion: Suggestion) -> None:
        if suggestion.id in self.selected:
            self.selected.remove(suggestion.id)
        else:
            self.selected.append(suggestion.id)
        self.layout()

    def update(self, dt: float) -> None:
        self._update_send()

    def _update_send(self) -> None:
        """« Garder pour l'entretien » never pretends: with nothing picked or written it is
        disabled and says why (« Choisis une phrase ou écris quelques mots »); « Passer »
        is the way on then. Changed in place, so typing keeps the field and its caret."""
        send = self.focus.find("send")
        if not isinstance(send, Button):
            return
        keep = bool(self.selected or self.words.strip())
        send.enabled = keep
        send.label = self.session.t("reflect.send" if keep else "reflect.send_needs")

    @property
    def words(self) -> str:
        return self.field.text if self.field is not None else self._text

    def draft(self) -> Experience | None:
        """The draft experience, or None when the player picked nothing and wrote nothing."""
        chosen = [s for s in self.scenario.reflect.suggestions if s.id in self.selected]
        words = self.words
        if not chosen and not words.strip() or self.session.player is None:
            return None
        competencies: list[str] = []
        for suggestion in chosen:
            competencies += [c for c in suggestion.competencies if c not in competencies]
        rated = [
            RatedCompetency(competency=c, level=max(1, self.run.shown.get(c, 1)))
            for c in competencies[:4]
        ]
        title = localize(chosen[0].text, "fr") if chosen else words.strip()[:200]
        return Experience(
            player_id=self.session.player.id,
            title=title[:200],
            kind=chosen[0].kind if chosen else "other",
            own_words=words,
            activities=[localize(s.text, "fr") for s in chosen],
            competencies=rated,
            source="game",
            scenario_id=self.scenario.id,
        )

    def finish(self) -> None:

        if not self.run.practice:
            self._save()
        self.request_replace(SummaryScene(self.session, self.run))

    def skip(self) -> None:
        """« Passer » keeps nothing of this screen: ticks and words are dropped (the
        situation still counts as finished)."""
        self.selected = []
        self._text = ""
        if self.field is not None:
            self.field.entry.set_text("")
        self.finish()

    def _save(self) -> None:
        experience = self.draft()
        if experience is not None:
            self.session.write(Store.add_experience, experience)
            self.run.experience_drafts += 1
        done = self.progress.model_copy(
            update={
                "status": "done",
                "step": "",
                "ending": self.run.ending or self.progress.ending,
                "times_finished": self.progress.times_finished + 1,
                "updated": utc_now(),
            }
        )
        self.session.write(Store.save_progress, done)
        if self.session.player is not None:
            player_id = self.session.player.id
            self.session.write(Store.touch_player, player_id)

    def back(self) -> None:
        """Esc: « leave? » — nothing is lost, the next start comes back to this question."""

        ask_to_leave_scenario(self)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        surface.blit(background(theme, self.scenario.place.background), (0, 0))
        dim(surface, 110)
        panel(surface, theme, PROMPT, radius=24)
        draw_text(
            surface,
            theme,
            self.session.loc(self.scenario.reflect.prompt),
            PROMPT.inflate(-40, -12),
            role="heading",
            align="center",
            valign="middle",
        )
        label = self._label_rect()
        panel(surface, theme, label, radius=14, shadow=False)
        draw_text(
            surface,
            theme,
            self.session.loc(self.scenario.reflect.free_text_prompt),
            label.inflate(-28, -4),
            role="small",
            valign="middle",
        )
        draw_buttons(surface, theme, self.buttons)

    def read_aloud_text(self) -> str:
        reflect = self.scenario.reflect
        parts = [self.session.loc(reflect.prompt)]
        parts += [f"{b.number} : {b.label}" for b in self.buttons if b.number is not None]
        parts.append(self.session.loc(reflect.free_text_prompt))
        return ". ".join(parts)

    def autoplay(self, rng: random.Random) -> Action | None:
        suggestions = [b for b in self.buttons if b.key.startswith("suggestion:")]
        if not self.selected and suggestions and rng.random() < 0.8:
            return Press(rng.choice(suggestions))
        return Press(self.focus.find("send"))  # type: ignore[arg-type]
