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

from game.boot import add_to_library, boot, choose_player, scenario_from_file
from game.closing import close_app
from game.scene import Scene
from game.scenes.confirm import ask_to_quit
from game.scenes.identify import IdentifyScene
from game.scenes.map import MapScene, map_scenes
from game.scenes.play import PlayScene
from game.scenes.title import TitleScene
from game.session import Session
from game.ui.button import Button, column, draw_buttons
from game.ui.images import background
from game.ui.paged_list import page_arrows, split_pages
from game.ui.pager import ARROW_SIZE, Pager
from game.ui.panel import panel
from game.ui.text import draw_text, line_height, wrap
from shared.i18n import Catalogue
from shared.scenario.content_root import roots_for
from shared.scenario.loading import app_frameworks, with_resolved_assets
from shared.scenario.model import Ending, IdentifyNode, Scenario
from shared.scenario.validate import check_file
from shared.store.progress import ScenarioProgress
from shared.text import localize

if TYPE_CHECKING:
    from game.app import App

Stamp = tuple[int, int] | None
PANEL = pygame.Rect(90, 40, 1100, 640)
INNER = PANEL.inflate(-64, 0)
ROWS = 7  # nodes shown at once in the node list (fewer when the text is big)
GAP = 8


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
    frameworks = app_frameworks(session.framework)
    checked = check_file(path, roots, frameworks, Catalogue.load("shared", lang))
    if checked.errors or checked.scenario is None:
        return None, [
            t("watch.at", line=p.line, col=p.col, message=p.message) for p in checked.errors
        ]
    return with_resolved_assets(checked.scenario, roots), []


class ProblemsScene(Scene):
    """Every problem of a file, in the window: what and where, and what to do next. A long
    list has pages (PageUp / PageDown, two arrows): every problem is read whole."""

    def __init__(self, session: Session, path: Path, problems: list[str], watching: bool) -> None:
        super().__init__(session)
        self.path, self.problems, self.watching = path, problems, watching
        self.buttons: list[Button] = []
        self.list_box = pygame.Rect(0, 0, 0, 0)
        self._pages: list[list[int]] = [[]]
        self.pager = Pager(self, 1, lambda: len(self._pages))

    @property
    def _key(self) -> str:
        return "watch.broken" if self.watching else "watch.cannot_play"

    def layout(self) -> None:
        t = self.session.t
        height = _button_height(self.session)
        close = pygame.Rect(PANEL.centerx - 160, PANEL.bottom - 20 - height, 320, height)
        top = _head_bottom(self.session, t(f"{self._key}_title"), self._help())
        self.list_box = pygame.Rect(INNER.x, top, INNER.width, close.y - 16 - top)
        heights = [_text_h(self.session, p, "body", INNER.width) for p in self.problems]
        self._pages = split_pages(heights, self.list_box.height, GAP)
        self.pager.page = min(self.pager.page, len(self._pages) - 1)
        self.buttons = [Button("close", t("watch.close"), close, self.back)]
        if self.pager.pages > 1:
            self.buttons += page_arrows(self.pager, *_arrow_rects(close))
        self.focus.set(self.buttons)

    def _help(self) -> str:
        return f"{self.path.name} — {self.session.t(f'{self._key}_help')}"

    def handle(self, event: pygame.event.Event) -> bool:
        """PageUp / PageDown turn the pages of a long list."""
        return self.pager.handle_key(event) or super().handle(event)

    def back(self) -> None:
        if self.watching:
            ask_to_quit(self)
        else:
            self.request_pop()  # alone on the stack: the window closes

    def show(self, problems: list[str]) -> None:
        self.problems = problems
        self.pager.page = 0
        self.layout()

    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        surface.blit(background(theme, "images/backgrounds/salle-de-formation.svg"), (0, 0))
        panel(surface, theme, PANEL, radius=28)
        _draw_head(self.session, surface, t(f"{self._key}_title"), self._help())
        y = self.list_box.y
        for index in self._pages[self.pager.page]:
            problem = self.problems[index]
            height = _text_h(self.session, problem, "body", INNER.width)
            draw_text(surface, theme, problem, pygame.Rect(INNER.x, y, INNER.width, height))
            y += height + GAP
        draw_buttons(surface, theme, self.buttons)
        if self.pager.pages > 1:
            _draw_page_number(surface, self.pager, self.buttons[0].rect)

    def read_aloud_text(self) -> str:
        shown = [self.problems[i] for i in self._pages[self.pager.page]]
        pages = [self.pager.label()] if self.pager.pages > 1 else []
        return ". ".join(pages + shown)


class NodeListScene(Scene):
    """Key N while watching: every node of the scenario, to jump to one; Up / Down move the
    choice, PageUp / PageDown and the two arrows turn the pages of a long scenario."""

    opaque = False

    def __init__(
        self, session: Session, scenario: Scenario, current: str, go: Callable[[str], None]
    ) -> None:
        super().__init__(session)
        self.scenario, self.go = scenario, go
        ids = [node.id for node in scenario.nodes]
        self.index = ids.index(current) if current in ids else 0
        self.buttons: list[Button] = []
        self.pager = Pager(self, ROWS, lambda: len(self.scenario.nodes))
        self._page_seen = -1

    def layout(self) -> None:
        nodes, session = self.scenario.nodes, self.session
        labels = [self._label(node) for node in nodes]
        width = PANEL.width - 80 - 28
        row_h = max(_text_h(session, label, "body", width) for label in labels) + 20
        top = _head_bottom(session, session.t("watch.nodes_title"), session.t("watch.nodes_help"))
        room = PANEL.bottom - 24 - top - _page_label_h(session)  # « Page 1 / 6 » below
        self.pager.per_page = max(1, (room + 10) // (row_h + 10))
        if self.pager.page != self._page_seen and self._page_seen >= 0:
            self.index = self.pager.page * self.pager.per_page  # the page was turned
        self.pager.page = self.index // self.pager.per_page
        self._page_seen = self.pager.page
        first = self.pager.page * self.pager.per_page
        shown = list(range(first, min(len(nodes), first + self.pager.per_page)))
        rects = column(PANEL.x + 40, top, PANEL.width - 80, [row_h] * len(shown), 10)
        self.buttons = [
            Button(f"node:{nodes[i].id}", labels[i], rect, partial(self._pick, nodes[i].id))
            for i, rect in zip(shown, rects, strict=True)
        ]
        if self.pager.pages > 1:
            self.buttons += self.pager.arrows(y=PANEL.centery - 62, inset=12)
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
            self._page_seen = -1  # the page follows the choice
            self.layout()
            return True
        return self.pager.handle_key(event) or super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        session = self.session
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((20, 16, 40, 150))
        surface.blit(veil, (0, 0))
        panel(surface, session.theme, PANEL, radius=28)
        _draw_head(session, surface, session.t("watch.nodes_title"), session.t("watch.nodes_help"))
        draw_buttons(surface, session.theme, self.buttons)
        if self.pager.pages > 1:
            font = session.theme.font("small")
            box = pygame.Rect(0, 0, font.size(self.pager.label())[0] + 24, _page_label_h(session))
            box.midbottom = (PANEL.centerx, PANEL.bottom - 14)
            self.pager.draw_number(surface, box)

    def read_aloud_text(self) -> str:
        return self.pager.label() if self.pager.pages > 1 else ""


# -- the two screens' shared drawing ----------------------------------------------------------


def _text_h(session: Session, text: str, role: str, width: int) -> int:
    """The height ``text`` takes at its role's full size, wrapped to ``width``."""
    font = session.theme.font(role)
    return len(wrap(text, font, width)) * line_height(font)


def _page_label_h(session: Session) -> int:
    return line_height(session.theme.font("small")) + 12


def _button_height(session: Session) -> int:
    return max(72, line_height(session.theme.font("body")) + 20)


def _head_bottom(session: Session, title: str, help_text: str) -> int:
    """Where the list starts: below the title and the help, both at full size."""
    title_h = _text_h(session, title, "heading", INNER.width)
    return PANEL.y + 20 + title_h + 8 + _text_h(session, help_text, "small", INNER.width) + 16


def _draw_head(session: Session, surface: pygame.Surface, title: str, help_text: str) -> None:
    theme = session.theme
    title_h = _text_h(session, title, "heading", INNER.width)
    draw_text(
        surface,
        theme,
        title,
        pygame.Rect(INNER.x, PANEL.y + 20, INNER.width, title_h),
        role="heading",
    )
    help_h = _text_h(session, help_text, "small", INNER.width)
    help_box = pygame.Rect(INNER.x, PANEL.y + 28 + title_h, INNER.width, help_h)
    draw_text(surface, theme, help_text, help_box, role="small", fg="panel_muted_text")


def _arrow_rects(close: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
    """The page arrows, on the panel's sides beside the close button."""
    y = close.centery - ARROW_SIZE[1] // 2
    left = pygame.Rect((INNER.x, y), ARROW_SIZE)
    right = pygame.Rect((INNER.right - ARROW_SIZE[0], y), ARROW_SIZE)
    return left, right


def _draw_page_number(surface: pygame.Surface, pager: Pager, close: pygame.Rect) -> None:
    """« Page 1 / 3 » between the left arrow and the close button."""
    font = pager.scene.session.theme.font("small")
    box = pygame.Rect(0, 0, font.size(pager.label())[0] + 24, _page_label_h(pager.scene.session))
    box.midright = (close.x - 16, close.centery)
    pager.draw_number(surface, box)


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

        if node is None and not isinstance(app.stack.top, MapScene):
            return  # the end screens are up: the new version plays from the map
        target = self.pending_node or node or scenario.start
        self.pending_node = None
        self.go(app, target if any(n.id == target for n in scenario.nodes) else scenario.start)
        app.notify(self.session.t("watch.reloaded"))

    def _into_library(self, scenario: Scenario, playing: bool) -> None:
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
