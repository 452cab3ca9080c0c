"""Real data folders for the skill map's tests: players, evidence and experiences on disk."""

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from shared.evidence import Evidence, ShownCompetency
from shared.experience import Experience, RatedCompetency
from shared.player import Player
from shared.store import ScenarioProgress, Store
from skillmap.cli import main


def player(store: Store, pseudonym: str = "Lina", structure: str = "ML Denain", **extra) -> Player:
    return store.add_player(Player(pseudonym=pseudonym, structure=structure, **extra))


def evidence(store: Store, player_id: str, competency: str = "imprevus", level: int = 3) -> None:
    store.add_evidence(
        Evidence(
            player_id=player_id,
            scenario_id="club-foot",
            scenario_version="1.0",
            node_id="arrivee",
            choice_id="rassembler",
            choice_text="Je rassemble les enfants tout de suite.",
            situation="Le coach est en retard, dix enfants attendent.",
            shown=[ShownCompetency(competency=competency, level=level)],
        )
    )


def draft(
    store: Store,
    player_id: str,
    title: str = "Entraîner les U9 au club",
    competencies: dict[str, int] | None = None,
    words: str = "Le samedi j’aide Karim avec les petits.",
    kind: str = "sport",
) -> Experience:
    competencies = {"imprevus": 3, "oral": 2} if competencies is None else competencies
    return store.add_experience(
        Experience(
            player_id=player_id,
            title=title,
            kind=kind,
            where="Stade de Denain",
            when="Depuis septembre",
            own_words=words,
            source="game",
            scenario_id="club-foot",
            competencies=[RatedCompetency(competency=c, level=v) for c, v in competencies.items()],
        )
    )


def progress(store: Store, player_id: str, scenario_id: str, done: bool) -> None:
    store.save_progress(
        ScenarioProgress(
            player_id=player_id, scenario_id=scenario_id, status="done" if done else "in_progress"
        )
    )


def run(data: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """Run ``diva-skillmap --data-dir DATA ARGS`` in-process: (exit code, stdout, stderr)."""
    import sys

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--data-dir", str(data), *args])
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()
