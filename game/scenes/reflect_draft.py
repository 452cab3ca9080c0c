"""What the reflect step keeps: the draft Experience the counsellor talks through.

Kept apart from the screen so the rule is plain to read: nothing picked, nothing written ->
nothing saved; the cards' sentences become the activities, the picture answers the where,
with whom and when, all in French (the counsellor's language); the player's words as typed.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.reflect_answers import PictureAnswers
from shared.experience import MAX_COMPETENCIES, Experience, RatedCompetency
from shared.scenario.model import Scenario, Suggestion
from shared.text import localize

SLOT_FIELDS = {"where": "where", "who": "with_whom", "when": "when"}  # question -> field


def picked_texts(answers: PictureAnswers, picked: Mapping[str, str]) -> dict[str, str]:
    """The picked answers in French by Experience field (« au club »), '' when not picked."""
    texts = {}
    for question_id, field in SLOT_FIELDS.items():
        answer = answers.answer(question_id, picked.get(question_id, ""))
        texts[field] = localize(answer.text, "fr") if answer else ""
    return texts


def draft_experience(
    player_id: str,
    scenario: Scenario,
    chosen: list[Suggestion],
    words: str,
    context: dict[str, str],
    shown: Mapping[str, int],
) -> Experience | None:
    """The draft, or None when the player picked nothing and wrote nothing.

    ``shown`` is what the player's choices showed in play (competency -> level): a hint of
    the level for the talk, never a confirmed one (the experience stays a draft)."""
    if not (chosen or words.strip() or any(context.values())):
        return None
    competencies: list[str] = []
    for suggestion in chosen:
        competencies += [c for c in suggestion.competencies if c not in competencies]
    rated = [
        RatedCompetency(competency=c, level=max(1, shown.get(c, 1)))
        for c in competencies[:MAX_COMPETENCIES]
    ]
    if chosen:
        title = localize(chosen[0].text, "fr")
    elif words.strip():
        title = words.strip()
    else:  # « Au club, avec des amis, cette année »
        title = ", ".join(v for v in context.values() if v)
        title = title[:1].upper() + title[1:]
    return Experience(
        player_id=player_id,
        title=title[:200],
        kind=chosen[0].kind if chosen else "other",
        own_words=words,
        activities=[localize(s.text, "fr") for s in chosen],
        competencies=rated,
        source="game",
        scenario_id=scenario.id,
        **context,
    )
