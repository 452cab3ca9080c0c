"""``diva-skillmap share publish|unpublish|privacy|erase``: what the public sees, on the issuer.

- ``publish PLAYER --consent [--expires AAAA-MM-JJ] [--qr FILE.svg]``: the portfolio at an
  unguessable link (printed, with its PDF and a QR code to scan with the young person's phone).
- ``unpublish PLAYER``: the link stops working.
- ``privacy BADGE --name none|pseudonym|first_name [--shown-name N] [--narrative]``.
- ``erase PLAYER``: the issuers forget what they show of this young person (run before ``erase``).
"""

import argparse
import json
from pathlib import Path
from typing import Any

from shared.i18n import Catalogue
from shared.paths import data_dir
from shared.store import Store
from skillmap import publishing, sending
from skillmap.issuers import IssuerBook
from skillmap.people import resolve_id

Args = argparse.Namespace


def register(subs: Any, common: argparse.ArgumentParser, t: Catalogue, group: Any) -> None:
    action = group(subs, "share", common, t)
    p = action("publish")
    p.add_argument("player", metavar=t("cli.metavar.player"), help=t("cli.help.player"))
    p.add_argument("--consent", action="store_true", help=t("cli.help.share_consent"))
    p.add_argument("--expires", default="", metavar="AAAA-MM-JJ", help=t("cli.help.share_expires"))
    p.add_argument("--qr", metavar=t("cli.metavar.file"), help=t("cli.help.share_qr"))
    p.add_argument("--issuer", metavar=t("cli.metavar.name"), help=t("cli.help.issuer_name"))
    p.add_argument("--json", action="store_true", help=t("cli.help.json"))
    p.set_defaults(handler=cmd_publish)
    p = action("unpublish")
    p.add_argument("player", metavar=t("cli.metavar.player"), help=t("cli.help.player"))
    p.set_defaults(handler=cmd_unpublish)
    p = action("privacy")
    p.add_argument("badge", metavar="ID", help=t("cli.help.endorse_badge"))
    p.add_argument("--name", choices=("none", "pseudonym", "first_name"), default="none",
                   help=t("cli.help.share_name"))  # fmt: skip
    p.add_argument("--shown-name", default="", help=t("cli.help.endorse_shown_name"))
    p.add_argument("--narrative", action="store_true", help=t("cli.help.share_narrative"))
    p.set_defaults(handler=cmd_privacy)
    p = action("erase")
    p.add_argument("player", metavar=t("cli.metavar.player"), help=t("cli.help.player"))
    p.set_defaults(handler=cmd_erase_on_issuers)


def _context(args: Args) -> tuple[Store, sending.ClientFactory]:
    root = data_dir(args.data_dir)
    return Store(root), sending.client_factory(IssuerBook(root))


def cmd_publish(args: Args, t: Catalogue) -> int:
    store, clients = _context(args)
    done = publishing.publish(
        store, args.player, clients, args.consent, args.expires, args.issuer, t.lang
    )
    qr = publishing.qr_svg(done.url, Path(args.qr)) if args.qr else None
    if args.json:
        shown = {"url": done.url, "pdf": done.pdf, "expires": done.expires or None}
        print(json.dumps(shown | ({"qr": str(qr)} if qr else {}), ensure_ascii=False, indent=2))
        return 0
    print(t("share.published", url=done.url))
    print(t("share.pdf", url=done.pdf))
    print(t("share.expires", date=done.expires[:10]) if done.expires else t("share.no_expiry"))
    print(publishing.qr_text(done.url))
    if qr:
        print(t("share.qr_written", path=str(qr)))
    return 0


def cmd_unpublish(args: Args, t: Catalogue) -> int:
    store, clients = _context(args)
    publishing.unpublish(store, args.player, clients)
    print(t("share.unpublished"))
    return 0


def cmd_privacy(args: Args, t: Catalogue) -> int:
    store, clients = _context(args)
    publishing.set_privacy(store, args.badge, clients, args.name, args.shown_name, args.narrative)
    print(t(f"share.privacy.{args.name}", name=args.shown_name))
    print(t("share.privacy.narrative_on" if args.narrative else "share.privacy.narrative_off"))
    return 0


def cmd_erase_on_issuers(args: Args, t: Catalogue) -> int:
    store, clients = _context(args)
    done = publishing.erase_on_issuers(store, resolve_id(store, args.player), clients)
    print(t("share.erased", n=len(done)))
    return 0
