"""diva-game --workshop CODE is checked like the code typed in the game: a code this data
folder does not know is refused (exit 1, the known codes said), nothing is created."""

from pathlib import Path

from game.cli import main
from shared.store import Store
from skillmap.workshops import create_workshop


def test_a_mistyped_workshop_is_refused_and_a_known_one_accepted(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    store = Store(data)
    workshop = create_workshop(store, "Mission locale de Lens", "Anne", "2026-11-28")
    args = ["--headless", "--autoplay", "club-foot", "--seed", "1", "--data-dir", str(data)]
    assert main([*args, "--workshop", "NBM9AE"]) == 1
    err = capsys.readouterr().err
    assert "Atelier inconnu : NBM9AE" in err and workshop.code in err
    assert store.players() == []  # nobody attached to a workshop that does not exist
    spaced = " ".join(workshop.code.lower())  # as the skill map shows it, typed in lower case
    assert main([*args, "--workshop", spaced]) == 0
    (row,) = store.players()
    assert row["workshops"] == [workshop.code] and row["structure"] == "Mission locale de Lens"
