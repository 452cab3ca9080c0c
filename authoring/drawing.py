"""A scenario's branching drawn as an SVG picture (or an HTML page around it), with no
Graphviz or Mermaid to install: a trainer opens it in any browser.

Layered layout (after Sugiyama): each node goes one layer below the lowest node that leads
to it (longest path from ``start``, loops left aside); within a layer, nodes are ordered by
the mean position of the nodes that lead to them (two sweeps), which keeps most arrows
short and uncrossed. A choice is an arrow labelled with its id and the icons of the
competencies it shows (with the level); a way back up (a loop) curves round the side.
Identify steps are yellow with a « ? » badge, endings green with a flag; a node never
reached from the start, or from which no ending can be reached, is red and says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape, quoteattr

import pygame.font

from shared import look
from shared.framework import default_framework
from shared.i18n import Catalogue
from shared.look.files import font_path
from shared.look.text import Measure, shorten, wrap_text
from shared.scenario.model import Choice, Ending, IdentifyNode, Scenario, SceneNode
from shared.scenario.playthrough import outgoing
from shared.text import localize

NODE_W, NODE_H = 236, 112
GAP_X, GAP_Y = 64, 190
MARGIN, HEADER = 48, 120
ICON = 22
LABEL_W = NODE_W - 28  # a node's first words, 15 px text, between 14 px margins
LABEL_LINES = 3
INK = "#2B2540"
COLORS = {
    "scene": ("#FFFFFF", "#5B5275"),
    "identify": ("#FFF3C4", "#B7791F"),
    "ending": ("#C8E6C9", "#2E7D32"),
    "problem": ("#FDE2E1", "#C62828"),
}

Node = SceneNode | IdentifyNode | Ending
BOLD = {"font-weight": "bold"}
END = {"text-anchor": "end"}


# A browser or renderer without Andika draws with its fallback: DejaVu Sans, the widest of
# the usual ones, is up to 17 % wider (bold « ? identifier »). Room is measured with a 20 % margin.
FALLBACK_MARGIN = 1.2


@cache
def _andika(size: int, bold: bool) -> pygame.font.Font:
    pygame.font.init()
    return pygame.font.Font(str(font_path(bold)), size)


@cache
def measure(size: int, bold: bool = False) -> Measure:
    """The room a text needs in the picture's pixels: its width in Andika (the picture's
    first font) with the margin a fallback font needs. Texts are also given ``textLength``
    (their Andika width, see :func:`_text`): browsers then keep them to it in any font;
    renderers that ignore it still fit in the room."""
    face = _andika(size, bold)
    return lambda text: math.ceil(face.size(text)[0] * FALLBACK_MARGIN)


def _text(x: float, y: float, text: str, size: int, fill: str, **attrs: str) -> str:
    """One line of text held to its measured width (``textLength``), see :func:`measure`."""
    width = _andika(size, attrs.get("font-weight") == "bold").size(text)[0]
    extra = "".join(f" {key}={quoteattr(value)}" for key, value in attrs.items())
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" fill="{fill}"{extra} '
        f'textLength="{width}" lengthAdjust="spacingAndGlyphs">{escape(text)}</text>'
    )


@dataclass
class Placed:
    """A node and where it is drawn."""

    node: Node
    layer: int
    x: float = 0.0
    y: float = 0.0
    problem: str = ""  # "", "unreachable" or "dead_end"

    @property
    def kind(self) -> str:
        if isinstance(self.node, Ending):
            return "ending"
        return "identify" if isinstance(self.node, IdentifyNode) else "scene"


@dataclass
class Layout:
    placed: dict[str, Placed] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0


def layout(scenario: Scenario) -> Layout:
    """Layers by distance from start; order in a layer by the parents' mean position."""
    nodes = {node.id: node for node in scenario.nodes}
    depth = _depths(scenario, nodes)
    last = max(depth.values(), default=0)
    unreachable = [n.id for n in scenario.nodes if n.id not in depth]
    for node_id in unreachable:
        depth[node_id] = last + 1
    stuck = dead_ends(scenario)
    result = Layout()
    layers: dict[int, list[str]] = {}
    for node in scenario.nodes:  # file order first: a stable drawing
        layers.setdefault(depth[node.id], []).append(node.id)
        problem = "unreachable" if node.id in unreachable else ""
        problem = problem or ("dead_end" if node.id in stuck else "")
        result.placed[node.id] = Placed(node, depth[node.id], problem=problem)
    parents = _parents(scenario, nodes)
    for _ in range(2):
        for layer in sorted(layers):
            order = layers[layer]
            index = {node_id: i for i, node_id in enumerate(order)}
            layers[layer] = sorted(order, key=lambda n: (_mean(parents[n], result), index[n]))
            for i, node_id in enumerate(layers[layer]):
                result.placed[node_id].x = i
    widest = max((len(ids) for ids in layers.values()), default=1)
    result.width = MARGIN * 2 + widest * NODE_W + (widest - 1) * GAP_X + 120
    for layer, ids in layers.items():
        row = len(ids) * NODE_W + (len(ids) - 1) * GAP_X
        left = (result.width - row) / 2
        for i, node_id in enumerate(ids):
            placed = result.placed[node_id]
            placed.x = left + i * (NODE_W + GAP_X)
            placed.y = HEADER + layer * (NODE_H + GAP_Y)
    result.height = HEADER + (max(layers, default=0) + 1) * (NODE_H + GAP_Y) + MARGIN
    return result


def _depths(scenario: Scenario, nodes: dict[str, Node]) -> dict[str, int]:
    """Longest distance from start, over the graph without its loops (a « try again » arrow
    back up is drawn round the side instead)."""
    if scenario.start not in nodes:
        return {}
    forward: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    order: list[str] = []
    stack: list[tuple[str, int]] = [(scenario.start, 0)]
    state[scenario.start] = 1
    while stack:
        current, index = stack.pop()
        targets = [t for _, t in outgoing(nodes[current]) if t in nodes]
        if index < len(targets):
            stack.append((current, index + 1))
            target = targets[index]
            if state.get(target) == 1:
                continue  # a loop: not a layer constraint
            forward[current].append(target)
            if target not in state:
                state[target] = 1
                stack.append((target, 0))
        else:
            state[current] = 2
            order.append(current)
    depth = {node_id: 0 for node_id in order}
    for node_id in reversed(order):  # topological order of the loop-free graph
        for target in forward[node_id]:
            depth[target] = max(depth[target], depth[node_id] + 1)
    return depth


def _parents(scenario: Scenario, nodes: dict[str, Node]) -> dict[str, list[str]]:
    parents: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for node in scenario.nodes:
        for _, target in outgoing(node):
            if target in parents:
                parents[target].append(node.id)
    return parents


def _mean(parents: list[str], result: Layout) -> float:
    above = [result.placed[p].x for p in parents if p in result.placed]
    return sum(above) / len(above) if above else math.inf


def dead_ends(scenario: Scenario) -> set[str]:
    """Nodes from which no ending can be reached (the player would be stuck)."""
    nodes = {node.id: node for node in scenario.nodes}
    done = {n.id for n in scenario.nodes if isinstance(n, Ending)}
    changed = True
    while changed:
        changed = False
        for node in scenario.nodes:
            if node.id not in done and any(t in done for _, t in outgoing(node) if t in nodes):
                done.add(node.id)
                changed = True
    return set(nodes) - done


# -- drawing ---------------------------------------------------------------------------


def to_svg(scenario: Scenario, t: Catalogue) -> str:
    """The whole picture, standalone (icons inlined as symbols)."""
    shape = layout(scenario)
    used = sorted({s.competency for n in scenario.nodes for c in _choices(n) for s in c.shows})
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{shape.width:.0f}" height="{shape.height:.0f}" '
        f'viewBox="0 0 {shape.width:.0f} {shape.height:.0f}" '
        'font-family="Andika, \'Segoe UI\', Arial, sans-serif" role="img" '
        f"aria-label={quoteattr(localize(scenario.title, t.lang))}>",
        "<defs>",
        '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        f'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{INK}"/></marker>',
        *(_symbol(competency) for competency in used),
        "</defs>",
        '<rect width="100%" height="100%" fill="#FBF7F0"/>',
        *_header(scenario, t, shape),
    ]
    labels: list[str] = []
    for node in scenario.nodes:
        ways = [(c, t) for c, t in outgoing(node) if t in shape.placed]
        # each arrow leaves from its own point, in the order of where it goes: no crossing
        order = sorted(range(len(ways)), key=lambda i: (shape.placed[ways[i][1]].x, i))
        for slot, index in enumerate(order):
            choice, target = ways[index]
            drawn = _edge(
                shape, shape.placed[node.id], shape.placed[target], choice, slot, len(ways)
            )
            parts.append(drawn[0])
            labels += drawn[1:]
    for placed in shape.placed.values():
        parts += _node(placed, scenario, t)
    parts += labels  # on top of every arrow and node
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _choices(node: Node) -> list[Choice]:
    return list(node.choices) if isinstance(node, SceneNode) else []


def _header(scenario: Scenario, t: Catalogue, shape: Layout) -> list[str]:
    title = escape(localize(scenario.title, t.lang))
    x = MARGIN
    legend = []
    for kind, key in (
        ("scene", "graph.legend.scene"),
        ("identify", "graph.legend.identify"),
        ("ending", "graph.legend.ending"),
        ("problem", "graph.legend.problem"),
    ):
        fill, stroke = COLORS[kind]
        legend.append(
            f'<rect x="{x}" y="64" width="26" height="18" rx="5" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="2"/>'
        )
        legend.append(
            f'<text x="{x + 34}" y="78" font-size="15" fill="{INK}">{escape(t(key))}</text>'
        )
        x += 44 + measure(15)(t(key)) + 8
    return [
        f'<text x="{MARGIN}" y="44" font-size="26" font-weight="bold" fill="{INK}">{title}'
        f' <tspan font-size="16" font-weight="normal">({escape(scenario.id)})</tspan></text>',
        *legend,
    ]


def _symbol(competency: str) -> str:
    body, color = _icon(competency)
    return (
        f'<symbol id="icon-{escape(competency)}" viewBox="0 0 128 128">'
        f'<circle cx="64" cy="64" r="64" fill="{color}" opacity="0.18"/>{body}</symbol>'
    )


def _icon(competency: str) -> tuple[str, str]:
    """The game's icon drawing for a competency, and its colour (a plain disc if missing)."""
    try:
        body, colors = look.icon_body(competency), look.competency_colors()
    except Exception:  # an icon never stops a drawing
        body, colors = "", {}
    color = colors.get(competency, "#7E6FA8")
    if not body:
        letter = escape(competency[:1].upper())
        body = (
            f'<circle cx="64" cy="64" r="56" fill="{color}"/><text x="64" y="88" '
            f'font-size="72" text-anchor="middle" fill="#fff">{letter}</text>'
        )
    return body, color


def _node(placed: Placed, scenario: Scenario, t: Catalogue) -> list[str]:
    node, x, y = placed.node, placed.x, placed.y
    fill, stroke = COLORS["problem" if placed.problem else placed.kind]
    width = 4 if placed.problem or node.id == scenario.start else 2
    title = escape(f"{node.id} — {_full_text(node, t.lang)}")
    out = [
        f'<g class="node {placed.kind}{" problem" if placed.problem else ""}" '
        f"id={quoteattr('node-' + node.id)}><title>{title}</title>",
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="16" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>',
    ]
    badge = _badge(placed, scenario, t)
    id_y, lines = y + 24, LABEL_LINES
    if badge:  # on the first row, right; a long id then goes below it (never under it)
        out.append(_text(x + NODE_W - 12, y + 24, badge, 13, INK, **BOLD, **END))
        room = LABEL_W - measure(13, True)(badge) - 12
        if measure(15, True)(node.id) > room:
            id_y, lines = y + 44, LABEL_LINES - 1
    out.append(_text(x + 14, id_y, shorten(node.id, LABEL_W, measure(15, True)), 15, INK, **BOLD))
    for number, line in enumerate(_wrap(_first_words(node, t.lang), lines)):
        out.append(_text(x + 14, id_y + 26 + number * 19, line, 15, INK))
    if placed.problem:
        out.append(_text(x + 14, y + NODE_H - 8, t("graph." + placed.problem), 13, stroke, **BOLD))
    out.append("</g>")
    return out


def _badge(placed: Placed, scenario: Scenario, t: Catalogue) -> str:
    if placed.node.id == scenario.start:
        return t("graph.start")
    if placed.kind == "identify":
        return "? " + t("graph.identify")
    if placed.kind == "ending":
        return "⚑ " + t("graph.ending")
    return ""


def _first_words(node: Node, lang: str) -> str:
    if isinstance(node, Ending):
        return localize(node.title, lang) + " — " + localize(node.lines[0].text, lang)
    if isinstance(node, IdentifyNode):
        return localize(node.prompt, lang) + " " + " ".join(node.answers)
    return localize(node.lines[0].text, lang)


def _full_text(node: Node, lang: str) -> str:
    if isinstance(node, IdentifyNode):
        return localize(node.prompt, lang)
    return " / ".join(localize(line.text, lang) for line in node.lines)


def _wrap(text: str, lines: int) -> list[str]:
    """The first words on up to ``lines`` lines of the node, « … » when there is more
    (French punctuation kept with its word, as the game wraps)."""
    return wrap_text(text, LABEL_W, measure(15), max_lines=lines)


def _edge(
    shape: Layout, source: Placed, target: Placed, choice: Choice | None, number: int, count: int
) -> list[str]:
    """An arrow; downwards smooth S curves from its own point on the node's lower edge,
    through the gaps of the layers it crosses (never over a node); back up (a loop) round
    the right side. Labels are staggered under the node so they do not cover one another."""
    sx = source.x + NODE_W * (number + 1) / (count + 1)
    sy = source.y + NODE_H
    tx, ty = target.x + NODE_W / 2, target.y
    if target.layer > source.layer:
        segments = _downwards(shape, (sx, sy), (tx, ty - 2), source.layer, target.layer)
        # labels in the gap just below the node, one under the other
        first = segments[0]
        label = _bezier(first, _share_at_y(first, sy + 26 + 38 * number))  # 26..140 of 190
    else:
        right = max(source.x, target.x) + NODE_W + 40 + 18 * number
        sx, sy = source.x + NODE_W, source.y + NODE_H / 2 + 8 * number
        tx, ty = target.x + NODE_W + 2, target.y + NODE_H / 2
        if source is target:  # « try again » on itself: a loop on the right side
            sy, ty, right = source.y + 28, source.y + NODE_H - 28, right + 30
        segments = [((sx, sy), (right, sy), (right, ty), (tx, ty))]
        label = _bezier(segments[0], 0.5)
    path = f"M{segments[0][0][0]:.0f},{segments[0][0][1]:.0f}"
    for (_, _), (x1, y1), (x2, y2), (x3, y3) in segments:
        path += f" C{x1:.0f},{y1:.0f} {x2:.0f},{y2:.0f} {x3:.0f},{y3:.0f}"
    dashed = ' stroke-dasharray="6 5"' if choice is None else ""
    out = [
        f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="2"{dashed} '
        'marker-end="url(#arrow)"/>'
    ]
    if choice is not None:
        out += _edge_label(choice, *label)
    return out


Point = tuple[float, float]
Segment = tuple[Point, Point, Point, Point]


def _downwards(shape: Layout, start: Point, end: Point, top: int, bottom: int) -> list[Segment]:
    """S curves from ``start`` down to ``end``, passing each layer in between through a gap
    (a straight drop beside its nodes)."""
    segments: list[Segment] = []
    current = start
    for step, layer in enumerate(range(top + 1, bottom), start=1):
        want = start[0] + (end[0] - start[0]) * step / (bottom - top)
        x = _passage(shape, layer, want)
        enter = HEADER + layer * (NODE_H + GAP_Y) - 12
        leave = enter + NODE_H + 24
        segments.append(_s_curve(current, (x, enter)))
        segments.append(((x, enter), (x, enter), (x, leave), (x, leave)))
        current = (x, leave)
    segments.append(_s_curve(current, end))
    return segments


def _s_curve(start: Point, end: Point) -> Segment:
    middle = (start[1] + end[1]) / 2
    return (start, (start[0], middle), (end[0], middle), end)


def _passage(shape: Layout, layer: int, want: float) -> float:
    """An x near ``want`` where an arrow crosses ``layer`` without going over a node."""
    for placed in shape.placed.values():
        if placed.layer == layer and placed.x - 12 <= want <= placed.x + NODE_W + 12:
            before, after = placed.x - GAP_X / 2, placed.x + NODE_W + GAP_X / 2
            return before if want - before < after - want else after
    return want


def _share_at_y(points: tuple[tuple[float, float], ...], y: float) -> float:
    """The curve parameter where a downward arrow reaches height ``y`` (bisection)."""
    low, high = 0.0, 1.0
    for _ in range(30):
        middle = (low + high) / 2
        if _bezier(points, middle)[1] < y:
            low = middle
        else:
            high = middle
    return low


def _bezier(points: tuple[tuple[float, float], ...], t: float) -> tuple[float, float]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    u = 1 - t
    x = u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3
    y = u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3
    return x, y


def _edge_label(choice: Choice, x: float, y: float) -> list[str]:
    """The choice id on a white tag, then one icon and level per competency shown."""
    text_w = measure(13)(choice.id) + 14
    width = text_w + len(choice.shows) * (ICON + 16)
    left = x - width / 2
    out = [
        f'<g class="choice" id={quoteattr("choice-" + choice.id)}>',
        f"<title>{escape(choice.id)}: "
        + escape(", ".join(f"{s.competency} {s.level}" for s in choice.shows) or "-")
        + "</title>",
        f'<rect x="{left:.0f}" y="{y - 14:.0f}" width="{width:.0f}" height="28" rx="8" '
        'fill="#FFFFFF" stroke="#C9C2D6"/>',
        _text(left + 6, y + 5, choice.id, 13, INK),
    ]
    cursor = left + text_w
    for shows in choice.shows:
        out.append(
            f'<use href="#icon-{escape(shows.competency)}" x="{cursor:.0f}" '
            f'y="{y - ICON / 2:.0f}" width="{ICON}" height="{ICON}"/>'
        )
        out.append(_text(cursor + ICON + 2, y + 5, str(shows.level), 12, INK, **BOLD))
        cursor += ICON + 16
    out.append("</g>")
    return out


def to_html(scenario: Scenario, t: Catalogue) -> str:
    """A page around the picture: title, how to read it, the competencies' names."""
    title = escape(localize(scenario.title, t.lang))
    used = sorted({s.competency for n in scenario.nodes for c in _choices(n) for s in c.shows})
    names = _competency_names(scenario, t.lang)
    key = "".join(
        f'<li><svg width="28" height="28" viewBox="0 0 128 128" aria-hidden="true">'
        f"{_icon(c)[0]}</svg> <code>{escape(c)}</code> {escape(names.get(c, ''))}</li>"
        for c in used
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{t.lang}"><head><meta charset="utf-8">'
        f"<title>{title} — {escape(t('graph.page_title'))}</title>"
        "<style>body{font-family:Andika,'Segoe UI',Arial,sans-serif;margin:24px;"
        f"color:{INK};background:#FBF7F0}}h1{{font-size:1.6em}}"
        "ul.key{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px 24px}"
        "ul.key li{display:flex;align-items:center;gap:6px}"
        ".picture{overflow:auto;display:inline-block;border:1px solid #ddd}</style></head><body>"
        f"<h1>{title}</h1><p>{escape(t('graph.how_to_read'))}</p>"
        f'<ul class="key">{key}</ul><div class="picture">{to_svg(scenario, t)}</div>'
        "</body></html>\n"
    )


def _competency_names(scenario: Scenario, lang: str) -> dict[str, str]:
    try:
        framework = default_framework()
        if framework.id != scenario.framework:
            return {}
        return {c.id: localize(c.name, lang) for c in framework.competencies}
    except Exception:  # names are a comfort, not a need
        return {}
