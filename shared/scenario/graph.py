"""A scenario's branching as a diagram (Mermaid or Graphviz dot), like Yarn Spinner's graph.

Nodes are labelled with their id and the first words they say; each choice is an edge
labelled with its id and the competencies it shows (``oral 2, collectif 3``). Identify
steps and endings have their own shapes and colours, so the rhythm of a scenario —
situation, choice, "which competency?", ending — is visible at a glance.
"""

from shared.scenario.model import Choice, Ending, IdentifyNode, Scenario, SceneNode
from shared.scenario.playthrough import outgoing
from shared.text import localize

LABEL_WORDS = 5
FORMATS = ("mermaid", "dot")


def short_label(node: SceneNode | IdentifyNode | Ending, lang: str = "fr") -> str:
    """The node's first words (or its ending title / identify prompt), for a diagram."""
    if isinstance(node, Ending):
        text = localize(node.title, lang)
    elif isinstance(node, IdentifyNode):
        text = localize(node.prompt, lang)
    else:
        text = localize(node.lines[0].text, lang)
    words = text.split()
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


def edge_label(choice: Choice | None) -> str:
    """``choice-id: oral 2, collectif 3`` (empty for a plain ``next``)."""
    if choice is None:
        return ""
    shown = ", ".join(f"{s.competency} {s.level}" for s in choice.shows)
    return f"{choice.id}: {shown}" if shown else choice.id


def to_mermaid(scenario: Scenario, lang: str = "fr") -> str:
    """A Mermaid ``flowchart TD`` (GitHub and GitLab render it in Markdown)."""
    out = [
        "flowchart TD",
        f'    start(("{_mermaid_text(scenario.start)}")) --> {_mid(scenario.start)}',
    ]
    for node in scenario.nodes:
        out.append(f"    {_mid(node.id)}{_mermaid_shape(node, lang)}")
    for node in scenario.nodes:
        for choice, target in outgoing(node):
            label = edge_label(choice)
            arrow = f'-->|"{_mermaid_text(label)}"|' if label else "-->"
            out.append(f"    {_mid(node.id)} {arrow} {_mid(target)}")
    out += [
        "    classDef ending fill:#c8e6c9,stroke:#2e7d32,stroke-width:2px",
        "    classDef identify fill:#fff3c4,stroke:#b7791f",
    ]
    out += [f"    class {_mid(n.id)} {_kind(n)}" for n in scenario.nodes if _kind(n) != "scene"]
    return "\n".join(out) + "\n"


def _mermaid_shape(node: SceneNode | IdentifyNode | Ending, lang: str) -> str:
    text = _mermaid_text(f"{node.id}: {short_label(node, lang)}")
    if isinstance(node, Ending):
        return f'(["{text}"])'
    if isinstance(node, IdentifyNode):
        return '{{"' + text + '"}}'
    return f'["{text}"]'


def _mid(node_id: str) -> str:
    """A Mermaid-safe id: ``end`` and hyphens would confuse its parser."""
    return "n_" + node_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def to_dot(scenario: Scenario, lang: str = "fr") -> str:
    """A Graphviz digraph (``dot -Tsvg``)."""
    out = [
        f"digraph {_dot_text(scenario.id)} {{",
        "    rankdir=TB;",
        '    node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="sans-serif"];',
        '    edge [fontname="sans-serif", fontsize=10];',
        '    "__start" [shape=circle, label="start", fillcolor="#e0e0e0"];',
        f'    "__start" -> {_dot_text(scenario.start)};',
    ]
    for node in scenario.nodes:
        label = _dot_text(f"{node.id}\n{short_label(node, lang)}")
        out.append(f"    {_dot_text(node.id)} [label={label}{_dot_style(node)}];")
    for node in scenario.nodes:
        for choice, target in outgoing(node):
            label = edge_label(choice)
            attrs = f" [label={_dot_text(label)}]" if label else ""
            out.append(f"    {_dot_text(node.id)} -> {_dot_text(target)}{attrs};")
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_style(node: SceneNode | IdentifyNode | Ending) -> str:
    if isinstance(node, Ending):
        return ', shape=doubleoctagon, fillcolor="#c8e6c9"'
    if isinstance(node, IdentifyNode):
        return ', shape=hexagon, fillcolor="#fff3c4"'
    return ""


def _dot_text(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _kind(node: SceneNode | IdentifyNode | Ending) -> str:
    if isinstance(node, Ending):
        return "ending"
    return "identify" if isinstance(node, IdentifyNode) else "scene"


def render(scenario: Scenario, fmt: str, lang: str = "fr") -> str:
    """The diagram in ``fmt`` (one of FORMATS)."""
    return to_dot(scenario, lang) if fmt == "dot" else to_mermaid(scenario, lang)
