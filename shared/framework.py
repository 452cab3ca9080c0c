"""Competency frameworks as data: models, loader and crosswalks.

A framework file lives in ``content/frameworks/``; see ``rectec.yaml`` for the shape.
"""

from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from shared.errors import FrameworkError
from shared.paths import content_dir
from shared.text import LocalizedText, localize

LEVELS = (1, 2, 3, 4)
DESCRIPTOR_MAX_WORDS = 15
"""A level descriptor becomes a badge criterion and is read by young people: kept short."""


class LevelWord(BaseModel):
    """The plain word shown for a level everywhere ("avec de l'aide", "en autonomie"...)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    level: int = Field(ge=1, le=4)
    name: LocalizedText
    description: LocalizedText = ""


class Competency(BaseModel):
    """One competency of a framework, with a stable id that saved data refers to."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id, never renamed.")
    name: LocalizedText = Field(description="The official label (counsellors, badges).")
    plain: LocalizedText = Field(default="", description="A short « Je… » label for players.")
    example: LocalizedText = Field(default="", description="One everyday scene, for players.")
    description: LocalizedText = ""
    indicators: list[LocalizedText] = Field(default_factory=list)
    levels: list[LocalizedText] = Field(
        default_factory=list, description="One descriptor per level, level 1 first."
    )
    crosswalk: dict[str, list[str]] = Field(
        default_factory=dict, description="Framework id -> ids of the matching competencies."
    )

    def descriptor(self, level: int, lang: str = "fr") -> str:
        """The plain-words descriptor of ``level`` (1-4)."""
        return localize(self.levels[level - 1], lang)

    def player_label(self, lang: str = "fr") -> str:
        """What a player reads: the plain « Je… » label, else the official name."""
        return localize(self.plain or self.name, lang)


class Framework(BaseModel):
    """A competency framework: RECTEC (10 x 4 levels), France Travail's savoir-être..."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str
    name: LocalizedText
    description: LocalizedText = ""
    source: str = ""
    url: str = ""
    has_levels: bool = True
    level_words: list[LevelWord] = Field(default_factory=list)
    competencies: list[Competency]

    @model_validator(mode="after")
    def _french_everywhere(self) -> "Framework":
        """French is the language everyone sees first: every text must have it."""
        missing = [where for where, text in self._texts() if not _french(text).strip()]
        if missing:
            raise ValueError(f"texts without French: {', '.join(sorted(set(missing)))}")
        return self

    def _texts(self) -> list[tuple[str, str | dict[str, str]]]:
        texts: list[tuple[str, str | dict[str, str]]] = [("name", self.name)]
        for c in self.competencies:
            texts.append((f"{c.id}.name", c.name))
            texts += [(f"{c.id}.levels[{i + 1}]", t) for i, t in enumerate(c.levels)]
            texts += [(f"{c.id}.indicators[{i + 1}]", t) for i, t in enumerate(c.indicators)]
        texts += [(f"level_words[{w.level}]", w.name) for w in self.level_words]
        return texts

    @model_validator(mode="after")
    def _check_consistency(self) -> "Framework":
        ids = [c.id for c in self.competencies]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate competency ids: {', '.join(duplicates)}")
        if self.has_levels:
            for competency in self.competencies:
                if len(competency.levels) != len(LEVELS):
                    raise ValueError(
                        f"competency '{competency.id}' has {len(competency.levels)} levels, "
                        f"expected {len(LEVELS)}"
                    )
            if sorted(w.level for w in self.level_words) != list(LEVELS):
                raise ValueError("level_words must name each level 1-4 once")
        return self

    @cached_property
    def by_id(self) -> dict[str, Competency]:
        return {c.id: c for c in self.competencies}

    def competency(self, competency_id: str) -> Competency:
        try:
            return self.by_id[competency_id]
        except KeyError:
            raise FrameworkError(
                f"unknown competency '{competency_id}' in framework '{self.id}'",
                "framework.unknown_competency",
                competency=competency_id,
                framework=self.id,
            ) from None

    def level_word(self, level: int, lang: str = "fr") -> str:
        """The word for ``level`` ("avec de l'aide"...), or the number if the file has none."""
        for word in self.level_words:
            if word.level == level:
                return localize(word.name, lang)
        return str(level)


def long_descriptors(framework: Framework) -> list[tuple[str, int, int]]:
    """(competency id, level, words) of each French descriptor over DESCRIPTOR_MAX_WORDS.

    A warning, not an error: a longer descriptor still loads, but it is what a young person
    reads on a badge's criteria and in the skill map, so the validator points at it.
    """
    found = []
    for competency in framework.competencies:
        for level, text in enumerate(competency.levels, start=1):
            words = len(_french(text).split())
            if words > DESCRIPTOR_MAX_WORDS:
                found.append((competency.id, level, words))
    return found


def _french(text: str | dict[str, str]) -> str:
    return text if isinstance(text, str) else text.get("fr", "")


def load_framework(path: Path) -> Framework:
    """Load and validate one framework file; a malformed file raises FrameworkError."""
    from shared.yamlfile import YamlProblem, load_yaml  # the YAML parser: start time (the title)

    try:
        data = load_yaml(path)
    except YamlProblem as exc:
        raise FrameworkError(str(exc), "framework.unreadable", detail=str(exc)) from exc
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        details = _describe(exc)
        message = f"{path}: invalid competency framework\n{details}"
        raise FrameworkError(message, "framework.invalid", path=path, details=details) from exc


def _describe(exc: ValidationError) -> str:
    """One line per problem, each with where it is in the file (competencies.3.levels...)."""
    lines = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "(top)"
        lines.append(f"  {where}: {error['msg']}")
    return "\n".join(lines)


def frameworks_dir() -> Path:
    return content_dir() / "frameworks"


def load_frameworks(folder: Path | None = None) -> dict[str, Framework]:
    """Every framework in ``folder`` (default: the bundled ones), by id."""
    folder = folder or frameworks_dir()
    frameworks = [load_framework(p) for p in sorted(folder.glob("*.yaml"))]
    return {f.id: f for f in frameworks}


def default_framework() -> Framework:
    """RECTEC, the framework the bundled scenarios and the skill map use."""
    return load_framework(frameworks_dir() / "rectec.yaml")


def crosswalk_problems(frameworks: dict[str, Framework]) -> list[str]:
    """Every crosswalk entry that names a missing framework or competency."""
    problems = []
    for framework in frameworks.values():
        for competency in framework.competencies:
            for target_id, target_codes in competency.crosswalk.items():
                target = frameworks.get(target_id)
                if target is None:
                    problems.append(
                        f"{framework.id}/{competency.id}: unknown framework {target_id}"
                    )
                    continue
                problems += [
                    f"{framework.id}/{competency.id}: unknown {target_id} competency {code}"
                    for code in target_codes
                    if code not in target.by_id
                ]
    return problems
