"""Public assertion GET under load: 20 concurrent clients for 10 s, on the bundled issuer.

A verifier (or a recruiter's browser) reads ``/assertions/{id}`` as JSON-LD. Measured in one
run, the same way each time (20 threads, each with its own keep-alive connection, random ids):

- the issuer on SQLite (one worker), a few hundred assertions;
- the floor: a bare FastAPI route that reads one SQLite row (``bench/floor_api.py``);
- the issuer on PostgreSQL (one worker) holding 100,000 assertions (a throwaway cluster, as
  the tests make one; skipped when PostgreSQL is not installed).

Targets: p99 < 50 ms, no error, throughput >= 50 % of the floor's.
Run: ``python -m bench.bench_issuer_public`` (or ``python -m bench.run issuer-public``).
"""

from __future__ import annotations

import glob
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import requests

from bench.bench_badges import ROOT, _env, _floor, _free_port, _wait

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


def _load(urls: list[str]) -> dict:
    """CLIENTS threads GET random ``urls`` for SECONDS; latencies, errors, requests/s."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS + 1)
    stop_at = [0.0]

    def client(seed: int) -> None:
        pick = random.Random(seed)
        session = requests.Session()
        mine: list[float] = []
        failed = 0
        start.wait()
        while time.perf_counter() < stop_at[0]:
            began = time.perf_counter()
            try:
                ok = session.get(pick.choice(urls), headers=ACCEPT, timeout=10).status_code == 200
            except requests.RequestException:
                ok = False
            mine.append(time.perf_counter() - began)
            failed += 0 if ok else 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + SECONDS
    start.wait()
    for thread in threads:
        thread.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("inf")
    return {"p99_ms": p99, "errors": errors[0], "rps": len(latencies) / SECONDS}


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
    from sqlalchemy import create_engine, text

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
        return _load(urls)
    finally:
        _stop(issuer)


def _rows(name: str, found: dict, floor_rps: float) -> list[dict]:
    share = found["rps"] / floor_rps if floor_rps else 0.0
    return [
        {"name": f"{name}: p99", "value": found["p99_ms"], "unit": "ms", "target": 50},
        {"name": f"{name}: errors", "value": found["errors"], "unit": "",
         "target": "0", "ok": found["errors"] == 0},
        {"name": f"{name}: throughput (share of the floor's)", "value": found["rps"],
         "unit": "req/s", "target": ">= 0.5x floor", "ratio": share, "ok": share >= 0.5},
    ]  # fmt: skip


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="diva-bench-public-") as tmp:
        base = Path(tmp)
        sqlite = _measure(base / "sqlite", None)
        floor, floor_url = _floor(base)
        try:
            bare = _load(_floor_urls(floor_url))
        finally:
            _stop(floor)
        rows = [
            {"name": "bare FastAPI route reading one row (floor): throughput",
             "value": bare["rps"], "unit": "req/s", "note": f"p99 {bare['p99_ms']:.1f} ms"},
        ]  # fmt: skip
        rows += _rows(f"GET assertion, {CLIENTS} clients x {SECONDS:g} s, SQLite", sqlite,
                      bare["rps"])  # fmt: skip
        try:
            cluster = _Cluster()
        except (FileNotFoundError, subprocess.CalledProcessError) as exc:
            return [*rows, {"name": "PostgreSQL 100,000 assertions", "value": 0, "note": str(exc)}]
        try:
            big = _measure(base / "pg", cluster.url, fill=PG_ASSERTIONS)
        finally:
            cluster.close()
        rows += _rows(f"same, PostgreSQL with {PG_ASSERTIONS:,} assertions", big, bare["rps"])
        return rows


def main() -> int:
    from bench.run import print_table

    print_table(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
