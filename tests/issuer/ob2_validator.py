"""The independent OB 2.0 verifier: 1EdTech's validator core (PyPI ``openbadges`` 1.1.2).

Its pins come from the Python 2 era, so it lives in a venv of its own, built once under a cache
folder (``DIVA_OB2_VALIDATOR_VENV``, else ``~/.cache/diva-ob2-validator``) from
``/work/shared/standards/openbadges-2.0/validator-requirements.txt`` with ``--no-deps``, as that
folder's README says. A small script runs in that venv: it answers https://w3id.org/openbadges/v2
from the local context file (``responses``), lets loopback requests reach the real server, and
prints the validator's report as JSON.

Get a verifier from ``open_validator()`` (in a session-scoped fixture) and call it with a
hosted assertion URL served by a real HTTP server on 127.0.0.1 and the recipient's e-mail.
The validator insists that a hosted assertion is on its issuer's origin (same host and port).
"""

import fcntl
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

STANDARDS = Path(
    os.environ.get("DIVA_STANDARDS_DIR", Path(__file__).resolve().parents[3] / "shared/standards")
)
REQUIREMENTS = STANDARDS / "openbadges-2.0" / "validator-requirements.txt"
CONTEXT = STANDARDS / "openbadges-2.0" / "context-v2.json"
INSTALL_TIMEOUT = 900
VERIFY_TIMEOUT = 120

SCRIPT = r"""
import json, re, sys
import responses
import openbadges

args = json.load(sys.stdin)
with open(args["context"], encoding="utf-8") as stream:
    context = stream.read()
with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
    mock.add(responses.GET, "https://w3id.org/openbadges/v2", body=context,
             content_type="application/ld+json")
    for url, document in args.get("documents", {}).items():
        mock.add(responses.GET, url, json=document)
    mock.add_passthru(re.compile(r"https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/"))
    profile = {"email": args["email"]} if args.get("email") else None
    badge = open(args["file"], "rb") if args.get("file") else args["badge"]
    result = openbadges.verify(badge, recipient_profile=profile,
                               use_cache=False, cache_backend=None)
json.dump(result, sys.stdout, default=str)
"""


@dataclass
class ValidatorReport:
    """What the 1EdTech validator says about one badge."""

    valid: bool
    messages: list[dict[str, Any]] = field(default_factory=list)
    graph: list[dict[str, Any]] = field(default_factory=list)

    def errors(self) -> list[str]:
        """The error and warning messages as ``LEVEL: text`` lines (for assertion messages)."""
        return [f"{m.get('messageLevel')}: {m.get('result')}" for m in self.messages]

    def node(self, type_name: str) -> dict[str, Any] | None:
        """The first node of the validated graph with that ``type`` (Assertion, BadgeClass...)."""
        return next((n for n in self.graph if n.get("type") == type_name), None)


Ob2Validator = Callable[..., ValidatorReport]


def cache_folder() -> Path:
    """Where the validator's venv lives (kept between sessions: it takes ~20 s to build)."""
    configured = os.environ.get("DIVA_OB2_VALIDATOR_VENV")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "diva-ob2-validator"


def ensure_venv(folder: Path | None = None) -> Path:
    """The validator venv's python, built once (locked, so parallel test workers wait)."""
    folder = folder or cache_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    python = folder / "bin" / "python"
    marker = folder / ".diva-requirements-sha256"
    with open(folder.parent / f".{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.exists() and marker.read_text() == wanted and python.exists():
            return python
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(folder)],
            check=True,
            timeout=INSTALL_TIMEOUT,
        )
        install = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--no-deps", "-r", str(REQUIREMENTS)],
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )
        if install.returncode != 0:
            raise RuntimeError(f"installing the OB 2.0 validator failed:\n{install.stderr[-3000:]}")
        marker.write_text(wanted)
    return python


def verify(
    python: Path,
    badge: str | Path,
    email: str | None,
    documents: dict[str, Any] | None = None,
) -> ValidatorReport:
    """Run the validator on a hosted assertion URL (or its JSON, or a baked PNG/SVG ``Path``)
    with the recipient's e-mail. ``documents`` answers other outside URLs the validator fetches
    (an extension's context and JSON Schema), since the network is not reachable."""
    source = {"file": str(badge)} if isinstance(badge, Path) else {"badge": badge}
    arguments = json.dumps(
        {**source, "email": email, "context": str(CONTEXT), "documents": documents or {}}
    )
    run = subprocess.run(
        [str(python), "-c", SCRIPT],
        input=arguments,
        capture_output=True,
        text=True,
        timeout=VERIFY_TIMEOUT,
    )
    if run.returncode != 0:
        raise RuntimeError(f"the OB 2.0 validator crashed:\n{run.stderr[-3000:]}")
    result = json.loads(run.stdout)
    report = result.get("report", {})
    return ValidatorReport(
        valid=bool(report.get("valid")),
        messages=list(report.get("messages", [])),
        graph=list(result.get("graph", [])),
    )


def open_validator() -> Ob2Validator:
    """``validator(assertion_url_or_baked_file, email, documents=None)`` -> ``ValidatorReport``
    (venv built once).

    Call it from a session-scoped fixture in the test module (or a conftest)::

        @pytest.fixture(scope="session")
        def ob2_validator() -> Ob2Validator:
            return open_validator()

    Skips where the standards folder is missing, except under CI (``CI=true``), where it fails.
    """
    if not REQUIREMENTS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{REQUIREMENTS} is missing")
        pytest.skip(f"{REQUIREMENTS} is missing")
    python = ensure_venv()
    return lambda badge, email=None, documents=None: verify(python, badge, email, documents)
