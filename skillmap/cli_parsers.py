"""The argument definitions of ``diva-skillmap``'s subcommands (help texts from the catalogue)."""

import argparse
from collections.abc import Callable
from functools import partial
from typing import Any

from shared.i18n import Catalogue
from skillmap import cli_badge_life, cli_endorse, cli_issuer, cli_share
from skillmap import cli_commands as c
from skillmap.review import KINDS

# The words a counsellor types for --kind (the help shows them); the stored value stays the id,
# and the ids still work for older scripts.
KIND_WORDS: dict[str, str] = {
    "immersion": "immersion",
    "stage": "internship",
    "job": "job",
    "service-civique": "civic_service",
    "bénévolat": "volunteering",
    "famille": "family",
    "sport": "sport",
    "loisirs": "leisure",
    "école": "school",
    "autre": "other",
}


def kind_arg(value: str, t: Catalogue) -> str:
    """The stored kind for a French word (or an id); else a French message listing the words."""
    word = value.strip().casefold()
    if word in KINDS:
        return word
    accents = {"benevolat": "bénévolat", "ecole": "école", "service civique": "service-civique"}
    kind = KIND_WORDS.get(accents.get(word, word))
    if kind is None:
        raise argparse.ArgumentTypeError(
            t("error.invalid_kind", kind=value, valid=", ".join(KIND_WORDS))
        )
    return kind


def _kind(parser: argparse.ArgumentParser, t: Catalogue, default: str | None) -> None:
    parser.add_argument(
        "--kind",
        default=default,
        type=partial(kind_arg, t=t),
        metavar="|".join(KIND_WORDS),
        help=t("cli.help.kind"),
    )


def _add(subs: Any, name: str, common: argparse.ArgumentParser, t: Catalogue) -> Any:
    return subs.add_parser(name, parents=[common], help=t(f"cli.help.{name}"))


def _group(
    subs: Any, name: str, common: argparse.ArgumentParser, t: Catalogue
) -> Callable[[str], argparse.ArgumentParser]:
    """A command with actions under it (``badge request``); typed alone, it shows its help.

    Returns what adds one action, with its help from ``cli.help.<command>.<action>``."""
    group = _add(subs, name, common, t)
    actions = group.add_subparsers(dest="action", metavar=t("cli.metavar.action"))
    group.set_defaults(handler=c.cmd_group_help(group))
    return lambda action: actions.add_parser(
        action, parents=[common], help=t(f"cli.help.{name}.{action}")
    )


def _player(parser: argparse.ArgumentParser, t: Catalogue) -> None:
    parser.add_argument("player", metavar=t("cli.metavar.player"), help=t("cli.help.player"))


def _signed(parser: argparse.ArgumentParser, t: Catalogue) -> None:
    parser.add_argument("--by", metavar=t("cli.metavar.name"), help=t("cli.help.by"))
    parser.add_argument("--note", metavar=t("cli.metavar.text"), help=t("cli.help.note"))


def _json(parser: argparse.ArgumentParser, t: Catalogue) -> None:
    parser.add_argument("--json", action="store_true", help=t("cli.help.json"))


def _players(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    p = _add(subs, "players", common, t)
    _json(p, t)
    p.add_argument("--structure", metavar=t("cli.metavar.structure"), help=t("cli.help.structure"))
    p.add_argument("--workshop", metavar=t("cli.metavar.code"), help=t("cli.help.workshop"))
    p.add_argument("--search", metavar=t("cli.metavar.text"), help=t("cli.help.search"))
    p.add_argument("--new", action="store_true", help=t("cli.help.new"))
    p.set_defaults(handler=c.cmd_players)
    p = _add(subs, "profile", common, t)
    _player(p, t)
    _json(p, t)
    p.add_argument("--evidence", action="store_true", help=t("cli.help.evidence"))
    p.add_argument("--progress", action="store_true", help=t("cli.help.progress"))
    p.set_defaults(handler=c.cmd_profile)


def _review(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    p = _add(subs, "review", common, t)
    _player(p, t)
    _json(p, t)
    p.add_argument("--all", action="store_true", help=t("cli.help.all"))
    actions = p.add_subparsers(dest="action", metavar=t("cli.metavar.action"))
    for name in ("confirm", "reject", "adjust", "reopen"):
        a = actions.add_parser(name, parents=[common], help=t(f"cli.help.review.{name}"))
        a.add_argument(
            "exp", metavar=t("cli.metavar.experience"), help=t("cli.help.experience_ref")
        )
        _signed(a, t)
        if name != "reopen":
            a.add_argument(
                "--competency", metavar=t("cli.metavar.competency"), help=t("cli.help.competency")
            )
        if name == "adjust":
            a.add_argument("--level", type=int, metavar="1-4", help=t("cli.help.level"))
        if name in ("confirm", "adjust"):
            a.add_argument("--level4", action="store_true", help=t("cli.help.level4"))
    p.set_defaults(handler=c.cmd_review, action=None)


def _experience(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    action = _group(subs, "experience", common, t)
    p = action("add")
    _player(p, t)
    _json(p, t)
    p.add_argument(
        "--title", required=True, metavar=t("cli.metavar.text"), help=t("cli.help.title")
    )
    _kind(p, t, "other")
    p.add_argument("--where", metavar=t("cli.metavar.text"), help=t("cli.help.where"))
    p.add_argument("--when", metavar=t("cli.metavar.text"), help=t("cli.help.when"))
    p.add_argument("--words", metavar=t("cli.metavar.text"), help=t("cli.help.words"))
    p.add_argument(
        "--activity", action="append", metavar=t("cli.metavar.text"), help=t("cli.help.activity")
    )
    p.add_argument(
        "--competency",
        action="append",
        type=partial(c._competency_level, t=t),
        metavar=t("cli.metavar.competency_level"),
        help=t("cli.help.competency_level"),
    )
    p.add_argument("--confirm", action="store_true", help=t("cli.help.confirm_now"))
    p.add_argument("--level4", action="store_true", help=t("cli.help.level4"))
    p.add_argument("--by", metavar=t("cli.metavar.name"), help=t("cli.help.by"))
    p.set_defaults(handler=c.cmd_experience_add)
    p = action("edit")
    _player(p, t)
    p.add_argument("exp", metavar=t("cli.metavar.experience"), help=t("cli.help.experience_ref"))
    _json(p, t)
    p.add_argument("--words", metavar=t("cli.metavar.text"), help=t("cli.help.words"))
    p.add_argument("--where", metavar=t("cli.metavar.text"), help=t("cli.help.where"))
    p.add_argument("--when", metavar=t("cli.metavar.text"), help=t("cli.help.when"))
    p.add_argument("--title", metavar=t("cli.metavar.text"), help=t("cli.help.title"))
    _kind(p, t, None)
    p.add_argument("--by", metavar=t("cli.metavar.name"), help=t("cli.help.by"))
    p.set_defaults(handler=c.cmd_experience_edit)


def _badge(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    action = _group(subs, "badge", common, t)
    p = action("request")
    _player(p, t)
    _json(p, t)
    p.add_argument(
        "--competency",
        required=True,
        metavar=t("cli.metavar.competency"),
        help=t("cli.help.competency"),
    )
    p.add_argument("--level", required=True, type=int, metavar="1-4", help=t("cli.help.level"))
    p.add_argument(
        "--experience",
        action="append",
        metavar=t("cli.metavar.experience"),
        help=t("cli.help.badge_experience"),
    )
    p.add_argument("--email", metavar=t("cli.metavar.email"), help=t("cli.help.email"))
    p.add_argument("--name", metavar=t("cli.metavar.name"), help=t("cli.help.recipient_name"))
    p.add_argument("--consent", action="store_true", help=t("cli.help.consent"))
    p.add_argument("--narrative", metavar=t("cli.metavar.text"), help=t("cli.help.narrative"))
    p.add_argument("--criteria", metavar=t("cli.metavar.text"), help=t("cli.help.criteria"))
    p.set_defaults(handler=c.cmd_badge_request)
    p = action("list")
    _player(p, t)
    _json(p, t)
    p.set_defaults(handler=c.cmd_badge_list)
    cli_issuer.badge_actions(action, t)
    cli_badge_life.badge_life_actions(action, t)


def _data(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    p = _add(subs, "export", common, t)
    _player(p, t)
    p.add_argument("--out", required=True, metavar=t("cli.metavar.file"), help=t("cli.help.out"))
    p.add_argument("--data", action="store_true", help=t("cli.help.data"))
    p.add_argument("--consent", action="store_true", help=t("cli.help.share_consent"))
    p.add_argument("--no-png", action="store_true", help=t("cli.help.no_png"))
    p.set_defaults(handler=c.cmd_export)
    p = _add(subs, "erase", common, t)
    _player(p, t)
    p.add_argument("--yes", action="store_true", help=t("cli.help.yes"))
    p.add_argument("--local-only", action="store_true", help=t("cli.help.erase_local_only"))
    p.set_defaults(handler=c.cmd_erase)


def _workshop(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    action = _group(subs, "workshop", common, t)
    p = action("create")
    p.add_argument(
        "--structure", required=True, metavar=t("cli.metavar.structure"), help=t("cli.help.org")
    )
    p.add_argument("--counsellor", metavar=t("cli.metavar.name"), help=t("cli.help.counsellor"))
    p.add_argument(
        "--date",
        type=partial(c._iso_date, t=t),
        metavar=t("cli.metavar.date"),
        help=t("cli.help.date"),
    )
    _json(p, t)
    p.set_defaults(handler=c.cmd_workshop_create)
    p = action("list")
    p.add_argument("--structure", metavar=t("cli.metavar.structure"), help=t("cli.help.structure"))
    _json(p, t)
    p.set_defaults(handler=c.cmd_workshop_list)
    p = action("show")
    p.add_argument("code", metavar=t("cli.metavar.code"), help=t("cli.help.workshop"))
    p.add_argument("--out", metavar=t("cli.metavar.file"), help=t("cli.help.workshop_out"))
    p.set_defaults(handler=c.cmd_workshop_show)


def _queue(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    p = _add(subs, "queue", common, t)
    p.add_argument("--workshop", metavar=t("cli.metavar.code"), help=t("cli.help.workshop"))
    p.add_argument("--structure", metavar=t("cli.metavar.structure"), help=t("cli.help.structure"))
    _json(p, t)
    p.set_defaults(handler=c.cmd_queue)


def _counsellor(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    p = _add(subs, "counsellor", common, t)
    p.add_argument("name", nargs="?", metavar=t("cli.metavar.name"), help=t("cli.help.by"))
    p.set_defaults(handler=c.cmd_counsellor)


def _stats(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    p = _add(subs, "stats", common, t)
    p.add_argument("--structure", metavar=t("cli.metavar.structure"), help=t("cli.help.structure"))
    p.add_argument(
        "--from",
        dest="start",
        type=partial(c._iso_date, t=t),
        metavar=t("cli.metavar.date"),
        help=t("cli.help.from"),
    )
    p.add_argument(
        "--to",
        dest="end",
        type=partial(c._iso_date, t=t),
        metavar=t("cli.metavar.date"),
        help=t("cli.help.to"),
    )
    p.add_argument("--workshop", metavar=t("cli.metavar.code"), help=t("cli.help.workshop"))
    p.add_argument("--funders", action="store_true", help=t("cli.help.funders"))
    output = p.add_mutually_exclusive_group()
    output.add_argument("--csv", action="store_true", help=t("cli.help.csv"))
    output.add_argument("--json", action="store_true", help=t("cli.help.json"))
    p.set_defaults(handler=c.cmd_stats)


def register(subs: Any, common: argparse.ArgumentParser, t: Catalogue) -> None:
    """Add every subcommand to ``subs``; each sets ``handler``."""
    for add in (
        _players,
        _review,
        _experience,
        _badge,
        _data,
        _workshop,
        _stats,
        _counsellor,
        _queue,
    ):
        add(subs, common, t)
    cli_issuer.register(subs, common, t, _group)
    cli_endorse.register(subs, common, t, _group)  # issue 9: endorsement requests
    cli_share.register(subs, common, t, _group)  # issue 9: publish, privacy, erasure on issuers
