"""Validating scenario files: every problem at once, each at its path:line:col.

The order of the work: read the YAML safely (size, encoding, aliases), check it against
the pydantic models, then run the semantic checks of :mod:`shared.scenario.checks`.
Whatever part fails the schema (a node, a character, ``place``, ``reflect``, a misspelt
top-level key), the semantic checks still run on what passed (see
:mod:`shared.scenario.partial`), so fixing one mistake does not reveal the next one only on
the following run.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from shared.errors import FrameworkError
from shared.framework import Framework, load_framework
from shared.i18n import Catalogue
from shared.paths import content_dir
from shared.scenario.checks import ALL_CHECKS, Check, Context
from shared.scenario.competency_hint import competency_hint, is_competency_place
from shared.scenario.content_root import ContentRoots, roots_for
from shared.scenario.model import Scenario
from shared.scenario.partial import partial_scenario, whole
from shared.scenario.problem import Problem, sort_key
from shared.scenario.schema_errors import Hint, schema_problems
from shared.yamlfile import Document, YamlProblem, load_document

__all__ = [
    "Checked",
    "FrameworkSet",
    "Problem",
    "catalogue_for",
    "check_file",
    "default_content_root",
    "load_framework_set",
    "scenario_files",
    "validate_file",
    "validate_paths",
]

SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass
class FrameworkSet:
    """The frameworks of a content folder, and the files that failed to load (by stem)."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)


@dataclass
class Checked:
    """The outcome for one file: its problems, and the scenario when the schema passed."""

    problems: list[Problem]
    scenario: Scenario | None = None
    parsed: Scenario | None = None  # passed the schema (maybe with graph errors): drawable

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def catalogue_for(lang: str = "fr") -> Catalogue:
    """The ``shared`` catalogue in ``lang``: the language is passed in by the caller (a
    command line reads ``--lang`` or ``DIVA_LANG`` once, ``shared.commandline.wanted_lang``);
    nothing below reads the environment."""
    return Catalogue.load("shared", lang)


def default_content_root(path: Path) -> Path:
    """The folder a scenario's own images live in (see :mod:`shared.scenario.content_root`)."""
    return roots_for(path).first


def load_framework_set(content_root: Path | ContentRoots) -> FrameworkSet:
    """Every framework under ``content_root/frameworks`` (else the bundled ones)."""
    if isinstance(content_root, ContentRoots):
        folder = content_root.frameworks_folder()
    else:
        folder = content_root / "frameworks"
    if not folder.is_dir():
        folder = content_dir() / "frameworks"
    found = FrameworkSet()
    for file in sorted(folder.glob("*.yaml")):
        try:
            framework = load_framework(file)
        except FrameworkError as exc:
            found.broken[file.stem] = str(exc).splitlines()[0]
            continue
        found.frameworks[framework.id] = framework
    return found


def validate_file(
    path: Path,
    content_root: Path | None = None,
    frameworks: dict[str, Framework] | FrameworkSet | None = None,
    catalogue: Catalogue | None = None,
    extra: tuple[Check, ...] = (),
) -> list[Problem]:
    """Every problem of one scenario file, sorted by position."""
    return check_file(path, content_root, frameworks, catalogue, extra).problems


def check_file(
    path: Path,
    content_root: Path | ContentRoots | None = None,
    frameworks: dict[str, Framework] | FrameworkSet | None = None,
    catalogue: Catalogue | None = None,
    extra: tuple[Check, ...] = (),
) -> Checked:
    """Validate one file; never raises, whatever the file holds.

    ``content_root`` is looked in first for images (then the scenario's folder, and the
    bundled content); ``extra`` checks run after the shared ones (the layout checks of
    :mod:`authoring`, which need the game's fonts).
    """
    catalogue = catalogue or catalogue_for()
    try:
        roots = _roots(path, content_root)
        if frameworks is None:
            frameworks = load_framework_set(roots)
        elif not isinstance(frameworks, FrameworkSet):
            frameworks = FrameworkSet(dict(frameworks))
        checked = _check(path, roots, frameworks, catalogue, extra)
    except Exception as exc:  # the safety net: a checker bug must not become a traceback
        detail = f"{type(exc).__name__}: {exc}"
        message = catalogue("check.internal", detail=detail)
        checked = Checked([Problem(path, 1, 1, "error", message, "check.internal")])
    checked.problems.sort(key=sort_key)
    return checked


def _roots(path: Path, content_root: Path | ContentRoots | None) -> ContentRoots:
    if isinstance(content_root, ContentRoots):
        return content_root
    return roots_for(path, content_root)


def validate_paths(
    paths: list[Path],
    content_root: Path | None = None,
    catalogue: Catalogue | None = None,
    extra: tuple[Check, ...] = (),
) -> list[Problem]:
    """Every problem of every scenario in ``paths`` (files, or folders searched for .yaml)."""
    catalogue = catalogue or catalogue_for()
    problems: list[Problem] = []
    framework_sets: dict[ContentRoots, FrameworkSet] = {}
    for given in paths:
        files = scenario_files(given)
        if not files:
            message = catalogue("files.none", path=given)
            problems.append(Problem(given, 1, 1, "warning", message, "files.none"))
        for file in files:
            roots = roots_for(file, content_root)
            if roots not in framework_sets:
                framework_sets[roots] = load_framework_set(roots)
            problems += check_file(file, roots, framework_sets[roots], catalogue, extra).problems
    return problems


def scenario_files(path: Path) -> list[Path]:
    """``path`` itself, or the scenario files under a folder (sorted)."""
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in SCENARIO_SUFFIXES and p.is_file())


def _check(
    path: Path,
    roots: ContentRoots,
    frameworks: FrameworkSet,
    catalogue: Catalogue,
    extra: tuple[Check, ...] = (),
) -> Checked:
    try:
        document = load_document(path)
    except YamlProblem as exc:
        message = catalogue(exc.key, **exc.params)
        return Checked([Problem(path, exc.line, exc.col, "error", message, exc.key)])
    if not isinstance(document.data, dict):
        return Checked([_not_mapping(path, document, catalogue)])
    parsed: Scenario | None = None
    try:
        parsed = Scenario.model_validate(document.data)
        salvaged = whole(parsed)
        problems: list[Problem] = []
    except ValidationError as exc:
        errors = exc.errors()
        hint = _competency_hint(document.data, frameworks, catalogue)
        details = cast(list[dict[str, Any]], errors)  # pydantic's ErrorDetails are dicts
        problems = schema_problems(path, document, details, catalogue, hint)
        salvaged = partial_scenario(document.data, errors)
    ctx = Context(
        **vars(salvaged),
        path=path,
        document=document,
        catalogue=catalogue,
        content_root=roots.first,
        roots=roots,
        frameworks=frameworks.frameworks,
        broken_frameworks=frameworks.broken,
    )
    for check in (*ALL_CHECKS, *extra):
        problems += check(ctx)
    return Checked(problems, salvaged.scenario if _no_errors(problems) else None, parsed)


def _competency_hint(data: dict, frameworks: FrameworkSet, catalogue: Catalogue) -> Hint | None:
    """For a competency written as its label (« communiquer à l'oral »): the id it means."""
    framework_id = data.get("framework", "rectec")
    framework = frameworks.frameworks.get(framework_id) if isinstance(framework_id, str) else None
    if framework is None:
        return None

    def hint(loc: tuple, value: object) -> str:
        return competency_hint(value, framework, catalogue) if is_competency_place(loc) else ""

    return hint


def _no_errors(problems: list[Problem]) -> bool:
    return not any(p.is_error for p in problems)


def _not_mapping(path: Path, document: Document, catalogue: Catalogue) -> Problem:
    data = document.data
    if isinstance(data, list):
        kind = "kind.list"
    elif isinstance(data, str):
        kind = "kind.text"
    elif isinstance(data, int | float) and not isinstance(data, bool):
        kind = "kind.number"
    else:
        kind = "kind.other"
    line, col = document.value_at(())
    message = catalogue("scenario.not_mapping", kind=catalogue(kind))
    return Problem(path, line, col, "error", message, "scenario.not_mapping")
