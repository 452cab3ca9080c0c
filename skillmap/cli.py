"""``diva-skillmap``: the counsellor's command line (no subcommand: the desktop app).

Every action of the app is scriptable here. Exit codes: 0 done, 1 refused by a rule or a
data problem (with a clear message), 2 the command was typed wrong. Never a traceback
(set DIVA_DEBUG=1 to see one when reporting a bug).
"""

import argparse
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from shared.commandline import argparse_in, wanted_lang
from shared.errors import DivaError
from shared.i18n import Catalogue
from skillmap.cli_output import TerminalSafe
from skillmap.common import catalogue, describe


class UsageError(Exception):
    """The command line was wrong: exit code 2."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class Parser(argparse.ArgumentParser):
    """argparse that returns instead of exiting, so ``main`` can always return a code."""

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            sys.stderr.write(message)
        raise UsageError(status)


def _global_options(parser: argparse.ArgumentParser, t: Catalogue, default: Any) -> None:
    """--data-dir and --lang, accepted before or after the subcommand."""
    parser.add_argument(
        "--data-dir", default=default, metavar=t("cli.metavar.folder"), help=t("cli.help.data_dir")
    )
    parser.add_argument("--lang", default=default, choices=("fr", "en"), help=t("cli.help.lang"))


def build_parser(t: Catalogue) -> Parser:
    """The whole command tree; every help text comes from the catalogue."""
    from skillmap.cli_parsers import register  # here: start time: --help and commands only

    parser = Parser(prog="diva-skillmap", description=t("cli.description"))
    _global_options(parser, t, None)
    # the desktop app's own options (no subcommand): who signs the changes, how it looks
    parser.add_argument(
        "--counsellor", metavar=t("cli.metavar.name"), help=t("cli.help.app_counsellor")
    )
    parser.add_argument("--high-contrast", action="store_true", help=t("cli.help.high_contrast"))
    parser.add_argument("--size", metavar="1600x900", help=t("cli.help.size"))
    common = Parser(add_help=False)
    _global_options(common, t, argparse.SUPPRESS)  # a subcommand must not reset them
    subs = parser.add_subparsers(dest="command", metavar=t("cli.metavar.command"))
    register(subs, common, t)
    return parser


def _run(handler: Callable[..., int], args: Any, t: Catalogue) -> int:
    try:
        return handler(args, t)
    except DivaError as exc:
        print(describe(exc, t), file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(t("error.invalid_data", detail=exc.errors()[0].get("msg", "")), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `players --json | head`: the reader left, nothing is wrong
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return 0
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for a person; DIVA_DEBUG shows it
        if os.environ.get("DIVA_DEBUG"):
            traceback.print_exc()
        print(t("error.unexpected", detail=type(exc).__name__), file=sys.stderr)
        return 1


def _start_app(args: Any) -> int:
    """No subcommand: the desktop app (imported only now: the CLI must not need a screen)."""
    from skillmap import app

    result = app.main(args)
    return int(result or 0)


def main(argv: list[str] | None = None) -> int:
    """Run one command; what it prints goes through ``TerminalSafe`` (no raw escapes)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafe(out), TerminalSafe(err)
    try:
        return _main(argv)
    finally:
        if isinstance(sys.stdout, TerminalSafe):  # not the devnull of a broken pipe
            sys.stdout = out
        sys.stderr = err


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    t = catalogue(wanted_lang(argv))
    with argparse_in(t.lang):
        try:
            parser = build_parser(t)
            args = parser.parse_args(argv)
        except UsageError as exc:
            return exc.code
    t = catalogue(args.lang or t.lang)
    if not getattr(args, "handler", None):
        return _run(lambda a, _t: _start_app(a), args, t)
    from skillmap.cli_commands import checked_texts  # here: start time: not for the app

    return _run(lambda a, tt: args.handler(checked_texts(a), tt), args, t)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
