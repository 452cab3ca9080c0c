"""``diva-scenario``: the trainers' tools (validate, graph, paths, schema, new).

Messages come from the ``shared`` catalogue in DIVA_LANG (French by default, ``en``
for English). Exit codes: 0 all good (warnings allowed), 1 an error was found, 2 a
usage mistake (argparse's own convention).
"""

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TextIO

from shared.commandline import argparse_in, wanted_lang
from shared.i18n import Catalogue
from shared.paths import content_dir
from shared.scenario.checks import Check
from shared.scenario.graph import FORMATS, render
from shared.scenario.model import Ending, Scenario
from shared.scenario.playthrough import DEFAULT_LIMIT, report, stats
from shared.scenario.validate import (
    catalogue_for,
    check_file,
    scenario_files,
    validate_paths,
)
from shared.text import localize

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_MAX_LENGTH = 60  # as the scenario model's Id
SCHEMA_NAME = "scenario.schema.json"


Renderer = Callable[[Scenario, str, Catalogue], str]
PathNotes = Callable[[Scenario, list[list[tuple[str, str | None]]], Catalogue], list[str]]


@dataclass(frozen=True)
class Tools:
    """What a richer front end adds: more checks (the game's layout), more graph formats
    (a drawn SVG / HTML page), more lines for ``paths``. ``authoring.cli`` fills them in;
    ``shared`` itself stays free of pygame."""

    checks: tuple[Check, ...] = ()
    renderers: dict[str, Renderer] = field(default_factory=dict)
    path_notes: PathNotes | None = None


PLAIN = Tools()


def main(argv: list[str] | None = None, tools: Tools = PLAIN) -> int:
    """Run one sub-command; returns the exit code (never raises for bad input)."""
    catalogue = catalogue_for(wanted_lang(sys.argv[1:] if argv is None else argv))
    with argparse_in(catalogue.lang):
        args = build_parser(catalogue, tools).parse_args(argv)
    args.tools = tools
    try:
        return args.run(args, catalogue, sys.stdout)
    except BrokenPipeError:
        # ``diva-scenario paths x.yaml | head``: the reader left; stop quietly, as the
        # Python docs advise (Python would otherwise print a traceback at exit).
        _silence_stdout()
        return 1


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def build_parser(t: Catalogue, tools: Tools = PLAIN) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diva-scenario", description=t("cli.description"))
    commands = parser.add_subparsers(dest="command", required=True)
    root_help = t("cli.help.content_root")

    validate = commands.add_parser("validate", help=t("cli.help.validate"))
    validate.add_argument("paths", nargs="+", type=Path, help=t("cli.help.paths_arg"))
    validate.add_argument("--content-root", type=Path, help=root_help)
    validate.add_argument("-q", "--quiet", action="store_true", help=t("cli.help.quiet"))
    validate.set_defaults(run=run_validate)

    graph = commands.add_parser("graph", help=t("cli.help.graph"))
    graph.add_argument("file", type=Path, help=t("cli.help.file"))
    formats = (*tools.renderers, *FORMATS)
    graph.add_argument("--format", choices=formats, default=formats[0], help=t("cli.help.format"))
    graph.add_argument("-o", "--output", type=Path, help=t("cli.help.output"))
    graph.add_argument("--content-root", type=Path, help=root_help)
    graph.set_defaults(run=run_graph)

    paths = commands.add_parser("paths", help=t("cli.help.paths"))
    paths.add_argument("file", type=Path, help=t("cli.help.file"))
    paths.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=t("cli.help.limit"))
    paths.add_argument("--content-root", type=Path, help=root_help)
    paths.set_defaults(run=run_paths)

    schema = commands.add_parser("schema", help=t("cli.help.schema"))
    schema.add_argument("-o", "--output", type=Path, help=t("cli.help.output"))
    schema.set_defaults(run=run_schema)

    new = commands.add_parser("new", help=t("cli.help.new"))
    new.add_argument("id", help=t("cli.help.id"))
    new.add_argument("--dir", type=Path, default=None, help=t("cli.help.dir"))
    new.set_defaults(run=run_new)
    return parser


def run_validate(args: argparse.Namespace, t: Catalogue, out: TextIO) -> int:
    problems = validate_paths(args.paths, args.content_root, t, args.tools.checks)
    errors = sum(p.is_error for p in problems)
    for problem in problems:
        if problem.is_error or not args.quiet:
            print(problem.format(t), file=out)
    files = len({p for given in args.paths for p in scenario_files(given)})
    summary = t("cli.summary", files=files, errors=errors, warnings=len(problems) - errors)
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def _load(args: argparse.Namespace, t: Catalogue) -> Scenario | None:
    """The scenario, or None after printing its errors (graph and paths need a valid one)."""
    checked = check_file(args.file, args.content_root, None, t)
    if checked.scenario is None:
        for problem in checked.errors:
            print(problem.format(t), file=sys.stderr)
        print(t("cli.not_loadable", path=args.file), file=sys.stderr)
    return checked.scenario


DRAWABLE = {"check.unreachable", "check.no_ending"}  # the graph shows them in red


def _load_drawable(args: argparse.Namespace, t: Catalogue) -> Scenario | None:
    """The scenario to draw: also one whose only errors are nodes never reached or with no
    way to an ending, which the drawing marks in red."""
    checked = check_file(args.file, args.content_root, None, t)
    if checked.scenario is not None:
        return checked.scenario
    if checked.parsed is not None and all(p.key in DRAWABLE for p in checked.errors):
        for problem in checked.errors:
            print(problem.format(t), file=sys.stderr)
        print(t("cli.graph_drawn_anyway"), file=sys.stderr)
        return checked.parsed
    return _load(args, t)


def run_graph(args: argparse.Namespace, t: Catalogue, out: TextIO) -> int:
    scenario = _load_drawable(args, t)
    if scenario is None:
        return 1
    renderer = args.tools.renderers.get(args.format)
    text = renderer(scenario, args.format, t) if renderer else render(scenario, args.format, t.lang)
    if not _write(text, args, t, out):
        return 1
    if args.output is not None:
        print(t("cli.graph_written", path=args.output), file=out)
    return 0


def _write(text: str, args: argparse.Namespace, t: Catalogue, out: TextIO) -> bool:
    """``text`` on ``out``, or into the ``--output`` file; False (said on stderr) when that
    file cannot be written."""
    if args.output is None:
        out.write(text)
        return True
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(t("cli.cannot_write", path=args.output, reason=exc.strerror), file=sys.stderr)
        return False
    return True


def run_paths(args: argparse.Namespace, t: Catalogue, out: TextIO) -> int:
    scenario = _load(args, t)
    if scenario is None:
        return 1
    for line in paths_report(scenario, max(args.limit, 1), t, args.tools.path_notes):
        print(line, file=out)
    return 0


def paths_report(
    scenario: Scenario, limit: int, t: Catalogue, notes: PathNotes | None = None
) -> list[str]:
    """The lines ``diva-scenario paths`` prints: play-throughs, endings, competencies, what
    to look at (paths that skip the identify step, or show more than the end screen lists),
    sizes."""
    found = report(scenario, limit)
    total = len(found.paths)
    lines = [t("paths.header", id=scenario.id, count=total)]
    if found.capped:
        lines.append(t("paths.capped", limit=limit))
    lines.append(t("paths.list"))
    for steps in found.paths:
        walk = " → ".join(f"{node}[{choice}]" if choice else node for node, choice in steps)
        lines.append(t("paths.path_row", steps=walk))
    lines.append(t("paths.endings"))
    for node in scenario.nodes:
        if isinstance(node, Ending):
            title = localize(node.title, t.lang)
            lines.append(
                t("paths.ending_row", id=node.id, title=title, count=found.endings[node.id])
            )
    lines.append(t("paths.competencies"))
    for competency, count in sorted(found.shown_in.items()):
        levels = ", ".join(str(n) for n in sorted(found.levels[competency]))
        lines.append(
            t("paths.competency_row", id=competency, count=count, total=total, levels=levels)
        )
    if not found.shown_in:
        lines.append(t("paths.never"))
    lines += _skipping_identify(scenario, found.paths, t)
    if notes is not None:
        lines += notes(scenario, found.paths, t)
    sizes = stats(scenario, t.lang)
    lengths = [len(steps) for steps in found.paths] or [0]
    lines.append(
        t(
            "paths.stats",
            nodes=sizes.nodes,
            choices=sizes.choices,
            lines=sizes.lines,
            words=sizes.words,
            min_steps=min(lengths),
            max_steps=max(lengths),
        )
    )
    return lines


def _skipping_identify(
    scenario: Scenario, paths: list[list[tuple[str, str | None]]], t: Catalogue
) -> list[str]:
    """The play-throughs that never ask « which competency did you use? »."""
    identify = {n.id for n in scenario.nodes if getattr(n, "type", "") == "identify"}
    skipping = [steps for steps in paths if not any(node in identify for node, _ in steps)]
    if not skipping:
        return [t("paths.identify_always", total=len(paths))]
    lines = [t("paths.identify_skipped", count=len(skipping), total=len(paths))]
    for steps in skipping:
        walk = " → ".join(f"{node}[{choice}]" if choice else node for node, choice in steps)
        lines.append(t("paths.path_row", steps=walk))
    return lines


def schema_text() -> str:
    """The JSON Schema of the format, as committed in content/scenarios/scenario.schema.json."""
    schema = Scenario.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def run_schema(args: argparse.Namespace, t: Catalogue, out: TextIO) -> int:
    return 0 if _write(schema_text(), args, t, out) else 1


def starter_text(scenario_id: str, target: Path) -> str:
    """The commented starter scenario, with its id and the path to the schema filled in."""
    template = resources.files("shared.scenario").joinpath("starter.yaml").read_text("utf-8")
    schema = content_dir() / "scenarios" / SCHEMA_NAME
    text = template.replace("./scenario.schema.json", _schema_link(schema, target))
    shown = target.name if target.parent.resolve() == Path.cwd().resolve() else target.as_posix()
    return text.replace("__ID__", scenario_id).replace(
        f"content/scenarios/{scenario_id}.yaml", shown
    )


def _schema_link(schema: Path, target: Path) -> str:
    """A relative path beside the bundled content; else the schema's file URL (a trainer's
    folder elsewhere, maybe on another Windows drive, where no relative path exists)."""
    try:
        relative = Path(os.path.relpath(schema, target.parent.resolve())).as_posix()
    except ValueError:
        return schema.resolve().as_uri()
    return schema.resolve().as_uri() if relative.startswith("../../") else relative


def run_new(args: argparse.Namespace, t: Catalogue, out: TextIO) -> int:
    if not ID_PATTERN.match(args.id):
        print(t("cli.bad_id", id=args.id), file=sys.stderr)
        return 1
    if len(args.id) > ID_MAX_LENGTH:
        print(t("cli.id_too_long", length=len(args.id), max=ID_MAX_LENGTH), file=sys.stderr)
        return 1
    folder = args.dir if args.dir is not None else Path.cwd()
    target = folder / f"{args.id}.yaml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(starter_text(args.id, target))
    except FileExistsError:
        print(t("cli.exists", path=target), file=sys.stderr)
        return 1
    except OSError as exc:
        print(t("cli.cannot_write", path=target, reason=exc.strerror), file=sys.stderr)
        return 1
    print(t("cli.written", path=target), file=out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
