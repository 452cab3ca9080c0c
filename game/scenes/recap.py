"""« On reprend » : a short recap when a player comes back to a scenario left half-way.

A week may have passed between two workshop sessions: before the story goes on, the player
sees (and, with read-aloud on, hears) what the scenario is about and what happened last time,
the last lines before they left and the choice they made. One press goes on; Esc or any
switch too, so it never stands in anyone's way.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pygame

from game.scene import Action, Press, Scene
from game.ui.button import Button, draw_buttons
from game.ui.pager import pack
from game.ui.panel import heading_rect, overlay
from game.ui.text import draw_text, line_height, wrap
from shared.scenario.model import Ending, SceneNode

if TYPE_CHECKING:
    from game.session import Session
    from shared.scenario.model import Scenario
    from shared.store.progress import ScenarioProgress

BOX = pygame.Rect(90, 20, 1100, 680)
LAST_LINES = 2  # the lines of the last scene before leaving, said again
GO_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)


def last_time(session: Session, scenario: Scenario, progress: ScenarioProgress) -> list[str]:
    """What happened just before the player left, in words: the last lines of the scene
    before the one they come back to (« Karim : On se retrouve à 9 h ? ») and the choice
    that led on (« Tu as choisi : « … » »). Nothing when they left on the first scene (or
    the scenario changed since and that scene is gone)."""
    t = session.t
    ids = {node.id for node in scenario.nodes}
    path = [node_id for node_id in progress.visited if node_id in ids]
    if progress.node_id in path:  # the way up to the scene resumed, not what came after
        path = path[: len(path) - path[::-1].index(progress.node_id) - 1]
    path.append(progress.node_id)
    spoken = [i for i, node_id in enumerate(path[:-1]) if _has_lines(scenario, node_id)]
    if not spoken:
        return []
    node = scenario.node(path[spoken[-1]])
    after = path[spoken[-1] + 1]
    if not isinstance(node, SceneNode | Ending):  # for the type checker: _has_lines said so
        return []
    said = []
    for line in node.lines[-LAST_LINES:]:
        text = session.loc(line.text)
        if line.speaker:
            text = f"{session.loc(scenario.character(line.speaker).name)} : {text}"
        said.append(text)
    if isinstance(node, SceneNode):
        chosen = [c for c in node.choices if c.goto == after]
        if chosen:
            said.append(t("recap.chose", choice=session.loc(chosen[0].text)))
    return said


def _has_lines(scenario: Scenario, node_id: str) -> bool:
    return isinstance(scenario.node(node_id), SceneNode | Ending)


class RecapScene(Scene):
    """Over the scenario just resumed: its summary, « La dernière fois : », then the story."""

    opaque = False

    def __init__(self, session: Session, scenario: Scenario, progress: ScenarioProgress) -> None:
        super().__init__(session)
        self.scenario = scenario
        self.lines = last_time(session, scenario, progress)
        self.buttons: list[Button] = []
        self.page = 0
        self.head = BOX
        self.shown: list[tuple[tuple[str, str, str], int]] = []

    def enter(self) -> None:
        super().enter()
        self.speak(self.screen_text())  # said whatever the setting: it is short, and new

    def layout(self) -> None:
        theme = self.session.theme
        go_h = max(88, line_height(theme.font("heading")) + 18)
        go = pygame.Rect(BOX.centerx - 240, BOX.bottom - 20 - go_h, 480, go_h)
        self.head = heading_rect(theme, BOX, self._lines(self.title(), "heading"))
        blocks = self._blocks()
        heights = [
            self._lines(words, role) * line_height(theme.font(role)) for words, role, _ in blocks
        ]
        pages = pack(heights, go.y - 12 - (self.head.bottom + 10), 8, len(blocks))
        for page, following in zip(pages, pages[1:], strict=False):
            if len(page) > 1 and page[-1] == 1:  # « La dernière fois : » with what it says
                following.insert(0, page.pop())
        self.page = min(self.page, len(pages) - 1)
        self.shown = [(blocks[i], heights[i]) for i in pages[self.page]]
        last = self.page == len(pages) - 1
        self.buttons = [
            Button(
                "continue" if last else "more",
                self.session.t("recap.go" if last else "recap.more"),
                go,
                self.request_pop if last else self._more,
                number=1,
                style="primary",
                role="heading",
            )
        ]
        self.focus.set(self.buttons)

    def _more(self) -> None:
        """The recap's next page, when it does not fit one at full size."""
        self.page += 1
        self.layout()

    def _blocks(self) -> list[tuple[str, str, str]]:
        """(words, role, colour) in reading order: the summary, then « La dernière fois : »
        and what happened."""
        t = self.session.t
        blocks = [(self.summary(), "body", "panel_muted_text")]
        blocks.append((t("recap.last_time"), "heading", "panel_text"))
        return blocks + [(line, "body", "panel_text") for line in self.lines]

    def title(self) -> str:
        return self.session.t("recap.title", title=self.session.loc(self.scenario.title))

    def summary(self) -> str:
        return self.session.loc(self.scenario.summary)

    def handle(self, event: pygame.event.Event) -> bool:
        if self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.request_pop()  # skipped: on with the story at once
            return True
        if event.type == pygame.KEYDOWN and event.key in GO_KEYS:
            self.buttons[0].activate()  # the next page, or on with the story
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Heading, then the blocks of this page, each as tall as it needs at full size."""
        theme = self.session.theme
        overlay(surface, theme, BOX, self.title(), self.head, max_lines=None)
        y = self.head.bottom + 10
        for (words, role, fg), tall in self.shown:
            box = pygame.Rect(BOX.x + 40, y, BOX.width - 80, tall)
            draw_text(surface, theme, words, box, role=role, fg=fg)
            y += tall + 8
        draw_buttons(surface, theme, self.buttons)

    def _lines(self, words: str, role: str) -> int:
        return len(wrap(words, self.session.theme.font(role), BOX.width - 80))

    def read_aloud_text(self) -> str:
        t = self.session.t
        return " ".join([f"{self.title()}.", self.summary(), t("recap.last_time"), *self.lines])

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.buttons[0]) if self.buttons else None


def offer_recap(scene: Scene, scenario: Scenario, progress: ScenarioProgress) -> None:
    """A resumed scenario: the recap over it (and over the step it resumes on), when there
    is a last time to tell (not for a story left on its first scene, nor an author's
    ``diva-scenario watch`` jumping to a node)."""
    recap = RecapScene(scene.session, scenario, progress)
    if recap.lines:
        scene.request_push(recap)
