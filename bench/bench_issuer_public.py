"""Public assertion GET under load: 20 concurrent clients for 10 s, on the bundled issuer.

A verifier (or a recruiter's browser) reads ``/assertions/{id}`` as JSON-LD. Measured in one
run, the same way each time (20 asyncio clients in one process, aiohttp, each with its own
keep-alive connection, random ids; see ``_load_async`` for why not threads):

- the issuer on SQLite (one worker), a few hundred assertions;
- the floor: a bare FastAPI route that reads one SQLite row (``bench/floor_api.py``);
- the issuer on PostgreSQL (one worker) holding 100,000 assertions (a throwaway cluster, as
  the tests make one; skipped when PostgreSQL is not installed).

Targets: p99 < 50 ms, no error, throughput >= 50 % of the floor's.
Run: ``python -m bench.bench_issuer_public`` (or ``python -m bench.run issuer-public``).
"""

from __future__ import annotations

import asyncio
import glob
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, text

from bench.bench_badges import ROOT, _cpu_seconds, _env, _floor, _free_port, _wait
from bench.run import print_table

CLIENTS = 20
SECONDS = 10.0
ISSUED = 300
PG_ASSERTIONS = 100_000
ACCEPT = {"Accept": "application/ld+json"}


def _cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "issuer.cli", *args],
        capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=300,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return done.stdout


def _serve(folder: Path, database_url: str | None) -> tuple[subprocess.Popen, str, dict]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    db = ["--database-url", database_url] if database_url else []
    made = json.loads(
        _cli("init", "--name", "Mission Locale de Lens", "--url", url,
             "--email", "contact@ml-lens.example.fr", "--data-dir", str(folder), "--json", *db)
    )  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "issuer.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--public-url", url, "--data-dir", str(folder), *db],
        cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _wait(url + "/openapi.json", process)
    return process, url, made


def _issue(url: str, made: dict, count: int) -> list[str]:
    """``count`` assertions through the real API; their public URLs."""
    session = requests.Session()
    token = session.post(
        f"{url}/o/token",
        data={"grant_type": "client_credentials", "client_id": made["client_id"],
              "client_secret": made["client_secret"]},
        timeout=30,
    ).json()["access_token"]  # fmt: skip
    headers = {"Authorization": f"Bearer {token}"}
    classes = session.get(
        f"{url}/v2/issuers/{made['issuer_id']}/badgeclasses", headers=headers, timeout=30
    ).json()["result"]
    urls = []
    for i in range(count):
        body: dict[str, Any] = {
            "recipient": {"identity": f"jeune{i}@example.org"},
            "narrative": "A tenu la buvette du club tout le tournoi.",
            "evidence": [{"url": "https://example.org/preuve", "narrative": "Attestation"}],
        }
        answer = session.post(
            f"{url}/v2/badgeclasses/{classes[i % len(classes)]['entityId']}/assertions",
            json=body, headers=headers, timeout=30,
        )  # fmt: skip
        urls.append(answer.json()["result"][0]["openBadgeId"])
    return urls


def _load(urls: list[str], server: subprocess.Popen) -> dict:
    """CLIENTS concurrent clients GET random ``urls`` for SECONDS; latencies, errors, req/s,
    and the server's CPU time per request (a figure the other loads of a shared machine
    disturb far less than throughput and latency)."""
    cpu, mine = _cpu_seconds(server.pid), time.process_time()
    found = asyncio.run(_load_async(urls))
    cpu, mine = _cpu_seconds(server.pid) - cpu, time.process_time() - mine
    count = found["requests"] or 1
    return {**found, "cpu_ms": cpu * 1000 / count, "generator_cpu_ms": mine * 1000 / count}


async def _load_async(urls: list[str]) -> dict:
    """One asyncio process, CLIENTS tasks, each with its own keep-alive connection (aiohttp,
    whose HTTP parser is C): the generator must not eat the CPU the server needs. Threads with
    ``requests`` cost ~1 ms of CPU per request in the generator itself, on a 2-core machine
    that is a third of what the server gets; this costs a fraction of that."""
    import aiohttp  # kept here: an optional extra, needed by this load generator only

    latencies: list[float] = []
    errors = [0]
    stop_at = time.perf_counter() + SECONDS

    async def client(seed: int) -> None:
        pick = random.Random(seed)
        timeout = aiohttp.ClientTimeout(total=10)
        connector = aiohttp.TCPConnector(limit=1)  # one keep-alive connection per client
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            while time.perf_counter() < stop_at:
                began = time.perf_counter()
                try:
                    async with session.get(pick.choice(urls), headers=ACCEPT) as answer:
                        await answer.read()
                        ok = answer.status == 200
                except (aiohttp.ClientError, TimeoutError):
                    ok = False
                latencies.append(time.perf_counter() - began)
                errors[0] += 0 if ok else 1

    began = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(CLIENTS)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("inf")
    return {
        "p99_ms": p99,
        "errors": errors[0],
        "rps": len(latencies) / elapsed,
        "requests": len(latencies),
    }


def _floor_urls(url: str) -> list[str]:
    ids = []
    for _ in range(ISSUED):
        answer = requests.post(f"{url}/v2/badgeclasses/b/assertions", json={"x": 1}, timeout=30)
        ids.append(answer.json()["result"][0]["entityId"])
    return [f"{url}/assertions/{i}/doc" for i in ids]


def _stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


# ------------------------------------------------------------------- PostgreSQL, 100,000 rows


class _Cluster:
    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found or shutil.which("runuser") is None:
            raise FileNotFoundError("PostgreSQL (initdb) or runuser not installed")
        self.bin = Path(found[-1]).parent
        self.folder = Path(tempfile.mkdtemp(prefix="diva-bench-pg-"))
        shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.port = _free_port()
        self._as_postgres("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                          "--no-sync")  # fmt: skip
        self._as_postgres("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-o",
                          f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1",
                          "-w", "start")  # fmt: skip

    def _as_postgres(self, tool: str, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", str(self.bin / tool), *args],
                       check=True, capture_output=True, timeout=300)  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def close(self) -> None:
        try:
            self._as_postgres("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _fill(database_url: str, total: int) -> None:
    """Copy the issued rows until the table holds ``total`` assertions (same shape, new ids)."""
    engine = create_engine(database_url)
    columns = (
        "badge_class_id, issuer_id, client_pk, recipient_hash, recipient_salt, issued_on, "
        "created_at, narrative, evidence, extensions, revoked, revocation_reason, signing_kid"
    )
    with engine.begin() as connection:
        have = connection.execute(text("SELECT count(*) FROM assertion")).scalar_one()
        while have < total:
            batch = min(have, total - have)
            connection.execute(
                text(
                    f"INSERT INTO assertion (entity_id, {columns}) "
                    f"SELECT md5(random()::text || id::text), {columns} FROM assertion "
                    f"ORDER BY id LIMIT :batch"
                ),
                {"batch": batch},
            )
            have += batch
        connection.execute(text("ANALYZE assertion"))
    engine.dispose()


def _measure(folder: Path, database_url: str | None, fill: int = 0) -> dict:
    issuer, url, made = _serve(folder, database_url)
    try:
        urls = _issue(url, made, ISSUED)
        if fill and database_url:
            _fill(database_url, fill)
        return _load(urls, issuer)
    finally:
        _stop(issuer)


def _rows(name: str, found: dict, floor: dict) -> list[dict]:
    share = found["rps"] / floor["rps"] if floor["rps"] else 0.0
    cpu = f"server CPU {found['cpu_ms']:.2f} ms/req (floor {floor['cpu_ms']:.2f})"
    return [
        {"name": f"{name}: p99", "value": found["p99_ms"], "unit": "ms", "target": 50},
        {"name": f"{name}: errors", "value": found["errors"], "unit": "",
         "target": "0", "ok": found["errors"] == 0},
        {"name": f"{name}: throughput (share of the floor's)", "value": found["rps"],
         "unit": "req/s", "target": ">= 0.5x floor", "ratio": share, "ok": share >= 0.5,
         "note": cpu},
    ]  # fmt: skip


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="diva-bench-public-") as tmp:
        base = Path(tmp)
        sqlite = _measure(base / "sqlite", None)
        floor, floor_url = _floor(base)
        try:
            bare = _load(_floor_urls(floor_url), floor)
        finally:
            _stop(floor)
        rows = [
            {"name": "bare FastAPI route reading one row (floor): throughput",
             "value": bare["rps"], "unit": "req/s",
             "note": f"p99 {bare['p99_ms']:.1f} ms, server CPU {bare['cpu_ms']:.2f} ms/req, "
                     f"generator CPU {bare['generator_cpu_ms']:.2f} ms/req"},
        ]  # fmt: skip
        rows += _rows(f"GET assertion, {CLIENTS} clients x {SECONDS:g} s, SQLite", sqlite,
                      bare)  # fmt: skip
        try:
            cluster = _Cluster()
        except (FileNotFoundError, subprocess.CalledProcessError) as exc:
            return [*rows, {"name": "PostgreSQL 100,000 assertions", "value": 0, "note": str(exc)}]
        try:
            big = _measure(base / "pg", cluster.url, fill=PG_ASSERTIONS)
        finally:
            cluster.close()
        rows += _rows(f"same, PostgreSQL with {PG_ASSERTIONS:,} assertions", big, bare)
        return rows


def main() -> int:
    print_table(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
