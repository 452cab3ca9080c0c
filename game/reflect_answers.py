"""The picture answers of the reflect step: « Où ? Avec qui ? Quand ? », as content data.

The answers and their pictures live in ``content/reflect/answers.yaml`` (not in code), so a
trainer can add « au foyer » or « au marché » without a programmer. What a player picks is
saved, in French, on the draft experience's ``where``, ``with_whom`` and ``when``.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.paths import content_dir
from shared.text import LocalizedText
from shared.yamlfile import YamlProblem, load_yaml

log = logging.getLogger(__name__)
QuestionId = Literal["where", "who", "when"]  # the draft's where, with_whom, when


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Answer(_Strict):
    """One picture button: « au club » and its pictogram."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="A permanent id.")
    text: LocalizedText = Field(description="A few words, e.g. « au club ».")
    picture: str = Field(description="An SVG file relative to the content folder.")


class Question(_Strict):
    """« Où ? », « Avec qui ? » or « Quand ? » and its answers (2 to 8 pictures)."""

    id: QuestionId
    title: LocalizedText
    answers: list[Answer] = Field(min_length=2, max_length=8)


class PictureAnswers(_Strict):
    """The whole file: the three questions and a picture for each suggestion kind."""

    questions: list[Question] = Field(default_factory=list, max_length=3)
    kinds: dict[str, str] = Field(
        default_factory=dict, description="Suggestion kind -> its pictogram (the card's scene)."
    )

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def answer(self, question_id: str, answer_id: str) -> Answer | None:
        question = self.question(question_id)
        if question is None:
            return None
        return next((a for a in question.answers if a.id == answer_id), None)


def answers_file() -> Path:
    return content_dir() / "reflect" / "answers.yaml"


def picture_path(relative: str) -> Path:
    return content_dir() / relative


@functools.lru_cache(maxsize=4)
def load_answers(path: Path | None = None) -> PictureAnswers:
    """The picture answers; a missing or broken file gives none (the reflect step then
    offers the cards and the words only) and says what and where in the log."""
    file = path or answers_file()
    try:
        return PictureAnswers.model_validate(load_yaml(file) or {})
    except (YamlProblem, ValidationError, OSError) as exc:
        log.warning("reflect answers unavailable (%s): %s", file, exc)
        return PictureAnswers()


def common_lead(texts: list[str]) -> str:
    """The words every suggestion starts with (« J’ai déjà »): said once above the cards,
    so the cards are not four sentences starting the same way."""
    words = [text.split() for text in texts]
    if len(words) < 2:
        return ""
    count = 0
    while all(len(w) > count + 1 for w in words) and len({w[count] for w in words}) == 1:
        count += 1
    return " ".join(words[0][:count])


def short_words(text: str, lead: str) -> str:
    """A suggestion without the shared lead and its final stop: « aidé au club »."""
    rest = text.strip()[len(lead) :].strip() if lead else text.strip()
    return rest.rstrip(".").strip() or text.strip()
