"""What the scenes share, passed explicitly: store, writer, texts, settings, framework,
scenario library, speaker, theme and UI manager. No globals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pygame_gui

from game.sound import Sounds
from game.theme import Theme
from shared.errors import DivaError
from shared.framework import Framework
from shared.i18n import Catalogue
from shared.player import Player, Settings
from shared.scenario.loading import ScenarioError, load_scenario
from shared.scenario.model import Scenario
from shared.scenario.validate import catalogue_from_env, load_framework_set
from shared.store.store import Store
from shared.store.writer import StoreWriter
from shared.text import localize

log = logging.getLogger(__name__)


@dataclass
class Options:
    """From the command line: workshop use and autoplay."""

    structure: str = ""
    workshop: str = ""
    offer_tutorial: bool = True
    direct: Scenario | None = None  # --scenario FILE: played as soon as a player is chosen


@dataclass
class Library:
    """The scenarios that loaded, and the files that did not (with a plain reason)."""

    scenarios: list[Scenario] = field(default_factory=list)
    broken: list[tuple[str, str]] = field(default_factory=list)

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


def load_library(folder: Path, framework: Framework) -> Library:
    """Load each file on its own, so one broken file is skipped and reported, not fatal."""
    library = Library()
    files = sorted(folder.glob("*.yaml"))
    root = folder.parent
    frameworks = load_framework_set(root) if files else None
    catalogue = catalogue_from_env()
    for path in files:
        try:
            scenario = load_scenario(path, root, frameworks, catalogue)
            problems = graph_problems(scenario, framework)
            if problems:
                raise ScenarioError(f"{path}: " + "; ".join(problems))
        except (ScenarioError, DivaError, OSError) as exc:
            library.broken.append((path.name, str(exc)))
            log.warning("scenario skipped: %s", exc)
            continue
        library.scenarios.append(scenario)
    library.scenarios.sort(key=lambda s: s.id)
    return library


def graph_problems(scenario: Scenario, framework: Framework) -> list[str]:
    """References the game would trip on: unknown nodes, characters, competencies."""
    ids = {n.id for n in scenario.nodes}
    people = {c.id for c in scenario.characters}
    problems = [] if scenario.start in ids else [f"start: unknown node {scenario.start}"]
    for node in scenario.nodes:
        targets = [c.goto for c in getattr(node, "choices", [])] + [getattr(node, "next", None)]
        problems += [f"{node.id}: unknown node {t}" for t in targets if t and t not in ids]
        for line in getattr(node, "lines", []):
            if line.speaker and line.speaker not in people:
                problems.append(f"{node.id}: unknown character {line.speaker}")
        used = list(getattr(node, "cards", [])) + [
            s.competency for c in getattr(node, "choices", []) for s in c.shows
        ]
        problems += [f"{node.id}: unknown competency {c}" for c in used if c not in framework.by_id]
    return problems


@dataclass
class Session:
    """Everything a scene needs, handed to each scene's constructor."""

    store: Store
    writer: StoreWriter
    framework: Framework
    manager: pygame_gui.UIManager
    theme: Theme
    catalogue: Catalogue
    speaker: object | None = None
    scenario_folder: Path | None = None
    options: Options = field(default_factory=Options)
    player: Player | None = None
    settings: Settings = field(default_factory=Settings)
    notices: list[str] = field(default_factory=list)
    last_run: dict | None = None
    _library: Library | None = None
    on_settings_changed: Callable[[], None] | None = None
    sounds: Sounds | None = None

    # -- texts ---------------------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        return self.catalogue(key, **values)

    def loc(self, text: str | dict[str, str]) -> str:
        """Content text (scenarios, framework) in the player's language."""
        return localize(text, self.settings.language)

    def competency_name(self, competency_id: str) -> str:
        try:
            return self.loc(self.framework.competency(competency_id).name)
        except DivaError:
            return competency_id

    def level_word(self, level: int) -> str:
        return self.framework.level_word(level, self.settings.language)

    # -- content -------------------------------------------------------------------------
    @property
    def library(self) -> Library:
        """Loaded on first use, so the title screen appears at once."""
        if self._library is None:
            if self.scenario_folder is None or not self.scenario_folder.is_dir():
                self._library = Library()
            else:
                self._library = load_library(self.scenario_folder, self.framework)
        return self._library

    # -- writing -------------------------------------------------------------------------
    def write(self, method: str, *args: object) -> None:
        """A store write (a Store method and its arguments), off the render path, in order."""
        self.writer.submit(method, *args)

    def flush(self) -> None:
        self.writer.flush()

    # -- settings ------------------------------------------------------------------------
    def apply_settings(self, settings: Settings, save: bool = True) -> None:
        """New settings take effect at once (texts, sizes, colours) and are saved per player."""
        self.settings = settings
        self.theme = Theme(settings.text_size, settings.high_contrast, record=self.theme.record)
        self.catalogue = Catalogue.load("game", settings.language)
        if self.player is not None:
            self.player = self.player.model_copy(update={"settings": settings})
            if save:
                player = self.player
                self.write("save_player", player)
        if self.on_settings_changed is not None:
            self.on_settings_changed()

    def set_player(self, player: Player) -> None:
        self.player = player
        self.apply_settings(player.settings, save=False)

    def save_player(self) -> None:
        if self.player is not None:
            player = self.player
            self.write("save_player", player)

    def sound(self, name: str) -> None:
        """A soft sound at the player's volume (silent at 0, or with no audio device)."""
        if self.sounds is not None:
            self.sounds.play(name, self.settings.volume)

    def say(self, text: str) -> None:
        """Read aloud; with no engine, a notice says so instead of a silent speaker button."""
        if self.speaker is None or not text:
            return
        if not getattr(self.speaker, "available", True):
            notice = self.t("speech.unavailable")
            if notice not in self.notices:
                self.notices.append(notice)
            return
        self.speaker.say(text, self.settings.language)  # type: ignore[attr-defined]
