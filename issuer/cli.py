"""``diva-issuer``: init, serve, client add|list|revoke, key rotate, sync (help in French).

Every command opens the database, brings its schema up to date (Alembic), does one thing
in one transaction and says what it did; a problem is one readable sentence, exit code 1.
"""

import argparse
import inspect
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from issuer.db.engine import make_engine, session_factory, session_scope
from issuer.db.migrate import upgrade
from issuer.db.models import BadgeClassRow
from issuer.endorsements.api import ENV_SMTP
from issuer.endorsements.pages import catalogue as endorsement_texts
from issuer.service import pictures, profiles
from issuer.service.badgeclasses import sync_badge_classes
from issuer.service.keystore import create_key
from issuer.settings import Settings, build_settings, export_to_environment
from shared.commandline import argparse_in, wanted_lang
from shared.errors import FrameworkError
from shared.framework import Framework, load_frameworks
from shared.i18n import Catalogue

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class CliError(Exception):
    """A problem told to the person in one sentence."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = wanted_lang(argv)
    texts = Catalogue.load("issuer", lang)
    with argparse_in(lang):
        parser = build_parser(texts)
        args = parser.parse_args(argv)
    try:
        return int(args.run(args, texts))
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def build_parser(texts: Catalogue) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diva-issuer", description=texts("cli.description"))
    parser.add_argument("--lang", default="fr", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    init = _command(commands, "init", texts("cli.init"), texts, _init)
    init.add_argument(
        "--name", required=True, metavar=texts("cli.metavar.name"), help=texts("cli.init.name")
    )
    init.add_argument("--url", required=True, metavar="URL", help=texts("cli.init.url"))
    init.add_argument(
        "--email", required=True, metavar=texts("cli.metavar.email"), help=texts("cli.init.email")
    )
    init.add_argument(
        "--frameworks",
        type=Path,
        default=None,
        metavar=texts("cli.metavar.folder"),
        help=texts("cli.frameworks"),
    )

    serve = _command(commands, "serve", texts("cli.serve"), texts, _serve, json_option=False)
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar=texts("cli.metavar.host"),
        help=texts("cli.serve.host"),
    )
    serve.add_argument(
        "--port", type=int, default=8000, metavar="PORT", help=texts("cli.serve.port")
    )
    serve.add_argument(
        "--public-url", default=None, metavar="URL", help=texts("cli.serve.public_url")
    )
    serve.add_argument(
        "--workers", type=int, default=1, metavar="N", help=texts("cli.serve.workers")
    )
    serve.add_argument(  # issue 9: endorsement request mails (default: the outbox folder)
        "--smtp-url", default=None, help=endorsement_texts(texts.lang)("cli.serve.smtp_url")
    )

    client = commands.add_parser("client", help=texts("cli.client"))
    client_commands = client.add_subparsers(dest="client_command", required=True, metavar="ACTION")
    add = _command(client_commands, "add", texts("cli.client.add"), texts, _client_add)
    add.add_argument("--issuer", default=None, metavar="ID", help=texts("cli.issuer"))
    add.add_argument(
        "--label", default="", metavar=texts("cli.metavar.name"), help=texts("cli.client.label")
    )
    listing = _command(client_commands, "list", texts("cli.client.list"), texts, _client_list)
    listing.add_argument("--issuer", default=None, metavar="ID", help=texts("cli.issuer"))
    revoke = _command(client_commands, "revoke", texts("cli.client.revoke"), texts, _client_revoke)
    revoke.add_argument("client_id", metavar="CLIENT_ID", help=texts("cli.client.client_id"))

    key = commands.add_parser("key", help=texts("cli.key"))
    key_commands = key.add_subparsers(dest="key_command", required=True, metavar="ACTION")
    rotate = _command(key_commands, "rotate", texts("cli.key.rotate"), texts, _key_rotate)
    rotate.add_argument("--issuer", default=None, metavar="ID", help=texts("cli.issuer"))

    sync = _command(commands, "sync", texts("cli.sync"), texts, _sync)
    sync.add_argument("--issuer", default=None, metavar="ID", help=texts("cli.issuer"))
    sync.add_argument(
        "--frameworks",
        type=Path,
        default=None,
        metavar=texts("cli.metavar.folder"),
        help=texts("cli.frameworks"),
    )
    return parser


def _command(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    name: str,
    help_text: str,
    texts: Catalogue,
    run: Callable[[argparse.Namespace, Catalogue], int],
    json_option: bool = True,
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help_text, description=help_text)
    parser.add_argument(
        "--data-dir", default=None, metavar=texts("cli.metavar.folder"), help=texts("cli.data_dir")
    )
    parser.add_argument(
        "--database-url", default=None, metavar="URL", help=texts("cli.database_url")
    )
    if json_option:
        parser.add_argument("--json", action="store_true", help=texts("cli.json"))
    parser.set_defaults(run=run)
    return parser


def _settings(args: argparse.Namespace, public_url: str | None = None) -> Settings:
    return build_settings(args.data_dir, args.database_url, public_url)


@contextmanager
def _database(settings: Settings, texts: Catalogue) -> Iterator[Session]:
    """A migrated database and a session committed at the end, or a readable CliError."""
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(settings.data_dir, 0o700)
    except OSError as exc:
        raise CliError(
            texts("cli.error.data_dir", path=settings.data_dir, detail=exc.strerror)
        ) from exc
    _private_database_file(settings)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with session_scope(session_factory(engine)) as session:
            yield session
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:300]
        raise CliError(
            texts("cli.error.database", url=_safe_url(settings.database_url), detail=detail)
        ) from exc
    finally:
        engine.dispose()


def _private_database_file(settings: Settings) -> None:
    """The SQLite file is created 0600 (SQLite gives its -wal and -shm files the same mode)."""
    if not settings.is_sqlite:
        return
    path = Path(settings.database_url.split("///", 1)[-1])
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


def _safe_url(url: str) -> str:
    """The database URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def _frameworks(folder: Path | None, texts: Catalogue) -> dict[str, Framework]:
    try:
        return load_frameworks(folder)
    except FrameworkError as exc:
        raise CliError(texts("cli.error.framework", detail=str(exc))) from exc


def _badge_pictures(session: Session) -> list[tuple[str, int, str]]:
    rows = session.execute(
        select(BadgeClassRow.competency_id, BadgeClassRow.level, BadgeClassRow.framework_id)
    )
    return [(c, level, f) for c, level, f in rows]


def _init(args: argparse.Namespace, texts: Catalogue) -> int:
    if not re.match(r"^https?://[^\s/]+", args.url):
        raise CliError(texts("cli.error.url", url=args.url))
    if not EMAIL.match(args.email.strip()):
        raise CliError(texts("cli.error.email", email=args.email))
    frameworks = _frameworks(args.frameworks, texts)
    settings = _settings(args)
    with _database(settings, texts) as session:
        made = profiles.create_issuer(
            session,
            settings,
            frameworks,
            name=args.name.strip(),
            url=args.url.strip().rstrip("/"),
            email=args.email.strip(),
        )
        issuer_id = made.profile.entity_id
        created = made.badge_classes.created
        # Each badge picture rendered once, now, not on a young person's first download.
        pictures.render_all(settings.data_dir, _badge_pictures(session))
    client = made.client
    if args.json:
        _print_json(
            {
                "issuer_id": issuer_id,
                "client_id": client.client_id,
                "client_secret": client.client_secret,
            }
        )
    else:
        print(
            texts(
                "cli.done.init",
                name=args.name.strip(),
                issuer_id=issuer_id,
                badges=created,
                client_id=client.client_id,
                client_secret=client.client_secret,
            )
        )
    return 0


def _serve(args: argparse.Namespace, texts: Catalogue) -> int:
    import uvicorn  # local: only « serve » needs the server (start time of the other commands)

    settings = _settings(args, args.public_url)
    with _database(settings, texts) as session:
        public_url = settings.public_url or profiles.default_public_url(session)
    settings = Settings(settings.data_dir, settings.database_url, public_url)
    export_to_environment(settings)
    if args.smtp_url:  # read by every worker; never printed (it may hold a password)
        os.environ[ENV_SMTP] = args.smtp_url
    shown = public_url or f"http://{args.host}:{args.port}"
    print(texts("cli.serving", host=args.host, port=args.port, public_url=shown), flush=True)
    uvicorn.run(
        "issuer.app:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        proxy_headers=True,
        access_log=False,
        log_level="info",
        **_health_check(uvicorn.run),
    )
    return 0


WORKER_HEALTH_CHECK_S = 30


def _health_check(run: Any) -> dict[str, Any]:
    """With several workers uvicorn kills and restarts one that does not answer its ping
    within 5 s; a worker still importing on a loaded machine missed it again and again, so
    wait longer (where this uvicorn has the setting)."""
    if "timeout_worker_healthcheck" in inspect.signature(run).parameters:
        return {"timeout_worker_healthcheck": WORKER_HEALTH_CHECK_S}
    return {}


def _client_add(args: argparse.Namespace, texts: Catalogue) -> int:
    with _database(_settings(args), texts) as session:
        profile = _profile(session, args.issuer, texts)
        client = profiles.add_client(session, profile, label=args.label)
    if args.json:
        _print_json(
            {
                "issuer_id": client.issuer_id,
                "client_id": client.client_id,
                "client_secret": client.client_secret,
            }
        )
    else:
        print(
            texts(
                "cli.done.client_add",
                client_id=client.client_id,
                client_secret=client.client_secret,
            )
        )
    return 0


def _client_list(args: argparse.Namespace, texts: Catalogue) -> int:
    with _database(_settings(args), texts) as session:
        profile = _profile(session, args.issuer, texts) if args.issuer else None
        rows = [
            {
                "client_id": c.client_id,
                "issuer_id": c.issuer.entity_id,
                "issuer": c.issuer.name,
                "label": c.label,
                "created": c.created_at.isoformat(),
                "revoked": c.revoked_at is not None,
            }
            for c in profiles.list_clients(session, profile)
        ]
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print(texts("cli.no_clients"))
    for row in rows:
        state = texts("cli.client_revoked" if row["revoked"] else "cli.client_active")
        print(texts("cli.client_row", **row, state=state))
    return 0


def _client_revoke(args: argparse.Namespace, texts: Catalogue) -> int:
    with _database(_settings(args), texts) as session:
        try:
            profiles.revoke_client(session, args.client_id)
        except profiles.ProfileNotFound:
            raise CliError(texts("cli.error.no_client", client_id=args.client_id)) from None
    if args.json:
        _print_json({"client_id": args.client_id, "revoked": True})
    else:
        print(texts("cli.done.client_revoke", client_id=args.client_id))
    return 0


def _key_rotate(args: argparse.Namespace, texts: Catalogue) -> int:
    settings = _settings(args)
    with _database(settings, texts) as session:
        profile = _profile(session, args.issuer, texts)
        key = create_key(session, settings, profile)
        kid, name, issuer_id = key.kid, profile.name, profile.entity_id
    if args.json:
        _print_json({"issuer_id": issuer_id, "kid": kid})
    else:
        print(texts("cli.done.key_rotate", kid=kid, name=name))
    return 0


def _sync(args: argparse.Namespace, texts: Catalogue) -> int:
    frameworks = _frameworks(args.frameworks, texts)
    reports: list[dict[str, object]] = []
    with _database(_settings(args), texts) as session:
        chosen = (
            [_profile(session, args.issuer, texts)]
            if args.issuer
            else profiles.all_profiles(session)
        )
        for profile in chosen:
            report = sync_badge_classes(session, profile, frameworks)
            reports.append(
                {
                    "issuer_id": profile.entity_id,
                    "name": profile.name,
                    "created": report.created,
                    "revised": report.revised,
                    "unchanged": report.unchanged,
                }
            )
    if args.json:
        _print_json(reports)
    else:
        for line in reports:
            print(texts("cli.done.sync", **line))
    return 0


def _profile(session: Session, issuer_id: str | None, texts: Catalogue) -> profiles.IssuerProfile:
    try:
        return profiles.the_only_profile(session, issuer_id)
    except profiles.ProfileNotFound:
        raise CliError(texts("cli.error.no_issuer")) from None


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    sys.exit(main())
