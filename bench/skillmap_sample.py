"""A believable data folder for the skill map's tests, screenshots and benchmarks.

Evidence comes from the real scenarios (their situations, choices and what each shows), so
the screens and the timings see the same shapes of data a workshop produces.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from tinydb import Query

from shared import SCHEMA_VERSION
from shared.evidence import Evidence, ShownCompetency
from shared.experience import Experience, HistoryEntry, RatedCompetency, StatusChange
from shared.paths import content_dir
from shared.player import Avatar, Player, Workshop
from shared.scenario.loading import load_library
from shared.scenario.model import IdentifyNode, SceneNode
from shared.store import Store
from shared.text import localize

PSEUDONYMS = [
    "Yanis59",
    "Lina",
    "Sofiane",
    "Maëlys",
    "Kenzo",
    "Inès B.",
    "Noah",
    "Jade",
    "Ilyes",
    "Chloé",
    "Rayan",
    "Océane",
    "Nassim",
    "Manon",
    "Bilal",
    "Lou",
    "Amine",
    "Eva",
    "Théo",
    "Sarah",
    "Hugo",
    "Aya",
    "Lucas",
    "Zoé",
    "Adam",
    "Léa",
    "Mehdi",
    "Emma",
    "Nolan",
    "Camille",
]
STRUCTURES = [
    "Mission locale de Denain",
    "E2C Valenciennes",
    "Centre social Lille-Sud",
    "Mission locale de Roubaix",
]
CHOICE_EXPERIENCES = [
    {
        "title": "J’entraîne les U9 au club de foot",
        "kind": "volunteering",
        "where": "US Denain, stade Jean-Moulin",
        "when": "depuis 2023",
        "own_words": "Le samedi matin j’aide le coach avec les petits. Quand il est pas là je "
        "lance l’échauffement et je fais les équipes pour que tout le monde joue.",
        "activities": ["Préparer l’échauffement", "Faire les équipes", "Parler aux parents"],
        "competencies": {"collectif": 3, "oral": 2, "imprevus": 2},
    },
    {
        "title": "Je garde mes petits frères après l’école",
        "kind": "family",
        "where": "À la maison",
        "when": "tous les soirs",
        "own_words": "Ma mère travaille tard alors c’est moi qui récupère mes frères, je fais "
        "les devoirs avec eux et je prépare à manger.",
        "activities": ["Aller les chercher à l’école", "Aider aux devoirs", "Faire le repas"],
        "competencies": {"organisation": 3, "regles": 2},
    },
    {
        "title": "Vendeur au marché avec mon oncle",
        "kind": "professional",
        "where": "Marché de Wazemmes",
        "when": "été 2024",
        "own_words": "Je tenais la caisse et je rendais la monnaie, je conseillais les clients "
        "sur les fruits.",
        "activities": ["Tenir la caisse", "Conseiller les clients"],
        "competencies": {"maths": 2, "codes-sociaux": 3, "oral": 3},
    },
]


@dataclass
class Moment:
    """One choice (or identify step) of a real scenario, ready to become evidence."""

    scenario_id: str
    version: str
    node_id: str
    kind: str
    choice_id: str
    choice_text: str
    situation: str
    shown: list[dict[str, Any]]
    expected: list[str]


def moments(scenarios_dir: Path) -> list[Moment]:
    """Every choice and identify step of the bundled scenarios."""
    found = []
    for scenario in load_library(scenarios_dir, lang="fr").scenarios:
        for node in scenario.nodes:
            if isinstance(node, SceneNode):
                situation = localize(node.lines[-1].text)
                for choice in node.choices:
                    shown = [
                        {
                            "competency": s.competency,
                            "level": s.level,
                            "explanation": localize(s.why),
                        }
                        for s in choice.shows
                    ]
                    found.append(
                        Moment(
                            scenario.id,
                            scenario.version,
                            node.id,
                            "choice",
                            choice.id,
                            localize(choice.text),
                            situation,
                            shown,
                            [],
                        )
                    )
            elif isinstance(node, IdentifyNode):
                found.append(
                    Moment(
                        scenario.id,
                        scenario.version,
                        node.id,
                        "identify",
                        "",
                        "",
                        localize(node.prompt),
                        [],
                        list(node.answers),
                    )
                )
    return found


def _evidence_row(player_id: str, moment: Moment, when: datetime, rng: random.Random) -> dict:
    identified: list[str] = []
    matched = None
    if moment.kind == "identify":
        identified = rng.sample(moment.expected, 1) if rng.random() < 0.7 else ["regles"]
        matched = set(identified) <= set(moment.expected)
    evidence = Evidence(
        player_id=player_id,
        scenario_id=moment.scenario_id,
        scenario_version=moment.version,
        node_id=moment.node_id,
        kind=moment.kind,
        choice_id=moment.choice_id,
        choice_text=moment.choice_text,
        situation=moment.situation,
        shown=[ShownCompetency(**s) for s in moment.shown],
        identified=identified,
        expected=moment.expected,
        matched=matched,
        created=when,
    )
    return evidence.model_dump(mode="json")


def _experience(player_id: str, spec: dict, status: str, by: str, when: datetime) -> Experience:
    rated = [
        RatedCompetency(
            competency=k, level=v, status="confirmed" if status == "confirmed" else "proposed"
        )
        for k, v in spec["competencies"].items()
    ]
    history = [HistoryEntry(at=when, by="jeu", action="created")]
    if status == "confirmed":
        history.append(
            HistoryEntry(
                at=when + timedelta(days=2),
                by=by,
                action="status:confirmed",
                changes=[StatusChange(before="draft", after="confirmed")],
            )
        )
    fields = {k: spec[k] for k in ("title", "kind", "where", "when", "own_words", "activities")}
    return Experience(
        player_id=player_id,
        **fields,
        competencies=rated,
        source="game",
        status=status,
        reviewer=by if status == "confirmed" else "",
        history=history,
        created=when,
    )


def _tables(player: Player, evidence: list[dict], experiences: list[Experience]) -> dict:
    def numbered(rows: list[dict]) -> dict[str, dict]:
        return {str(i + 1): row for i, row in enumerate(rows)}

    return {
        "_meta": {"1": {"schema_version": SCHEMA_VERSION, "kind": "player"}},
        "player": numbered([player.model_dump(mode="json")]),
        "evidence": numbered(evidence),
        "experiences": numbered([e.model_dump(mode="json") for e in experiences]),
    }


def make_sample(
    root: Path,
    players: int = 12,
    evidence: int = 400,
    seed: int = 7,
    scenarios_dir: Path | None = None,
) -> Store:
    """Fill ``root`` with ``players`` players sharing ``evidence`` game evidence in all.

    Player files are written directly in the store's format (one orjson dump each), since
    going through the store row by row would take minutes for 50,000 evidence.
    """

    rng = random.Random(seed)
    store = Store(root)
    steps = moments(scenarios_dir or content_dir() / "scenarios")
    workshops = [
        Workshop(code=code, structure=s, counsellor="Nadia Benali", date=d)
        for code, s, d in (
            ("DNA4K7", STRUCTURES[0], "2026-11-12"),
            ("VAL9P2", STRUCTURES[1], "2026-11-19"),
            ("LSU3H8", STRUCTURES[2], "2026-11-26"),
        )
    ]
    for workshop in workshops:
        store.add_workshop(workshop)
    start = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)
    per_player = [
        evidence // players + (1 if i < evidence % players else 0) for i in range(players)
    ]
    for index in range(players):
        _write_player(store, index, per_player[index], steps, workshops, start, rng)
    return store


def _write_player(
    store: Store,
    index: int,
    count: int,
    steps: list[Moment],
    workshops: list[Workshop],
    start: datetime,
    rng: random.Random,
) -> None:
    name = PSEUDONYMS[index % len(PSEUDONYMS)]
    if index >= len(PSEUDONYMS):
        name = f"{name}{index // len(PSEUDONYMS) + 1}"
    workshop = workshops[index % len(workshops)]
    avatar = Avatar(
        skin=rng.randint(0, 5),
        hair=rng.choice(["short", "curly", "braids", "afro", "long", "bun", "headscarf"]),
        clothes_color=rng.choice(["teal", "orange", "purple", "blue", "red"]),
    )
    player = Player(
        pseudonym=name,
        avatar=avatar,
        structure=workshop.structure,
        workshops=[workshop.code],
        created=start,
    )
    rows = [
        _evidence_row(
            player.id, steps[(index * 7 + i) % len(steps)], start + timedelta(minutes=3 * i), rng
        )
        for i in range(count)
    ]
    specs = CHOICE_EXPERIENCES[: 1 + index % 3]
    experiences = [
        _experience(
            player.id,
            spec,
            "confirmed" if i == 0 and index % 2 else "draft",
            "Nadia Benali",
            start + timedelta(hours=1 + i),
        )
        for i, spec in enumerate(specs)
    ]
    path = store.player_file(player.id).path
    path.write_bytes(orjson.dumps(_tables(player, rows, experiences)))
    store._index_player(player)
    if index % 3 == 2:  # a third of them were reviewed after they last played
        _set_updated(store, player.id, rows[-1]["created"] if rows else start.isoformat())
        store.mark_reviewed(player.id)  # an unnamed mark, as older versions wrote: for everyone


def _set_updated(store: Store, player_id: str, when: str) -> None:
    with store.index.session() as db:
        db.table("players").update({"updated": when}, Query().id == player_id)
