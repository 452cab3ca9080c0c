"""The store: the only way the game and the skill map read and write the skill model.

Layout of a data folder::

    index.json            players' pseudonym, structure, workshops (to list 600 players fast);
                          derived data, made true to the player files at every open
    workshops.json        workshops and their codes
    reviews.json          when a counsellor last reviewed each player
    players/<id>.json     everything about one player: export and erasure are one file

Each file records its schema version, and each record its own; a damaged or newer file raises
StoreError naming it and is never replaced. Temporary copies left by killed writes are removed
when nobody can own them any more (``shared.store.repair``), and by ``erase_player``.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import Query

from shared import SCHEMA_VERSION, ledger
from shared.badge import BadgeRequest, Endorsement
from shared.errors import NotFoundError, StoreError
from shared.evidence import Evidence
from shared.experience import Experience
from shared.player import Consent, Player, Settings, Workshop, workshop_code
from shared.profile import SkillProfile, build_profile, recognised_counts, shown_levels
from shared.store.files import DataFile
from shared.store.locking import locked
from shared.store.progress import ScenarioProgress
from shared.store.repair import (
    Repair,
    file_time,
    join_key,
    player_files,
    recount,
    remove_leftovers,
    repair_index,
)
from shared.store.storage import forget, remove_stale_temps

EXPORT_FORMAT = "diva-player-export"
T = TypeVar("T")
PLAYER_ID = re.compile(r"[0-9A-Za-z]{1,64}")

PLAYER_TABLES: dict[str, type[BaseModel]] = {
    "player": Player,
    "evidence": Evidence,
    "experiences": Experience,
    "badge_requests": BadgeRequest,
    "endorsements": Endorsement,
    "progress": ScenarioProgress,
}


def _no_player_record(path: Path) -> StoreError:
    return StoreError(f"{path}: no player record", "store.damaged", path=path)


def _check_index_row(path: Path, number: int, row: Any) -> None:
    """An index line the lists can use: an id and a pseudonym, as texts."""
    problem = ""
    if not isinstance(row, dict):
        problem = "not a record"
    elif not isinstance(row.get("id"), str) or not PLAYER_ID.fullmatch(row["id"]):
        problem = "no valid id"
    elif not isinstance(row.get("pseudonym"), str) or not row["pseudonym"]:
        problem = "no pseudonym"
    elif not all(isinstance(row.get(k, ""), str) for k in ("structure", "updated", "created")):
        problem = "a text field holds something else"
    elif not isinstance(row.get("workshops", []), list) or not all(
        isinstance(code, str) for code in row.get("workshops", [])
    ):
        problem = "workshops is not a list of codes"
    if problem:
        raise StoreError(
            f"{path}: damaged data file (line {number}: {problem}); left untouched",
            "store.index_row",
            path=path,
            row=number,
            detail=problem,
        )


def _newer_record(model: type[BaseModel], row: Any, path: Path) -> StoreError | None:
    """A record that says it was written by a newer DIVA (its own ``schema_version``)."""
    version = row.get("schema_version") if isinstance(row, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return StoreError(
            f"{path}: written by a newer DIVA ({model.__name__} record version {version}, "
            f"this one reads up to {SCHEMA_VERSION}); update DIVA. File left untouched",
            "store.newer",
            path=path,
        )
    return None


def _validated(model: type[BaseModel], row: dict[str, Any], path: Path) -> Any:
    """``row`` as a ``model``; a record the model refuses is a damaged file, named.

    A record whose own ``schema_version`` is newer than this DIVA's is « newer », not
    « damaged », even when its file says otherwise: its unknown fields are a newer format.
    """
    newer = _newer_record(model, row, path)
    if newer is not None:
        raise newer
    try:
        return model.model_validate(row)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or model.__name__
        message = f"{path}: damaged data file (invalid {model.__name__}: {where}: {first['msg']})"
        raise StoreError(f"{message}; left untouched", "store.damaged", path=path) from exc


def _shown_levels(rows: list[Any], path: Path) -> list[tuple[str, int]]:
    """What the evidence shows, read raw (fast); a malformed record is a damaged file, named."""
    try:
        shown = shown_levels(rows)
    except (TypeError, KeyError, AttributeError) as exc:
        detail = "an evidence record's 'shown' is not a list of competencies with a level"
        raise StoreError(
            f"{path}: damaged data file ({detail}); left untouched", "store.damaged", path=path
        ) from exc
    if not all(isinstance(c, str) and isinstance(lvl, int) for c, lvl in shown):
        detail = "an evidence record shows a competency without a name or a level"
        raise StoreError(
            f"{path}: damaged data file ({detail}); left untouched", "store.damaged", path=path
        )
    return shown


def _row(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


class Store:
    """Open with ``Store(data_dir)``; repositories are methods grouped by record kind."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        try:
            (self.root / "players").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            message = f"{self.root}: cannot create the data folder ({exc.strerror})"
            raise StoreError(message, "store.no_folder", path=self.root) from exc
        self.index = DataFile(self.root / "index.json", "index")
        self.workshop_file = DataFile(self.root / "workshops.json", "workshops")
        self.review_file = DataFile(self.root / "reviews.json", "reviews")
        self.repair = Repair()
        self.players()  # fail early, naming the file, if the index is damaged
        self._repair()

    def _repair(self) -> None:
        """The index made true to the player files; killed writes' leftovers removed.

        Runs at every open (not only when index.json is missing): see ``shared.store.repair``.
        A damaged player file is not indexed (one bad file must not hide everybody else) but
        listed in ``damaged_players`` so the skill map can name it.
        """
        folders = (self.root, self.root / "players")
        removed = remove_leftovers(folders)
        files = player_files(self.root / "players", lambda i: bool(PLAYER_ID.fullmatch(i)))
        self.repair = repair_index(self.index, files, self._file_row)
        self.repair.temps_removed = removed
        recount(self.root, files, lambda player_id: self.player(player_id).workshops)

    def _file_row(self, player_id: str) -> dict[str, Any]:
        path = self.player_file(player_id).path
        return self._index_row(self.player(player_id), updated=file_time(path))

    def damaged_players(self) -> list[Path]:
        """Player files found at open that cannot be read (not in the index, so not listed)."""
        return [p for p in self.repair.damaged if p.exists()]

    def player_file(self, player_id: str) -> DataFile:
        if not PLAYER_ID.fullmatch(player_id):
            raise NotFoundError(f"invalid player id: {player_id!r}", "no_player", player=player_id)
        return DataFile(self.root / "players" / f"{player_id}.json", "player")

    def _existing_player_file(self, player_id: str) -> DataFile:
        file = self.player_file(player_id)
        if not file.exists():
            raise NotFoundError(f"no player with id {player_id}", "no_player", player=player_id)
        return file

    def _write_player_file(self, player_id: str, operation: Callable[[Any], T]) -> T:
        """Run ``operation`` on the player's file, which must still exist once locked.

        Checked under the lock: a write that waited while the player was erased must not
        create the file again (with records of a person who asked to be forgotten).
        """
        file = self._existing_player_file(player_id)
        with locked(file.path):
            if file.exists():
                return file.run(operation)
        Path(f"{file.path}.lock").unlink(missing_ok=True)  # erased meanwhile: leave no trace
        raise NotFoundError(f"no player with id {player_id}", "no_player", player=player_id)

    # -- players -------------------------------------------------------------------------

    def add_player(self, player: Player) -> Player:
        """A new player; one who came with a workshop code belongs to the workshop's structure
        (when this folder knows the workshop). The anonymous record (``shared.ledger``) counts
        a person reached and each workshop joined."""
        if not player.structure and player.workshops:
            player = player.model_copy(update={"structure": self._structure_of(player.workshops)})
        file = self.player_file(player.id)
        first = player.workshops[0] if player.workshops else ""
        joined = [
            ledger.event("workshop_joined", player.structure, code) for code in player.workshops
        ]
        counted = [ledger.event("person_reached", player.structure, first), *joined]
        ledger.intend(self.root, player.id, counted)  # a kill from here on: counted at open
        try:
            with file.session() as db:
                if db.table("player").all():
                    raise StoreError(
                        f"{file.path}: player {player.id} already exists", "store.player_exists"
                    )
                db.table("player").insert(_row(player))
        except BaseException:
            ledger.cancel(self.root, player.id)
            raise
        self._index_player(player)
        ledger.commit(self.root, player.id)
        return player

    def _structure_of(self, codes: list[str]) -> str:
        """The structure of the first workshop of ``codes`` this folder knows ("" if none)."""
        known = {w.code: w.structure for w in self.workshops()}
        return next((known[code] for code in codes if known.get(code)), "")

    def save_player(self, player: Player) -> Player:
        """Replace the player's record (settings, avatar, consent...)."""

        def replace(db: Any) -> None:
            db.table("player").truncate()
            db.table("player").insert(_row(player))

        self._write_player_file(player.id, replace)
        self._index_player(player)
        return player

    def player(self, player_id: str) -> Player:
        file = self._existing_player_file(player_id)
        rows = file.rows("player")
        if not rows:
            raise _no_player_record(file.path)
        return _validated(Player, rows[0], file.path)

    def players(self) -> list[dict[str, Any]]:
        """The index: one light row per player (id, pseudonym, avatar, structure, workshops...).

        A line without an id or a pseudonym raises StoreError naming index.json (never a
        KeyError deep in a screen).
        """
        rows = self.repair.apply(self.index.rows("players"))
        for number, row in enumerate(rows, start=1):
            _check_index_row(self.index.path, number, row)
        return sorted(rows, key=lambda r: r["pseudonym"].casefold())

    def find_players(self, id_or_pseudonym: str) -> list[dict[str, Any]]:
        """Players whose id is, or whose pseudonym equals (case-insensitive), the given text."""
        wanted = unicodedata.normalize("NFC", id_or_pseudonym.strip()).casefold()
        rows = self.players()
        exact = [r for r in rows if r["id"] == id_or_pseudonym.strip()]
        return exact or [r for r in rows if r["pseudonym"].casefold() == wanted]

    @staticmethod
    def _index_row(player: Player, updated: str = "") -> dict[str, Any]:
        return {
            "id": player.id,
            "pseudonym": player.pseudonym,
            "structure": player.structure,
            "workshops": player.workshops,
            "avatar": player.avatar.model_dump(mode="json"),
            "created": player.created.isoformat(),
            "updated": updated or datetime.now(UTC).isoformat(),
        }

    def _index_player(self, player: Player) -> None:
        entry = self._index_row(player)
        with self.index.session() as db:
            db.table("players").upsert(entry, Query().id == player.id)

    def touch_player(self, player_id: str) -> None:
        """Mark the player as updated now (what is new since the counsellor's last review)."""
        with self.index.session() as db:
            db.table("players").update(
                {"updated": datetime.now(UTC).isoformat()}, Query().id == player_id
            )

    def erase_player(self, player_id: str) -> list[str]:
        """Right to be forgotten: everything of the person goes, and what went is said.

        The player file, its lock, every temporary copy left by a killed write (whoever wrote
        it: under the lock no write is in progress), the index line and the review mark, and
        the temporary copies of index.json and reviews.json (they hold pseudonyms too).
        Returns what was removed: file paths, and « index.json: <id> » for a line removed.
        """
        file = self._existing_player_file(player_id)
        mine = f".{file.path.name}."  # copies this open already removed count as erased too
        removed = [str(p) for p in self.repair.temps_removed if p.name.startswith(mine)]
        with locked(file.path):
            file.path.unlink()
            forget(file.path)
            removed.append(str(file.path))
            removed += [str(p) for p in remove_stale_temps(file.path, every=True)]
        with self.index.session() as db:
            if db.table("players").remove(Query().id == player_id):
                removed.append(f"{self.index.path}: {player_id}")
            removed += [str(p) for p in remove_stale_temps(self.index.path, every=True)]
        lock = Path(f"{file.path}.lock")
        if lock.exists():
            lock.unlink(missing_ok=True)
            removed.append(str(lock))
        if self.review_file.exists():
            with self.review_file.session() as db:
                if db.table("reviews").remove(Query().id == player_id):
                    removed.append(f"{self.review_file.path}: {player_id}")
                removed += [str(p) for p in remove_stale_temps(self.review_file.path, every=True)]
        return removed

    # -- counsellors' review marks (what is new since the last review) ---------------------

    def mark_reviewed(self, player_id: str, by: str = "") -> None:
        """Remember that counsellor ``by`` just reviewed this player (each counsellor has their
        own « nouveau »; "" marks it for everyone, as older versions did)."""
        row = {"id": player_id, "by": by, "at": datetime.now(UTC).isoformat()}
        mine = (Query().id == player_id) & (Query().by == by)
        if not by:  # an older mark has no « by » field
            mine = (Query().id == player_id) & ((Query().by == "") | ~Query().by.exists())
        self.review_file.run(lambda db: db.table("reviews").upsert(row, mine))

    def review_marks(self, by: str = "") -> dict[str, str]:
        """When each player was last reviewed by ``by`` (or by anyone, for a mark without a
        name), ISO time by player id."""
        marks: dict[str, str] = {}
        for row in self.review_file.rows("reviews"):
            if row.get("by", "") in ("", by):
                marks[row["id"]] = max(marks.get(row["id"], ""), row["at"])
        return marks

    def export_player(self, player_id: str) -> dict[str, Any]:
        """Everything held about one player, as one JSON-ready bundle."""
        file = self._existing_player_file(player_id)
        with file.session() as db:
            tables = {name: [dict(r) for r in db.table(name).all()] for name in PLAYER_TABLES}
        return {
            "format": EXPORT_FORMAT,
            "schema_version": SCHEMA_VERSION,
            "exported": datetime.now(UTC).isoformat(),
            "player": tables.pop("player")[0],
            **tables,
        }

    # -- records of one player -------------------------------------------------------------

    def _insert(self, player_id: str, table: str, model: BaseModel) -> None:
        self._write_player_file(player_id, lambda db: db.table(table).insert(_row(model)))

    def _replace(self, player_id: str, table: str, model: BaseModel) -> None:
        def replace(db: Any) -> None:
            record_id = getattr(model, "id", None)
            if not db.table(table).update(_row(model), Query().id == record_id):
                raise NotFoundError(
                    f"no {table} record {record_id} for player {player_id}", "no_record"
                )

        self._write_player_file(player_id, replace)

    def _all(self, player_id: str, table: str) -> list[Any]:
        model = PLAYER_TABLES[table]
        file = self._existing_player_file(player_id)
        return [_validated(model, row, file.path) for row in file.rows(table)]

    def add_evidence(self, evidence: Evidence) -> None:
        self._insert(evidence.player_id, "evidence", evidence)

    def evidence(self, player_id: str) -> list[Evidence]:
        return self._all(player_id, "evidence")

    def add_experience(self, experience: Experience) -> Experience:
        self._insert(experience.player_id, "experiences", experience)
        return experience

    def save_experience(self, experience: Experience) -> Experience:
        self._replace(experience.player_id, "experiences", experience)
        return experience

    def experiences(self, player_id: str) -> list[Experience]:
        return self._all(player_id, "experiences")

    def experience(self, player_id: str, experience_id: str) -> Experience:
        found = [e for e in self.experiences(player_id) if e.id == experience_id]
        if not found:
            raise NotFoundError(
                f"no experience {experience_id} for player {player_id}", "no_experience"
            )
        return found[0]

    def add_badge_request(self, request: BadgeRequest) -> BadgeRequest:
        request.check_backed_by(self.experiences(request.player_id))
        self._insert(request.player_id, "badge_requests", request)
        return request

    def save_badge_request(self, request: BadgeRequest) -> BadgeRequest:
        self._replace(request.player_id, "badge_requests", request)
        return request

    def badge_requests(self, player_id: str) -> list[BadgeRequest]:
        return self._all(player_id, "badge_requests")

    def add_endorsement(self, endorsement: Endorsement) -> Endorsement:
        self._insert(endorsement.player_id, "endorsements", endorsement)
        return endorsement

    def save_endorsement(self, endorsement: Endorsement) -> Endorsement:
        self._replace(endorsement.player_id, "endorsements", endorsement)
        return endorsement

    def endorsements(self, player_id: str) -> list[Endorsement]:
        return self._all(player_id, "endorsements")

    # -- scenario progress (resume where the player left) ---------------------------------

    def save_progress(self, progress: ScenarioProgress) -> None:
        def upsert(db: Any) -> None:
            db.table("progress").upsert(_row(progress), Query().scenario_id == progress.scenario_id)

        self._write_player_file(progress.player_id, upsert)

    def progress(self, player_id: str) -> dict[str, ScenarioProgress]:
        """Every scenario the player started, by scenario id."""
        return {p.scenario_id: p for p in self._all(player_id, "progress")}

    # -- derived ----------------------------------------------------------------------------

    def profile(self, player_id: str, competency_ids: Iterable[str]) -> SkillProfile:
        """The player's SkillProfile, derived from evidence and confirmed experiences."""
        file = self._existing_player_file(player_id)
        with file.session() as db:
            evidence = db.table("evidence").all()
            shown = _shown_levels(evidence, file.path)
            rows = db.table("experiences").all()
        experiences = [_validated(Experience, row, file.path) for row in rows]
        recognised = recognised_counts(evidence)
        return build_profile(player_id, competency_ids, shown, experiences, recognised)

    # -- workshops ------------------------------------------------------------------------

    def add_workshop(self, workshop: Workshop) -> Workshop:
        def insert(db: Any) -> None:
            if db.table("workshops").search(Query().code == workshop.code):
                raise StoreError(
                    f"workshop code {workshop.code} is already used",
                    "store.code_used",
                    code=workshop.code,
                )
            db.table("workshops").insert(_row(workshop))

        self.workshop_file.run(insert)
        return workshop

    def workshops(self) -> list[Workshop]:
        path = self.workshop_file.path
        return [_validated(Workshop, r, path) for r in self.workshop_file.rows("workshops")]

    def workshop(self, code: str) -> Workshop:
        wanted = workshop_code(code)
        for workshop in self.workshops():
            if workshop.code == wanted:
                return workshop
        raise NotFoundError(f"no workshop with code {wanted}", "no_workshop", code=wanted)

    # -- field updates: a writer changes only what it changed --------------------------------

    def _update_player(self, player_id: str, fields: Callable[[Player], dict[str, Any]]) -> Player:
        """Apply ``fields(fresh player)`` to the player record read under the lock.

        Never a whole ``Player`` held since the session started: the game and the skill map
        each change their own fields (settings here, a consent there) and keep the other's.
        """
        path = self.player_file(player_id).path

        def update(db: Any) -> Player:
            table = db.table("player")
            rows = table.all()
            if not rows:
                raise _no_player_record(path)
            changes = fields(_validated(Player, dict(rows[0]), path))
            updated = _validated(Player, {**rows[0], **changes}, path)
            if changes:
                table.update(changes, doc_ids=[rows[0].doc_id])
            return updated

        return self._write_player_file(player_id, update)

    def update_player_settings(self, player_id: str, settings: Settings) -> Player:
        """The player's game settings (language, text size, contrast...), and nothing else."""
        return self._update_player(player_id, lambda _: {"settings": _row(settings)})

    def finish_tutorial(self, player_id: str) -> Player:
        """The practice scenario was played or declined: it is not offered again."""
        return self._update_player(player_id, lambda _: {"tutorial_done": True})

    def join_workshop(self, player_id: str, code: str, structure: str = "") -> Player:
        """Add a workshop code the player joined, and the structure if none was set yet."""

        structure = (self._structure_of([code]) if code else "") or structure
        joined: list[str] = []
        key = join_key(player_id, code)

        def fields(player: Player) -> dict[str, Any]:
            changes: dict[str, Any] = {}
            if structure and not player.structure:
                changes["structure"] = structure
            if code and code not in player.workshops:
                changes["workshops"] = [*player.workshops, code]
                joined[:] = [code]  # put aside before the file: a kill from here is recounted
                line = ledger.event(
                    "workshop_joined", changes.get("structure", player.structure), code
                )
                ledger.intend(self.root, key, [line])
            return changes

        try:
            player = self._update_player(player_id, fields)
        except BaseException:
            ledger.cancel(self.root, key)
            raise
        self._index_player(player)
        if joined:
            ledger.commit(self.root, key)
        return player

    def give_consent(self, player_id: str, flag: str) -> Player:
        """Record one consent the player just gave (``share_portfolio``, ``badge_issuing``...)."""
        if flag not in Consent.model_fields:
            raise ValueError(f"unknown consent: {flag}")

        def fields(player: Player) -> dict[str, Any]:
            return {"consent": {**_row(player.consent), flag: True}}

        return self._update_player(player_id, fields)

    def has_record(self, player_id: str, table: str, record_id: str) -> bool:
        """Whether the player's file already holds the record (a replayed write is skipped)."""
        file = self.player_file(player_id)
        if not file.exists():
            return False
        return any(row.get("id") == record_id for row in file.rows(table))

    def save_badge_requests(self, player_id: str, requests: list[BadgeRequest]) -> None:
        """Several badge requests of one player saved in one write (a batch being sent)."""
        if not requests:
            return

        def replace(db: Any) -> None:
            table = db.table("badge_requests")
            found = {row.get("id") for row in table.all()}
            missing = [r.id for r in requests if r.id not in found]
            if missing:
                raise NotFoundError(
                    f"no badge_requests record {missing[0]} for player {player_id}", "no_record"
                )
            table.update_multiple([(_row(r), Query().id == r.id) for r in requests])

        self._write_player_file(player_id, replace)

    # -- transactions: a record read, changed and written under the player's lock -----------
    # Callers never take the lock: a change is a function of the freshest stored record, so
    # two counsellors (or the game and a counsellor) on the same player lose no change.

    def _update_record(
        self, player_id: str, table: str, record_id: str, change: Callable[[Any], None]
    ) -> Any:
        path = self.player_file(player_id).path
        model = PLAYER_TABLES[table]

        def update(db: Any) -> Any:
            rows = db.table(table).search(Query().id == record_id)
            if not rows:
                raise NotFoundError(
                    f"no {table} record {record_id} for player {player_id}", "no_record"
                )
            record = _validated(model, dict(rows[0]), path)
            change(record)
            db.table(table).update(_row(record), doc_ids=[rows[0].doc_id])
            return record

        return self._write_player_file(player_id, update)

    def update_experience(
        self, player_id: str, experience_id: str, change: Callable[[Experience], None]
    ) -> Experience:
        """``change`` applied to the stored experience and saved, in one locked write."""
        experience: Experience = self._update_record(
            player_id, "experiences", experience_id, change
        )
        return experience

    def update_endorsement(
        self, player_id: str, endorsement_id: str, change: Callable[[Endorsement], None]
    ) -> Endorsement:
        """``change`` applied to the stored endorsement and saved, in one locked write."""
        endorsement: Endorsement = self._update_record(
            player_id, "endorsements", endorsement_id, change
        )
        return endorsement

    def update_badge_requests(
        self, player_id: str, changes: Mapping[str, Callable[[BadgeRequest], None]]
    ) -> dict[str, BadgeRequest]:
        """Each ``changes[id]`` applied to that stored request, all saved in ONE write (a batch
        being sent); an unknown id changes nothing and raises NotFoundError (``no_record``)."""
        if not changes:
            return {}
        with locked(self.player_file(player_id).path):
            current = {r.id: r for r in self.badge_requests(player_id)}
            for request_id, change in changes.items():
                if request_id not in current:
                    raise NotFoundError(
                        f"no badge_requests record {request_id} for player {player_id}",
                        "no_record",
                        ref=request_id,
                    )
                change(current[request_id])
            changed = [current[request_id] for request_id in changes]
            self.save_badge_requests(player_id, changed)
        return {r.id: r for r in changed}

    def queue_badge_request(
        self, request: BadgeRequest, check: Callable[["Store"], None]
    ) -> BadgeRequest:
        """Add a badge request once ``check(store)`` passed on the player's current records
        (no other write between the check and the add), and record the young person's
        consent to badge issuing if not yet given."""
        player_id = request.player_id
        with locked(self.player_file(player_id).path):
            check(self)
            self.add_badge_request(request)
            if not self.player(player_id).consent.badge_issuing:
                self.give_consent(player_id, "badge_issuing")
        return request

    def withdraw_consent(self, player_id: str, flag: str) -> Player:
        """Record that the player withdrew one consent (``share_portfolio``...), under the lock
        on the fresh record; the other consents are kept."""
        if flag not in Consent.model_fields:
            raise ValueError(f"unknown consent: {flag}")

        def fields(player: Player) -> dict[str, Any]:
            return {"consent": {**_row(player.consent), flag: False}}

        return self._update_player(player_id, fields)
