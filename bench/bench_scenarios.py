"""Scenario validation benchmarks: the bundled library, 1,000 generated scenarios, memory.

Run alone with ``python -m bench.bench_scenarios``; ``python -m bench.run`` runs every bench.
Targets (issue "diva-scenario"): the 8 bundled scenarios in < 200 ms; 1,000 scenarios of
20 nodes in < 5 s; parse + validate of that set in < 100 MB.
"""

import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from shared.paths import content_dir
from shared.scenario.validate import validate_paths
from shared.yamlfile import has_libyaml

NODES = 20
COUNT = 1000
COMPETENCIES = ["oral", "collectif", "organisation", "imprevus", "regles", "maths"]


def scenario_text(index: int, nodes: int = NODES) -> str:
    """A valid, fully translated scenario of ``nodes`` nodes: scenes with 2 choices each,
    one identify step, two endings."""
    scenes = nodes - 3
    out = [
        f"id: gen-{index}",
        'version: "1.0"',
        "title: {fr: Le tournoi, en: The tournament}",
        "summary: {fr: Un samedi au stade., en: A Saturday at the stadium.}",
        "place:",
        "  name: {fr: Le stade, en: The stadium}",
        "  background: images/backgrounds/stade.svg",
        "characters:",
        "  - id: sam",
        "    name: {fr: Sam, en: Sam}",
        "start: n0",
        "nodes:",
    ]
    for k in range(scenes):
        next_id = f"n{k + 1}" if k + 1 < scenes else "choisir"
        other = "fin-b" if k % 4 == 3 else next_id
        out += _scene(k, next_id, other)
    out += [
        "  - id: choisir",
        "    type: identify",
        "    cards: [oral, collectif, maths, regles]",
        "    answers: [oral, collectif]",
        "    why: {fr: Tu as parlé au groupe., en: You spoke to the group.}",
        "    hint: {fr: Pense au groupe., en: Think of the group.}",
        "    next: fin-a",
    ]
    for ending in ("fin-a", "fin-b"):
        out += [
            f"  - id: {ending}",
            "    type: ending",
            "    title: {fr: Bravo, en: Well done}",
            "    lines:",
            "      - text: {fr: Le match commence., en: The match begins.}",
        ]
    out += ["reflect:", "  suggestions:"]
    for j in range(3):
        out += [
            f"    - id: s{j}",
            "      text: {fr: J'ai déjà aidé au club., en: I have helped at the club.}",
            "      competencies: [collectif]",
        ]
    return "\n".join(out) + "\n"


def _scene(k: int, first: str, second: str) -> list[str]:
    lines = [
        f"  - id: n{k}",
        "    lines:",
        "      - speaker: sam",
        "        text: {fr: Les petits attendent sur le terrain., en: The kids are waiting.}",
        "      - text: {fr: Tu regardes l'heure., en: You look at the time.}",
        "    choices:",
    ]
    for choice, target in (("a", first), ("b", second)):
        competency = COMPETENCIES[(k + len(choice)) % len(COMPETENCIES)]
        lines += [
            f"      - id: {choice}",
            "        text: {fr: J'explique la règle., en: I explain the rule.}",
            f"        goto: {target}",
            "        shows:",
            f"          - competency: {competency}",
            f"            level: {1 + k % 4}",
            "            why: {fr: Tu as parlé clairement., en: You spoke clearly.}",
        ]
    return lines


def generate(folder: Path, count: int = COUNT, nodes: int = NODES) -> Path:
    """Write a content folder with ``count`` scenarios; returns its scenarios/ folder."""
    scenarios = folder / "scenarios"
    scenarios.mkdir(parents=True)
    background = folder / "images" / "backgrounds" / "stade.svg"
    background.parent.mkdir(parents=True)
    background.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    for index in range(count):
        (scenarios / f"gen-{index}.yaml").write_text(scenario_text(index, nodes), encoding="utf-8")
    return scenarios


def _timed_validation(folder: Path) -> tuple[float, int]:
    start = time.perf_counter()
    problems = validate_paths([folder])
    errors = sum(p.is_error for p in problems)
    return time.perf_counter() - start, errors


def bench_bundled() -> dict:
    folder = content_dir() / "scenarios"
    files = len(list(folder.glob("*.yaml")))
    best = min(_timed_validation(folder)[0] for _ in range(3)) * 1000
    return {
        "name": f"scenarios: validate the {files} bundled",
        "value": best,
        "unit": "ms",
        "target": 200,
    }


def bench_generated(scenarios: Path) -> list[dict]:
    seconds, errors = _timed_validation(scenarios)
    assert errors == 0, f"the generated scenarios should be valid ({errors} errors)"
    nodes_per_second = COUNT * NODES / seconds
    reader = "libyaml" if has_libyaml() else "PyYAML pure-Python (PyYAML built without libyaml)"
    return [
        {
            "name": f"scenarios: validate {COUNT} x {NODES} nodes",
            "value": seconds,
            "unit": "s",
            "target": 5,
            "note": reader,
        },
        {
            "name": "scenarios: validation throughput",
            "value": nodes_per_second,
            "unit": "nodes/s",
            "target": "info",
        },
    ]


def bench_memory(scenarios: Path) -> dict:
    tracemalloc.start()
    try:
        validate_paths([scenarios])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "name": f"scenarios: peak memory, parse + validate {COUNT}",
        "value": peak / 2**20,
        "unit": "MB",
        "target": 100,
        "note": f"(tracemalloc; process max RSS {max_rss:.0f} MB)",
    }


def run() -> list[dict]:
    """The rows for ``bench.run``: name, value, unit, target."""
    rows = [bench_bundled()]
    with tempfile.TemporaryDirectory() as tmp:
        scenarios = generate(Path(tmp) / "content")
        rows += bench_generated(scenarios)
        rows.append(bench_memory(scenarios))
    return rows


def main() -> int:
    for row in run():
        target = row["target"]
        limit = f" (target < {target} {row['unit']})" if isinstance(target, int | float) else ""
        print(f"{row['name']}: {row['value']:.2f} {row['unit']}{limit} {row.get('note', '')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
