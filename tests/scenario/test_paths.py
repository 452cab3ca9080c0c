"""Play-through enumeration: counts, loops, the cap."""

from shared.scenario.cli import main, paths_report
from shared.scenario.loading import load_scenario
from shared.scenario.model import Scenario
from shared.scenario.playthrough import iter_paths, report, stats


def _branching(depth: int) -> Scenario:
    """A chain of ``depth`` scenes with two choices each: 2**depth play-throughs."""
    nodes = []
    for level in range(depth):
        target = f"n{level + 1}" if level + 1 < depth else "fin"
        choices = [
            {
                "id": c,
                "text": c,
                "goto": target,
                "shows": [{"competency": "oral", "level": 1 + (c == "b"), "why": "x"}],
            }
            for c in ("a", "b")
        ]
        nodes.append({"id": f"n{level}", "lines": [{"text": "t"}], "choices": choices})
    nodes.append({"id": "fin", "type": "ending", "title": "f", "lines": [{"text": "fin"}]})
    return Scenario.model_validate(
        {
            "id": "b",
            "version": "1",
            "title": "t",
            "summary": "s",
            "place": {"name": "p", "background": "x.svg"},
            "start": "n0",
            "nodes": nodes,
            "reflect": {"suggestions": [{"id": f"s{i}", "text": "t"} for i in range(3)]},
        }
    )


def test_valid_file_paths(valid_file, content_root):
    scenario = load_scenario(valid_file, content_root)
    assert list(iter_paths(scenario)) == [
        [("debut", "parler"), ("fin-a", None)],
        [("debut", "aider"), ("identifier", None), ("fin-b", None)],
    ]
    found = report(scenario)
    assert found.endings == {"fin-a": 1, "fin-b": 1}
    assert found.shown_in == {"oral": 1}
    assert found.levels == {"oral": {2}}
    assert not found.capped


def test_count_and_cap():
    scenario = _branching(6)
    assert len(list(iter_paths(scenario))) == 64
    capped = report(scenario, limit=10)
    assert capped.capped and len(capped.paths) == 10
    assert report(scenario).shown_in["oral"] == 64
    assert report(scenario).levels["oral"] == {1, 2}


def test_loops_are_followed_once():
    scenario = _branching(1).model_copy()
    data = scenario.model_dump()
    data["nodes"][0]["choices"][1]["goto"] = "n0"  # "try again"
    looping = Scenario.model_validate(data)
    paths = list(iter_paths(looping))
    assert [("n0", "a"), ("fin", None)] in paths
    assert [("n0", "b"), ("n0", "a"), ("fin", None)] in paths
    assert len(paths) == 2


def test_stats_and_report_lines(valid_file, content_root, french):
    scenario = load_scenario(valid_file, content_root)
    assert stats(scenario) == stats(scenario, "fr")
    assert (stats(scenario).nodes, stats(scenario).choices, stats(scenario).lines) == (4, 2, 3)
    lines = paths_report(scenario, 100, french)
    assert lines[0] == "Scénario « broken » : 2 parcours"
    assert "  fin-a (Fin A) : 1 parcours" in lines
    assert "  oral : dans 1 parcours sur 2 ; niveaux 2" in lines
    assert lines[-1].startswith("Statistiques : 4 nœuds, 2 choix, 3 répliques")


def test_paths_command(valid_file, content_root, capsys):
    assert main(["paths", "--content-root", str(content_root), str(valid_file)]) == 0
    out = capsys.readouterr().out
    assert "debut[parler] → fin-a" in out
