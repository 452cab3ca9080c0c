"""Sample issuer data for the Open Badges document tests, and a real tiny badge web site.

``BadgeSite`` is a ``http.server`` on 127.0.0.1 (a free port) that answers fixed documents at
fixed paths, so the 1EdTech validator fetches real HTTP from the issuer's own origin.
"""

import functools
import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from PIL import Image

from issuer.openbadges import baking, keys, ob2, ob3
from issuer.openbadges.model import (
    Alignment,
    AssertionInfo,
    BadgeClassInfo,
    IssuerInfo,
    Revocation,
)

EMAIL = "Lea.Martin@Exemple.fr"
# Two days ago: verifiers refuse an issue date in the future.
ISSUED_ON = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)


def sample_issuer(base: str) -> IssuerInfo:
    return IssuerInfo(
        id_url=f"{base}/issuers/ml-lens",
        entity_id="ml-lens",
        name="Mission Locale de Lens",
        url="https://mission-locale-lens.example.fr",
        email="contact@mission-locale-lens.example.fr",
        public_key_urls=[f"{base}/keys/k1"],
        jwks_url=f"{base}/.well-known/jwks.json",
        revocation_list_url=f"{base}/issuers/ml-lens/revocations",
    )


def sample_badge(base: str) -> BadgeClassInfo:
    return BadgeClassInfo(
        id_url=f"{base}/badgeclasses/communiquer-2",
        entity_id="communiquer-2",
        name="Communiquer à l’oral — niveau 2",
        description="S’exprimer à l’oral de façon claire dans une situation de travail.",
        criteria_narrative="Explique une consigne à un collègue et vérifie qu’elle est comprise.",
        criteria_url=f"{base}/badgeclasses/communiquer-2#criteria",
        image_url=f"{base}/badgeclasses/communiquer-2/image.png",
        issuer=sample_issuer(base),
        alignment=Alignment(
            target_name="Communiquer à l’oral",
            target_url=f"{base}/frameworks/diva-transversal/communiquer",
            target_framework="DIVA — compétences transversales (version 1)",
            target_code="communiquer",
            target_description="Se faire comprendre et comprendre les autres à l’oral.",
        ),
        competency_id="communiquer",
        level=2,
        framework_id="diva-transversal",
        framework_version="1",
        tags=["DIVA", "communication"],
    )


def sample_assertion(base: str, **changes: Any) -> AssertionInfo:
    salt = changes.pop("recipient_salt", "c0ffee5a1t")
    values: dict[str, Any] = {
        "id_url": f"{base}/assertions/a-0001",
        "entity_id": "a-0001",
        "badge": sample_badge(base),
        "recipient_hash": ob2.hash_email(EMAIL, salt),
        "recipient_salt": salt,
        "issued_on": ISSUED_ON,
        "narrative": "A expliqué la tâche du jour à un nouveau venu pendant le stage.",
        "evidence": [{"url": f"{base}/evidence/1", "narrative": "Récit de l’expérience."}],
        "signing_kid": f"{base}/keys/k1",
    }
    values.update(changes)
    return AssertionInfo(**values)


def plain_png(size: int = 64) -> bytes:
    """A small opaque PNG (the badge picture stands in until shared.look draws one)."""
    output = io.BytesIO()
    Image.new("RGBA", (size, size), (31, 94, 168, 255)).save(output, format="PNG")
    return output.getvalue()


@dataclass
class Page:
    status: int
    content_type: str
    body: bytes


@dataclass
class BadgeSite:
    """Fixed pages on a real loopback HTTP server; ``base`` is its origin."""

    server: ThreadingHTTPServer
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        assert isinstance(host, str)
        return f"http://{host}:{port}"

    def json(self, path: str, document: Any, status: int = 200) -> None:
        body = json.dumps(document, ensure_ascii=False).encode("utf-8")
        self.pages[path] = Page(status, "application/ld+json", body)

    def raw(self, path: str, content_type: str, body: bytes, status: int = 200) -> None:
        self.pages[path] = Page(status, content_type, body)


def start_site() -> BadgeSite:
    site_holder: list[BadgeSite] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site = site_holder[0]
            path = self.path.split("?", 1)[0]
            site.requests.append(path)
            page = site.pages.get(path, Page(404, "application/json", b'{"error": "not found"}'))
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site = BadgeSite(server)
    site_holder.append(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site


def running_site() -> Iterator[BadgeSite]:
    """A generator for a fixture: the site, then shut down."""
    site = start_site()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


@functools.cache
def issuer_key() -> str:
    """One RSA key for the whole test session (making one takes up to a second on a busy CI)."""
    return keys.generate_private_key()


@dataclass
class Published:
    """One badge as its issuer publishes it on a ``BadgeSite``."""

    assertion: AssertionInfo
    private_pem: str
    assertion_json: str
    credential_jwt: str

    @property
    def url(self) -> str:
        return self.assertion.id_url


def publish(
    site: BadgeSite, issuer_base: str = "", private_pem: str = "", **changes: Any
) -> Published:
    """Serve one issuer, badge class and assertion (OB 2.0 and OB 3.0) as the issuer would.

    ``issuer_base`` gives the issuer (and its key) another origin: the same server, another name.
    """
    base = site.base
    assertion = sample_assertion(base, **changes)
    issuer = sample_issuer(issuer_base or base)
    assertion = replace(assertion, badge=replace(assertion.badge, issuer=issuer))
    pem = private_pem or issuer_key()
    kid = issuer.public_key_urls[0]
    key_document = ob2.cryptographic_key_document(
        kid, issuer.id_url, keys.public_pem(pem), keys.public_jwk(pem, kid)
    )
    badge = assertion.badge
    site.json(f"/issuers/{issuer.entity_id}", ob2.issuer_document(issuer))
    site.json("/keys/k1", key_document)
    site.json("/.well-known/jwks.json", keys.jwks([keys.public_jwk(pem, kid)]))
    site.json(f"/badgeclasses/{badge.entity_id}", ob2.badgeclass_document(badge))
    site.raw(f"/badgeclasses/{badge.entity_id}/image.png", "image/png", plain_png())
    document = ob2.assertion_document(assertion)
    assertion_json = json.dumps(document, ensure_ascii=False)
    site.json(f"/assertions/{assertion.entity_id}", document, 410 if assertion.revoked else 200)
    baked = baking.bake_png(plain_png(), assertion_json)
    site.raw(f"/assertions/{assertion.entity_id}/image.png", "image/png", baked)
    token = ob3.sign_credential(ob3.credential(assertion), pem, kid)
    site.raw(f"/assertions/{assertion.entity_id}/credential.jwt", "application/jwt", token.encode())
    revoked = (
        [Revocation(assertion.id_url, assertion.revocation_reason)] if assertion.revoked else []
    )
    revocations = ob2.revocation_list_document(issuer, revoked) | ob3.revocation_list(
        issuer, revoked
    )
    site.json(f"/issuers/{issuer.entity_id}/revocations", revocations)
    return Published(assertion, pem, assertion_json, token)
