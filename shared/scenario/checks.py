"""The semantic checks of a scenario that passed the schema: one small function per rule.

Each check takes a :class:`Context` and returns its :class:`Problem` list; the validator
runs them all, so a trainer sees every mistake at once. When the schema failed, the checks
run on the parts that passed (:mod:`shared.scenario.partial`): paths into the data (for the
line:col) are built with :meth:`Context.node_path` and its siblings, because a node,
character or suggestion whose schema failed is left out while the others are checked, and
a check whose data is not :meth:`Context.trusts`-worthy is skipped (no false alarms).
"""

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from shared.framework import DESCRIPTOR_MAX_WORDS, LEVELS, Framework, long_descriptors
from shared.i18n import Catalogue
from shared.scenario.competency_hint import competency_hint
from shared.scenario.content_root import ContentRoots, roots_for_folder
from shared.scenario.identify import question
from shared.scenario.model import (
    CAST_MAX,
    Choice,
    Ending,
    IdentifyNode,
    Line,
    Reflect,
    SceneNode,
    Shows,
)
from shared.scenario.partial import Partial
from shared.scenario.playthrough import last_choices, outgoing
from shared.scenario.positions import locate
from shared.scenario.problem import Problem, Severity
from shared.scenario.schema_errors import suggest
from shared.text import LANGUAGES, missing_languages
from shared.yamlfile import DataPath, Document

SENTENCE_MAX_WORDS = 20
TRANSLATION_WARNINGS_SHOWN = 5


@dataclass(kw_only=True)
class Context(Partial):
    """Everything a check needs: the scenario and where its items sit in the file (the
    ``Partial`` the schema left), where it was written, and what it refers to."""

    path: Path
    document: Document
    catalogue: Catalogue
    content_root: Path
    frameworks: dict[str, Framework]
    broken_frameworks: dict[str, str] = field(default_factory=dict)
    roots: ContentRoots | None = None

    @property
    def content_roots(self) -> ContentRoots:
        """Where images are looked for (the given content root first)."""
        return self.roots or roots_for_folder(self.content_root)

    def node_path(self, index: int, *rest: str | int) -> DataPath:
        """The data path of ``scenario.nodes[index]`` (its row in the file) and below."""
        row = self.rows[index] if self.rows else index
        return ("nodes", row, *rest)

    def character_path(self, index: int, *rest: str | int) -> DataPath:
        """The data path of ``scenario.characters[index]`` and below."""
        row = self.character_rows[index] if self.character_rows else index
        return ("characters", row, *rest)

    def suggestion_path(self, index: int, *rest: str | int) -> DataPath:
        """The data path of ``scenario.reflect.suggestions[index]`` and below."""
        row = self.suggestion_rows[index] if self.suggestion_rows else index
        return ("reflect", "suggestions", row, *rest)

    def trusts(self, part: str) -> bool:
        """Whether the checks may rely on ``part`` (one of ``partial.ALL_TRUSTED``)."""
        return part in self.trusted

    def problem(
        self,
        path: DataPath,
        key: str,
        severity: Severity = "error",
        guess: str | None = None,
        order: int = 0,
        **params: object,
    ) -> Problem:
        line, col = locate(self.document, path)
        message = self.catalogue(key, **params)
        if guess:
            message += self.catalogue("did_you_mean", guess=guess)
        return Problem(self.path, line, col, severity, message, key, order)

    @cached_property
    def texts(self) -> list[tuple[DataPath, BaseModel, str | dict[str, str]]]:
        """Every translated text written in the file (walked once, used by several checks)."""
        return list(_texts_of(self.scenario, (), self))

    @property
    def complete(self) -> bool:
        """False when nodes were left out: graph checks would then report false alarms."""
        return self.trusts("nodes")


def duplicate_ids(ctx: Context) -> list[Problem]:
    """Ids must be unique: nodes, characters, suggestions, and choices within a node."""
    s = ctx.scenario
    groups = [
        ("what.node", [(n.id, ctx.node_path(i, "id")) for i, n in enumerate(s.nodes)]),
        (
            "what.character",
            [(c.id, ctx.character_path(i, "id")) for i, c in enumerate(s.characters)],
        ),
        (
            "what.suggestion",
            [(g.id, ctx.suggestion_path(i, "id")) for i, g in enumerate(s.reflect.suggestions)],
        ),
    ]
    for i, node in enumerate(s.nodes):
        if isinstance(node, SceneNode):
            items = [
                (c.id, ctx.node_path(i, "choices", j, "id")) for j, c in enumerate(node.choices)
            ]
            groups.append(("what.choice", items))
    return [problem for what, items in groups for problem in _repeats(ctx, what, items)]


def _repeats(ctx: Context, what: str, items: list[tuple[str, DataPath]]) -> list[Problem]:
    first: dict[str, DataPath] = {}
    problems = []
    for item_id, path in items:
        if item_id in first:
            line, _ = locate(ctx.document, first[item_id])
            word = ctx.catalogue(what)
            problems.append(
                ctx.problem(path, "check.duplicate_id", id=item_id, what=word, line=line)
            )
        else:
            first[item_id] = path
    return problems


def references(ctx: Context) -> list[Problem]:
    """``start``, every ``goto`` and every ``next`` name an existing node.

    Skipped when a node that failed the schema has no readable id (it may be the target).
    """
    if not ctx.trusts("node_ids"):
        return []
    known = {node.id for node in ctx.scenario.nodes} | ctx.dropped_ids
    targets: list[tuple[str, DataPath, str]] = []
    if ctx.trusts("start"):
        targets.append((ctx.scenario.start, ("start",), "start"))
    for i, node in enumerate(ctx.scenario.nodes):
        if isinstance(node, SceneNode):
            targets += [
                (c.goto, ctx.node_path(i, "choices", j, "goto"), "goto")
                for j, c in enumerate(node.choices)
            ]
        if isinstance(node, SceneNode | IdentifyNode) and node.next:
            targets.append((node.next, ctx.node_path(i, "next"), "next"))
    return [
        ctx.problem(
            path, "check.missing_target", guess=suggest(target, known), target=target, field=name
        )
        for target, path, name in targets
        if target not in known
    ]


def reachability(ctx: Context) -> list[Problem]:
    """Every node can be reached from ``start`` (dead text is usually a forgotten goto)."""
    nodes = {node.id: node for node in ctx.scenario.nodes}
    if not ctx.complete or not ctx.trusts("start") or ctx.scenario.start not in nodes:
        return []
    seen = {ctx.scenario.start}
    todo = [ctx.scenario.start]
    while todo:
        for _, target in outgoing(nodes[todo.pop()]):
            if target in nodes and target not in seen:
                seen.add(target)
                todo.append(target)
    return [
        ctx.problem(
            ctx.node_path(i, "id"), "check.unreachable", id=node.id, start=ctx.scenario.start
        )
        for i, node in enumerate(ctx.scenario.nodes)
        if node.id not in seen
    ]


def endings(ctx: Context) -> list[Problem]:
    """From every node some path leads to an ending: a player can never be stuck."""
    nodes = {node.id: node for node in ctx.scenario.nodes}
    if not ctx.complete:
        return []
    incoming: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    done = set()
    for node in ctx.scenario.nodes:
        ways = outgoing(node)
        if isinstance(node, Ending) or any(target not in nodes for _, target in ways):
            done.add(node.id)  # an ending, or a missing target already reported
        for _, target in ways:
            if target in nodes:
                incoming[target].append(node.id)
    todo = list(done)
    while todo:
        for source in incoming[todo.pop()]:
            if source not in done:
                done.add(source)
                todo.append(source)
    return [
        ctx.problem(ctx.node_path(i, "id"), "check.no_ending", id=node.id)
        for i, node in enumerate(ctx.scenario.nodes)
        if node.id not in done
    ]


def speakers(ctx: Context) -> list[Problem]:
    """Every ``speaker`` names a character of the scenario (unless ``characters`` failed)."""
    if not ctx.trusts("characters"):
        return []
    known = {character.id for character in ctx.scenario.characters} | ctx.dropped_character_ids
    return [
        ctx.problem(
            path + ("speaker",),
            "check.unknown_speaker",
            guess=suggest(line.speaker, known),
            id=line.speaker,
        )
        for path, line in _lines(ctx)
        if line.speaker is not None and line.speaker not in known
    ]


def staging(ctx: Context) -> list[Problem]:
    """``cast`` names known characters, at most 2, one side left for the player's avatar,
    and every speaking character of the node is on stage (else who is talking?)."""
    if not ctx.trusts("characters"):
        return []
    known = {character.id for character in ctx.scenario.characters} | ctx.dropped_character_ids
    problems: list[Problem] = []
    for i, node in enumerate(ctx.scenario.nodes):
        if isinstance(node, SceneNode | Ending) and node.cast is not None:
            problems += _cast_problems(ctx, i, node, known)
    return problems


def _cast_problems(
    ctx: Context, i: int, node: SceneNode | Ending, known: set[str]
) -> list[Problem]:
    cast = node.cast or []
    problems = [
        ctx.problem(
            ctx.node_path(i, "cast", j),
            "check.unknown_cast",
            guess=suggest(member, known),
            id=member,
        )
        for j, member in enumerate(cast)
        if member not in known
    ]
    room = CAST_MAX - 1 if node.player else CAST_MAX
    if len(cast) > room:
        key = "check.cast_and_player" if node.player else "check.cast_too_big"
        problems.append(ctx.problem(ctx.node_path(i, "cast"), key, count=len(cast), max=room))
    problems += [
        ctx.problem(
            ctx.node_path(i, "lines", k, "speaker"), "check.speaker_off_stage", id=line.speaker
        )
        for k, line in enumerate(node.lines)
        if line.speaker is not None and line.speaker in known and line.speaker not in cast
    ]
    return problems


def _lines(ctx: Context) -> Iterator[tuple[DataPath, Line]]:
    for i, node in enumerate(ctx.scenario.nodes):
        if isinstance(node, SceneNode | Ending):
            for k, line in enumerate(node.lines):
                yield ctx.node_path(i, "lines", k), line


def competencies(ctx: Context) -> list[Problem]:
    """The framework exists; every competency id and level belongs to it."""
    if not ctx.trusts("framework"):
        return []
    framework_id = ctx.scenario.framework
    framework = ctx.frameworks.get(framework_id)
    if framework is None:
        return [_framework_problem(ctx, framework_id)]
    known = set(framework.by_id)
    levels = LEVELS if framework.has_levels else (1,)
    problems = []
    for path, competency_id in _competency_refs(ctx):
        if competency_id not in known:
            problem = ctx.problem(
                path, "check.unknown_competency", id=competency_id, framework=framework_id
            )
            hint = competency_hint(competency_id, framework, ctx.catalogue)
            problems.append(replace(problem, message=problem.message + hint))
    for path, level in _levels(ctx):
        if level not in levels:
            listed = ", ".join(str(n) for n in levels)
            problems.append(
                ctx.problem(
                    path, "check.unknown_level", level=level, framework=framework_id, levels=listed
                )
            )
    return problems


def framework_descriptors(ctx: Context) -> list[Problem]:
    """A descriptor of the scenario's framework over 15 words is a warning at ``framework``:
    descriptors become badge criteria and are read by the players."""
    if not ctx.trusts("framework"):
        return []
    framework = ctx.frameworks.get(ctx.scenario.framework)
    if framework is None:
        return []
    return [
        ctx.problem(
            ("framework",),
            "check.long_descriptor",
            "warning",
            framework=framework.id,
            competency=competency_id,
            level=level,
            words=words,
            max=DESCRIPTOR_MAX_WORDS,
        )
        for competency_id, level, words in long_descriptors(framework)
    ]


def _framework_problem(ctx: Context, framework_id: str) -> Problem:
    if framework_id in ctx.broken_frameworks:
        detail = ctx.broken_frameworks[framework_id]
        return ctx.problem(("framework",), "check.framework_broken", id=framework_id, detail=detail)
    known = sorted(ctx.frameworks)
    return ctx.problem(
        ("framework",),
        "check.unknown_framework",
        guess=suggest(framework_id, known),
        id=framework_id,
        known=", ".join(known) or "-",
    )


def _shows(ctx: Context, i: int, node: SceneNode) -> Iterator[tuple[DataPath, Shows]]:
    """What each choice of a scene node shows, with the data path of each."""
    for j, choice in enumerate(node.choices):
        for k, shows in enumerate(choice.shows):
            yield ctx.node_path(i, "choices", j, "shows", k), shows


def _competency_refs(ctx: Context) -> Iterator[tuple[DataPath, str]]:
    for i, node in enumerate(ctx.scenario.nodes):
        if isinstance(node, SceneNode):
            for path, shows in _shows(ctx, i, node):
                yield (*path, "competency"), shows.competency
        if isinstance(node, IdentifyNode):
            for name in ("cards", "answers"):
                for k, card in enumerate(getattr(node, name)):
                    yield ctx.node_path(i, name, k), card
    for i, suggestion in enumerate(ctx.scenario.reflect.suggestions):
        for k, competency_id in enumerate(suggestion.competencies):
            yield ctx.suggestion_path(i, "competencies", k), competency_id


def _levels(ctx: Context) -> Iterator[tuple[DataPath, int]]:
    for i, node in enumerate(ctx.scenario.nodes):
        if isinstance(node, SceneNode):
            for path, shows in _shows(ctx, i, node):
                yield (*path, "level"), shows.level


def answers_in_cards(ctx: Context) -> list[Problem]:
    """An identify step's answers are among the cards it offers."""
    return [
        ctx.problem(ctx.node_path(i, "answers", k), "check.answer_not_card", id=answer)
        for i, node in enumerate(ctx.scenario.nodes)
        if isinstance(node, IdentifyNode)
        for k, answer in enumerate(node.answers)
        if answer not in node.cards
    ]


def identify_from_choice(ctx: Context) -> list[Problem]:
    """Every way into an identify step can be answered from the player's own path: its
    cards include what the choice made just before showed (``shared.scenario.identify``),
    and there are at least three. A way in after a choice that shows nothing falls back on
    the node's ``answers``: named when other ways into the same step do show something, as
    those players are then asked about something they may not have done.

    The ways in are found on the graph (:func:`shared.scenario.playthrough.last_choices`),
    not by walking every play-through: that grew with the number of branches."""
    nodes = {node.id: i for i, node in enumerate(ctx.scenario.nodes)}
    problems = []
    for node_id, chosen in last_choices(ctx.scenario).items():
        node = ctx.scenario.node(node_id)
        assert isinstance(node, IdentifyNode)
        by_choice = _answered_from_choice(node, chosen)
        if not any(by_choice.values()):
            continue
        where = ctx.node_path(nodes[node_id], "answers")
        problems += [
            ctx.problem(where, "check.identify_no_choice", "warning", choice=choice_id or "—")
            for choice_id, from_choice in by_choice.items()
            if not from_choice
        ]
    return problems


def _answered_from_choice(node: IdentifyNode, chosen: list[Choice | None]) -> dict[str, bool]:
    """Last choice id ("" for none) -> whether the question is built from that choice (a
    playable one: three cards or more, the answers among them). Two choices of the same id
    in different scenes count as one, answered only if both are."""
    by_choice: dict[str, bool] = {}
    for last in chosen:
        asked = question(node, last)
        playable = len(asked.cards) >= 3 and set(asked.answers) <= set(asked.cards)
        key = last.id if last else ""
        by_choice[key] = by_choice.get(key, True) and playable and asked.from_choice
    return by_choice


def assets(ctx: Context) -> list[Problem]:
    """Backgrounds and portraits exist in a content folder (the scenario's, or the bundled
    one), written with « / », and never point outside it."""
    problems = []
    roots = ctx.content_roots
    for path, asset in _asset_refs(ctx):
        if "\\" in asset:
            fixed = asset.replace("\\", "/")
            problems.append(ctx.problem(path, "check.asset_backslash", asset=asset, fixed=fixed))
            continue
        if _escape(roots.first, asset) == "":
            problems.append(ctx.problem(path, "check.asset_escapes", asset=asset))
            continue
        found = roots.find(asset)
        if found is None:
            problems.append(
                ctx.problem(path, "check.asset_missing", asset=asset, root=roots.shown())
            )
            continue
        escape = _escape(found[0], str(found[1].relative_to(found[0])))
        if escape:
            problems.append(
                ctx.problem(path, "check.asset_link_escapes", asset=asset, target=escape)
            )
        elif path[-1] == "portrait":
            problems.append(ctx.problem(path, "check.portrait_unused", "warning", asset=asset))
        elif found[1].suffix.lower() != ".svg":
            problems.append(ctx.problem(path, "check.background_not_svg", asset=asset))
    return problems


def _asset_refs(ctx: Context) -> Iterator[tuple[DataPath, str]]:
    if ctx.trusts("place"):
        yield ("place", "background"), ctx.scenario.place.background
    for i, node in enumerate(ctx.scenario.nodes):
        if node.background:
            yield ctx.node_path(i, "background"), node.background
    for i, character in enumerate(ctx.scenario.characters):
        if character.portrait:
            yield ctx.character_path(i, "portrait"), character.portrait


def _escape(root: Path, asset: str) -> str | None:
    """None if ``asset`` stays inside ``root``; "" for an absolute path or ``..`` (and a path
    that cannot be resolved); where it leads when a symlink takes it outside."""
    if PurePosixPath(asset).is_absolute() or PureWindowsPath(asset).is_absolute():
        return ""
    if PureWindowsPath(asset).drive or ".." in PurePosixPath(asset.replace("\\", "/")).parts:
        return ""
    try:
        resolved = (root / asset).resolve()
        return None if resolved.is_relative_to(root.resolve()) else str(resolved)
    except (OSError, RuntimeError, ValueError):
        return ""


def translations(ctx: Context) -> list[Problem]:
    """A text without its English version is a warning; after a few, one summary line."""
    problems = []
    missing: Counter[str] = Counter()
    for path, _, text in iter_texts(ctx):
        for lang in _wanted_missing(ctx, text):
            missing[lang] += 1
            if missing[lang] <= TRANSLATION_WARNINGS_SHOWN:
                problems.append(
                    ctx.problem(path, "check.translation_missing", "warning", lang=lang)
                )
            elif missing[lang] == TRANSLATION_WARNINGS_SHOWN + 1:
                problems.append(_more_missing(ctx, path, lang))
    return problems


def _wanted_missing(ctx: Context, text: str | dict[str, str]) -> list[str]:
    """The missing translations the scenario wants (``languages: [fr]``: none)."""
    wanted = getattr(ctx.scenario, "languages", None)
    return [lang for lang in missing_languages(text) if wanted is None or lang in wanted]


def _more_missing(ctx: Context, path: DataPath, lang: str) -> Problem:
    """One summary line, after the file's other problems, at the first text not listed."""
    total = sum(1 for _, _, text in iter_texts(ctx) if lang in _wanted_missing(ctx, text))
    count = total - TRANSLATION_WARNINGS_SHOWN
    return ctx.problem(path, "check.translation_more", "warning", order=1, count=count, lang=lang)


def lengths(ctx: Context) -> list[Problem]:
    """Sentences stay short for low-literacy players (whether a text fits its box on screen
    is measured with the game's own layout by :mod:`authoring.layout`)."""
    problems = []
    for path, _, text in iter_texts(ctx):
        for lang_path, value in by_language(path, text):
            words = longest_sentence(value)
            if words > SENTENCE_MAX_WORDS:
                problems.append(
                    ctx.problem(
                        lang_path,
                        "check.sentence_too_long",
                        "warning",
                        words=words,
                        max=SENTENCE_MAX_WORDS,
                    )
                )
    return problems


def by_language(path: DataPath, text: str | dict[str, str]) -> Iterator[tuple[DataPath, str]]:
    if isinstance(text, str):
        yield path, text
        return
    for lang in LANGUAGES:
        if text.get(lang):
            yield (*path, lang), text[lang]


def longest_sentence(text: str) -> int:
    """The number of words of the longest sentence in ``text``."""
    sentences = re.split(r"(?<=[.!?…])\s+", text)
    return max((len(re.findall(r"\w+(?:['’-]\w+)*", s)) for s in sentences), default=0)


def iter_texts(ctx: Context) -> list[tuple[DataPath, BaseModel, str | dict[str, str]]]:
    """Every translated text written in the file: (data path, owning model, text)."""
    return ctx.texts


def _texts_of(
    model: BaseModel, path: DataPath, ctx: Context
) -> Iterator[tuple[DataPath, BaseModel, Any]]:
    texts = text_fields(type(model))
    written = model.model_fields_set  # a set: walked in the model's order, the same every run
    for name in (name for name in type(model).model_fields if name in written):
        value = getattr(model, name)
        if name in texts and value is not None:
            yield (*path, name), model, value
        elif isinstance(value, BaseModel):
            yield from _texts_of(value, (*path, name), ctx)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _texts_of(item, _item_path(model, name, index, path, ctx), ctx)


def _item_path(model: BaseModel, name: str, index: int, path: DataPath, ctx: Context) -> DataPath:
    """Where item ``index`` of ``model.name`` sits in the file (failed items left out)."""
    if model is ctx.scenario and name == "nodes":
        return ctx.node_path(index)
    if model is ctx.scenario and name == "characters":
        return ctx.character_path(index)
    if isinstance(model, Reflect) and name == "suggestions":
        return ctx.suggestion_path(index)
    return (*path, name, index)


@cache
def text_fields(model: type[BaseModel]) -> frozenset[str]:
    """The names of ``model``'s LocalizedText fields (computed once per class)."""
    return frozenset(name for name, info in model.model_fields.items() if _is_text(info.annotation))


def _is_text(annotation: Any) -> bool:
    """Whether a field holds a LocalizedText (maybe Optional, maybe Annotated)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _is_text(get_args(annotation)[0])
    if origin in (Union, UnionType):
        members = [m for m in get_args(annotation) if m is not type(None)]
        if set(members) == {str, dict[str, str]}:
            return True
        return len(members) == 1 and _is_text(members[0])
    return False


WORD_QUOTES = {"“": "”", "”": "”", "„": "“", "‘": "’", "’": "’", "«": "»"}


def word_quotes(ctx: Context) -> list[Problem]:
    """A value wrapped in Word's quotes (“1.0”, ’Pile à l’heure’, « Bonjour »): YAML does not
    take them as quotes, so they would be shown to players. Quotes inside a text are fine."""
    candidates = [
        (path, value)
        for path, value in _strings(ctx.document.data, ())
        if _wrapped_in_word_quotes(value)
    ]
    if not candidates:
        return []
    lines = ctx.path.read_text(encoding="utf-8-sig").splitlines()
    problems = []
    for path, value in candidates:
        line, col = locate(ctx.document, path)
        written = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
        if written not in ('"', "'"):  # "« Merci. »" in straight quotes is a quoted speech
            problems.append(ctx.problem(path, "check.word_quotes", value=value))
    return problems


def _wrapped_in_word_quotes(value: str) -> bool:
    """Opens with one of Word's quotes and closes with its pair; « a » dit-il « b » (the
    closing quote inside too) is a text that quotes, not a quoted text. ’ is also the
    apostrophe, so it is not looked for inside."""
    text = value.strip()
    if len(text) < 2 or text[0] not in WORD_QUOTES:
        return False
    closing = WORD_QUOTES[text[0]]
    if text[-1] not in (closing, text[0]):
        return False
    return closing == "’" or closing not in text[1:-1]


def _strings(data: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str | int):
                yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


Check = Callable[[Context], list[Problem]]
ALL_CHECKS: tuple[Check, ...] = (
    duplicate_ids,
    references,
    reachability,
    endings,
    speakers,
    staging,
    competencies,
    framework_descriptors,
    answers_in_cards,
    identify_from_choice,
    assets,
    translations,
    lengths,
    word_quotes,
)
