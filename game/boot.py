"""Building the game: pygame, the store, the session and the window, in that order.

Kept apart from ``cli`` so tests and the benchmark build the same game without argv.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game import computer
from game.app import App, Clock, FixedClock, RealClock
from game.navigator import scenes_for
from game.session import Options, Session
from game.sound import Sounds
from game.theme import Theme
from shared.errors import DivaError, NotFoundError
from shared.framework import Framework, default_framework
from shared.i18n import Catalogue
from shared.paths import content_dir, data_dir
from shared.player import Player, Settings, workshop_code
from shared.scenario.content_root import roots_for
from shared.store.store import Store
from shared.store.writer import ProcessWriter, ThreadWriter

if TYPE_CHECKING:
    import pygame_gui

    from shared.scenario.loading import Library
    from shared.scenario.model import Scenario

log = logging.getLogger(__name__)


class LazySpeaker:
    """Loads the speech engine on first use, so it never slows the first frame."""

    def __init__(self) -> None:
        self._speaker = None

    def _get(self):
        if self._speaker is None:
            from game.speech import Speaker  # here: slow: the engine loads on first use

            self._speaker = Speaker()
        return self._speaker

    @property
    def available(self) -> bool:
        return bool(self._get().available)

    @property
    def notice(self) -> str:
        return str(self._get().notice)

    def say(self, text: str, lang: str = "fr") -> None:
        self._get().say(text, lang)

    def configure(self, volume: float | None = None, rate: int | None = None) -> None:
        self._get().configure(volume=volume, rate=rate)

    def stop(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()

    def close(self) -> None:
        if self._speaker is not None:
            self._speaker.close()


def make_session(
    data: str | None = None,
    *,
    lang: str | None = None,
    options: Options | None = None,
    speaker: object | None = None,
    record_text: bool = False,
    writer_process: bool = False,
    structure_folder: Path | None = None,
    settings: Settings | None = None,
) -> Session:
    """The session with a fresh UIManager; pygame must be initialised with a window.

    ``writer_process``: store writes go to a child process (the game); tests keep the
    instant-start thread writer. ``structure_folder``: the structure's own scenarios, shown
    on the map beside the bundled ones (default: ``<data dir>/scenarios``).
    """
    settings = settings or Settings(language=lang or "fr")
    theme = Theme(
        settings.text_size,
        settings.high_contrast,
        record=record_text,
        dyslexic=settings.dyslexic_font,
    )
    store = Store(data_dir(data))
    return Session(
        unwaited_store=store,
        writer=ProcessWriter(store.root) if writer_process else ThreadWriter(store),
        framework_loader=default_framework,
        manager_maker=text_entry_manager,
        theme=theme,
        catalogue=Catalogue.load("game", settings.language),
        speaker=speaker,
        scenario_folder=content_dir() / "scenarios",
        structure_folder=structure_folder or store.root / "scenarios",
        options=options or Options(),
        settings=settings,
        computer=settings,
        sounds=Sounds(),
        navigator=scenes_for,
    )


def text_entry_manager(theme: Theme) -> pygame_gui.UIManager:
    """pygame_gui's manager for the text entries, themed like the game (``Session.manager``)."""
    import pygame_gui  # imported with the first text entry: start time

    return pygame_gui.UIManager((1280, 720), theme.gui_theme())


def init_pygame() -> None:
    pygame.display.init()
    pygame.font.init()
    try:
        pygame.mixer.init()
    except pygame.error as exc:  # no sound card: the game plays silently
        log.info("no audio: %s", exc)


def boot(args: argparse.Namespace, clock: Clock | None = None) -> App:
    """Window first (pygame_gui needs it), then the session and the app."""
    init_pygame()
    pygame.display.set_caption("DIVA")
    fast = bool(args.headless or args.autoplay is not None)
    options = Options(structure=args.structure, workshop=workshop_code(args.workshop))
    window = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    del window
    folder = data_dir(args.data_dir)
    settings, ask = computer.for_launch(
        folder,
        preset=getattr(args, "settings", None),
        lang=args.lang,
        read_aloud=getattr(args, "read_aloud", None),
        text_size=getattr(args, "text_size", None),
        high_contrast=getattr(args, "high_contrast", None),
        dyslexic_font=getattr(args, "dyslexia_font", None),
    )
    options.first_launch = ask and not fast
    session = make_session(
        args.data_dir,
        lang=args.lang,
        options=options,
        speaker=None if fast else LazySpeaker(),
        writer_process=True,
        structure_folder=getattr(args, "content", None),
        settings=settings,
    )
    session.computer_file = computer.path_in(folder)
    return App(
        session, clock=clock or (FixedClock() if fast else RealClock()), fullscreen=args.fullscreen
    )


def choose_player(session: Session, name: str) -> Player:
    """The player with this pseudonym (or id), created if there is none."""
    found = _one_player(session.store.find_players(name), name)
    if found:
        player = session.store.player(found["id"])
    else:
        player = Player(
            pseudonym=name[:40],
            structure=session.options.structure,
            workshops=[session.options.workshop] if session.options.workshop else [],
            settings=session.settings,
            tutorial_done=False,
        )
        session.store.add_player(player)
    session.set_player(player)
    return player


def _one_player(rows: list[dict], name: str) -> dict | None:
    """The one player meant by ``name``: an exact pseudonym or id wins over a case-blind match."""
    exact = [r for r in rows if name in (r["pseudonym"], r["id"])]
    if len(exact) == 1 or len(rows) == 1:
        return (exact or rows)[0]
    if rows:
        ids = ", ".join(f"{r['pseudonym']} ({r['id']})" for r in rows)
        raise NotFoundError(
            f"several players are called {name!r}: {ids}", "ambiguous_player", player=name, ids=ids
        )
    return None


def scenario_or_message(
    library: Library, scenario_id: str, texts: Catalogue
) -> tuple[Scenario | None, str]:
    """The scenario to autoplay, or the plain message explaining why it cannot be played."""
    scenario = library.get(scenario_id)
    if scenario is not None:
        return scenario, ""
    for name, problem in library.broken:
        if name.removesuffix(".yaml") == scenario_id:
            return None, texts("cli.invalid_content", detail=problem)
    ids = ", ".join(s.id for s in library.scenarios) or "-"
    return None, texts("cli.unknown_scenario", id=scenario_id, ids=ids)


def is_scenario_file(value: str) -> bool:
    """``--autoplay`` takes an id or a file: a path, or a name ending in .yaml, is a file."""
    return value.endswith((".yaml", ".yml")) or "/" in value or "\\" in value


def scenario_from_file(
    path: Path, framework: Framework, texts: Catalogue, lang: str = "fr"
) -> tuple[Scenario | None, str]:
    """The scenario in a trainer's file, or a message listing every problem (path:line:col).

    Checked like the bundled ones: the shared validation, against the game's framework.
    """
    if not path.is_file():
        return None, texts("cli.no_file", path=path)
    # imported on first use: start time (the validator is only needed for a trainer's file)
    from shared.scenario.loading import ScenarioError, app_frameworks, load_scenario

    root = roots_for(path)
    try:
        shared_texts = Catalogue.load("shared", lang)
        scenario = load_scenario(path, root, app_frameworks(framework), shared_texts)
    except ScenarioError as exc:
        return None, texts("cli.broken_file", path=path) + "\n" + str(exc)
    except (DivaError, OSError, UnicodeDecodeError) as exc:
        return None, texts("cli.broken_file", path=path) + "\n" + f"{path}: {exc}"
    return scenario, ""


def add_to_library(session: Session, scenario: Scenario) -> None:
    """The trainer's file replaces any scenario with the same id, for this run only."""
    library = session.library
    library.scenarios = [s for s in library.scenarios if s.id != scenario.id] + [scenario]
    library.scenarios.sort(key=lambda s: s.id)
    session.options.direct = scenario
