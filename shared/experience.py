"""Experience: a real-life experience (the "carte de compétences"), reviewed by a counsellor.

Status machine: draft -> submitted -> confirmed | rejected (a rejected or confirmed
experience may be reopened to draft). Every change is kept in ``history``.
"""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared import SCHEMA_VERSION, hygiene
from shared.errors import DomainError
from shared.player import new_id, utc_now

MAX_COMPETENCIES = 4

ExperienceKind = Literal[
    "professional", "personal", "volunteering", "sport", "school", "family", "other"
]
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

    model_config = ConfigDict(extra="forbid")
    competency: str
    level: int = Field(ge=1, le=4)
    status: Literal["proposed", "confirmed", "rejected"] = "proposed"


class HistoryEntry(BaseModel):
    """Who changed what, and when: the audit trail a counsellor can show."""

    model_config = ConfigDict(extra="forbid")
    at: datetime = Field(default_factory=utc_now)
    by: str
    action: str
    detail: str = ""


class Experience(BaseModel):
    """What a young person lived, in their own words, with up to 4 rated competencies."""

    model_config = ConfigDict(extra="forbid")
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    player_id: str
    title: str = Field(min_length=1, max_length=200)
    kind: ExperienceKind = "other"
    where: str = ""
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

    @field_validator("title", "where", "when", "activities", mode="before")
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
        """Change the review status, or raise DomainError for a transition the rules forbid."""
        if status not in TRANSITIONS[self.status]:
            raise DomainError(
                f"an experience cannot go from '{self.status}' to '{status}'",
                "experience_transition",
                before=self.status,
                after=status,
            )
        self.history.append(
            HistoryEntry(
                by=by, action=f"status:{status}", detail=note or f"{self.status}->{status}"
            )
        )
        self.status = status
        if status in ("confirmed", "rejected"):
            self.reviewer = by
            self.note = note or self.note
            for rated in self.competencies:
                if rated.status == "proposed":
                    rated.status = "confirmed" if status == "confirmed" else "rejected"

    def rate(self, competency: str, level: int, by: str) -> None:
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
            self.history.append(HistoryEntry(by=by, action="add", detail=f"{competency}={level}"))
            return
        self.history.append(
            HistoryEntry(by=by, action="level", detail=f"{competency}: {existing.level}->{level}")
        )
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
        self.history.append(
            HistoryEntry(by=by, action=f"competency:{rated.status}", detail=f"{competency} {note}")
        )

    def confirmed_level(self, competency: str) -> int | None:
        """The level of ``competency`` if the experience and that competency are confirmed."""
        if self.status != "confirmed":
            return None
        for rated in self.competencies:
            if rated.competency == competency and rated.status == "confirmed":
                return rated.level
        return None
