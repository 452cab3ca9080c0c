"""Experience: a real-life experience (the "carte de compétences"), reviewed by a counsellor.

Status machine: draft -> submitted -> confirmed | rejected (a rejected or confirmed
experience may be reopened to draft). Every change is kept in ``history``.
"""

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shared import SCHEMA_VERSION, hygiene
from shared.errors import DomainError
from shared.player import new_id, utc_now

MAX_COMPETENCIES = 4

ExperienceKind = Literal[
    "immersion",  # période de mise en situation en milieu professionnel (PMSMP)
    "internship",  # stage
    "job",
    "civic_service",  # service civique
    "volunteering",
    "family",
    "sport",
    "leisure",
    "school",
    "other",
]
# Kinds of older files and of scenario suggestions, read as today's (no file turns damaged).
OLD_KINDS = {"professional": "job", "personal": "leisure"}
ExperienceStatus = Literal["draft", "submitted", "confirmed", "rejected"]
ExperienceSource = Literal["game", "declared"]

TRANSITIONS: dict[str, set[str]] = {
    "draft": {"submitted", "confirmed", "rejected"},
    "submitted": {"confirmed", "rejected", "draft"},
    "confirmed": {"draft"},
    "rejected": {"draft"},
}


class RatedCompetency(BaseModel):
    """A competency on an experience, at a level; each may be confirmed or rejected."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    competency: str
    level: int = Field(ge=1, le=4)
    status: Literal["proposed", "confirmed", "rejected"] = "proposed"


class LevelChange(BaseModel):
    """A competency at a level on the experience; ``before`` is its old level (0: new)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    kind: Literal["level"] = "level"
    competency: str
    level: int = Field(ge=0, le=4)  # 0: an old entry that named the competency only
    before: int = Field(0, ge=0, le=4)


class StatusChange(BaseModel):
    """The experience's review status, from ``before`` to ``after``."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    kind: Literal["status"] = "status"
    before: str
    after: str


HistoryChange = Annotated[LevelChange | StatusChange, Field(discriminator="kind")]


class HistoryEntry(BaseModel):
    """Who changed what, and when: the audit trail a counsellor can show.

    What changed is data (``changes``) and the counsellor's words are apart (``note``): the
    views put them in words (skill map app and CLI), nothing parses a text back. Files of
    an older DIVA kept a text ``detail`` instead: it is read into changes and a note on load.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)
    at: datetime = Field(default_factory=utc_now)
    by: str
    action: str
    changes: list[HistoryChange] = Field(default_factory=list)
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _older_detail(cls, data: Any) -> Any:
        """An entry written with a text ``detail`` (older files), read as changes + note."""
        if isinstance(data, dict) and "detail" in data:
            data = dict(data)
            detail = data.pop("detail")
            changes, note = legacy_detail(str(data.get("action", "")), str(detail or ""))
            data.setdefault("changes", changes)
            data.setdefault("note", note)
        return data

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: object) -> object:
        return hygiene.cleaned(value, multiline=True)


_OLD_LEVEL = re.compile(
    r"^(?P<id>[a-z][a-z-]*)\s*[:=]\s*(?:(?P<old>\d)\s*(?:→|->)\s*)?(?P<new>\d)$"
)
_OLD_STATUS = re.compile(r"^(?P<before>[a-z]+)\s*(?:→|->)\s*(?P<after>[a-z]+)$")
_OLD_SOURCES = ("declared", "game")  # "created" entries named the source: the experience has it


def legacy_detail(action: str, detail: str) -> tuple[list[dict[str, Any]], str]:
    """Migration on read of the text ``detail`` older DIVA versions wrote.

    Two formats existed: the skill map's ``draft → confirmed; oral: 3 → 2 | note`` and the
    model's own (``draft->confirmed``, ``oral=3``, ``oral: 3->2``, and ``oral the note`` for a
    competency judged). What reads as no change is kept as the note: no word is lost.
    """
    if action == "created" and detail.strip() in _OLD_SOURCES:
        return [], ""
    head, _, note = detail.partition(" | ")
    changes: list[dict[str, Any]] = []
    rest: list[str] = []
    for item in filter(None, (part.strip() for part in head.split(";"))):
        level, status = _OLD_LEVEL.match(item), _OLD_STATUS.match(item)
        first, _, after = item.partition(" ")
        if level:
            changes.append(
                {"kind": "level", "competency": level["id"], "level": int(level["new"]),
                 "before": int(level["old"] or 0)}
            )  # fmt: skip
        elif status and {status["before"], status["after"]} <= set(TRANSITIONS):
            changes.append({"kind": "status", "before": status["before"], "after": status["after"]})
        elif (
            action.startswith("competency:")
            and not changes
            and re.fullmatch(r"[a-z][a-z-]*", first)
        ):
            changes.append({"kind": "level", "competency": first, "level": 0})
            rest.append(after.strip())
        else:
            rest.append(item)
    return changes, " ".join(filter(None, ["; ".join(rest), note.strip()]))


class Experience(BaseModel):
    """What a young person lived, in their own words, with up to 4 rated competencies."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    player_id: str
    title: str = Field(min_length=1, max_length=200)
    kind: ExperienceKind = "other"
    where: str = ""
    with_whom: str = Field("", description="Who with (« avec des amis »): files before it load.")
    when: str = ""
    own_words: str = Field("", description="The player's words, kept as they wrote them.")
    activities: list[str] = Field(default_factory=list)
    competencies: list[RatedCompetency] = Field(default_factory=list)
    source: ExperienceSource = "declared"
    scenario_id: str = ""
    status: ExperienceStatus = "draft"
    reviewer: str = ""
    note: str = ""
    history: list[HistoryEntry] = Field(default_factory=list)
    created: datetime = Field(default_factory=utc_now)

    @field_validator("kind", mode="before")
    @classmethod
    def _old_kind(cls, value: object) -> object:
        return OLD_KINDS.get(value, value) if isinstance(value, str) else value

    @field_validator("title", "where", "with_whom", "when", "activities", mode="before")
    @classmethod
    def _one_line_texts(cls, value: object) -> object:
        """NFC, no control or bidi character (``shared.hygiene``): shown in terminals and pages."""
        return hygiene.cleaned(value)

    @field_validator("own_words", "note", mode="before")
    @classmethod
    def _texts(cls, value: object) -> object:
        return hygiene.cleaned(value, multiline=True)

    @field_validator("competencies")
    @classmethod
    def _at_most_four(cls, value: list[RatedCompetency]) -> list[RatedCompetency]:
        if len(value) > MAX_COMPETENCIES:
            raise ValueError(f"an experience holds at most {MAX_COMPETENCIES} competencies")
        ids = [c.competency for c in value]
        if len(set(ids)) != len(ids):
            raise ValueError("a competency appears twice on the experience")
        return value

    def move_to(self, status: ExperienceStatus, by: str, note: str = "") -> None:
        """Change the review status, or raise DomainError for a transition the rules forbid.

        The history entry lists the competencies confirmed or set aside with the experience.
        """
        if status not in TRANSITIONS[self.status]:
            raise DomainError(
                f"an experience cannot go from '{self.status}' to '{status}'",
                "experience_transition",
                before=self.status,
                after=status,
            )
        changes: list[HistoryChange] = [StatusChange(before=self.status, after=status)]
        self.status = status
        if status in ("confirmed", "rejected"):
            self.reviewer = by
            self.note = note or self.note
            for rated in self.competencies:
                if rated.status == "proposed":
                    rated.status = "confirmed" if status == "confirmed" else "rejected"
                    changes.append(LevelChange(competency=rated.competency, level=rated.level))
        self.history.append(
            HistoryEntry(by=by, action=f"status:{status}", changes=changes, note=note)
        )

    def rate(self, competency: str, level: int, by: str, note: str = "") -> None:
        """Add a competency or change its level; more than 4 or a level outside 1-4 is refused."""
        if not 1 <= level <= 4:
            raise DomainError(f"level {level} is outside 1-4", "level_range", level=level)
        existing = next((c for c in self.competencies if c.competency == competency), None)
        if existing is None:
            if len(self.competencies) >= MAX_COMPETENCIES:
                raise DomainError(
                    f"an experience holds at most {MAX_COMPETENCIES} competencies",
                    "max_competencies",
                    max=MAX_COMPETENCIES,
                )
            self.competencies.append(RatedCompetency(competency=competency, level=level))
            change = LevelChange(competency=competency, level=level)
            self.history.append(HistoryEntry(by=by, action="add", changes=[change], note=note))
            return
        change = LevelChange(competency=competency, level=level, before=existing.level)
        self.history.append(HistoryEntry(by=by, action="level", changes=[change], note=note))
        existing.level = level

    def judge(self, competency: str, confirmed: bool, by: str, note: str = "") -> None:
        """Confirm or reject one competency on the experience."""
        rated = next((c for c in self.competencies if c.competency == competency), None)
        if rated is None:
            raise DomainError(
                f"competency '{competency}' is not on this experience",
                "not_on_experience",
                competency=competency,
            )
        rated.status = "confirmed" if confirmed else "rejected"
        change = LevelChange(competency=competency, level=rated.level)
        self.history.append(
            HistoryEntry(by=by, action=f"competency:{rated.status}", changes=[change], note=note)
        )

    def confirmed_level(self, competency: str) -> int | None:
        """The level of ``competency`` if the experience and that competency are confirmed."""
        if self.status != "confirmed":
            return None
        for rated in self.competencies:
            if rated.competency == competency and rated.status == "confirmed":
                return rated.level
        return None
