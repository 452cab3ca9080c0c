"""« Vérifier un badge »: is this file a genuine, current badge of this person?

``verify_baked`` takes what someone uploads — a baked PNG or SVG (OB 2.0 hosted assertion, or an
OB 3.0 credential), a ``credential.jwt`` file, or an assertion's JSON — and checks it the way the
specifications say: the hosted assertion as its issuer serves it now (revoked? expired? on the
issuer's own origin?), or the VC-JWT's signature with the key its ``kid`` URL serves (on the
issuer's origin) and its ``1EdTechRevocationList``. With an e-mail, it also checks the badge was
issued to that address. Every refusal is a ``Reason`` key the pages translate
(``explain``); nothing here raises on bad input.

Fetching is passed in (``fetch``): the page decides what may be fetched. ``http_fetch`` is a
plain one (http/https only, size and time limits); ``public_fetch`` also refuses hosts that
resolve to loopback, private, link-local or reserved addresses, so a public page cannot be made
to probe the server's own network through URLs written in an uploaded file (SSRF).
"""

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import jwt

from issuer.openbadges import baking, ob2, ob3
from shared.i18n import Catalogue

MAX_DOCUMENT_BYTES = 1_000_000
TIMEOUT_SECONDS = 10.0
BADGE = "badge"
ENDORSEMENT = "endorsement"


class Reason(StrEnum):
    """Why a badge is not accepted (``verify.reason.<key>`` in the catalogues)."""

    BROKEN_FILE = "broken_file"
    NOT_A_BADGE = "not_a_badge"
    UNSUPPORTED = "unsupported"
    UNREACHABLE = "unreachable"
    NOT_HOSTED = "not_hosted"
    WRONG_ORIGIN = "wrong_origin"
    FOREIGN_KEY = "foreign_key"
    REVOKED = "revoked"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    RECIPIENT_MISMATCH = "recipient_mismatch"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_KID = "unknown_kid"
    WRONG_ALGORITHM = "wrong_algorithm"
    MALFORMED = "malformed"
    CLAIMS_MISMATCH = "claims_mismatch"
    STATUS_UNAVAILABLE = "status_unavailable"


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer: its status and body."""

    status: int
    body: bytes


class FetchError(Exception):
    """The URL could not be fetched at all (no network, refused, timeout, too big)."""


Fetch = Callable[[str], Fetched]


@dataclass
class Verdict:
    """What the verification found. ``valid`` only with no reason at all."""

    kind: str = ""  # "ob2" (hosted assertion) or "ob3" (VC-JWT)
    document: str = BADGE  # what the file is: a badge, or an endorsement (its words differ)
    reasons: list[Reason] = field(default_factory=list)
    assertion_url: str = ""
    badge_name: str = ""
    badge_url: str = ""
    issuer_name: str = ""
    issuer_url: str = ""
    issued_on: str = ""
    expires: str = ""
    revocation_reason: str = ""
    recipient_checked: bool = False  # an e-mail was given and it matched
    endorsed_url: str = ""  # an endorsement: the badge (or badge class) it is about
    comment: str = ""  # an endorsement: the endorser's words
    detail: str = ""  # technical words for logs, never shown as the message

    @property
    def valid(self) -> bool:
        return not self.reasons

    def refuse(self, reason: Reason, detail: str = "") -> "Verdict":
        if reason not in self.reasons:
            self.reasons.append(reason)
        if detail and not self.detail:
            self.detail = detail
        return self


def explain(reason: Reason | str, lang: str = "fr", document: str = BADGE) -> str:
    """The plain-words message for a reason key, in ``lang`` (French by default), about a
    badge or an endorsement (« Ce badge a été retiré » / « Cette recommandation a été retirée »)."""
    prefix = "verify.endorsement_reason" if document == ENDORSEMENT else "verify.reason"
    return Catalogue.load("issuer.openbadges", lang)(f"{prefix}.{reason}")


def _document_of(types: Any) -> str:
    """``ENDORSEMENT`` for an OB 2.0 ``Endorsement`` or an OB 3.0 ``EndorsementCredential``."""
    names = types if isinstance(types, list) else [types]
    return ENDORSEMENT if {"Endorsement", "EndorsementCredential"} & set(map(str, names)) else BADGE


def http_fetch(url: str) -> Fetched:
    """GET ``url`` (http/https only) asking for JSON-LD, at most 1 MB, in at most 10 s."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) URL: {url[:200]}")
    request = urllib.request.Request(
        url, headers={"Accept": "application/ld+json, application/json;q=0.9, */*;q=0.1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return Fetched(response.status, _read_limited(response))
    except urllib.error.HTTPError as error:
        return Fetched(error.code, _read_limited(error))
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise FetchError(f"{url[:200]}: {error}") from error


def public_fetch(url: str) -> Fetched:
    """``http_fetch``, refusing hosts on the server's own or private networks.

    The name is resolved here and every address checked; urllib resolves it again when it
    connects, so a DNS answer that changes in between is not caught (a proxy with an allow-list
    is the complete answer for a busy public deployment).
    """
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise FetchError(f"{host}: unknown host ({error})") from error
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global:
            raise FetchError(f"{host}: not a public address ({address})")
    return http_fetch(url)


def _read_limited(stream: Any) -> bytes:
    body = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(body) > MAX_DOCUMENT_BYTES:
        raise FetchError("document larger than 1 MB")
    return body


def verify_baked(
    file_bytes: bytes, fetch: Fetch, email: str = "", now: datetime | None = None
) -> Verdict:
    """Verify an uploaded badge file (baked PNG/SVG, VC-JWT text, or assertion JSON).

    ``email``: also check the badge was issued to this address (any spelling of it).
    ``now`` dates OB 2.0 assertions (tests); a VC-JWT's ``exp``/``nbf`` are checked by PyJWT
    against the clock, with one minute of leeway.
    """
    now = now or datetime.now(UTC)
    try:
        payload = extract(file_bytes)
    except baking.BadgeFileError as error:
        return Verdict().refuse(Reason.BROKEN_FILE, str(error))
    if payload is None:
        return Verdict().refuse(Reason.NOT_A_BADGE)
    if _looks_like_jwt(payload):
        return verify_credential_jwt(payload, fetch, email, now)
    return verify_hosted(payload, fetch, email, now)


def extract(file_bytes: bytes) -> str | None:
    """The badge text a file carries: baked content, or the file's own text; None if none."""
    if file_bytes.startswith(baking.PNG_SIGNATURE):
        return baking.unbake_png(file_bytes) or baking.unbake_png(file_bytes, baking.OB3_KEYWORD)
    try:
        text = file_bytes.decode("utf-8-sig").strip()
    except UnicodeDecodeError as error:
        raise baking.BadgeFileError("neither a PNG nor a text file (SVG, JSON, JWT)") from error
    if text.startswith("<"):
        return baking.unbake_svg(text) or baking.unbake_svg(text, baking.CREDENTIAL_ELEMENT)
    return text or None


def _looks_like_jwt(text: str) -> bool:
    parts = text.strip().split(".")
    return len(parts) == 3 and not text.lstrip().startswith(("{", "http"))


# --- OB 2.0 hosted assertions ---------------------------------------------------------------


def verify_hosted(payload: str, fetch: Fetch, email: str, now: datetime) -> Verdict:
    """An OB 2.0 assertion (its JSON or its URL), checked against what its issuer hosts now."""
    verdict = Verdict(kind="ob2")
    baked = _baked_assertion(payload)
    if baked is None:
        return verdict.refuse(Reason.NOT_A_BADGE, "neither an assertion JSON nor a URL")
    verdict.document = _document_of(baked.get("type"))
    if _is_credential(baked):
        return Verdict(kind="ob3", document=verdict.document).refuse(
            Reason.UNSUPPORTED, "OB 3.0 credential without a JWT"
        )
    if _dict(baked.get("verification")).get("type", "hosted") not in ("hosted", "HostedBadge"):
        return verdict.refuse(Reason.UNSUPPORTED, "only hosted verification is supported")
    verdict.assertion_url = str(baked.get("id", ""))
    status, hosted = _fetch_json(fetch, verdict.assertion_url)
    if status == 0:
        return verdict.refuse(Reason.UNREACHABLE, verdict.assertion_url)
    if status == 410 or _dict(hosted).get("revoked") is True:
        verdict.revocation_reason = str(_dict(hosted).get("revocationReason", ""))
        return verdict.refuse(Reason.REVOKED)
    if status != 200 or hosted is None:
        return verdict.refuse(Reason.UNREACHABLE, f"HTTP {status} for {verdict.assertion_url}")
    if hosted.get("id") != verdict.assertion_url or not _same_claims(baked, hosted):
        return verdict.refuse(Reason.NOT_HOSTED, "the file differs from the hosted assertion")
    verdict.document = _document_of(hosted.get("type"))
    if verdict.document == ENDORSEMENT:
        _check_hosted_endorsement(verdict, hosted, fetch)
        _check_dates(verdict, hosted.get("issuedOn"), None, now)
        return verdict  # an endorsement has no recipient: the e-mail is not asked of it
    _check_hosted_badge(verdict, hosted, fetch)
    _check_dates(verdict, hosted.get("issuedOn"), hosted.get("expires"), now)
    if email:
        _check_ob2_recipient(verdict, _dict(hosted.get("recipient")), email)
    return verdict


def _baked_assertion(payload: str) -> dict[str, Any] | None:
    text = payload.strip()
    if text.startswith(("http://", "https://")) and len(text.split()) == 1:
        return {"id": text}
    try:
        document = json.loads(text)
    except ValueError:
        return None
    return document if isinstance(document, dict) and "id" in document else None


def _is_credential(document: dict[str, Any]) -> bool:
    types = document.get("type", [])
    return isinstance(types, list) and "VerifiableCredential" in types


def _same_claims(baked: dict[str, Any], hosted: dict[str, Any]) -> bool:
    """A baked copy must say what the hosted one says about who and what (a URL says nothing)."""
    keys = ("recipient", "badge", "type", "issuer", "claim")
    return all(baked.get(key, hosted.get(key)) == hosted.get(key) for key in keys)


def _check_hosted_endorsement(verdict: Verdict, hosted: dict[str, Any], fetch: Fetch) -> None:
    """An OB 2.0 Endorsement: who gave it (their hosted Profile, on the same origin), what it
    is about, their words."""
    claim = _dict(hosted.get("claim"))
    verdict.endorsed_url = str(claim.get("id", ""))
    verdict.comment = str(claim.get("endorsementComment", ""))
    verdict.badge_name = str(hosted.get("name", ""))
    status, endorser = _fetch_json(fetch, str(hosted.get("issuer", "")))
    if status != 200 or endorser is None:
        verdict.refuse(Reason.UNREACHABLE, f"endorser: HTTP {status}")
        return
    verdict.issuer_name, verdict.issuer_url = str(endorser.get("name", "")), ""
    if _origin(str(endorser.get("id", ""))) != _origin(verdict.assertion_url):
        verdict.refuse(Reason.WRONG_ORIGIN, "the endorsement is not on its endorser's origin")


def _check_hosted_badge(verdict: Verdict, hosted: dict[str, Any], fetch: Fetch) -> None:
    badge = hosted.get("badge")
    if isinstance(badge, str):
        status, badge = _fetch_json(fetch, badge)
        if status != 200 or badge is None:
            verdict.refuse(Reason.UNREACHABLE, f"badge class: HTTP {status}")
            return
    if not isinstance(badge, dict):
        verdict.refuse(Reason.MALFORMED, "no badge class")
        return
    verdict.badge_name, verdict.badge_url = str(badge.get("name", "")), str(badge.get("id", ""))
    issuer = badge.get("issuer")
    if isinstance(issuer, str):
        status, issuer = _fetch_json(fetch, issuer)
        if status != 200 or issuer is None:
            verdict.refuse(Reason.UNREACHABLE, f"issuer: HTTP {status}")
            return
    if not isinstance(issuer, dict):
        verdict.refuse(Reason.MALFORMED, "no issuer")
        return
    verdict.issuer_name, verdict.issuer_url = (
        str(issuer.get("name", "")),
        str(issuer.get("url", "")),
    )
    if _origin(str(issuer.get("id", ""))) != _origin(verdict.assertion_url):
        verdict.refuse(Reason.WRONG_ORIGIN, "the assertion is not on its issuer's origin")


def _check_ob2_recipient(verdict: Verdict, recipient: dict[str, Any], email: str) -> None:
    identity = str(recipient.get("identity", ""))
    if recipient.get("type", "email") != "email":
        verdict.refuse(Reason.RECIPIENT_MISMATCH, "the recipient is not an e-mail address")
    elif recipient.get("hashed"):
        _record_match(
            verdict, ob2.recipient_matches(email, identity, str(recipient.get("salt", "")))
        )
    else:
        _record_match(verdict, ob2.normalise_email(identity) == ob2.normalise_email(email))


def _record_match(verdict: Verdict, matched: bool) -> None:
    if matched:
        verdict.recipient_checked = True
    else:
        verdict.refuse(Reason.RECIPIENT_MISMATCH)


# --- OB 3.0 VC-JWT --------------------------------------------------------------------------


def verify_credential_jwt(token: str, fetch: Fetch, email: str, now: datetime) -> Verdict:
    """An OB 3.0 VC-JWT: its key from the ``kid`` URL on the issuer's origin, then its status."""
    verdict = Verdict(kind="ob3")
    try:
        header = ob3.unverified_header(token)
        claims = _unverified_claims(token)
    except ob3.CredentialError as error:
        return verdict.refuse(Reason(error.reason.value), error.detail)
    kid, issuer_id = str(header.get("kid", "")), str(claims.get("iss", ""))
    verdict.assertion_url = str(claims.get("jti", ""))
    verdict.document = _document_of(claims.get("type"))
    if not kid.startswith(("http://", "https://")):
        return verdict.refuse(Reason.UNKNOWN_KID, "the kid is not a URL")
    if _origin(kid) != _origin(issuer_id):
        return verdict.refuse(Reason.FOREIGN_KEY, "the key is not on the issuer's origin")
    key_set = _fetch_key_set(fetch, kid)
    if key_set is None:
        return verdict.refuse(Reason.UNREACHABLE, f"key {kid}")
    try:
        credential = ob3.verify_credential(token, key_set)
    except ob3.CredentialError as error:
        return verdict.refuse(Reason(error.reason.value), error.detail)
    _describe_credential(verdict, credential)
    _check_status(verdict, credential, fetch)
    if email and verdict.document == BADGE:  # an endorsement has no recipient
        _check_ob3_recipient(verdict, credential, email)
    return verdict


def _unverified_claims(token: str) -> dict[str, Any]:
    try:
        claims = jwt.decode(token.strip(), options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise ob3.CredentialError(ob3.Reason.MALFORMED, str(error)) from error
    return claims


def _fetch_key_set(fetch: Fetch, kid: str) -> dict[str, Any] | None:
    """The kid URL's answer as a JWKS: a JWK, a JWKS, or a key document with ``publicKeyJwk``."""
    status, document = _fetch_json(fetch, kid)
    if status != 200 or document is None:
        return None
    if "keys" in document:
        return document
    jwk = document.get("publicKeyJwk", document)
    if isinstance(jwk, dict) and "kty" in jwk:
        return {"keys": [{**jwk, "kid": kid}]}
    return {"keys": []}


def _describe_credential(verdict: Verdict, credential: dict[str, Any]) -> None:
    issuer = credential.get("issuer", {})
    issuer = issuer if isinstance(issuer, dict) else {"id": issuer}
    achievement = _dict(_dict(credential.get("credentialSubject")).get("achievement"))
    verdict.badge_name = str(achievement.get("name", credential.get("name", "")))
    verdict.badge_url = str(achievement.get("id", ""))
    verdict.issuer_name, verdict.issuer_url = (
        str(issuer.get("name", "")),
        str(issuer.get("url", "")),
    )
    verdict.issued_on = str(credential.get("validFrom", ""))
    verdict.expires = str(credential.get("validUntil", ""))
    if verdict.document == ENDORSEMENT:
        subject = _dict(credential.get("credentialSubject"))
        verdict.endorsed_url = str(subject.get("id", ""))
        verdict.comment = str(subject.get("endorsementComment", ""))


def _check_status(verdict: Verdict, credential: dict[str, Any], fetch: Fetch) -> None:
    status_entry = _dict(credential.get("credentialStatus"))
    if status_entry.get("type") != ob3.STATUS_TYPE:
        return
    status, status_list = _fetch_json(fetch, str(status_entry.get("id", "")))
    if status != 200 or status_list is None:
        verdict.refuse(Reason.STATUS_UNAVAILABLE, f"revocation list: HTTP {status}")
        return
    revoked, reason = ob3.is_revoked(str(credential.get("id", "")), status_list)
    if revoked:
        verdict.revocation_reason = reason
        verdict.refuse(Reason.REVOKED)


def _check_ob3_recipient(verdict: Verdict, credential: dict[str, Any], email: str) -> None:
    identities = _dict(credential.get("credentialSubject")).get("identifier")
    identities = identities if isinstance(identities, list) else []
    emails = [_dict(i) for i in identities if _dict(i).get("identityType") == "emailAddress"]
    matched = any(
        ob2.recipient_matches(email, str(i.get("identityHash", "")), str(i.get("salt", "")))
        if i.get("hashed")
        else ob2.normalise_email(str(i.get("identityHash", ""))) == ob2.normalise_email(email)
        for i in emails
    )
    _record_match(verdict, matched)


# --- shared ---------------------------------------------------------------------------------


def _fetch_json(fetch: Fetch, url: str) -> tuple[int, dict[str, Any] | None]:
    """(HTTP status, JSON object or None); status 0 when the URL could not be fetched."""
    if not url.startswith(("http://", "https://")):
        return 0, None
    try:
        answer = fetch(url)
    except FetchError:
        return 0, None
    try:
        document = json.loads(answer.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return answer.status, None
    return answer.status, document if isinstance(document, dict) else None


def _dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one: documents come from anywhere."""
    return value if isinstance(value, dict) else {}


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _check_dates(verdict: Verdict, issued_on: Any, expires: Any, now: datetime) -> None:
    verdict.issued_on, verdict.expires = str(issued_on or ""), str(expires or "")
    issued, until = _parse_time(issued_on), _parse_time(expires)
    if issued_on and issued is None:
        verdict.refuse(Reason.MALFORMED, f"issuedOn {issued_on!r}")
    elif issued is not None and issued > now:
        verdict.refuse(Reason.NOT_YET_VALID)
    if until is not None and until <= now:
        verdict.refuse(Reason.EXPIRED)


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
