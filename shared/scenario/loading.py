"""Loading scenarios for the game: every problem is reported, never a traceback.

The game runs the same validator as ``diva-scenario validate``: a scenario with errors
raises :class:`ScenarioError` listing each one as ``path:line:col: erreur: message``;
warnings (a missing translation, a long sentence) do not stop it from loading.

The images of a loaded scenario are resolved once, by the rule of
:mod:`shared.scenario.content_root`, to absolute files: the game draws them wherever the
scenario lives, exactly where the validator found them.
"""

from pathlib import Path

from shared.errors import DivaError
from shared.i18n import Catalogue
from shared.scenario.content_root import ContentRoots, roots_for, roots_for_folder
from shared.scenario.model import Scenario
from shared.scenario.validate import (
    FrameworkSet,
    catalogue_for,
    check_file,
    load_framework_set,
)


class ScenarioError(DivaError):
    """A scenario file cannot be used; the message lists every problem with path:line:col."""


def load_scenario(
    path: Path,
    content_root: Path | ContentRoots | None = None,
    frameworks: FrameworkSet | None = None,
    catalogue: Catalogue | None = None,
) -> Scenario:
    """The validated scenario in ``path``, images resolved; raises ScenarioError with every
    error found."""
    catalogue = catalogue or catalogue_for()
    roots = content_root if isinstance(content_root, ContentRoots) else None
    roots = roots or roots_for(path, content_root)  # type: ignore[arg-type]
    checked = check_file(path, roots, frameworks, catalogue)
    if checked.errors or checked.scenario is None:
        raise ScenarioError("\n".join(p.format(catalogue) for p in checked.errors))
    return with_resolved_assets(checked.scenario, roots)


def with_resolved_assets(scenario: Scenario, roots: ContentRoots) -> Scenario:
    """A copy whose backgrounds and portraits are absolute files (when found)."""
    place = scenario.place.model_copy(
        update={"background": roots.resolve(scenario.place.background)}
    )
    nodes = [
        node.model_copy(update={"background": roots.resolve(node.background)})
        if node.background
        else node
        for node in scenario.nodes
    ]
    characters = [
        c.model_copy(update={"portrait": roots.resolve(c.portrait)}) if c.portrait else c
        for c in scenario.characters
    ]
    return scenario.model_copy(update={"place": place, "nodes": nodes, "characters": characters})


def load_library(
    folder: Path, content_root: Path | None = None, lang: str = "fr"
) -> list[Scenario]:
    """Every scenario in ``folder``, sorted by id (frameworks are loaded once); problems are
    said in ``lang``."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        return []
    roots = roots_for_folder(folder.resolve(), content_root)
    frameworks = load_framework_set(roots)
    catalogue = catalogue_for(lang)
    scenarios = [load_scenario(p, roots, frameworks, catalogue) for p in files]
    return sorted(scenarios, key=lambda s: s.id)
