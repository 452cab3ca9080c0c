"""Reviewing experiences with the young person: confirm, adjust, reject, add from scratch.

Each action is one read-modify-write of the player's file under its cross-process lock, so
two counsellors (or the game and a counsellor) working on the same player lose no change.
Every change goes through the shared model (``move_to``, ``rate``, ``judge``), which keeps
who, when and what in the experience's history.

A level 4 ("adapts and passes it on") is weighty: any action that records or confirms one
raises ``NeedsConfirmation`` unless called again with ``allow_level4=True``.

A history entry is data (``shared.experience.HistoryEntry``: the changes, and the note apart);
the views put it in words. Confirming or setting aside a whole experience lists the
competencies confirmed or set aside with it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import get_args

from pydantic import ValidationError

from shared.experience import (
    MAX_COMPETENCIES,
    TRANSITIONS,
    Experience,
    ExperienceKind,
    HistoryEntry,
)
from shared.ledger import structure_key
from shared.store import Store
from skillmap import badge_life, funders
from skillmap.common import (
    ActionError,
    NeedsConfirmation,
    check_level,
    competency,
    competency_name,
)
from skillmap.people import mark_reviewed

KINDS: tuple[str, ...] = get_args(ExperienceKind)
EDITABLE = ("title", "kind", "where", "with_whom", "when", "own_words", "activities")
TOP_LEVEL = 4


def drafts(store: Store, player_id: str) -> list[Experience]:
    """Experiences still waiting for a review (draft or submitted), oldest first."""
    waiting = [e for e in store.experiences(player_id) if e.status in ("draft", "submitted")]
    return sorted(waiting, key=lambda e: e.created)


def _same(experience: Experience) -> tuple[str, str]:
    """What makes two experiences the same story: the title, whatever its case, spaces,
    accents and final punctuation, and the situation it came from."""
    return structure_key(experience.title).rstrip(" .!?…"), experience.scenario_id


def duplicates(experiences: list[Experience]) -> dict[str, str]:
    """Experiences that look like an earlier one (set-aside ones aside): id -> the earlier
    one's id. Flagged, never merged: the counsellor decides (« Écarter » one of them)."""
    seen: dict[tuple[str, str], str] = {}
    found: dict[str, str] = {}
    for experience in sorted(experiences, key=lambda e: e.created):
        if experience.status == "rejected":
            continue
        key = _same(experience)
        if key in seen:
            found[experience.id] = seen[key]
        else:
            seen[key] = experience.id
    return found


def find_experience(store: Store, player_id: str, ref: str) -> Experience:
    """An experience by id, by a unique id prefix of 4+ characters (the CLI prints 8), or by
    its 1-based rank in creation order (what a counsellor reads off the list)."""
    experiences = sorted(store.experiences(player_id), key=lambda e: e.created)
    ref = ref.strip()
    if ref.isdigit() and len(ref) < 4 and 1 <= int(ref) <= len(experiences):
        return experiences[int(ref) - 1]
    matches = [e for e in experiences if e.id == ref] or [
        e for e in experiences if len(ref) >= 4 and e.id.startswith(ref)
    ]
    if len(matches) != 1:
        key = "error.experience_ambiguous" if matches else "error.experience_unknown"
        raise ActionError(key, experience=ref)
    return matches[0]


def _update(
    store: Store,
    player_id: str,
    experience_id: str,
    change: Callable[[Experience], None],
    by: str = "",
) -> Experience:
    """Apply ``change`` to the freshest stored copy of the experience (one store transaction);
    the player is then reviewed by ``by`` (their « nouveau » cleared, not the others')."""
    before = find_experience(store, player_id, experience_id)
    experience = store.update_experience(player_id, before.id, change)
    if experience.status == "confirmed" and before.status != "confirmed":
        funders.note(store, "experience_confirmed", player_id)
    badge_life.recheck(store, player_id)  # a request no longer backed is held, with the reason
    mark_reviewed(store, player_id, by)
    return experience


def _guard_level4(levels: list[int], allow_level4: bool) -> None:
    if TOP_LEVEL in levels and not allow_level4:
        raise NeedsConfirmation("confirm.level4")


def _move(experience: Experience, status: str, by: str, note: str = "") -> None:
    """Change the status (the entry names the competencies confirmed or set aside with it)."""
    if status not in TRANSITIONS[experience.status]:
        raise ActionError(
            "error.transition",
            title=experience.title,
            status=f"status.experience.{experience.status}",
            target=f"status.experience.{status}",
        )
    experience.move_to(status, by=by, note=note.strip())  # type: ignore[arg-type]


def confirm_experience(
    store: Store,
    player_id: str,
    experience_id: str,
    by: str,
    note: str = "",
    allow_level4: bool = False,
) -> Experience:
    """Confirm the experience; its still-proposed competencies are confirmed with it."""

    def change(experience: Experience) -> None:
        proposed = [c.level for c in experience.competencies if c.status == "proposed"]
        _guard_level4(proposed, allow_level4)
        _move(experience, "confirmed", by, note)

    return _update(store, player_id, experience_id, change, by=by)


def reject_experience(
    store: Store, player_id: str, experience_id: str, by: str, note: str = ""
) -> Experience:
    """Set the experience aside (it stays, with its history: it can be reopened)."""
    return _update(store, player_id, experience_id, lambda e: _move(e, "rejected", by, note), by=by)


def reopen_experience(
    store: Store, player_id: str, experience_id: str, by: str, note: str = ""
) -> Experience:
    """Back to draft, to review it again."""
    return _update(store, player_id, experience_id, lambda e: _move(e, "draft", by, note), by=by)


def set_level(
    store: Store,
    player_id: str,
    experience_id: str,
    competency_id: str,
    level: int,
    by: str,
    note: str = "",
    allow_level4: bool = False,
) -> Experience:
    """Adjust a competency's level on the experience, or add it (at most 4 per experience)."""
    competency(competency_id)
    check_level(level)
    _guard_level4([level], allow_level4)

    def change(experience: Experience) -> None:
        present = {c.competency for c in experience.competencies}
        if competency_id not in present and len(present) >= MAX_COMPETENCIES:
            raise ActionError("error.too_many_competencies", max=MAX_COMPETENCIES)
        experience.rate(competency_id, level, by=by, note=note.strip())

    return _update(store, player_id, experience_id, change, by=by)


def judge_competency(
    store: Store,
    player_id: str,
    experience_id: str,
    competency_id: str,
    confirmed: bool,
    by: str,
    note: str = "",
    allow_level4: bool = False,
) -> Experience:
    """Confirm or reject one competency on the experience."""
    competency(competency_id)

    def change(experience: Experience) -> None:
        rated = next((c for c in experience.competencies if c.competency == competency_id), None)
        if rated is None:
            raise ActionError(
                "error.competency_not_on_experience",
                competency=competency_name(competency_id),
                title=experience.title,
            )
        if confirmed:
            _guard_level4([rated.level], allow_level4)
        experience.judge(competency_id, confirmed, by=by, note=note.strip())

    return _update(store, player_id, experience_id, change, by=by)


def edit_experience(
    store: Store, player_id: str, experience_id: str, by: str, **changes: object
) -> Experience:
    """Change the title, kind, where, with whom, when, own words or activities; each change
    is logged."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ActionError("error.not_editable", fields=", ".join(unknown))
    if "kind" in changes and changes["kind"] not in KINDS:
        raise ActionError("error.invalid_kind", kind=changes["kind"], valid=", ".join(KINDS))
    if "title" in changes and not str(changes["title"]).strip():
        raise ActionError("error.title_empty")

    def change(experience: Experience) -> None:
        for name, value in changes.items():
            if getattr(experience, name) != value:
                setattr(experience, name, value)
                experience.history.append(HistoryEntry(by=by, action=f"edit:{name}"))

    return _update(store, player_id, experience_id, change, by=by)


def add_note(store: Store, player_id: str, experience_id: str, by: str, note: str) -> Experience:
    """A note on its own (no change): what was said in the conversation, signed and dated."""
    if not note.strip():
        raise ActionError("error.note_empty")
    entry = HistoryEntry(by=by, action="remark", note=note.strip())
    return _update(store, player_id, experience_id, lambda e: e.history.append(entry), by=by)


@dataclass
class NewExperience:
    """What the counsellor and the young person write down together."""

    title: str
    kind: str = "other"
    where: str = ""
    when: str = ""
    own_words: str = ""
    activities: list[str] = field(default_factory=list)
    competencies: dict[str, int] = field(default_factory=dict)


def _check_new(draft: NewExperience) -> None:
    if not draft.title.strip():
        raise ActionError("error.title_empty")
    if len(draft.title) > 200:
        raise ActionError("error.title_long", max=200)
    if draft.kind not in KINDS:
        raise ActionError("error.invalid_kind", kind=draft.kind, valid=", ".join(KINDS))
    if len(draft.competencies) > MAX_COMPETENCIES:
        raise ActionError("error.too_many_competencies", max=MAX_COMPETENCIES)
    for competency_id, level in draft.competencies.items():
        competency(competency_id)
        check_level(level)


def add_experience(
    store: Store,
    player_id: str,
    draft: NewExperience,
    by: str,
    confirm: bool = False,
    allow_level4: bool = False,
) -> Experience:
    """Record an experience told in the conversation (source "declared"), optionally confirmed."""
    _check_new(draft)
    if confirm and not draft.competencies:
        raise ActionError("error.confirm_needs_competency")
    if confirm and not draft.own_words.strip():
        raise ActionError("error.confirm_needs_words")
    _guard_level4(list(draft.competencies.values()), allow_level4)
    store.player(player_id)  # unknown player: NotFoundError before anything is built
    try:
        experience = Experience(
            player_id=player_id,
            title=draft.title.strip(),
            kind=draft.kind,  # type: ignore[arg-type]
            where=draft.where.strip(),
            when=draft.when.strip(),
            own_words=draft.own_words,
            activities=[a.strip() for a in draft.activities if a.strip()],
            source="declared",
            history=[HistoryEntry(by=by, action="created")],
        )
    except ValidationError as exc:  # pragma: no cover - _check_new catches what users can type
        raise ActionError("error.invalid_experience", detail=str(exc)) from exc
    for competency_id, level in draft.competencies.items():
        experience.rate(competency_id, level, by=by)
    if confirm:
        _move(experience, "confirmed", by)
    store.add_experience(experience)
    if experience.status == "confirmed":
        funders.note(store, "experience_confirmed", player_id)
    mark_reviewed(store, player_id, by)
    return experience
