"""The public GET's own PostgreSQL connections (issue 8, speed): no ping before a read, so a
connection left broken by a restarted server must be noticed by the read itself and the read
retried once on a new connection; a stopped server is still a 503, and nothing is lost."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.issuer.service.conftest import IssuerServer, PostgresCluster, make_server

LD = {"Accept": "application/ld+json"}
AT_ONCE = 6  # several reads in flight: several idle connections in the worker's pool


def _read_together(url: str) -> list[requests.Response]:
    """``AT_ONCE`` GETs at the same time, each on its own HTTP connection."""

    def read(_: int) -> requests.Response:
        return requests.get(url, headers={**LD, "Connection": "close"}, timeout=30)

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(read, range(AT_ONCE)))


def _issued(server: IssuerServer) -> str:
    headers = server.auth()
    badge = server.badge_class(headers, "codes-sociaux", 1)["entityId"]
    answer = server.issue(headers, badge, email="noe.restart@example.org")
    assert answer.status_code == 201, answer.text
    return str(answer.json()["result"][0]["openBadgeId"])


def test_a_restarted_postgresql_is_found_again_by_the_public_read(
    tmp_path: Path, postgres: PostgresCluster
) -> None:
    running = make_server(tmp_path, postgres.new_database())
    running.start()
    try:
        url = _issued(running)
        before = _read_together(url)
        assert {a.status_code for a in before} == {200}
        document = before[0].content
        assert all(a.content == document for a in before)

        postgres.stop()  # every idle connection of the worker is now broken
        postgres.start()
        after = _read_together(url)
        assert [a.status_code for a in after] == [200] * AT_ONCE, after[0].text
        assert all(a.content == document for a in after), "the same stored bytes"
        assert after[0].headers["content-type"] == before[0].headers["content-type"]

        postgres.stop()
        try:
            down = _read_together(url)
            assert {a.status_code for a in down} == {503}
            assert "base de données" in down[0].json()["status"]["description"]
        finally:
            postgres.start()
        back = requests.get(url, headers=LD, timeout=30)
        assert back.status_code == 200
        assert back.content == document
        assert "Traceback" not in running.log_text()
    finally:
        running.stop()
