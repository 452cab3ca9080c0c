"""The bundled scenarios: all valid, every play-through ends well; the schema file is current."""

import json
from pathlib import Path

import pytest

from shared.paths import content_dir
from shared.scenario.cli import schema_text
from shared.scenario.loading import load_scenario
from shared.scenario.model import Ending, Scenario
from shared.scenario.playthrough import iter_paths
from shared.scenario.reference import END, START, reference_markdown
from shared.scenario.validate import validate_file

SCENARIOS = content_dir() / "scenarios"
BUNDLED = sorted(SCENARIOS.glob("*.yaml"))
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_scenario_has_no_error(path, french):
    errors = [p.format(french) for p in validate_file(path, catalogue=french) if p.is_error]
    assert errors == []


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_play_through_reaches_an_ending(path):
    scenario = load_scenario(path)
    paths = list(iter_paths(scenario))
    assert paths
    for steps in paths:
        assert isinstance(scenario.node(steps[-1][0]), Ending), steps


def test_committed_schema_is_in_sync():
    committed = (SCENARIOS / "scenario.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "run: diva-scenario schema -o content/scenarios/scenario.schema.json"
    )
    assert json.loads(committed)["properties"] == Scenario.model_json_schema()["properties"]


@pytest.mark.parametrize("name", ["authoring.md", "authoring.en.md"])
def test_reference_in_docs_is_current(name):
    text = (DOCS / name).read_text(encoding="utf-8")
    generated = text.split(START, 1)[1].split(END, 1)[0]
    assert generated.strip() == reference_markdown().strip(), (
        "run: python -m shared.scenario.reference"
    )
