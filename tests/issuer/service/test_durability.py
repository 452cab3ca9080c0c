"""Nothing lost, nothing doubled: a killed server keeps its data, two workers given the same
Idempotency-Key at once make one assertion, and a database that goes away answers 503."""

import shutil
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from issuer.settings import sqlite_url
from shared.paths import content_dir
from tests.issuer.service.conftest import Backend, IssuerServer, PostgresCluster, make_server


def count_assertions(server: IssuerServer, key: str) -> int:
    engine = create_engine(server.database_url or sqlite_url(server.data_dir))
    try:
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM assertion WHERE idempotency_key = :key")
            return int(connection.execute(query, {"key": key}).scalar_one())
    finally:
        engine.dispose()


def send_together(
    server: IssuerServer, headers: dict[str, str], badge: str, key: str, copies: int
) -> list[requests.Response]:
    """``copies`` identical requests released at the same instant (a barrier), one per thread."""
    barrier = threading.Barrier(copies)

    def send(_: int) -> requests.Response:
        barrier.wait(timeout=60)
        return server.issue(headers, badge, key=key)

    with ThreadPoolExecutor(max_workers=copies) as pool:
        return list(pool.map(send, range(copies)))


def test_killed_server_restarts_with_everything_kept(fresh_server: IssuerServer) -> None:
    fresh_server.start()
    token = fresh_server.token()
    headers = {"Authorization": f"Bearer {token}"}
    badge = fresh_server.badge_class(headers, "organisation", 2)
    key = str(uuid.uuid4())
    issued = fresh_server.issue(headers, badge["entityId"], key=key).json()["result"][0]
    fresh_server.stop(kill=True)  # SIGKILL: no clean shutdown
    fresh_server.start()
    again = requests.get(
        f"{fresh_server.base}/v2/assertions/{issued['entityId']}", headers=headers, timeout=10
    )
    assert again.status_code == 200, "the token, stored in the database, survives a restart"
    assert again.json()["result"][0]["recipient"] == issued["recipient"]
    replay = fresh_server.issue(headers, badge["entityId"], key=key)
    assert replay.json()["result"][0]["entityId"] == issued["entityId"]
    assert count_assertions(fresh_server, key) == 1
    public = requests.get(f"{fresh_server.base}/assertions/{issued['entityId']}", timeout=10)
    assert public.status_code == 200


def test_two_workers_same_key_at_once_make_one_assertion(tmp_path: Path, backend: Backend) -> None:
    running = make_server(tmp_path, backend.new_database_url(), workers=2)
    running.start()
    try:
        assert running.log_text().count("Started server process") >= 2  # two workers
        headers = running.auth()
        badge = running.badge_class(headers, "informations", 4)["entityId"]
        for _ in range(3):
            key = str(uuid.uuid4())
            answers = send_together(running, headers, badge, key, copies=12)
            assert len(answers) == 12
            assert {a.status_code for a in answers} <= {200, 201}, [a.text for a in answers]
            assert sum(a.status_code == 201 for a in answers) == 1
            assert len({a.json()["result"][0]["entityId"] for a in answers}) == 1
            assert count_assertions(running, key) == 1
    finally:
        running.stop()


def test_database_down_is_503_and_nothing_is_lost(
    tmp_path: Path, postgres: PostgresCluster
) -> None:
    running = make_server(tmp_path, postgres.new_database())
    running.start()
    try:
        headers = running.auth()
        badge = running.badge_class(headers, "codes-sociaux", 1)["entityId"]
        issued = running.issue(headers, badge).json()["result"][0]
        postgres.stop()
        try:
            down = requests.get(f"{running.base}/v2/issuers", headers=headers, timeout=30)
            assert down.status_code == 503
            assert down.json()["status"]["success"] is False
            assert "base de données" in down.json()["status"]["description"]
            refused = running.issue(headers, badge, key="while-down")
            assert refused.status_code == 503
            public = requests.get(issued["openBadgeId"], timeout=30)
            assert public.status_code == 503
        finally:
            postgres.start()
        back = requests.get(
            f"{running.base}/v2/assertions/{issued['entityId']}", headers=headers, timeout=30
        )
        assert back.status_code == 200
        assert running.issue(headers, badge, key="while-down").status_code == 201
        assert "Traceback" not in running.log_text()
    finally:
        running.stop()


def test_a_framework_file_broken_on_the_server_is_never_a_500(fresh_server: IssuerServer) -> None:
    content = fresh_server.data_dir.parent / "content"
    shutil.copytree(content_dir() / "frameworks", content / "frameworks")
    fresh_server.extra_env["DIVA_CONTENT_DIR"] = str(content)
    fresh_server.start()
    headers = fresh_server.auth()
    badge = fresh_server.badge_class(headers, "regles", 2)
    issued = fresh_server.issue(headers, badge["entityId"]).json()["result"][0]
    (content / "frameworks" / "rectec.yaml").write_text("id: rectec\nversion: [", encoding="utf-8")
    fresh_server.stop()
    fresh_server.start()  # a fresh worker, which has not read the frameworks yet
    assertion = f"{fresh_server.base}/assertions/{issued['entityId']}"  # the new port
    for url in (
        assertion,
        assertion + "/image.png",
        assertion + "/image.svg",
        f"{fresh_server.base}/badgeclasses/{badge['entityId']}/image.png",
        f"{fresh_server.base}/frameworks/rectec",
    ):
        answer = requests.get(url, timeout=30)
        assert answer.status_code < 500 or answer.status_code == 503, (url, answer.text)
        if answer.status_code == 503:
            assert "référentiel" in answer.json()["status"]["description"]
    document = requests.get(assertion, timeout=30)
    assert document.status_code == 200  # verifying a badge needs no framework file
    assert "Traceback" not in fresh_server.log_text()
