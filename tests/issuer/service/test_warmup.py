"""A worker prepares the issuing path before it answers (``issuer.api.warmup``), on SQLite and
PostgreSQL: with nothing to complain about in its log, and never kept from starting by what it
could not prepare (a missing key file is then what the first badge meets, as before).
"""

import requests

from tests.issuer.service.conftest import IssuerServer

WARNING = "warm-up step"


def test_a_worker_prepares_without_complaint(fresh_server: IssuerServer) -> None:
    fresh_server.start()
    assert "Application startup complete" in fresh_server.log_text()
    assert WARNING not in fresh_server.log_text()
    headers = fresh_server.auth()
    badge = fresh_server.badge_class(headers, "numerique", 1)
    assert fresh_server.issue(headers, badge["entityId"]).status_code == 201


def test_a_missing_key_file_does_not_stop_a_worker(fresh_server: IssuerServer) -> None:
    for path in (fresh_server.data_dir / "keys").glob("*.pem"):
        path.unlink()
    fresh_server.start()
    assert f"{WARNING} _keys skipped: KeyMissing" in fresh_server.log_text()
    headers = fresh_server.auth()
    badge = fresh_server.badge_class(headers, "numerique", 1)
    issued = fresh_server.issue(headers, badge["entityId"])
    assert issued.status_code == 201  # issued; its credential cannot be signed
    credential = requests.get(issued.json()["result"][0]["credential"], timeout=10)
    assert credential.status_code == 503
    assert credential.json()["status"]["success"] is False
