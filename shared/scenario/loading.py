"""Loading scenarios for the game: every problem is reported, never a traceback.

The game runs the same validator as ``diva-scenario validate``: a scenario with errors
raises :class:`ScenarioError` listing each one as ``path:line:col: erreur: message``;
warnings (a missing translation, a long sentence) do not stop it from loading.
"""

from pathlib import Path

from shared.errors import DivaError
from shared.i18n import Catalogue
from shared.scenario.model import Scenario
from shared.scenario.validate import (
    FrameworkSet,
    catalogue_from_env,
    check_file,
    default_content_root,
    load_framework_set,
)


class ScenarioError(DivaError):
    """A scenario file cannot be used; the message lists every problem with path:line:col."""


def load_scenario(
    path: Path,
    content_root: Path | None = None,
    frameworks: FrameworkSet | None = None,
    catalogue: Catalogue | None = None,
) -> Scenario:
    """The validated scenario in ``path``; raises ScenarioError with every error found."""
    catalogue = catalogue or catalogue_from_env()
    checked = check_file(path, content_root, frameworks, catalogue)
    if checked.errors or checked.scenario is None:
        raise ScenarioError("\n".join(p.format(catalogue) for p in checked.errors))
    return checked.scenario


def load_library(folder: Path, content_root: Path | None = None) -> list[Scenario]:
    """Every scenario in ``folder``, sorted by id (frameworks are loaded once)."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        return []
    root = content_root or default_content_root(files[0])
    frameworks = load_framework_set(root)
    catalogue = catalogue_from_env()
    scenarios = [load_scenario(p, root, frameworks, catalogue) for p in files]
    return sorted(scenarios, key=lambda s: s.id)
