"""What an identify step asks, built from the player's own path.

The question starts from the choice the player just made: the right cards are what *that*
choice showed, the other cards are plausible neighbours (the ones the author offered for this
moment). A node's fixed ``answers`` are kept for a player who reaches it without a choice that
shows anything (an old save resumed at this step, a path through ``next`` only). The game
and the validator share these rules, so what the validator checks is what players see.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from shared.scenario.model import Choice, IdentifyNode

MAX_CARDS = 6
MIN_CARDS = 4  # room to choose: always some cards that are not the answer


@dataclass(frozen=True)
class Question:
    """The cards offered, the ones that match the player's choice, and how many to pick."""

    cards: list[str]
    answers: list[str]
    from_choice: bool  # answers come from the player's choice, not the node's fixed list

    @property
    def max_picks(self) -> int:
        """« Choisis 1 ou 2 cartes »: never fewer than two, so the count gives nothing away."""
        return max(2, len(self.answers))


def question(node: IdentifyNode, chosen: Choice | None) -> Question:
    """The identify step for a player whose last choice was ``chosen`` (None: unknown)."""
    shown = _unique([s.competency for s in chosen.shows]) if chosen is not None else []
    answers = shown or list(node.answers)
    neighbours = [c for c in _unique([*node.cards, *node.answers]) if c not in answers]
    room = max(MIN_CARDS, len(node.cards)) - len(answers)
    cards = answers + neighbours[: max(room, 1 if neighbours else 0)]
    cards = cards[: max(MAX_CARDS, len(answers))]
    seed = f"{node.id}:{chosen.id if chosen is not None else ''}"
    random.Random(seed).shuffle(cards)  # the same order every time, answers not always first
    return Question(cards=cards, answers=answers, from_choice=bool(shown))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
