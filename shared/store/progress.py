"""Where a player is in a scenario, so a quit or a crash resumes at the last node."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared import SCHEMA_VERSION
from shared.player import utc_now


class ScenarioProgress(BaseModel):
    """A player's state in one scenario; written at every step."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    schema_version: int = SCHEMA_VERSION
    player_id: str
    scenario_id: str
    scenario_version: str = ""
    status: Literal["in_progress", "done"] = "in_progress"
    node_id: str = ""
    step: str = Field("", description="Sub-step inside the node (e.g. identify, reflect).")
    visited: list[str] = Field(default_factory=list)
    variables: dict[str, int | str | bool] = Field(default_factory=dict)
    ending: str = ""
    times_finished: int = 0
    updated: datetime = Field(default_factory=utc_now)
