"""Real servers for the issuer service tests: `diva-issuer serve` (uvicorn) on 127.0.0.1 and a
throwaway PostgreSQL cluster (initdb as user postgres in a folder it owns, its own port).

Every service test runs twice, on SQLite and on PostgreSQL (the ``backend`` fixture). Where
PostgreSQL is missing the PostgreSQL half skips, except under CI=true where it fails.
"""

import glob
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, create_engine, text
from sqlalchemy import select as sql_select  # ``select`` is the standard module here
from sqlalchemy.orm import Session

from issuer.db.models import ApiClient, BadgeClassRow
from issuer.service import issuing
from issuer.service.assertions import NewAssertion
from issuer.settings import sqlite_url

ROOT = Path(__file__).resolve().parents[3]
CLI = [sys.executable, "-m", "issuer.cli"]
READY_DEADLINE_S = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: a skip fails)")
    pytest.skip(reason)


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`diva-issuer ...` as a real process (same interpreter, the package from the checkout)."""
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, cwd=ROOT, env=env or _env(), timeout=120
    )


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIVA_ISSUER_")}
    env["PYTHONPATH"] = str(ROOT)
    return env


# ---------------------------------------------------------------------------- PostgreSQL


@dataclass
class PostgresCluster:
    """A throwaway cluster: one fresh database per test."""

    bin_dir: Path
    data_dir: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _psql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self) -> str:
        name = f"issuer_{uuid.uuid4().hex[:12]}"
        self._psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bin_dir / "pg_ctl"), *args],
            check=True,
            capture_output=True,
            timeout=320,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data_dir} -c listen_addresses=127.0.0.1"
        log = self.data_dir / "server.log"
        self._ctl(
            "-D", str(self.data_dir), "-o", options, "-l", str(log), "-t", "300", "-w", "start"
        )

    def stop(self) -> None:
        self._ctl("-D", str(self.data_dir), "-m", "fast", "-t", "300", "-w", "stop")


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found or shutil.which("runuser") is None:
        return None
    return Path(found[-1]).parent


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    bin_dir = _postgres_bin()
    if bin_dir is None:
        skip_or_fail("PostgreSQL (initdb) or runuser is not installed")
        raise AssertionError("unreachable")
    folder = Path(tempfile.mkdtemp(prefix="diva-issuer-pg-"))
    shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    subprocess.run(
        ["runuser", "-u", "postgres", "--", str(bin_dir / "initdb"), "-D", str(data),
         "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    cluster = PostgresCluster(bin_dir, data, free_port())
    cluster.start()
    try:
        yield cluster
    finally:
        postmaster = _postmaster_pid(data)
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(bin_dir / "pg_ctl"), "-D", str(data),
             "-m", "immediate", "-t", "300", "-w", "stop"],
            capture_output=True, timeout=320,
        )  # fmt: skip
        _make_sure_stopped(postmaster)
        shutil.rmtree(folder, ignore_errors=True)


def _postmaster_pid(data: Path) -> int | None:
    try:
        return int((data / "postmaster.pid").read_text().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None


def _make_sure_stopped(pid: int | None) -> None:
    """If pg_ctl could not stop our cluster (a loaded machine), stop it ourselves (SIGQUIT is
    PostgreSQL's immediate shutdown), so no server outlives the tests."""
    if pid is None:
        return
    try:
        handle = os.pidfd_open(pid)  # becomes readable when the process ends
        os.kill(pid, signal.SIGQUIT)
    except ProcessLookupError:
        return
    try:
        select.select([handle], [], [], 60)
    finally:
        os.close(handle)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> "Backend":
    """Which database the module's tests run on: every service test runs on both."""
    if request.param == "sqlite":
        return Backend("sqlite", None)
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return Backend("postgresql", cluster)


@dataclass
class Backend:
    name: str
    cluster: PostgresCluster | None

    def new_database_url(self) -> str | None:
        """None: the CLI's default SQLite file; else a fresh PostgreSQL database."""
        return self.cluster.new_database() if self.cluster else None


# ---------------------------------------------------------------------------- the server


@dataclass
class IssuerServer:
    """A running `diva-issuer serve` and the first structure `init` made in its data folder."""

    data_dir: Path
    database_url: str | None
    issuer_id: str
    client_id: str
    client_secret: str
    port: int = 0
    workers: int = 1
    process: subprocess.Popen[bytes] | None = None
    logs: list[Path] = field(default_factory=list)
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rows(self, sql: str, **values: Any) -> list[Any]:
        """The rows of one SQL statement run on the server's database (a connection of the
        test's own, as an administrator would look)."""
        engine = create_engine(self.database_url or sqlite_url(self.data_dir))
        try:
            with engine.begin() as connection:
                found = connection.execute(text(sql), values)
                return list(found) if found.returns_rows else []
        finally:
            engine.dispose()

    def db_args(self) -> list[str]:
        args = ["--data-dir", str(self.data_dir)]
        return args + (["--database-url", self.database_url] if self.database_url else [])

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, *self.db_args())

    def start(self) -> None:
        self.port = free_port()
        log = self.data_dir.parent / f"server-{len(self.logs)}.log"
        self.logs.append(log)
        command = [
            *CLI, "serve", "--host", "127.0.0.1", "--port", str(self.port),
            "--public-url", self.base, "--workers", str(self.workers), *self.db_args(),
        ]  # fmt: skip
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**_env(), **self.extra_env},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self._wait_ready()

    def _wait_ready(self) -> None:
        """Poll /openapi.json until it answers and every worker has started; the pause between
        tries is a wait on the process itself, so a server that dies is noticed at once."""
        import time

        assert self.process is not None
        deadline = time.monotonic() + READY_DEADLINE_S
        while time.monotonic() < deadline:
            try:
                self.process.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                pass
            else:
                raise AssertionError(f"server exited: {self.log_text()}")
            try:
                ready = requests.get(f"{self.base}/openapi.json", timeout=2).status_code == 200
            except requests.ConnectionError:
                continue
            if ready and self.log_text().count("Application startup complete") >= self.workers:
                return
        raise AssertionError(f"server not ready in {READY_DEADLINE_S} s: {self.log_text()}")

    def stop(self, kill: bool = False) -> None:
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        self.process = None

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.logs if p.exists())

    def token(self, client_id: str | None = None, secret: str | None = None) -> str:
        answer = requests.post(
            f"{self.base}/o/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id or self.client_id,
                "client_secret": secret or self.client_secret,
            },
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        return str(answer.json()["access_token"])

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def badge_classes(self, headers: dict[str, str], issuer_id: str | None = None) -> list[dict]:
        answer = requests.get(
            f"{self.base}/v2/issuers/{issuer_id or self.issuer_id}/badgeclasses",
            headers=headers,
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        return list(answer.json()["result"])

    def badge_class(self, headers: dict[str, str], competency: str, level: int) -> dict:
        found = [
            c
            for c in self.badge_classes(headers)
            if c["competency"] == competency and c["level"] == level
        ]
        assert len(found) == 1
        return found[0]

    def issue(
        self,
        headers: dict[str, str],
        badge_class_id: str,
        email: str = "lea.martin@example.org",
        key: str | None = None,
        **extra: object,
    ) -> requests.Response:
        body: dict[str, Any] = {
            "recipient": {"identity": email, "type": "email", "hashed": True},
            "narrative": "A animé l'entraînement des poussins au club.",
            "evidence": [{"url": "https://example.org/preuve", "narrative": "Attestation"}],
            "issuedOn": "2026-01-15T10:00:00Z",
            **extra,
        }
        sent = dict(headers)
        if key:
            sent["Idempotency-Key"] = key
        return requests.post(
            f"{self.base}/v2/badgeclasses/{badge_class_id}/assertions",
            json=body,
            headers=sent,
            timeout=30,
        )

    def revoke(self, headers: dict[str, str], entity_id: str, reason: str) -> requests.Response:
        """Badgr's revoke: DELETE /v2/assertions/{id} with a revocation reason."""
        return requests.delete(
            f"{self.base}/v2/assertions/{entity_id}",
            json={"revocation_reason": reason},
            headers=headers,
            timeout=30,
        )


def init_issuer(data_dir: Path, database_url: str | None, name: str = "Mission Locale de Lens",
                email: str = "contact@ml-lens.fr") -> dict[str, str]:  # fmt: skip
    args = ["init", "--name", name, "--url", "https://ml-lens.example", "--email", email,
            "--data-dir", str(data_dir), "--json"]  # fmt: skip
    if database_url:
        args += ["--database-url", database_url]
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def make_server(tmp_path: Path, database_url: str | None, workers: int = 1) -> IssuerServer:
    data_dir = tmp_path / "issuer-data"
    made = init_issuer(data_dir, database_url)
    return IssuerServer(
        data_dir=data_dir,
        database_url=database_url,
        issuer_id=made["issuer_id"],
        client_id=made["client_id"],
        client_secret=made["client_secret"],
        workers=workers,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[IssuerServer]:
    """A started issuer with one structure, shared by a module's tests (SQLite, PostgreSQL)."""
    running = make_server(tmp_path_factory.mktemp("issuer"), backend.new_database_url())
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def fresh_server(tmp_path: Path, backend: Backend) -> Iterator[IssuerServer]:
    """A server of its own, not started, for tests that stop, kill or restart it."""
    running = make_server(tmp_path, backend.new_database_url())
    try:
        yield running
    finally:
        running.stop()


ISSUED_ON = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)


def caller_and_class(engine: Engine) -> tuple[issuing.Caller, str]:
    """The structure's API client as the issuing path sees it, and one of its badge classes."""
    with Session(engine) as session:
        client = session.scalars(sql_select(ApiClient)).one()
        badge_class = session.scalars(sql_select(BadgeClassRow.entity_id)).first()
    assert badge_class is not None
    return issuing.Caller(client_pk=client.id, issuer_pk=client.issuer_id), badge_class


def new_assertion(**changes: object) -> NewAssertion:
    """An assertion as the issuing route hands it to ``issuing`` (``changes`` over it)."""
    fields: dict = dict(
        email="noe.lean@example.org",
        narrative="A tenu la buvette du tournoi.",
        evidence=[{"narrative": "Club — « U9 »", "url": "https://example.org/p"}],
        issued_on=ISSUED_ON,
        expires=None,
        extensions={"extensions:Note": {"texte": "é"}},
        recipient_hash="",
        recipient_salt="",
    )
    return NewAssertion(**(fields | changes))
