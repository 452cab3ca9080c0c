"""``diva-skillmap badge edit|cancel|withdraw``: a request corrected before it leaves,
cancelled, or its consent withdrawn (an issued badge is revoked at its issuer first)."""

import argparse
from typing import Any

from shared.i18n import Catalogue
from shared.paths import data_dir
from shared.store import Store
from skillmap import badge_life, sending
from skillmap.issuers import IssuerBook

Args = argparse.Namespace


def badge_life_actions(action: Any, t: Catalogue) -> None:
    """Added to the existing ``badge`` group."""
    p = action("edit")
    p.add_argument("request", metavar=t("cli.metavar.request"), help=t("cli.help.request"))
    p.add_argument("--email", metavar=t("cli.metavar.email"), help=t("cli.help.email"))
    p.add_argument("--name", metavar=t("cli.metavar.name"), help=t("cli.help.recipient_name"))
    p.add_argument("--narrative", metavar=t("cli.metavar.text"), help=t("cli.help.narrative"))
    p.add_argument("--criteria", metavar=t("cli.metavar.text"), help=t("cli.help.criteria"))
    p.set_defaults(handler=cmd_badge_edit)
    p = action("cancel")
    p.add_argument("request", metavar=t("cli.metavar.request"), help=t("cli.help.request"))
    p.set_defaults(handler=cmd_badge_cancel)
    p = action("withdraw")
    p.add_argument("request", metavar=t("cli.metavar.request"), help=t("cli.help.request"))
    p.set_defaults(handler=cmd_badge_withdraw)


def cmd_badge_edit(args: Args, t: Catalogue) -> int:
    store = Store(data_dir(args.data_dir))
    request = sending.find_request(store, args.request)
    saved = badge_life.edit_request(
        store, request, args.email, args.narrative, args.criteria, args.name
    )
    print(t("badge.edited", id=saved.id[:8], status=t(f"status.badge.{saved.status}")))
    return 0


def cmd_badge_cancel(args: Args, t: Catalogue) -> int:
    store = Store(data_dir(args.data_dir))
    saved = badge_life.cancel_request(store, sending.find_request(store, args.request))
    print(t("badge.cancelled", id=saved.id[:8]))
    return 0


def cmd_badge_withdraw(args: Args, t: Catalogue) -> int:
    """Not yet issued: cancelled, e-mail and consent forgotten. Issued: revoked at its issuer
    (« Consentement retiré »), then the same."""
    root = data_dir(args.data_dir)
    store = Store(root)
    request = sending.find_request(store, args.request)
    if request.status == "issued":
        clients = sending.client_factory(IssuerBook(root))
        sending.revoke(store, request, clients, t("badge.consent_withdrawn_reason"), t)
        print(t("badge.withdrawn_revoked", id=request.id[:8]))
    saved = badge_life.withdraw_consent(store, request)
    if request.status != "issued":
        print(t("badge.withdrawn", id=saved.id[:8]))
    return 0
