"""Every play-through of a scenario, bounded: for ``diva-scenario paths`` and for tests.

A play-through is the list of ``(node_id, choice_id | None)`` steps from ``start`` to an
ending (``None``: the node continues by ``next``, or is the ending itself). Loops are
allowed in a story ("try again"), so a node may come back once per play-through; the
enumeration stops at ``limit`` play-throughs and says so.
"""

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from shared.scenario.model import Choice, Ending, IdentifyNode, Scenario, SceneNode
from shared.text import localize

Step = tuple[str, str | None]
MAX_VISITS = 2
DEFAULT_LIMIT = 10_000


def outgoing(node: SceneNode | IdentifyNode | Ending) -> list[tuple[Choice | None, str]]:
    """The ways on from ``node``: (the choice taken or None for ``next``, target id)."""
    if isinstance(node, Ending):
        return []
    if isinstance(node, SceneNode) and node.choices:
        return [(choice, choice.goto) for choice in node.choices]
    return [(None, node.next)] if node.next else []


def iter_paths(scenario: Scenario, limit: int = DEFAULT_LIMIT) -> Iterator[list[Step]]:
    """Yield up to ``limit`` play-throughs; each ends at an ending, or where the story is
    stuck (a missing node), so a test can assert that every one ends well."""
    nodes = {node.id: node for node in scenario.nodes}
    if scenario.start not in nodes:
        return
    yielded = 0
    stack: list[tuple[str, list[Step], Counter[str]]] = [
        (scenario.start, [], Counter({scenario.start: 1}))
    ]
    while stack and yielded < limit:
        node_id, steps, visits = stack.pop()
        node = nodes[node_id]
        ways = outgoing(node)
        if not ways or any(target not in nodes for _, target in ways):
            yielded += 1
            yield [*steps, (node_id, None)]
            continue
        for choice, target in reversed(ways):
            if visits[target] >= MAX_VISITS:
                continue
            step = (node_id, choice.id if choice else None)
            stack.append((target, [*steps, step], visits + Counter({target: 1})))


def last_choices(scenario: Scenario) -> dict[str, list[Choice | None]]:
    """For each identify step some play-through goes through, the last choices a player
    can have made before it (None: reached by ``next`` only from the start). Found on the
    graph, linear in its size per step: the choices into the step, or into the scenes
    whose ``next`` chain leads to it. Only ways that a play-through of :func:`iter_paths`
    can finish count (a step stuck in a loop with no ending is left to ``reachability``).
    """
    nodes = {node.id: node for node in scenario.nodes}
    if scenario.start not in nodes:
        return {}
    ways = {node_id: _ways_on(node, nodes) for node_id, node in nodes.items()}
    reached = _closure([scenario.start], {k: [t for _, t in v] for k, v in ways.items()})
    ends = [node_id for node_id, way in ways.items() if not way]
    back: dict[str, list[str]] = {}
    into: dict[str, list[tuple[str, Choice | None]]] = {}
    for source in reached:
        for choice, target in ways[source]:
            back.setdefault(target, []).append(source)
            into.setdefault(target, []).append((source, choice))
    finishing = _closure(ends, back)
    return {
        node.id: _choices_before(node.id, into, scenario.start)
        for node in scenario.nodes
        if isinstance(node, IdentifyNode) and node.id in reached and node.id in finishing
    }


def _ways_on(
    node: SceneNode | IdentifyNode | Ending, nodes: dict
) -> list[tuple[Choice | None, str]]:
    """A node's ways on as :func:`iter_paths` takes them: none when one leads nowhere."""
    ways = outgoing(node)
    return [] if any(target not in nodes for _, target in ways) else ways


def _closure(first: list[str], edges: dict[str, list[str]]) -> set[str]:
    """Every node reached from ``first`` along ``edges``."""
    seen = set(first)
    todo = list(first)
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _choices_before(
    step: str, into: dict[str, list[tuple[str, Choice | None]]], start: str
) -> list[Choice | None]:
    """The choices that lead to ``step`` directly or through ``next`` links only."""
    found: list[Choice | None] = []
    seen = {step}
    todo = [step]
    while todo:
        node_id = todo.pop()
        if node_id == start and None not in found:
            found.append(None)
        for source, choice in into.get(node_id, ()):
            if choice is not None:
                found.append(choice)
            elif source not in seen:
                seen.add(source)
                todo.append(source)
    return found


@dataclass
class PathReport:
    """What ``paths`` prints: counts per ending and per competency, and the sizes."""

    paths: list[list[Step]]
    capped: bool
    endings: Counter[str] = field(default_factory=Counter)
    shown_in: Counter[str] = field(default_factory=Counter)
    levels: dict[str, set[int]] = field(default_factory=dict)


def report(scenario: Scenario, limit: int = DEFAULT_LIMIT) -> PathReport:
    """Enumerate the play-throughs (one more than ``limit`` tells whether it was capped)."""
    found = list(iter_paths(scenario, limit + 1))
    result = PathReport(found[:limit], capped=len(found) > limit)
    choices = _choices_by_step(scenario)
    for steps in result.paths:
        result.endings[steps[-1][0]] += 1
        shown: set[str] = set()
        for step in steps:
            for shows in choices.get(step, ()):
                shown.add(shows.competency)
                result.levels.setdefault(shows.competency, set()).add(shows.level)
        result.shown_in.update(shown)
    return result


def _choices_by_step(scenario: Scenario) -> dict[Step, list]:
    return {
        (node.id, choice.id): choice.shows
        for node in scenario.nodes
        if isinstance(node, SceneNode)
        for choice in node.choices
    }


@dataclass(frozen=True)
class Stats:
    """Sizes in the manner of ``inklecate -s``: how much there is to read and choose."""

    nodes: int
    choices: int
    lines: int
    words: int


def stats(scenario: Scenario, lang: str = "fr") -> Stats:
    """Count nodes, choices, dialogue lines and the words of lines and choices."""
    lines = [
        line for node in scenario.nodes if not isinstance(node, IdentifyNode) for line in node.lines
    ]
    choices = [c for node in scenario.nodes if isinstance(node, SceneNode) for c in node.choices]
    texts = [localize(line.text, lang) for line in lines] + [
        localize(c.text, lang) for c in choices
    ]
    words = sum(len(re.findall(r"\w+(?:['’-]\w+)*", text)) for text in texts)
    return Stats(len(scenario.nodes), len(choices), len(lines), words)
