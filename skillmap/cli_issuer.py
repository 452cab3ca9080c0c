"""``diva-skillmap issuer add|list|test|remove`` and ``badge send|revoke``: the issuer's side.

Kept apart from the other commands: these are the only ones that talk to the network.
The client secret is read from an environment variable (``--secret-env``) or typed at a
hidden prompt; it is never echoed, printed or put in an error message.
"""

import argparse
import getpass
import json
import os
import sys
from collections import Counter
from typing import Any

from shared.i18n import Catalogue
from shared.paths import data_dir
from shared.store import Store
from skillmap import sending
from skillmap.issuer_client import IssuerClient, facts_of, first_fact
from skillmap.issuers import IssuerBook, IssuerConfig, load_mapping

Args = argparse.Namespace


def _json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _book(args: Args) -> IssuerBook:
    return IssuerBook(data_dir(args.data_dir))


# -- parsers ---------------------------------------------------------------------------------


def register(subs: Any, common: argparse.ArgumentParser, t: Catalogue, group: Any) -> None:
    """``issuer`` and its actions; ``group`` is cli_parsers' helper for command groups."""
    action = group(subs, "issuer", common, t)
    p = action("add")
    p.add_argument("name", metavar=t("cli.metavar.name"), help=t("cli.help.issuer_name"))
    p.add_argument("--url", required=True, metavar="URL", help=t("cli.help.issuer_url"))
    p.add_argument("--client-id", required=True, metavar="ID", help=t("cli.help.client_id"))
    p.add_argument("--secret-env", metavar=t("cli.metavar.var"), help=t("cli.help.secret_env"))
    p.add_argument("--kind", choices=("diva", "badgr"), default="diva", help=t("cli.help.kind_i"))
    p.add_argument("--issuer-id", metavar="ID", help=t("cli.help.issuer_id"))
    p.add_argument("--mapping", metavar=t("cli.metavar.file"), help=t("cli.help.mapping"))
    p.set_defaults(handler=cmd_issuer_add)
    p = action("list")
    p.add_argument("--json", action="store_true", help=t("cli.help.json"))
    p.set_defaults(handler=cmd_issuer_list)
    for name, handler in (("test", cmd_issuer_test), ("remove", cmd_issuer_remove)):
        p = action(name)
        p.add_argument(
            "name",
            nargs="?" if name == "test" else None,
            metavar=t("cli.metavar.name"),
            help=t("cli.help.issuer_name"),
        )
        p.set_defaults(handler=handler)


def badge_actions(action: Any, t: Catalogue) -> None:
    """``badge send`` and ``badge revoke``, added to the existing ``badge`` group."""
    p = action("send")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help=t("cli.help.send_all"))
    which.add_argument(
        "request", nargs="?", metavar=t("cli.metavar.request"), help=t("cli.help.request")
    )
    p.add_argument("--issuer", metavar=t("cli.metavar.name"), help=t("cli.help.send_issuer"))
    p.add_argument("--json", action="store_true", help=t("cli.help.json"))
    p.set_defaults(handler=cmd_badge_send)
    p = action("revoke")
    p.add_argument("request", metavar=t("cli.metavar.request"), help=t("cli.help.request"))
    p.add_argument(
        "--reason", required=True, metavar=t("cli.metavar.text"), help=t("cli.help.reason")
    )
    p.add_argument("--json", action="store_true", help=t("cli.help.json"))
    p.set_defaults(handler=cmd_badge_revoke)


# -- issuer ----------------------------------------------------------------------------------


def _secret(args: Args, t: Catalogue) -> str:
    if args.secret_env:
        value = os.environ.get(args.secret_env, "")
        if not value.strip():
            print(t("issuer.secret_env_empty", var=args.secret_env), file=sys.stderr)
        return value
    return getpass.getpass(t("issuer.secret_prompt") + " ")


def cmd_issuer_add(args: Args, t: Catalogue) -> int:
    config = IssuerConfig(
        name=args.name,
        url=args.url.strip(),
        client_id=args.client_id.strip(),
        kind=args.kind,
        issuer_id=(args.issuer_id or "").strip(),
        mapping=load_mapping(args.mapping) if args.mapping else {},
    )
    book = _book(args)
    book.add(config, _secret(args, t))
    print(t("issuer.added", name=config.name, url=config.base, path=str(book.secrets_path)))
    return 0


def cmd_issuer_list(args: Args, t: Catalogue) -> int:
    found = _book(args).all()
    if args.json:
        _json([i.model_dump() for i in found])
        return 0
    if not found:
        print(t("issuer.none"))
    for issuer in found:
        print(
            t(
                "issuer.line",
                name=issuer.name,
                url=issuer.base,
                id=issuer.client_id,
                kind=issuer.kind,
            )
        )
    return 0


def cmd_issuer_test(args: Args, t: Catalogue) -> int:
    book = _book(args)
    config = book.get(args.name)
    client = IssuerClient(config, book.secret(config.name))
    client.token()
    print(t("issuer.test_login", name=config.name, url=config.base))
    profiles = client.issuers()
    for profile in profiles:
        print(
            "  "
            + t(
                "issuer.test_profile",
                name=profile.get("name", "?"),
                id=profile.get("entityId", "?"),
            )
        )
    classes = client.badge_classes()
    frameworks = Counter(
        str(first_fact(facts_of(c), ("framework", "framework_id", "frameworkId")))
        for c in classes
        if first_fact(facts_of(c), ("framework", "framework_id", "frameworkId"))
    )
    detail = ", ".join(f"{fw} : {n}" for fw, n in sorted(frameworks.items()))
    print(t("issuer.test_classes", n=len(classes), detail=detail or "-"))
    return 0


def cmd_issuer_remove(args: Args, t: Catalogue) -> int:
    _book(args).remove(args.name)
    print(t("issuer.removed", name=args.name))
    return 0


# -- badge send / revoke ---------------------------------------------------------------------


def _print_outcomes(outcomes: list[sending.Outcome], as_json: bool, t: Catalogue) -> None:
    if as_json:
        _json([o.as_json() for o in outcomes])
        return
    if not outcomes:
        print(t("send.nothing"))
    for o in outcomes:
        status = t(f"status.badge.{o.status}")
        print(t("send.line", id=o.request[:8], status=status, message=o.message))
        if o.assertion_url:
            print("    " + t("send.verify", url=o.assertion_url))


def cmd_badge_send(args: Args, t: Catalogue) -> int:
    root = data_dir(args.data_dir)
    store = Store(root)
    book = IssuerBook(root)
    one = args.request
    requests = sending.pending(store) if args.all else [sending.find_request(store, one)]
    if requests:
        book.get(args.issuer)  # no issuer configured: say so once, not per request
    clients = sending.client_factory(book)
    outcomes = sending.send_many(store, root, requests, clients, t, args.issuer)
    _print_outcomes(outcomes, args.json, t)
    return 0 if all(o.status == "issued" for o in outcomes) else 1


def cmd_badge_revoke(args: Args, t: Catalogue) -> int:
    root = data_dir(args.data_dir)
    store = Store(root)
    request = sending.find_request(store, args.request)
    outcome = sending.revoke(
        store, request, sending.client_factory(IssuerBook(root)), args.reason, t
    )
    _print_outcomes([outcome], args.json, t)
    return 0
