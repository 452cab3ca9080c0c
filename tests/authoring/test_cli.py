"""diva-scenario from the studio: the drawn graph (SVG / HTML, no Graphviz), ``paths`` on the
identify step and the end screen, ``validate`` with the game's layout."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from authoring.cli import main
from shared.paths import content_dir
from shared.scenario.model import Scenario
from shared.yamlfile import load_yaml

BUNDLED = sorted((content_dir() / "scenarios").glob("*.yaml"))
BROKEN = Path(__file__).parent / "broken"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_svg_graph_of_every_bundled_scenario_parses_and_names_every_node(
    path: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / f"{path.stem}.svg"
    assert main(["graph", str(path), "--format", "svg", "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    scenario = Scenario.model_validate(load_yaml(path))
    groups = {g.get("id") for g in root.iter(f"{SVG}g")}
    for node in scenario.nodes:
        assert f"node-{node.id}" in groups
        for choice in getattr(node, "choices", []):
            assert f"choice-{choice.id}" in groups
    shown = {
        s.competency for n in scenario.nodes for c in getattr(n, "choices", []) for s in c.shows
    }
    symbols = {s.get("id") for s in root.iter(f"{SVG}symbol")}
    assert symbols == {f"icon-{c}" for c in shown}
    identify = [g for g in root.iter(f"{SVG}g") if "identify" in (g.get("class") or "")]
    assert len(identify) == sum(1 for n in scenario.nodes if n.type == "identify")


def test_html_graph_is_a_page_with_the_picture(tmp_path: Path) -> None:
    out = tmp_path / "club-foot.html"
    assert main(["graph", str(content_dir() / "scenarios" / "club-foot.yaml"), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert (
        page.startswith("<!DOCTYPE html>") and "<svg" in page and "Le coach est en retard" in page
    )
    assert "Communiquer à l’oral" in page  # the key names the competencies shown


def test_unreachable_and_dead_end_nodes_are_drawn_in_red(tmp_path: Path, capsys) -> None:
    source = Path(__file__).parents[1] / "scenario" / "broken" / "no-ending.yaml"
    copy = tmp_path / "no-ending.yaml"
    shutil.copy(source, copy)
    out = tmp_path / "g.svg"
    assert main(["graph", str(copy), "--format", "svg", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "le graphe est dessiné quand même" in err
    root = ET.parse(out).getroot()
    red = {g.get("id") for g in root.iter(f"{SVG}g") if "problem" in (g.get("class") or "")}
    assert red == {"node-fin-a", "node-boucle"}
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "jamais atteint depuis le début" in texts and "aucune fin après ce nœud" in texts


def test_paths_reports_skipped_identify_and_end_screen(capsys) -> None:
    assert main(["paths", str(BROKEN / "too-many-shown.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Étape « identifier » : absente de 1 parcours sur 2" in out
    assert "  debut[parler] → fin-a" in out
    assert "Écran de fin : 1 parcours montrent plus de 8 compétences" in out
    assert "debut[aider] → identifier → fin-b — 10 compétences" in out


def test_paths_on_a_bundled_scenario_is_all_clear(capsys) -> None:
    assert main(["paths", str(content_dir() / "scenarios" / "club-foot.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Écran de fin : chaque parcours montre au plus 8 compétences" in out
    assert "Étape « identifier » : chacun des" in out


def test_validate_exits_1_on_a_cut_text_and_0_on_the_bundled(capsys) -> None:
    assert main(["validate", str(BROKEN / "text-overflow.yaml")]) == 1
    out = capsys.readouterr().out
    assert "text-overflow.yaml:18:20: erreur: ce texte ne tient pas" in out
    assert main(["validate", str(content_dir() / "scenarios")]) == 0


def _extent(text: ET.Element) -> tuple[float, float]:
    """Where a text lies across, with the room a fallback font needs (see authoring.drawing)."""
    from authoring.drawing import FALLBACK_MARGIN

    x, room = float(text.get("x", 0)), float(text.get("textLength", 0)) * FALLBACK_MARGIN
    return (x - room, x) if text.get("text-anchor") == "end" else (x, x + room)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_no_text_of_the_graph_runs_out_of_its_box_or_into_another(
    path: Path, tmp_path: Path
) -> None:
    """Node ids beside « ? identifier », choice ids beside their icons: measured, not guessed
    from a count of letters (« sms-maman » ran into its first icon)."""
    out = tmp_path / f"{path.stem}.svg"
    assert main(["graph", str(path), "--format", "svg", "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    drawn = [
        g
        for g in root.iter(f"{SVG}g")
        if (g.get("class") or "").split()[:1] in (["node"], ["choice"])
    ]
    assert drawn
    for group in drawn:
        box = group.find(f"{SVG}rect")
        assert box is not None
        left, right = float(box.get("x", 0)), float(box.get("x", 0)) + float(box.get("width", 0))
        texts = group.findall(f"{SVG}text")
        assert texts and all(t.get("textLength") for t in texts)
        spans = [(*_extent(t), t.get("y")) for t in texts]
        icons = [float(u.get("x", 0)) for u in group.findall(f"{SVG}use")]
        for start, end, y in spans:
            assert left + 4 <= start and end <= right - 4, (group.get("id"), start, end)
            same_row = [s for s in spans if s[2] == y and s != (start, end, y)]
            assert all(end <= s[0] or s[1] <= start for s in same_row), group.get("id")
        if icons:  # a choice's tag: its id, then the icons
            assert spans[0][1] <= min(icons), group.get("id")


def test_the_fallback_margin_covers_the_widest_usual_font() -> None:
    """Where DejaVu Sans (the widest usual fallback) is installed, the margin covers it."""
    import pygame.font

    from authoring.drawing import FALLBACK_MARGIN, _andika

    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    if not dejavu.exists():
        pytest.skip("DejaVu Sans is not installed here")
    pygame.font.init()
    wide = pygame.font.Font(str(dejavu), 15)
    for word in ("sms-maman", "identifier-courses", "tout-en-meme-temps", "? identifier"):
        assert wide.size(word)[0] <= _andika(15, True).size(word)[0] * FALLBACK_MARGIN
