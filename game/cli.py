"""``diva-game``: the game for workshops, and the headless autoplay for trainers and tests."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.closing import close_app
from game.computer import PresetError
from shared import hygiene
from shared.commandline import argparse_in, wanted_lang
from shared.errors import DivaError, FrameworkError, NotFoundError, StoreError, explain
from shared.framework import default_framework
from shared.i18n import Catalogue
from shared.paths import content_dir, data_dir
from shared.player import workshop_code

if TYPE_CHECKING:
    from game.app import App
    from game.scene import Scene
    from game.session import Session
    from shared.player import Player
    from shared.scenario.model import Scenario


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    argv = sys.argv[1:] if argv is None else argv
    lang = wanted_lang(argv)
    with argparse_in(lang):
        return build_parser(Catalogue.load("game", lang)).parse_args(argv)


def build_parser(t: Catalogue) -> argparse.ArgumentParser:
    """Every help text comes from the game's catalogue."""
    parser = argparse.ArgumentParser(prog="diva-game", description=t("cli.description"))
    add = parser.add_argument
    add("--fullscreen", action="store_true", help=t("cli.help.fullscreen"))
    add("--structure", default="", help=t("cli.help.structure"))
    add("--workshop", default="", help=t("cli.help.workshop"))
    add("--data-dir", default=None, help=t("cli.help.data_dir"))
    add("--lang", choices=("fr", "en"), default=None, help=t("cli.help.lang"))
    add("--headless", action="store_true", help=t("cli.help.headless"))
    add(
        "--autoplay",
        metavar="SCENARIO",
        nargs="?",
        const="",
        default=None,
        help=t("cli.help.autoplay"),
    )
    add("--scenario", metavar="FICHIER.yaml", type=Path, default=None, help=t("cli.help.scenario"))
    add("--watch", action="store_true", help=t("cli.help.watch"))
    add("--node", metavar="ID", default=None, help=t("cli.help.node"))
    add("--content", metavar="DOSSIER", type=Path, default=None, help=t("cli.help.content"))
    add("--seed", type=int, default=0, help=t("cli.help.seed"))
    add("--player", default=None, help=t("cli.help.player"))
    add("--screenshots", type=Path, default=None, help=t("cli.help.screenshots"))
    add("--frames", type=int, default=None, help=argparse.SUPPRESS)
    add_room_preset(add, t)
    return parser


def add_room_preset(add, t: Catalogue) -> None:
    """How a counsellor presets a room's computers (saved as each computer's settings)."""
    add("--read-aloud", action="store_true", default=None, help=t("cli.help.read_aloud"))
    add(
        "--text-size",
        choices=("medium", "large", "xlarge", "xxlarge"),
        default=None,
        help=t("cli.help.text_size"),
    )
    add("--high-contrast", action="store_true", default=None, help=t("cli.help.high_contrast"))
    add("--dyslexia-font", action="store_true", default=None, help=t("cli.help.dyslexia_font"))
    add("--settings", metavar="FICHIER.json", type=Path, default=None, help=t("cli.help.settings"))


def main(argv: list[str] | None = None) -> int:

    args = parse_args(argv)
    if args.headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # DIVA uses no pydantic plugin; looking them up scans every installed distribution's
    # metadata when the first model is validated (~2.5 % of the game's start)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    texts = Catalogue.load("game", args.lang or "fr")
    try:
        _check_typed_texts(args)
        return _run(args, texts)
    except StoreError as exc:
        print(texts("cli.store_error", detail=explain(exc, texts.lang)), file=sys.stderr)
    except FrameworkError as exc:
        print(texts("cli.framework_error", detail=explain(exc, texts.lang)), file=sys.stderr)
    except DivaError as exc:
        print(explain(exc, texts.lang), file=sys.stderr)
    except PresetError as exc:
        print(texts("cli.bad_settings", detail=str(exc)), file=sys.stderr)
    return 1


def _check_typed_texts(args: argparse.Namespace) -> None:
    """--player and --structure as the store keeps them, or a TextError saying what is wrong
    (a control character, a bidi override, invalid UTF-8, only spaces, too long): never
    truncated, since a truncated pseudonym is never found again."""

    if args.player is not None:
        args.player = hygiene.pseudonym(args.player)
    args.structure = hygiene.structure(args.structure)


def _unknown_workshop(args: argparse.Namespace, texts: Catalogue) -> str:
    """--workshop is checked as the code typed in the game is: a code this data folder does
    not know is refused with the known ones ("" when it is known, or not given)."""

    code = workshop_code(args.workshop or "")
    if not code:
        return ""
    from shared.store.store import Store  # here: only with --workshop (start time)

    store = Store(data_dir(args.data_dir))
    try:
        workshop = store.workshop(code)
    except NotFoundError:
        known = ", ".join(sorted(w.code for w in store.workshops())) or "—"
        return texts("cli.unknown_workshop", code=code, known=known)
    args.workshop = workshop.code
    return ""


def _run(args: argparse.Namespace, texts: Catalogue) -> int:
    # game modules are imported in the functions: they import pygame, which must come after
    # main() has set SDL's environment (--headless) and hidden pygame's greeting
    from game.boot import add_to_library, boot, choose_player

    autoplay = args.autoplay is not None
    if args.scenario is not None and not autoplay and not args.headless:
        from game.watch import play_file  # a window: problems shown in it, --watch, --node

        return play_file(args, texts)
    scenario, message = _scenario_to_play(args, texts)
    message = message or _unknown_workshop(args, texts)
    if message:
        print(message, file=sys.stderr)
        return 1
    app = boot(args)
    session = app.session
    if scenario is not None and (args.scenario or is_file_arg(args)):
        add_to_library(session, scenario)
    if args.player or autoplay:
        choose_player(session, args.player or "autoplay")
    if autoplay and scenario is not None:  # without one, _scenario_to_play said why
        session.options.direct = None
        return _autoplay(app, args, scenario)
    for scene in _first_scenes(session):
        app.stack.push(scene)
    app.run(max_frames=args.frames)
    close_app(app)
    return 1 if _report_unsaved(session, {}) else 0


def _first_scenes(session: Session) -> list[Scene]:
    """The chosen player's map, else the title (each imported only when it is the one
    shown, after main()'s environment: the map brings the scenario loader, the title not)."""
    if session.player:
        from game.scenes.map import map_scenes

        return map_scenes(session)
    from game.scenes.title import TitleScene

    return [TitleScene(session)]


def is_file_arg(args: argparse.Namespace) -> bool:
    from game.boot import is_scenario_file  # pygame: after main()'s environment

    return bool(args.autoplay) and is_scenario_file(args.autoplay)


def _scenario_to_play(args: argparse.Namespace, texts: Catalogue) -> tuple[Scenario | None, str]:
    """The scenario asked for (a file, or an id to autoplay), or the message to print."""
    from game.boot import scenario_from_file, scenario_or_message  # pygame: see _run

    if args.scenario is not None or is_file_arg(args):
        path = args.scenario if args.scenario is not None else Path(args.autoplay)
        return scenario_from_file(path, default_framework(), texts, args.lang or "fr")
    if args.autoplay is None:
        return None, ""
    if not args.autoplay:
        return None, texts("cli.autoplay_needs_scenario")

    from shared.scenario.loading import load_library  # autoplay only: start time

    folder = content_dir() / "scenarios"
    library = load_library(folder, lang=args.lang or "fr", framework=default_framework())
    return scenario_or_message(library, args.autoplay, texts)


def _autoplay(app: App, args: argparse.Namespace, scenario: Scenario) -> int:
    from game.autoplay import AutoPlayer  # pygame: after main()'s environment
    from game.scenes.map import MapScene
    from game.scenes.play import PlayScene

    session = app.session
    session.options.offer_tutorial = False
    chosen = _chosen(session)
    progress = session.store.progress(chosen.id).get(scenario.id)
    resume = progress if progress is not None and progress.status == "in_progress" else None
    app.stack.push(MapScene(session))
    app.stack.push(PlayScene(session, scenario, resume=resume))
    player = AutoPlayer(args.seed, args.screenshots)
    app.driver = player
    app.run()
    close_app(app)
    if session.writer.restarts:  # for the log and the soak (bench/soak_kills.py)
        counts = (session.writer.restarts, session.writer.replayed)
        logging.getLogger(__name__).warning(
            "store: writer restarts %d, writes replayed %d", *counts
        )
    run = session.last_run or {}
    saved = _on_disk(session)
    print(
        json.dumps(
            {
                "player": chosen.pseudonym,
                "scenario": scenario.id,
                "choices": run.get("choices", 0),
                "evidence": saved["add_evidence"],
                "ending": run.get("ending", ""),
                "experience_drafts": saved["add_experience"],
                "resumed_from": run.get("resumed_from", ""),
                "shown": run.get("times", {}),
                "recognised": {"asked": run.get("asked", 0), "right": run.get("right", 0)},
                "steps": player.steps,
            },
            ensure_ascii=False,
        )
    )
    if _report_unsaved(session, saved):
        return 1
    return 0 if player.finished else 1


def _chosen(session: Session) -> Player:
    """The player autoplay plays as (``choose_player`` ran before)."""
    if session.player is None:
        raise RuntimeError("autoplay without a chosen player")
    return session.player


def _on_disk(session: Session) -> dict[str, int]:
    """How many of the records this run sent are in the player's file, read again now."""

    from shared.store.store import Store  # autoplay only: start time

    store = Store(session.store.root)
    player_id = _chosen(session).id
    held = {
        "add_evidence": {e.id for e in store.evidence(player_id)},
        "add_experience": {e.id for e in store.experiences(player_id)},
    }
    return {method: len(held[method] & set(session.sent.get(method, []))) for method in held}


def _report_unsaved(session: Session, saved: dict[str, int]) -> bool:
    """Say plainly on stderr what this run did not save; True if anything is missing."""
    writer = session.writer
    missing = sum(len(session.sent.get(m, [])) - n for m, n in saved.items())
    count = max(writer.unsaved(), missing)
    if not count and not writer.stopped:
        return False
    folder = session.store.root
    if writer.stopped:
        message = session.t("cli.save_stopped", count=count, folder=folder)
    else:
        message = session.t("cli.not_saved", count=count, folder=folder, detail=writer.last_error)
    print(message, file=sys.stderr)
    return True


if __name__ == "__main__":
    raise SystemExit(main())
