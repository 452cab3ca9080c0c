"""A trainer's live preview: ``diva-game --scenario FILE --watch [--node ID]``.

The watcher is the app's :class:`~game.app.Driver`: before each frame it compares the
file's modification time and size with the last ones seen (one ``stat``, no thread), and
when they change it loads the file again. A good save replaces the play scene by a new one
resumed at the same node (or at ``--node``); a broken save shows every problem in the
window, in plain words, and the game carries on as soon as the file is fixed. Key N opens
the list of nodes, to jump to any of them.

:class:`ProblemsScene` is also what a double-clicked ``diva-game --scenario broken.yaml``
shows, instead of a terminal nobody reads.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.closing import close_app
from game.scene import Scene
from game.scenes.identify import IdentifyScene
from game.scenes.play import PlayScene
from game.session import Session, graph_problems
from game.ui.button import Button, column, draw_buttons
from game.ui.images import background
from game.ui.panel import panel
from game.ui.text import draw_text, fit, line_height
from shared.i18n import Catalogue
from shared.scenario.content_root import roots_for
from shared.scenario.loading import with_resolved_assets
from shared.scenario.model import Ending, IdentifyNode, Scenario
from shared.scenario.validate import check_file
from shared.store.progress import ScenarioProgress
from shared.text import localize

if TYPE_CHECKING:
    from game.app import App

Stamp = tuple[int, int] | None
PANEL = pygame.Rect(90, 40, 1100, 640)
ROWS = 7  # nodes shown at once in the node list


def stamp(path: Path) -> Stamp:
    """What tells a save: modification time (ns) and size; None while the file is absent
    (an editor may write a new file and rename it over the old one)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def load(path: Path, session: Session, lang: str) -> tuple[Scenario | None, list[str]]:
    """The scenario in ``path``, or its problems in plain words (« Ligne 12, colonne 5 : … »)."""
    t = session.catalogue
    if not path.is_file():
        return None, [t("cli.no_file", path=path)]
    roots = roots_for(path)
    checked = check_file(path, roots, None, Catalogue.load("shared", lang))
    if checked.errors or checked.scenario is None:
        return None, [
            t("watch.at", line=p.line, col=p.col, message=p.message) for p in checked.errors
        ]
    scenario = with_resolved_assets(checked.scenario, roots)
    problems = graph_problems(scenario, session.framework)
    return (None, problems) if problems else (scenario, [])


class ProblemsScene(Scene):
    """Every problem of a file, in the window: what and where, and what to do next."""

    def __init__(self, session: Session, path: Path, problems: list[str], watching: bool) -> None:
        super().__init__(session)
        self.path, self.problems, self.watching = path, problems, watching
        self.buttons: list[Button] = []

    def layout(self) -> None:
        close = pygame.Rect(PANEL.centerx - 160, PANEL.bottom - 96, 320, 72)
        self.buttons = [Button("close", self.session.t("watch.close"), close, self.back)]
        self.focus.set(self.buttons, keep=False)

    def back(self) -> None:
        from game.scenes.confirm import ask_to_quit

        if self.watching:
            ask_to_quit(self)
        else:
            self.request_pop()  # alone on the stack: the window closes

    def show(self, problems: list[str]) -> None:
        self.problems = problems

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        surface.blit(background(theme, "images/backgrounds/salle-de-formation.svg"), (0, 0))
        panel(surface, theme, PANEL, radius=28)
        key = "watch.broken" if self.watching else "watch.cannot_play"
        inner = PANEL.inflate(-64, 0)
        draw_text(
            surface,
            theme,
            t(f"{key}_title"),
            pygame.Rect(inner.x, PANEL.y + 20, inner.width, 56),
            role="heading",
            max_lines=1,
        )
        draw_text(
            surface,
            theme,
            f"{self.path.name} — {t(f'{key}_help')}",
            pygame.Rect(inner.x, PANEL.y + 80, inner.width, 70),
            role="small",
            fg="panel_muted_text",
        )
        self._draw_list(surface, pygame.Rect(inner.x, PANEL.y + 156, inner.width, 372))
        draw_buttons(surface, theme, self.buttons)

    def _draw_list(self, surface: pygame.Surface, room: pygame.Rect) -> None:
        """As many problems as fit at full size, then « … and N more »."""
        theme = self.session.theme
        font = theme.font("body")
        step = line_height(font)
        y, shown = room.y, 0
        for problem in self.problems:
            _, lines = fit(problem, theme, "body", pygame.Rect(0, 0, room.width, 10_000))
            height = len(lines) * step
            left = len(self.problems) - shown - 1
            if y + height + (step if left else 0) > room.bottom:
                break
            draw_text(surface, theme, problem, pygame.Rect(room.x, y, room.width, height))
            y, shown = y + height + 8, shown + 1
        if shown < len(self.problems):
            more = self.session.t("watch.more", count=len(self.problems) - shown)
            draw_text(surface, theme, more, pygame.Rect(room.x, y, room.width, step), role="small")

    def read_aloud_text(self) -> str:
        return ". ".join(self.problems)


class NodeListScene(Scene):
    """Key N while watching: every node of the scenario, to jump to one."""

    opaque = False

    def __init__(
        self, session: Session, scenario: Scenario, current: str, go: Callable[[str], None]
    ) -> None:
        super().__init__(session)
        self.scenario, self.go = scenario, go
        ids = [node.id for node in scenario.nodes]
        self.index = ids.index(current) if current in ids else 0
        self.buttons: list[Button] = []

    def layout(self) -> None:
        nodes = self.scenario.nodes
        first = min(max(0, self.index - ROWS // 2), max(0, len(nodes) - ROWS))
        shown = nodes[first : first + ROWS]
        rects = column(PANEL.x + 40, PANEL.y + 120, PANEL.width - 80, [62] * len(shown), 10)
        self.buttons = [
            Button(f"node:{node.id}", self._label(node), rect, partial(self._pick, node.id))
            for node, rect in zip(shown, rects, strict=True)
        ]
        self.focus.set(self.buttons, keep=False)
        current = self.focus.find(f"node:{nodes[self.index].id}")
        if current is not None:
            self.focus.focus_item(current)

    def _label(self, node: object) -> str:
        kind = "ending" if isinstance(node, Ending) else getattr(node, "type", "scene")
        words = self._first_words(node)
        return f"{node.id} ({self.session.t('watch.kind.' + kind)}) — {words}"  # type: ignore[attr-defined]

    def _first_words(self, node: object) -> str:
        if isinstance(node, IdentifyNode):
            text = localize(node.prompt, self.session.settings.language)
        else:
            text = localize(node.lines[0].text, self.session.settings.language)  # type: ignore[attr-defined]
        words = text.split()
        return " ".join(words[:6]) + (" …" if len(words) > 6 else "")

    def _pick(self, node_id: str) -> None:
        self.go(node_id)  # closes this list with the play scene it sits on

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            step = 1 if event.key == pygame.K_DOWN else -1
            self.index = (self.index + step) % len(self.scenario.nodes)
            self.layout()
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((20, 16, 40, 150))
        surface.blit(veil, (0, 0))
        panel(surface, theme, PANEL, radius=28)
        draw_text(
            surface,
            theme,
            self.session.t("watch.nodes_title"),
            pygame.Rect(PANEL.x + 40, PANEL.y + 20, PANEL.width - 80, 50),
            role="heading",
            max_lines=1,
        )
        draw_text(
            surface,
            theme,
            self.session.t("watch.nodes_help"),
            pygame.Rect(PANEL.x + 40, PANEL.y + 72, PANEL.width - 80, 40),
            role="small",
            fg="panel_muted_text",
        )
        draw_buttons(surface, theme, self.buttons)


class ScenarioWatcher:
    """The app's driver while a trainer edits a file (see the module's docstring)."""

    def __init__(
        self, path: Path, session: Session, lang: str, node: str | None = None, watch: bool = True
    ) -> None:
        self.path, self.session, self.lang, self.watch = path, session, lang, watch
        self.pending_node = node
        self.scenario: Scenario | None = None
        self.seen: Stamp = None
        self.reloads = 0

    # -- loading --------------------------------------------------------------------------
    def first_load(self) -> list[str]:
        """Load once before the window opens; the problems, if any."""
        self.seen = stamp(self.path)
        self.scenario, problems = load(self.path, self.session, self.lang)
        return problems

    def before_events(self, app: App) -> None:
        """Once a frame: a new save is loaded; a pending ``--node`` is reached."""
        if self.watch:
            now = stamp(self.path)
            if now != self.seen:
                self.seen = now
                self.reload(app)
        if self.pending_node and self.scenario is not None and self._play(app) is not None:
            node, self.pending_node = self.pending_node, None
            self.go(app, node)

    def after_draw(self, app: App) -> None:
        """Nothing to do after drawing (the Driver protocol's other half)."""

    def reload(self, app: App) -> None:
        scenario, problems = load(self.path, self.session, self.lang)
        if scenario is None:
            self._show(app, problems)
            return
        self.reloads += 1
        node = self.current_node(app)
        self.scenario = scenario
        self._drop_problems(app)
        self._into_library(scenario, playing=self.session.player is not None)
        if self.session.player is None:
            return  # the title / player screens are up: it plays once a player is chosen
        from game.scenes.map import MapScene

        if node is None and not isinstance(app.stack.top, MapScene):
            return  # the end screens are up: the new version plays from the map
        target = self.pending_node or node or scenario.start
        self.pending_node = None
        self.go(app, target if any(n.id == target for n in scenario.nodes) else scenario.start)
        app.notify(self.session.t("watch.reloaded"))

    def _into_library(self, scenario: Scenario, playing: bool) -> None:
        from game.boot import add_to_library

        add_to_library(self.session, scenario)
        if playing:
            self.session.options.direct = None  # already on the map: no second start

    def _show(self, app: App, problems: list[str]) -> None:
        app.notify("")  # an older « reloaded » notice would cover the list
        top = app.stack.top
        if isinstance(top, ProblemsScene):
            top.show(problems)
        else:
            app.stack.push(ProblemsScene(self.session, self.path, problems, watching=True))

    def _drop_problems(self, app: App) -> None:
        for scene in app.stack.scenes:
            if isinstance(scene, ProblemsScene):
                app.stack.pop()
        app.stack.apply()  # between frames: what follows sees the stack as it is

    # -- where the player is --------------------------------------------------------------
    def _play(self, app: App) -> int | None:
        """The stack index of the open play scene (only the watched file is played: its id
        may have just been renamed)."""
        for index, scene in enumerate(app.stack.scenes):
            if isinstance(scene, PlayScene):
                return index
        return None

    def current_node(self, app: App) -> str | None:
        """The node the player is at (an identify step above the play scene counts)."""
        for scene in reversed(app.stack.scenes):
            if isinstance(scene, IdentifyScene):
                return scene.node.id
            if isinstance(scene, PlayScene):
                return scene.node.id
        return None

    def go(self, app: App, node_id: str) -> None:
        """A new play scene at ``node_id``, in place of the open one (and what is above it)."""
        scenario = self.scenario
        player = self.session.player
        if scenario is None or player is None:
            return
        app.stack.apply()
        index = self._play(app)
        if index is not None:
            for _ in range(len(app.stack.scenes) - index):
                app.stack.pop()
        resume = ScenarioProgress(
            player_id=player.id,
            scenario_id=scenario.id,
            scenario_version=scenario.version,
            node_id=node_id,
            step="",
            visited=[node_id],
        )
        app.stack.push(PlayScene(self.session, scenario, resume=resume))

    # -- key N ----------------------------------------------------------------------------
    def install(self, app: App) -> None:
        """Key N opens the node list over the watched play scene (and its identify steps)."""
        dispatch = app.dispatch

        def watched(event: pygame.event.Event) -> None:
            if (
                event.type == pygame.KEYDOWN
                and event.key == pygame.K_n
                and not app.typing()
                and self.scenario is not None
                and isinstance(app.stack.top, PlayScene | IdentifyScene)
            ):
                self.open_nodes(app)
                return
            dispatch(event)

        app.dispatch = watched  # type: ignore[method-assign]  # the preview hooks the loop

    def open_nodes(self, app: App) -> None:
        if self.scenario is None:
            return
        current = self.current_node(app) or self.scenario.start
        app.stack.push(
            NodeListScene(self.session, self.scenario, current, lambda n: self.go(app, n))
        )


def play_file(args: argparse.Namespace, texts: Catalogue) -> int:
    """``diva-game --scenario FILE [--watch] [--node ID]`` with a window: the file plays after
    the player is chosen; its problems are shown in the window (and printed)."""
    from game.boot import add_to_library, boot, choose_player, scenario_from_file
    from game.scenes.map import map_scenes
    from game.scenes.title import TitleScene

    app = boot(args)
    session = app.session
    lang = args.lang or "fr"
    watcher = ScenarioWatcher(args.scenario, session, lang, args.node, watch=args.watch)
    problems = watcher.first_load()
    if problems:
        _, message = scenario_from_file(args.scenario, session.framework, texts, lang)
        print(message or "\n".join(problems), file=sys.stderr)
    elif args.node and all(n.id != args.node for n in watcher.scenario.nodes):  # type: ignore[union-attr]
        ids = ", ".join(n.id for n in watcher.scenario.nodes)  # type: ignore[union-attr]
        print(texts("cli.unknown_node", id=args.node, ids=ids), file=sys.stderr)
        close_app(app)
        return 1
    if problems and not args.watch:
        app.stack.push(ProblemsScene(session, args.scenario, problems, watching=False))
        app.run(max_frames=args.frames)
        close_app(app)
        return 1
    if watcher.scenario is not None:
        add_to_library(session, watcher.scenario)
    if args.player:
        choose_player(session, args.player)
    for scene in map_scenes(session) if session.player else [TitleScene(session)]:
        app.stack.push(scene)
    if problems:
        app.stack.push(ProblemsScene(session, args.scenario, problems, watching=True))
    app.driver = watcher
    watcher.install(app)
    if args.watch:
        app.notify(texts("watch.started"))
    app.run(max_frames=args.frames)
    close_app(app)
    return 0
