"""What one playthrough did: shared by the play, identify, reflect and summary scenes (and
the autoplay report) without any of them importing another for it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Run:
    """What one playthrough did, for the summary and the autoplay report."""

    scenario_id: str
    practice: bool = False
    choices: int = 0
    evidence: int = 0
    shown: dict[str, int] = field(default_factory=dict)
    ending: str = ""
    ending_title: str = ""
    experience_drafts: int = 0
    resumed_from: str = ""
    title: str = ""  # the scenario's, for the summary's heading
    times: dict[str, int] = field(default_factory=dict)  # competency -> choices that showed it
    asked: int = 0  # identify steps answered
    right: int = 0  # ... whose cards were exactly what the player's choice showed
    recognised: list[str] = field(default_factory=list)  # competencies the player recognised

    def saw(self, competency: str, level: int) -> None:
        self.shown[competency] = max(level, self.shown.get(competency, 0))
        self.times[competency] = self.times.get(competency, 0) + 1
