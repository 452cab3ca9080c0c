"""Playing a scenario: background, speaker portrait and name, letter-by-letter dialogue,
choices as big numbered buttons. Every choice and every node reached is saved at once."""

from __future__ import annotations

import random
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.navigation import ToReflect, go
from game.scene import Action, Key, Press, Scene
from game.scenes.confirm import ConfirmScene
from game.scenes.identify import IdentifyScene
from game.scenes.recognise import RecognitionScene
from game.scenes.run import Run
from game.ui.button import Button, column, draw_buttons
from game.ui.chrome import toolbar
from game.ui.dialogue import DialogueBox
from game.ui.stage import Stage, Staging, staging_for
from game.ui.still_layer import Parts, StillLayer
from game.ui.text import line_height, wrap
from shared.evidence import Evidence, ShownCompetency
from shared.player import Avatar, utc_now
from shared.scenario.model import Choice, Ending, IdentifyNode, Line, Scenario, SceneNode
from shared.store.progress import ScenarioProgress
from shared.store.store import Store
from shared.text import localize

if TYPE_CHECKING:
    from game.session import Session

ADVANCE_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)
BOX = pygame.Rect(40, 480, 1200, 222)
CHOICES = pygame.Rect(470, 104, 770, 352)
GROUP_MAX = 3  # lines of one speaker shown at once
SKIP_EVENTS = (pygame.KEYDOWN, pygame.MOUSEBUTTONUP, pygame.FINGERUP)


class PlayScene(Scene):
    """Walks the scenario graph; pushes the identify scene, then hands over to reflect."""

    def __init__(
        self,
        session: Session,
        scenario: Scenario,
        resume: ScenarioProgress | None = None,
        practice: bool = False,
    ) -> None:
        super().__init__(session)
        self.scenario = scenario
        self.practice = practice
        self.run = Run(scenario.id, practice=practice, title=session.loc(scenario.title))
        self.progress = resume or self._fresh_progress()
        self.node: SceneNode | IdentifyNode | Ending = scenario.node(scenario.start)
        self.line = 0
        self.phase = "lines"
        self.pending: str | None = None
        self.box = DialogueBox(BOX)
        self.stage = Stage()
        self.still = StillLayer()  # the stage at rest drawn once, blitted each frame
        self.buttons: list[Button] = []
        self._started = False
        self._grouped: tuple[tuple[object, ...], list[Line]] | None = None

    def _fresh_progress(self) -> ScenarioProgress:
        player_id = self.session.player.id if self.session.player else "practice"
        return ScenarioProgress(
            player_id=player_id,
            scenario_id=self.scenario.id,
            scenario_version=self.scenario.version,
        )

    # -- lifecycle ------------------------------------------------------------------------
    def enter(self) -> None:
        if self._started:
            return
        self._started = True
        ids = {n.id for n in self.scenario.nodes}
        if self.progress.status == "in_progress" and self.progress.node_id in ids:
            self.run.resumed_from = self.progress.node_id
            if self.progress.step == "reflect":
                self.finish(self.scenario.node(self.progress.node_id))
                return
            self.go(self.progress.node_id)
            from game.scenes.recap import offer_recap  # « la dernière fois » (issue 16)

            offer_recap(self, self.scenario, self.progress)
        else:
            self.progress = self.progress.model_copy(
                update={"status": "in_progress", "visited": []}
            )
            self.go(self.scenario.start)

    def exit(self) -> None:
        self.session.flush()
        self.still.release()  # the kept stage is this scene's: not kept once it closes

    # -- the graph ------------------------------------------------------------------------
    def go(self, node_id: str) -> None:
        """Move to a node and save it, so a crash resumes right here."""
        self.node = self.scenario.node(node_id)
        self.line, self.pending = 0, None
        step = "identify" if isinstance(self.node, IdentifyNode) else ""
        self.save_progress(node_id, step)
        if isinstance(self.node, IdentifyNode):
            self._identify(self.node)
            return
        self.phase = "ending" if isinstance(self.node, Ending) else "lines"
        self._show_line()
        self.layout()

    def save_progress(self, node_id: str, step: str = "", **extra: object) -> None:
        visited = list(self.progress.visited)
        if not visited or visited[-1] != node_id:
            visited.append(node_id)
        self.progress = self.progress.model_copy(
            update={
                "node_id": node_id,
                "step": step,
                "visited": visited,
                "updated": utc_now(),
                **extra,
            }
        )
        if not self.practice and self.session.player is not None:
            progress = self.progress
            self.session.write(Store.save_progress, progress)

    def _identify(self, node: IdentifyNode) -> None:

        self.phase = "identify"
        self.request_push(
            IdentifyScene(
                self.session,
                self.scenario,
                node,
                self.run,
                on_done=lambda: self.go(node.next),
                chosen=self._chosen,
            )
        )

    def _show_line(self) -> None:
        line = self.current_line()
        if line is None:
            return
        name = ""
        if line.speaker:
            name = self.session.loc(self.scenario.character(line.speaker).name)
        self.box.show(self.session.loc(line.text), name, animate=self.session.settings.animations)
        self.auto_speak()
        last = self.line + len(self._group()) >= len(getattr(self.node, "lines", []))
        # the choices come with the node's last words: no extra click before them
        if self.pending is None and last and isinstance(self.node, SceneNode) and self.node.choices:
            self.phase = "choices"
            self.layout()
            self._read_choices()

    def current_line(self) -> Line | None:
        """The words in the box: the choice's reaction, or the group of lines shown now."""
        if self.pending is not None and isinstance(self.node, SceneNode):
            return Line(text=self._feedback_text())
        group = self._group()
        if not group:
            return None
        if len(group) == 1:
            return group[0]
        text = "\n".join(self.session.loc(line.text) for line in group)
        return Line(speaker=group[0].speaker, text=text, expression=group[-1].expression)

    def _group(self) -> list[Line]:
        """The lines shown together from ``self.line``: the same speaker's next lines (up to
        three) while they fit the box at full size, so a player clicks once per speaker
        rather than once per sentence."""
        lines = getattr(self.node, "lines", [])
        if not lines:
            return []
        start = min(self.line, len(lines) - 1)
        theme = self.session.theme
        key = (
            self.node.id,
            start,
            theme.px("body"),
            theme.text_size,
            id(theme),  # a new theme on every settings change (the dyslexia font too)
            self.session.settings.language,
        )
        if self._grouped is not None and self._grouped[0] == key:
            return self._grouped[1]  # drawn every frame: measured once per line
        group = [lines[start]]
        font = theme.font("body")
        box = self.box.text_box()
        for line in lines[start + 1 : start + GROUP_MAX]:
            if line.speaker != group[0].speaker:
                break
            text = "\n".join(self.session.loc(item.text) for item in [*group, line])
            if len(wrap(text, font, box.width)) * line_height(font) > box.height:
                break
            group.append(line)
        self._grouped = (key, group)
        return group

    def _feedback_text(self) -> str | dict[str, str]:
        choice = self._chosen
        return choice.feedback if choice is not None and choice.feedback else ""

    def advance(self) -> None:
        """One key / click: finish the line, else show the next one, else go on."""
        if not self.box.done:
            self.box.complete()
            return
        if self.pending is not None:
            self.go(self.pending)
            return
        lines = getattr(self.node, "lines", [])
        after = self.line + len(self._group())
        if after < len(lines):
            self.line = after
            self._show_line()
            return
        if isinstance(self.node, SceneNode):
            if self.node.choices:
                if self.phase != "choices":
                    self.phase = "choices"
                    self.layout()
                    self._read_choices()
            elif self.node.next:
                self.go(self.node.next)
        elif isinstance(self.node, Ending):
            self.finish(self.node)

    def choose(self, choice: Choice) -> None:
        """Record the choice with the competencies it shows, show them (the moment of
        recognition), then go where it leads."""

        node = self.node
        self.run.choices += 1
        for shows in choice.shows:
            self.run.saw(shows.competency, shows.level)
        if not self.practice and self.session.player is not None:
            self._record_choice(node.id, choice)
        self._chosen = choice
        if choice.shows:
            self.phase = "recognise"
            self.layout()
            self.request_push(
                RecognitionScene(self.session, choice, on_done=lambda: self._go_on(choice))
            )
        else:
            self._go_on(choice)

    def _go_on(self, choice: Choice) -> None:
        """After the choice: the character's reaction if any, else the next node."""
        if choice.feedback:
            self.pending = choice.goto
            self.phase = "lines"
            self._show_line()
            self.layout()
        else:
            self.go(choice.goto)

    _chosen: Choice | None = None

    def _record_choice(self, node_id: str, choice: Choice) -> None:
        assert self.session.player is not None  # a scenario is played by a chosen player
        evidence = Evidence(
            player_id=self.session.player.id,
            scenario_id=self.scenario.id,
            scenario_version=self.scenario.version,
            node_id=node_id,
            kind="choice",
            choice_id=choice.id,
            choice_text=self.session.loc(choice.text),
            situation=localize(self.scenario.title, "fr"),
            shown=[
                ShownCompetency(
                    competency=s.competency, level=s.level, explanation=localize(s.why, "fr")
                )
                for s in choice.shows
            ],
        )
        self.session.write(Store.add_evidence, evidence)
        self.run.evidence += 1

    def finish(self, ending: Ending | SceneNode | IdentifyNode) -> None:

        if isinstance(ending, Ending):
            self.run.ending = ending.id
            self.run.ending_title = self.session.loc(ending.title)
        self.save_progress(ending.id, "reflect", ending=self.run.ending or self.progress.ending)
        go(self, ToReflect(self.scenario, self.run, self.progress))

    # -- input ----------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type in SKIP_EVENTS:
            self.stage.skip()  # any input ends the stage's animations, then does its job
        if self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
                return True
            if event.key in ADVANCE_KEYS and self.phase in ("lines", "ending"):
                self.advance()
                return True
        if (
            event.type == pygame.MOUSEBUTTONUP
            and event.button == 1
            and self.phase in ("lines", "ending")
        ):
            self.advance()
            return True
        return False

    def back(self) -> None:

        self.request_push(
            ConfirmScene(  # « no » focused: Enter also advances the dialogue, Esc may be a slip
                self.session,
                "play.leave",
                "play.leave_yes",
                "play.leave_no",
                self.request_pop,
                default="no",
            )
        )

    def update(self, dt: float) -> None:
        self.box.update(dt)
        self.stage.update(dt)

    def settled(self) -> bool:
        return self.box.done and self.stage.done

    # -- layout and drawing ---------------------------------------------------------------
    def layout(self) -> None:
        self.box.relayout()
        self.buttons = toolbar(self)
        if self.phase == "choices" and isinstance(self.node, SceneNode):
            self.buttons += self._choice_buttons(self.node.choices)
        self.focus.set(self.buttons, keep=False)

    def _choice_buttons(self, choices: list[Choice]) -> list[Button]:
        gap = 14
        height = min(120, (CHOICES.height - gap * (len(choices) - 1)) // len(choices))
        rects = column(CHOICES.x, CHOICES.y, CHOICES.width, [height] * len(choices), gap)
        return [
            Button(
                f"choice:{c.id}",
                self.session.loc(c.text),
                rect,
                partial(self.choose, c),
                number=i,
                style="choice",
                role="choice",
            )
            for i, (c, rect) in enumerate(zip(choices, rects, strict=True), start=1)
        ]

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        floor = self.box.top(theme)
        self.stage.show(self.staging(), floor, self.session.settings.animations)
        self._draw_stage(surface)
        more = self.session.t("play.more") if self.phase in ("lines", "ending") else ""
        if self.phase != "identify":
            self.box.draw(surface, theme, more)
        draw_buttons(surface, theme, self.buttons)

    def _draw_stage(self, surface: pygame.Surface) -> None:
        """The place and figures: while an animation runs drawn anew, at rest from the
        kept drawing (rebuilt when the place, a figure, the theme or a setting changes)."""
        theme = self.session.theme
        if not self.stage.done:
            self.stage.draw(surface, theme)
            return
        key = (self.stage.rest_key(), id(theme), self.session.settings.model_dump())
        parts = Parts(theme, (), partial(self.stage.draw, theme=theme), _nothing)
        self.still.draw(surface, key, parts)

    def staging(self) -> Staging:
        """The stage now: the node's place and cast, faces as the lines said so far left
        them; during the choices the figures gather left of the buttons."""
        lines = getattr(self.node, "lines", [])
        said = lines if self.pending is not None else lines[: self.line + len(self._group())]
        player = self.session.player
        look = player.avatar if player is not None else Avatar()
        return staging_for(self.scenario, self.node, said, look, narrow=self.phase == "choices")

    def _read_choices(self) -> None:
        self.auto_speak()

    def read_aloud_text(self) -> str:
        """Who speaks and the whole line (even mid-animation), then the numbered choices."""
        line = self.box.text
        parts = [f"{self.box.speaker} : {line}" if self.box.speaker else line]
        parts += [f"{b.number} : {b.label}" for b in self.buttons if b.number is not None]
        return ". ".join(parts)

    def autoplay(self, rng: random.Random) -> Action | None:
        if self.phase in ("lines", "ending"):
            return Key(pygame.K_SPACE)
        choices = [b for b in self.buttons if b.key.startswith("choice:")]
        return Press(rng.choice(choices)) if choices else None


def _nothing(surface: pygame.Surface) -> None:
    """Nothing goes over the stage in its kept drawing (the box is drawn each frame)."""
