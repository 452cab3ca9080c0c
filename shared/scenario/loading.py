"""Loading scenarios for the apps: every problem is reported, never a traceback.

The apps run the same validator as ``diva-scenario validate``: a scenario with errors
raises :class:`ScenarioError` listing each one as ``path:line:col: erreur: message``;
warnings (a missing translation, a long sentence) do not stop it from loading.
:func:`load_library` is the one library loader (the game, the skill map, the benches): one
broken file is skipped and reported, never fatal.

The images of a loaded scenario are resolved once, by the rule of
:mod:`shared.scenario.content_root`, to absolute files: the game draws them wherever the
scenario lives, exactly where the validator found them.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from shared.errors import DivaError
from shared.framework import Framework
from shared.i18n import Catalogue
from shared.scenario.content_root import ContentRoots, roots_for, roots_for_folder
from shared.scenario.model import Scenario
from shared.scenario.validate import (
    FrameworkSet,
    catalogue_for,
    check_file,
    load_framework_set,
)

log = logging.getLogger(__name__)


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


def app_frameworks(framework: Framework) -> FrameworkSet:
    """The one framework an app shows, as the validator's framework set: validating against
    it refuses a scenario written for another framework, or a competency outside it, at its
    line:col, with the validator's own words."""
    return FrameworkSet({framework.id: framework})


@dataclass
class Library:
    """The scenarios that loaded, and the files that did not (name and plain reason)."""

    scenarios: list[Scenario] = field(default_factory=list)
    broken: list[tuple[str, str]] = field(default_factory=list)
    structure_ids: set[str] = field(default_factory=set)  # from the structure's own folder

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


def load_library(
    folder: Path | None,
    *,
    lang: str,
    structure: Path | None = None,
    framework: Framework | None = None,
    content_root: Path | None = None,
) -> Library:
    """Every scenario of ``folder``, then the structure's own (``structure``: they win over
    one of the same id and are marked as theirs), sorted by id.

    Each file is validated on its own (frameworks read once a folder), so a broken file is
    skipped and reported in ``lang``. ``framework``: the one the app shows (the game's);
    without it, each scenario's own framework of its content folder.
    """
    library = Library()
    for where, own in ((folder, False), (structure, True)):
        if where is not None and where.is_dir():
            _load_folder(library, where, own, _Loading(lang, framework, content_root))
    library.scenarios.sort(key=lambda s: s.id)
    return library


@dataclass(frozen=True)
class _Loading:
    lang: str
    framework: Framework | None
    content_root: Path | None


def _load_folder(library: Library, folder: Path, own: bool, how: _Loading) -> None:
    files = sorted(folder.glob("*.yaml"))
    if not files:
        return
    roots = roots_for_folder(folder.resolve(), how.content_root)
    if how.framework is not None:
        frameworks = app_frameworks(how.framework)
    else:
        frameworks = load_framework_set(roots)
    catalogue = catalogue_for(how.lang)
    for path in files:
        try:
            scenario = load_scenario(path, roots, frameworks, catalogue)
        except (DivaError, OSError) as exc:  # ScenarioError is a DivaError
            library.broken.append((path.name, str(exc)))
            log.warning("scenario skipped: %s", exc)
            continue
        if own:
            library.scenarios = [s for s in library.scenarios if s.id != scenario.id]
            library.structure_ids.add(scenario.id)
        library.scenarios.append(scenario)
