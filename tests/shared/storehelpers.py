"""Small builders shared by the store tests (and by child processes they start)."""

from pathlib import Path

from shared.evidence import Evidence, ShownCompetency
from shared.player import Player
from shared.store import Store


def new_player(root: Path, pseudonym: str = "Zora") -> tuple[Store, Player]:
    store = Store(root)
    return store, store.add_player(Player(pseudonym=pseudonym))


def evidence(player_id: str, node: str, competency: str = "oral", level: int = 2) -> Evidence:
    return Evidence(
        player_id=player_id,
        scenario_id="club-foot",
        scenario_version="1.0",
        node_id=node,
        choice_id=f"{node}/a",
        choice_text="J'explique la règle aux petits.",
        shown=[ShownCompetency(competency=competency, level=level, explanation="Tu expliques.")],
    )
