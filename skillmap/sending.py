"""Sending queued badge requests to an issuer, so that none is lost and none is issued twice.

queued -> sent -> issued | failed. The request is saved as ``sent`` (with the issuer's name)
BEFORE the assertion is POSTed with its idempotency key: if anything stops after that (the
issuer goes down, the process is killed), the next run POSTs it again with the same key and
the issuer answers with the same assertion. An issuer that cannot be reached, answers 5xx or
garbage leaves the request ``queued`` with the error and the attempt count; a 4xx refusal of
the assertion makes it ``failed`` with the issuer's message. Once issued, the baked image and
the OB 3.0 credential are saved beside the player's data (0600); a run after a failed download
fetches them again.
"""

import contextlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shared.badge import BadgeRequest, IssuerAnswer
from shared.errors import DivaError, NotFoundError
from shared.experience import Experience
from shared.i18n import Catalogue
from shared.store import Store
from shared.store.storage import fsync_dir
from skillmap import funders
from skillmap.common import ActionError, describe
from skillmap.issuer_client import IssuerClient, IssuerError
from skillmap.issuers import IssuerBook

BADGES_DIR = "badges"
SENDABLE = ("queued", "sent")
ClientFactory = Callable[[str | None], IssuerClient]


@dataclass
class Outcome:
    """What happened to one request (``badge send --json`` prints these, keys fixed)."""

    request: str
    status: str
    assertion_url: str
    message: str

    def as_json(self) -> dict[str, str]:
        return asdict(self)


def client_factory(book: IssuerBook, **options: Any) -> ClientFactory:
    """Clients by issuer name (None: the only one configured), logged in once per run; the
    issuer book is read once per name asked for, not once per badge."""
    made: dict[str, IssuerClient] = {}
    asked: dict[str | None, IssuerClient] = {}

    def get(name: str | None) -> IssuerClient:
        if name not in asked:
            config = book.get(name)
            if config.name not in made:
                made[config.name] = IssuerClient(config, book.secret(config.name), **options)
            asked[name] = made[config.name]
        return asked[name]

    return get


# -- finding requests ------------------------------------------------------------------------


def all_requests(store: Store) -> list[BadgeRequest]:
    return [r for row in store.players() for r in store.badge_requests(row["id"])]


def find_request(store: Store, ref: str) -> BadgeRequest:
    """A request by its id or the start of it (as the lists show it)."""
    ref = ref.strip().lower()
    found = [r for r in all_requests(store) if r.id == ref] or [
        r for r in all_requests(store) if ref and r.id.startswith(ref)
    ]
    if not found:
        raise ActionError("error.badge_unknown", ref=ref)
    if len(found) > 1:
        raise ActionError("error.badge_ambiguous", ref=ref, n=len(found))
    return found[0]


def pending(store: Store) -> list[BadgeRequest]:
    """What ``send --all`` works on: queued, sent, and issued badges whose files are missing."""
    return [
        r
        for r in sorted(all_requests(store), key=lambda r: r.created)
        if r.status in SENDABLE or (r.status == "issued" and _files_missing(r))
    ]


def _files_missing(request: BadgeRequest) -> bool:
    answer = request.answer
    if answer is None or answer.revoked:
        return False
    return bool(answer.baked_image_url) and not answer.image_path


# -- saving ----------------------------------------------------------------------------------


Change = Callable[[BadgeRequest], None]
Say = Callable[[BadgeRequest], Outcome]  # what to say, from the request as saved


def _save(store: Store, player_id: str, changes: dict[str, Change]) -> dict[str, BadgeRequest]:
    """Apply ``changes`` to one player's stored requests in ONE store transaction; returns
    the requests as saved."""
    try:
        return store.update_badge_requests(player_id, changes)
    except NotFoundError as exc:
        if exc.key != "no_record":
            raise
        raise ActionError("error.badge_unknown", ref=exc.values.get("ref", "")) from exc


def _update(store: Store, request: BadgeRequest, change: Change) -> None:
    """Apply ``change`` to one stored request and save it; ``request`` follows."""
    saved = _save(store, request.player_id, {request.id: change})
    request.__dict__.update(saved[request.id].__dict__)


def _write_private(path: Path, data: bytes, *, durable: bool = True) -> None:
    """``data`` in ``path``, 0600, whole or not at all (a temporary file renamed); fsynced
    unless the caller makes it durable later (``FileWrites``)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        if durable:
            out.flush()
            os.fsync(out.fileno())
    os.replace(tmp, path)


def _fsync(path: Path) -> None:
    """A file written without its fsync (``FileWrites``) made durable: opened for writing,
    which Windows needs to flush it (folders: ``fsync_dir``)."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileWrites:
    """The badge files of one player's requests, kept as they are downloaded and written by
    ``finish`` (0600, each renamed into place, then all fsynced with their folder) before
    the requests are saved ``issued``: nothing reported saved is lost, and the thread that
    fetches the files (the slowest part of a run) never waits for the disk. (It had a pool
    of four threads a player, each file fsynced in its own: their start and their fight for
    the interpreter cost more than the fsyncs.)
    A file that could not be written calls its ``failed`` callback, which takes it out of
    the answer.
    """

    def __init__(self) -> None:
        self._kept: list[tuple[Path, bytes, Callable[[OSError], None]]] = []

    def write(self, path: Path, data: bytes, failed: Callable[[OSError], None]) -> None:
        self._kept.append((path, data, failed))

    def finish(self) -> None:
        """Every file on disk for good (its data, then its folder's entries), or its
        ``failed`` called."""
        kept, self._kept = self._kept, []
        written: list[tuple[Path, Callable[[OSError], None]]] = []
        for path, data, failed in kept:
            try:
                _write_private(path, data, durable=False)
                written.append((path, failed))
            except OSError as error:
                failed(error)
        for path, failed in written:
            try:
                _fsync(path)
            except OSError as error:
                failed(error)
        for folder in {path.parent for path, _ in written}:
            with contextlib.suppress(OSError):  # not every file system syncs a folder
                fsync_dir(folder)


def badge_folder(root: Path, player_id: str) -> Path:
    return root / BADGES_DIR / player_id


def _image_suffix(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if b"<svg" in data[:2000]:
        return ".svg"
    return None


# -- the body sent -------------------------------------------------------------------------


def assertion_body(
    store: Store, request: BadgeRequest, experiences: dict[str, Experience] | None = None
) -> dict[str, Any]:
    """The v2 assertion: the recipient e-mail (hashed by the issuer), narrative, evidence.

    ``experiences`` (by id): the player's, read once for all their requests by the caller."""
    if experiences is None:
        experiences = {e.id: e for e in store.experiences(request.player_id)}
    evidence = []
    for experience_id in request.experience_ids:
        experience = experiences.get(experience_id)
        if experience is None:
            continue
        words = experience.own_words.strip()
        text = f"{experience.title} — {words}" if words else experience.title
        evidence.append({"narrative": text})
    issued_on = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return {
        "recipient": {"identity": request.recipient_email.strip(), "type": "email", "hashed": True},
        "narrative": request.narrative,
        "evidence": evidence,
        "issuedOn": issued_on,
    }


# -- sending ---------------------------------------------------------------------------------


def send(
    store: Store,
    root: Path,
    request: BadgeRequest,
    clients: ClientFactory,
    t: Catalogue,
    issuer: str | None = None,
) -> Outcome:
    """Send one request (or fetch its missing files) and say what became of it."""
    return send_many(store, root, [request], clients, t, issuer)[0]


def send_many(
    store: Store,
    root: Path,
    requests: Iterable[BadgeRequest],
    clients: ClientFactory,
    t: Catalogue,
    issuer: str | None = None,
) -> list[Outcome]:
    """Send each request; a player's requests are saved together (``sent`` in one write
    before their POSTs, their answers in one write after, made while the next player's badges
    are sent). One request's trouble never stops the others; a failed request is sent again
    only when asked for by name."""
    wanted = list(requests)
    groups: dict[str, list[BadgeRequest]] = {}
    for request in wanted:
        groups.setdefault(request.player_id, []).append(request)
    outcomes: dict[str, Outcome] = {}
    finisher = Finisher(t)
    fetcher = ThreadPoolExecutor(1, thread_name_prefix="badge-fetch")
    try:
        for player_id, group in groups.items():
            try:
                outcomes.update(
                    _send_group(
                        store, root, player_id, group, clients, t, issuer, finisher, fetcher
                    )
                )
            except DivaError as error:  # the player's file could not be written
                outcomes.update(_unsaved(group, error, t))
    finally:
        try:
            finisher.close()  # the last player's finish waits for its files to be fetched
        finally:
            fetcher.shutdown(wait=True, cancel_futures=True)
    return [outcomes.get(r.id) or finisher.outcomes[r.id] for r in wanted]


def _unsaved(group: list[BadgeRequest], error: DivaError, t: Catalogue) -> dict[str, Outcome]:
    """What to say of each request of a player whose file could not be written."""
    return {r.id: Outcome(r.id, r.status, "", describe(error, t)) for r in group}


Finish = Callable[[], dict[str, Outcome]]


class Finisher:
    """Finishes one player's sending (the badges' files fetched and on disk, then ``issued``
    saved, then counted) in a background thread while the next player's badges go over the
    network: neither the last downloads nor the fsyncs hold the next POSTs back.

    Store writes never overlap: the finish of a player is started only once the next player's
    ``sent`` is saved (``start``), and joined before the store is used again (``join``). A
    run killed before a finish leaves those requests ``sent``: the next run POSTs them again
    with the same idempotency keys and gets the same assertions.
    """

    def __init__(self, t: Catalogue) -> None:
        self._t = t
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="badge-saves")
        self._queued: tuple[list[BadgeRequest], Finish] | None = None
        self._running: tuple[list[BadgeRequest], Future[dict[str, Outcome]]] | None = None
        self.outcomes: dict[str, Outcome] = {}

    def hand_over(self, group: list[BadgeRequest], finish: Finish) -> None:
        """``finish`` is the next to run (the one before must have been joined)."""
        self._queued = (group, finish)

    def start(self) -> None:
        """Run the queued finish in the background (the caller stays off the store)."""
        if self._queued is not None:
            group, finish = self._queued
            self._queued = None
            self._running = (group, self._pool.submit(finish))

    def join(self) -> None:
        """Wait for the running finish; its outcomes (or its error, for each request)."""
        if self._running is None:
            return
        group, future = self._running
        self._running = None
        try:
            self.outcomes.update(future.result())
        except DivaError as error:
            self.outcomes.update(_unsaved(group, error, self._t))

    def close(self) -> None:
        try:
            self.join()
            self.start()
            self.join()
        finally:
            self._pool.shutdown(wait=True)


def _send_group(
    store: Store,
    root: Path,
    player_id: str,
    group: list[BadgeRequest],
    clients: ClientFactory,
    t: Catalogue,
    issuer: str | None,
    finisher: Finisher,
    fetcher: ThreadPoolExecutor,
) -> dict[str, Outcome]:
    """Send one player's requests; returns what is known now, and hands what is left (the
    answers' save) to ``finisher``. Each badge's public files are fetched by ``fetcher``
    (one thread, its own connection) while the next badge is POSTed, and the finish waits
    for them, not this: the client's work and the issuer's overlap instead of waiting for
    each other."""
    outcomes: dict[str, Outcome] = {}
    before: dict[str, Change] = {}
    after: dict[str, Change] = {}
    says: dict[str, Say] = {}
    ready: list[tuple[str, IssuerClient, str]] = []
    for request in group:
        if request.status == "issued":
            client = clients(_issuer_of(request, issuer))
            outcomes[request.id] = _fetch_files(store, root, request, client, t)
            continue
        if request.status not in (*SENDABLE, "failed"):
            status = t(f"status.badge.{request.status}")
            error = ActionError("error.badge_not_sendable", status=status)
            outcomes[request.id] = Outcome(request.id, request.status, "", describe(error, t))
            continue
        try:
            client = clients(_issuer_of(request, issuer))
            class_id = _badge_class_id(request, client)
        except IssuerError as error:
            before[request.id], says[request.id] = _stay_queued(error, t)
            continue
        before[request.id] = _sent(client.config.name, class_id)
        ready.append((request.id, client, class_id))
    saved = _save(store, player_id, before)  # durable BEFORE any POST
    experiences = {e.id: e for e in store.experiences(player_id)} if ready else {}
    finisher.start()  # the previous player's answers are saved while these go out
    writes = FileWrites()
    fetching: list[tuple[str, Future[tuple[Change, Say]]]] = []
    try:
        for request_id, client, class_id in ready:
            request = saved[request_id]
            body = assertion_body(store, request, experiences)
            try:
                result = client.issue(class_id, body, request.idempotency_key)
            except IssuerError as error:
                change = _stay_queued(error, t) if error.transient else _failed(error, t)
                after[request_id], says[request_id] = change
                continue
            files = client.files_client()
            fetched = fetcher.submit(_issued, root, request, result, files, t, writes)
            fetching.append((request_id, fetched))
    except BaseException:
        _settle(fetching)  # no file write starts after this: nothing more is saved for
        writes.finish()  # this player, whose requests stay ``sent``
        raise
    finally:
        finisher.join()

    def finish() -> dict[str, Outcome]:
        for request_id, fetched in fetching:  # the files, fetched while the next player's
            after[request_id], says[request_id] = fetched.result()  # badges were POSTed
        writes.finish()  # every file on disk BEFORE ``issued`` is saved
        saved.update(_save(store, player_id, after))
        issued = [saved[r] for r in after if saved[r].status == "issued"]
        badges = [(r.competency, r.level) for r in issued]
        funders.note_badges(store, "badge_issued", player_id, badges)
        return {request_id: say(saved[request_id]) for request_id, say in says.items()}

    finisher.hand_over(group, finish)
    return outcomes


def _settle(fetching: list[tuple[str, Future[tuple[Change, Say]]]]) -> None:
    """Cancel the fetches not started; wait for the one running (whatever it ended with)."""
    for _request_id, fetched in fetching:
        if not fetched.cancel():
            with contextlib.suppress(Exception):  # the error being raised is the one that counts
                fetched.result()


def _badge_class_id(request: BadgeRequest, client: IssuerClient) -> str:
    """The BadgeClass a sent request was POSTed to (the same again), else the matching one."""
    if request.status == "sent" and request.answer and request.answer.badgeclass_id:
        return request.answer.badgeclass_id
    found = client.find_badge_class(request.framework_id, request.competency, request.level)
    return str(found.get("entityId", ""))


def _issuer_of(request: BadgeRequest, wanted: str | None) -> str | None:
    """A request already sent goes back to the issuer it was sent to."""
    if request.answer is not None and request.answer.issuer:
        return request.answer.issuer
    return wanted


def _sent(issuer: str, badge_class_id: str) -> Change:
    def change(r: BadgeRequest) -> None:
        if r.status == "failed":
            r.move_to("queued")
        if r.status == "queued":
            r.move_to("sent")
        if r.status == "issued":  # another run finished it: the POST will get the same one
            return
        answer = r.answer or IssuerAnswer()
        r.answer = answer.model_copy(update={"issuer": issuer, "badgeclass_id": badge_class_id})

    return change


def mark_sent(store: Store, request: BadgeRequest, issuer: str, badge_class_id: str) -> None:
    """Saved BEFORE the POST: a run that dies after it leaves ``sent``, and the next run
    POSTs again with the same idempotency key, to the same issuer and BadgeClass."""
    _update(store, request, _sent(issuer, badge_class_id))


def _stay_queued(error: DivaError, t: Catalogue) -> tuple[Change, Say]:
    message = describe(error, t)

    def change(r: BadgeRequest) -> None:
        if r.status == "issued":  # another run got it issued meanwhile
            return
        if r.status in ("sent", "failed"):
            r.move_to("queued")
        r.attempts += 1
        r.last_error = message

    def say(r: BadgeRequest) -> Outcome:
        text = t("send.queued", message=message, attempts=r.attempts)
        return Outcome(r.id, r.status, "", text)

    return change, say


def _failed(error: DivaError, t: Catalogue) -> tuple[Change, Say]:
    message = describe(error, t)

    def change(r: BadgeRequest) -> None:
        if r.status == "issued":  # another run got it issued meanwhile
            return
        r.move_to("failed")
        r.attempts += 1
        r.last_error = message
        r.answer = (r.answer or IssuerAnswer()).model_copy(update={"message": message})

    return change, lambda r: Outcome(r.id, r.status, "", message)


def _answer_of(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "assertion_url": str(result.get("openBadgeId") or ""),
        "assertion_id": str(result.get("entityId") or ""),
        "baked_image_url": str(result.get("image") or ""),
        "revoked": bool(result.get("revoked") or False),
        "message": "",
    }


def _issued(
    root: Path,
    request: BadgeRequest,
    result: dict[str, Any],
    client: IssuerClient,
    t: Catalogue,
    writes: FileWrites,
) -> tuple[Change, Say]:
    """Fetch the files first; ``issued`` is then saved with everything at once, after
    ``writes.finish()`` (a run that dies before stays ``sent`` and POSTs the same key again)."""
    fields = _answer_of(result)
    answer = (request.answer or IssuerAnswer()).model_copy(update=fields)
    files, note = _download(root, request, answer, client, t, writes)

    def change(r: BadgeRequest) -> None:
        if r.status != "issued":  # another run may have saved the same assertion already
            r.move_to("issued")
        r.attempts += 1
        r.last_error = ""
        r.answer = (r.answer or IssuerAnswer()).model_copy(update={**fields, **files})

    return change, lambda r: Outcome(r.id, r.status, answer.assertion_url, note[0])


def _fetch_files(
    store: Store, root: Path, request: BadgeRequest, client: IssuerClient, t: Catalogue
) -> Outcome:
    """An issued badge whose files could not be fetched before: try again."""
    answer = request.answer or IssuerAnswer()
    files, note = _download(root, request, answer, client, t)
    _update(
        store,
        request,
        lambda r: setattr(r, "answer", (r.answer or IssuerAnswer()).model_copy(update=files)),
    )
    return Outcome(request.id, request.status, answer.assertion_url, note[0])


def _download(
    root: Path,
    request: BadgeRequest,
    answer: IssuerAnswer,
    client: IssuerClient,
    t: Catalogue,
    writes: FileWrites | None = None,
) -> tuple[dict[str, str], list[str]]:
    """Save the baked image (and the OB 3.0 credential from a DIVA issuer), 0600; returns the
    answer's new file fields and what to say (one item, replaced if a write of ``writes``
    fails later). Without ``writes`` each file is written before this returns."""
    folder = badge_folder(root, request.player_id)
    files: dict[str, str] = {}
    note = [""]

    def lost(field: str) -> Callable[[OSError], None]:
        def failed(error: OSError) -> None:
            files.pop(field, None)
            note[0] = t("send.issued_files_later", detail=str(error))

        return failed

    def save(path: Path, data: bytes, field: str) -> None:
        if writes is None:
            _write_private(path, data)
            files[field] = str(path.relative_to(root))
        else:  # named first: a write that fails takes it out again
            files[field] = str(path.relative_to(root))
            writes.write(path, data, lost(field))

    try:
        image = client.download(answer.baked_image_url) if answer.baked_image_url else None
        suffix = _image_suffix(image or b"")
        if image is not None and suffix:
            save(folder / f"{request.id}{suffix}", image, "image_path")
        if client.config.kind == "diva" and answer.assertion_url and not answer.credential_path:
            jwt = client.download(answer.assertion_url.rstrip("/") + "/credential.jwt", "*/*")
            if jwt and jwt.count(b".") == 2:
                save(folder / f"{request.id}.jwt", jwt.strip(), "credential_path")
    except (IssuerError, OSError) as error:
        detail = describe(error, t) if isinstance(error, IssuerError) else str(error)
        note[0] = t("send.issued_files_later", detail=detail)
        return files, note
    if not note[0]:  # a write that failed has said so already
        note[0] = t("send.issued") if files.get("image_path") else t("send.issued_no_image")
    return files, note


# -- revoking --------------------------------------------------------------------------------


def revoke(
    store: Store, request: BadgeRequest, clients: ClientFactory, reason: str, t: Catalogue
) -> Outcome:
    """Revoke an issued badge at its issuer; the request keeps ``issued`` with ``revoked``."""
    answer = request.answer
    if request.status != "issued" or answer is None or not answer.assertion_id:
        raise ActionError("error.badge_not_issued", status=t(f"status.badge.{request.status}"))
    if not reason.strip():
        raise ActionError("error.revoke_reason")
    if not answer.revoked:
        client = clients(answer.issuer or None)
        client.revoke(answer.assertion_id, reason.strip())
    _update(
        store,
        request,
        lambda r: setattr(
            r,
            "answer",
            (r.answer or IssuerAnswer()).model_copy(
                update={"revoked": True, "revocation_reason": reason.strip()}
            ),
        ),
    )
    return Outcome(request.id, request.status, answer.assertion_url, t("send.revoked"))


def erase_badge_files(root: Path, player_id: str) -> list[str]:
    """Remove the badge images and credentials saved for a player (``erase`` calls it);
    returns what was removed."""
    folder = badge_folder(root, player_id)
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.iterdir()):
        path.unlink(missing_ok=True)
        removed.append(str(path))
    folder.rmdir()
    return removed
