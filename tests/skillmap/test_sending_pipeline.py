"""A player's answers are saved while the next player's badges are sent (``sending.Finisher``),
against the Badgr-shaped server: nothing is lost or reported unsaved on the way.

- every request ends ``issued`` and saved, each player's ``sent`` saved before its POSTs;
- a run that breaks down in the middle of a player still saves the previous player's badges
  as ``issued`` and leaves the broken player's ``sent`` (the next run POSTs the same keys).
- each badge file is durable before its request says ``issued``; one that cannot be written
  is said, left out of the answer and fetched by the next run.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from shared.badge import BadgeRequest
from shared.store import Store
from skillmap import badges, review, sending
from skillmap.issuer_client import IssuerClient
from skillmap.issuers import IssuerBook
from tests.skillmap import builders as b
from tests.skillmap import test_badgr_compat as compat
from tests.skillmap.test_badgr_compat import EMAIL, BadgrServer, Naps, T, _clients

# The Badgr test module's fixtures, found by pytest under these names.
badgr, book, data, naps, store = compat.badgr, compat.book, compat.data, compat.naps, compat.store


def _players(store: Store, count: int) -> list[str]:
    """Players with two queued requests each (« oral » levels 1 and 2)."""
    made = []
    for n in range(count):
        pid = b.player(store, pseudonym=f"Joueur{n}").id
        b.draft(store, pid, "Entraîner les U9 au club", {"oral": 2})
        review.confirm_experience(store, pid, "1", "Anne")
        for level in (1, 2):
            email = EMAIL.replace("@", f"+{n}@")  # Badgr awards a badge once per address
            badges.request_badge(store, pid, "oral", level, email, consent=True)
        made.append(pid)
    return made


def _statuses(store: Store, pid: str) -> list[str]:
    return sorted(r.status for r in store.badge_requests(pid))


def _recorded_client(run: "Sending", hook: Any) -> IssuerClient:
    client = _clients(run.book, run.naps)(None)
    real_issue = client.issue

    def issue(class_id: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        hook(key)
        return real_issue(class_id, body, key)

    run.monkeypatch.setattr(client, "issue", issue)  # a recorder over the real method
    return client


def _owner(store: Store, pids: list[str], key: str) -> str:
    requests: list[BadgeRequest] = [r for p in pids for r in store.badge_requests(p)]
    return next(r.player_id for r in requests if r.idempotency_key == key)


@dataclass
class Sending:
    """What each test here works with: a data folder, its issuer book, a Badgr server."""

    store: Store
    data: Path
    book: IssuerBook
    naps: Naps
    badgr: BadgrServer
    monkeypatch: pytest.MonkeyPatch

    def send(self, client: IssuerClient) -> list[sending.Outcome]:
        pending = sending.pending(self.store)
        return sending.send_many(self.store, self.data, pending, lambda _n: client, T)


@pytest.fixture
def run(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Sending:
    """The Badgr test module's fixtures (above), gathered."""
    found = {name: request.getfixturevalue(name) for name in ("store", "data", "book", "naps")}
    return Sending(**found, badgr=request.getfixturevalue("badgr"), monkeypatch=monkeypatch)


def test_every_player_is_saved_issued_and_sent_before_its_posts(run: Sending) -> None:
    store = run.store
    pids = _players(store, 3)
    seen: list[tuple[str, list[str]]] = []

    def hook(key: str) -> None:
        owner = _owner(store, pids, key)
        seen.append((owner, _statuses(store, owner)))

    outcomes = run.send(_recorded_client(run, hook))
    assert [o.status for o in outcomes] == ["issued"] * 6
    assert all(statuses == ["sent", "sent"] for _, statuses in seen)  # saved before its POSTs
    assert [owner for owner, _ in seen] == [p for p in pids for _ in (1, 2)]
    assert all(_statuses(store, p) == ["issued", "issued"] for p in pids)
    assert len(run.badgr.state.assertions) == 6
    for request in (r for p in pids for r in store.badge_requests(p)):
        assert request.answer is not None and request.answer.image_path
        assert (run.data / request.answer.image_path).is_file()


def test_a_run_broken_in_a_player_keeps_the_previous_players_issued(run: Sending) -> None:
    store = run.store
    first, second = _players(store, 2)

    def hook(key: str) -> None:
        if _owner(store, [first, second], key) == second:
            raise KeyboardInterrupt  # the counsellor stops the run in the second player

    with pytest.raises(KeyboardInterrupt):
        run.send(_recorded_client(run, hook))
    assert _statuses(store, first) == ["issued", "issued"]  # saved although the run broke
    assert _statuses(store, second) == ["sent", "sent"]
    again = run.send(_clients(run.book, run.naps)(None))
    assert [o.status for o in again] == ["issued", "issued"]
    assert len(run.badgr.state.assertions) == 4


def test_every_badge_file_is_on_disk_before_its_request_is_saved_issued(run: Sending) -> None:
    """The files are written as they come and made durable together (``FileWrites.finish``):
    each one's fsync comes before the save that says ``issued``."""
    store = run.store
    pids = _players(store, 2)
    events: list[tuple[str, str]] = []
    real_fsync, real_update = sending._fsync, store.update_badge_requests

    def fsync(path: Path) -> None:
        real_fsync(path)
        events.append(("durable", path.name))

    def update(player_id: str, changes: Any) -> dict[str, BadgeRequest]:
        saved = real_update(player_id, changes)
        events.extend(("issued", f"{r.id}.png") for r in saved.values() if r.status == "issued")
        return saved

    run.monkeypatch.setattr(sending, "_fsync", fsync)  # recorders over the real functions
    run.monkeypatch.setattr(store, "update_badge_requests", update)
    outcomes = run.send(_clients(run.book, run.naps)(None))
    assert [o.status for o in outcomes] == ["issued"] * 4
    for request in (r for p in pids for r in store.badge_requests(p)):
        name = f"{request.id}.png"
        assert events.index(("durable", name)) < events.index(("issued", name))


def test_a_badge_file_that_cannot_be_written_is_said_and_fetched_again(run: Sending) -> None:
    store = run.store
    (pid,) = _players(store, 1)
    blocked = store.badge_requests(pid)[0]
    target = sending.badge_folder(run.data, pid) / f"{blocked.id}.png"
    target.mkdir(parents=True)  # a folder where the image goes: its write fails
    outcomes = {o.request: o for o in run.send(_clients(run.book, run.naps)(None))}
    assert {o.status for o in outcomes.values()} == {"issued"}
    said = outcomes[blocked.id].message
    assert said.startswith("badge émis, mais son image n’a pas pu être récupérée")
    saved = {r.id: r for r in store.badge_requests(pid)}
    left_out = saved[blocked.id].answer
    assert left_out is not None and not left_out.image_path
    other = next(r for r in saved.values() if r.id != blocked.id)
    assert other.answer is not None and (run.data / other.answer.image_path).is_file()
    target.rmdir()  # the next run fetches the missing image, and nothing else
    again = run.send(_clients(run.book, run.naps)(None))
    assert [(o.request, o.status) for o in again] == [(blocked.id, "issued")]
    answer = store.badge_requests(pid)[0].answer
    assert answer is not None and (run.data / answer.image_path).is_file()
    assert len(run.badgr.state.assertions) == 2


def test_the_issuer_book_is_read_once_a_run_not_once_a_badge(run: Sending) -> None:
    _players(run.store, 2)
    reads: list[str | None] = []
    real_get = run.book.get

    def get(name: str | None = None) -> Any:
        reads.append(name)
        return real_get(name)

    run.monkeypatch.setattr(run.book, "get", get)  # a recorder over the real method
    pending = sending.pending(run.store)
    outcomes = sending.send_many(run.store, run.data, pending, _clients(run.book, run.naps), T)
    assert [o.status for o in outcomes] == ["issued"] * 4
    assert reads == [None]
