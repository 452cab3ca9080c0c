"""Evidence: what one choice in the game showed, with its provenance."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shared import SCHEMA_VERSION
from shared.player import new_id, utc_now


class ShownCompetency(BaseModel):
    """A competency a choice shows, at a level, with the trainer's explanation."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    competency: str
    level: int = Field(ge=1, le=4)
    explanation: str = ""


class Evidence(BaseModel):
    """One recorded moment of play: a choice made, or an identify step answered."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    player_id: str
    scenario_id: str
    scenario_version: str
    node_id: str
    kind: str = Field("choice", pattern=r"^(choice|identify)$")
    choice_id: str = ""
    choice_text: str = Field("", description="The choice as the player read it (provenance).")
    situation: str = Field("", description="A short description of the situation, in French.")
    shown: list[ShownCompetency] = Field(default_factory=list)
    identified: list[str] = Field(
        default_factory=list, description="Competencies the player picked in an identify step."
    )
    expected: list[str] = Field(default_factory=list)
    matched: bool | None = None
    attempts: int = Field(1, ge=1)
    created: datetime = Field(default_factory=utc_now)
