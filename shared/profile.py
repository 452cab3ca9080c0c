"""SkillProfile: derived from evidence and confirmed experiences, never stored as truth.

The game suggests, the conversation confirms: game evidence gives a *suggested* level,
only confirmed experiences give a *confirmed* one. Three things are kept apart, for the
counsellor and the young person alike: what choices *showed in play*, what the player
*recognised* in an identify step, and what was *confirmed* from a real experience.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.experience import Experience


class CompetencyProfile(BaseModel):
    """What is known about one competency of one player."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    competency: str
    confirmed_level: int | None = Field(
        None, description="Highest level confirmed by a counsellor."
    )
    experiences: int = Field(0, description="Experiences that mention this competency.")
    confirmed_experiences: int = 0
    evidence: int = Field(0, description="Choices in the game that showed this competency.")
    suggested_level: int | None = Field(None, description="The level game evidence suggests.")
    levels_shown: dict[int, int] = Field(default_factory=dict)
    recognised: int = Field(
        0, description="Identify steps where the player picked it and their choice showed it."
    )


class SkillProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    player_id: str
    competencies: list[CompetencyProfile]

    def get(self, competency: str) -> CompetencyProfile:
        return next(c for c in self.competencies if c.competency == competency)


def shown_levels(evidence_rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """(competency, level) for every competency every evidence row shows.

    Works on raw stored rows: validating 10,000 models just to count them would cost more
    than the whole profile is allowed to.
    """
    return [(s["competency"], s["level"]) for row in evidence_rows for s in row.get("shown", ())]


def recognised_counts(evidence_rows: Iterable[Mapping[str, Any]]) -> Counter[str]:
    """Competency -> identify steps where the player picked it and it was expected (raw
    stored rows, as ``shown_levels``)."""
    counts: Counter[str] = Counter()
    for row in evidence_rows:
        if row.get("kind") == "identify":
            expected = set(row.get("expected", ()))
            counts.update(c for c in set(row.get("identified", ())) if c in expected)
    return counts


def suggested_level(counts: Mapping[int, int]) -> int | None:
    """The highest level shown at least twice, else the highest shown once."""
    if not counts:
        return None
    repeated = [level for level, n in counts.items() if n >= 2]
    return max(repeated) if repeated else max(counts)


def build_profile(
    player_id: str,
    competency_ids: Iterable[str],
    shown: Iterable[tuple[str, int]],
    experiences: Iterable[Experience],
    recognised: Mapping[str, int] | None = None,
) -> SkillProfile:
    counts: dict[str, Counter[int]] = {}
    for competency, level in shown:
        counts.setdefault(competency, Counter())[level] += 1
    experiences = list(experiences)
    rows = []
    for competency in competency_ids:
        levels = counts.get(competency, Counter())
        mentioned = [
            e for e in experiences if any(c.competency == competency for c in e.competencies)
        ]
        confirmed = [lvl for e in mentioned if (lvl := e.confirmed_level(competency)) is not None]
        rows.append(
            CompetencyProfile(
                competency=competency,
                confirmed_level=max(confirmed) if confirmed else None,
                experiences=len(mentioned),
                confirmed_experiences=len(confirmed),
                evidence=sum(levels.values()),
                suggested_level=suggested_level(levels),
                levels_shown=dict(sorted(levels.items())),
                recognised=(recognised or {}).get(competency, 0),
            )
        )
    return SkillProfile(player_id=player_id, competencies=rows)
