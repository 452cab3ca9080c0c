"""The skill map's desktop app (``diva-skillmap`` with no arguments).

``main(args)`` opens the window on the list of players; everything the counsellor does in it
goes through the action functions of ``skillmap.people``, ``review`` and ``badges``.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from shared.errors import DivaError
from shared.paths import content_dir, data_dir
from shared.scenario.loading import load_library
from shared.store import Store
from shared.text import localize
from skillmap.app.context import Context
from skillmap.common import catalogue, default_reviewer, describe, framework


def parse(args: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="diva-skillmap")
    parser.add_argument("--data-dir", help="the data folder shared with the game")
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--counsellor", default="", help="who signs the changes")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--size", default="1280x720", help="initial window size, e.g. 1600x900")
    return parser.parse_args(list(args))


def scenario_titles(lang: str, folder: Path | None = None) -> dict[str, str]:
    """Scenario titles by id, for the provenance of game evidence (read once per process).

    A scenario no longer installed, or one that does not load, is shown by its id; the
    others keep their title (one broken file does not hide every title)."""
    return dict(_titles(lang, str(folder or content_dir() / "scenarios")))


@functools.cache
def _titles(lang: str, folder: str) -> tuple[tuple[str, str], ...]:
    scenarios = load_library(Path(folder), lang=lang).scenarios  # broken files skipped
    return tuple((s.id, localize(s.title, lang)) for s in scenarios)


def make_context(
    store,
    lang: str = "fr",
    counsellor: str = "",
    high_contrast: bool = False,
    titles: dict[str, str] | None = None,
):
    """The screens' context: store, texts, framework and who is signing."""
    return Context(
        store=store,
        t=catalogue(lang),
        framework=framework(),
        counsellor=counsellor or default_reviewer(),
        lang=lang,
        high_contrast=high_contrast,
        scenario_titles=titles if titles is not None else scenario_titles(lang),
    )


def options_from(args: Sequence[str] | argparse.Namespace) -> argparse.Namespace:
    """The app's options from raw arguments, or from the CLI's already parsed namespace."""
    if not isinstance(args, argparse.Namespace):
        return parse(args)
    options = parse([])
    for name in ("data_dir", "lang", "counsellor", "high_contrast", "size"):
        value = getattr(args, name, None)
        if value not in (None, ""):
            setattr(options, name, value)
    by = getattr(args, "by", None)
    if by and not options.counsellor:
        options.counsellor = by
    return options


def main(args: Sequence[str] | argparse.Namespace = ()) -> int:
    """Open the window; returns the exit code (1 if the data folder cannot be used)."""
    options = options_from(args)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # before the screens import pygame
    # local: these load pygame, which reads the variable above when imported
    from skillmap.app.app import App
    from skillmap.app.screens.players import PlayersScreen

    try:
        store = Store(data_dir(options.data_dir))
    except DivaError as error:
        print(describe(error, catalogue(options.lang)), file=sys.stderr)
        return 1
    width, _, height = options.size.partition("x")
    ctx = make_context(store, options.lang, options.counsellor, options.high_contrast)
    app = App(ctx, (int(width or 1280), int(height or 720)))
    app.go(PlayersScreen(ctx, app.manager))
    return app.run()
