"""Request bodies of the /v2 API, validated by pydantic (bounded sizes, readable errors)."""

import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# A counsellor's PC may run a little fast: a date up to a day ahead is taken as "now" by the
# service; further ahead it is refused (a badge dated next month would not verify until then).
CLOCK_SKEW = timedelta(days=1)
EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$"


def _refuse_nul(value: Any) -> Any:
    """No NUL character anywhere: PostgreSQL cannot store it and no text needs it."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("validation.nul_character")
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(key)
            _refuse_nul(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_nul(item)
    return value


class Recipient(BaseModel):
    """Badgr's recipient: an e-mail the issuer hashes (or a ``sha256$`` hash with its salt)."""

    model_config = ConfigDict(extra="ignore")
    identity: Annotated[str, Field(min_length=3, max_length=320)]
    type: Literal["email"] = "email"
    hashed: bool = True
    salt: Annotated[str | None, Field(max_length=64)] = None
    plaintextIdentity: Annotated[str | None, Field(max_length=320)] = None

    @field_validator("identity")
    @classmethod
    def _email_or_hash(cls, value: str) -> str:
        value = value.strip()
        if value.startswith("sha256$") and re.fullmatch(r"sha256\$[0-9a-f]{64}", value):
            return value
        if not re.fullmatch(EMAIL_PATTERN, value):
            raise ValueError("validation.email")
        return value


class Evidence(BaseModel):
    model_config = ConfigDict(extra="ignore")
    url: Annotated[str | None, Field(max_length=2000, pattern=r"^https?://\S+$")] = None
    narrative: Annotated[str | None, Field(max_length=10_000)] = None


class AssertionRequest(BaseModel):
    """``POST /v2/badgeclasses/{id}/assertions`` as Badgr takes it."""

    model_config = ConfigDict(extra="ignore")
    recipient: Recipient
    narrative: Annotated[str, Field(max_length=20_000)] = ""
    evidence: Annotated[list[Evidence], Field(max_length=20)] = []
    issuedOn: datetime | None = None
    expires: datetime | None = None
    extensions: dict[str, Any] | None = None

    _no_nul = model_validator(mode="before")(_refuse_nul)

    @field_validator("issuedOn", "expires")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    @field_validator("issuedOn")
    @classmethod
    def _not_in_future(cls, value: datetime | None) -> datetime | None:
        """A badge dated next week would not verify until then (OB 3.0 ``nbf``)."""
        if value is not None and value > datetime.now(UTC) + CLOCK_SKEW:
            raise ValueError("validation.issued_in_future")
        return value

    @model_validator(mode="after")
    def _expires_after_issue(self) -> "AssertionRequest":
        if self.expires is not None and self.expires <= (self.issuedOn or datetime.now(UTC)):
            raise ValueError("validation.expires_before_issue")
        return self


class RevocationRequest(BaseModel):
    """``DELETE /v2/assertions/{id}`` body, as Badgr's revoke."""

    model_config = ConfigDict(extra="ignore")
    revocation_reason: Annotated[str, Field(min_length=1, max_length=2000)]

    _no_nul = model_validator(mode="before")(_refuse_nul)
