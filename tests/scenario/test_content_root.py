"""One content-root rule: a scenario's folder and its images/, wherever it lives, then the
bundled content (its backgrounds also by bare name); the game resolves the same files."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.paths import content_dir
from shared.scenario.cli import main
from shared.scenario.content_root import roots_for
from shared.scenario.loading import load_scenario
from shared.scenario.validate import validate_file

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9">'
    '<rect width="16" height="9"/></svg>'
)


@pytest.fixture
def trainer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A trainer's own folder named like the project's, outside it: …/content/scenarios."""
    folder = tmp_path / "Mes documents" / "content" / "scenarios"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    return folder


def test_new_writes_in_the_current_folder_and_validates(trainer: Path, capsys) -> None:
    assert main(["new", "covoiturage"]) == 0
    written = trainer / "covoiturage.yaml"
    assert written.is_file()
    assert not (content_dir() / "scenarios" / "covoiturage.yaml").exists()
    assert "covoiturage.yaml" in capsys.readouterr().out
    # images/backgrounds/stade.svg is not in the trainer's folder: the bundled one is used
    assert [p for p in validate_file(written) if p.is_error] == []
    scenario = load_scenario(written)
    bundled = (content_dir() / "images" / "backgrounds" / "stade.svg").resolve()
    assert Path(scenario.place.background) == bundled


def test_own_images_beside_the_scenario_win(trainer: Path) -> None:
    main(["new", "covoiturage"])
    own = trainer / "images" / "backgrounds"
    own.mkdir(parents=True)
    (own / "parking.svg").write_text(SVG, encoding="utf-8")
    path = trainer / "covoiturage.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("images/backgrounds/stade.svg", "images/backgrounds/parking.svg"), "utf-8"
    )
    assert [p for p in validate_file(path) if p.is_error] == []
    assert Path(load_scenario(path).place.background) == (own / "parking.svg").resolve()


@pytest.mark.parametrize("name", ["ville.svg", "ville"])
def test_bundled_backgrounds_by_bare_name_from_anywhere(tmp_path: Path, name: str) -> None:
    found = roots_for(tmp_path / "x.yaml").find(name)
    assert found is not None
    assert found[1] == content_dir() / "images" / "backgrounds" / "ville.svg"


def test_a_missing_image_names_every_folder_looked_in(trainer: Path) -> None:
    main(["new", "covoiturage"])
    path = trainer / "covoiturage.yaml"
    text = path.read_text(encoding="utf-8").replace("stade.svg", "piscine.svg")
    path.write_text(text, encoding="utf-8")
    [problem] = [p for p in validate_file(path) if p.is_error]
    assert problem.key == "check.asset_missing"
    assert str(trainer) in problem.message and str(content_dir()) in problem.message
