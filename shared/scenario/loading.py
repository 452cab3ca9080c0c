"""Loading scenarios for the game: every problem is reported, never a traceback."""

from pathlib import Path

from pydantic import ValidationError

from shared.errors import DivaError
from shared.scenario.model import Scenario
from shared.yamlfile import YamlProblem, load_yaml


class ScenarioError(DivaError):
    """A scenario file cannot be used; the message lists every problem with path:line:col."""


def load_scenario(path: Path) -> Scenario:
    try:
        return Scenario.model_validate(load_yaml(path))
    except YamlProblem as exc:
        raise ScenarioError(str(exc)) from exc
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ScenarioError(f"{path}: {details}") from exc


def load_library(folder: Path) -> list[Scenario]:
    """Every scenario in ``folder``, sorted by id."""
    return sorted((load_scenario(p) for p in sorted(folder.glob("*.yaml"))), key=lambda s: s.id)
