"""The identify check finds the ways into a step on the graph; it must find what walking
every play-through found (the slow way it replaced), on the bundled scenarios and on
random graphs with many branches, loops, ``next`` chains and missing targets."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.paths import content_dir
from shared.scenario.checks import Context, _answered_from_choice, identify_from_choice
from shared.scenario.identify import question
from shared.scenario.model import Choice, IdentifyNode, Scenario, SceneNode
from shared.scenario.playthrough import iter_paths, last_choices
from shared.scenario.problem import Problem, sort_key
from shared.scenario.validate import validate_file

Ways = dict[str, dict[str, bool]]
COMPETENCIES = ["oral", "collectif", "organisation", "imprevus", "regles", "maths"]


def walked_ways(scenario: Scenario) -> Ways:
    """The former check's search: every play-through, the last choice before each step."""
    ways: Ways = {}
    for path in iter_paths(scenario, limit=2000):
        last: Choice | None = None
        for node_id, choice_id in path:
            node = scenario.node(node_id)
            if isinstance(node, IdentifyNode):
                asked = question(node, last)
                playable = len(asked.cards) >= 3 and set(asked.answers) <= set(asked.cards)
                ways.setdefault(node_id, {})[last.id if last else ""] = (
                    playable and asked.from_choice
                )
            if isinstance(node, SceneNode) and choice_id is not None:
                last = next(c for c in node.choices if c.id == choice_id)
    return ways


def graph_ways(scenario: Scenario) -> Ways:
    found = last_choices(scenario).items()
    return {
        step: _answered_from_choice(node, chosen)
        for step, chosen in found
        if isinstance(node := scenario.node(step), IdentifyNode)
    }


def walked_problems(ctx: Context) -> list[Problem]:
    """The former check's problems, from :func:`walked_ways`."""
    rows = {node.id: i for i, node in enumerate(ctx.scenario.nodes)}
    return [
        ctx.problem(
            ctx.node_path(rows[step], "answers"),
            "check.identify_no_choice",
            "warning",
            choice=choice_id or "—",
        )
        for step, by_choice in walked_ways(ctx.scenario).items()
        if any(by_choice.values())
        for choice_id, from_choice in by_choice.items()
        if not from_choice
    ]


BUNDLED = sorted((content_dir() / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_same_problems_as_walking_every_path(path: Path):
    seen: list[Context] = []

    def keep(ctx: Context) -> list[Problem]:
        seen.append(ctx)  # the validator's own context, to compare the walks over it
        return []

    found = validate_file(path, extra=(keep,))
    assert seen and seen[0].complete
    ctx = seen[0]
    new = sorted((p for p in found if p.key == "check.identify_no_choice"), key=sort_key)
    assert new == sorted(identify_from_choice(ctx), key=sort_key)
    assert new == sorted(walked_problems(ctx), key=sort_key)
    assert graph_ways(ctx.scenario) == walked_ways(ctx.scenario)


def test_many_branches_same_ways():
    """A generated scenario with many branches (hundreds of play-throughs), one way into
    the identify step showing nothing: that way is named, as before."""
    nodes = [_scene(k, [f"n{k + 1}", f"n{k + 2}"], shows=True) for k in range(14)]
    nodes[13] = _scene(13, ["pick", "end"], shows=False)
    nodes[12] = _scene(12, ["pick", "n13"], shows=True)
    nodes += [_identify("pick", "end"), _ending("end"), _ending("n14")]
    scenario = _scenario(nodes)
    ways = graph_ways(scenario)
    assert ways == walked_ways(scenario)
    assert ways == {"pick": {"c0": True, "c0x": False}}


def _line() -> dict:
    return {"text": "Bonjour."}


def _scene(k: int, targets: list[str], shows: bool) -> dict:
    choices = [
        {
            "id": f"c{j}" if shows else f"c{j}x",
            "text": "Oui",
            "goto": target,
            "shows": (
                [{"competency": COMPETENCIES[(k + j) % 6], "level": 2, "why": "Bien."}]
                if shows
                else []
            ),
        }
        for j, target in enumerate(targets)
    ]
    return {"id": f"n{k}", "lines": [_line()], "choices": choices}


def _identify(node_id: str, then: str, cards: list[str] | None = None) -> dict:
    return {
        "id": node_id,
        "type": "identify",
        "cards": cards or COMPETENCIES[:4],
        "answers": ["oral"],
        "why": "Tu as parlé.",
        "hint": "Pense au groupe.",
        "next": then,
    }


def _ending(node_id: str) -> dict:
    return {"id": node_id, "type": "ending", "title": "Fin", "lines": [_line()]}


def _scenario(nodes: list[dict], start: str = "n0") -> Scenario:
    suggestion = {"text": "J'ai aidé.", "competencies": ["oral"]}
    return Scenario.model_validate(
        {
            "id": "gen",
            "version": "1",
            "title": "T",
            "summary": "S",
            "place": {"name": "P", "background": "images/backgrounds/stade.svg"},
            "start": start,
            "nodes": nodes,
            "reflect": {"suggestions": [{"id": f"s{i}", **suggestion} for i in range(3)]},
        }
    )


@st.composite
def graphs(draw: st.DrawFn) -> Scenario:
    """Up to 9 nodes: scenes with 2-4 choices (some showing nothing, some to a missing
    node) or a ``next``, identify steps with few or many cards, endings; loops allowed.
    Choice ids are unique in the scenario, as the former check keyed ways by id alone."""
    size = draw(st.integers(2, 9))
    ids = [f"n{k}" for k in range(size)]
    targets = st.sampled_from([*ids, "nowhere"]) if draw(st.booleans()) else st.sampled_from(ids)
    nodes: list[dict] = []
    for k, node_id in enumerate(ids):
        kind = draw(st.sampled_from(["scene", "scene", "next", "identify", "ending"]))
        if kind == "ending":
            nodes.append(_ending(node_id))
        elif kind == "identify":
            cards = draw(
                st.lists(st.sampled_from(COMPETENCIES), min_size=3, max_size=6, unique=True)
            )
            nodes.append(_identify(node_id, draw(targets), cards))
        elif kind == "next":
            nodes.append({"id": node_id, "lines": [_line()], "next": draw(targets)})
        else:
            count = draw(st.integers(2, 4))
            choices = []
            for j in range(count):
                shown = draw(st.lists(st.sampled_from(COMPETENCIES), max_size=2, unique=True))
                choices.append(
                    {
                        "id": f"c{k}-{j}",
                        "text": "Oui",
                        "goto": draw(targets),
                        "shows": [{"competency": c, "level": 1, "why": "Bien."} for c in shown],
                    }
                )
            nodes.append({"id": node_id, "lines": [_line()], "choices": choices})
    return _scenario(nodes)


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(scenario=graphs())
def test_random_graphs_same_ways_as_walking_every_path(scenario: Scenario):
    assert graph_ways(scenario) == walked_ways(scenario)
