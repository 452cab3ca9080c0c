"""The public GET's own PostgreSQL connections (issue 8, speed): no ping before a read, so a
connection left broken by a restarted server must be noticed by the read itself and the read
retried once on a new connection; a stopped server is still a 503, and nothing is lost.
GETs that arrive together share one query on PostgreSQL: each still gets its own answer."""

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from issuer.db.engine import make_engine
from issuer.service import stored
from issuer.service.stored_async import AsyncReader
from tests.issuer.service.conftest import Backend, IssuerServer, PostgresCluster, make_server

LD = {"Accept": "application/ld+json"}
AT_ONCE = 6  # several reads in flight: several idle connections in the worker's pool


@contextmanager
def _serving(tmp_path: Path, database_url: str | None) -> Iterator[IssuerServer]:
    running = make_server(tmp_path, database_url)
    running.start()
    try:
        yield running
    finally:
        running.stop()


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
    with _serving(tmp_path, postgres.new_database()) as running:
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


SUFFIXES = ("", "/image.png", "/image.svg", "/credential.jwt")


def test_gets_arriving_together_each_get_their_own_document(
    tmp_path: Path, backend: Backend
) -> None:
    with _serving(tmp_path, backend.new_database_url()) as running:
        headers = running.auth()
        badge = running.badge_class(headers, "codes-sociaux", 1)["entityId"]
        issued = [running.issue(headers, badge, email=f"jeune{i}@example.org") for i in range(3)]
        assert all(a.status_code == 201 for a in issued)
        bases = [str(a.json()["result"][0]["openBadgeId"]) for a in issued]
        unknown = bases[0].rsplit("/", 1)[0] + "/AAAAAAAAAAAAAAAAAAAAAA"
        urls = [b + s for b in [*bases, unknown] for s in SUFFIXES] * 2  # each twice
        alone = {u: requests.get(u, headers=LD, timeout=30) for u in urls}
        assert {alone[b].status_code for b in bases} == {200}
        assert alone[unknown].status_code == 404

        barrier = threading.Barrier(len(urls))

        def together(url: str) -> requests.Response:
            barrier.wait(timeout=60)
            return requests.get(url, headers={**LD, "Connection": "close"}, timeout=30)

        with ThreadPoolExecutor(max_workers=len(urls)) as pool:
            answers = list(pool.map(together, urls))
        for url, answer in zip(urls, answers, strict=True):
            assert answer.status_code == alone[url].status_code, url
            assert answer.content == alone[url].content, url
            assert answer.headers["content-type"] == alone[url].headers["content-type"], url


def test_lookups_of_one_loop_turn_share_one_query_and_keep_their_answers(
    tmp_path: Path, postgres: PostgresCluster
) -> None:
    database = postgres.new_database()
    with _serving(tmp_path, database) as running:
        urls = [_issued(running) for _ in range(3)]
        for url in urls:  # the SVG is built and stored by its first GET
            assert requests.get(url + "/image.svg", timeout=30).status_code == 200
    ids = [u.rsplit("/", 1)[1] for u in urls]
    wanted = [(i, k) for i in ids for k in stored.KINDS] + [(ids[0], "jsonld")]
    engine = make_engine(database)
    try:
        expected = {pair: stored.Reader(engine).lookup(*pair, running.base) for pair in wanted}
        assert all(found.fresh for found in expected.values())
        reader = AsyncReader(engine)
        queries: list[Any] = []
        fetch = reader.pool.fetch

        async def counted(sql: str, values: list[Any]) -> list[Any]:
            queries.append(values)
            return await fetch(sql, values)

        reader.pool.fetch = counted  # type: ignore[method-assign]

        async def together() -> list[stored.Found | BaseException]:
            looked = [reader.lookup(*pair, running.base) for pair in wanted]
            unknown = reader.lookup("AAAAAAAAAAAAAAAAAAAAAA", "jsonld", running.base)
            return await asyncio.gather(*looked, unknown, return_exceptions=True)

        *found, missing = asyncio.run(together())
        assert len(queries) == 1, "one query for the whole turn"
        assert found == [expected[pair] for pair in wanted]
        assert isinstance(missing, stored.Unknown)
    finally:
        engine.dispose()
