"""Progression: the map « avant » (as it stood at the end of the first day something was
confirmed) and « maintenant », from the dated confirmations each experience's history keeps.

A level counts from the moment its experience was confirmed until it was reopened or set
aside; the history says when (``status:…`` entries), so nothing new needs to be stored.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from shared.experience import Experience, LevelChange


@dataclass
class Progress:
    first_day: date | None
    before: dict[str, int]  # competency -> best confirmed level at the end of the first day
    now: dict[str, int]


def _status_at(experience: Experience, moment: datetime) -> str:
    """The experience's status at ``moment`` (its status history read up to then)."""
    status = "draft"
    for entry in experience.history:
        if entry.at <= moment and entry.action.startswith("status:"):
            status = entry.action.split(":", 1)[1]
    return status


def _level_at(experience: Experience, competency: str, moment: datetime) -> int:
    """The competency's level on the experience at ``moment`` (its changes read up to then)."""
    level = 0
    for entry in experience.history:
        if entry.at > moment:
            break
        for change in entry.changes:
            if isinstance(change, LevelChange) and change.competency == competency and change.level:
                level = change.level
    current = next((c for c in experience.competencies if c.competency == competency), None)
    return level or (current.level if current else 0)


def levels_at(experiences: list[Experience], moment: datetime) -> dict[str, int]:
    """Best confirmed level of each competency at ``moment``."""
    best: dict[str, int] = {}
    for experience in experiences:
        if _status_at(experience, moment) != "confirmed":
            continue
        for rated in experience.competencies:
            if rated.status == "rejected":
                continue
            level = _level_at(experience, rated.competency, moment)
            best[rated.competency] = max(best.get(rated.competency, 0), level)
    return {k: v for k, v in best.items() if v}


def progress(experiences: list[Experience]) -> Progress:
    """« avant » (end of the first day a confirmation was made) and « maintenant »."""
    stamps = [h.at for e in experiences for h in e.history if h.action == "status:confirmed"]
    now = levels_at(experiences, datetime.now(UTC))
    if not stamps:
        return Progress(None, {}, now)
    first = min(stamps)
    end_of_day = datetime.combine(first.date(), time.max, tzinfo=first.tzinfo)
    return Progress(first.date(), levels_at(experiences, end_of_day), now)
