"""An HTTP client for a Badgr-v2-shaped issuing API (the bundled ``diva-issuer`` or Badgr).

What makes it safe to retry: every call has a timeout; connection errors and 5xx answers are
tried again a bounded number of times with an exponential backoff (the sleeper is injected, so
tests never wait); a 401 fetches a new token once; and an assertion POST always carries the
badge request's idempotency key as ``Idempotency-Key`` (the bundled issuer answers a repeat with
the same assertion). Badgr ignores that header, so the POST also says
``allowDuplicateAwards: false`` to a Badgr account, and a refusal for a previous award is
answered by looking the existing assertion up. Errors are ``IssuerError``s with a catalogue key:
``transient`` ones (unreachable, 5xx, not JSON) leave a request queued, the others are refusals.

``requests`` is used for HTTP: the project already depends on it and it is the maintained,
well-known client; retries are written here rather than with urllib3's ``Retry`` because a
POST must be retried too (safely, thanks to the idempotency key) and the 401 refresh sits in
the same loop.
"""

import os
import re
import time
from collections.abc import Callable
from typing import Any

import requests

from skillmap.common import ActionError
from skillmap.issuers import IssuerConfig, mapping_key

Sleeper = Callable[[float], None]
TIMEOUT = (5.0, 30.0)  # connect, read (seconds)
TRIES = 4
BACKOFF = 0.5
SCOPE = "rw:issuer"
PREVIOUS_AWARD = "previous award"  # Badgr's "A previous award of this badge already exists..."
MAX_MESSAGE = 300
MAX_BODY = 10 * 2**20  # no answer of an issuer (a baked image included) is near this


class IssuerError(ActionError):
    """What went wrong talking to an issuer; ``transient`` when trying later may work."""

    def __init__(self, key: str, transient: bool, status: int = 0, **values: Any) -> None:
        super().__init__(key, **values)
        self.transient = transient
        self.status = status


def _unreachable(key: str, config: IssuerConfig, **values: Any) -> IssuerError:
    return IssuerError(key, True, name=config.name, url=config.base, **values)


def issuer_message(body: Any) -> str:
    """The readable part of an error body: Badgr's envelope, OAuth2's error, or a detail."""
    if not isinstance(body, dict):
        return ""
    parts: list[str] = []
    status = body.get("status")
    if isinstance(status, dict) and status.get("description"):
        parts.append(str(status["description"]))
    for name, errors in (body.get("fieldErrors") or {}).items():
        parts.append(f"{name} : {_flatten(errors)}")
    parts.extend(_flatten(e) for e in body.get("validationErrors") or [])
    for key in ("error_description", "error", "detail"):
        if not parts and body.get(key):
            parts.append(_flatten(body[key]))
    text = " ; ".join(p for p in parts if p and p != "error")
    return text[:MAX_MESSAGE]


def _flatten(value: Any) -> str:
    if isinstance(value, list):
        return " ; ".join(_flatten(v) for v in value)
    if isinstance(value, dict):
        return " ; ".join(f"{k} : {_flatten(v)}" for k, v in value.items())
    return str(value)


def _result(body: Any, config: IssuerConfig) -> list[dict[str, Any]]:
    """The ``result`` list of a v2 envelope, or a clear error when the answer is not one."""
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, list) or not all(isinstance(r, dict) for r in result):
        raise _unreachable("error.issuer_garbage", config, detail="result")
    return result


CA_BUNDLE_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


def http_session() -> requests.Session:
    """A ``requests`` session that reads the environment once, not on every request.

    With ``trust_env`` requests re-reads every proxy variable and the netrc file on each call
    (~0.5 ms, a tenth of a loopback exchange). When no proxy is configured there is nothing to
    read again: the CA bundle variables are applied here and ``trust_env`` is turned off (which
    also keeps a netrc entry from replacing the bearer token). With a proxy, requests keeps
    its usual per-request reading (its no_proxy rules are per host).
    """
    session = requests.Session()
    if requests.utils.getproxies():
        return session
    bundle = next((os.environ[v] for v in CA_BUNDLE_VARIABLES if os.environ.get(v)), None)
    if bundle:
        session.verify = bundle
    session.trust_env = False
    return session


class IssuerClient:
    """One configured issuer account, logged in on first use."""

    def __init__(
        self,
        config: IssuerConfig,
        secret: str,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = TIMEOUT,
        tries: int = TRIES,
        backoff: float = BACKOFF,
        sleep: Sleeper = time.sleep,
    ) -> None:
        self.config = config
        self._secret = secret
        self.session = session or http_session()
        self.timeout = timeout
        self.tries = max(1, tries)
        self.backoff = backoff
        self.sleep = sleep
        self._token = ""
        self._token_until = 0.0
        self._classes: dict[str, list[dict[str, Any]]] = {}
        self._found: dict[tuple[str, str, int], dict[str, Any]] = {}  # matched once per run
        self._issuer_id = ""
        self.calls = 0  # HTTP requests made (for tests and the bench)
        self._files_client: IssuerClient | None = None

    def files_client(self) -> "IssuerClient":
        """The same account for a second thread (fetching the public files of badges while
        the next one is POSTed): its own ``requests`` session, whose cookies and settings are
        not shared, over the same adapters (urllib3's connection pools are thread-safe: each
        thread gets its own kept-alive connection). Made once per client."""
        if self._files_client is None:
            twin = requests.Session()
            for name in ("verify", "cert", "trust_env", "max_redirects"):
                setattr(twin, name, getattr(self.session, name))
            twin.headers.update(self.session.headers)
            twin.proxies.update(self.session.proxies)
            for prefix, adapter in self.session.adapters.items():
                twin.mount(prefix, adapter)
            self._files_client = IssuerClient(
                self.config, self._secret, session=twin, timeout=self.timeout,
                tries=self.tries, backoff=self.backoff, sleep=self.sleep,
            )  # fmt: skip
        return self._files_client

    def __repr__(self) -> str:  # never the secret nor the token
        return f"IssuerClient({self.config.name!r}, {self.config.base!r})"

    # -- transport -------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.config.base + path

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One HTTP exchange, retried on connection errors and 5xx with a bounded backoff."""
        for attempt in range(self.tries):
            last = attempt == self.tries - 1
            try:
                self.calls += 1
                response = self.session.request(
                    method, url, timeout=self.timeout, stream=True, **kwargs
                )
                self._read(response)
            except requests.Timeout as exc:
                if last:
                    raise _unreachable("error.issuer_timeout", self.config) from exc
            except requests.RequestException as exc:
                if last:
                    detail = type(exc).__name__
                    raise _unreachable("error.issuer_down", self.config, detail=detail) from exc
            else:
                if response.status_code < 500 or last:
                    return response
            self.sleep(self.backoff * (2**attempt))
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _read(self, response: requests.Response) -> None:
        """Read the body, at most MAX_BODY bytes: a hostile or broken server cannot fill the
        memory. ``requests`` keeps a read body in ``_content``, where ``.json()`` finds it."""
        body = bytearray()
        for chunk in response.iter_content(65536):
            body += chunk
            if len(body) > MAX_BODY:
                response.close()
                raise IssuerError(
                    "error.issuer_too_big", True, name=self.config.name, mb=MAX_BODY // 2**20
                )
        response._content = bytes(body)

    def _json(self, response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            kind = response.headers.get("Content-Type", "?").split(";")[0] or "?"
            raise _unreachable(
                "error.issuer_garbage", self.config, detail=f"HTTP {response.status_code}, {kind}"
            ) from None

    def _check(self, response: requests.Response) -> Any:
        """The JSON body of a success, or the right IssuerError for anything else."""
        if response.status_code >= 500:
            raise IssuerError(
                "error.issuer_server",
                True,
                response.status_code,
                name=self.config.name,
                status_code=response.status_code,
            )
        body = self._json(response)
        if response.status_code >= 400:
            message = issuer_message(body) or response.reason or ""
            raise IssuerError(
                "error.issuer_refused",
                False,
                response.status_code,
                name=self.config.name,
                status_code=response.status_code,
                detail=message,
            )
        return body

    # -- login -----------------------------------------------------------------------------

    def token(self, fresh: bool = False) -> str:
        """A bearer token (OAuth2 client credentials), kept until shortly before it expires."""
        if self._token and not fresh and time.monotonic() < self._token_until:
            return self._token
        form = {
            "grant_type": "client_credentials",
            "client_id": self.config.client_id,
            "client_secret": self._secret,
            "scope": SCOPE,
        }
        response = self._send("POST", self._url("/o/token"), data=form)
        if 400 <= response.status_code < 500:
            body = self._json(response)
            detail = issuer_message(body)
            raise IssuerError(
                "error.issuer_login",
                False,
                response.status_code,
                name=self.config.name,
                detail=detail,
            )
        body = self._check(response)
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise _unreachable("error.issuer_garbage", self.config, detail="access_token")
        lifetime = body.get("expires_in")
        lifetime = float(lifetime) if isinstance(lifetime, int | float) else 300.0
        self._token, self._token_until = token, time.monotonic() + max(0.0, lifetime - 30)
        return token

    def _api(self, method: str, path: str, **kwargs: Any) -> Any:
        """An authenticated call; a 401 gets a new token and one more try."""
        headers = dict(kwargs.pop("headers", {}))
        for fresh in (False, True):
            headers["Authorization"] = f"Bearer {self.token(fresh=fresh)}"
            response = self._send(method, self._url(path), headers=headers, **kwargs)
            if response.status_code != 401 or fresh:
                return self._check(response)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- the API ---------------------------------------------------------------------------

    def issuers(self) -> list[dict[str, Any]]:
        return _result(self._api("GET", "/v2/issuers"), self.config)

    def issuer_id(self) -> str:
        """The configured issuer profile, or the account's first one."""
        if self.config.issuer_id:
            return self.config.issuer_id
        if not self._issuer_id:  # asked once per client: not one GET /v2/issuers per badge
            found = self.issuers()
            if not found or not found[0].get("entityId"):
                raise IssuerError("error.issuer_no_profile", False, name=self.config.name)
            self._issuer_id = str(found[0]["entityId"])
        return self._issuer_id

    def badge_classes(self, issuer_id: str | None = None) -> list[dict[str, Any]]:
        issuer_id = issuer_id or self.issuer_id()
        if issuer_id not in self._classes:
            path = f"/v2/issuers/{issuer_id}/badgeclasses"
            self._classes[issuer_id] = _result(self._api("GET", path), self.config)
        return self._classes[issuer_id]

    def find_badge_class(self, framework_id: str, competency: str, level: int) -> dict[str, Any]:
        """The BadgeClass for this competency at this level (mapping, extensions, alignment),
        matched once per run: sending a pilot's 235 badges walked every class 235 times."""
        wanted = (framework_id, competency, level)
        if wanted not in self._found:
            self._found[wanted] = self._find_badge_class(framework_id, competency, level)
        return self._found[wanted]

    def _find_badge_class(self, framework_id: str, competency: str, level: int) -> dict[str, Any]:
        classes = self.badge_classes()
        mapped = self.config.mapping.get(mapping_key(framework_id, competency, level))
        if mapped:
            for badge_class in classes:
                if mapped in (badge_class.get("entityId"), badge_class.get("openBadgeId")):
                    return badge_class
            raise IssuerError("error.issuer_mapping", False, name=self.config.name, id=mapped)
        found = match_badge_class(classes, framework_id, competency, level)
        if found is None:
            raise IssuerError(
                "error.issuer_no_class",
                False,
                name=self.config.name,
                wanted=mapping_key(framework_id, competency, level),
            )
        return found

    def issue(
        self, badge_class_id: str, body: dict[str, Any], idempotency_key: str
    ) -> dict[str, Any]:
        """POST an assertion; the same key on every try, so a repeat is never a second badge."""
        if self.config.kind == "badgr":
            body = {**body, "allowDuplicateAwards": False}
        path = f"/v2/badgeclasses/{badge_class_id}/assertions"
        headers = {"Idempotency-Key": idempotency_key}
        try:
            answer = self._api("POST", path, json=body, headers=headers)
        except IssuerError as error:
            previous = PREVIOUS_AWARD in str(error.values.get("detail", "")).casefold()
            if self.config.kind == "badgr" and error.status == 400 and previous:
                return self._previous_award(badge_class_id, body)
            raise
        result = _result(answer, self.config)
        if not result or not result[0].get("entityId"):
            raise _unreachable("error.issuer_garbage", self.config, detail="entityId")
        return result[0]

    def _previous_award(self, badge_class_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Badgr refused a duplicate: the badge exists already (an earlier try got through)."""
        recipient = body["recipient"]["identity"]
        path = f"/v2/badgeclasses/{badge_class_id}/assertions"
        found = _result(self._api("GET", path, params={"recipient": recipient}), self.config)
        live = [a for a in found if not a.get("revoked")]
        if not live:
            raise IssuerError("error.issuer_previous_missing", False, name=self.config.name)
        return live[0]

    def assertion(self, assertion_id: str) -> dict[str, Any]:
        result = _result(self._api("GET", f"/v2/assertions/{assertion_id}"), self.config)
        if not result:
            raise _unreachable("error.issuer_garbage", self.config, detail="result")
        return result[0]

    def revoke(self, assertion_id: str, reason: str) -> None:
        self._api("DELETE", f"/v2/assertions/{assertion_id}", json={"revocation_reason": reason})

    # -- endorsements (issue 9; the bundled issuer only) -----------------------------------

    def ask_endorsement(self, body: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        """POST an endorsement request; the same key on every try (never two mails)."""
        headers = {"Idempotency-Key": idempotency_key}
        return self._first(self._api("POST", "/v2/endorsements", json=body, headers=headers))

    def endorsement(self, request_id: str, action: str = "") -> dict[str, Any]:
        """GET a request's state; ``action`` "reminder" (POST) or "withdraw" (DELETE)."""
        path = f"/v2/endorsements/{request_id}"
        if action == "reminder":
            return self._first(self._api("POST", f"{path}/reminder"))
        method = "DELETE" if action == "withdraw" else "GET"
        return self._first(self._api(method, path))

    def v2(
        self, method: str, path: str, body: dict[str, Any] | None = None, key: str = ""
    ) -> dict[str, Any]:
        """Any other bundled-issuer call (portfolios, privacy, erasure): the first result."""
        headers = {"Idempotency-Key": key} if key else {}
        return self._first(self._api(method, path, json=body, headers=headers))

    def _first(self, body: Any) -> dict[str, Any]:
        result = _result(body, self.config)
        if not result:
            raise _unreachable("error.issuer_garbage", self.config, detail="result")
        return result[0]

    def download(self, url: str, accept: str = "*/*") -> bytes | None:
        """A public document (baked image, credential); None when the issuer has none (404)."""
        response = self._send("GET", self._url(url), headers={"Accept": accept})
        if response.status_code in (404, 410):
            return None
        if response.status_code >= 400:
            self._check(response)
        return response.content


# -- finding the BadgeClass ------------------------------------------------------------------

COMPETENCY_KEYS = ("competency", "competency_id", "competencyId", "diva_competency")
LEVEL_KEYS = ("level", "diva_level", "competencyLevel")
FRAMEWORK_KEYS = ("framework", "framework_id", "frameworkId", "diva_framework")
VERSION_KEYS = ("framework_version", "frameworkVersion", "version")
CODE = re.compile(r"^(?:(?P<fw>[\w-]+)[:/])?(?P<comp>[\w-]+?)(?:[:/#@](?P<level>[1-9]))?$")


def facts_of(badge_class: dict[str, Any]) -> dict[str, Any]:
    """What a BadgeClass says about itself: plain keys first, then its extensions (any depth)."""
    facts: dict[str, Any] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, dict | list):
                    walk(value)
                else:
                    facts.setdefault(key, value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    plain = {k: v for k, v in badge_class.items() if not isinstance(v, dict | list)}
    facts.update(plain)
    walk(badge_class.get("extensions") or {})
    return facts


def first_fact(facts: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if facts.get(key) not in (None, ""):
            return facts[key]
    return None


def _as_int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _version(badge_class: dict[str, Any]) -> tuple:
    """Sort key: the issuer's current class first, then the newest framework version,
    revision and creation (``diva-issuer sync`` adds a class when the texts change)."""
    facts = facts_of(badge_class)
    current = badge_class.get("current") is not False
    version = str(first_fact(facts, VERSION_KEYS) or "0")
    parts = tuple(_as_int(p) or 0 for p in re.split(r"[.-]", version))
    revision = _as_int(facts.get("revision")) or 0
    return current, parts, revision, str(badge_class.get("createdAt") or "")


def _matches(badge_class: dict[str, Any], framework_id: str, competency: str, level: int) -> bool:
    facts = facts_of(badge_class)
    level_said = _as_int(first_fact(facts, LEVEL_KEYS))
    said = first_fact(facts, COMPETENCY_KEYS)
    if said is not None:
        framework = first_fact(facts, FRAMEWORK_KEYS)
        same_framework = framework in (None, framework_id)
        return same_framework and str(said) == competency and level_said == level
    for alignment in badge_class.get("alignments") or []:
        code = CODE.match(str(alignment.get("targetCode") or ""))
        if code is None or code["comp"] != competency:
            continue
        if code["fw"] not in (None, framework_id):
            continue
        if (_as_int(code["level"]) or level_said) == level:
            return True
    return False


def match_badge_class(
    classes: list[dict[str, Any]], framework_id: str, competency: str, level: int
) -> dict[str, Any] | None:
    """The newest BadgeClass for (framework, competency, level), or None."""
    found = [bc for bc in classes if _matches(bc, framework_id, competency, level)]
    return max(found, key=_version) if found else None
