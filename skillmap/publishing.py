"""Showing what was recognised, through the bundled issuer (issue 9).

- ``publish``: with the young person's consent, the portfolio page (the same self-contained
  HTML as ``portfolio``) goes to the issuer, which answers an unguessable link (and its PDF);
  the link is kept in ``published-portfolios.json`` (0600) beside the data, shown as a QR code.
- ``unpublish``: the link stops working (410).
- ``set_privacy``: per badge, a name shown or not (pseudonym or first name) and the narrative
  or not; the issuer applies it to the page, the JSON-LD, the credential and the baked images.
- ``erase_on_issuers``: before a young person is erased here, their badges' public pages are
  made to answer 410 and their published portfolio and open endorsement requests withdrawn.
"""

import base64
import gzip
import io
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import segno

from shared.badge import BadgeRequest, IssuerAnswer
from shared.store import Store
from shared.store.locking import locked
from skillmap import portfolio
from skillmap.common import ActionError
from skillmap.issuer_client import IssuerClient, IssuerError
from skillmap.people import resolve_id
from skillmap.sending import find_request

ClientFactory = Callable[[str | None], IssuerClient]
REGISTRY = "published-portfolios.json"


@dataclass
class Published:
    """A portfolio published on an issuer: its link is a secret, kept only here."""

    player_id: str
    issuer: str
    entity_id: str
    url: str
    pdf: str
    expires: str = ""


def _registry_path(root: Path) -> Path:
    return Path(root) / REGISTRY


def _read(root: Path) -> dict[str, dict[str, str]]:
    path = _registry_path(root)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ActionError("error.published_damaged", path=str(path)) from exc
    return data if isinstance(data, dict) else {}


def _write(root: Path, data: dict[str, dict[str, str]]) -> None:
    """Atomically, readable by its owner only (the links are secrets)."""
    path = _registry_path(root)
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def published(root: Path, player_id: str) -> Published | None:
    found = _read(root).get(player_id)
    return Published(**found) if found else None


def _expiry(day: str) -> str | None:
    """``YYYY-MM-DD`` -> the end of that day, UTC, ISO; None for no expiry."""
    if not day:
        return None
    try:
        when = date.fromisoformat(day.strip())
    except ValueError as exc:
        raise ActionError("error.publish_date", date=day) from exc
    moment = datetime.combine(when, time(23, 59, 59), tzinfo=UTC)
    if moment <= datetime.now(UTC):
        raise ActionError("error.publish_date", date=day)
    return moment.isoformat()


def publish(
    store: Store,
    player: str,
    clients: ClientFactory,
    consent: bool,
    expires: str = "",
    issuer: str | None = None,
    lang: str = "fr",
) -> Published:
    """Publish the portfolio (consent recorded by ``portfolio``); replaces an earlier link."""
    player_id = resolve_id(store, player)
    if not consent and not store.player(player_id).consent.share_portfolio:
        raise ActionError("error.portfolio_consent")
    html = portfolio.portfolio_html(store, player_id, lang, consent=consent)
    packed = base64.b64encode(gzip.compress(html.encode("utf-8"))).decode("ascii")
    body: dict[str, Any] = {"htmlGzipBase64": packed, "consent": True}
    until = _expiry(expires)
    if until:
        body["expires"] = until
    client = clients(issuer)
    result = client.v2("POST", "/v2/portfolios", body)
    done = Published(
        player_id=player_id,
        issuer=client.config.name,
        entity_id=str(result["entityId"]),
        url=str(result["url"]),
        pdf=str(result.get("pdf", "")),
        expires=str(result.get("expires") or ""),
    )
    earlier = published(store.root, player_id)
    with locked(_registry_path(store.root)):
        data = _read(store.root)
        data[player_id] = asdict(done)
        _write(store.root, data)
    if earlier is not None:  # one live link per young person: the old one stops
        _unpublish_remote(clients, earlier)
    return done


def _unpublish_remote(clients: ClientFactory, earlier: Published) -> None:
    try:
        clients(earlier.issuer or None).v2("DELETE", f"/v2/portfolios/{earlier.entity_id}")
    except IssuerError as error:
        if error.status != 404:
            raise


def unpublish(store: Store, player: str, clients: ClientFactory) -> Published:
    player_id = resolve_id(store, player)
    found = published(store.root, player_id)
    if found is None:
        raise ActionError("error.publish_none")
    _unpublish_remote(clients, found)
    with locked(_registry_path(store.root)):
        data = _read(store.root)
        data.pop(player_id, None)
        _write(store.root, data)
    return found


def privacy_of(store: Store, badge_ref: str, clients: ClientFactory) -> dict[str, Any]:
    """The choice in force on the issuer for one issued badge: ``name`` (none | pseudonym |
    first_name), ``displayName``, ``showNarrative`` (the least when none was made)."""
    _badge, answer = _issued(store, badge_ref)
    path = f"/v2/assertions/{answer.assertion_id}/privacy"
    return clients(answer.issuer or None).v2("GET", path)


def _issued(store: Store, badge_ref: str) -> tuple[BadgeRequest, IssuerAnswer]:
    """The issued badge and the issuer's answer for it (else an error in words)."""
    badge = find_request(store, badge_ref)
    if badge.status != "issued" or badge.answer is None or not badge.answer.assertion_id:
        raise ActionError("error.endorse_not_issued")
    return badge, badge.answer


def set_privacy(
    store: Store, badge_ref: str, clients: ClientFactory, name: str, shown: str, narrative: bool
) -> dict[str, Any]:
    """What the public sees of one issued badge (the young person's choice)."""
    badge, answer = _issued(store, badge_ref)
    if name == "pseudonym" and not shown:
        shown = store.player(badge.player_id).pseudonym
    if name == "first_name" and not shown:
        raise ActionError("error.privacy_first_name")
    body = {
        "name": name,
        "displayName": shown if name != "none" else "",
        "showNarrative": narrative,
    }
    path = f"/v2/assertions/{answer.assertion_id}/privacy"
    return clients(answer.issuer or None).v2("PUT", path, body)


def erase_on_issuers(store: Store, player_id: str, clients: ClientFactory) -> list[str]:
    """Before erasing here: the issuers forget what they show of this young person."""
    by_issuer: dict[str, dict[str, list[str]]] = {}

    def bucket(issuer: str) -> dict[str, list[str]]:
        return by_issuer.setdefault(
            issuer, {"assertions": [], "portfolios": [], "endorsementRequests": []}
        )

    for badge in store.badge_requests(player_id):  # revoked ones too: the issuer still
        if badge.answer is not None and badge.answer.assertion_id:  # holds what they said
            bucket(badge.answer.issuer)["assertions"].append(badge.answer.assertion_id)
    for endorsement in store.endorsements(player_id):
        if endorsement.request_id and endorsement.status in ("requested", "given"):
            bucket(endorsement.issuer)["endorsementRequests"].append(endorsement.request_id)
    found = published(store.root, player_id)
    if found is not None:
        bucket(found.issuer)["portfolios"].append(found.entity_id)
    done: list[str] = []
    for issuer, body in by_issuer.items():
        client = clients(issuer or None)
        if client.config.kind != "diva":  # a Badgr account has no erasure call: revoke there
            continue
        client.v2("POST", "/v2/erasures", body)
        done += [f"{issuer or '-'}: {k} {v}" for k, values in body.items() for v in values]
    if found is not None:
        with locked(_registry_path(store.root)):
            data = _read(store.root)
            data.pop(player_id, None)
            _write(store.root, data)
    return done


def qr_svg(url: str, out: Path) -> Path:
    """The link as a QR code (SVG, segno) for the young person's phone."""
    code = segno.make(url, error="m")
    out.parent.mkdir(parents=True, exist_ok=True)
    code.save(str(out), kind="svg", scale=8, border=2, dark="#2B2540", light="#FFFFFF")
    return out


def qr_text(url: str) -> str:
    """The QR code drawn with characters, for the counsellor's terminal."""
    buffer = io.StringIO()
    segno.make(url, error="m").terminal(out=buffer, compact=True)
    return buffer.getvalue()
