"""Diagrams: every node and choice appears, competencies label the edges."""

from shared.scenario.graph import edge_label, render
from shared.scenario.loading import load_scenario


def test_mermaid(valid_file, content_root):
    scenario = load_scenario(valid_file, content_root)
    text = render(scenario, "mermaid")
    assert text.startswith("flowchart TD\n")
    assert 'n_debut -->|"parler: oral 2"| n_fin_a' in text
    assert 'n_debut -->|"aider"| n_identifier' in text
    assert "n_identifier --> n_fin_b" in text
    assert 'n_fin_a(["fin-a: Fin A"])' in text
    assert 'n_identifier{{"identifier: ' in text
    assert "class n_fin_a ending" in text and "class n_identifier identify" in text


def test_dot(valid_file, content_root):
    scenario = load_scenario(valid_file, content_root)
    text = render(scenario, "dot")
    assert text.startswith('digraph "broken" {')
    assert '"debut" -> "fin-a" [label="parler: oral 2"];' in text
    assert '"fin-b" [label="fin-b\\nFin B", shape=doubleoctagon' in text
    assert "shape=hexagon" in text
    assert text.rstrip().endswith("}")


def test_edge_label_lists_competencies_with_levels(valid_file, content_root):
    scenario = load_scenario(valid_file, content_root)
    choice = scenario.node("debut").choices[0]
    assert edge_label(choice) == "parler: oral 2"
    assert edge_label(None) == ""
