"""The endorser's answer, read from the form and checked before anything is stored.

Limits are small and explicit: a comment of a few paragraphs, names of a line. Text is kept
as typed (HTML included: it is escaped wherever it is shown, never interpreted), with control
characters other than line breaks removed. Errors are catalogue keys, shown in French.
"""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

NAME_MAX = 120
ROLE_MAX = 120
ORGANISATION_MAX = 160
COMMENT_MAX = 2000
FORM_BODY_MAX = 16 * 1024  # a filled form is far below; anything larger is refused unread

Decision = Literal["confirm", "decline"]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class EndorserAnswer:
    """What the endorser said: who they are, their comment, and whether they confirm."""

    decision: Decision
    name: str
    role: str
    organisation: str
    comment: str


@dataclass(frozen=True)
class FormProblem:
    """One field that cannot be accepted, as a catalogue key with its values."""

    field: str
    key: str
    limit: int = 0


def clean_text(value: str, multiline: bool = False) -> str:
    """NFC, no control characters, trimmed; single-line fields lose their line breaks."""
    text = unicodedata.normalize("NFC", value)
    text = _CONTROL.sub("", text)
    if not multiline:
        text = " ".join(text.split())
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _limited(form: Mapping[str, str], name: str, limit: int, multiline: bool = False) -> str:
    return clean_text(str(form.get(name, "")), multiline)[: limit + 1]


def read_answer(form: Mapping[str, str]) -> tuple[EndorserAnswer | None, list[FormProblem]]:
    """The answer, or None with every problem found (all at once, so the page lists them)."""
    problems: list[FormProblem] = []
    decision = str(form.get("decision", ""))
    if decision not in ("confirm", "decline"):
        problems.append(FormProblem("decision", "form.decision_missing"))
    values = {
        "name": _limited(form, "name", NAME_MAX),
        "role": _limited(form, "role", ROLE_MAX),
        "organisation": _limited(form, "organisation", ORGANISATION_MAX),
        "comment": _limited(form, "comment", COMMENT_MAX, multiline=True),
    }
    limits = {
        "name": NAME_MAX,
        "role": ROLE_MAX,
        "organisation": ORGANISATION_MAX,
        "comment": COMMENT_MAX,
    }
    for field, limit in limits.items():
        if len(values[field]) > limit or len(str(form.get(field, ""))) > limit * 4:
            problems.append(FormProblem(field, "form.too_long", limit))
    if decision == "confirm" and not values["name"]:
        problems.append(FormProblem("name", "form.name_missing"))
    if problems:
        return None, problems
    chosen: Decision = "confirm" if decision == "confirm" else "decline"
    return EndorserAnswer(chosen, **values), []
