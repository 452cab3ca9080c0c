"""What the scenes share, passed explicitly: store, writer, texts, settings, framework,
scenario library, speaker, theme and UI manager. No globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from game import computer
from game.sound import Sounds
from game.theme import Theme
from shared.errors import DivaError
from shared.framework import Framework
from shared.i18n import Catalogue
from shared.player import Player, Settings
from shared.store.store import Store
from shared.store.writer import StoreWriter
from shared.text import localize

if TYPE_CHECKING:  # types only (the scenario model, pygame_gui: start time)
    import pygame_gui

    from game.navigation import Target
    from game.scene import Scene
    from shared.scenario.loading import Library
    from shared.scenario.model import Scenario

P = ParamSpec("P")


@dataclass
class Options:
    """From the command line: workshop use and autoplay."""

    structure: str = ""
    workshop: str = ""
    offer_tutorial: bool = True
    direct: Scenario | None = None  # --scenario FILE: played as soon as a player is chosen
    first_launch: bool = False  # no settings for this computer yet: ask how to play


@dataclass
class Session:
    """Everything a scene needs, handed to each scene's constructor.

    Scenes write through ``write`` (off the render path) and read through ``store``, which
    first waits for the writes already sent: a scene reads what it wrote, without having to
    remember to flush.
    """

    unwaited_store: Store  # the store itself; read it through ``store``
    writer: StoreWriter
    framework_loader: Callable[[], Framework]  # read on first use: see ``framework``
    manager_maker: Callable[[Theme], pygame_gui.UIManager]  # see ``manager``
    theme: Theme
    catalogue: Catalogue
    speaker: object | None = None
    scenario_folder: Path | None = None
    structure_folder: Path | None = None  # <data dir>/scenarios, or diva-game --content DIR
    options: Options = field(default_factory=Options)
    player: Player | None = None
    settings: Settings = field(default_factory=Settings)
    notices: list[str] = field(default_factory=list)
    sent: dict[str, list[str]] = field(default_factory=dict)  # record ids, by write method
    last_run: dict | None = None
    _library: Library | None = None
    on_settings_changed: Callable[[], None] | None = None
    sounds: Sounds | None = None
    navigator: Callable[[Session, Target], list[Scene]] | None = None  # set by the boot
    computer: Settings = field(default_factory=Settings)  # this computer's (first launch, room)
    computer_file: Path | None = None  # where they are kept (None: not kept, tests)
    just_changed: dict[str, object] = field(default_factory=dict)  # before a player is chosen
    _framework: Framework | None = None
    _manager: pygame_gui.UIManager | None = None

    # -- navigation -----------------------------------------------------------------------
    def scenes_for(self, target: Target) -> list[Scene]:
        """The scenes a scene asks for by a typed target (``game.navigation.go``)."""
        if self.navigator is None:
            raise RuntimeError("no navigator: the session was not made by game.boot")
        return self.navigator(self, target)

    # -- texts ---------------------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        return self.catalogue(key, **values)

    def loc(self, text: str | dict[str, str]) -> str:
        """Content text (scenarios, framework) in the player's language."""
        return localize(text, self.settings.language)

    def competency_name(self, competency_id: str) -> str:
        """What a player reads: the plain « Je… » label (the official one is the counsellor's)."""
        try:
            return self.framework.competency(competency_id).player_label(self.settings.language)
        except DivaError:
            return competency_id

    def level_word(self, level: int) -> str:
        return self.framework.level_word(level, self.settings.language)

    # -- text entries ----------------------------------------------------------------------
    @property
    def manager(self) -> pygame_gui.UIManager:
        """pygame_gui's manager, made when a scene first needs a text entry (a player's name,
        a reflection): only text entries use pygame_gui, and importing it and reading its
        theme was a fifth of the game's start, for a title screen that has none."""
        if self._manager is None:
            self._manager = self.manager_maker(self.theme)
        return self._manager

    @property
    def made_manager(self) -> pygame_gui.UIManager | None:
        """The manager if a scene made it (the app updates and draws it then), else None."""
        return self._manager

    # -- content -------------------------------------------------------------------------
    @property
    def framework(self) -> Framework:
        """The competency framework, read on first use: the title screen names no competency,
        and reading the framework's YAML was a tenth of the game's start."""
        if self._framework is None:
            self._framework = self.framework_loader()
        return self._framework

    @property
    def library(self) -> Library:
        """Loaded on first use, so the title screen appears at once."""
        if self._library is None:
            from shared.scenario.loading import load_library  # imported on first use: start time

            self._library = load_library(
                self.scenario_folder,
                lang=self.settings.language,
                structure=self.structure_folder,
                framework=self.framework,
            )
        return self._library

    # -- reading and writing --------------------------------------------------------------
    @property
    def store(self) -> Store:
        """The store, once every write already sent is answered (so it is on disk, or known
        to have failed): reads never miss the player's last choice."""
        self.writer.wait()
        return self.unwaited_store

    def write(
        self, method: Callable[Concatenate[Store, P], object], *args: P.args, **kwargs: P.kwargs
    ) -> None:
        """A store write (``write(Store.add_evidence, ev)``), off the render path, in order.

        The ids of the records sent are kept, so autoplay can count what reached the disk
        rather than what was sent.
        """
        self.writer.submit(method, *args, **kwargs)
        name = getattr(method, "__name__", "")
        if name in ("add_evidence", "add_experience") and args:
            self.sent.setdefault(name, []).append(str(getattr(args[0], "id", "")))

    def flush(self) -> None:
        """Every write on disk, failed ones tried again: before the game ends."""
        self.writer.flush()

    # -- settings ------------------------------------------------------------------------
    def apply_settings(self, settings: Settings, save: bool = True) -> None:
        """New settings take effect at once (texts, sizes, colours) and are saved: with the
        player, or, before anyone is chosen, as this computer's (and kept for the player
        chosen next: choosing them does not undo it)."""
        if self.player is None and save:
            self.just_changed |= computer.changes(self.settings, settings)
            self.computer = settings
            if self.computer_file is not None:
                computer.save(self.computer_file, settings)
        self.settings = settings
        self.theme = Theme(
            settings.text_size,
            settings.high_contrast,
            record=self.theme.record,
            dyslexic=settings.dyslexic_font,
        )
        self.catalogue = Catalogue.load("game", settings.language)
        if self.player is not None:
            self.player = self.player.model_copy(update={"settings": settings})
            if save:  # only the settings: the counsellor may have changed the rest meanwhile
                self.write(Store.update_player_settings, self.player.id, settings)
        if self.on_settings_changed is not None:
            self.on_settings_changed()

    def set_player(self, player: Player) -> None:
        """The player's own settings over the computer's; what was changed just before
        choosing them (on the title or player screen) is kept, and saved as theirs."""
        changed, self.just_changed = self.just_changed, {}
        if changed:
            own = Settings.model_validate(player.settings.model_dump() | changed)
            player = player.model_copy(update={"settings": own})
            self.write(Store.update_player_settings, player.id, own)
        self.player = player
        self.apply_settings(computer.merged(self.computer, player.settings, {}), save=False)

    def finish_tutorial(self) -> None:
        """The practice scenario was played or declined: saved as that one field."""
        if self.player is not None:
            self.player.tutorial_done = True
            self.write(Store.finish_tutorial, self.player.id)

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
        configure = getattr(self.speaker, "configure", None)
        if configure is not None:  # the voice's own volume and pace, for every engine
            configure(volume=self.settings.voice_volume, rate=self.settings.speech_rate)
        self.speaker.say(text, self.settings.language)  # type: ignore[attr-defined]
