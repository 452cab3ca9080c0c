"""``diva-skillmap endorse PLAYER ...`` and ``endorsement list|send|remind|withdraw``.

``endorse`` records the young person's consent (``--consent``: they agreed to show this badge
or experience to this person) and then sends the request through the configured issuer; if
the issuer is down the request stays queued for ``endorsement send``. The endorser's e-mail is
never printed.
"""

import argparse
import json
from typing import Any

from shared.badge import Endorsement
from shared.i18n import Catalogue
from shared.paths import data_dir
from shared.store import Store
from skillmap import endorsing, sending
from skillmap.issuers import IssuerBook

Args = argparse.Namespace


def register(subs: Any, common: argparse.ArgumentParser, t: Catalogue, group: Any) -> None:
    """``endorse`` and the ``endorsement`` group; ``group`` is cli_parsers' helper."""
    p = subs.add_parser("endorse", parents=[common], help=t("cli.help.endorse"))
    p.add_argument("player", metavar=t("cli.metavar.player"), help=t("cli.help.player"))
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--badge", metavar="ID", help=t("cli.help.endorse_badge"))
    what.add_argument("--experience", metavar="ID", help=t("cli.help.endorse_experience"))
    p.add_argument("--name", required=True, help=t("cli.help.endorse_name"))
    p.add_argument("--role", default="", help=t("cli.help.endorse_role"))
    p.add_argument("--organisation", default="", help=t("cli.help.endorse_organisation"))
    p.add_argument("--email", required=True, help=t("cli.help.endorse_email"))
    p.add_argument("--shown-name", default="", help=t("cli.help.endorse_shown_name"))
    p.add_argument("--consent", action="store_true", help=t("cli.help.endorse_consent"))
    p.add_argument("--issuer", metavar=t("cli.metavar.name"), help=t("cli.help.issuer_name"))
    p.add_argument("--json", action="store_true", help=t("cli.help.json"))
    p.set_defaults(handler=cmd_endorse)
    action = group(subs, "endorsement", common, t)
    p = action("list")
    p.add_argument("player", nargs="?", metavar=t("cli.metavar.player"), help=t("cli.help.player"))
    p.add_argument("--refresh", action="store_true", help=t("cli.help.endorse_refresh"))
    p.add_argument("--json", action="store_true", help=t("cli.help.json"))
    p.set_defaults(handler=cmd_endorsement_list)
    p = action("send")
    p.add_argument("--json", action="store_true", help=t("cli.help.json"))
    p.set_defaults(handler=cmd_endorsement_send)
    for name in ("remind", "withdraw"):
        p = action(name)
        p.add_argument("endorsement", metavar="ID", help=t("cli.help.endorsement_id"))
        p.add_argument("--json", action="store_true", help=t("cli.help.json"))
        p.set_defaults(handler=cmd_endorsement_action, action_name=name)


def _shape(e: Endorsement) -> dict[str, Any]:
    """What the CLI shows of a request (never the endorser's e-mail)."""
    return {
        "id": e.id,
        "player": e.player_id,
        "subject": f"{e.subject_kind}:{e.subject_id}",
        "endorser": e.endorser.model_dump(),
        "status": e.status,
        "reminders": e.reminders,
        "endorsement_url": e.endorsement_url,
        "comment": e.comment,
        "message": e.last_error,
    }


def _print(found: list[Endorsement], as_json: bool, t: Catalogue) -> None:
    if as_json:
        print(json.dumps([_shape(e) for e in found], ensure_ascii=False, indent=2))
        return
    if not found:
        print(t("endorse.none"))
    for e in found:
        who = ", ".join(p for p in (e.endorser.role, e.endorser.organisation) if p)
        line = t(
            "endorse.line",
            id=e.id[:8],
            name=e.endorser.name,
            who=f" ({who})" if who else "",
            subject=t(f"endorse.subject.{e.subject_kind}"),
            status=t(f"endorse.status.{e.status}"),
        )
        print(line)
        if e.last_error:
            print("   " + t(e.last_error))
        if e.comment:
            print("   « " + e.comment.replace("\n", " ") + " »")


def _clients(root: Any) -> sending.ClientFactory:
    return sending.client_factory(IssuerBook(root))


def cmd_endorse(args: Args, t: Catalogue) -> int:
    root = data_dir(args.data_dir)
    store = Store(root)
    wanted = endorsing.Wanted(
        player=args.player,
        badge=args.badge,
        experience=args.experience,
        name=args.name.strip(),
        role=args.role.strip(),
        organisation=args.organisation.strip(),
        email=args.email.strip(),
        consent=args.consent,
        shown_name=args.shown_name,
        issuer=args.issuer or "",
    )
    recorded = endorsing.record(store, wanted)  # the consent is on disk before any sending
    sent = endorsing.send(store, recorded, _clients(root), args.issuer)
    _print([sent], args.json, t)
    return 0 if sent.status == "requested" else 1


def cmd_endorsement_list(args: Args, t: Catalogue) -> int:
    root = data_dir(args.data_dir)
    store = Store(root)
    found = endorsing.all_endorsements(store, args.player)
    if args.refresh:
        clients = _clients(root)
        found = [
            endorsing.refresh(store, e, clients) if e.status == "requested" else e for e in found
        ]
    _print(found, args.json, t)
    return 0


def cmd_endorsement_send(args: Args, t: Catalogue) -> int:
    root = data_dir(args.data_dir)
    store = Store(root)
    queued = [e for e in endorsing.all_endorsements(store) if e.status == "queued"]
    clients = _clients(root)
    done = [endorsing.send(store, e, clients) for e in queued]
    _print(done, args.json, t)
    return 0 if all(e.status == "requested" for e in done) else 1


def cmd_endorsement_action(args: Args, t: Catalogue) -> int:
    root = data_dir(args.data_dir)
    store = Store(root)
    found = endorsing.find(store, args.endorsement)
    action = "reminder" if args.action_name == "remind" else "withdraw"
    _print([endorsing.refresh(store, found, _clients(root), action)], args.json, t)
    return 0
