"""The scenario format, as pydantic models: the single source of truth.

The JSON Schema trainers' editors use (``content/scenarios/scenario.schema.json``) and the
reference in ``docs/authoring.md`` are generated from these classes.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from shared.player import Avatar
from shared.text import LocalizedText

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=60,
        description="A permanent id: lowercase letters, digits and hyphens. Never rename it "
        "once players have played: saved progress refers to it.",
    ),
]
AssetPath = Annotated[
    str,
    Field(
        description="A path relative to the content folder, e.g. images/backgrounds/stade.svg.",
        max_length=200,
    ),
]
Expression = Literal["neutral", "happy", "worried"]
CAST_MAX = 2


def _cast_field() -> Any:
    """``cast``: who stands on stage for a node (the same field on scenes and endings)."""
    return Field(
        None,
        # maxItems only in the schema: editors warn, and the validator's own check says
        # where and why in the trainer's language instead of dropping the node.
        json_schema_extra={"maxItems": CAST_MAX},
        description="Up to 2 character ids on stage for this node, left then right. "
        "Omitted: the speaker of the current line alone. [] : nobody (a place, the narrator).",
    )


def _player_field() -> Any:
    """``player``: the player's own avatar stands in the scene, on the right."""
    return Field(
        False,
        description="true: the player's avatar stands in the scene, on the right; a "
        "character of cast then stands on the left (so cast holds at most 1 id).",
    )


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Place(Strict):
    """Where the scenario happens; shown as a card on the game's map."""

    name: LocalizedText
    background: AssetPath = Field(description="The default background of every node.")
    map_x: float = Field(0.5, ge=0, le=1, description="Horizontal position on the town map (0-1).")
    map_y: float = Field(0.5, ge=0, le=1, description="Vertical position on the town map (0-1).")


class Character(Strict):
    """Someone who speaks. Their portrait is drawn from ``look`` unless ``portrait`` is given."""

    id: Id
    name: LocalizedText
    role: LocalizedText = Field("", description="Who they are, e.g. « ta petite sœur ».")
    look: Avatar = Field(default_factory=Avatar, description="Parts the portrait is drawn from.")
    portrait: AssetPath | None = Field(None, description="An image file instead of ``look``.")


class Line(Strict):
    """One line of dialogue. No ``speaker``: the narrator (or the player's thoughts)."""

    speaker: Id | None = Field(None, description="A character id; omit it for the narrator.")
    text: LocalizedText
    expression: Expression = Field(
        "neutral", description="The speaker's face for this line; the listener keeps theirs."
    )


class Shows(Strict):
    """A competency a choice makes visible, at a level, with the trainer's explanation."""

    competency: Id = Field(description="A competency id of the scenario's framework.")
    level: int = Field(ge=1, le=4, description="1 with help ... 4 adapts and passes it on.")
    why: LocalizedText = Field(description="One sentence pointing at what the player did.")


class Choice(Strict):
    """Something the player can do; every choice is reasonable and teaches something."""

    id: Id
    text: LocalizedText
    goto: Id = Field(description="The id of the node this choice leads to.")
    shows: list[Shows] = Field(default_factory=list, max_length=4)
    feedback: LocalizedText | None = Field(
        None, description="Optional short reaction shown right after the choice."
    )


class SceneNode(Strict):
    """A moment of the story: lines, then 2-4 choices (or ``next`` to simply continue)."""

    id: Id
    type: Literal["scene"] = "scene"
    background: AssetPath | None = Field(None, description="Overrides the place's background.")
    cast: list[Id] | None = _cast_field()
    player: bool = _player_field()
    lines: list[Line] = Field(min_length=1)
    choices: list[Choice] = Field(default_factory=list, max_length=4)
    next: Id | None = Field(None, description="With no choices: the node that follows.")

    @model_validator(mode="after")
    def _choices_or_next(self) -> "SceneNode":
        # Custom error types let the validator translate these messages for trainers.
        if self.choices and self.next:
            raise PydanticCustomError(
                "scene_choices_and_next", "a scene has either choices or next, not both"
            )
        if not self.choices and not self.next:
            raise PydanticCustomError("scene_no_way_on", "a scene needs 2-4 choices, or next")
        if len(self.choices) == 1:
            raise PydanticCustomError(
                "scene_single_choice", "a scene offers 2-4 choices (use next for a single way on)"
            )
        return self


class IdentifyNode(Strict):
    """ "Which competencies did you just use?": the player picks among 3-6 cards."""

    id: Id
    type: Literal["identify"]
    background: AssetPath | None = None
    prompt: LocalizedText = Field(
        "Qu’est-ce que tu as utilisé ?",
        description="The question asked, under « Tu as choisi : « … » » (the player's last "
        "choice, recalled by the game).",
    )
    cards: list[Id] = Field(
        min_length=3,
        max_length=6,
        description="Plausible competency ids for this moment. The game offers what the "
        "player's last choice showed (its ``shows``) plus these as neighbours, 4 to 6 cards.",
    )
    answers: list[Id] = Field(
        min_length=1,
        description="The right cards when the player's last choice shows nothing (or is not "
        "known, e.g. a save resumed at this step); otherwise the choice's ``shows`` are.",
    )
    why: LocalizedText = Field(
        description="Why ``answers``: shown with them. With a choice that shows something, "
        "each card's explanation is that choice's ``why``."
    )
    not_here: dict[Id, LocalizedText] = Field(
        default_factory=dict,
        description="Optional: by competency id, one sentence saying why that card was not "
        "what the player did here (else the game says what the competency is).",
    )
    hint: LocalizedText = Field(description="Shown on « je ne sais pas »; does not give it away.")
    next: Id = Field(description="The id of the node that follows, once the player has answered.")


class Ending(Strict):
    """One of the scenario's endings; none is a failure screen."""

    id: Id
    type: Literal["ending"]
    background: AssetPath | None = None
    cast: list[Id] | None = _cast_field()
    player: bool = _player_field()
    lines: list[Line] = Field(min_length=1)
    title: LocalizedText = Field(description="A short, warm name for this ending.")


def _node_type(value: Any) -> str | None:
    """The node's ``type``; a mapping without one is a scene, so trainers may omit it."""
    if isinstance(value, dict):
        kind = value.get("type", "scene")
        return kind if isinstance(kind, str) else None
    return getattr(value, "type", None)


Node = Annotated[
    Annotated[SceneNode, Tag("scene")]
    | Annotated[IdentifyNode, Tag("identify")]
    | Annotated[Ending, Tag("ending")],
    Discriminator(
        _node_type,
        custom_error_type="node_type",
        custom_error_message="unknown node type (scene, identify or ending)",
    ),
]


class Suggestion(Strict):
    """A real-life experience of the same kind, offered at the reflect step."""

    id: Id
    text: LocalizedText = Field(description="In the first person: « J'ai déjà gardé ... ».")
    kind: Literal[
        "professional", "personal", "volunteering", "sport", "school", "family", "other"
    ] = "other"
    competencies: list[Id] = Field(default_factory=list, max_length=4)


class Reflect(Strict):
    """After any ending: "have you lived something like this?" -> a draft experience."""

    prompt: LocalizedText = "As-tu déjà vécu quelque chose comme ça ?"
    suggestions: list[Suggestion] = Field(min_length=3, max_length=5)
    free_text_prompt: LocalizedText = "Raconte en quelques mots (si tu veux) :"


class Scenario(Strict):
    """A trainer's scenario: one place, a small problem, choices that each teach something."""

    id: Id
    version: str = Field(description="Raise it when you change the story, e.g. 1.1.")
    title: LocalizedText
    summary: LocalizedText = Field(description="One or two sentences for the map card.")
    place: Place
    framework: Id = Field("rectec", description="The competency framework the scenario uses.")
    minutes: int = Field(8, ge=1, le=60, description="About how long it takes to play.")
    languages: list[Literal["fr", "en"]] | None = Field(
        None,
        min_length=1,
        description="The languages the scenario is written in, e.g. [fr]: the validator then "
        "asks for no other translation. Omitted: French and English.",
    )
    characters: list[Character] = Field(default_factory=list)
    start: Id = Field(description="The id of the first node.")
    nodes: list[Node] = Field(min_length=1)
    reflect: Reflect

    def node(self, node_id: str) -> SceneNode | IdentifyNode | Ending:
        return next(n for n in self.nodes if n.id == node_id)

    def character(self, character_id: str) -> Character:
        return next(c for c in self.characters if c.id == character_id)
