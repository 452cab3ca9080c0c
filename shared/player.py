"""The player: a pseudonym and an avatar, never a real name unless a badge needs one."""

from datetime import UTC, datetime
from typing import Literal
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared import SCHEMA_VERSION, hygiene

SkinTone = Literal[0, 1, 2, 3, 4, 5]
HairStyle = Literal[
    "short", "long", "curly", "afro", "braids", "bun", "shaved", "headscarf", "bald"
]
HairColor = Literal["black", "brown", "auburn", "blond", "red", "grey", "white"]
Clothes = Literal["hoodie", "tshirt", "jacket", "shirt", "sweater", "apron", "jersey", "cardigan"]
ClothesColor = Literal[
    "red", "orange", "yellow", "green", "teal", "blue", "navy", "purple", "pink", "grey", "white"
]
Accessory = Literal["none", "glasses", "cap", "earrings", "headphones"]
FacialHair = Literal["none", "beard", "moustache", "stubble"]
AgeGroup = Literal["child", "young", "adult", "senior"]


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid4().hex


class Avatar(BaseModel):
    """A half-body portrait assembled from parts: the player's avatar and every character's."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    skin: SkinTone = Field(2, description="Skin tone, 0 (lightest) to 5 (darkest).")
    hair: HairStyle = "short"
    hair_color: HairColor = "brown"
    clothes: Clothes = "hoodie"
    clothes_color: ClothesColor = "teal"
    accessory: Accessory = "none"
    facial_hair: FacialHair = "none"
    age: AgeGroup = "young"

    def look(self) -> tuple[str | int, ...]:
        """What this avatar looks like, as a hashable key (its values in field order): the apps
        key their rasterised portraits by it on every frame, where ``model_dump_json`` cost
        more than drawing the portrait."""
        return tuple(getattr(self, name) for name in type(self).model_fields)


class Consent(BaseModel):
    """What the player agreed to; each flag is asked for in plain words when it is needed."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    share_with_counsellor: bool = True
    share_portfolio: bool = False
    badge_issuing: bool = False


class Settings(BaseModel):
    """A player's game settings, saved with the player."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    language: Literal["fr", "en"] = "fr"
    text_size: Literal["medium", "large", "xlarge", "xxlarge"] = "large"
    high_contrast: bool = False
    dyslexic_font: bool = False  # OpenDyslexic instead of Andika, in every text and field
    volume: float = Field(0.7, ge=0.0, le=1.0, description="Sound effects (clicks, chimes).")
    voice_volume: float = Field(1.0, ge=0.0, le=1.0, description="Read-aloud voice.")
    speech_rate: int = Field(150, ge=80, le=260, description="Read-aloud words per minute.")
    animations: bool = True
    read_aloud: bool = False
    scan: bool = False  # one-switch play: the focus moves on by itself, any key chooses
    scan_seconds: float = Field(2.5, ge=0.8, le=8.0, description="Scan pace, per button.")
    keys: dict[str, str] = Field(
        default_factory=dict, description="Remapped keys: action (next, choose, back) -> key name."
    )


class Player(BaseModel):
    """A young person who plays. Real name and e-mail only when a badge is built."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    pseudonym: str = Field(min_length=1, max_length=40)
    avatar: Avatar = Field(default_factory=Avatar)
    structure: str = ""
    workshops: list[str] = Field(default_factory=list)
    consent: Consent = Field(default_factory=Consent)
    settings: Settings = Field(default_factory=Settings)
    tutorial_done: bool = False
    created: datetime = Field(default_factory=utc_now)

    @field_validator("structure", mode="before")
    @classmethod
    def _clean_structure(cls, value: object) -> object:
        """NFC, no control or bidi character (``shared.hygiene``): listed in terminals and pages."""
        return hygiene.cleaned(value)

    @field_validator("pseudonym", mode="before")
    @classmethod
    def _printable_pseudonym(cls, value: object) -> object:
        """Shown in lists and portfolios: the rules of ``shared.hygiene.pseudonym`` (NFC, no
        control or bidi character, not only spaces, at most 40 characters once composed)."""
        if not isinstance(value, str):
            return value
        try:
            return hygiene.pseudonym(value)
        except hygiene.TextError as exc:
            raise ValueError(str(exc)) from exc


def workshop_code(text: str) -> str:
    """A code as typed (« qmg xd5 », read out with spaces) in the form the store keeps it."""
    return "".join(text.split()).upper()


class Workshop(BaseModel):
    """A workshop session: players join with its short code so the counsellor sees them."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    schema_version: int = SCHEMA_VERSION
    code: str = Field(pattern=r"^[A-Z0-9]{4,8}$")
    structure: str
    counsellor: str
    date: str = Field(description="ISO date of the workshop (YYYY-MM-DD).")
    created: datetime = Field(default_factory=utc_now)

    @field_validator("structure", "counsellor", mode="before")
    @classmethod
    def _clean_texts(cls, value: object) -> object:
        return hygiene.cleaned(value)
